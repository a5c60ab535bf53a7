/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pr-curve-card"

#include "config.h"

#include "cvg-pr-curve-card.h"

#include <glib/gi18n.h>

#include "cvg-run-swatch.h"

/* Earlier steps drawn at the most, evenly spread, when asked. */
#define MAX_EARLIER 50

/* One run of the tag, and its row under the chart. */
typedef struct
{
  CvgRunInfo *info;
  CvgSeries  *series;      /* borrowed from the info's run */
  GArray     *order;       /* gsize point indices, by step */
  guint       position;    /* in @order */
  guint       generation;
  GtkWidget  *swatch;
  GtkWidget  *name;
  GtkWidget  *ap;
  GtkWidget  *scale;
  GtkWidget  *step;
} Member;

static void
member_free (gpointer data)
{
  Member *member = data;

  g_clear_object (&member->info);
  g_clear_pointer (&member->order, g_array_unref);
  g_free (member);
}

struct _CvgPrCurveCard
{
  GtkWidget   parent_instance;

  GtkWidget  *chart;
  GtkGrid    *legend;
  GPtrArray  *members;     /* Member, in the order added */
  GPtrArray  *drawn;       /* Member, borrowed: the chart's lines */
  gboolean    show_earlier;
  gboolean    syncing;     /* setting the sliders, not the user */
};

G_DEFINE_FINAL_TYPE (CvgPrCurveCard, cvg_pr_curve_card, GTK_TYPE_WIDGET)

static int
compare_by_step (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  CvgSeries *series = user_data;
  gsize ia = *(const gsize *) a;
  gsize ib = *(const gsize *) b;
  gint64 sa = cvg_series_get_step (series, ia);
  gint64 sb = cvg_series_get_step (series, ib);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/* The steps TensorBoard's purge rules keep, by step; the slider stays at
 * the end when it was there. */
static void
load_order (Member *member)
{
  g_autoptr(GArray) kept = cvg_series_get_purged_indices (member->series);
  gboolean at_end = member->order->len == 0 || member->position + 1 >= member->order->len;

  g_array_set_size (member->order, 0);
  for (guint i = 0; i < kept->len; i++)
    {
      gsize index = g_array_index (kept, guint, i);

      g_array_append_val (member->order, index);
    }
  g_array_sort_with_data (member->order, compare_by_step, member->series);
  if (at_end || member->position >= member->order->len)
    member->position = member->order->len > 0 ? member->order->len - 1 : 0;
  member->generation = cvg_series_get_generation (member->series);
}

static CvgPrCurve *
member_curve (Member *member,
              guint   position)
{
  const CvgTensorValue *tensor;

  if (position >= member->order->len)
    return NULL;
  tensor = cvg_series_get_tensor (member->series, g_array_index (member->order, gsize, position));
  return tensor != NULL ? cvg_pr_curve_new_from_tensor (tensor, NULL) : NULL;
}

static void
set_step_label (Member *member)
{
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  if (member->order->len == 0)
    return;
  number = g_strdup_printf ("%" G_GINT64_FORMAT,
                            cvg_series_get_step (member->series, g_array_index (member->order, gsize, member->position)));
  text = g_strdup_printf (_("Step %s"), number);
  gtk_label_set_text (GTK_LABEL (member->step), text);
}

/* The chart's lines from each visible run's chosen step; the legend's
 * average precision beside them. */
static void
rebuild_lines (CvgPrCurveCard *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_pr_chart_line_free);

  g_ptr_array_set_size (self->drawn, 0);
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);
      CvgPrCurve *curve;
      CvgPrChartLine *line;
      g_autofree char *ap = NULL;
      g_autofree char *ap_text = NULL;

      if (!cvg_run_info_get_visible (member->info))
        continue;
      set_step_label (member);
      curve = member_curve (member, member->position);
      if (curve == NULL)
        {
          /* TRANSLATORS: a PR curve whose tensor is not [6, T] */
          gtk_label_set_text (GTK_LABEL (member->ap), _("Unreadable"));
          continue;
        }
      /* Fixed decimals: runs near 1 still differ in the legend. */
      ap = g_strdup_printf ("%.3f", cvg_pr_curve_get_average_precision (curve));
      /* TRANSLATORS: AP is the average precision, the area under the curve */
      ap_text = g_strdup_printf (_("AP %s"), ap);
      gtk_label_set_text (GTK_LABEL (member->ap), ap_text);
      line = cvg_pr_chart_line_new (cvg_run_info_get_name (member->info), cvg_run_info_get_color (member->info), curve);
      for (guint e = 0; self->show_earlier && e < MIN (member->position, MAX_EARLIER); e++)
        {
          guint k = (guint) ((guint64) e * member->position / MIN (member->position, MAX_EARLIER));
          CvgPrCurve *earlier = member_curve (member, k);

          if (earlier != NULL)
            g_ptr_array_add (line->earlier, earlier);
        }
      g_ptr_array_add (lines, line);
      g_ptr_array_add (self->drawn, member);
    }
  cvg_pr_curve_chart_set_lines (CVG_PR_CURVE_CHART (self->chart), lines);
}

