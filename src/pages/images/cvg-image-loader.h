/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-decoded-image.h"

G_BEGIN_DECLS

/* Decodes images on worker threads into a cache with a memory budget
 * (least recently used out first), for the cards of one page. The main
 * thread only looks up and hands bytes over. Reference counted, so that a
 * load in flight outlives the page. */
typedef struct _CvgImageLoader CvgImageLoader;

/* TensorBoard's cache is the browser's; 256 MiB of decoded pixels. */
#define CVG_IMAGE_LOADER_BUDGET ((gsize) 256 * 1024 * 1024)

CvgImageLoader  *cvg_image_loader_new             (gsize                budget);
CvgImageLoader  *cvg_image_loader_ref             (CvgImageLoader      *self);
void             cvg_image_loader_unref           (CvgImageLoader      *self);

/* Applied to every image decoded from now on; the cache keeps images
 * per setting, so cards reload to see a change. */
void             cvg_image_loader_set_adjustments (CvgImageLoader      *self,
                                                   double               brightness,
                                                   double               contrast);
/* The decoded image of @key (a card's series, step and sample) in the
 * current setting, or NULL. */
CvgDecodedImage *cvg_image_loader_lookup          (CvgImageLoader      *self,
                                                   const char          *key);
/* Decodes a copy of @data on a worker; @callback runs on the main
 * thread with @owner alive. */
void             cvg_image_loader_load            (CvgImageLoader      *self,
                                                   const char          *key,
                                                   const guint8        *data,
                                                   gsize                len,
                                                   gpointer             owner,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The image, now in the cache too; never NULL (it may carry an error). */
CvgDecodedImage *cvg_image_loader_load_finish     (CvgImageLoader      *self,
                                                   GAsyncResult        *result);
/* Drops every cached image (the runs were replaced). */
void             cvg_image_loader_clear           (CvgImageLoader      *self);
gsize            cvg_image_loader_get_cache_size  (CvgImageLoader      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgImageLoader, cvg_image_loader_unref)

G_END_DECLS
