/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-list"

#include "config.h"

#include "cvg-run-list.h"

#include <string.h>

#include "cvg-run-info.h"
#include "cvg-run-palette.h"
#include "cvg-run.h"
#include "cvg-series.h"

struct _CvgRunList
{
  GObject    parent_instance;

  GPtrArray *infos;   /* CvgRunInfo, by name */
};

static void cvg_run_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgRunList, cvg_run_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cvg_run_list_model_init))

static GType
cvg_run_list_get_item_type (GListModel *model)
{
  return CVG_TYPE_RUN_INFO;
}

static guint
cvg_run_list_get_n_items (GListModel *model)
{
  return CVG_RUN_LIST (model)->infos->len;
}

static gpointer
cvg_run_list_get_item (GListModel *model,
                       guint       position)
{
  CvgRunList *self = CVG_RUN_LIST (model);

  if (position >= self->infos->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->infos, position));
}

static void
cvg_run_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cvg_run_list_get_item_type;
  iface->get_n_items = cvg_run_list_get_n_items;
  iface->get_item = cvg_run_list_get_item;
}

static void
cvg_run_list_finalize (GObject *object)
{
  CvgRunList *self = (CvgRunList *) object;

  g_clear_pointer (&self->infos, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_run_list_parent_class)->finalize (object);
}

static void
cvg_run_list_class_init (CvgRunListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cvg_run_list_finalize;
}

static void
cvg_run_list_init (CvgRunList *self)
{
  self->infos = g_ptr_array_new_with_free_func (g_object_unref);
}

CvgRunList *
cvg_run_list_new (void)
{
  return g_object_new (CVG_TYPE_RUN_LIST, NULL);
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  return strcmp (cvg_run_info_get_name (*(CvgRunInfo **) a), cvg_run_info_get_name (*(CvgRunInfo **) b));
}

/* One palette assignment over every name; new runs (no colour yet) and,
 * with @recolor, all others take their slot. */
static void
assign_colors (CvgRunList *self,
               gboolean    recolor)
{
  guint n = self->infos->len;
  g_autofree const char **names = g_new (const char *, n);
  g_autofree guint *slots = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    names[i] = cvg_run_info_get_name (g_ptr_array_index (self->infos, i));
  cvg_run_palette_assign (names, n, slots);
  for (guint i = 0; i < n; i++)
    {
      CvgRunInfo *info = g_ptr_array_index (self->infos, i);

      if (recolor || cvg_run_info_get_color (info) == NULL)
        cvg_run_info_set_color (info, cvg_run_palette_get_color (slots[i]));
    }
}

void
cvg_run_list_add (CvgRunList    *self,
                  CvgRun *const *runs,
                  guint          n_runs,
                  gboolean       recolor)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new (NULL, NULL);
  guint n_before, first = 0;

  g_return_if_fail (CVG_IS_RUN_LIST (self));
  g_return_if_fail (runs != NULL || n_runs == 0);

  if (n_runs == 0)
    return;
  n_before = self->infos->len;
  for (guint i = 0; i < n_runs; i++)
    {
      CvgRunInfo *info = cvg_run_info_new (runs[i], NULL);

      g_hash_table_add (fresh, info);
      g_ptr_array_add (self->infos, info);
    }
  g_ptr_array_sort (self->infos, compare_infos);
  assign_colors (self, recolor);

  /* Only the stretch from the first new run on changed. */
  while (!g_hash_table_contains (fresh, g_ptr_array_index (self->infos, first)))
    first++;
  g_list_model_items_changed (G_LIST_MODEL (self), first, n_before - first, self->infos->len - first);
}

void
cvg_run_list_remove_all (CvgRunList *self)
{
  guint n;

  g_return_if_fail (CVG_IS_RUN_LIST (self));

  n = self->infos->len;
  if (n == 0)
    return;
  g_ptr_array_set_size (self->infos, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

void
cvg_run_list_refresh (CvgRunList *self)
{
  g_return_if_fail (CVG_IS_RUN_LIST (self));

  for (guint i = 0; i < self->infos->len; i++)
    cvg_run_info_refresh (g_ptr_array_index (self->infos, i));
}

static gboolean
kind_in (CvgKind        kind,
         const CvgKind *kinds,
         guint          n_kinds)
{
  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i] == kind)
      return TRUE;
  return FALSE;
}

guint
cvg_run_list_count_tags (CvgRunList    *self,
                         const CvgKind *kinds,
                         guint          n_kinds)
{
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CVG_IS_RUN_LIST (self), 0);

  for (guint r = 0; r < self->infos->len; r++)
    {
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (g_ptr_array_index (self->infos, r)));

      for (guint s = 0; s < series->len; s++)
        {
          CvgSeries *one = g_ptr_array_index (series, s);

          if (kind_in (cvg_series_get_kind (one), kinds, n_kinds))
            g_hash_table_add (tags, (gpointer) cvg_series_get_tag (one));
        }
    }
  return g_hash_table_size (tags);
}