static void
value_changed_cb (GtkRange       *range,
                  CvgPrCurveCard *self)
{
  guint position = (guint) CLAMP (gtk_range_get_value (range) + 0.5, 0, G_MAXUINT);

  if (self->syncing)
    return;
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);

      if (member->scale != GTK_WIDGET (range) || member->position == position || member->order->len == 0)
        continue;
      member->position = MIN (position, member->order->len - 1);
      rebuild_lines (self);
    }
}

static void
sync_slider (CvgPrCurveCard *self,
             Member         *member)
{
  guint last = member->order->len > 0 ? member->order->len - 1 : 0;

  self->syncing = TRUE;
  gtk_range_set_range (GTK_RANGE (member->scale), 0, MAX (last, 1));
  gtk_range_set_value (GTK_RANGE (member->scale), member->position);
  gtk_widget_set_sensitive (member->scale, last > 0);
  self->syncing = FALSE;
}

void
cvg_pr_curve_card_sync (CvgPrCurveCard *self)
{
  g_return_if_fail (CVG_IS_PR_CURVE_CARD (self));

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);
      gboolean visible = cvg_run_info_get_visible (member->info);

      gtk_widget_set_visible (member->swatch, visible);
      gtk_widget_set_visible (member->name, visible);
      gtk_widget_set_visible (member->ap, visible);
      gtk_widget_set_visible (member->scale, visible);
      gtk_widget_set_visible (member->step, visible);
      cvg_run_swatch_set_color (CVG_RUN_SWATCH (member->swatch), cvg_run_info_get_color (member->info));
    }
  rebuild_lines (self);
}

void
cvg_pr_curve_card_update (CvgPrCurveCard *self)
{
  g_return_if_fail (CVG_IS_PR_CURVE_CARD (self));

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);

      if (member->generation == cvg_series_get_generation (member->series))
        continue;
      load_order (member);
      sync_slider (self, member);
    }
  rebuild_lines (self);
}

void
cvg_pr_curve_card_add_run (CvgPrCurveCard *self,
                           CvgRunInfo     *info,
                           CvgSeries      *series)
{
  Member *member;
  int row;

  g_return_if_fail (CVG_IS_PR_CURVE_CARD (self));
  g_return_if_fail (CVG_IS_RUN_INFO (info));

  member = g_new0 (Member, 1);
  member->info = g_object_ref (info);
  member->series = series;
  member->order = g_array_new (FALSE, FALSE, sizeof (gsize));
  load_order (member);

  member->swatch = g_object_new (CVG_TYPE_RUN_SWATCH, "valign", GTK_ALIGN_CENTER, NULL);
  member->name = gtk_label_new (cvg_run_info_get_name (info));
  gtk_label_set_ellipsize (GTK_LABEL (member->name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (member->name), 0);
  gtk_label_set_width_chars (GTK_LABEL (member->name), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (member->name), 24);
  gtk_widget_set_tooltip_text (member->name, cvg_run_info_get_name (info));
  member->ap = gtk_label_new (NULL);
  gtk_widget_add_css_class (member->ap, "numeric");
  member->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 1);
  gtk_scale_set_draw_value (GTK_SCALE (member->scale), FALSE);
  gtk_widget_set_hexpand (member->scale, TRUE);
  gtk_widget_set_size_request (member->scale, 80, -1);
  gtk_widget_set_tooltip_text (member->scale, _("Step shown for this run"));
  member->step = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (member->step), 1);
  gtk_widget_add_css_class (member->step, "dim-label");
  gtk_widget_add_css_class (member->step, "numeric");
  g_signal_connect (member->scale, "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect_object (info, "notify::color", G_CALLBACK (cvg_pr_curve_card_sync), self, G_CONNECT_SWAPPED);

  row = (int) self->members->len;
  gtk_grid_attach (self->legend, member->swatch, 0, row, 1, 1);
  gtk_grid_attach (self->legend, member->name, 1, row, 1, 1);
  gtk_grid_attach (self->legend, member->ap, 2, row, 1, 1);
  gtk_grid_attach (self->legend, member->scale, 3, row, 1, 1);
  gtk_grid_attach (self->legend, member->step, 4, row, 1, 1);
  g_ptr_array_add (self->members, member);
  sync_slider (self, member);
  cvg_pr_curve_card_sync (self);
}

