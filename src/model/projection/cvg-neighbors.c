/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-neighbors"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-neighbors.h"
#include "cvg-projection-private.h"

/* Candidates scored per kernel call, and per chunk of one query. */
#define BLOCK 256
#define QUERY_CHUNK 4096

struct _CvgKnnGraph {
  gsize        n_points;
  gsize        k;
  CvgNeighbor *rows;   /* N × k */
};

typedef struct {
  const float *base;   /* the rows, unit length for cosine */
  gsize        n;
  gsize        d;
  gboolean     cosine;
} Space;

typedef float v4f __attribute__ ((vector_size (16)));
typedef float v8f __attribute__ ((vector_size (32)));

/* Scores of rows [from, to) against @q: squared euclidean distance, or
 * 1 − dot for unit vectors. */
#define SCORE_BODY(VEC, W)                                                   \
  for (gsize c = from; c < to; c++)                                          \
    {                                                                        \
      const float *row = s->base + c * s->d;                                 \
      VEC s0 = { 0 }, s1 = { 0 };                                            \
      float sum = 0;                                                         \
      gsize j = 0;                                                           \
                                                                             \
      for (; j + 2 * W <= s->d; j += 2 * W)                                  \
        {                                                                    \
          VEC a0, a1, b0, b1;                                                \
                                                                             \
          memcpy (&a0, q + j, sizeof a0);                                    \
          memcpy (&a1, q + j + W, sizeof a1);                                \
          memcpy (&b0, row + j, sizeof b0);                                  \
          memcpy (&b1, row + j + W, sizeof b1);                              \
          if (s->cosine)                                                     \
            {                                                                \
              s0 += a0 * b0;                                                 \
              s1 += a1 * b1;                                                 \
            }                                                                \
          else                                                               \
            {                                                                \
              a0 -= b0;                                                      \
              a1 -= b1;                                                      \
              s0 += a0 * a0;                                                 \
              s1 += a1 * a1;                                                 \
            }                                                                \
        }                                                                    \
      s0 += s1;                                                              \
      for (guint x = 0; x < W; x++)                                          \
        sum += s0[x];                                                        \
      for (; j < s->d; j++)                                                  \
        sum += s->cosine ? q[j] * row[j] : (q[j] - row[j]) * (q[j] - row[j]);\
      out[c - from] = s->cosine ? 1.0f - sum : sum;                          \
    }

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_KERNEL 1
__attribute__ ((target ("avx2,fma")))
static void
score_avx2 (const Space *s,
            const float *q,
            gsize        from,
            gsize        to,
            float       *out)
{
  SCORE_BODY (v8f, 8)
}
#endif

static void
score_generic (const Space *s,
               const float *q,
               gsize        from,
               gsize        to,
               float       *out)
{
  SCORE_BODY (v4f, 4)
}

static void
score (const Space *s,
       const float *q,
       gsize        from,
       gsize        to,
       float       *out)
{
#ifdef HAVE_AVX2_KERNEL
  if (cvg_cpu_has_avx2 ())
    {
      score_avx2 (s, q, from, to, out);
      return;
    }
#endif
  score_generic (s, q, from, to, out);
}

/* A max-heap of the k best (score, index) pairs; ties by index. */
typedef struct {
  CvgNeighbor *items;
  gsize        len;
  gsize        k;
} Heap;

static inline gboolean
worse (const CvgNeighbor *a,
       const CvgNeighbor *b)
{
  return a->distance > b->distance || (a->distance == b->distance && a->index > b->index);
}

