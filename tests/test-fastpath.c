/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fastpath"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cvg-event-view.h"
#include "cvg-inventory.h"
#include "cvg-tensor-private.h"
#include "cvg-tfrecord.h"
#include "event.pb-c.h"

/* The hand-written zero-copy decoder (cvg-event-view) must decode exactly
 * what protobuf-c decodes: on every record of every corpus event file, and
 * on hand-made records for the encodings the corpus lacks. */


static const char   *corpus_dir;
static CvgInventory *inventory;
static char         *setup_problem;
static gboolean      setup_is_missing;

static guint64 total_records;
static guint64 total_values;
static guint64 total_tensor_scalars;
static guint   sets_done;

typedef struct
{
  CvgChecker  base;
  char       *file;       /* shown with the offset of the record at hand */
  guint64     n_values;
  guint64     n_scalars;
} Checker;

static void
checker_at (Checker *c,
            guint64  offset)
{
  cvg_checker_set_where (&c->base, "%s @%" G_GUINT64_FORMAT, c->file != NULL ? c->file : "", offset);
}

static void
checker_finish (Checker    *c,
                const char *what)
{
  cvg_checker_finish (&c->base, what, "disagreements between the fast path and protobuf-c");
  g_clear_pointer (&c->file, g_free);
}

static gboolean
span_equals (CvgSpan     span,
             const void *data,
             gsize       len)
{
  return span.len == len && (len == 0 || memcmp (span.data, data, len) == 0);
}

static gboolean
span_equals_str (CvgSpan     span,
                 const char *str)
{
  return span_equals (span, str, str != NULL ? strlen (str) : 0);
}

