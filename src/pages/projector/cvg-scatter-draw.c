/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scatter-draw"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-scatter-draw.h"

/* Perspective: the camera sits this far from the cube's centre. */
#define EYE_DISTANCE     4.0
#define POINT_RADIUS     2
/* Labels and sprites only when zoomed in and this few points are in view. */
#define MAX_DECORATED    400
#define SPRITE_MIN_ZOOM  2.0

void
cvg_scatter_camera_reset (CvgScatterCamera *camera)
{
  camera->yaw = 0.6;
  camera->pitch = 0.35;
  camera->zoom = 1.0;
  camera->pan_x = 0;
  camera->pan_y = 0;
}

void
cvg_scatter_project (const CvgScatterScene *scene,
                     int                    width,
                     int                    height,
                     float                 *xy,
                     float                 *depth)
{
  const CvgScatterCamera *c = &scene->camera;
  double scale = 0.45 * MIN (width, height) * c->zoom;
  double cy = cos (c->yaw), sy = sin (c->yaw), cp = cos (c->pitch), sp = sin (c->pitch);
  double ox = width / 2.0 + c->pan_x * scale, oy = height / 2.0 + c->pan_y * scale;

  for (guint i = 0; i < scene->n_points; i++)
    {
      const float *p = scene->coords + (gsize) i * scene->n_dims;
      double x = p[0], y = p[1], z = 0, f = 1;

      if (scene->n_dims == 3)
        {
          double x1 = cy * x + sy * p[2];
          double z1 = -sy * x + cy * p[2];
          double y1 = cp * y - sp * z1;

          z = sp * y + cp * z1;
          x = x1;
          y = y1;
          f = EYE_DISTANCE / (EYE_DISTANCE - z);
        }
      xy[2 * i] = (float) (ox + x * f * scale);
      xy[2 * i + 1] = (float) (oy - y * f * scale);
      if (depth != NULL)
        depth[i] = (float) -z;
    }
}

