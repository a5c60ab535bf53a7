/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-corpus"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-inventory.h"
#include "cvg-test-corpus.h"
#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-types.h"
#include "event.pb-c.h"
#include "graph.pb-c.h"
#include "hparams.pb-c.h"

/* Loads every set of the real corpus with CvgLogdir and compares every
 * run, tag and value summary with INVENTORY.txt, which an independent
 * decoder wrote. */


/* INVENTORY gives each file's first..last record wall time with 3
 * decimals, and records are not always in wall-time order (by up to 0.9 ms
 * in this corpus), so wall times are checked against the files' range
 * widened by this many seconds. */
#define WALL_TIME_SLACK 0.01

static const char   *corpus_dir;
static CvgInventory *inventory;
static char         *setup_problem;
static gboolean      setup_is_missing;

static guint64 total_runs;
static guint64 total_tags;
static guint64 total_points;
static guint64 total_records;
static guint64 total_details;

/* Whether @actual prints as @printed did with INVENTORY's 9 significant
 * digits. */
static gboolean
printed_equal (double printed,
               double actual)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE];
  char b[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (a, sizeof a, "%.9g", printed);
  g_ascii_formatd (b, sizeof b, "%.9g", actual);
  return strcmp (a, b) == 0;
}

/* INVENTORY prints numbers with 9 significant digits: a float round-trips
 * exactly, a double must print the same. */
static gboolean
number_matches (double   printed,
                double   actual,
                gboolean as_float)
{
  if (isnan (printed) || isnan (actual))
    return isnan (printed) && isnan (actual);
  if (isinf (printed) || isinf (actual))
    return printed == actual;
  if (as_float)
    return (float) printed == (float) actual;
  return printed_equal (printed, actual);
}

typedef struct
{
  CvgKind     kind;
  CvgEncoding encoding;
  const char *tag;            /* the tag our model uses */
  const char *plugin_name;    /* expected plugin, or NULL to not check */
} Expected;

static gboolean
expected_for (const CvgInvTag *inv,
              Expected        *e,
              char           **tag_storage)
{
  const char *detail = inv->last_detail != NULL ? inv->last_detail : inv->first_detail;

  e->tag = inv->tag;
  e->plugin_name = NULL;
  switch (inv->kind)
    {
    case CVG_INV_SCALAR_SIMPLE_VALUE:
      e->kind = CVG_KIND_SCALAR;
      e->encoding = CVG_ENCODING_SIMPLE_VALUE;
      break;
    case CVG_INV_SCALAR_TENSOR:
      e->kind = CVG_KIND_SCALAR;
      e->encoding = CVG_ENCODING_TENSOR;
      e->plugin_name = "scalars";
      break;
    case CVG_INV_HISTOGRAM_PROTO:
      e->kind = CVG_KIND_HISTOGRAM;
      e->encoding = CVG_ENCODING_HISTOGRAM_PROTO;
      break;
    case CVG_INV_HISTOGRAM_TENSOR:
      e->kind = CVG_KIND_HISTOGRAM;
      e->encoding = CVG_ENCODING_TENSOR;
      e->plugin_name = "histograms";
      break;
    case CVG_INV_IMAGE:
      e->kind = CVG_KIND_IMAGE;
      /* Summary.Image details carry the colorspace; tensors don't have one. */
      e->encoding = detail != NULL && strstr (detail, "colorspace=") != NULL
                    ? CVG_ENCODING_IMAGE_PROTO : CVG_ENCODING_TENSOR;
      break;
    case CVG_INV_KERAS_MODEL:
      e->kind = CVG_KIND_KERAS_MODEL;
      e->encoding = CVG_ENCODING_TENSOR;
      e->plugin_name = "graph_keras_model";
      break;
    case CVG_INV_GRAPH_RUN_METADATA:
      e->kind = CVG_KIND_RUN_METADATA;
      e->encoding = CVG_ENCODING_TENSOR;
      e->plugin_name = "graph_run_metadata";
      break;
    case CVG_INV_PR_CURVE_TENSOR:
      e->kind = CVG_KIND_PR_CURVE;
      e->encoding = CVG_ENCODING_TENSOR;
      e->plugin_name = "pr_curves";
      break;
    case CVG_INV_HPARAMS:
      /* PyTorch's add_hparams writes metadata and no value. */
      e->kind = CVG_KIND_HPARAMS;
      e->encoding = CVG_ENCODING_METADATA_ONLY;
      e->plugin_name = "hparams";
      break;
    case CVG_INV_GRAPH_DEF:
      e->kind = CVG_KIND_GRAPH_DEF;
      e->encoding = CVG_ENCODING_EVENT_FIELD;
      if (strcmp (inv->tag, "<graph_def>") != 0)
        return FALSE;
      e->tag = "";
      break;
    case CVG_INV_META_GRAPH_DEF:
      e->kind = CVG_KIND_META_GRAPH_DEF;
      e->encoding = CVG_ENCODING_EVENT_FIELD;
      if (strcmp (inv->tag, "<meta_graph_def>") != 0)
        return FALSE;
      e->tag = "";
      break;
    case CVG_INV_SESSION_LOG:
      e->kind = CVG_KIND_SESSION_LOG;
      e->encoding = CVG_ENCODING_EVENT_FIELD;
      if (strcmp (inv->tag, "<session_log>") != 0)
        return FALSE;
      e->tag = "";
      break;
    case CVG_INV_TAGGED_RUN_METADATA:
      e->kind = CVG_KIND_RUN_METADATA;
      e->encoding = CVG_ENCODING_EVENT_FIELD;
      if (!g_str_has_prefix (inv->tag, "<run_metadata:") || !g_str_has_suffix (inv->tag, ">"))
        return FALSE;
      *tag_storage = g_strndup (inv->tag + strlen ("<run_metadata:"),
                                strlen (inv->tag) - strlen ("<run_metadata:") - 1);
      e->tag = *tag_storage;
      break;
    default:
      return FALSE;
    }

  /* A pseudo tag with a summary kind would be a parser slip. */
  if (e->encoding != CVG_ENCODING_EVENT_FIELD && inv->tag[0] == '<' &&
      g_str_has_suffix (inv->tag, ">"))
    return FALSE;
  return TRUE;
}

/* The detail line describing the first or last value: "first:"/"last:"
 * lines, or the only plain line when the tag has one value. */
