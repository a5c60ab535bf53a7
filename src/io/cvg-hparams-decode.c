/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-hparams-decode"

#include "config.h"

#include "cvg-hparams-decode.h"

#include "cvg-io-error.h"
#include "cvg-proto-unpack.h"
#include "hparams.pb-c.h"

/* A list or struct is shown as a short text, not kept as a tree. */
#define MAX_TEXT_BYTES 200

void
cvg_hparam_value_clear (CvgHparamValue *value)
{
  g_clear_pointer (&value->string, g_free);
  value->type = CVG_HPARAM_NONE;
  value->number = 0;
}

void
cvg_hparam_value_copy (const CvgHparamValue *src,
                       CvgHparamValue       *dest)
{
  *dest = *src;
  dest->string = g_strdup (src->string);
}

static void append_value_text (GString                          *text,
                               const Tensorboard__Hparams__Value *value);

static void
append_list_text (GString                              *text,
                  const Tensorboard__Hparams__ListValue *list)
{
  g_string_append_c (text, '[');
  for (gsize i = 0; list != NULL && i < list->n_values && text->len < MAX_TEXT_BYTES; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      append_value_text (text, list->values[i]);
    }
  g_string_append_c (text, ']');
}

static void
append_struct_text (GString                           *text,
                    const Tensorboard__Hparams__Struct *st)
{
  g_string_append_c (text, '{');
  for (gsize i = 0; st != NULL && i < st->n_fields && text->len < MAX_TEXT_BYTES; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s: ", st->fields[i]->key);
      append_value_text (text, st->fields[i]->value);
    }
  g_string_append_c (text, '}');
}

/* Recursion is bounded: the bytes passed cvg_proto_unpack_bounded(). */
static void
append_value_text (GString                          *text,
                   const Tensorboard__Hparams__Value *value)
{
  if (value == NULL)
    return;
  switch (value->kind_case)
    {
    case TENSORBOARD__HPARAMS__VALUE__KIND_NUMBER_VALUE:
      g_string_append_printf (text, "%g", value->number_value);
      break;
    case TENSORBOARD__HPARAMS__VALUE__KIND_STRING_VALUE:
      g_string_append_printf (text, "'%s'", value->string_value);
      break;
    case TENSORBOARD__HPARAMS__VALUE__KIND_BOOL_VALUE:
      g_string_append (text, value->bool_value ? "true" : "false");
      break;
    case TENSORBOARD__HPARAMS__VALUE__KIND_LIST_VALUE:
      append_list_text (text, value->list_value);
      break;
    case TENSORBOARD__HPARAMS__VALUE__KIND_STRUCT_VALUE:
      append_struct_text (text, value->struct_value);
      break;
    case TENSORBOARD__HPARAMS__VALUE__KIND_NULL_VALUE:
    default:
      g_string_append (text, "null");
      break;
    }
}

static void
value_from_proto (CvgHparamValue                    *dest,
                  const Tensorboard__Hparams__Value *value)
{
  g_autoptr(GString) text = NULL;

  dest->type = CVG_HPARAM_NONE;
  dest->number = 0;
  dest->string = NULL;
  if (value == NULL)
    return;
  switch (value->kind_case)
    {
    case TENSORBOARD__HPARAMS__VALUE__KIND_NUMBER_VALUE:
      dest->type = CVG_HPARAM_NUMBER;
      dest->number = value->number_value;
      return;
    case TENSORBOARD__HPARAMS__VALUE__KIND_STRING_VALUE:
      dest->type = CVG_HPARAM_STRING;
      dest->string = g_utf8_make_valid (value->string_value, -1);
      return;
    case TENSORBOARD__HPARAMS__VALUE__KIND_BOOL_VALUE:
      dest->type = CVG_HPARAM_BOOL;
      dest->number = value->bool_value ? 1 : 0;
      return;
    case TENSORBOARD__HPARAMS__VALUE__KIND_LIST_VALUE:
    case TENSORBOARD__HPARAMS__VALUE__KIND_STRUCT_VALUE:
      text = g_string_new (NULL);
      append_value_text (text, value);
      if (text->len > MAX_TEXT_BYTES)
        {
          g_string_truncate (text, MAX_TEXT_BYTES);
          g_string_append (text, "…");
        }
      dest->type = CVG_HPARAM_OTHER;
      dest->string = g_utf8_make_valid (text->str, -1);
      return;
    default:
      return;
    }
}

