/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-decode"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cvg-event-view.h"
#include "cvg-payload.h"
#include "cvg-run-private.h"
#include "cvg-tensor.h"
#include "cvg-utf8.h"

/* TensorBoard's plugin names and the kinds they hold. */
static const struct
{
  const char *plugin_name;
  CvgKind     kind;
} plugin_kinds[] = {
  { "scalars", CVG_KIND_SCALAR },
  { "histograms", CVG_KIND_HISTOGRAM },
  { "images", CVG_KIND_IMAGE },
  { "audio", CVG_KIND_AUDIO },
  { "text", CVG_KIND_TEXT },
  { "pr_curves", CVG_KIND_PR_CURVE },
  { "hparams", CVG_KIND_HPARAMS },
  { "graph_keras_model", CVG_KIND_KERAS_MODEL },
  { "graph_run_metadata", CVG_KIND_RUN_METADATA },
  { "graph_run_metadata_graph", CVG_KIND_RUN_METADATA },
  { "graph_tagged_run_metadata", CVG_KIND_RUN_METADATA },
};

static gboolean
span_equal_str (CvgSpan     span,
                const char *str)
{
  gsize len = strlen (str);

  return span.len == len && memcmp (span.data, str, len) == 0;
}

static CvgKind
kind_for_value (const CvgValueView *value,
                CvgSpan             plugin_name,
                gboolean            has_plugin)
{
  switch (value->value_case)
    {
    case CVG_VALUE_SIMPLE: return CVG_KIND_SCALAR;
    case CVG_VALUE_HISTOGRAM: return CVG_KIND_HISTOGRAM;
    case CVG_VALUE_IMAGE: return CVG_KIND_IMAGE;
    case CVG_VALUE_AUDIO: return CVG_KIND_AUDIO;
    case CVG_VALUE_TENSOR:
    case CVG_VALUE_NONE:
    case CVG_VALUE_OLD_HISTOGRAM:
    default:
      break;
    }

  if (has_plugin)
    for (guint i = 0; i < G_N_ELEMENTS (plugin_kinds); i++)
      if (span_equal_str (plugin_name, plugin_kinds[i].plugin_name))
        return plugin_kinds[i].kind;
  return CVG_KIND_BLOB;
}

static CvgEncoding
encoding_for_value (const CvgValueView *value)
{
  switch (value->value_case)
    {
    case CVG_VALUE_SIMPLE: return CVG_ENCODING_SIMPLE_VALUE;
    case CVG_VALUE_HISTOGRAM: return CVG_ENCODING_HISTOGRAM_PROTO;
    case CVG_VALUE_IMAGE: return CVG_ENCODING_IMAGE_PROTO;
    case CVG_VALUE_AUDIO: return CVG_ENCODING_AUDIO_PROTO;
    case CVG_VALUE_NONE: return CVG_ENCODING_METADATA_ONLY;
    case CVG_VALUE_TENSOR:
    case CVG_VALUE_OLD_HISTOGRAM:
    default: return CVG_ENCODING_TENSOR;
    }
}

static void
apply_metadata (CvgSeries          *series,
                const CvgValueView *value)
{
  CvgMetadata metadata;

  if (!cvg_metadata_parse (value->metadata, &metadata))
    return;
  cvg_series_set_metadata (series, metadata.plugin_name, metadata.plugin_content,
                           metadata.display_name, metadata.description);
  cvg_metadata_clear (&metadata);
}

/* Tags are byte strings with a length. A series keeps the escaped form
 * (cvg-utf8.h: valid UTF-8, distinct tags stay distinct, a NUL does not
 * cut the name), which every page and export shows as it is. An absent
 * tag is "", as TensorBoard keeps it. @as_bytes: the form is the bytes
 * themselves (escaping only ever lengthens). */
static char *
tag_from_span (CvgSpan   span,
               gboolean *as_bytes)
{
  char *tag = cvg_utf8_escape ((const char *) span.data, span.len);

  *as_bytes = strlen (tag) == span.len;
  return tag;
}

/* Tags cycle through a few names, so a tiny cache keyed by a cheap hash of
 * the bytes saves a NUL-terminated copy and a full hash per value. */
