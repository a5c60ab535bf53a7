/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph-canvas"

#include "config.h"

#include "cvg-graph-canvas.h"

#include <math.h>

#include "cvg-chart-common.h"
#include "cvg-graph-canvas-private.h"
#include "cvg-owned-task.h"

#define MIN_ZOOM      0.02
#define MAX_ZOOM      4.0
#define MAX_FIT_ZOOM  1.25
#define READABLE_ZOOM 0.6
#define KEY_ZOOM      1.25
#define SCROLL_ZOOM   1.1
#define SCROLL_PAN    40.0
#define SETTLE_MS     150
#define SELECT_WIDTH  3.0
/* Graphs with more items lay out again on a worker too, the old
 * layout shown meanwhile; smaller ones at once (under ~50 ms). */
#define ASYNC_ITEMS   20000

/* What follows a layout made on a worker. */
typedef enum
{
  AFTER_FIT,     /* the first layout of a graph */
  AFTER_ANCHOR,  /* an item opened or closed stays where it was */
  AFTER_REVEAL,  /* an item is selected and centred */
} AfterLayout;

struct _CvgGraphCanvas
{
  GtkWidget       parent_instance;

  CvgGraph       *graph;
  guint8         *expanded;      /* per item */
  CvgGraphLayout *layout;        /* NULL until the first is made */
  GCancellable   *cancellable;   /* the layout task */
  AfterLayout     after;
  guint           anchor;        /* AFTER_ANCHOR, AFTER_REVEAL: the item */
  gboolean        anchored;      /* AFTER_ANCHOR: it was shown at */
  double          anchor_x, anchor_y;
  guint           selected;
  CvgGraphColorMode color_mode;
  double          char_width;    /* of bold labels, measured once */

  double          zoom;          /* pixels per graph unit */
  double          offset_x;      /* widget position of the graph origin */
  double          offset_y;
  double          drag_x, drag_y;
  double          pinch_zoom;
  double          pointer_x, pointer_y;
  gboolean        fit_pending;   /* fit when the layout and a size exist */
  int             width, height; /* of the last allocation */

  /* The static picture: what meets cache_area (graph units) drawn at
   * cache_zoom; shown scaled while a zoom settles. */
  GskRenderNode  *cache;
  graphene_rect_t cache_area;
  double          cache_zoom;
  guint           settle_id;
};

G_DEFINE_FINAL_TYPE (CvgGraphCanvas, cvg_graph_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_COLOR_BY_DEVICE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The picture. */

static void
invalidate (CvgGraphCanvas *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What the widget shows, in graph units. */
static graphene_rect_t
visible_area (CvgGraphCanvas *self)
{
  return GRAPHENE_RECT_INIT (-self->offset_x / self->zoom, -self->offset_y / self->zoom,
                             gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                             gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom);
}

/* Draws the visible area and a margin around it, so that panning reuses
 * the picture for a while. */
static void
build_cache (CvgGraphCanvas *self)
{
  graphene_rect_t visible = visible_area (self);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(PangoLayout) layout = cvg_chart_create_layout (GTK_WIDGET (self));
  CvgGraphStyle style = { .color_mode = self->color_mode, .layout = layout };
  cairo_t *cr;

  cvg_chart_lookup_colors (GTK_WIDGET (self), &style.fg, &style.bg);
  graphene_rect_inset (&visible, -visible.size.width * CVG_GRAPH_CACHE_MARGIN,
                       -visible.size.height * CVG_GRAPH_CACHE_MARGIN);
  self->cache_area = visible;
  self->cache_zoom = self->zoom;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, visible.size.width * self->zoom,
                                                                 visible.size.height * self->zoom));
  _cvg_graph_draw (cr, self->graph, self->layout, &style, self->zoom, &visible);
  cairo_destroy (cr);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  self->cache = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
draw_selection (CvgGraphCanvas *self,
                GtkSnapshot    *snapshot)
{
  guint index = self->selected != CVG_GRAPH_NONE ? cvg_graph_layout_lookup_item (self->layout, self->selected) : CVG_GRAPH_NONE;
  const CvgGraphLayoutNode *node;
  GskRoundedRect outline;
  GdkRGBA accent;
  float widths[4] = { SELECT_WIDTH, SELECT_WIDTH, SELECT_WIDTH, SELECT_WIDTH };
  GdkRGBA colors[4];

  if (index == CVG_GRAPH_NONE)
    return;
  node = cvg_graph_layout_get_node (self->layout, index);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < 4; i++)
    colors[i] = accent;
  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (self->offset_x + node->x * self->zoom - SELECT_WIDTH,
                                                        self->offset_y + node->y * self->zoom - SELECT_WIDTH,
                                                        node->width * self->zoom + 2 * SELECT_WIDTH,
                                                        node->height * self->zoom + 2 * SELECT_WIDTH),
                                   6 * self->zoom + SELECT_WIDTH);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