/* api.proto's DataType: 1 string, 2 bool, 3 float64. */
static CvgHparamType
type_from_proto (int type)
{
  switch (type)
    {
    case 1: return CVG_HPARAM_STRING;
    case 2: return CVG_HPARAM_BOOL;
    case 3: return CVG_HPARAM_NUMBER;
    default: return CVG_HPARAM_NONE;
    }
}

static void
hparam_info_free (CvgHparamInfo *info)
{
  g_free (info->name);
  g_free (info->display_name);
  g_free (info);
}

static void
metric_info_free (CvgMetricInfo *info)
{
  g_free (info->group);
  g_free (info->tag);
  g_free (info->display_name);
  g_free (info);
}

static void
hparam_entry_free (CvgHparamEntry *entry)
{
  g_free (entry->name);
  cvg_hparam_value_clear (&entry->value);
  g_free (entry);
}

static void
read_experiment (CvgHparamsData                         *data,
                 const Tensorboard__Hparams__Experiment *experiment)
{
  for (gsize i = 0; i < experiment->n_hparam_infos; i++)
    {
      const Tensorboard__Hparams__HParamInfo *proto = experiment->hparam_infos[i];
      CvgHparamInfo *info = g_new0 (CvgHparamInfo, 1);

      info->name = g_utf8_make_valid (proto->name, -1);
      info->display_name = g_utf8_make_valid (proto->display_name, -1);
      info->type = type_from_proto (proto->type);
      g_ptr_array_add (data->hparam_infos, info);
    }
  for (gsize i = 0; i < experiment->n_metric_infos; i++)
    {
      const Tensorboard__Hparams__MetricInfo *proto = experiment->metric_infos[i];
      CvgMetricInfo *info = g_new0 (CvgMetricInfo, 1);

      info->group = g_utf8_make_valid (proto->name != NULL ? proto->name->group : "", -1);
      info->tag = g_utf8_make_valid (proto->name != NULL ? proto->name->tag : "", -1);
      info->display_name = g_utf8_make_valid (proto->display_name, -1);
      g_ptr_array_add (data->metric_infos, info);
    }
}

static void
read_session_start (CvgHparamsData                               *data,
                    const Tensorboard__Hparams__SessionStartInfo *start)
{
  for (gsize i = 0; i < start->n_hparams; i++)
    {
      CvgHparamEntry *entry = g_new0 (CvgHparamEntry, 1);

      entry->name = g_utf8_make_valid (start->hparams[i]->key, -1);
      value_from_proto (&entry->value, start->hparams[i]->value);
      g_ptr_array_add (data->hparams, entry);
    }
  g_free (data->group_name);
  data->group_name = g_utf8_make_valid (start->group_name, -1);
  data->start_time = start->start_time_secs;
}

CvgHparamsData *
cvg_hparams_data_new (CvgHparamsDataKind kind)
{
  CvgHparamsData *data = g_new0 (CvgHparamsData, 1);

  data->kind = kind;
  if (kind == CVG_HPARAMS_DATA_EXPERIMENT)
    {
      data->hparam_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) hparam_info_free);
      data->metric_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) metric_info_free);
    }
  if (kind == CVG_HPARAMS_DATA_SESSION_START)
    {
      data->hparams = g_ptr_array_new_with_free_func ((GDestroyNotify) hparam_entry_free);
      data->group_name = g_strdup ("");
    }
  return data;
}

