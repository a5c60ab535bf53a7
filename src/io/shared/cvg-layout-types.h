/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TensorBoard's custom scalars layout (layout.proto) as plain structs.
 * Strings are valid UTF-8. */

/* Bounds on what a layout read from a file may hold; the rest is dropped
 * and the layout says so (truncated). */
#define CVG_LAYOUT_MAX_BYTES      (1 << 20)
#define CVG_LAYOUT_MAX_CATEGORIES 256
#define CVG_LAYOUT_MAX_CHARTS     256
#define CVG_LAYOUT_MAX_TAGS       64

typedef enum
{
  CVG_LAYOUT_CHART_NONE,        /* neither oneof case: drawn as nothing */
  CVG_LAYOUT_CHART_MULTILINE,
  CVG_LAYOUT_CHART_MARGIN,
} CvgLayoutChartKind;

/* Exact tags of a margin chart's value and its bounds. */
typedef struct
{
  char *value;
  char *lower;
  char *upper;
} CvgLayoutMargin;

typedef struct
{
  char               *title;
  CvgLayoutChartKind  kind;
  GPtrArray          *tags;      /* MULTILINE: char *, regular expressions */
  GPtrArray          *margins;   /* MARGIN: CvgLayoutMargin */
} CvgLayoutChart;

typedef struct
{
  char      *title;
  gboolean   closed;
  GPtrArray *charts;             /* CvgLayoutChart */
} CvgLayoutCategory;

typedef struct
{
  GPtrArray *categories;         /* CvgLayoutCategory */
  gboolean   truncated;          /* more than the bounds held */
} CvgLayout;

G_END_DECLS