cvg_graph_canvas_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (widget);
  graphene_rect_t visible;
  double scale;

  if (self->layout == NULL)
    return;
  visible = visible_area (self);
  if (self->cache == NULL || (self->settle_id == 0 && self->cache_zoom != self->zoom)
      || !graphene_rect_contains_rect (&self->cache_area, &visible))
    build_cache (self);
  scale = self->zoom / self->cache_zoom;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->offset_x + self->cache_area.origin.x * self->zoom,
                                                          self->offset_y + self->cache_area.origin.y * self->zoom));
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_node (snapshot, self->cache);
  gtk_snapshot_restore (snapshot);
  draw_selection (self, snapshot);
  gtk_snapshot_pop (snapshot);
}

/* View. */

static gboolean
settle_cb (gpointer user_data)
{
  CvgGraphCanvas *self = user_data;

  self->settle_id = 0;
  invalidate (self);
  return G_SOURCE_REMOVE;
}

/* Zooms keeping the graph point under (x, y) where it is; the crisp
 * picture comes once the zoom rests. */
static void
zoom_at (CvgGraphCanvas *self,
         double          zoom,
         double          x,
         double          y)
{
  double gx = (x - self->offset_x) / self->zoom;
  double gy = (y - self->offset_y) / self->zoom;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->offset_x = x - gx * zoom;
  self->offset_y = y - gy * zoom;
  self->zoom = zoom;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The whole graph; @readable (the first view) keeps the text legible
 * at the cost of showing only the top of a tall graph, but always the
 * full width: nothing is cut at the sides. */
static void
fit (CvgGraphCanvas *self,
     gboolean        readable)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double graph_width, graph_height;

  if (self->layout == NULL || width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  self->fit_pending = FALSE;
  graph_width = cvg_graph_layout_get_width (self->layout);
  graph_height = cvg_graph_layout_get_height (self->layout);
  self->zoom = CLAMP (MIN (width / graph_width, height / graph_height), MIN_ZOOM, MAX_FIT_ZOOM);
  if (readable)
    self->zoom = CLAMP (MIN (width / graph_width, READABLE_ZOOM), self->zoom, MAX_FIT_ZOOM);
  self->offset_x = (width - graph_width * self->zoom) / 2;
  self->offset_y = MAX (0, (height - graph_height * self->zoom) / 2);
  invalidate (self);
}

static void
center_on (CvgGraphCanvas *self,
           guint           item)
{
  guint index = cvg_graph_layout_lookup_item (self->layout, item);
  const CvgGraphLayoutNode *node;

  if (index == CVG_GRAPH_NONE)
    return;
  node = cvg_graph_layout_get_node (self->layout, index);
  self->offset_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - (node->x + node->width / 2) * self->zoom;
  self->offset_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - (node->y + node->height / 2) * self->zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cvg_graph_canvas_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (widget);

  /* What was in the middle stays there. */
  if (self->width > 0 && self->height > 0)
    {
      self->offset_x += (width - self->width) / 2.0;
      self->offset_y += (height - self->height) / 2.0;
    }
  self->width = width;
  self->height = height;
  if (self->fit_pending)
    fit (self, TRUE);
}

static void
cvg_graph_canvas_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cvg_graph_canvas_parent_class)->css_changed (widget, change);
  invalidate (CVG_GRAPH_CANVAS (widget));
}

/* Layout. */