static gboolean
span_inside (CvgSpan       span,
             const guint8 *data,
             gsize         len)
{
  return span.len == 0 || (span.data >= data && span.data + span.len <= data + len);
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static gboolean
same_float (float a,
            float b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static gboolean
same_doubles (const double *a,
              const double *b,
              gsize         n)
{
  return n == 0 || memcmp (a, b, n * sizeof (double)) == 0;
}

/* The rank-0 dtypes TensorBoard reads as scalars. */
static gboolean
is_scalar_dtype (int dtype)
{
  switch (dtype)
    {
    case CVG_DT_FLOAT:
    case CVG_DT_DOUBLE:
    case CVG_DT_HALF:
    case CVG_DT_BFLOAT16:
    case CVG_DT_INT32:
    case CVG_DT_INT64:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Returns what the fast path said, for the hand-made cases. */
static gboolean
compare_tensor (Checker                        *c,
                CvgSpan                         span,
                const Tensorboard__TensorProto *proto,
                double                         *fast_value)
{
  double fast = 0;
  CvgScalarWidth width = CVG_SCALAR_DOUBLE;
  gboolean is_scalar = cvg_tensor_view_get_scalar (span, &fast, &width);
  g_autoptr(GError) error = NULL;
  CvgTensor tensor;
  gboolean decoded = cvg_tensor_decode (proto, CVG_TENSOR_MAX_ELEMENTS, &tensor, &error);

  if (is_scalar)
    {
      cvg_check (&c->base, decoded, "fast path reads a scalar %.17g, protobuf-c decode fails: %s",
                  fast, error != NULL ? error->message : "");
      if (decoded)
        {
          cvg_check (&c->base, tensor.rank == 0 && tensor.n_elements == 1 && tensor.numbers != NULL,
                      "fast path reads a scalar, protobuf-c a %s tensor of rank %u with %zu elements",
                      cvg_data_type_name (tensor.dtype), tensor.rank, tensor.n_elements);
          if (tensor.numbers != NULL && tensor.n_elements == 1)
            cvg_check (&c->base, same_double (fast, tensor.numbers[0]),
                        "dtype %s: fast path %.17g, protobuf-c %.17g",
                        cvg_data_type_name (tensor.dtype), fast, tensor.numbers[0]);
        }
      /* A float width promises the value loses nothing as a float. */
      cvg_check (&c->base, width == CVG_SCALAR_DOUBLE || isnan (fast) || (double) (float) fast == fast,
                  "fast path says float width for %.17g", fast);
      cvg_check (&c->base, proto->dtype != CVG_DT_DOUBLE || width == CVG_SCALAR_DOUBLE,
                  "fast path says float width for a DT_DOUBLE");
      cvg_check (&c->base, is_scalar_dtype (proto->dtype), "fast path reads a scalar of dtype %d", proto->dtype);
      c->n_scalars++;
    }

  if (decoded && tensor.rank == 0 && tensor.n_elements == 1 && tensor.numbers != NULL &&
      is_scalar_dtype (tensor.dtype))
    cvg_check (&c->base, is_scalar, "protobuf-c reads a rank-0 %s %.17g, the fast path declines it",
                cvg_data_type_name (tensor.dtype), tensor.numbers[0]);

  if (decoded)
    cvg_tensor_clear (&tensor);
  if (fast_value != NULL)
    *fast_value = fast;
  return is_scalar;
}

static void
compare_histogram (Checker                           *c,
                   CvgSpan                            span,
                   const Tensorboard__HistogramProto *expected)
{
  Tensorboard__HistogramProto *h = tensorboard__histogram_proto__unpack (NULL, span.len, span.data);

  cvg_check (&c->base, h != NULL, "histogram payload span does not decode");
  if (h == NULL)
    return;
  cvg_check (&c->base, same_double (h->min, expected->min) && same_double (h->max, expected->max) &&
                 same_double (h->num, expected->num) && same_double (h->sum, expected->sum) &&
                 same_double (h->sum_squares, expected->sum_squares) &&
                 h->n_bucket == expected->n_bucket && h->n_bucket_limit == expected->n_bucket_limit &&
                 same_doubles (h->bucket, expected->bucket, h->n_bucket) &&
                 same_doubles (h->bucket_limit, expected->bucket_limit, h->n_bucket_limit),
              "histogram payload differs");
  tensorboard__histogram_proto__free_unpacked (h, NULL);
}

static void
compare_image (Checker                           *c,
               CvgSpan                            span,
               const Tensorboard__Summary__Image *expected)
{
  /* protobuf-c makes no unpack function for nested messages. */
  Tensorboard__Summary__Image *image = (Tensorboard__Summary__Image *)
    protobuf_c_message_unpack (&tensorboard__summary__image__descriptor, NULL, span.len, span.data);

  cvg_check (&c->base, image != NULL, "image payload span does not decode");
  if (image == NULL)
    return;
  cvg_check (&c->base, image->width == expected->width && image->height == expected->height &&
                 image->colorspace == expected->colorspace &&
                 image->encoded_image_string.len == expected->encoded_image_string.len &&
                 memcmp (image->encoded_image_string.data, expected->encoded_image_string.data,
                         image->encoded_image_string.len) == 0,
              "image payload differs");
  protobuf_c_message_free_unpacked (&image->base, NULL);
}

static void
compare_audio (Checker                           *c,
               CvgSpan                            span,
               const Tensorboard__Summary__Audio *expected)
{
  Tensorboard__Summary__Audio *audio = (Tensorboard__Summary__Audio *)
    protobuf_c_message_unpack (&tensorboard__summary__audio__descriptor, NULL, span.len, span.data);

  cvg_check (&c->base, audio != NULL, "audio payload span does not decode");
  if (audio == NULL)
    return;
  cvg_check (&c->base, same_float (audio->sample_rate, expected->sample_rate) &&
                 audio->num_channels == expected->num_channels &&
                 audio->length_frames == expected->length_frames &&
                 g_strcmp0 (audio->content_type, expected->content_type) == 0 &&
                 audio->encoded_audio_string.len == expected->encoded_audio_string.len &&
                 memcmp (audio->encoded_audio_string.data, expected->encoded_audio_string.data,
                         audio->encoded_audio_string.len) == 0,
              "audio payload differs");
  protobuf_c_message_free_unpacked (&audio->base, NULL);
}

static void
compare_value (Checker                           *c,
               const CvgValueView                *view,
               const Tensorboard__Summary__Value *value,
               const guint8                      *data,
               gsize                              len)
{
  cvg_check (&c->base, span_equals_str (view->tag, value->tag), "tag '%.*s', protobuf-c '%s'",
              (int) view->tag.len, (const char *) view->tag.data, value->tag);
  cvg_check (&c->base, span_equals_str (view->node_name, value->node_name), "node_name '%.*s', protobuf-c '%s'",
              (int) view->node_name.len, (const char *) view->node_name.data, value->node_name);
  /* Spans are only meaningful when present (the view leaves stale ones). */
  cvg_check (&c->base, span_inside (view->tag, data, len) && span_inside (view->node_name, data, len) &&
                 (!view->has_metadata || span_inside (view->metadata, data, len)) &&
                 (view->value_case == CVG_VALUE_NONE || view->value_case == CVG_VALUE_SIMPLE ||
                  span_inside (view->payload, data, len)),
              "value spans point outside the record");

  cvg_check (&c->base, view->has_metadata == (value->metadata != NULL), "metadata %s, protobuf-c %s",
              view->has_metadata ? "present" : "absent", value->metadata != NULL ? "present" : "absent");
  if (view->has_metadata && value->metadata != NULL)
    {
      CvgSpan plugin_name = { NULL, 0 };
      gboolean found = cvg_metadata_view_get_plugin_name (view->metadata, &plugin_name);
      const Tensorboard__SummaryMetadata__PluginData *plugin = value->metadata->plugin_data;

      /* proto3 omits an empty plugin_name, so "not found" reads as "". */
      cvg_check (&c->base, plugin != NULL || !found, "fast path finds a plugin name, protobuf-c no plugin_data");
      cvg_check (&c->base, span_equals_str (plugin_name, plugin != NULL ? plugin->plugin_name : ""),
                  "plugin name '%.*s', protobuf-c '%s'", (int) plugin_name.len,
                  (const char *) plugin_name.data, plugin != NULL ? plugin->plugin_name : "");
    }

  cvg_check (&c->base, (int) view->value_case == (int) value->value_case, "value case %d, protobuf-c %d",
              view->value_case, value->value_case);
  if ((int) view->value_case != (int) value->value_case)
    return;

  switch (value->value_case)
    {
    case TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE:
      cvg_check (&c->base, same_float (view->simple_value, value->simple_value),
                  "simple_value %.9g, protobuf-c %.9g", view->simple_value, value->simple_value);
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR:
      compare_tensor (c, view->payload, value->tensor, NULL);
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO:
      compare_histogram (c, view->payload, value->histo);
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_IMAGE:
      compare_image (c, view->payload, value->image);
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_AUDIO:
      compare_audio (c, view->payload, value->audio);
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_OBSOLETE_OLD_STYLE_HISTOGRAM:
      cvg_check (&c->base, span_equals (view->payload, value->obsolete_old_style_histogram.data,
                                  value->obsolete_old_style_histogram.len),
                  "old-style histogram bytes differ");
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE__NOT_SET:
    default:
      break;
    }
  c->n_values++;
}

static void
compare_summary (Checker                    *c,
                 CvgSpan                     span,
                 const Tensorboard__Summary *summary,
                 const guint8               *data,
                 gsize                       len)
{
  CvgSummaryIter iter;
  gsize i;

  cvg_summary_iter_init (&iter, span);
  for (i = 0;; i++)
    {
      CvgValueView view;
      gboolean done = FALSE;
      CvgViewResult result = cvg_summary_iter_next (&iter, &view, &done);

      cvg_check (&c->base, result == CVG_VIEW_OK, "summary value %zu: fast path result %d", i, result);
      if (result != CVG_VIEW_OK)
        return;
      if (done)
        break;
      cvg_check (&c->base, i < summary->n_value, "fast path finds more than %zu values", summary->n_value);
      if (i >= summary->n_value)
        return;
      compare_value (c, &view, summary->value[i], data, len);
    }
  cvg_check (&c->base, i == summary->n_value, "fast path finds %zu values, protobuf-c %zu", i, summary->n_value);
}

static void
compare_record (Checker      *c,
                const guint8 *data,
                gsize         len)
{
  CvgEventView view;
  CvgViewResult result = cvg_event_view_parse (data, len, &view);
  Tensorboard__Event *event = tensorboard__event__unpack (NULL, len, data);
  const char *writer;

  cvg_check (&c->base, event != NULL, "protobuf-c cannot unpack the event");
  cvg_check (&c->base, result == CVG_VIEW_OK, "fast path result %d", result);
  if (event == NULL || result != CVG_VIEW_OK)
    {
      if (event != NULL)
        tensorboard__event__free_unpacked (event, NULL);
      return;
    }

  cvg_check (&c->base, same_double (view.wall_time, event->wall_time), "wall_time %.17g, protobuf-c %.17g",
              view.wall_time, event->wall_time);
  cvg_check (&c->base, view.step == event->step, "step %" G_GINT64_FORMAT ", protobuf-c %" G_GINT64_FORMAT,
              view.step, (gint64) event->step);
  cvg_check (&c->base, span_inside (view.payload, data, len) && span_inside (view.source_writer, data, len),
              "event spans point outside the record");

  writer = event->source_metadata != NULL ? event->source_metadata->writer : "";
  cvg_check (&c->base, span_equals_str (view.source_writer, writer), "source writer '%.*s', protobuf-c '%s'",
              (int) view.source_writer.len, (const char *) view.source_writer.data, writer);

  cvg_check (&c->base, (int) view.what == (int) event->what_case, "what %d, protobuf-c %d",
              view.what, event->what_case);
  if ((int) view.what == (int) event->what_case)
    {
      switch (event->what_case)
        {
        case TENSORBOARD__EVENT__WHAT_FILE_VERSION:
          cvg_check (&c->base, span_equals_str (view.payload, event->file_version),
                      "file_version '%.*s', protobuf-c '%s'", (int) view.payload.len,
                      (const char *) view.payload.data, event->file_version);
          break;
        case TENSORBOARD__EVENT__WHAT_GRAPH_DEF:
          cvg_check (&c->base, span_equals (view.payload, event->graph_def.data, event->graph_def.len),
                      "graph_def span of %zu bytes, protobuf-c %zu", view.payload.len, event->graph_def.len);
          break;
        case TENSORBOARD__EVENT__WHAT_META_GRAPH_DEF:
          cvg_check (&c->base, span_equals (view.payload, event->meta_graph_def.data, event->meta_graph_def.len),
                      "meta_graph_def span of %zu bytes, protobuf-c %zu", view.payload.len,
                      event->meta_graph_def.len);
          break;
        case TENSORBOARD__EVENT__WHAT_SUMMARY:
          compare_summary (c, view.payload, event->summary, data, len);
          break;
        case TENSORBOARD__EVENT__WHAT_SESSION_LOG:
          {
            Tensorboard__SessionLog *log =
              tensorboard__session_log__unpack (NULL, view.payload.len, view.payload.data);
            cvg_check (&c->base, log != NULL, "session_log span does not decode");
            if (log != NULL)
              {
                cvg_check (&c->base, log->status == event->session_log->status &&
                               g_strcmp0 (log->checkpoint_path, event->session_log->checkpoint_path) == 0 &&
                               g_strcmp0 (log->msg, event->session_log->msg) == 0,
                            "session_log differs");
                tensorboard__session_log__free_unpacked (log, NULL);
              }
          }
          break;
        case TENSORBOARD__EVENT__WHAT_TAGGED_RUN_METADATA:
          {
            Tensorboard__TaggedRunMetadata *tagged =
              tensorboard__tagged_run_metadata__unpack (NULL, view.payload.len, view.payload.data);
            const Tensorboard__TaggedRunMetadata *expected = event->tagged_run_metadata;
            cvg_check (&c->base, tagged != NULL, "tagged_run_metadata span does not decode");
            if (tagged != NULL)
              {
                cvg_check (&c->base, g_strcmp0 (tagged->tag, expected->tag) == 0 &&
                               tagged->run_metadata.len == expected->run_metadata.len &&
                               memcmp (tagged->run_metadata.data, expected->run_metadata.data,
                                       expected->run_metadata.len) == 0,
                            "tagged_run_metadata differs");
                tensorboard__tagged_run_metadata__free_unpacked (tagged, NULL);
              }
          }
          break;
        case TENSORBOARD__EVENT__WHAT_LOG_MESSAGE:
          {
            Tensorboard__LogMessage *message =
              tensorboard__log_message__unpack (NULL, view.payload.len, view.payload.data);
            cvg_check (&c->base, message != NULL, "log_message span does not decode");
            if (message != NULL)
              {
                cvg_check (&c->base, message->level == event->log_message->level &&
                               g_strcmp0 (message->message, event->log_message->message) == 0,
                            "log_message differs");
                tensorboard__log_message__free_unpacked (message, NULL);
              }
          }
          break;
        case TENSORBOARD__EVENT__WHAT__NOT_SET:
        default:
          cvg_check (&c->base, view.payload.len == 0, "payload without a what case");
          break;
        }
    }
  tensorboard__event__free_unpacked (event, NULL);
}

/* Corpus walk ------------------------------------------------------------ */

static void
collect_event_files (const char *root,
                     const char *relative,
                     GPtrArray  *out)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (path, n, NULL);
      g_autofree char *child_relative = strcmp (relative, ".") == 0 ? g_strdup (n)
                                                                    : g_build_filename (relative, n, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        collect_event_files (root, child_relative, out);
      else if (strstr (n, "tfevents") != NULL && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_steal_pointer (&child_relative));
    }
}

typedef struct
{
  Checker *checker;
  guint64  records;
  guint    problems;
} ReadContext;

static void
record_cb (const guint8 *data,
           gsize         len,
           guint64       offset,
           gpointer      user_data)
{
  ReadContext *ctx = user_data;

  checker_at (ctx->checker, offset);
  compare_record (ctx->checker, data, len);
  ctx->records++;
}

static void
problem_cb (CvgIoErrorCode  code,
            guint64         offset,
            const char     *message,
            gpointer        user_data)
{
  ReadContext *ctx = user_data;

  checker_at (ctx->checker, offset);
  cvg_check (&ctx->checker->base, FALSE, "record problem: %s", message);
  ctx->problems++;
}

static const CvgInvFile *
find_inventory_file (const char  *run_name,
                     const char  *file_name)
{
  for (guint i = 0; i < inventory->runs->len; i++)
    {
      const CvgInvRun *run = g_ptr_array_index (inventory->runs, i);

      if (strcmp (run->name, run_name) != 0)
        continue;
      for (guint j = 0; j < run->files->len; j++)
        {
          const CvgInvFile *file = g_ptr_array_index (run->files, j);
          if (strcmp (file->name, file_name) == 0)
            return file;
        }
    }
  return NULL;
}

static void
test_corpus_set (gconstpointer data)
{
  const char *set = data;
  g_autofree char *set_path = g_build_filename (corpus_dir, set, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inv_runs = cvg_inventory_get_set_runs (inventory, set);
  guint64 expected_records = 0, records = 0;
  guint expected_files = 0;
  Checker c = { 0 };

  for (guint i = 0; i < inv_runs->len; i++)
    {
      const CvgInvRun *run = g_ptr_array_index (inv_runs, i);
      expected_records += cvg_inv_run_get_records (run);
      expected_files += run->files->len;
    }

  collect_event_files (set_path, ".", files);
  g_assert_cmpuint (files->len, ==, expected_files);

  for (guint i = 0; i < files->len; i++)
    {
      const char *relative = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (set_path, relative, NULL);
      g_autofree char *folder = g_path_get_dirname (relative);
      g_autofree char *base = g_path_get_basename (relative);
      g_autofree char *run_name = strcmp (folder, ".") == 0 ? g_strdup (set)
                                                            : g_strdup_printf ("%s/%s", set, folder);
      const CvgInvFile *inv_file = find_inventory_file (run_name, base);
      g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
      g_autoptr(GError) error = NULL;
      ReadContext ctx = { &c, 0, 0 };
      GStatBuf st;

      g_free (c.file);
      c.file = g_strdup_printf ("%s/%s", set, relative);
      checker_at (&c, 0);
      cvg_check (&c.base, inv_file != NULL, "event file not in INVENTORY (run %s)", run_name);

      g_assert_true (cvg_record_file_read (file, record_cb, problem_cb, &ctx, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);

      checker_at (&c, cvg_record_file_get_offset (file));
      cvg_check (&c.base, !cvg_record_file_is_dead (file), "file marked dead");
      cvg_check (&c.base, cvg_record_file_get_offset (file) == (guint64) st.st_size,
                  "reading stopped at %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes",
                  cvg_record_file_get_offset (file), (guint64) st.st_size);
      if (inv_file != NULL)
        cvg_check (&c.base, ctx.records == inv_file->records,
                    "%" G_GUINT64_FORMAT " records, INVENTORY %" G_GUINT64_FORMAT,
                    ctx.records, inv_file->records);
      records += ctx.records;
    }

  g_test_message ("%s: compared %" G_GUINT64_FORMAT " records (%" G_GUINT64_FORMAT " values, %"
                  G_GUINT64_FORMAT " tensor scalars) in %u files",
                  set, records, c.n_values, c.n_scalars, files->len);
  total_records += records;
  total_values += c.n_values;
  total_tensor_scalars += c.n_scalars;
  checker_finish (&c, set);

  /* Every record INVENTORY counted was compared, no more, no less. */
  g_assert_cmpuint (records, ==, expected_records);
  sets_done++;
}

/* After all sets: the grand total equals INVENTORY's. */
static void
test_corpus_total (void)
{
  g_autoptr(GPtrArray) sets = cvg_inventory_get_sets (inventory);
  guint64 expected = 0;

  for (guint i = 0; i < inventory->runs->len; i++)
    expected += cvg_inv_run_get_records (g_ptr_array_index (inventory->runs, i));

  if (sets_done != sets->len)
    {
      g_test_skip ("only meaningful when every /fastpath/corpus/<set> test ran and passed");
      return;
    }
  g_test_message ("all sets: compared %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
                  " summary values, %" G_GUINT64_FORMAT " tensor scalars",
                  total_records, total_values, total_tensor_scalars);
  g_assert_cmpuint (total_records, ==, expected);
  g_assert_cmpuint (total_records, >, 0);
}

static void
test_missing (void)
{
  cvg_inventory_fail_or_skip (setup_problem, setup_is_missing);
}

/* Hand-made records -------------------------------------------------------- */

static GBytes *
pack_event (const Tensorboard__Event *event)
{
  gsize size = tensorboard__event__get_packed_size (event);
  guint8 *buf = g_malloc (MAX (size, 1));

  g_assert_cmpuint (tensorboard__event__pack (event, buf), ==, size);
  return g_bytes_new_take (buf, size);
}

static void
assert_agree (GBytes     *record,
              const char *what)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (record, &len);
  Checker c = { .file = g_strdup (what) };

  checker_at (&c, 0);

  compare_record (&c, data, len);
  checker_finish (&c, what);
}

/* An event holding one summary value with @tensor. */
static GBytes *
pack_tensor_event (Tensorboard__TensorProto *tensor)
{
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value *values[] = { &value };
  Tensorboard__Summary summary = TENSORBOARD__SUMMARY__INIT;
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;

  value.tag = (char *) "t";
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  value.tensor = tensor;
  summary.n_value = 1;
  summary.value = values;
  event.wall_time = 1700000000.25;
  event.step = 42;
  event.what_case = TENSORBOARD__EVENT__WHAT_SUMMARY;
  event.summary = &summary;
  return pack_event (&event);
}

/* Packs @tensor alone and in an event: both decoders must agree on the
 * event, and the fast path must give @expected (bitwise) or decline. */
static void
check_tensor_case (Tensorboard__TensorProto *tensor,
                   const char               *what,
                   gboolean                  expect_scalar,
                   double                    expected)
{
  g_autoptr(GBytes) record = pack_tensor_event (tensor);
  gsize size = tensorboard__tensor_proto__get_packed_size (tensor);
  g_autofree guint8 *buf = g_malloc (MAX (size, 1));
  CvgSpan span = { buf, size };
  Tensorboard__TensorProto *unpacked;
  Checker c = { .file = g_strdup (what) };

  checker_at (&c, 0);
  double value = 0;
  gboolean is_scalar;

  assert_agree (record, what);

  tensorboard__tensor_proto__pack (tensor, buf);
  unpacked = tensorboard__tensor_proto__unpack (NULL, size, buf);
  g_assert_nonnull (unpacked);
  is_scalar = compare_tensor (&c, span, unpacked, &value);
  tensorboard__tensor_proto__free_unpacked (unpacked, NULL);
  checker_finish (&c, what);

  if (expect_scalar != is_scalar)
    g_test_fail_printf ("%s: fast path %s it, expected it to %s", what,
                        is_scalar ? "accepts" : "declines", expect_scalar ? "accept" : "decline");
  else if (expect_scalar && !same_double (value, expected))
    g_test_fail_printf ("%s: fast path reads %.17g, expected %.17g", what, value, expected);
}

static float
float_from_bits (guint32 bits)
{
  float f;

  memcpy (&f, &bits, 4);
  return f;
}

static gint32
float_bits (float f)
{
  gint32 bits;

  memcpy (&bits, &f, 4);
  return bits;
}

static void
test_edge_double_val (void)
{
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  double values[] = { 0.1, 1e300, -0.0, 5e-324 };

  tensor.dtype = CVG_DT_DOUBLE;
  tensor.n_double_val = 1;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      tensor.double_val = &values[i];
      check_tensor_case (&tensor, "double_val", TRUE, values[i]);
    }

  /* Two values are not a rank-0 tensor. */
  tensor.double_val = values;
  tensor.n_double_val = 2;
  check_tensor_case (&tensor, "double_val x2", FALSE, 0);

  /* A double in the float list (and the reverse) is no scalar. */
  tensor.dtype = CVG_DT_FLOAT;
  tensor.n_double_val = 1;
  check_tensor_case (&tensor, "DT_FLOAT holding double_val", FALSE, 0);
}

static void
test_edge_int_vals (void)
{
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  gint64 int64s[] = { -3, G_GINT64_CONSTANT (9007199254740993), G_MININT64, G_MAXINT64 };
  gint32 int32s[] = { -7, G_MAXINT32, G_MININT32 };

  tensor.dtype = CVG_DT_INT64;
  tensor.n_int64_val = 1;
  for (guint i = 0; i < G_N_ELEMENTS (int64s); i++)
    {
      tensor.int64_val = &int64s[i];
      check_tensor_case (&tensor, "int64_val", TRUE, (double) int64s[i]);
    }

  tensor.dtype = CVG_DT_INT32;
  tensor.n_int64_val = 0;
  tensor.n_int_val = 1;
  for (guint i = 0; i < G_N_ELEMENTS (int32s); i++)
    {
      tensor.int_val = &int32s[i];
      check_tensor_case (&tensor, "int_val", TRUE, (double) int32s[i]);
    }
}

static void
test_edge_half_val (void)
{
  static const struct { int dtype; gint32 bits; double expected; } cases[] = {
    /* IEEE half bit patterns. */
    { CVG_DT_HALF, 0x3c00, 1.0 },
    { CVG_DT_HALF, 0xc000, -2.0 },
    { CVG_DT_HALF, 0x7bff, 65504.0 },
    { CVG_DT_HALF, 0x0001, 5.9604644775390625e-08 },
    { CVG_DT_HALF, 0x3555, 0.333251953125 },
    { CVG_DT_HALF, 0x0000, 0.0 },
    /* bfloat16: the top half of a float32. */
    { CVG_DT_BFLOAT16, 0x3f80, 1.0 },
    { CVG_DT_BFLOAT16, 0xc0a0, -5.0 },
  };
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *what = g_strdup_printf ("half_val %s 0x%04x", cvg_data_type_name (cases[i].dtype),
                                               (guint) cases[i].bits);
      gint32 bits = cases[i].bits;

      tensor.dtype = cases[i].dtype;
      tensor.n_half_val = 1;
      tensor.half_val = &bits;
      check_tensor_case (&tensor, what, TRUE, cases[i].expected);
    }

  /* IEEE-half infinity and NaN. */
  {
    gint32 bits = 0x7c00;
    double v = 0;
    CvgScalarWidth width;

    tensor.dtype = CVG_DT_HALF;
    tensor.half_val = &bits;
    check_tensor_case (&tensor, "half_val +inf", TRUE, INFINITY);
    bits = 0x7e00;
    /* NaN payloads may differ, so only the NaN-ness is compared here; the
     * two decoders are still compared bitwise inside. */
    g_assert_true (cvg_tensor_val_to_scalar (CVG_DT_HALF, 13, 0x7e00, &v, &width));
    g_assert_true (isnan (v));
    g_assert_true (isnan (cvg_half_to_double (0x7e00)));
  }
}

/* PyTorch's half_to_int packs float32 bit patterns into half_val
 * (TENSORBOARD.md §2.6); they never fit in 16 bits. */
static void
test_edge_half_val_float32_pattern (void)
{
  static const float floats[] = { 0.1f, -0.5f, 3.25f, 1e-30f, -65504.0f };
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;

  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < G_N_ELEMENTS (floats); i++)
      {
        g_autofree char *what = g_strdup_printf ("half_val float32 pattern of %g (%s)", floats[i],
                                                 d == 0 ? "half" : "bfloat16");
        gint32 bits = float_bits (floats[i]);

        tensor.dtype = d == 0 ? CVG_DT_HALF : CVG_DT_BFLOAT16;
        tensor.n_half_val = 1;
        tensor.half_val = &bits;
        check_tensor_case (&tensor, what, TRUE, (double) floats[i]);
      }
}

static void
test_edge_tensor_content (void)
{
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  guint8 content[8];
  guint32 u32;
  guint64 u64;
  guint16 u16;
  double d = -1.0e-300;
  gint64 i64 = -G_GINT64_CONSTANT (1234567890123);
  gint32 i32 = -19;

  tensor.tensor_content.data = content;

  tensor.dtype = CVG_DT_FLOAT;
  u32 = GUINT32_TO_LE ((guint32) float_bits (1.5f));
  memcpy (content, &u32, 4);
  tensor.tensor_content.len = 4;
  check_tensor_case (&tensor, "tensor_content float", TRUE, 1.5);

  tensor.dtype = CVG_DT_DOUBLE;
  memcpy (&u64, &d, 8);
  u64 = GUINT64_TO_LE (u64);
  memcpy (content, &u64, 8);
  tensor.tensor_content.len = 8;
  check_tensor_case (&tensor, "tensor_content double", TRUE, d);

  tensor.dtype = CVG_DT_INT64;
  u64 = GUINT64_TO_LE ((guint64) i64);
  memcpy (content, &u64, 8);
  check_tensor_case (&tensor, "tensor_content int64", TRUE, (double) i64);

  tensor.dtype = CVG_DT_INT32;
  u32 = GUINT32_TO_LE ((guint32) i32);
  memcpy (content, &u32, 4);
  tensor.tensor_content.len = 4;
  check_tensor_case (&tensor, "tensor_content int32", TRUE, -19.0);

  tensor.dtype = CVG_DT_HALF;
  u16 = GUINT16_TO_LE (0xbc00);
  memcpy (content, &u16, 2);
  tensor.tensor_content.len = 2;
  check_tensor_case (&tensor, "tensor_content half", TRUE, -1.0);

  tensor.dtype = CVG_DT_BFLOAT16;
  u16 = GUINT16_TO_LE (0x4049);
  memcpy (content, &u16, 2);
  check_tensor_case (&tensor, "tensor_content bfloat16", TRUE, 3.140625);

  /* Content of the wrong size for a rank-0 tensor: neither reads it. */
  tensor.dtype = CVG_DT_FLOAT;
  tensor.tensor_content.len = 8;
  check_tensor_case (&tensor, "tensor_content float of 8 bytes", FALSE, 0);
}

static void
test_edge_not_scalar (void)
{
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  Tensorboard__TensorShapeProto shape = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorShapeProto__Dim dim = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT;
  Tensorboard__TensorShapeProto__Dim *dims[] = { &dim };
  ProtobufCBinaryData string = { 3, (guint8 *) "abc" };
  float f = 2.5f;

  /* Rank 1 with one element is not rank 0. */
  dim.size = 1;
  shape.n_dim = 1;
  shape.dim = dims;
  tensor.dtype = CVG_DT_FLOAT;
  tensor.tensor_shape = &shape;
  tensor.n_float_val = 1;
  tensor.float_val = &f;
  check_tensor_case (&tensor, "float [1]", FALSE, 0);

  /* An explicit empty shape is rank 0. */
  shape.n_dim = 0;
  check_tensor_case (&tensor, "float with empty shape", TRUE, 2.5);

  /* An unknown rank is not rank 0: the fast path declines it. (Not
   * compared with cvg_tensor_decode, which ignores unknown_rank and calls
   * it rank 0; the model's fallback then reads the one value anyway.) */
  shape.unknown_rank = TRUE;
  {
    gsize size = tensorboard__tensor_proto__get_packed_size (&tensor);
    g_autofree guint8 *buf = g_malloc (size);
    CvgSpan span = { buf, size };
    double value;
    CvgScalarWidth width;

    tensorboard__tensor_proto__pack (&tensor, buf);
    g_assert_false (cvg_tensor_view_get_scalar (span, &value, &width));
  }
  tensor.tensor_shape = NULL;

  /* No value at all. */
  tensor.n_float_val = 0;
  check_tensor_case (&tensor, "float without values", FALSE, 0);

  /* Strings are never scalars. */
  tensor.dtype = CVG_DT_STRING;
  tensor.n_string_val = 1;
  tensor.string_val = &string;
  check_tensor_case (&tensor, "string", FALSE, 0);
}

/* Wire helpers for encodings protobuf-c never writes. */
static void
put_varint (GByteArray *out,
            guint64     v)
{
  do
    {
      guint8 b = v & 0x7f;
      v >>= 7;
      if (v != 0)
        b |= 0x80;
      g_byte_array_append (out, &b, 1);
    }
  while (v != 0);
}

static void
put_key (GByteArray *out,
         guint       field,
         guint       wire)
{
  put_varint (out, ((guint64) field << 3) | wire);
}

static void
put_bytes (GByteArray   *out,
           guint         field,
           const guint8 *data,
           gsize         len)
{
  put_key (out, field, 2);
  put_varint (out, len);
  g_byte_array_append (out, data, len);
}

static void
put_fixed32 (GByteArray *out,
             guint       field,
             guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  put_key (out, field, 5);
  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_fixed64 (GByteArray *out,
             guint       field,
             guint64     v)
{
  guint64 le = GUINT64_TO_LE (v);

  put_key (out, field, 1);
  g_byte_array_append (out, (const guint8 *) &le, 8);
}

static guint64
double_bits (double d)
{
  guint64 bits;

  memcpy (&bits, &d, 8);
  return bits;
}

/* Wraps raw TensorProto bytes in Event{wall_time, step, summary{value{tag, tensor}}}. */
static GBytes *
wrap_tensor (GByteArray *tensor)
{
  g_autoptr(GByteArray) value = g_byte_array_new ();
  g_autoptr(GByteArray) summary = g_byte_array_new ();
  GByteArray *event = g_byte_array_new ();

  put_bytes (value, 1, (const guint8 *) "u", 1);
  put_bytes (value, 8, tensor->data, tensor->len);
  put_bytes (summary, 1, value->data, value->len);
  put_fixed64 (event, 1, double_bits (1.5));
  put_key (event, 2, 0);
  put_varint (event, 7);
  put_bytes (event, 5, summary->data, summary->len);
  return g_byte_array_free_to_bytes (event);
}

static void
check_raw_tensor (GByteArray *tensor,
                  const char *what,
                  gboolean    expect_scalar,
                  double      expected)
{
  g_autoptr(GBytes) record = wrap_tensor (tensor);
  CvgSpan span = { tensor->data, tensor->len };
  Tensorboard__TensorProto *unpacked = tensorboard__tensor_proto__unpack (NULL, tensor->len, tensor->data);
  Checker c = { .file = g_strdup (what) };

  checker_at (&c, 0);
  double value = 0;
  gboolean is_scalar;

  assert_agree (record, what);
  g_assert_nonnull (unpacked);
  is_scalar = compare_tensor (&c, span, unpacked, &value);
  tensorboard__tensor_proto__free_unpacked (unpacked, NULL);
  checker_finish (&c, what);

  if (expect_scalar != is_scalar)
    g_test_fail_printf ("%s: fast path %s it, expected it to %s", what,
                        is_scalar ? "accepts" : "declines", expect_scalar ? "accept" : "decline");
  else if (expect_scalar && !same_double (value, expected))
    g_test_fail_printf ("%s: fast path reads %.17g, expected %.17g", what, value, expected);
}

/* proto3 parsers must accept repeated numbers unpacked, one entry each. */
static void
test_edge_unpacked (void)
{
  {
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_FLOAT);
    put_fixed32 (t, 5, (guint32) float_bits (-0.75f));
    check_raw_tensor (t, "unpacked float_val", TRUE, -0.75);
  }
  {
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_DOUBLE);
    put_fixed64 (t, 6, double_bits (2.0 / 3.0));
    check_raw_tensor (t, "unpacked double_val", TRUE, 2.0 / 3.0);
  }
  {
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_INT64);
    put_key (t, 10, 0);
    put_varint (t, (guint64) G_GINT64_CONSTANT (-5));
    check_raw_tensor (t, "unpacked int64_val", TRUE, -5.0);
  }
  {
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_INT32);
    put_key (t, 7, 0);
    put_varint (t, (guint64) (gint64) -123);
    check_raw_tensor (t, "unpacked int_val", TRUE, -123.0);
  }
  {
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_HALF);
    put_key (t, 13, 0);
    put_varint (t, 0x4000);
    check_raw_tensor (t, "unpacked half_val", TRUE, 2.0);
  }
  {
    /* A negative float32 pattern in half_val, sign-extended as int32 is. */
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_HALF);
    put_key (t, 13, 0);
    put_varint (t, (guint64) (gint64) float_bits (-0.125f));
    check_raw_tensor (t, "unpacked half_val float32 pattern", TRUE, -0.125);
  }
  {
    /* Values before the dtype: field order is free. */
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_fixed32 (t, 5, (guint32) float_bits (8.5f));
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_FLOAT);
    check_raw_tensor (t, "float_val before dtype", TRUE, 8.5);
  }
  {
    /* Two unpacked entries are two elements, not a scalar. */
    g_autoptr(GByteArray) t = g_byte_array_new ();
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_FLOAT);
    put_fixed32 (t, 5, (guint32) float_bits (1.0f));
    put_fixed32 (t, 5, (guint32) float_bits (2.0f));
    check_raw_tensor (t, "two unpacked float_val", FALSE, 0);
  }
  {
    /* One packed and one unpacked entry: also two elements. */
    g_autoptr(GByteArray) t = g_byte_array_new ();
    guint32 le = GUINT32_TO_LE ((guint32) float_bits (1.0f));
    put_key (t, 1, 0);
    put_varint (t, CVG_DT_FLOAT);
    put_bytes (t, 5, (const guint8 *) &le, 4);
    put_fixed32 (t, 5, (guint32) float_bits (2.0f));
    check_raw_tensor (t, "packed + unpacked float_val", FALSE, 0);
  }
}

