/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-custom-chart-card"

#include "config.h"

#include "cvg-custom-chart-card.h"

#include <glib/gi18n.h>

#include "cvg-custom-layout.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

struct _CvgCustomChartCard
{
  GtkWidget           parent_instance;

  char               *title;
  CvgLayoutChartKind  kind;
  GRegex             *regex;       /* multiline; NULL when invalid */
  char               *regex_error;
  GPtrArray          *margins;     /* char *: value, lower, upper, … */
  GtkWidget          *card;
  GtkWidget          *notice;
  GtkWidget          *footer;
};

G_DEFINE_FINAL_TYPE (CvgCustomChartCard, cvg_custom_chart_card, GTK_TYPE_WIDGET)

static CvgMarker
marker_for (guint index)
{
  return CVG_MARKER_CIRCLE + index % (CVG_N_MARKERS - CVG_MARKER_CIRCLE);
}

static void
color_of (CvgRunInfo *info,
          GdkRGBA    *color)
{
  if (!gdk_rgba_parse (color, cvg_run_info_get_color (info)))
    *color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
}

static gboolean
has_points (CvgSeries *series)
{
  return series != NULL && cvg_series_get_length (series) > 0;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return cvg_tag_compare (*(const char * const *) a, *(const char * const *) b);
}

/* The matching tags of every visible run, in tag order: each keeps its
 * marker on every run. */
static void
add_multiline (CvgCustomChartCard *self,
               GListModel         *runs,
               GPtrArray          *lines)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_runs = g_list_model_get_n_items (runs);

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (info));

      for (guint j = 0; cvg_run_info_get_visible (info) && j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);
          const char *tag = cvg_series_get_tag (s);

          if (cvg_series_get_kind (s) == CVG_KIND_SCALAR && has_points (s) && !g_hash_table_contains (seen, tag) &&
              cvg_layout_tag_matches (self->regex, tag))
            {
              g_hash_table_add (seen, (gpointer) tag);
              g_ptr_array_add (tags, (gpointer) tag);
            }
        }
    }
  g_ptr_array_sort (tags, compare_tags);
  for (guint t = 0; t < tags->len; t++)
    for (guint i = 0; i < n_runs; i++)
      {
        g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
        CvgRun *run = cvg_run_info_get_run (info);
        const char *tag = g_ptr_array_index (tags, t);
        g_autofree char *label = NULL;
        CvgPlotLine *line;
        GdkRGBA color;

        if (!cvg_run_info_get_visible (info) || !has_points (cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag)))
          continue;
        /* TensorBoard's series name. */
        label = g_strdup_printf ("%s (%s)", tag, cvg_run_info_get_name (info));
        color_of (info, &color);
        line = cvg_plot_line_new_series (label, &color, run, tag);
        cvg_plot_line_set_marker (line, marker_for (t));
        g_ptr_array_add (lines, line);
      }
}

static void
add_margin_run (CvgRunInfo  *info,
                const char **tags,
                guint        index,
                GPtrArray   *lines,
                GString     *notice)
{
  CvgRun *run = cvg_run_info_get_run (info);
  CvgSeries *series[3];
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *mismatch = NULL;
  g_autofree char *label = NULL;
  CvgPlotLine *line;
  GdkRGBA color;
  guint n_found = 0;

  for (guint k = 0; k < 3; k++)
    {
      series[k] = cvg_run_lookup_series (run, CVG_KIND_SCALAR, tags[k]);
      if (has_points (series[k]))
        n_found++;
      else
        g_string_append_printf (missing, "%s“%s”", missing->len > 0 ? ", " : "", tags[k]);
    }
  /* A run without any of them simply has no such series. */
  if (n_found == 0)
    return;
  if (n_found < 3)
    {
      g_string_append_c (notice, '\n');
      g_string_append_printf (notice, _("Run “%s” lacks the tags %s"), cvg_run_info_get_name (info), missing->str);
      return;
    }
  mismatch = cvg_layout_check_margin_steps (series[0], series[1], series[2]);
  if (mismatch != NULL)
    {
      g_string_append_c (notice, '\n');
      g_string_append_printf (notice, _("Run “%s”: %s"), cvg_run_info_get_name (info), mismatch);
      return;
    }
  label = g_strdup_printf ("%s (%s)", tags[0], cvg_run_info_get_name (info));
  color_of (info, &color);
  line = cvg_plot_line_new_series (label, &color, run, tags[0]);
  cvg_plot_line_set_band_tags (line, tags[1], tags[2]);
  cvg_plot_line_set_marker (line, marker_for (index));
  g_ptr_array_add (lines, line);
}

static void
add_margins (CvgCustomChartCard *self,
             GListModel         *runs,
             GPtrArray          *lines,
             GString            *notice)
{
  for (guint m = 0; m + 2 < self->margins->len; m += 3)
    for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
      {
        g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

        if (cvg_run_info_get_visible (info))
          add_margin_run (info, (const char **) &self->margins->pdata[m], m / 3, lines, notice);
      }
}

