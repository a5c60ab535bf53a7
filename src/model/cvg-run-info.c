/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-info"

#include "config.h"

#include "cvg-run-info.h"

#include "cvg-run.h"
#include "cvg-series.h"

struct _CvgRunInfo
{
  GObject   parent_instance;

  CvgRun   *run;
  char     *color;
  guint     n_tags;
  gboolean  visible;
  gboolean  emphasized;
};

G_DEFINE_FINAL_TYPE (CvgRunInfo, cvg_run_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_VISIBLE,
  PROP_EMPHASIZED,
  PROP_N_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_tags (CvgRun *run)
{
  GPtrArray *series = cvg_run_get_series (run);
  guint n = 0;

  for (guint i = 0; i < series->len; i++)
    if (cvg_series_get_encoding (g_ptr_array_index (series, i)) != CVG_ENCODING_EVENT_FIELD)
      n++;
  return n;
}

static void
cvg_run_info_finalize (GObject *object)
{
  CvgRunInfo *self = (CvgRunInfo *) object;

  g_clear_pointer (&self->run, cvg_run_unref);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (cvg_run_info_parent_class)->finalize (object);
}

static void
cvg_run_info_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CvgRunInfo *self = CVG_RUN_INFO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, cvg_run_info_get_name (self));
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_EMPHASIZED:
      g_value_set_boolean (value, self->emphasized);
      break;
    case PROP_N_TAGS:
      g_value_set_uint (value, cvg_run_info_get_n_tags (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_run_info_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CvgRunInfo *self = CVG_RUN_INFO (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      cvg_run_info_set_color (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      cvg_run_info_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_EMPHASIZED:
      cvg_run_info_set_emphasized (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_run_info_class_init (CvgRunInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cvg_run_info_finalize;
  object_class->get_property = cvg_run_info_get_property;
  object_class->set_property = cvg_run_info_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, "#000000",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPHASIZED] =
    g_param_spec_boolean ("emphasized", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TAGS] =
    g_param_spec_uint ("n-tags", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cvg_run_info_init (CvgRunInfo *self)
{
  self->visible = TRUE;
}

CvgRunInfo *
cvg_run_info_new (CvgRun     *run,
                  const char *color)
{
  CvgRunInfo *self = g_object_new (CVG_TYPE_RUN_INFO, NULL);

  self->run = cvg_run_ref (run);
  self->color = g_strdup (color);
  self->n_tags = count_tags (run);
  return self;
}

CvgRun *
cvg_run_info_get_run (CvgRunInfo *self)
{
  g_return_val_if_fail (CVG_IS_RUN_INFO (self), NULL);
  return self->run;
}

const char *
cvg_run_info_get_name (CvgRunInfo *self)
{
  g_return_val_if_fail (CVG_IS_RUN_INFO (self), NULL);
  return cvg_run_get_name (self->run);
}

const char *
cvg_run_info_get_color (CvgRunInfo *self)
{
  g_return_val_if_fail (CVG_IS_RUN_INFO (self), NULL);
  return self->color;
}

void
cvg_run_info_set_color (CvgRunInfo *self,
                        const char *color)
{
  g_return_if_fail (CVG_IS_RUN_INFO (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gboolean
cvg_run_info_get_visible (CvgRunInfo *self)
{
  g_return_val_if_fail (CVG_IS_RUN_INFO (self), FALSE);
  return self->visible;
}

void
cvg_run_info_set_visible (CvgRunInfo *self,
                          gboolean    visible)
{
  g_return_if_fail (CVG_IS_RUN_INFO (self));

  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

gboolean
cvg_run_info_get_emphasized (CvgRunInfo *self)
{
  g_return_val_if_fail (CVG_IS_RUN_INFO (self), FALSE);
  return self->emphasized;
}

void
cvg_run_info_set_emphasized (CvgRunInfo *self,
                             gboolean    emphasized)
{
  g_return_if_fail (CVG_IS_RUN_INFO (self));

  emphasized = !!emphasized;
  if (self->emphasized == emphasized)
    return;
  self->emphasized = emphasized;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPHASIZED]);
}

guint
cvg_run_info_get_n_tags (CvgRunInfo *self)
{
  g_return_val_if_fail (CVG_IS_RUN_INFO (self), 0);
  return self->n_tags;
}

void
cvg_run_info_refresh (CvgRunInfo *self)
{
  guint n_tags;

  g_return_if_fail (CVG_IS_RUN_INFO (self));

  n_tags = count_tags (self->run);
  if (n_tags == self->n_tags)
    return;
  self->n_tags = n_tags;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TAGS]);
}

guint
cvg_run_info_count_series (GListModel *runs,
                           CvgKind     kind)
{
  guint n = 0;

  g_return_val_if_fail (runs == NULL || G_IS_LIST_MODEL (runs), 0);

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (info->run);

      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *one = g_ptr_array_index (series, j);

          n += cvg_series_get_kind (one) == kind && cvg_series_get_length (one) > 0;
        }
    }
  return n;
}