static const char *
detail_for (const CvgInvTag *inv,
            gboolean         last)
{
  const char *d = last ? inv->last_detail : inv->first_detail;

  if (d != NULL)
    return d;
  if (inv->first_detail == NULL && inv->last_detail == NULL && inv->details->len == 1 &&
      (last || inv->n == 1))
    return g_ptr_array_index (inv->details, 0);
  return NULL;
}

static const CvgTensorValue *
tensor_at (CvgChecker   *c,
           CvgSeries *series,
           gsize      index)
{
  const CvgTensorValue *t;

  if (index >= cvg_series_get_length (series))
    return NULL;
  t = cvg_series_get_tensor (series, index);
  cvg_check (c, t != NULL, "no tensor stored at index %zu", index);
  return t;
}

static gboolean
tensor_is_rank0_string (CvgChecker              *c,
                        const CvgTensorValue *t,
                        const char           *what)
{
  gboolean ok = t->dtype == CVG_DT_STRING && t->rank == 0 && t->n_elements == 1 && t->strings != NULL;

  cvg_check (c, ok, "%s: expected a rank-0 string, got dtype %s rank %u with %zu elements",
              what, cvg_data_type_name (t->dtype), t->rank, t->n_elements);
  return ok;
}

static void
check_scalars (CvgChecker         *c,
               const CvgInvTag *inv,
               CvgSeries       *series)
{
  gsize n = cvg_series_get_length (series);
  gboolean as_float = !cvg_series_is_double (series);
  double min = INFINITY, max = -INFINITY, last;
  g_autofree char *dtype = NULL;

  cvg_check (c, inv->has_stats, "INVENTORY gives no min/max/last for a scalar tag");
  if (!inv->has_stats || n == 0)
    return;

  for (gsize i = 0; i < n; i++)
    {
      double v = cvg_series_get_value (series, i);
      if (isnan (v))
        continue;
      min = MIN (min, v);
      max = MAX (max, v);
    }
  last = cvg_series_get_value (series, n - 1);

  cvg_check (c, number_matches (inv->min, min, as_float), "min %.17g, INVENTORY %.9g", min, inv->min);
  cvg_check (c, number_matches (inv->max, max, as_float), "max %.17g, INVENTORY %.9g", max, inv->max);
  cvg_check (c, number_matches (inv->last, last, as_float), "last %.17g, INVENTORY %.9g", last, inv->last);
  total_details += 3;

  /* Simple values are always float32; tensors say their dtype. */
  if (inv->kind == CVG_INV_SCALAR_SIMPLE_VALUE)
    cvg_check (c, !cvg_series_is_double (series), "simple_value series marked as double");
  if (inv->last_detail != NULL && g_str_has_prefix (inv->last_detail, "dtype="))
    {
      const char *d = inv->last_detail + strlen ("dtype=");
      dtype = g_strndup (d, strcspn (d, " "));
      if (strcmp (dtype, "float") == 0)
        cvg_check (c, !cvg_series_is_double (series), "float tensor series marked as double");
      else if (strcmp (dtype, "double") == 0)
        cvg_check (c, cvg_series_is_double (series), "double tensor series not marked as double");
      cvg_check (c, strstr (inv->last_detail, "shape=scalar") != NULL,
                  "INVENTORY scalar of shape other than scalar: %s", inv->last_detail);
      total_details++;
    }
}

static void
check_histogram_value (CvgChecker         *c,
                       const CvgInvTag *inv,
                       CvgSeries       *series,
                       gsize            index,
                       const char      *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  gint64 buckets = -1, limits = -1;
  double count = 0, expected_count = NAN, lo = NAN, hi = NAN;
  gsize k;

  if (t == NULL || detail == NULL)
    return;
  cvg_check (c, t->dtype == CVG_DT_DOUBLE && t->rank == 2 && t->dims[1] == 3 && t->numbers != NULL,
              "[%zu] histogram is dtype %s rank %u [%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "], not double [k,3]",
              index, cvg_data_type_name (t->dtype), t->rank, t->dims[0], t->dims[1]);
  if (!(t->dtype == CVG_DT_DOUBLE && t->rank == 2 && t->dims[1] == 3 && t->numbers != NULL))
    return;
  k = t->dims[0];

  cvg_check (c, cvg_inv_detail_get_int (detail, "buckets", &buckets),
              "no buckets= in INVENTORY detail '%s'", detail);
  if (inv->kind == CVG_INV_HISTOGRAM_PROTO)
    {
      /* TensorBoard pairs bucket[i] with bucket_limit[i]. */
      cvg_check (c, cvg_inv_detail_get_int (detail, "limits", &limits), "no limits= in '%s'", detail);
      buckets = MIN (buckets, limits);
    }
  cvg_check (c, (gint64) k == buckets, "[%zu] %zu buckets, INVENTORY %" G_GINT64_FORMAT " (%s)",
              index, k, buckets, detail);

  for (gsize i = 0; i < k; i++)
    count += t->numbers[3 * i + 2];

  if (inv->kind == CVG_INV_HISTOGRAM_PROTO)
    {
      cvg_check (c, cvg_inv_detail_get_double (detail, "sum(bucket)", &expected_count),
                  "no sum(bucket)= in '%s'", detail);
      cvg_check (c, cvg_inv_detail_get_double (detail, "min", &lo) &&
                     cvg_inv_detail_get_double (detail, "max", &hi),
                  "no min=/max= in '%s'", detail);
    }
  else
    {
      const char *range = strstr (detail, "range=[");
      g_autofree char *dims = NULL;
      char *end = NULL;

      cvg_check (c, cvg_inv_detail_get_double (detail, "count", &expected_count),
                  "no count= in '%s'", detail);
      cvg_check (c, range != NULL, "no range= in '%s'", detail);
      if (range == NULL)
        return;
      lo = g_ascii_strtod (range + strlen ("range=["), &end);
      cvg_check (c, end != NULL && *end == ',', "bad range in '%s'", detail);
      if (end == NULL || *end != ',')
        return;
      hi = g_ascii_strtod (end + 1, NULL);

      dims = g_strdup_printf ("shape=%zux3", k);
      cvg_check (c, strstr (detail, dims) != NULL, "[%zu] shape %zux3 not in '%s'", index, k, detail);
      cvg_check (c, strstr (detail, "dtype=double") != NULL, "INVENTORY dtype is not double: '%s'", detail);
    }

  cvg_check (c, fabs (count - expected_count) <= 1e-9 * MAX (1.0, fabs (expected_count)),
              "[%zu] total count %.17g, INVENTORY %.17g", index, count, expected_count);
  if (k > 0)
    {
      /* TensorBoard's conversion puts min in the first left edge and max
       * in the last right edge. */
      cvg_check (c, number_matches (lo, t->numbers[0], FALSE),
                  "[%zu] first left edge %.17g, INVENTORY %.9g", index, t->numbers[0], lo);
      cvg_check (c, number_matches (hi, t->numbers[3 * (k - 1) + 1], FALSE),
                  "[%zu] last right edge %.17g, INVENTORY %.9g", index, t->numbers[3 * (k - 1) + 1], hi);
    }
  total_details += 4;
}