/* A legacy value names its series by node_name and has no tag. */
static void
test_edge_node_name_only (void)
{
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value *values[] = { &value };
  Tensorboard__Summary summary = TENSORBOARD__SUMMARY__INIT;
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
  g_autoptr(GBytes) record = NULL;
  CvgEventView view;
  CvgSummaryIter iter;
  CvgValueView v;
  gboolean done = TRUE;
  const guint8 *data;
  gsize len;

  value.node_name = (char *) "legacy/loss";
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE;
  value.simple_value = 0.5f;
  summary.n_value = 1;
  summary.value = values;
  event.step = -3;
  event.what_case = TENSORBOARD__EVENT__WHAT_SUMMARY;
  event.summary = &summary;
  record = pack_event (&event);
  assert_agree (record, "node_name only");

  data = g_bytes_get_data (record, &len);
  g_assert_cmpint (cvg_event_view_parse (data, len, &view), ==, CVG_VIEW_OK);
  g_assert_cmpint (view.step, ==, -3);
  g_assert_cmpint (view.what, ==, CVG_EVENT_SUMMARY);
  cvg_summary_iter_init (&iter, view.payload);
  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_false (done);
  g_assert_cmpuint (v.tag.len, ==, 0);
  g_assert_true (span_equals_str (v.node_name, "legacy/loss"));
  g_assert_cmpfloat (v.simple_value, ==, 0.5f);
  g_assert_false (v.has_metadata);
  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_true (done);
}