static void
heap_offer (Heap    *h,
            float    distance,
            guint32  index)
{
  CvgNeighbor item = { index, distance };
  gsize i;

  if (h->k == 0)
    return;
  if (h->len == h->k)
    {
      if (!worse (&h->items[0], &item))
        return;
      /* Replace the root and sift down. */
      i = 0;
      for (;;)
        {
          gsize l = 2 * i + 1, r = l + 1, big = i;
          const CvgNeighbor *cur = &item;

          if (l < h->len && worse (&h->items[l], cur))
            {
              big = l;
              cur = &h->items[l];
            }
          if (r < h->len && worse (&h->items[r], cur))
            big = r;
          if (big == i)
            break;
          h->items[i] = h->items[big];
          i = big;
        }
      h->items[i] = item;
      return;
    }
  i = h->len++;
  while (i > 0 && worse (&item, &h->items[(i - 1) / 2]))
    {
      h->items[i] = h->items[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h->items[i] = item;
}

static int
compare_neighbors (gconstpointer a,
                   gconstpointer b)
{
  const CvgNeighbor *x = a, *y = b;

  return worse (x, y) ? 1 : worse (y, x) ? -1 : 0;
}

/* Sorts the heap nearest first and turns scores into distances. */
static void
heap_finish (Heap    *h,
             gboolean cosine)
{
  if (h->len > 1)
    qsort (h->items, h->len, sizeof (CvgNeighbor), compare_neighbors);
  for (gsize i = 0; i < h->len; i++)
    h->items[i].distance = cosine ? CLAMP (h->items[i].distance, 0.0f, 2.0f)
                                  : sqrtf (MAX (h->items[i].distance, 0.0f));
}

/* Rearranges @a so that its first @k items are the k nearest (by
 * distance, then index: a total order, so the set is deterministic).
 * Quickselect, Hoare's partition around the middle item. */
static void
select_nearest (CvgNeighbor *a,
                gsize        n,
                gsize        k)
{
  gssize lo = 0, hi = (gssize) n, nth = (gssize) k - 1;

  if (k == 0 || k >= n)
    return;
  while (hi - lo > 1)
    {
      CvgNeighbor pivot = a[lo + (hi - 1 - lo) / 2];
      gssize i = lo - 1, j = hi;

      for (;;)
        {
          do
            i++;
          while (worse (&pivot, &a[i]));
          do
            j--;
          while (worse (&a[j], &pivot));
          if (i >= j)
            break;
          CvgNeighbor t = a[i];
          a[i] = a[j];
          a[j] = t;
        }
      if (nth <= j)
        hi = j + 1;
      else
        lo = j + 1;
    }
}

/* The k nearest of a stream of candidates: those under the bound are
 * kept in a buffer of 4k, cut back to the k nearest when it fills (the
 * bound becomes the k-th's score). Amortised O(1) a candidate, where a
 * heap costs O(log k) for each that enters. */
typedef struct {
  CvgNeighbor *items;
  gsize        len;
  gsize        k;
  gsize        capacity;
  float        bound;
} Selector;

static void
selector_cut (Selector *sel)
{
  select_nearest (sel->items, sel->len, sel->k);
  sel->len = MIN (sel->len, sel->k);
  sel->bound = -INFINITY;
  for (gsize t = 0; t < sel->len; t++)
    sel->bound = MAX (sel->bound, sel->items[t].distance);
}

static inline void
selector_offer (Selector *sel,
                float     score,
                guint32   index)
{
  if (score > sel->bound)
    return;
  sel->items[sel->len++] = (CvgNeighbor) { index, score };
  if (sel->len == sel->capacity)
    selector_cut (sel);
}

/* Offers rows [from, to) but @self to @h. */
static void
scan (const Space *s,
      const float *q,
      gsize        self,
      gsize        from,
      gsize        to,
      float       *scores,
      Heap        *h)
{
  for (gsize b = from; b < to; b += BLOCK)
    {
      gsize e = MIN (b + BLOCK, to);

      score (s, q, b, e, scores);
      for (gsize c = b; c < e; c++)
        {
          /* Most candidates lose to the worst kept one: skip the call. */
          if (h->len == h->k && scores[c - b] > h->items[0].distance)
            continue;
          if (c != self)
            heap_offer (h, scores[c - b], (guint32) c);
        }
    }
}

/* The rows scaled to unit length (zero rows stay zero). */
static float *
normalised_copy (const float  *data,
                 gsize         n,
                 gsize         d,
                 GError      **error)
{
  float *copy = cvg_projection_alloc (n, d, sizeof (float), error);

  if (copy == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    {
      const float *row = data + i * d;
      double norm = 0;

      for (gsize j = 0; j < d; j++)
        norm += (double) row[j] * row[j];
      norm = norm > 0 ? 1.0 / sqrt (norm) : 0;
      for (gsize j = 0; j < d; j++)
        copy[i * d + j] = (float) (row[j] * norm);
    }
  return copy;
}

/* Sets up @s (and @owned, for cosine) after checking the sizes. */
static gboolean
space_init (Space        *s,
            float       **owned,
            const float  *data,
            gsize         n,
            gsize         d,
            CvgDistance   distance,
            GError      **error)
{
  if (!cvg_projection_check_matrix (n, d, NULL, error))
    return FALSE;
  *s = (Space) { data, n, d, distance == CVG_DISTANCE_COSINE };
  if (s->cosine)
    {
      *owned = normalised_copy (data, n, d, error);
      if (*owned == NULL)
        return FALSE;
      s->base = *owned;
    }
  return TRUE;
}

typedef struct {
  const Space *s;
  const float *q;
  gsize        self;
  gsize        k;
  CvgNeighbor *partial;  /* per chunk: k items, then the count */
  gsize       *counts;
} QueryJob;

static void
query_chunk (gsize    begin,
             gsize    end,
             gpointer user_data)
{
  QueryJob *job = user_data;
  gsize chunk = begin / QUERY_CHUNK;
  float scores[BLOCK];
  Heap h = { job->partial + chunk * job->k, 0, job->k };

  scan (job->s, job->q, job->self, begin, end, scores, &h);
  job->counts[chunk] = h.len;
}

GArray *
cvg_neighbors_query (const float   *data,
                     gsize          n_points,
                     gsize          n_dims,
                     gsize          query,
                     gsize          k,
                     CvgDistance    distance,
                     guint          n_threads,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree float *owned = NULL;
  g_autofree CvgNeighbor *partial = NULL;
  g_autofree gsize *counts = NULL;
  GArray *result;
  Space s;
  QueryJob job;
  Heap h;
  gsize n_chunks;

  if (!space_init (&s, &owned, data, n_points, n_dims, distance, error))
    return NULL;
  if (!cvg_projection_check_row (query, n_points, error))
    return NULL;
  k = MIN (k, n_points - 1);
  n_chunks = (n_points + QUERY_CHUNK - 1) / QUERY_CHUNK;
  partial = cvg_projection_alloc (n_chunks, MAX (k, 1), sizeof (CvgNeighbor), error);
  if (partial == NULL)
    return NULL;
  counts = g_new0 (gsize, n_chunks);
  job = (QueryJob) { &s, s.base + query * n_dims, query, k, partial, counts };
  cvg_parallel_for (n_points, QUERY_CHUNK, n_threads, cancellable, query_chunk, &job);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Merge the chunks' best in chunk order: the same for any thread count. */
  result = g_array_sized_new (FALSE, FALSE, sizeof (CvgNeighbor), k);
  g_array_set_size (result, k);
  h = (Heap) { (CvgNeighbor *) (gpointer) result->data, 0, k };
  for (gsize c = 0; c < n_chunks; c++)
    for (gsize i = 0; i < counts[c]; i++)
      heap_offer (&h, partial[c * k + i].distance, partial[c * k + i].index);
  heap_finish (&h, s.cosine);
  g_array_set_size (result, h.len);
  return result;
}

/* The graph is a matrix product: blocks of QUERY_BLOCK queries against
 * CANDIDATE_BLOCK candidates, dot products by the float micro-kernel,
 * euclidean scores as ‖a‖² + ‖b‖² − 2 a·b. The k kept of each row get
 * their exact distances again at the end. */
#define QUERY_BLOCK 64
#define CANDIDATE_BLOCK 256

typedef struct {
  const Space *s;
  CvgKnnGraph *graph;
  const float *packed;   /* the candidates in groups of 16: [group][d][16] */
  const float *norms;    /* squared, for euclidean */
  CvgProgressFunc progress;
  gpointer     progress_data;
  gsize        done;     /* atomic: rows finished */
} GraphJob;

/* Rows [first, first + count) of @base as groups of @group rows, each
 * group dimension by dimension (zero past row n). */
static void
pack_rows (const Space *s,
           gsize        first,
           gsize        count,
           gsize        group,
           float       *out)
{
  for (gsize g = 0; g < count; g += group)
    for (gsize j = 0; j < s->d; j++)
      for (gsize x = 0; x < group; x++)
        {
          gsize row = first + g + x;

          out[g * s->d + j * group + x] = row < s->n ? s->base[row * s->d + j] : 0;
        }
}

static void
graph_chunk (gsize    begin,
             gsize    end,
             gpointer user_data)
{
  GraphJob *job = user_data;
  const Space *s = job->s;
  gsize k = job->graph->k, d = s->d, nq = end - begin;
  gsize padded = (s->n + 15) / 16 * 16;
  g_autofree float *queries = g_new (float, QUERY_BLOCK * d);
  g_autofree double *acc = g_new (double, QUERY_BLOCK * CANDIDATE_BLOCK);
  gsize capacity = MAX (4 * k, 16);
  g_autofree CvgNeighbor *buffers = g_new (CvgNeighbor, QUERY_BLOCK * capacity);
  Selector sels[QUERY_BLOCK];

  pack_rows (s, begin, (nq + 3) / 4 * 4, 4, queries);
  for (gsize q = 0; q < nq; q++)
    sels[q] = (Selector) { buffers + q * capacity, 0, k, capacity, k ? INFINITY : -INFINITY };

  for (gsize c0 = 0; c0 < padded; c0 += CANDIDATE_BLOCK)
    {
      gsize c1 = MIN (c0 + CANDIDATE_BLOCK, padded);

      memset (acc, 0, QUERY_BLOCK * CANDIDATE_BLOCK * sizeof (double));
      for (gsize q = 0; q < nq; q += 4)
        for (gsize c = c0; c < c1; c += 16)
          cvg_kernel_4x16 (queries + q * d, job->packed + c * d, d,
                           acc + q * CANDIDATE_BLOCK + (c - c0), CANDIDATE_BLOCK);
      for (gsize q = 0; q < nq; q++)
        {
          gsize i = begin + q;
          const double *dots = acc + q * CANDIDATE_BLOCK - c0;

          for (gsize c = c0; c < MIN (c1, s->n); c++)
            if (c != i)
              selector_offer (&sels[q], s->cosine ? (float) (1.0 - dots[c])
                                                  : (float) (job->norms[i] + job->norms[c] - 2.0 * dots[c]),
                              (guint32) c);
        }
    }

  for (gsize q = 0; q < nq; q++)
    {
      Selector *sel = &sels[q];
      Heap h = { job->graph->rows + (begin + q) * k, 0, k };

      selector_cut (sel);
      h.len = sel->len;
      for (gsize t = 0; t < sel->len; t++)
        {
          h.items[t] = sel->items[t];
          if (!s->cosine)
            h.items[t].distance = cvg_sqdist_f32 (s->base + (begin + q) * d,
                                                  s->base + (gsize) sel->items[t].index * d, d);
        }
      heap_finish (&h, s->cosine);
    }
  if (job->progress)
    job->progress ((double) (__atomic_add_fetch (&job->done, nq, __ATOMIC_RELAXED)) / s->n,
                   job->progress_data);
}

CvgKnnGraph *
cvg_knn_graph_build (const float   *data,
                     gsize          n_points,
                     gsize          n_dims,
                     gsize          k,
                     CvgDistance    distance,
                     guint          n_threads,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return cvg_knn_graph_build_full (data, n_points, n_dims, k, distance, n_threads,
                                   NULL, NULL, cancellable, error);
}

CvgKnnGraph *
cvg_knn_graph_build_full (const float      *data,
                          gsize             n_points,
                          gsize             n_dims,
                          gsize             k,
                          CvgDistance       distance,
                          guint             n_threads,
                          CvgProgressFunc   progress,
                          gpointer          progress_data,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autofree float *owned = NULL;
  g_autoptr(CvgKnnGraph) graph = NULL;
  g_autofree float *packed = NULL;
  g_autofree float *norms = NULL;
  GraphJob job;
  Space s;

  if (!space_init (&s, &owned, data, n_points, n_dims, distance, error))
    return NULL;
  graph = g_new0 (CvgKnnGraph, 1);
  graph->n_points = n_points;
  graph->k = MIN (k, n_points - 1);
  graph->rows = cvg_projection_alloc (n_points, MAX (graph->k, 1), sizeof (CvgNeighbor), error);
  if (graph->rows == NULL)
    return NULL;
  packed = cvg_projection_alloc ((n_points + 15) / 16 * 16, n_dims, sizeof (float), error);
  norms = packed ? cvg_projection_alloc (n_points, 1, sizeof (float), error) : NULL;
  if (norms == NULL)
    return NULL;
  pack_rows (&s, 0, (n_points + 15) / 16 * 16, 16, packed);
  for (gsize i = 0; i < n_points; i++)
    norms[i] = cvg_dot_f32 (s.base + i * n_dims, s.base + i * n_dims, n_dims);
  job = (GraphJob) { &s, graph, packed, norms, progress, progress_data, 0 };
  cvg_parallel_for (n_points, QUERY_BLOCK, n_threads, cancellable, graph_chunk, &job);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&graph);
}

void
cvg_knn_graph_free (CvgKnnGraph *graph)
{
  if (graph == NULL)
    return;
  g_free (graph->rows);
  g_free (graph);
}

gsize
cvg_knn_graph_get_n_points (const CvgKnnGraph *graph)
{
  return graph->n_points;
}

gsize
cvg_knn_graph_get_k (const CvgKnnGraph *graph)
{
  return graph->k;
}

const CvgNeighbor *
cvg_knn_graph_get_row (const CvgKnnGraph *graph,
                       gsize              point)
{
  g_return_val_if_fail (point < graph->n_points, NULL);
  return graph->rows + point * graph->k;
}