static gboolean
span_is_int (CvgSpan span,
             gint64  expected)
{
  g_autofree char *text = g_strndup ((const char *) span.data, span.len);
  g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, expected);

  return strcmp (text, want) == 0;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
check_image_value (CvgChecker         *c,
                   const CvgInvTag *inv,
                   CvgSeries       *series,
                   gsize            index,
                   const char      *detail)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const CvgTensorValue *t = tensor_at (c, series, index);
  gint64 width, height, bytes;
  CvgSpan png;

  if (t == NULL || detail == NULL)
    return;
  cvg_check (c, t->dtype == CVG_DT_STRING && t->rank == 1 && t->n_elements >= 3 && t->strings != NULL,
              "[%zu] image is dtype %s rank %u with %zu elements, not [w, h, png...]",
              index, cvg_data_type_name (t->dtype), t->rank, t->n_elements);
  if (!(t->dtype == CVG_DT_STRING && t->rank == 1 && t->n_elements >= 3 && t->strings != NULL))
    return;

  cvg_check (c, cvg_inv_detail_get_size (detail, &width, &height), "no WxH in '%s'", detail);
  cvg_check (c, cvg_inv_detail_get_count (detail, "B", &bytes), "no byte count in '%s'", detail);
  cvg_check (c, span_is_int (t->strings[0], width), "[%zu] width '%.*s', INVENTORY %" G_GINT64_FORMAT,
              index, (int) t->strings[0].len, (const char *) t->strings[0].data, width);
  cvg_check (c, span_is_int (t->strings[1], height), "[%zu] height '%.*s', INVENTORY %" G_GINT64_FORMAT,
              index, (int) t->strings[1].len, (const char *) t->strings[1].data, height);

  png = t->strings[2];
  cvg_check (c, (gint64) png.len == bytes, "[%zu] encoded image of %zu bytes, INVENTORY %" G_GINT64_FORMAT,
              index, png.len, bytes);
  if (strstr (detail, " png ") != NULL)
    {
      /* The PNG's own IHDR must agree with the stored width and height. */
      gboolean is_png = png.len >= 24 && memcmp (png.data, png_signature, 8) == 0 &&
                        memcmp (png.data + 12, "IHDR", 4) == 0;
      cvg_check (c, is_png, "[%zu] stored image is not a PNG", index);
      if (is_png)
        cvg_check (c, read_be32 (png.data + 16) == width && read_be32 (png.data + 20) == height,
                    "[%zu] PNG header says %ux%u, INVENTORY %" G_GINT64_FORMAT "x%" G_GINT64_FORMAT,
                    index, read_be32 (png.data + 16), read_be32 (png.data + 20), width, height);
    }
  total_details += 4;
}

static void
check_keras_value (CvgChecker    *c,
                   CvgSeries  *series,
                   gsize       index,
                   const char *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  const char *snippet;
  gint64 chars;
  g_autofree char *json = NULL;

  if (t == NULL || detail == NULL || !tensor_is_rank0_string (c, t, "keras model config"))
    return;
  json = g_strndup ((const char *) t->strings[0].data, t->strings[0].len);
  cvg_check (c, g_str_has_prefix (detail, "json ") && cvg_inv_detail_get_count (detail, "chars", &chars),
              "unexpected INVENTORY keras detail '%s'", detail);
  if (!g_str_has_prefix (detail, "json ") || !cvg_inv_detail_get_count (detail, "chars", &chars))
    return;
  cvg_check (c, g_utf8_validate (json, t->strings[0].len, NULL) &&
                 g_utf8_strlen (json, -1) == chars,
              "[%zu] keras config of %zu bytes / %ld chars, INVENTORY %" G_GINT64_FORMAT " chars",
              index, t->strings[0].len, g_utf8_strlen (json, -1), chars);
  snippet = strstr (detail, "chars ");
  if (snippet != NULL && snippet[strlen ("chars ")] != '\0')
    cvg_check (c, strstr (json, snippet + strlen ("chars ")) != NULL,
                "[%zu] keras config lacks '%s'", index, snippet + strlen ("chars "));
  total_details += 2;
}

static void
check_graph_value (CvgChecker    *c,
                   CvgSeries  *series,
                   gsize       index,
                   const char *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  Tensorboard__GraphDef *graph;
  gint64 nodes, bytes;

  if (t == NULL || detail == NULL || !tensor_is_rank0_string (c, t, "graph_def"))
    return;
  cvg_check (c, cvg_inv_detail_get_count (detail, "nodes", &nodes) &&
                 cvg_inv_detail_get_count (detail, "bytes", &bytes),
              "unexpected INVENTORY graph detail '%s'", detail);
  if (!cvg_inv_detail_get_count (detail, "nodes", &nodes) || !cvg_inv_detail_get_count (detail, "bytes", &bytes))
    return;
  cvg_check (c, (gint64) t->strings[0].len == bytes, "[%zu] GraphDef of %zu bytes, INVENTORY %" G_GINT64_FORMAT,
              index, t->strings[0].len, bytes);
  graph = tensorboard__graph_def__unpack (NULL, t->strings[0].len, t->strings[0].data);
  cvg_check (c, graph != NULL, "[%zu] stored GraphDef does not decode", index);
  if (graph != NULL)
    {
      cvg_check (c, (gint64) graph->n_node == nodes, "[%zu] GraphDef has %zu nodes, INVENTORY %" G_GINT64_FORMAT,
                  index, graph->n_node, nodes);
      tensorboard__graph_def__free_unpacked (graph, NULL);
    }
  total_details += 2;
}

