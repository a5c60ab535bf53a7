/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-image-cache"

#include "config.h"

#include "cvg-image-cache.h"

typedef struct
{
  char     *key;
  gpointer  value;
  gsize     cost;
} Item;

struct _CvgImageCache
{
  GQueue          order;     /* Item, most recently used first */
  GHashTable     *links;     /* key → GList link in order */
  gsize           size;
  gsize           budget;
  GDestroyNotify  value_free;
};

static void
remove_link (CvgImageCache *self,
             GList         *link)
{
  Item *item = link->data;

  g_hash_table_remove (self->links, item->key);
  g_queue_delete_link (&self->order, link);
  self->size -= item->cost;
  if (self->value_free != NULL)
    self->value_free (item->value);
  g_free (item->key);
  g_free (item);
}

CvgImageCache *
cvg_image_cache_new (gsize          budget,
                     GDestroyNotify value_free)
{
  CvgImageCache *self = g_new0 (CvgImageCache, 1);

  g_queue_init (&self->order);
  self->links = g_hash_table_new (g_str_hash, g_str_equal);
  self->budget = budget;
  self->value_free = value_free;
  return self;
}

void
cvg_image_cache_free (CvgImageCache *self)
{
  if (self == NULL)
    return;
  cvg_image_cache_clear (self);
  g_hash_table_unref (self->links);
  g_free (self);
}

gpointer
cvg_image_cache_lookup (CvgImageCache *self,
                        const char    *key)
{
  GList *link = g_hash_table_lookup (self->links, key);

  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->order, link);
  g_queue_push_head_link (&self->order, link);
  return ((Item *) link->data)->value;
}

void
cvg_image_cache_insert (CvgImageCache *self,
                        const char    *key,
                        gpointer       value,
                        gsize          cost)
{
  GList *old = g_hash_table_lookup (self->links, key);
  Item *item = g_new0 (Item, 1);

  if (old != NULL)
    remove_link (self, old);
  item->key = g_strdup (key);
  item->value = value;
  item->cost = cost;
  g_queue_push_head (&self->order, item);
  g_hash_table_insert (self->links, item->key, self->order.head);
  self->size += cost;

  while (self->size > self->budget && self->order.tail != self->order.head)
    remove_link (self, self->order.tail);
}

void
cvg_image_cache_clear (CvgImageCache *self)
{
  while (self->order.tail != NULL)
    remove_link (self, self->order.tail);
}

gsize
cvg_image_cache_get_size (CvgImageCache *self)
{
  return self->size;
}

guint
cvg_image_cache_get_n_items (CvgImageCache *self)
{
  return self->order.length;
}