static void
set_busy (CvgGraphCanvas *self,
          gboolean        busy)
{
  if (busy == (self->cancellable != NULL))
    return;
  if (busy)
    self->cancellable = g_cancellable_new ();
  else
    g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
replace_layout (CvgGraphCanvas *self,
                CvgGraphLayout *layout)
{
  g_clear_pointer (&self->layout, cvg_graph_layout_free);
  self->layout = layout;
  invalidate (self);
}

/* @layout in place of the old one, @anchor kept where it was shown. */
static void
place_anchored (CvgGraphCanvas *self,
                CvgGraphLayout *layout,
                guint           anchor,
                gboolean        anchored,
                double          before_x,
                double          before_y)
{
  double after_x, after_y;

  replace_layout (self, layout);
  if (anchored && cvg_graph_canvas_get_item_position (self, anchor, &after_x, &after_y))
    {
      self->offset_x += before_x - after_x;
      self->offset_y += before_y - after_y;
    }
}

static void
place_revealed (CvgGraphCanvas *self,
                CvgGraphLayout *layout,
                guint           item)
{
  replace_layout (self, layout);
  cvg_graph_canvas_set_selected (self, item);
  center_on (self, item);
}

static void start_layout (CvgGraphCanvas *self,
                          AfterLayout     after,
                          guint           anchor);

/* Lays out again, keeping @anchor (an item) where it was on screen. */
static void
relayout (CvgGraphCanvas *self,
          guint           anchor)
{
  double before_x = 0, before_y = 0;
  gboolean anchored = cvg_graph_canvas_get_item_position (self, anchor, &before_x, &before_y);

  if (cvg_graph_get_n_items (self->graph) > ASYNC_ITEMS)
    {
      self->anchored = anchored;
      self->anchor_x = before_x;
      self->anchor_y = before_y;
      start_layout (self, AFTER_ANCHOR, anchor);
      return;
    }
  place_anchored (self, cvg_graph_layout_new (self->graph, self->expanded, self->char_width),
                  anchor, anchored, before_x, before_y);
}

typedef struct
{
  CvgGraph *graph;
  guint8   *expanded;
  double    char_width;
} LayoutJob;

static void
layout_job_free (gpointer data)
{
  LayoutJob *job = data;

  cvg_graph_unref (job->graph);
  g_free (job->expanded);
  g_free (job);
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;

  g_task_return_pointer (task, cvg_graph_layout_new (job->graph, job->expanded, job->char_width),
                         (GDestroyNotify) cvg_graph_layout_free);
}

static void
layout_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (source);
  CvgGraphLayout *layout = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_had_error (G_TASK (result)) || layout == NULL)
    return;
  set_busy (self, FALSE);
  switch (self->after)
    {
    case AFTER_ANCHOR:
      place_anchored (self, layout, self->anchor, self->anchored, self->anchor_x, self->anchor_y);
      break;
    case AFTER_REVEAL:
      place_revealed (self, layout, self->anchor);
      break;
    case AFTER_FIT:
    default:
      replace_layout (self, layout);
      fit (self, TRUE);
      break;
    }
}

/* Layouts size nodes by their labels: the mean width of a character in
 * the bold label font. */
static double
measure_char_width (CvgGraphCanvas *self)
{
  static const char sample[] = "abcdefghijklmnopqrstuvwxyz_ABCDEFGH0123456789";
  g_autoptr(PangoLayout) layout = cvg_chart_create_layout (GTK_WIDGET (self));
  PangoAttrList *attrs = pango_attr_list_new ();
  int width;

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, sample, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return (double) width / (sizeof sample - 1);
}

static void
start_layout (CvgGraphCanvas *self,
              AfterLayout     after,
              guint           anchor)
{
  g_autoptr(GTask) task = NULL;
  LayoutJob *job = g_new0 (LayoutJob, 1);

  self->after = after;
  self->anchor = anchor;

  if (self->char_width == 0)
    self->char_width = measure_char_width (self);
  job->graph = cvg_graph_ref (self->graph);
  job->expanded = g_memdup2 (self->expanded, cvg_graph_get_n_items (self->graph));
  job->char_width = self->char_width;
  set_busy (self, TRUE);
  task = cvg_owned_task_new (self, self->cancellable, layout_done_cb, NULL);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, layout_job_free);
  g_task_run_in_thread (task, layout_thread);
}

static void
cancel_layout (CvgGraphCanvas *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
}

/* Input. */

static guint
item_at (CvgGraphCanvas *self,
         double          x,
         double          y)
{
  guint index;

  if (self->layout == NULL)
    return CVG_GRAPH_NONE;
  index = cvg_graph_layout_node_at (self->layout, (x - self->offset_x) / self->zoom, (y - self->offset_y) / self->zoom);
  return index != CVG_GRAPH_NONE ? cvg_graph_layout_get_node (self->layout, index)->item : CVG_GRAPH_NONE;
}

static gboolean
can_expand (CvgGraphCanvas *self,
            guint           item)
{
  return item != CVG_GRAPH_NONE && cvg_graph_get_item (self->graph, item)->kind != CVG_GRAPH_ITEM_OP;
}