static void
check_meta_graph_value (CvgChecker    *c,
                        CvgSeries  *series,
                        gsize       index,
                        const char *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  Tensorboard__MetaGraphDef *meta;
  gint64 bytes;

  if (t == NULL || detail == NULL || !tensor_is_rank0_string (c, t, "meta_graph_def"))
    return;
  cvg_check (c, cvg_inv_detail_get_count (detail, "bytes", &bytes),
              "unexpected INVENTORY meta_graph_def detail '%s'", detail);
  if (!cvg_inv_detail_get_count (detail, "bytes", &bytes))
    return;
  cvg_check (c, (gint64) t->strings[0].len == bytes, "[%zu] MetaGraphDef of %zu bytes, INVENTORY %" G_GINT64_FORMAT,
              index, t->strings[0].len, bytes);
  meta = tensorboard__meta_graph_def__unpack (NULL, t->strings[0].len, t->strings[0].data);
  cvg_check (c, meta != NULL && meta->graph_def != NULL && meta->graph_def->n_node > 0,
              "[%zu] stored MetaGraphDef does not decode to a graph", index);
  if (meta != NULL)
    tensorboard__meta_graph_def__free_unpacked (meta, NULL);
  total_details++;
}

static void
check_blob_length (CvgChecker    *c,
                   CvgSeries  *series,
                   gsize       index,
                   const char *detail,
                   const char *what)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  gint64 bytes;

  if (t == NULL || detail == NULL || !tensor_is_rank0_string (c, t, what))
    return;
  cvg_check (c, cvg_inv_detail_get_count (detail, "bytes", &bytes) ||
                 cvg_inv_detail_get_count (detail, "B", &bytes),
              "no byte count in INVENTORY detail '%s'", detail);
  if (!cvg_inv_detail_get_count (detail, "bytes", &bytes) && !cvg_inv_detail_get_count (detail, "B", &bytes))
    return;
  cvg_check (c, (gint64) t->strings[0].len == bytes, "[%zu] %s of %zu bytes, INVENTORY %" G_GINT64_FORMAT,
              index, what, t->strings[0].len, bytes);
  if (strstr (detail, "dtype=") != NULL)
    cvg_check (c, strstr (detail, "dtype=string shape=scalar") != NULL,
                "INVENTORY %s is not a string scalar: '%s'", what, detail);
  total_details++;
}

static void
check_session_log_value (CvgChecker    *c,
                         CvgSeries  *series,
                         gsize       index,
                         const char *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  gint64 status;

  if (t == NULL || detail == NULL)
    return;
  cvg_check (c, cvg_inv_detail_get_int (detail, "status", &status), "no status= in '%s'", detail);
  if (!cvg_inv_detail_get_int (detail, "status", &status))
    return;
  /* Our model keeps a session log as its status, a rank-0 int32. */
  cvg_check (c, t->dtype == CVG_DT_INT32 && t->rank == 0 && t->n_elements == 1 && t->numbers != NULL,
              "[%zu] session log stored as dtype %s rank %u, not a rank-0 int32",
              index, cvg_data_type_name (t->dtype), t->rank);
  if (t->numbers != NULL && t->n_elements == 1)
    cvg_check (c, t->numbers[0] == status, "[%zu] session log status %g, INVENTORY %" G_GINT64_FORMAT,
                index, t->numbers[0], status);
  total_details++;
}

static void
check_pr_curve_value (CvgChecker    *c,
                      CvgSeries  *series,
                      gsize       index,
                      const char *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  const char *shape;
  gint64 rows = -1, cols = -1;

  if (t == NULL || detail == NULL)
    return;
  shape = strstr (detail, "shape=");
  cvg_check (c, shape != NULL && cvg_inv_detail_get_size (shape + strlen ("shape="), &rows, &cols),
              "no shape=RxC in '%s'", detail);
  cvg_check (c, strstr (detail, "dtype=float") != NULL, "INVENTORY pr_curve is not float: '%s'", detail);
  cvg_check (c, t->dtype == CVG_DT_FLOAT && t->rank == 2 && t->dims[0] == rows && t->dims[1] == cols &&
                 t->n_elements == (gsize) (rows * cols) && t->numbers != NULL,
              "[%zu] pr_curve is dtype %s rank %u [%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "], INVENTORY float %"
              G_GINT64_FORMAT "x%" G_GINT64_FORMAT,
              index, cvg_data_type_name (t->dtype), t->rank, t->dims[0], t->dims[1], rows, cols);
  total_details++;
}

static const Tensorboard__Hparams__Value *
find_hparam (const Tensorboard__Hparams__SessionStartInfo *start,
             const char                                   *key)
{
  for (gsize i = 0; i < start->n_hparams; i++)
    if (g_strcmp0 (start->hparams[i]->key, key) == 0)
      return start->hparams[i]->value;
  return NULL;
}