static guint
span_quick_hash (CvgSpan span)
{
  guint64 head = 0, tail = 0, h;

  /* Length and the first and last eight bytes tell tags apart well enough;
   * a collision only costs a full lookup. */
  if (span.len > 0)
    memcpy (&head, span.data, MIN (span.len, 8));
  if (span.len > 8)
    memcpy (&tail, span.data + span.len - 8, 8);
  h = (head * 0x9e3779b97f4a7c15u) ^ (tail * 0xc2b2ae3d27d4eb4fu) ^ span.len;
  return (guint) (h >> 56) % TAG_CACHE_SIZE;
}

static CvgSeries *
lookup_summary_series (CvgRun  *self,
                       CvgSpan  tag)
{
  CvgTagCacheEntry *entry = &self->tag_cache[span_quick_hash (tag)];
  g_autofree char *key = NULL;
  gboolean as_bytes;
  CvgSeries *series;

  if (entry->series != NULL && entry->tag_len == tag.len &&
      (tag.len == 0 || memcmp (cvg_series_get_tag (entry->series), tag.data, tag.len) == 0))
    return entry->series;

  key = tag_from_span (tag, &as_bytes);
  series = g_hash_table_lookup (self->summary_series, key);
  /* Only a tag kept as its own bytes can be matched by bytes. */
  if (series != NULL && as_bytes)
    {
      entry->series = series;
      entry->tag_len = tag.len;
    }
  return series;
}

static CvgSeries *
add_series (CvgRun      *self,
            const char  *tag,
            CvgKind      kind,
            CvgEncoding  encoding)
{
  CvgSeries *series = cvg_series_new (tag, kind, encoding);

  g_ptr_array_add (self->series, series);
  return series;
}

static CvgSeries *
create_summary_series (CvgRun             *self,
                       CvgSpan             tag,
                       const CvgValueView *value,
                       guint64             offset)
{
  gboolean as_bytes;
  g_autofree char *name = tag_from_span (tag, &as_bytes);
  CvgSpan plugin_name = { NULL, 0 };
  gboolean has_plugin = value->has_metadata &&
                        cvg_metadata_view_get_plugin_name (value->metadata, &plugin_name);
  CvgSeries *series;

  series = add_series (self, name, kind_for_value (value, plugin_name, has_plugin),
                       encoding_for_value (value));
  if (value->has_metadata)
    apply_metadata (series, value);
  if (!g_utf8_validate_len ((const char *) tag.data, tag.len, NULL))
    cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                         "a tag holds NUL bytes or invalid UTF-8; shown as '%s'", name);
  g_hash_table_insert (self->summary_series, (char *) cvg_series_get_tag (series), series);
  return series;
}

static CvgSeries *
event_series (CvgRun     *self,
              CvgKind     kind,
              const char *tag)
{
  g_autofree char *key = g_strdup_printf ("%d/%s", kind, tag);
  CvgSeries *series = g_hash_table_lookup (self->event_series, key);

  if (series == NULL)
    {
      series = add_series (self, tag, kind, CVG_ENCODING_EVENT_FIELD);
      g_hash_table_insert (self->event_series, g_steal_pointer (&key), series);
    }
  return series;
}

static void
append_tensor_payload (CvgRun    *self,
                       CvgSeries *series,
                       gint64     step,
                       double     wall_time,
                       CvgSpan    payload,
                       guint64    offset)
{
  g_autoptr(GError) error = NULL;
  CvgTensor tensor;

  if (!cvg_tensor_parse (payload, CVG_TENSOR_MAX_ELEMENTS, &tensor, &error))
    cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE, "tag '%s': %s; value skipped",
                         cvg_series_get_tag (series), error->message);
  else if (cvg_series_get_kind (series) == CVG_KIND_HISTOGRAM &&
           !(tensor.rank == 2 && tensor.dims[1] == 3))
    cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                         "histogram '%s' is not a [k, 3] tensor; value skipped",
                         cvg_series_get_tag (series));
  else
    cvg_series_append_tensor (series, step, wall_time, &tensor);
  cvg_tensor_clear (&tensor);
}