void
cvg_pr_curve_card_set_show_earlier (CvgPrCurveCard *self,
                                    gboolean        show_earlier)
{
  g_return_if_fail (CVG_IS_PR_CURVE_CARD (self));

  if (self->show_earlier == !!show_earlier)
    return;
  self->show_earlier = !!show_earlier;
  cvg_pr_curve_chart_set_show_earlier (CVG_PR_CURVE_CHART (self->chart), show_earlier);
  rebuild_lines (self);
}

CvgPrCurveChart *
cvg_pr_curve_card_get_chart (CvgPrCurveCard *self)
{
  g_return_val_if_fail (CVG_IS_PR_CURVE_CARD (self), NULL);

  return CVG_PR_CURVE_CHART (self->chart);
}

guint
cvg_pr_curve_card_get_n_lines (CvgPrCurveCard *self)
{
  g_return_val_if_fail (CVG_IS_PR_CURVE_CARD (self), 0);

  return self->drawn->len;
}

static Member *
lookup_member (CvgPrCurveCard *self,
               const char     *run)
{
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);

      if (g_strcmp0 (cvg_run_info_get_name (member->info), run) == 0)
        return member;
    }
  return NULL;
}

GtkRange *
cvg_pr_curve_card_get_slider (CvgPrCurveCard *self,
                              const char     *run)
{
  Member *member;

  g_return_val_if_fail (CVG_IS_PR_CURVE_CARD (self), NULL);

  member = lookup_member (self, run);
  return member != NULL ? GTK_RANGE (member->scale) : NULL;
}

gsize
cvg_pr_curve_card_get_point (CvgPrCurveCard *self,
                             const char     *run)
{
  Member *member;

  g_return_val_if_fail (CVG_IS_PR_CURVE_CARD (self), 0);

  member = lookup_member (self, run);
  g_return_val_if_fail (member != NULL && member->order->len > 0, 0);
  return g_array_index (member->order, gsize, member->position);
}

static void
cvg_pr_curve_card_dispose (GObject *object)
{
  CvgPrCurveCard *self = CVG_PR_CURVE_CARD (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->drawn, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_pr_curve_card_parent_class)->dispose (object);
}

static void
cvg_pr_curve_card_class_init (CvgPrCurveCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_pr_curve_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pr-curve-card");
}

static void
cvg_pr_curve_card_init (CvgPrCurveCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  self->members = g_ptr_array_new_with_free_func (member_free);
  self->drawn = g_ptr_array_new ();
}

GtkWidget *
cvg_pr_curve_card_new (const char *tag)
{
  CvgPrCurveCard *self = g_object_new (CVG_TYPE_PR_CURVE_CARD, NULL);
  GtkWidget *title = gtk_label_new (tag);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_end (title, 12);
  gtk_widget_set_margin_top (title, 8);
  gtk_widget_set_parent (title, GTK_WIDGET (self));

  self->chart = cvg_pr_curve_chart_new ();
  gtk_widget_set_margin_start (self->chart, 6);
  gtk_widget_set_margin_end (self->chart, 6);
  gtk_widget_set_parent (self->chart, GTK_WIDGET (self));

  self->legend = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->legend, 8);
  gtk_grid_set_row_spacing (self->legend, 2);
  gtk_widget_set_margin_start (GTK_WIDGET (self->legend), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->legend), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->legend), 10);
  gtk_widget_set_parent (GTK_WIDGET (self->legend), GTK_WIDGET (self));
  return GTK_WIDGET (self);
}
