/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decoded images by key, least recently used first out once their costs
 * (bytes) pass a budget. Values are handed in and freed by the cache;
 * whoever shows one keeps its own reference. Main thread only. */
typedef struct _CvgImageCache CvgImageCache;

CvgImageCache *cvg_image_cache_new        (gsize           budget,
                                           GDestroyNotify  value_free);
void           cvg_image_cache_free       (CvgImageCache  *self);

/* The value of @key, now the most recently used; NULL when absent. */
gpointer       cvg_image_cache_lookup     (CvgImageCache  *self,
                                           const char     *key);
/* Takes @value; replaces an older value of @key, then evicts the least
 * recently used others until the total is within the budget (a value
 * larger than the whole budget stays alone). */
void           cvg_image_cache_insert     (CvgImageCache  *self,
                                           const char     *key,
                                           gpointer        value,
                                           gsize           cost);
void           cvg_image_cache_clear      (CvgImageCache  *self);
gsize          cvg_image_cache_get_size   (CvgImageCache  *self);
guint          cvg_image_cache_get_n_items (CvgImageCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgImageCache, cvg_image_cache_free)

G_END_DECLS