static void
append_scalar_tensor (CvgRun    *self,
                      CvgSeries *series,
                      gint64     step,
                      double     wall_time,
                      CvgSpan    payload,
                      guint64    offset)
{
  g_autoptr(GError) error = NULL;
  CvgScalarWidth width;
  CvgTensor tensor;
  double value;

  if (cvg_tensor_view_get_scalar (payload, &value, &width))
    {
      cvg_series_append_scalar (series, step, wall_time, value, width);
      return;
    }

  /* Not the common rank-0 form: accept any one-element numeric tensor,
   * and expand no shape past that one element. */
  if (!cvg_tensor_parse (payload, 1, &tensor, &error))
    cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE, "scalar '%s': %s; value skipped",
                         cvg_series_get_tag (series), error->message);
  else if (tensor.numbers == NULL || tensor.n_elements != 1)
    cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                         "scalar '%s' holds %zu values; value skipped",
                         cvg_series_get_tag (series), tensor.n_elements);
  else
    cvg_series_append_scalar (series, step, wall_time, tensor.numbers[0],
                              tensor.dtype == CVG_DT_FLOAT ? CVG_SCALAR_FLOAT : CVG_SCALAR_DOUBLE);
  cvg_tensor_clear (&tensor);
}

/* A payload the fast view leaves to io's decoders (cvg-payload.h),
 * appended as the tensor it becomes. */
typedef gboolean (*PayloadParser) (CvgSpan    bytes,
                                   CvgTensor *tensor);

static void
append_parsed (CvgRun        *self,
               CvgSeries     *series,
               gint64         step,
               double         wall_time,
               CvgSpan        payload,
               guint64        offset,
               PayloadParser  parse,
               const char    *what)
{
  CvgTensor tensor;

  if (parse (payload, &tensor))
    cvg_series_append_tensor (series, step, wall_time, &tensor);
  else
    cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                         "undecodable %s for tag '%s'; value skipped", what, cvg_series_get_tag (series));
  cvg_tensor_clear (&tensor);
}

/* HParams data lives in each value's plugin content, not in its value. */
static void
append_hparams (CvgSeries          *series,
                gint64              step,
                double              wall_time,
                const CvgValueView *value)
{
  CvgMetadata metadata = { NULL };

  if (value->has_metadata && cvg_metadata_parse (value->metadata, &metadata) &&
      metadata.plugin_content != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (metadata.plugin_content, &len);
      cvg_series_append_bytes (series, step, wall_time, data, len);
    }
  else
    {
      cvg_series_append_bytes (series, step, wall_time, NULL, 0);
    }
  cvg_metadata_clear (&metadata);
}

static void
append_value (CvgRun             *self,
              CvgSeries          *series,
              const CvgEventView *event,
              const CvgValueView *value,
              guint64             offset)
{
  gint64 step = event->step;
  double wall_time = event->wall_time;

  if (cvg_series_get_kind (series) == CVG_KIND_HPARAMS)
    {
      append_hparams (series, step, wall_time, value);
      return;
    }

  switch (value->value_case)
    {
    case CVG_VALUE_SIMPLE:
      if (cvg_series_get_kind (series) == CVG_KIND_SCALAR)
        {
          cvg_series_append_scalar (series, step, wall_time, value->simple_value, CVG_SCALAR_FLOAT);
          return;
        }
      break;
    case CVG_VALUE_TENSOR:
      if (cvg_series_get_kind (series) == CVG_KIND_SCALAR)
        append_scalar_tensor (self, series, step, wall_time, value->payload, offset);
      else
        append_tensor_payload (self, series, step, wall_time, value->payload, offset);
      return;
    case CVG_VALUE_HISTOGRAM:
      if (cvg_series_get_kind (series) == CVG_KIND_HISTOGRAM)
        {
          append_parsed (self, series, step, wall_time, value->payload, offset,
                         cvg_histogram_parse, "histogram");
          return;
        }
      break;
    case CVG_VALUE_IMAGE:
      if (cvg_series_get_kind (series) == CVG_KIND_IMAGE)
        {
          append_parsed (self, series, step, wall_time, value->payload, offset,
                         cvg_image_parse, "image");
          return;
        }
      break;
    case CVG_VALUE_AUDIO:
      if (cvg_series_get_kind (series) == CVG_KIND_AUDIO)
        {
          append_parsed (self, series, step, wall_time, value->payload, offset,
                         cvg_audio_parse, "audio");
          return;
        }
      break;
    case CVG_VALUE_NONE:
    case CVG_VALUE_OLD_HISTOGRAM:
    default:
      if (cvg_series_get_kind (series) == CVG_KIND_BLOB)
        {
          cvg_series_append_bytes (series, step, wall_time, value->payload.data, value->payload.len);
          return;
        }
      break;
    }

  cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                       "tag '%s' holds a %s series but this value is of another kind; value skipped",
                       cvg_series_get_tag (series), cvg_kind_to_string (cvg_series_get_kind (series)));
}