static void
pressed_cb (CvgGraphCanvas *self,
            int             n_press,
            double          x,
            double          y)
{
  guint item = item_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  cvg_graph_canvas_set_selected (self, item);
  if (n_press == 2 && can_expand (self, item))
    cvg_graph_canvas_toggle_expanded (self, item);
}

static void
drag_begin_cb (CvgGraphCanvas *self,
               double          x,
               double          y)
{
  self->drag_x = self->offset_x;
  self->drag_y = self->offset_y;
}

static void
drag_update_cb (CvgGraphCanvas *self,
                double          dx,
                double          dy)
{
  self->offset_x = self->drag_x + dx;
  self->offset_y = self->drag_y + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (CvgGraphCanvas *self,
           double          x,
           double          y)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (CvgGraphCanvas           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->layout == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    zoom_at (self, self->zoom * pow (SCROLL_ZOOM, -dy), self->pointer_x, self->pointer_y);
  else
    {
      self->offset_x -= dx * SCROLL_PAN;
      self->offset_y -= dy * SCROLL_PAN;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

static void
pinch_begin_cb (CvgGraphCanvas *self)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_cb (CvgGraphCanvas *self,
          double          scale,
          GtkGesture     *gesture)
{
  double x, y;

  if (self->layout == NULL || !gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    return;
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

static gboolean
key_pressed_cb (CvgGraphCanvas *self,
                guint           keyval,
                guint           keycode,
                GdkModifierType state)
{
  if (self->layout == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      cvg_graph_canvas_zoom_by (self, KEY_ZOOM);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      cvg_graph_canvas_zoom_by (self, 1 / KEY_ZOOM);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_KP_0:
      cvg_graph_canvas_zoom_fit (self);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter:
      if (!can_expand (self, self->selected))
        return FALSE;
      cvg_graph_canvas_toggle_expanded (self, self->selected);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
add_controllers (CvgGraphCanvas *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (pinch_cb), self);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* GObject. */

static void
cvg_graph_canvas_dispose (GObject *object)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (object);

  cancel_layout (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->layout, cvg_graph_layout_free);
  g_clear_pointer (&self->graph, cvg_graph_unref);
  G_OBJECT_CLASS (cvg_graph_canvas_parent_class)->dispose (object);
}

static void
cvg_graph_canvas_finalize (GObject *object)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (object);

  g_free (self->expanded);
  G_OBJECT_CLASS (cvg_graph_canvas_parent_class)->finalize (object);
}

static void
cvg_graph_canvas_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    case PROP_COLOR_BY_DEVICE:
      g_value_set_boolean (value, self->color_mode == CVG_GRAPH_COLOR_DEVICE);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cvg_graph_canvas_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_graph_canvas_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CvgGraphCanvas *self = CVG_GRAPH_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      cvg_graph_canvas_set_selected (self, g_value_get_uint (value));
      break;
    case PROP_COLOR_BY_DEVICE:
      cvg_graph_canvas_set_color_by_device (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_graph_canvas_class_init (CvgGraphCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_graph_canvas_dispose;
  object_class->finalize = cvg_graph_canvas_finalize;
  object_class->get_property = cvg_graph_canvas_get_property;
  object_class->set_property = cvg_graph_canvas_set_property;
  widget_class->snapshot = cvg_graph_canvas_snapshot;
  widget_class->size_allocate = cvg_graph_canvas_size_allocate;
  widget_class->css_changed = cvg_graph_canvas_css_changed;

  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, CVG_GRAPH_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_BY_DEVICE] =
    g_param_spec_boolean ("color-by-device", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOGGLED] =
    g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "graphcanvas");
}

static void
cvg_graph_canvas_init (CvgGraphCanvas *self)
{
  self->selected = CVG_GRAPH_NONE;
  self->zoom = 1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  add_controllers (self);
}

GtkWidget *
cvg_graph_canvas_new (void)
{
  return g_object_new (CVG_TYPE_GRAPH_CANVAS, NULL);
}

void
cvg_graph_canvas_set_graph (CvgGraphCanvas *self,
                            CvgGraph       *graph)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));

  if (graph == self->graph)
    return;
  cancel_layout (self);
  cvg_graph_canvas_set_selected (self, CVG_GRAPH_NONE);
  replace_layout (self, NULL);
  g_clear_pointer (&self->graph, cvg_graph_unref);
  g_clear_pointer (&self->expanded, g_free);
  if (graph == NULL)
    return;
  self->graph = cvg_graph_ref (graph);
  self->expanded = g_new0 (guint8, cvg_graph_get_n_items (graph));
  start_layout (self, AFTER_FIT, CVG_GRAPH_NONE);
}

CvgGraph *
cvg_graph_canvas_get_graph (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), NULL);
  return self->graph;
}