/* Three faint axes through the centre, so that an orbit reads as one. */
static void
draw_axes (cairo_t               *cr,
           const CvgScatterScene *scene,
           int                    width,
           int                    height)
{
  static const float ends[] = { 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 };
  CvgScatterScene axes = *scene;
  float xy[8];

  axes.n_points = 4;
  axes.coords = ends;
  cvg_scatter_project (&axes, width, height, xy, NULL);
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint a = 1; a < 4; a++)
    {
      cairo_move_to (cr, xy[0], xy[1]);
      cairo_line_to (cr, xy[2 * a], xy[2 * a + 1]);
      cairo_set_source_rgba (cr, a == 1, a == 2 ? 0.6 : 0, a == 3, 0.35);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* A disc of radius 2 (5 × 5 without its corners). */
static inline void
stamp (guint32 *pixels,
       int      stride,
       int      width,
       int      height,
       int      x,
       int      y,
       guint32  argb)
{
  for (int dy = -POINT_RADIUS; dy <= POINT_RADIUS; dy++)
    {
      int row = y + dy, span = ABS (dy) == POINT_RADIUS ? 1 : POINT_RADIUS;
      guint32 *line;

      if (row < 0 || row >= height)
        continue;
      line = pixels + (gsize) row * stride;
      for (int dx = -span; dx <= span; dx++)
        if (x + dx >= 0 && x + dx < width)
          line[x + dx] = argb;
    }
}

static void
stamp_points (cairo_surface_t       *surface,
              const CvgScatterScene *scene,
              const float           *xy,
              const float           *depth,
              int                    width,
              int                    height)
{
  guint32 *pixels = (guint32 *) (void *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  /* Far points fade toward the background in 3-D. */
  guint32 fade = scene->dark ? 0x242424 : 0xfafafa;

  for (guint i = 0; i < scene->n_points; i++)
    {
      guint8 flags = scene->flags != NULL ? scene->flags[i] : 0;
      guint32 rgb = scene->colors[i];
      float x = xy[2 * i], y = xy[2 * i + 1];

      if ((flags & CVG_SCATTER_HIDDEN) != 0 || !(x > -4 && y > -4 && x < width + 4 && y < height + 4))
        continue;
      if (depth != NULL && scene->n_dims == 3)
        {
          double t = CLAMP ((depth[i] + 1.0) / 4.0, 0.0, 0.45);
          guint r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

          r = (guint) (r + t * ((int) ((fade >> 16) & 0xff) - (int) r));
          g = (guint) (g + t * ((int) ((fade >> 8) & 0xff) - (int) g));
          b = (guint) (b + t * ((int) (fade & 0xff) - (int) b));
          rgb = r << 16 | g << 8 | b;
        }
      stamp (pixels, stride, width, height, (int) x, (int) y, 0xff000000u | rgb);
    }
  cairo_surface_mark_dirty (surface);
}

static void
draw_sprite (cairo_t               *cr,
             const CvgScatterScene *scene,
             guint                  point,
             double                 x,
             double                 y,
             double                 size)
{
  int atlas_width = cairo_image_surface_get_width (scene->sprites);
  guint per_row = atlas_width / scene->sprite_width;
  guint per_column = cairo_image_surface_get_height (scene->sprites) / scene->sprite_height;
  double sx = size / scene->sprite_width, sy = size / scene->sprite_height;

  if (per_row == 0 || point / per_row >= per_column)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x - size / 2, y - size / 2, size, size);
  cairo_clip (cr);
  cairo_translate (cr, x - size / 2, y - size / 2);
  cairo_scale (cr, sx, sy);
  cairo_set_source_surface (cr, scene->sprites,
                            -(double) (point % per_row) * scene->sprite_width,
                            -(double) (point / per_row) * scene->sprite_height);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_label (cairo_t               *cr,
            const CvgScatterScene *scene,
            const char            *text,
            double                 x,
            double                 y)
{
  cairo_move_to (cr, x + 5, y - 4);
  cairo_text_path (cr, text);
  cairo_set_source_rgba (cr, scene->dark ? 0 : 1, scene->dark ? 0 : 1, scene->dark ? 0 : 1, 0.8);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, scene->dark ? 0.95 : 0.1, scene->dark ? 0.95 : 0.1, scene->dark ? 0.95 : 0.1);
  cairo_fill (cr);
}

/* Selection rings, then labels and sprites where few points show. */
static void
decorate (cairo_t               *cr,
          const CvgScatterScene *scene,
          const float           *xy,
          int                    width,
          int                    height)
{
  g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean crowded;

  for (guint i = 0; i < scene->n_points && in_view->len <= MAX_DECORATED; i++)
    {
      guint8 flags = scene->flags != NULL ? scene->flags[i] : 0;

      if ((flags & CVG_SCATTER_HIDDEN) == 0 && xy[2 * i] >= 0 && xy[2 * i + 1] >= 0
          && xy[2 * i] < width && xy[2 * i + 1] < height)
        g_array_append_val (in_view, i);
    }
  crowded = in_view->len > MAX_DECORATED;
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  if (!crowded && scene->sprites != NULL && scene->camera.zoom >= SPRITE_MIN_ZOOM)
    for (guint k = 0; k < in_view->len; k++)
      {
        guint i = g_array_index (in_view, guint, k);

        draw_sprite (cr, scene, i, xy[2 * i], xy[2 * i + 1], MIN (12 * scene->camera.zoom, 64));
      }
  for (guint i = 0; scene->flags != NULL && i < scene->n_points; i++)
    {
      guint8 flags = scene->flags[i];

      if ((flags & (CVG_SCATTER_SELECTED | CVG_SCATTER_NEIGHBOR | CVG_SCATTER_MATCH)) == 0
          || (flags & CVG_SCATTER_HIDDEN) != 0)
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, xy[2 * i], xy[2 * i + 1], (flags & CVG_SCATTER_SELECTED) != 0 ? 7 : 5, 0, 2 * G_PI);
      if ((flags & CVG_SCATTER_SELECTED) != 0)
        cairo_set_source_rgb (cr, 0.9, 0.1, 0.1);
      else if ((flags & CVG_SCATTER_NEIGHBOR) != 0)
        cairo_set_source_rgb (cr, 1.0, 0.55, 0.0);
      else
        cairo_set_source_rgb (cr, 0.2, 0.75, 0.3);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (scene->labels != NULL && scene->labels[i] != NULL && (flags & CVG_SCATTER_MATCH) == 0)
        draw_label (cr, scene, scene->labels[i], xy[2 * i], xy[2 * i + 1]);
    }
  if (!crowded && scene->labels != NULL && scene->camera.zoom >= SPRITE_MIN_ZOOM && scene->sprites == NULL)
    for (guint k = 0; k < in_view->len; k++)
      {
        guint i = g_array_index (in_view, guint, k);

        if (scene->labels[i] != NULL)
          draw_label (cr, scene, scene->labels[i], xy[2 * i], xy[2 * i + 1]);
      }
}