static void
cut_all_series (CvgRun *self,
                gint64  step)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (self->series, i);
      if (cvg_series_get_encoding (series) != CVG_ENCODING_EVENT_FIELD)
        cvg_series_add_cut (series, step);
    }
}

/* The values of one event: a few on the stack, more on the heap. */
#define INLINE_VALUES 16

typedef struct
{
  CvgValueView  inline_values[INLINE_VALUES];
  CvgValueView *values;
  guint         len;
  guint         cap;
} ValueList;

static void
value_list_add (ValueList          *list,
                const CvgValueView *value)
{
  if (list->len == list->cap)
    {
      list->cap *= 2;
      if (list->values == list->inline_values)
        list->values = g_memdup2 (list->inline_values, sizeof list->inline_values);
      list->values = g_renew (CvgValueView, list->values, list->cap);
    }
  list->values[list->len++] = *value;
}

static void
value_list_clear (ValueList *list)
{
  if (list->values != list->inline_values)
    g_free (list->values);
}

/* Views every value first, so that a summary the fast view declines can be
 * handed whole to the canonical path before anything is stored. */
static CvgViewResult
collect_values (CvgSpan    summary,
                ValueList *list)
{
  CvgSummaryIter iter;

  list->values = list->inline_values;
  list->len = 0;
  list->cap = INLINE_VALUES;
  cvg_summary_iter_init (&iter, summary);
  for (;;)
    {
      CvgValueView value;
      gboolean done = FALSE;
      CvgViewResult result = cvg_summary_iter_next (&iter, &value, &done);

      if (result != CVG_VIEW_OK || done)
        return result;
      value_list_add (list, &value);
    }
}

static void
store_values (CvgRun             *self,
              const CvgEventView *event,
              const ValueList    *list,
              guint64             offset)
{
  gboolean restarted;

  /* Without a file version, a step going backwards marks a restart for the
   * tags of this event (TensorBoard's out-of-order purge). */
  restarted = self->version_number < 2 && self->have_summary_step &&
              event->step < self->last_summary_step;
  self->have_summary_step = TRUE;
  self->last_summary_step = event->step;

  for (guint i = 0; i < list->len; i++)
    {
      const CvgValueView *value = &list->values[i];
      CvgSpan tag = value->tag.len > 0 ? value->tag : value->node_name;
      CvgSeries *series = lookup_summary_series (self, tag);

      if (series == NULL)
        series = create_summary_series (self, tag, value, offset);
      else if (restarted)
        cvg_series_add_cut (series, event->step);
      append_value (self, series, event, value, offset);
    }
}

static void
decode_session_log (CvgRun             *self,
                    const CvgEventView *event,
                    guint64             offset)
{
  int status;
  double number;
  CvgTensor tensor = { .dtype = CVG_DT_INT32, .n_elements = 1, .numbers = &number };

  if (!cvg_session_log_parse (event->payload, &status))
    {
      cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE, "undecodable session log; skipped");
      return;
    }
  number = status;
  cvg_series_append_tensor (event_series (self, CVG_KIND_SESSION_LOG, ""), event->step, event->wall_time, &tensor);

  /* With brain.Event:2, each START after the first orphans all steps >= its own. */
  if (status == CVG_SESSION_STATUS_START && self->version_number >= 2)
    {
      if (self->seen_start)
        cut_all_series (self, event->step);
      self->seen_start = TRUE;
    }
}