static void
check_hparams_value (CvgChecker    *c,
                     CvgSeries  *series,
                     gsize       index,
                     const char *detail)
{
  const CvgTensorValue *t = tensor_at (c, series, index);
  Tensorboard__Hparams__HParamsPluginData *data;

  if (t == NULL || detail == NULL || !tensor_is_rank0_string (c, t, "hparams content"))
    return;

  /* Our model stores the plugin content, an HParamsPluginData. */
  data = tensorboard__hparams__hparams_plugin_data__unpack (NULL, t->strings[0].len, t->strings[0].data);
  cvg_check (c, data != NULL, "[%zu] stored hparams content does not decode", index);
  if (data == NULL)
    return;

  if (g_str_has_prefix (detail, "experiment: "))
    {
      gint64 n_infos = -1, n_metrics = -1;
      const char *p = detail + strlen ("experiment: ");
      const char *comma = strchr (p, ',');

      cvg_check (c, cvg_inv_detail_get_count (p, "hparam_infos", &n_infos) && comma != NULL &&
                     cvg_inv_detail_get_count (comma + 2, "metric_infos", &n_metrics),
                  "unexpected INVENTORY detail '%s'", detail);
      cvg_check (c, data->data_case == TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_EXPERIMENT,
                  "[%zu] hparams content is not an experiment", index);
      if (data->data_case == TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_EXPERIMENT)
        cvg_check (c, (gint64) data->experiment->n_hparam_infos == n_infos &&
                       (gint64) data->experiment->n_metric_infos == n_metrics,
                    "[%zu] experiment with %zu hparam_infos, %zu metric_infos; INVENTORY '%s'",
                    index, data->experiment->n_hparam_infos, data->experiment->n_metric_infos, detail);
    }
  else if (g_str_has_prefix (detail, "session_end_info: "))
    {
      gint64 status = -1;

      cvg_check (c, cvg_inv_detail_get_int (detail + strlen ("session_end_info: "), "status", &status),
                  "unexpected INVENTORY detail '%s'", detail);
      cvg_check (c, data->data_case == TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_END_INFO,
                  "[%zu] hparams content is not a session_end_info", index);
      if (data->data_case == TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_END_INFO)
        cvg_check (c, data->session_end_info->status == status,
                    "[%zu] session_end_info status %d, INVENTORY %" G_GINT64_FORMAT,
                    index, data->session_end_info->status, status);
    }
  else if (g_str_has_prefix (detail, "session_start_info: "))
    {
      g_auto(GStrv) pairs = g_strsplit (detail + strlen ("session_start_info: "), ", ", -1);

      cvg_check (c, data->data_case == TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_START_INFO,
                  "[%zu] hparams content is not a session_start_info", index);
      if (data->data_case == TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_START_INFO)
        {
          const Tensorboard__Hparams__SessionStartInfo *start = data->session_start_info;

          cvg_check (c, start->n_hparams == g_strv_length (pairs),
                      "[%zu] session_start_info has %zu hparams, INVENTORY '%s'", index, start->n_hparams, detail);
          for (guint i = 0; pairs[i] != NULL; i++)
            {
              const char *eq = strchr (pairs[i], '=');
              g_autofree char *key = NULL;
              const Tensorboard__Hparams__Value *value;
              const char *text;
              gsize text_len;

              cvg_check (c, eq != NULL, "bad INVENTORY hparam '%s'", pairs[i]);
              if (eq == NULL)
                continue;
              key = g_strndup (pairs[i], eq - pairs[i]);
              text = eq + 1;
              text_len = strlen (text);
              value = find_hparam (start, key);
              cvg_check (c, value != NULL, "[%zu] no hparam '%s'", index, key);
              if (value == NULL)
                continue;
              if (text_len >= 2 && text[0] == '\'' && text[text_len - 1] == '\'')
                {
                  g_autofree char *s = g_strndup (text + 1, text_len - 2);
                  cvg_check (c, value->kind_case == TENSORBOARD__HPARAMS__VALUE__KIND_STRING_VALUE &&
                                 g_strcmp0 (value->string_value, s) == 0,
                              "[%zu] hparam %s is not the string '%s'", index, key, s);
                }
              else
                {
                  double number = g_ascii_strtod (text, NULL);
                  cvg_check (c, value->kind_case == TENSORBOARD__HPARAMS__VALUE__KIND_NUMBER_VALUE &&
                                 number_matches (number, value->number_value, FALSE),
                              "[%zu] hparam %s is not the number %s", index, key, text);
                }
              total_details++;
            }
        }
    }
  else
    {
      cvg_check (c, FALSE, "unknown INVENTORY hparams detail '%s'", detail);
    }
  tensorboard__hparams__hparams_plugin_data__free_unpacked (data, NULL);
  total_details++;
}

static void
check_values (CvgChecker         *c,
              const CvgInvTag *inv,
              CvgSeries       *series)
{
  gsize n = cvg_series_get_length (series);
  const char *first = detail_for (inv, FALSE);
  const char *last = detail_for (inv, TRUE);

  if (n == 0)
    return;

  switch (inv->kind)
    {
    case CVG_INV_SCALAR_SIMPLE_VALUE:
    case CVG_INV_SCALAR_TENSOR:
      check_scalars (c, inv, series);
      return;
    default:
      break;
    }

  cvg_check (c, last != NULL, "INVENTORY describes no value of this tag");

  switch (inv->kind)
    {
    case CVG_INV_HISTOGRAM_PROTO:
    case CVG_INV_HISTOGRAM_TENSOR:
      check_histogram_value (c, inv, series, 0, first);
      check_histogram_value (c, inv, series, n - 1, last);
      break;
    case CVG_INV_IMAGE:
      check_image_value (c, inv, series, 0, first);
      check_image_value (c, inv, series, n - 1, last);
      break;
    case CVG_INV_KERAS_MODEL:
      check_keras_value (c, series, 0, first);
      check_keras_value (c, series, n - 1, last);
      break;
    case CVG_INV_GRAPH_DEF:
      check_graph_value (c, series, 0, first);
      check_graph_value (c, series, n - 1, last);
      break;
    case CVG_INV_META_GRAPH_DEF:
      check_meta_graph_value (c, series, 0, first);
      check_meta_graph_value (c, series, n - 1, last);
      break;
    case CVG_INV_SESSION_LOG:
      check_session_log_value (c, series, 0, first);
      check_session_log_value (c, series, n - 1, last);
      break;
    case CVG_INV_TAGGED_RUN_METADATA:
      check_blob_length (c, series, 0, first, "RunMetadata");
      check_blob_length (c, series, n - 1, last, "RunMetadata");
      break;
    case CVG_INV_GRAPH_RUN_METADATA:
      check_blob_length (c, series, 0, first, "graph run metadata");
      check_blob_length (c, series, n - 1, last, "graph run metadata");
      break;
    case CVG_INV_PR_CURVE_TENSOR:
      check_pr_curve_value (c, series, 0, first);
      check_pr_curve_value (c, series, n - 1, last);
      break;
    case CVG_INV_HPARAMS:
      /* One value per hparams tag; its plain detail line describes it. */
      cvg_check (c, inv->details->len == 1 && n == 1, "hparams tag with %u details and %zu values",
                  inv->details->len, n);
      if (inv->details->len == 1)
        check_hparams_value (c, series, n - 1, g_ptr_array_index (inv->details, 0));
      break;
    case CVG_INV_SCALAR_SIMPLE_VALUE:
    case CVG_INV_SCALAR_TENSOR:
    default:
      g_assert_not_reached ();
    }
}

static void
check_steps (CvgChecker         *c,
             const CvgInvTag *inv,
             CvgSeries       *series,
             double           wall_min,
             double           wall_max)
{
  gsize n = cvg_series_get_length (series);
  gint64 min = G_MAXINT64, max = G_MININT64;
  guint64 decreases = 0, repeats = 0;
  gsize bad_wall = 0;

  for (gsize i = 0; i < n; i++)
    {
      gint64 step = cvg_series_get_step (series, i);
      double wall_time = cvg_series_get_wall_time (series, i);

      min = MIN (min, step);
      max = MAX (max, step);
      if (i > 0)
        {
          gint64 previous = cvg_series_get_step (series, i - 1);
          decreases += step < previous;
          repeats += step == previous;
        }
      if (!(wall_time >= wall_min - WALL_TIME_SLACK && wall_time <= wall_max + WALL_TIME_SLACK))
        bad_wall++;
    }
  total_points += n;

  if (n == 0)
    return;
  /* steps=A..B is the smallest and largest step (the same as first..last
   * everywhere in this corpus, where no tag ends below its maximum). */
  cvg_check (c, min == inv->step_min && max == inv->step_max,
              "steps %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ", INVENTORY %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
              min, max, inv->step_min, inv->step_max);
  cvg_check (c, decreases == inv->step_decreases && repeats == inv->step_repeats,
              "step decreases=%" G_GUINT64_FORMAT " repeats=%" G_GUINT64_FORMAT
              ", INVENTORY decreases=%" G_GUINT64_FORMAT " repeats=%" G_GUINT64_FORMAT,
              decreases, repeats, inv->step_decreases, inv->step_repeats);
  cvg_check (c, bad_wall == 0, "%zu wall times outside the run's files' range %.3f..%.3f (+-%g s)",
              bad_wall, wall_min, wall_max, WALL_TIME_SLACK);
}

