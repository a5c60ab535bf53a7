/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-card-row"

#include "config.h"

#include "cvg-card-row.h"

struct _CvgCardRow
{
  GObject    parent_instance;

  char      *group;
  guint      n_items;     /* header: cards in the section */
  gboolean   collapsed;   /* header */
  GPtrArray *items;       /* cards row: the cards' items, NULL for a header */
};

G_DEFINE_FINAL_TYPE (CvgCardRow, cvg_card_row, G_TYPE_OBJECT)

static void
cvg_card_row_finalize (GObject *object)
{
  CvgCardRow *self = CVG_CARD_ROW (object);

  g_free (self->group);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_card_row_parent_class)->finalize (object);
}

static void
cvg_card_row_class_init (CvgCardRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cvg_card_row_finalize;
}

static void
cvg_card_row_init (CvgCardRow *self)
{
}

CvgCardRow *
cvg_card_row_new_header (const char *group,
                         guint       n_items,
                         gboolean    collapsed)
{
  CvgCardRow *self = g_object_new (CVG_TYPE_CARD_ROW, NULL);

  self->group = g_strdup (group);
  self->n_items = n_items;
  self->collapsed = collapsed;
  return self;
}

CvgCardRow *
cvg_card_row_new_cards (const char *group,
                        GPtrArray  *items)
{
  CvgCardRow *self = g_object_new (CVG_TYPE_CARD_ROW, NULL);

  g_return_val_if_fail (items != NULL, self);

  self->group = g_strdup (group);
  self->n_items = items->len;
  self->items = items;
  return self;
}

const char *
cvg_card_row_get_group (CvgCardRow *self)
{
  g_return_val_if_fail (CVG_IS_CARD_ROW (self), NULL);

  return self->group;
}

guint
cvg_card_row_get_n_items (CvgCardRow *self)
{
  g_return_val_if_fail (CVG_IS_CARD_ROW (self), 0);

  return self->n_items;
}

gboolean
cvg_card_row_get_collapsed (CvgCardRow *self)
{
  g_return_val_if_fail (CVG_IS_CARD_ROW (self), FALSE);

  return self->collapsed;
}

GPtrArray *
cvg_card_row_get_items (CvgCardRow *self)
{
  g_return_val_if_fail (CVG_IS_CARD_ROW (self), NULL);

  return self->items;
}