static void
decode_tagged_run_metadata (CvgRun             *self,
                            const CvgEventView *event,
                            guint64             offset)
{
  g_autofree char *tag = NULL;
  g_autoptr(GBytes) run_metadata = NULL;
  const guint8 *data;
  gsize len;

  if (!cvg_tagged_run_metadata_parse (event->payload, &tag, &run_metadata))
    {
      cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE, "undecodable tagged run metadata; skipped");
      return;
    }
  data = g_bytes_get_data (run_metadata, &len);
  cvg_series_append_bytes (event_series (self, CVG_KIND_RUN_METADATA, tag),
                           event->step, event->wall_time, data, len);
}

static void
decode_file_version (CvgRun             *self,
                     const CvgEventView *event)
{
  const char *prefix = "brain.Event:";
  g_autofree char *version = g_strndup ((const char *) event->payload.data, event->payload.len);

  g_free (self->file_version);
  self->file_version = g_utf8_make_valid (version, -1);
  if (g_str_has_prefix (version, prefix))
    self->version_number = g_ascii_strtod (version + strlen (prefix), NULL);
}

/* Returns CVG_VIEW_UNUSUAL, storing nothing, when the summary needs the
 * canonical path. */
static CvgViewResult
decode_event (CvgRun             *self,
              const CvgEventView *event,
              guint64             offset)
{
  if (isnan (event->wall_time))
    {
      cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                           "event with a NaN wall time; skipped");
      return CVG_VIEW_OK;
    }
  if (isnan (self->start_time) || event->wall_time < self->start_time)
    self->start_time = event->wall_time;

  switch (event->what)
    {
    case CVG_EVENT_SUMMARY:
      {
        ValueList list;
        CvgViewResult result = collect_values (event->payload, &list);

        if (result == CVG_VIEW_OK)
          store_values (self, event, &list, offset);
        value_list_clear (&list);
        return result;
      }
    case CVG_EVENT_FILE_VERSION:
      decode_file_version (self, event);
      break;
    case CVG_EVENT_GRAPH_DEF:
      cvg_series_append_bytes (event_series (self, CVG_KIND_GRAPH_DEF, ""), event->step,
                               event->wall_time, event->payload.data, event->payload.len);
      break;
    case CVG_EVENT_META_GRAPH_DEF:
      cvg_series_append_bytes (event_series (self, CVG_KIND_META_GRAPH_DEF, ""), event->step,
                               event->wall_time, event->payload.data, event->payload.len);
      break;
    case CVG_EVENT_SESSION_LOG:
      decode_session_log (self, event, offset);
      break;
    case CVG_EVENT_TAGGED_RUN_METADATA:
      decode_tagged_run_metadata (self, event, offset);
      break;
    case CVG_EVENT_LOG_MESSAGE:
    case CVG_EVENT_NONE:
    default:
      break;
    }
  return CVG_VIEW_OK;
}

static void
report_invalid (CvgRun  *self,
                guint64  offset)
{
  cvg_run_add_problem (self, offset, CVG_IO_ERROR_DECODE,
                       "the record is not a valid event; skipped");
}

/* A record the fast view declines (a field repeated that protobuf merges):
 * view its canonical re-encoding instead. */
static void
decode_unusual_record (CvgRun       *self,
                       const guint8 *data,
                       gsize         len,
                       guint64       offset)
{
  g_autoptr(GBytes) canonical = cvg_event_canonicalize (data, len);
  CvgEventView view;
  gsize canonical_len;
  const guint8 *canonical_data;

  if (canonical == NULL)
    {
      report_invalid (self, offset);
      return;
    }
  canonical_data = g_bytes_get_data (canonical, &canonical_len);
  if (cvg_event_view_parse (canonical_data, canonical_len, &view) != CVG_VIEW_OK ||
      decode_event (self, &view, offset) != CVG_VIEW_OK)
    report_invalid (self, offset);
}

void
cvg_run_decode_record (CvgRun       *self,
                       const guint8 *data,
                       gsize         len,
                       guint64       offset)
{
  CvgEventView view;
  CvgViewResult result = cvg_event_view_parse (data, len, &view);

  if (result == CVG_VIEW_OK)
    result = decode_event (self, &view, offset);

  if (result == CVG_VIEW_UNUSUAL)
    decode_unusual_record (self, data, len, offset);
  else if (result == CVG_VIEW_MALFORMED)
    report_invalid (self, offset);
}
