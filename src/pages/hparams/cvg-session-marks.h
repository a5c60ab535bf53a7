/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the parallel coordinates and the scatter matrix share: each
 * session's colour and run name, the hovered session with its tooltip,
 * and the pointer controllers. A plain struct inside each widget. */

typedef struct
{
  GPtrArray *colors;      /* GdkRGBA *, one per session */
  GPtrArray *names;       /* char * */
  int        hovered;     /* session, or -1 */
  double     pointer_x;
  double     pointer_y;
} CvgSessionMarks;

/* The widget's callbacks, connected swapped (the widget first). */
typedef struct
{
  GCallback motion;       /* (widget, x, y) */
  GCallback drag_begin;   /* (widget, x, y) */
  GCallback drag_update;  /* (widget, dx, dy) */
  GCallback drag_end;     /* (widget, dx, dy) */
} CvgSessionMarksHandlers;

void     cvg_session_marks_init       (CvgSessionMarks               *marks,
                                       GtkWidget                     *widget,
                                       const CvgSessionMarksHandlers *handlers);
/* Copies @colors ("#rrggbb") and @names; NULL for none. */
void     cvg_session_marks_set        (CvgSessionMarks               *marks,
                                       GPtrArray                     *colors,
                                       GPtrArray                     *names);
void     cvg_session_marks_clear      (CvgSessionMarks               *marks);
guint    cvg_session_marks_get_n      (CvgSessionMarks               *marks);
/* The pointer moved to (@x, @y) over session @picked (or -1): TRUE when
 * the widget must be drawn again. */
gboolean cvg_session_marks_hover      (CvgSessionMarks               *marks,
                                       int                            picked,
                                       double                         x,
                                       double                         y);
/* The hovered session's run name beside the pointer. */
void     cvg_session_marks_draw_hover (CvgSessionMarks               *marks,
                                       cairo_t                       *cr,
                                       PangoLayout                   *layout,
                                       const GdkRGBA                 *fg,
                                       const GdkRGBA                 *bg,
                                       double                         width,
                                       double                         height);

G_END_DECLS