static CvgSeries *
find_series_any_kind (CvgRun     *run,
                      const char *tag)
{
  GPtrArray *series = cvg_run_get_series (run);

  for (guint i = 0; i < series->len; i++)
    if (strcmp (cvg_series_get_tag (g_ptr_array_index (series, i)), tag) == 0)
      return g_ptr_array_index (series, i);
  return NULL;
}

static void
check_tag (CvgChecker         *c,
           CvgRun          *run,
           const CvgInvRun *inv_run,
           const CvgInvTag *inv,
           GHashTable      *matched,
           double           wall_min,
           double           wall_max)
{
  g_autofree char *tag_storage = NULL;
  Expected e;
  CvgSeries *series;
  gsize n;

  cvg_checker_set_where (c, "%s tag '%s' (%s, INVENTORY line %u)",
                     inv_run->name, inv->tag, cvg_inv_kind_to_string (inv->kind), inv->line);
  total_tags++;

  if (!expected_for (inv, &e, &tag_storage))
    {
      cvg_check (c, FALSE, "pseudo tag and kind do not fit together");
      return;
    }

  series = cvg_run_lookup_series (run, e.kind, e.tag);
  if (series == NULL)
    {
      CvgSeries *other = find_series_any_kind (run, e.tag);
      if (other != NULL)
        cvg_check (c, FALSE, "expected a %s series, found one of kind %s",
                    cvg_kind_to_string (e.kind), cvg_kind_to_string (cvg_series_get_kind (other)));
      else
        cvg_check (c, FALSE, "no %s series with this tag", cvg_kind_to_string (e.kind));
      return;
    }
  g_hash_table_add (matched, series);

  cvg_check (c, cvg_series_get_kind (series) == e.kind, "kind %s, expected %s",
              cvg_kind_to_string (cvg_series_get_kind (series)), cvg_kind_to_string (e.kind));
  cvg_check (c, cvg_series_get_encoding (series) == e.encoding, "encoding %s, expected %s",
              cvg_encoding_to_string (cvg_series_get_encoding (series)), cvg_encoding_to_string (e.encoding));
  cvg_check (c, strcmp (cvg_series_get_tag (series), e.tag) == 0, "series tag '%s'",
              cvg_series_get_tag (series));
  if (e.plugin_name != NULL)
    cvg_check (c, g_strcmp0 (cvg_series_get_plugin_name (series), e.plugin_name) == 0,
                "plugin '%s', expected '%s'", cvg_series_get_plugin_name (series), e.plugin_name);

  /* The raw view keeps every record, purged or not. */
  n = cvg_series_get_length (series);
  cvg_check (c, n == inv->n, "%zu values, INVENTORY n=%" G_GUINT64_FORMAT, n, inv->n);

  check_steps (c, inv, series, wall_min, wall_max);
  check_values (c, inv, series);
}