CvgHparamsData *
cvg_hparams_data_parse (const guint8  *bytes,
                        gsize          len,
                        GError       **error)
{
  g_autoptr(CvgHparamsData) data = NULL;
  Tensorboard__Hparams__HParamsPluginData *proto = (Tensorboard__Hparams__HParamsPluginData *)
    cvg_proto_unpack_bounded (&tensorboard__hparams__hparams_plugin_data__descriptor, bytes, len, error);

  if (proto == NULL)
    return NULL;
  switch (proto->data_case)
    {
    case TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_EXPERIMENT:
      data = cvg_hparams_data_new (CVG_HPARAMS_DATA_EXPERIMENT);
      read_experiment (data, proto->experiment);
      break;
    case TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_START_INFO:
      data = cvg_hparams_data_new (CVG_HPARAMS_DATA_SESSION_START);
      read_session_start (data, proto->session_start_info);
      break;
    case TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_END_INFO:
      data = cvg_hparams_data_new (CVG_HPARAMS_DATA_SESSION_END);
      data->status = proto->session_end_info->status;
      data->end_time = proto->session_end_info->end_time_secs;
      break;
    default:
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "HParams data holds no experiment nor session");
      break;
    }
  tensorboard__hparams__hparams_plugin_data__free_unpacked (proto, NULL);
  return g_steal_pointer (&data);
}

void
cvg_hparams_data_free (CvgHparamsData *data)
{
  g_clear_pointer (&data->hparam_infos, g_ptr_array_unref);
  g_clear_pointer (&data->metric_infos, g_ptr_array_unref);
  g_clear_pointer (&data->hparams, g_ptr_array_unref);
  g_clear_pointer (&data->group_name, g_free);
  g_free (data);
}

/* Serializing, for the writer's callers. */

static void
value_to_proto (Tensorboard__Hparams__Value *proto,
                const CvgHparamValue        *value)
{
  tensorboard__hparams__value__init (proto);
  switch (value->type)
    {
    case CVG_HPARAM_NUMBER:
      proto->kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_NUMBER_VALUE;
      proto->number_value = value->number;
      break;
    case CVG_HPARAM_STRING:
    case CVG_HPARAM_OTHER:
      proto->kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_STRING_VALUE;
      proto->string_value = value->string;
      break;
    case CVG_HPARAM_BOOL:
      proto->kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_BOOL_VALUE;
      proto->bool_value = value->number != 0;
      break;
    case CVG_HPARAM_NONE:
    default:
      proto->kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_NULL_VALUE;
      break;
    }
}

static int
type_to_proto (CvgHparamType type)
{
  switch (type)
    {
    case CVG_HPARAM_STRING: return 1;
    case CVG_HPARAM_BOOL: return 2;
    case CVG_HPARAM_NUMBER: return 3;
    default: return 0;
    }
}

static GBytes *
pack (const ProtobufCMessage *message)
{
  gsize len = protobuf_c_message_get_packed_size (message);
  guint8 *buffer = g_malloc (MAX (len, 1));

  protobuf_c_message_pack (message, buffer);
  return g_bytes_new_take (buffer, len);
}

