/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-image-loader"

#include "config.h"

#include "cvg-image-loader.h"

#include "cvg-image-cache.h"
#include "cvg-image.h"
#include "cvg-owned-task.h"

struct _CvgImageLoader
{
  CvgImageCache *cache;
  double         brightness;
  double         contrast;
};

typedef struct
{
  char   *key;          /* with the setting */
  GBytes *bytes;
  double  brightness;
  double  contrast;
} Request;

static void
request_free (Request *request)
{
  g_free (request->key);
  g_bytes_unref (request->bytes);
  g_free (request);
}

static void
loader_clear (CvgImageLoader *self)
{
  cvg_image_cache_free (self->cache);
}

CvgImageLoader *
cvg_image_loader_new (gsize budget)
{
  CvgImageLoader *self = g_rc_box_new0 (CvgImageLoader);

  self->cache = cvg_image_cache_new (budget, (GDestroyNotify) cvg_decoded_image_unref);
  self->brightness = 1;
  self->contrast = 1;
  return self;
}

CvgImageLoader *
cvg_image_loader_ref (CvgImageLoader *self)
{
  return g_rc_box_acquire (self);
}

void
cvg_image_loader_unref (CvgImageLoader *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) loader_clear);
}

void
cvg_image_loader_set_adjustments (CvgImageLoader *self,
                                  double          brightness,
                                  double          contrast)
{
  self->brightness = brightness;
  self->contrast = contrast;
}

static char *
setting_key (CvgImageLoader *self,
             const char     *key)
{
  return g_strdup_printf ("%s@%.3f/%.3f", key, self->brightness, self->contrast);
}

CvgDecodedImage *
cvg_image_loader_lookup (CvgImageLoader *self,
                         const char     *key)
{
  g_autofree char *full_key = setting_key (self, key);

  return cvg_image_cache_lookup (self->cache, full_key);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Request *request = task_data;
  gsize len;
  const guint8 *data = g_bytes_get_data (request->bytes, &len);

  g_task_return_pointer (task,
                         cvg_decoded_image_new (data, len, CVG_IMAGE_MAX_PIXELS,
                                                request->brightness, request->contrast),
                         (GDestroyNotify) cvg_decoded_image_unref);
}

void
cvg_image_loader_load (CvgImageLoader      *self,
                       const char          *key,
                       const guint8        *data,
                       gsize                len,
                       gpointer             owner,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = cvg_owned_task_new (owner, NULL, callback, user_data);
  Request *request = g_new0 (Request, 1);

  /* A copy: the series may go (a folder reopened) before the worker runs. */
  request->key = setting_key (self, key);
  request->bytes = g_bytes_new (data, len);
  request->brightness = self->brightness;
  request->contrast = self->contrast;
  g_task_set_source_tag (task, cvg_image_loader_load);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, decode_thread);
}

CvgDecodedImage *
cvg_image_loader_load_finish (CvgImageLoader *self,
                              GAsyncResult   *result)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  CvgDecodedImage *image = g_task_propagate_pointer (G_TASK (result), NULL);

  cvg_image_cache_insert (self->cache, request->key, cvg_decoded_image_ref (image),
                          cvg_decoded_image_get_cost (image));
  return image;
}

void
cvg_image_loader_clear (CvgImageLoader *self)
{
  cvg_image_cache_clear (self->cache);
}

gsize
cvg_image_loader_get_cache_size (CvgImageLoader *self)
{
  return cvg_image_cache_get_size (self->cache);
}