/* Every kind of Event field and Summary value the corpus may not hold. */
static void
test_edge_event_fields (void)
{
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
  Tensorboard__SourceMetadata source = TENSORBOARD__SOURCE_METADATA__INIT;
  Tensorboard__SessionLog log = TENSORBOARD__SESSION_LOG__INIT;
  Tensorboard__TaggedRunMetadata tagged = TENSORBOARD__TAGGED_RUN_METADATA__INIT;
  Tensorboard__LogMessage message = TENSORBOARD__LOG_MESSAGE__INIT;
  static const guint8 graph[] = { 0x0a, 0x05, 0x0a, 0x03, 'a', 'd', 'd', 0x00, 0xff };
  g_autoptr(GBytes) record = NULL;
  CvgEventView view;
  const guint8 *data;
  gsize len;

  /* File version with a source writer. */
  event.wall_time = 1663724565.123456;
  event.what_case = TENSORBOARD__EVENT__WHAT_FILE_VERSION;
  event.file_version = (char *) "brain.Event:2";
  source.writer = (char *) "tensorboard.summary.writer.event_file_writer";
  event.source_metadata = &source;
  record = pack_event (&event);
  assert_agree (record, "file_version + source_metadata");
  data = g_bytes_get_data (record, &len);
  g_assert_cmpint (cvg_event_view_parse (data, len, &view), ==, CVG_VIEW_OK);
  g_assert_true (span_equals_str (view.payload, "brain.Event:2"));
  g_assert_true (span_equals_str (view.source_writer, "tensorboard.summary.writer.event_file_writer"));
  g_assert_cmpfloat (view.wall_time, ==, 1663724565.123456);
  g_clear_pointer (&record, g_bytes_unref);
  event.source_metadata = NULL;

  /* tensorboardX: only a wall time. */
  event.what_case = TENSORBOARD__EVENT__WHAT__NOT_SET;
  record = pack_event (&event);
  assert_agree (record, "wall_time only");
  data = g_bytes_get_data (record, &len);
  g_assert_cmpint (cvg_event_view_parse (data, len, &view), ==, CVG_VIEW_OK);
  g_assert_cmpint (view.what, ==, CVG_EVENT_NONE);
  g_clear_pointer (&record, g_bytes_unref);

  /* Graph and meta graph bytes, with zero bytes inside. */
  event.what_case = TENSORBOARD__EVENT__WHAT_GRAPH_DEF;
  event.graph_def.data = (guint8 *) graph;
  event.graph_def.len = sizeof graph;
  record = pack_event (&event);
  assert_agree (record, "graph_def");
  g_clear_pointer (&record, g_bytes_unref);
  event.what_case = TENSORBOARD__EVENT__WHAT_META_GRAPH_DEF;
  event.meta_graph_def.data = (guint8 *) graph;
  event.meta_graph_def.len = sizeof graph;
  record = pack_event (&event);
  assert_agree (record, "meta_graph_def");
  data = g_bytes_get_data (record, &len);
  g_assert_cmpint (cvg_event_view_parse (data, len, &view), ==, CVG_VIEW_OK);
  g_assert_cmpint (view.what, ==, CVG_EVENT_META_GRAPH_DEF);
  g_assert_true (span_equals (view.payload, graph, sizeof graph));
  g_clear_pointer (&record, g_bytes_unref);

  /* Session log, tagged run metadata, log message. */
  event.step = G_GINT64_CONSTANT (1) << 40;
  event.what_case = TENSORBOARD__EVENT__WHAT_SESSION_LOG;
  log.status = TENSORBOARD__SESSION_LOG__SESSION_STATUS__CHECKPOINT;
  log.checkpoint_path = (char *) "/tmp/model.ckpt-20000";
  log.msg = (char *) "saved";
  event.session_log = &log;
  record = pack_event (&event);
  assert_agree (record, "session_log");
  g_clear_pointer (&record, g_bytes_unref);

  event.what_case = TENSORBOARD__EVENT__WHAT_TAGGED_RUN_METADATA;
  tagged.tag = (char *) "step1";
  tagged.run_metadata.data = (guint8 *) graph;
  tagged.run_metadata.len = sizeof graph;
  event.tagged_run_metadata = &tagged;
  record = pack_event (&event);
  assert_agree (record, "tagged_run_metadata");
  g_clear_pointer (&record, g_bytes_unref);

  event.what_case = TENSORBOARD__EVENT__WHAT_LOG_MESSAGE;
  message.level = 30;
  message.message = (char *) "deprecated";
  event.log_message = &message;
  record = pack_event (&event);
  assert_agree (record, "log_message");
  g_clear_pointer (&record, g_bytes_unref);
}