static GBytes *
serialize_experiment (Tensorboard__Hparams__HParamsPluginData *proto,
                      const CvgHparamsData                    *data)
{
  guint n_h = data->hparam_infos != NULL ? data->hparam_infos->len : 0;
  guint n_m = data->metric_infos != NULL ? data->metric_infos->len : 0;
  g_autofree Tensorboard__Hparams__HParamInfo *h = g_new0 (Tensorboard__Hparams__HParamInfo, n_h);
  g_autofree Tensorboard__Hparams__HParamInfo **hp = g_new0 (Tensorboard__Hparams__HParamInfo *, n_h);
  g_autofree Tensorboard__Hparams__MetricInfo *m = g_new0 (Tensorboard__Hparams__MetricInfo, n_m);
  g_autofree Tensorboard__Hparams__MetricInfo **mp = g_new0 (Tensorboard__Hparams__MetricInfo *, n_m);
  g_autofree Tensorboard__Hparams__MetricName *names = g_new0 (Tensorboard__Hparams__MetricName, n_m);
  Tensorboard__Hparams__Experiment experiment = TENSORBOARD__HPARAMS__EXPERIMENT__INIT;

  for (guint i = 0; i < n_h; i++)
    {
      const CvgHparamInfo *info = g_ptr_array_index (data->hparam_infos, i);

      tensorboard__hparams__hparam_info__init (&h[i]);
      h[i].name = info->name;
      h[i].display_name = info->display_name != NULL ? info->display_name : (char *) "";
      h[i].type = type_to_proto (info->type);
      hp[i] = &h[i];
    }
  for (guint i = 0; i < n_m; i++)
    {
      const CvgMetricInfo *info = g_ptr_array_index (data->metric_infos, i);

      tensorboard__hparams__metric_name__init (&names[i]);
      names[i].group = info->group;
      names[i].tag = info->tag;
      tensorboard__hparams__metric_info__init (&m[i]);
      m[i].name = &names[i];
      m[i].display_name = info->display_name != NULL ? info->display_name : (char *) "";
      mp[i] = &m[i];
    }
  experiment.n_hparam_infos = n_h;
  experiment.hparam_infos = hp;
  experiment.n_metric_infos = n_m;
  experiment.metric_infos = mp;
  proto->data_case = TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_EXPERIMENT;
  proto->experiment = &experiment;
  return pack (&proto->base);
}

static GBytes *
serialize_session_start (Tensorboard__Hparams__HParamsPluginData *proto,
                         const CvgHparamsData                    *data)
{
  guint n = data->hparams != NULL ? data->hparams->len : 0;
  g_autofree Tensorboard__Hparams__SessionStartInfo__HparamsEntry *e =
    g_new0 (Tensorboard__Hparams__SessionStartInfo__HparamsEntry, n);
  g_autofree Tensorboard__Hparams__SessionStartInfo__HparamsEntry **ep =
    g_new0 (Tensorboard__Hparams__SessionStartInfo__HparamsEntry *, n);
  g_autofree Tensorboard__Hparams__Value *values = g_new0 (Tensorboard__Hparams__Value, n);
  Tensorboard__Hparams__SessionStartInfo start = TENSORBOARD__HPARAMS__SESSION_START_INFO__INIT;

  for (guint i = 0; i < n; i++)
    {
      const CvgHparamEntry *entry = g_ptr_array_index (data->hparams, i);

      tensorboard__hparams__session_start_info__hparams_entry__init (&e[i]);
      e[i].key = entry->name;
      value_to_proto (&values[i], &entry->value);
      e[i].value = &values[i];
      ep[i] = &e[i];
    }
  start.n_hparams = n;
  start.hparams = ep;
  start.group_name = data->group_name != NULL ? data->group_name : (char *) "";
  start.start_time_secs = data->start_time;
  proto->data_case = TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_START_INFO;
  proto->session_start_info = &start;
  return pack (&proto->base);
}

GBytes *
cvg_hparams_data_serialize (const CvgHparamsData *data)
{
  Tensorboard__Hparams__HParamsPluginData proto = TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__INIT;
  Tensorboard__Hparams__SessionEndInfo end = TENSORBOARD__HPARAMS__SESSION_END_INFO__INIT;

  switch (data->kind)
    {
    case CVG_HPARAMS_DATA_EXPERIMENT:
      return serialize_experiment (&proto, data);
    case CVG_HPARAMS_DATA_SESSION_START:
      return serialize_session_start (&proto, data);
    case CVG_HPARAMS_DATA_SESSION_END:
    default:
      end.status = data->status;
      end.end_time_secs = data->end_time;
      proto.data_case = TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_END_INFO;
      proto.session_end_info = &end;
      return pack (&proto.base);
    }
}