static void
check_run (CvgChecker         *c,
           CvgRun          *run,
           const CvgInvRun *inv_run)
{
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);
  GPtrArray *problems = cvg_run_get_problems (run);
  GPtrArray *series = cvg_run_get_series (run);
  guint64 records = 0, bytes = 0, marker_records = 0;
  double wall_min = INFINITY, wall_max = -INFINITY;
  const char *version = NULL;
  gboolean same_version = TRUE;

  cvg_checker_set_where (c, "run %s", inv_run->name);
  total_runs++;

  for (guint i = 0; i < inv_run->files->len; i++)
    {
      const CvgInvFile *file = g_ptr_array_index (inv_run->files, i);

      records += file->records;
      bytes += file->size;
      if (g_str_has_suffix (file->name, ".profile-empty"))
        marker_records += file->records;
      wall_min = MIN (wall_min, file->wall_time_first);
      wall_max = MAX (wall_max, file->wall_time_last);
      /* The zero-problems expectation below rests on these. */
      cvg_check (c, file->bad_crc == 0 && !file->truncated_tail && file->proto_errors == 0,
                  "INVENTORY reports damage in %s", file->name);
      if (version == NULL)
        version = file->file_version;
      else if (strcmp (version, file->file_version) != 0)
        same_version = FALSE;
    }
  total_records += records;

  cvg_check (c, cvg_run_get_n_files (run) == inv_run->files->len, "%u event files, INVENTORY %u",
              cvg_run_get_n_files (run), inv_run->files->len);
  /* Every record of every event file counts, .profile-empty markers too:
   * they are event files holding one file_version record. */
  cvg_check (c, cvg_run_get_n_records (run) == records,
              "%" G_GUINT64_FORMAT " records, INVENTORY %" G_GUINT64_FORMAT
              " (of which %" G_GUINT64_FORMAT " in .profile-empty files)",
              cvg_run_get_n_records (run), records, marker_records);
  cvg_check (c, cvg_run_get_n_bytes (run) == bytes,
              "%" G_GUINT64_FORMAT " bytes of records, INVENTORY file sizes %" G_GUINT64_FORMAT,
              cvg_run_get_n_bytes (run), bytes);
  cvg_check (c, problems->len == 0, "%u problems, the first: %s", problems->len,
              problems->len > 0 ? ((CvgProblem *) g_ptr_array_index (problems, 0))->message : "");
  for (guint i = 0; i < problems->len && i < 10; i++)
    g_test_message ("problem in %s: %s", inv_run->name, ((CvgProblem *) g_ptr_array_index (problems, i))->message);
  if (same_version && version != NULL && strcmp (version, "-") != 0)
    cvg_check (c, g_strcmp0 (cvg_run_get_file_version (run), version) == 0,
                "file version '%s', INVENTORY '%s'", cvg_run_get_file_version (run), version);
  /* The start time is the earliest wall time: no later than any file's
   * first record (printed with 3 decimals), and not much earlier. */
  if (inv_run->files->len > 0)
    cvg_check (c, cvg_run_get_start_time (run) <= wall_min + 0.0005 &&
                   cvg_run_get_start_time (run) >= wall_min - WALL_TIME_SLACK,
                "start time %.6f, INVENTORY earliest first-record wall time %.3f",
                cvg_run_get_start_time (run), wall_min);

  for (guint i = 0; i < inv_run->tags->len; i++)
    check_tag (c, run, inv_run, g_ptr_array_index (inv_run->tags, i), matched, wall_min, wall_max);

  /* No invented tags: every series we hold is one INVENTORY lists. */
  cvg_checker_set_where (c, "run %s", inv_run->name);
  for (guint i = 0; i < series->len; i++)
    {
      CvgSeries *s = g_ptr_array_index (series, i);

      cvg_check (c, g_hash_table_contains (matched, s),
                  "series '%s' of kind %s (%zu values) is not in INVENTORY",
                  cvg_series_get_tag (s), cvg_kind_to_string (cvg_series_get_kind (s)),
                  cvg_series_get_length (s));
    }
  cvg_check (c, series->len == inv_run->tags->len, "%u series, INVENTORY %u tags",
              series->len, inv_run->tags->len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *names)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_set (gconstpointer data)
{
  const char *set = data;
  g_autofree char *path = g_build_filename (corpus_dir, set, NULL);
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (path);
  g_autoptr(GPtrArray) inv_runs = cvg_inventory_get_set_runs (inventory, set);
  g_autoptr(GPtrArray) our_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) inv_names = g_ptr_array_new ();
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autoptr(GError) error = NULL;
  guint64 runs_before = total_runs, tags_before = total_tags, points_before = total_points;
  GPtrArray *problems;
  GPtrArray *runs;
  CvgChecker c = { 0 };

  g_assert_cmpuint (inv_runs->len, >, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);

  cvg_checker_set_where (&c, "set %s", set);
  problems = cvg_logdir_get_problems (logdir);
  cvg_check (&c, problems->len == 0, "%u logdir problems, the first: %s", problems->len,
              problems->len > 0 ? ((CvgProblem *) g_ptr_array_index (problems, 0))->message : "");

  /* Exactly the runs INVENTORY found, by relative name. */
  runs = cvg_logdir_get_runs (logdir);
  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_add (our_names, (gpointer) cvg_run_get_name (g_ptr_array_index (runs, i)));
  for (guint i = 0; i < inv_runs->len; i++)
    g_ptr_array_add (inv_names, ((CvgInvRun *) g_ptr_array_index (inv_runs, i))->relative);
  ours = join_sorted (our_names);
  theirs = join_sorted (inv_names);
  cvg_check (&c, strcmp (ours, theirs) == 0, "runs [%s], INVENTORY [%s]", ours, theirs);

  for (guint i = 0; i < inv_runs->len; i++)
    {
      const CvgInvRun *inv_run = g_ptr_array_index (inv_runs, i);
      CvgRun *run = cvg_logdir_lookup_run (logdir, inv_run->relative);

      cvg_checker_set_where (&c, "set %s", set);
      cvg_check (&c, run != NULL, "no run '%s' (INVENTORY %s)", inv_run->relative, inv_run->name);
      if (run != NULL)
        check_run (&c, run, inv_run);
    }

  g_test_message ("%s: checked %" G_GUINT64_FORMAT " runs, %" G_GUINT64_FORMAT " tags, %"
                  G_GUINT64_FORMAT " points",
                  set, total_runs - runs_before, total_tags - tags_before, total_points - points_before);
  cvg_checker_finish (&c, set, "mismatches with INVENTORY.txt");
}

/* Every folder of the corpus is a set INVENTORY knows, and back. */
static void
test_sets (void)
{
  g_autoptr(GPtrArray) sets = cvg_inventory_get_sets (inventory);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *name;

  dir = g_dir_open (corpus_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus_dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (folders, g_strdup (name));
    }
  a = join_sorted (folders);
  b = join_sorted (sets);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (inventory->total_bad_crc, ==, 0);
  g_assert_cmpuint (inventory->total_truncated, ==, 0);
}

/* The second corpus, for the pages to come: its INVENTORY.txt parses and
 * every run it lists is a folder there. */
static void
test_plugins_inventory (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *path = NULL;
  g_autoptr(CvgInventory) plugins = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, "INVENTORY.txt", NULL);
  plugins = cvg_inventory_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plugins->runs->len, >, 0);
  for (guint i = 0; i < plugins->runs->len; i++)
    {
      const CvgInvRun *run = g_ptr_array_index (plugins->runs, i);
      g_autofree char *run_dir = g_build_filename (dir, run->set, run->relative, NULL);

      if (!g_file_test (run_dir, G_FILE_TEST_IS_DIR))
        g_test_fail_printf ("INVENTORY.txt line %u: no folder %s", run->line, run_dir);
    }
  g_assert_cmpuint (plugins->total_bad_crc, ==, 0);
}