CvgGraphLayout *
cvg_graph_canvas_get_layout (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), NULL);
  return self->layout;
}

gboolean
cvg_graph_canvas_get_busy (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), FALSE);
  return self->cancellable != NULL;
}

guint
cvg_graph_canvas_get_selected (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), CVG_GRAPH_NONE);
  return self->selected;
}

void
cvg_graph_canvas_set_selected (CvgGraphCanvas *self,
                               guint           item)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));

  if (self->selected == item)
    return;
  self->selected = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
cvg_graph_canvas_get_color_by_device (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), FALSE);
  return self->color_mode == CVG_GRAPH_COLOR_DEVICE;
}

void
cvg_graph_canvas_set_color_by_device (CvgGraphCanvas *self,
                                      gboolean        by_device)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));

  if (by_device)
    cvg_graph_canvas_set_color_mode (self, CVG_GRAPH_COLOR_DEVICE);
  else if (self->color_mode == CVG_GRAPH_COLOR_DEVICE)
    cvg_graph_canvas_set_color_mode (self, CVG_GRAPH_COLOR_OP);
}

CvgGraphColorMode
cvg_graph_canvas_get_color_mode (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), CVG_GRAPH_COLOR_OP);
  return self->color_mode;
}

void
cvg_graph_canvas_set_color_mode (CvgGraphCanvas    *self,
                                 CvgGraphColorMode  mode)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));

  if (self->color_mode == mode)
    return;
  self->color_mode = mode;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_BY_DEVICE]);
}

gboolean
cvg_graph_canvas_get_expanded (CvgGraphCanvas *self,
                               guint           item)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), FALSE);
  return self->expanded != NULL && item < cvg_graph_get_n_items (self->graph) && self->expanded[item];
}

void
cvg_graph_canvas_toggle_expanded (CvgGraphCanvas *self,
                                  guint           item)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));
  g_return_if_fail (self->graph != NULL && item < cvg_graph_get_n_items (self->graph));

  cancel_layout (self);
  self->expanded[item] = !self->expanded[item];
  relayout (self, item);
  g_signal_emit (self, signals[TOGGLED], 0, item);
}

void
cvg_graph_canvas_reveal (CvgGraphCanvas *self,
                         guint           item)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));
  g_return_if_fail (self->graph != NULL && item < cvg_graph_get_n_items (self->graph));

  cancel_layout (self);
  for (guint p = cvg_graph_get_item (self->graph, item)->parent; p != CVG_GRAPH_NONE;
       p = cvg_graph_get_item (self->graph, p)->parent)
    self->expanded[p] = TRUE;
  if (cvg_graph_get_n_items (self->graph) > ASYNC_ITEMS)
    start_layout (self, AFTER_REVEAL, item);
  else
    place_revealed (self, cvg_graph_layout_new (self->graph, self->expanded, self->char_width), item);
}

void
cvg_graph_canvas_zoom_by (CvgGraphCanvas *self,
                          double          factor)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));
  zoom_at (self, self->zoom * factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
cvg_graph_canvas_zoom_fit (CvgGraphCanvas *self)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));
  fit (self, FALSE);
}

double
cvg_graph_canvas_get_zoom (CvgGraphCanvas *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), 1);
  return self->zoom;
}

void
cvg_graph_canvas_get_offset (CvgGraphCanvas *self,
                             double         *x,
                             double         *y)
{
  g_return_if_fail (CVG_IS_GRAPH_CANVAS (self));
  *x = self->offset_x;
  *y = self->offset_y;
}

gboolean
cvg_graph_canvas_get_item_position (CvgGraphCanvas *self,
                                    guint           item,
                                    double         *x,
                                    double         *y)
{
  const CvgGraphLayoutNode *node;
  guint index;

  g_return_val_if_fail (CVG_IS_GRAPH_CANVAS (self), FALSE);

  if (self->layout == NULL || item == CVG_GRAPH_NONE
      || (index = cvg_graph_layout_lookup_item (self->layout, item)) == CVG_GRAPH_NONE)
    return FALSE;
  node = cvg_graph_layout_get_node (self->layout, index);
  *x = self->offset_x + (node->x + node->width / 2) * self->zoom;
  *y = self->offset_y + (node->y + node->height / 2) * self->zoom;
  return TRUE;
}
