/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-node"

#include "config.h"

#include "cvg-run-node.h"

struct _CvgRunNode
{
  GObject     parent_instance;

  char       *label;
  char       *path;
  char       *color;
  CvgRunInfo *info;       /* a leaf's */
  GListStore *children;   /* a folder's */
  GPtrArray  *runs;       /* CvgRunInfo at or below, each watched */
  guint       n_visible;
};

G_DEFINE_FINAL_TYPE (CvgRunNode, cvg_run_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CvgRunNodeState
state_of (guint n_visible,
          guint n_runs)
{
  if (n_visible == 0)
    return CVG_RUN_NODE_NONE_VISIBLE;
  return n_visible == n_runs ? CVG_RUN_NODE_ALL_VISIBLE : CVG_RUN_NODE_SOME_VISIBLE;
}

/* Counted, not recounted: a folder of many runs hears each of them. */
static void
run_visible_cb (CvgRunNode *self,
                GParamSpec *pspec,
                CvgRunInfo *info)
{
  CvgRunNodeState before = cvg_run_node_get_state (self);

  if (cvg_run_info_get_visible (info))
    self->n_visible++;
  else if (self->n_visible > 0)
    self->n_visible--;
  if (cvg_run_node_get_state (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
watch_run (CvgRunNode *self,
           CvgRunInfo *info)
{
  g_ptr_array_add (self->runs, g_object_ref (info));
  self->n_visible += cvg_run_info_get_visible (info);
  g_signal_connect_object (info, "notify::visible", G_CALLBACK (run_visible_cb), self, G_CONNECT_SWAPPED);
}

static void
cvg_run_node_dispose (GObject *object)
{
  CvgRunNode *self = CVG_RUN_NODE (object);

  if (self->runs != NULL)
    for (guint i = 0; i < self->runs->len; i++)
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->runs, i), run_visible_cb, self);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_object (&self->children);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (cvg_run_node_parent_class)->dispose (object);
}

static void
cvg_run_node_finalize (GObject *object)
{
  CvgRunNode *self = CVG_RUN_NODE (object);

  g_free (self->label);
  g_free (self->path);
  g_free (self->color);

  G_OBJECT_CLASS (cvg_run_node_parent_class)->finalize (object);
}

static void
cvg_run_node_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CvgRunNode *self = CVG_RUN_NODE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, cvg_run_node_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_run_node_class_init (CvgRunNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cvg_run_node_dispose;
  object_class->finalize = cvg_run_node_finalize;
  object_class->get_property = cvg_run_node_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL,
                                             CVG_RUN_NODE_NONE_VISIBLE, CVG_RUN_NODE_ALL_VISIBLE,
                                             CVG_RUN_NODE_NONE_VISIBLE,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cvg_run_node_init (CvgRunNode *self)
{
  self->runs = g_ptr_array_new_with_free_func (g_object_unref);
}

CvgRunNode *
cvg_run_node_new_run (const char *label,
                      CvgRunInfo *info)
{
  CvgRunNode *self;

  g_return_val_if_fail (CVG_IS_RUN_INFO (info), NULL);

  self = g_object_new (CVG_TYPE_RUN_NODE, NULL);
  self->label = g_strdup (label);
  self->path = g_strdup (cvg_run_info_get_name (info));
  self->info = g_object_ref (info);
  watch_run (self, info);
  return self;
}

CvgRunNode *
cvg_run_node_new_folder (const char *label,
                         const char *path)
{
  CvgRunNode *self = g_object_new (CVG_TYPE_RUN_NODE, NULL);

  self->label = g_strdup (label);
  self->path = g_strdup (path);
  self->children = g_list_store_new (CVG_TYPE_RUN_NODE);
  return self;
}

void
cvg_run_node_append (CvgRunNode *self,
                     CvgRunNode *child)
{
  g_return_if_fail (CVG_IS_RUN_NODE (self));
  g_return_if_fail (self->children != NULL);

  g_list_store_append (self->children, child);
  for (guint i = 0; i < child->runs->len; i++)
    watch_run (self, g_ptr_array_index (child->runs, i));
}

const char *
cvg_run_node_get_label (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), NULL);

  return self->label;
}

const char *
cvg_run_node_get_path (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), NULL);

  return self->path;
}

gboolean
cvg_run_node_is_folder (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), FALSE);

  return self->children != NULL;
}

CvgRunInfo *
cvg_run_node_get_info (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), NULL);

  return self->info;
}

GListModel *
cvg_run_node_get_children (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), NULL);

  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}

guint
cvg_run_node_get_n_runs (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), 0);

  return self->runs->len;
}

CvgRunInfo *
cvg_run_node_get_run (CvgRunNode *self,
                      guint       index)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), NULL);
  g_return_val_if_fail (index < self->runs->len, NULL);

  return g_ptr_array_index (self->runs, index);
}

guint
cvg_run_node_get_n_visible (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), 0);

  return self->n_visible;
}

CvgRunNodeState
cvg_run_node_get_state (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), CVG_RUN_NODE_NONE_VISIBLE);

  return state_of (self->n_visible, self->runs->len);
}

const char *
cvg_run_node_get_color (CvgRunNode *self)
{
  g_return_val_if_fail (CVG_IS_RUN_NODE (self), NULL);

  return self->color;
}

void
cvg_run_node_set_color (CvgRunNode *self,
                        const char *color)
{
  g_return_if_fail (CVG_IS_RUN_NODE (self));

  g_free (self->color);
  self->color = g_strdup (color);
}

void
cvg_run_node_set_visible (CvgRunNode *self,
                          gboolean    visible)
{
  g_return_if_fail (CVG_IS_RUN_NODE (self));

  for (guint i = 0; i < self->runs->len; i++)
    cvg_run_info_set_visible (g_ptr_array_index (self->runs, i), visible);
}