static void
test_edge_summary_values (void)
{
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
  Tensorboard__Summary summary = TENSORBOARD__SUMMARY__INIT;
  Tensorboard__Summary__Value v_simple = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_histo = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_image = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_audio = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_old = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_meta_only = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_no_plugin = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value v_nan = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value *values[] = {
    &v_simple, &v_histo, &v_image, &v_audio, &v_old, &v_meta_only, &v_no_plugin, &v_nan,
  };
  Tensorboard__SummaryMetadata metadata = TENSORBOARD__SUMMARY_METADATA__INIT;
  Tensorboard__SummaryMetadata__PluginData plugin = TENSORBOARD__SUMMARY_METADATA__PLUGIN_DATA__INIT;
  Tensorboard__SummaryMetadata display_only = TENSORBOARD__SUMMARY_METADATA__INIT;
  Tensorboard__HistogramProto histo = TENSORBOARD__HISTOGRAM_PROTO__INIT;
  Tensorboard__Summary__Image image = TENSORBOARD__SUMMARY__IMAGE__INIT;
  Tensorboard__Summary__Audio audio = TENSORBOARD__SUMMARY__AUDIO__INIT;
  double limits[] = { -1.0, 0.0, 1.0, DBL_MAX };
  double buckets[] = { 0.0, 3.0, 4.0, 0.0 };
  static const guint8 blob[] = { 0x89, 'P', 'N', 'G', 0, 1, 2 };
  static const guint8 content[] = { 0x08, 0x01 };
  g_autoptr(GBytes) record = NULL;
  CvgEventView view;
  CvgSummaryIter iter;
  CvgValueView v;
  CvgSpan plugin_name;
  gboolean done;
  const guint8 *data;
  gsize len;

  v_simple.tag = (char *) "loss";
  v_simple.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE;
  v_simple.simple_value = -1.25f;
  plugin.plugin_name = (char *) "scalars";
  plugin.content.data = (guint8 *) content;
  plugin.content.len = sizeof content;
  metadata.plugin_data = &plugin;
  metadata.display_name = (char *) "Loss";
  v_simple.metadata = &metadata;

  histo.min = -0.5;
  histo.max = 0.75;
  histo.num = 7;
  histo.sum = 1;
  histo.sum_squares = 2;
  histo.n_bucket_limit = G_N_ELEMENTS (limits);
  histo.bucket_limit = limits;
  histo.n_bucket = G_N_ELEMENTS (buckets);
  histo.bucket = buckets;
  v_histo.tag = (char *) "weights";
  v_histo.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO;
  v_histo.histo = &histo;

  image.width = 3;
  image.height = 2;
  image.colorspace = 4;
  image.encoded_image_string.data = (guint8 *) blob;
  image.encoded_image_string.len = sizeof blob;
  v_image.tag = (char *) "img";
  v_image.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_IMAGE;
  v_image.image = &image;

  audio.sample_rate = 44100;
  audio.num_channels = 1;
  audio.length_frames = 3;
  audio.content_type = (char *) "audio/wav";
  audio.encoded_audio_string.data = (guint8 *) blob;
  audio.encoded_audio_string.len = sizeof blob;
  v_audio.tag = (char *) "snd";
  v_audio.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_AUDIO;
  v_audio.audio = &audio;

  v_old.tag = (char *) "old";
  v_old.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_OBSOLETE_OLD_STYLE_HISTOGRAM;
  v_old.obsolete_old_style_histogram.data = (guint8 *) blob;
  v_old.obsolete_old_style_histogram.len = sizeof blob;

  /* PyTorch hparams: metadata and no value. */
  v_meta_only.tag = (char *) "_hparams_/experiment";
  v_meta_only.metadata = &metadata;

  /* Metadata without plugin_data. */
  display_only.display_name = (char *) "shown";
  v_no_plugin.tag = (char *) "plain";
  v_no_plugin.node_name = (char *) "node";
  v_no_plugin.metadata = &display_only;
  v_no_plugin.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE;
  v_no_plugin.simple_value = 3.0f;

  v_nan.tag = (char *) "nan";
  v_nan.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE;
  v_nan.simple_value = float_from_bits (0x7fc00001);

  summary.n_value = G_N_ELEMENTS (values);
  summary.value = values;
  event.wall_time = 1.0;
  event.step = 5;
  event.what_case = TENSORBOARD__EVENT__WHAT_SUMMARY;
  event.summary = &summary;
  record = pack_event (&event);
  assert_agree (record, "mixed summary values");

  /* And the specific answers, not only agreement. */
  data = g_bytes_get_data (record, &len);
  g_assert_cmpint (cvg_event_view_parse (data, len, &view), ==, CVG_VIEW_OK);
  cvg_summary_iter_init (&iter, view.payload);

  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_true (span_equals_str (v.tag, "loss"));
  g_assert_cmpint (v.value_case, ==, CVG_VALUE_SIMPLE);
  g_assert_cmpfloat (v.simple_value, ==, -1.25f);
  g_assert_true (v.has_metadata);
  g_assert_true (cvg_metadata_view_get_plugin_name (v.metadata, &plugin_name));
  g_assert_true (span_equals_str (plugin_name, "scalars"));

  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_cmpint (v.value_case, ==, CVG_VALUE_HISTOGRAM);
  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_cmpint (v.value_case, ==, CVG_VALUE_IMAGE);
  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_cmpint (v.value_case, ==, CVG_VALUE_AUDIO);
  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_cmpint (v.value_case, ==, CVG_VALUE_OLD_HISTOGRAM);
  g_assert_true (span_equals (v.payload, blob, sizeof blob));

  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_cmpint (v.value_case, ==, CVG_VALUE_NONE);
  g_assert_true (v.has_metadata);
  g_assert_true (span_equals_str (v.tag, "_hparams_/experiment"));

  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_true (v.has_metadata);
  g_assert_false (cvg_metadata_view_get_plugin_name (v.metadata, &plugin_name));
  g_assert_true (span_equals_str (v.node_name, "node"));

  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_true (same_float (v.simple_value, float_from_bits (0x7fc00001)));

  g_assert_cmpint (cvg_summary_iter_next (&iter, &v, &done), ==, CVG_VIEW_OK);
  g_assert_true (done);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fastpath/edge/double-val", test_edge_double_val);
  g_test_add_func ("/fastpath/edge/int-vals", test_edge_int_vals);
  g_test_add_func ("/fastpath/edge/half-val", test_edge_half_val);
  g_test_add_func ("/fastpath/edge/half-val-float32-pattern", test_edge_half_val_float32_pattern);
  g_test_add_func ("/fastpath/edge/tensor-content", test_edge_tensor_content);
  g_test_add_func ("/fastpath/edge/not-scalar", test_edge_not_scalar);
  g_test_add_func ("/fastpath/edge/unpacked", test_edge_unpacked);
  g_test_add_func ("/fastpath/edge/node-name-only", test_edge_node_name_only);
  g_test_add_func ("/fastpath/edge/event-fields", test_edge_event_fields);
  g_test_add_func ("/fastpath/edge/summary-values", test_edge_summary_values);

  inventory = cvg_inventory_load_corpus (&corpus_dir, &setup_problem, &setup_is_missing);

  if (inventory == NULL)
    {
      g_test_add_func ("/fastpath/corpus/available", test_missing);
    }
  else
    {
      g_autoptr(GPtrArray) sets = cvg_inventory_get_sets (inventory);

      for (guint i = 0; i < sets->len; i++)
        {
          const char *set = g_ptr_array_index (sets, i);
          g_autofree char *test_path = g_strdup_printf ("/fastpath/corpus/%s", set);
          const char *stored = NULL;

          /* Data that lives as long as the inventory. */
          for (guint j = 0; j < inventory->runs->len && stored == NULL; j++)
            {
              const CvgInvRun *run = g_ptr_array_index (inventory->runs, j);
              if (strcmp (run->set, set) == 0)
                stored = run->set;
            }
          g_test_add_data_func (test_path, stored, test_corpus_set);
        }
      g_test_add_func ("/fastpath/corpus/total", test_corpus_total);
    }

  status = g_test_run ();
  g_clear_pointer (&inventory, cvg_inventory_free);
  g_free (setup_problem);
  return status;
}