/* The parser itself, on the tricky lines of the real file. */
static void
test_inventory_parser (void)
{
  static const char text[] =
    "LOGDIR corpus\n"
    "runs with event files: 2\n"
    "\n"
    "======\n"
    "RUN setA/run 1\n"
    "  file events.out.tfevents.1.host\n";
  static const char good[] =
    "LOGDIR corpus\n"
    "runs with event files: 2\n"
    "\n"
    "==============================================================================\n"
    "RUN setA/sub/run 2\n"
    "  file events.out.tfevents.1.host\n"
    "    size=40 records=1 bad_crc=0 (len_hdr=0 payload=0) truncated_tail=no\n"
    "    file_version=brain.Event:2 writer=- wall_time=1594056838.000..1594056838.125\n"
    "    events: summary=0 graph_def=0 meta_graph_def=0 session_log=0 tagged_run_metadata=0 log_message=0 other=0 proto_errors=0\n"
    "  tags: 4\n"
    "    image                                    image                  n=9     steps=0..0 (step decreases=0 repeats=8)\n"
    "        last: 122x32 colorspace=3 png 3826B\n"
    "    predictions vs. actuals scalar tensor    scalar simple_value    n=44    steps=-5..14999 (step decreases=2 repeats=0)\n"
    "        min=-nan max=inf last=1e-05\n"
    "    enqueue_input/queue/enqueue_input/random_shuffle_queuefraction_over_250_of_750_full scalar simple_value    n=200   steps=1..19901\n"
    "        min=1 max=1 last=1\n"
    "    <run_metadata:step1>                     tagged_run_metadata    n=7     steps=0..0\n"
    "        19 bytes\n"
    "\n"
    "==============================================================================\n"
    "RUN setB\n"
    "  file f.tfevents.x\n"
    "    size=88 records=1 bad_crc=0 (len_hdr=0 payload=0) truncated_tail=no\n"
    "  tags: 0\n"
    "\n"
    "==============================================================================\n"
    "PROJECTOR / SIDE FILES\n"
    "  setA/metadata.tsv size=1 lines=1\n"
    "\n"
    "TOTAL runs=2 bad_crc_records=0 files_with_truncated_tail=0\n";
  g_autoptr(CvgInventory) inv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  const CvgInvRun *run;
  const CvgInvTag *tag;
  gint64 w, h, v;

  /* Cut short: no tags: line, no TOTAL. */
  inv = cvg_inventory_parse (text, &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_null (inv);
  g_clear_error (&error);

  /* A line of unknown shape is an error, not something to skip. */
  {
    g_autofree char *odd = g_strdup (good);
    char *p = strstr (odd, "    events: ");
    memcpy (p, "    evnets: ", strlen ("    evnets: "));
    inv = cvg_inventory_parse (odd, &error);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    g_assert_null (inv);
    g_clear_error (&error);
  }

  inv = cvg_inventory_parse (good, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inv);
  g_assert_cmpuint (inv->runs->len, ==, 2);

  run = g_ptr_array_index (inv->runs, 0);
  g_assert_cmpstr (run->set, ==, "setA");
  g_assert_cmpstr (run->relative, ==, "sub/run 2");
  g_assert_cmpuint (run->files->len, ==, 1);
  g_assert_cmpuint (cvg_inv_run_get_records (run), ==, 1);
  g_assert_cmpfloat (((CvgInvFile *) g_ptr_array_index (run->files, 0))->wall_time_last, ==, 1594056838.125);
  g_assert_cmpuint (run->tags->len, ==, 4);

  tag = g_ptr_array_index (run->tags, 0);
  g_assert_cmpstr (tag->tag, ==, "image");
  g_assert_cmpint (tag->kind, ==, CVG_INV_IMAGE);
  g_assert_cmpuint (tag->step_repeats, ==, 8);
  g_assert_true (cvg_inv_detail_get_size (tag->last_detail, &w, &h));
  g_assert_cmpint (w, ==, 122);
  g_assert_cmpint (h, ==, 32);
  g_assert_true (cvg_inv_detail_get_count (tag->last_detail, "B", &v));
  g_assert_cmpint (v, ==, 3826);
  g_assert_true (cvg_inv_detail_get_int (tag->last_detail, "colorspace", &v));
  g_assert_cmpint (v, ==, 3);

  tag = g_ptr_array_index (run->tags, 1);
  g_assert_cmpstr (tag->tag, ==, "predictions vs. actuals scalar tensor");
  g_assert_cmpint (tag->kind, ==, CVG_INV_SCALAR_SIMPLE_VALUE);
  g_assert_cmpint (tag->step_min, ==, -5);
  g_assert_cmpint (tag->step_max, ==, 14999);
  g_assert_cmpuint (tag->step_decreases, ==, 2);
  g_assert_true (tag->has_stats);
  g_assert_true (isnan (tag->min));
  g_assert_true (isinf (tag->max));
  g_assert_cmpfloat (tag->last, ==, 1e-05);

  tag = g_ptr_array_index (run->tags, 2);
  g_assert_cmpstr (tag->tag, ==, "enqueue_input/queue/enqueue_input/random_shuffle_queuefraction_over_250_of_750_full");
  g_assert_cmpuint (tag->n, ==, 200);
  g_assert_cmpuint (tag->step_decreases, ==, 0);

  tag = g_ptr_array_index (run->tags, 3);
  g_assert_cmpint (tag->kind, ==, CVG_INV_TAGGED_RUN_METADATA);
  g_assert_null (tag->last_detail);
  g_assert_cmpuint (tag->details->len, ==, 1);
  g_assert_true (cvg_inv_detail_get_count (g_ptr_array_index (tag->details, 0), "bytes", &v));
  g_assert_cmpint (v, ==, 19);
  g_assert_false (cvg_inv_detail_get_count (g_ptr_array_index (tag->details, 0), "nodes", &v));

  run = g_ptr_array_index (inv->runs, 1);
  g_assert_cmpstr (run->set, ==, "setB");
  g_assert_cmpstr (run->relative, ==, ".");

  sets = cvg_inventory_get_sets (inv);
  g_assert_cmpuint (sets->len, ==, 2);
}

/* The set's name as the inventory holds it, which lives as long as it. */
static const char *
set_name (const char *set)
{
  for (guint i = 0; i < inventory->runs->len; i++)
    {
      const CvgInvRun *run = g_ptr_array_index (inventory->runs, i);
      if (strcmp (run->set, set) == 0)
        return run->set;
    }
  g_assert_not_reached ();
}

static void
test_missing (void)
{
  cvg_inventory_fail_or_skip (setup_problem, setup_is_missing);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/inventory-parser", test_inventory_parser);
  g_test_add_func ("/corpus/plugins-inventory", test_plugins_inventory);

  inventory = cvg_inventory_load_corpus (&corpus_dir, &setup_problem, &setup_is_missing);

  if (inventory == NULL)
    {
      g_test_add_func ("/corpus/available", test_missing);
    }
  else
    {
      g_autoptr(GPtrArray) sets = cvg_inventory_get_sets (inventory);

      g_test_add_func ("/corpus/sets", test_sets);
      for (guint i = 0; i < sets->len; i++)
        {
          const char *set = g_ptr_array_index (sets, i);
          g_autofree char *test_path = g_strdup_printf ("/corpus/%s", set);

          g_test_add_data_func (test_path, set_name (set), test_set);
        }
    }

  status = g_test_run ();

  if (inventory != NULL)
    g_test_message ("corpus: checked %" G_GUINT64_FORMAT " runs, %" G_GUINT64_FORMAT " tags, %"
                    G_GUINT64_FORMAT " points, %" G_GUINT64_FORMAT " records, %"
                    G_GUINT64_FORMAT " value details",
                    total_runs, total_tags, total_points, total_records, total_details);

  g_clear_pointer (&inventory, cvg_inventory_free);
  g_free (setup_problem);
  return status;
}