void
cvg_scatter_cache_clear (CvgScatterCache *cache)
{
  g_clear_pointer (&cache->layer, cairo_surface_destroy);
  g_clear_pointer (&cache->xy, g_free);
  g_clear_pointer (&cache->depth, g_free);
  cache->n_points = 0;
}

/* The layer and the per-point arrays, kept from frame to frame. */
static void
cache_fit (CvgScatterCache *cache,
           guint            n_points,
           int              width,
           int              height)
{
  if (cache->layer == NULL || cairo_image_surface_get_width (cache->layer) != width
      || cairo_image_surface_get_height (cache->layer) != height)
    {
      g_clear_pointer (&cache->layer, cairo_surface_destroy);
      cache->layer = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
    }
  if (cache->n_points < MAX (n_points, 1))
    {
      cache->n_points = MAX (n_points, 1);
      g_free (cache->xy);
      g_free (cache->depth);
      cache->xy = g_new (float, 2 * (gsize) cache->n_points);
      cache->depth = g_new (float, cache->n_points);
    }
}

static void
fill_background (cairo_surface_t *layer,
                 guint32          argb)
{
  guint8 *data = cairo_image_surface_get_data (layer);
  int stride = cairo_image_surface_get_stride (layer);
  int width = cairo_image_surface_get_width (layer), height = cairo_image_surface_get_height (layer);
  guint32 *first = (guint32 *) (void *) data;

  for (int col = 0; col < width; col++)
    first[col] = argb;
  for (int row = 1; row < height; row++)
    memcpy (data + (gsize) row * stride, data, (gsize) width * 4);
}

void
cvg_scatter_draw (cairo_t               *cr,
                  const CvgScatterScene *scene,
                  CvgScatterCache       *cache,
                  int                    width,
                  int                    height)
{
  float *depth;

  if (width <= 0 || height <= 0)
    return;
  cache_fit (cache, scene->n_points, width, height);
  depth = scene->n_dims == 3 ? cache->depth : NULL;
  cvg_scatter_project (scene, width, height, cache->xy, depth);
  cairo_surface_flush (cache->layer);
  fill_background (cache->layer, scene->dark ? 0xff242424u : 0xfffafafau);
  stamp_points (cache->layer, scene, cache->xy, depth, width, height);
  cairo_save (cr);
  cairo_set_source_surface (cr, cache->layer, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_restore (cr);
  if (scene->n_dims == 3)
    draw_axes (cr, scene, width, height);
  decorate (cr, scene, cache->xy, width, height);
}

int
cvg_scatter_pick (const CvgScatterScene *scene,
                  int                    width,
                  int                    height,
                  double                 x,
                  double                 y,
                  double                 radius)
{
  g_autofree float *xy = g_new (float, 2 * (gsize) MAX (scene->n_points, 1));
  double best = radius * radius;
  int found = -1;

  cvg_scatter_project (scene, width, height, xy, NULL);
  for (guint i = 0; i < scene->n_points; i++)
    {
      double dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;

      if (scene->flags != NULL && (scene->flags[i] & CVG_SCATTER_HIDDEN) != 0)
        continue;
      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          found = (int) i;
        }
    }
  return found;
}
