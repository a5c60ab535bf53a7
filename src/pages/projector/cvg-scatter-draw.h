/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The projector's scatter plot as pure cairo: a camera over points in
 * the unit cube, points stamped straight into an image surface (100,000
 * a frame in a few milliseconds), then the selection, labels and sprite
 * thumbnails drawn with cairo on top. No GTK: the benchmark draws it
 * offscreen. */

typedef enum
{
  CVG_SCATTER_HIDDEN   = 1 << 0,
  CVG_SCATTER_SELECTED = 1 << 1,
  CVG_SCATTER_NEIGHBOR = 1 << 2,
  CVG_SCATTER_MATCH    = 1 << 3,
} CvgScatterFlags;

typedef struct
{
  double yaw;      /* radians, around the vertical axis (3-D) */
  double pitch;    /* radians, around the horizontal axis (3-D) */
  double zoom;     /* 1: the cube fills the view */
  double pan_x;    /* in view units: the view is 2 units across at zoom 1 */
  double pan_y;
} CvgScatterCamera;

typedef struct
{
  guint             n_points;
  guint             n_dims;        /* 2 or 3 */
  const float      *coords;        /* n_points × n_dims, in [-1, 1] */
  const guint32    *colors;        /* 0xRRGGBB each */
  const guint8     *flags;         /* CvgScatterFlags each, or NULL */
  const char      **labels;        /* each point's label, or NULL */
  cairo_surface_t  *sprites;       /* the atlas, or NULL */
  guint             sprite_width;
  guint             sprite_height;
  CvgScatterCamera  camera;
  gboolean          dark;
} CvgScatterScene;

/* What one frame leaves for the next: the points' layer and positions. */
typedef struct
{
  cairo_surface_t *layer;
  float           *xy;
  float           *depth;
  guint            n_points;
} CvgScatterCache;

void cvg_scatter_cache_clear  (CvgScatterCache       *cache);

void cvg_scatter_camera_reset (CvgScatterCamera      *camera);

/* Where each point lands in a @width × @height view: @xy gets n_points ×
 * 2 pixels, @depth (may be NULL) the distance along the view, larger
 * farther. */
void cvg_scatter_project      (const CvgScatterScene *scene,
                               int                    width,
                               int                    height,
                               float                 *xy,
                               float                 *depth);

/* Draws the scene, the background included, on @cr's @width × @height,
 * reusing @cache (zeroed at first). */
void cvg_scatter_draw         (cairo_t               *cr,
                               const CvgScatterScene *scene,
                               CvgScatterCache       *cache,
                               int                    width,
                               int                    height);

/* The visible point nearest to (@x, @y) within @radius pixels, or -1. */
int  cvg_scatter_pick         (const CvgScatterScene *scene,
                               int                    width,
                               int                    height,
                               double                 x,
                               double                 y,
                               double                 radius);

G_END_DECLS