void
cvg_custom_chart_card_set_runs (CvgCustomChartCard *self,
                                GListModel         *runs)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
  g_autoptr(GString) notice = g_string_new (NULL);

  g_return_if_fail (CVG_IS_CUSTOM_CHART_CARD (self));
  g_return_if_fail (G_IS_LIST_MODEL (runs));

  if (self->kind == CVG_LAYOUT_CHART_MULTILINE && self->regex != NULL)
    add_multiline (self, runs, lines);
  else if (self->kind == CVG_LAYOUT_CHART_MULTILINE)
    g_string_append_printf (notice, "\n%s", self->regex_error);
  else if (self->kind == CVG_LAYOUT_CHART_MARGIN)
    add_margins (self, runs, lines, notice);
  else
    g_string_append_printf (notice, "\n%s", _("This chart of the layout is neither a multiline nor a margin chart"));
  if (lines->len == 0 && notice->len == 0)
    g_string_append_printf (notice, "\n%s", _("No run has scalars for this chart"));

  cvg_scalar_card_set_lines (CVG_SCALAR_CARD (self->card), self->title, lines);
  /* Past the leading newline. */
  gtk_label_set_text (GTK_LABEL (self->notice), notice->len > 0 ? notice->str + 1 : "");
  gtk_widget_set_visible (self->notice, notice->len > 0);
}

void
cvg_custom_chart_card_reload (CvgCustomChartCard *self)
{
  g_return_if_fail (CVG_IS_CUSTOM_CHART_CARD (self));

  cvg_scalar_chart_reload (cvg_scalar_card_get_chart (CVG_SCALAR_CARD (self->card)));
}

const char *
cvg_custom_chart_card_get_title (CvgCustomChartCard *self)
{
  g_return_val_if_fail (CVG_IS_CUSTOM_CHART_CARD (self), NULL);

  return self->title;
}

CvgScalarCard *
cvg_custom_chart_card_get_card (CvgCustomChartCard *self)
{
  g_return_val_if_fail (CVG_IS_CUSTOM_CHART_CARD (self), NULL);

  return CVG_SCALAR_CARD (self->card);
}

const char *
cvg_custom_chart_card_get_notice (CvgCustomChartCard *self)
{
  g_return_val_if_fail (CVG_IS_CUSTOM_CHART_CARD (self), NULL);

  return gtk_widget_get_visible (self->notice) ? gtk_label_get_text (GTK_LABEL (self->notice)) : NULL;
}

void
cvg_custom_chart_card_add_button (CvgCustomChartCard *self,
                                  GtkWidget          *button)
{
  g_return_if_fail (CVG_IS_CUSTOM_CHART_CARD (self));

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (self->footer), button);
}

static void
cvg_custom_chart_card_dispose (GObject *object)
{
  CvgCustomChartCard *self = CVG_CUSTOM_CHART_CARD (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_pointer (&self->margins, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_custom_chart_card_parent_class)->dispose (object);
}

static void
cvg_custom_chart_card_finalize (GObject *object)
{
  CvgCustomChartCard *self = CVG_CUSTOM_CHART_CARD (object);

  g_free (self->title);
  g_free (self->regex_error);

  G_OBJECT_CLASS (cvg_custom_chart_card_parent_class)->finalize (object);
}

static void
cvg_custom_chart_card_class_init (CvgCustomChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_custom_chart_card_dispose;
  object_class->finalize = cvg_custom_chart_card_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "custom-chart-card");
}

static void
cvg_custom_chart_card_init (CvgCustomChartCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  self->margins = g_ptr_array_new_with_free_func (g_free);
  self->card = cvg_scalar_card_new ();
  gtk_widget_set_parent (self->card, GTK_WIDGET (self));
  self->footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->notice = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->notice), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_label_set_selectable (GTK_LABEL (self->notice), TRUE);
  gtk_widget_set_hexpand (self->notice, TRUE);
  gtk_widget_add_css_class (self->notice, "warning");
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_append (GTK_BOX (self->footer), self->notice);
  gtk_widget_set_margin_start (self->footer, 6);
  gtk_widget_set_margin_end (self->footer, 6);
  gtk_widget_set_parent (self->footer, GTK_WIDGET (self));
}

GtkWidget *
cvg_custom_chart_card_new (const CvgLayoutChart *chart)
{
  CvgCustomChartCard *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (chart != NULL, NULL);

  self = g_object_new (CVG_TYPE_CUSTOM_CHART_CARD, NULL);
  /* TensorBoard shows a chart without a title as "untitled". */
  self->title = g_strdup (chart->title[0] != '\0' ? chart->title : _("untitled"));
  self->kind = chart->kind;
  if (chart->kind == CVG_LAYOUT_CHART_MULTILINE)
    {
      self->regex = cvg_layout_compile_tags (chart->tags, &error);
      if (self->regex == NULL)
        self->regex_error = g_strdup_printf (_("The chart's tag expressions are not valid: %s"), error->message);
    }
  for (guint i = 0; i < chart->margins->len; i++)
    {
      const CvgLayoutMargin *m = g_ptr_array_index (chart->margins, i);

      g_ptr_array_add (self->margins, g_strdup (m->value));
      g_ptr_array_add (self->margins, g_strdup (m->lower));
      g_ptr_array_add (self->margins, g_strdup (m->upper));
    }
  return GTK_WIDGET (self);
}
