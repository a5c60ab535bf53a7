/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-card"

#include "config.h"

#include "cvg-scalar-card.h"

#include <adwaita.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-scalar-export.h"
#include "cvg-series.h"

/* Pictures are saved at twice the on-screen size, for print and HiDPI. */
#define PNG_SCALE 2
#define DEFAULT_WIDTH 640
#define DEFAULT_HEIGHT 400

typedef enum
{
  SAVE_CSV,
  SAVE_JSON,
  SAVE_PNG,
  SAVE_SVG,
} SaveKind;

struct _CvgScalarCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *title_label;
  CvgScalarChart *chart;

  GListModel     *runs;
};

G_DEFINE_FINAL_TYPE (CvgScalarCard, cvg_scalar_card, GTK_TYPE_WIDGET)

/* The purged series of this card's tag for each visible run, in the
 * runs' order. */
static void
append_runs (CvgScalarCard   *self,
             CvgScalarExport *writer)
{
  const char *tag = cvg_scalar_card_get_tag (self);

  for (guint i = 0; self->runs != NULL && i < g_list_model_get_n_items (self->runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);
      CvgSeries *series;

      if (!cvg_run_info_get_visible (info))
        continue;
      series = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_SCALAR, tag);
      if (series == NULL || cvg_series_get_length (series) == 0)
        continue;

      cvg_scalar_export_begin_run (writer, cvg_run_info_get_name (info));
      cvg_scalar_export_add_series (writer, series, FALSE);
    }
}

/* The series of the chart's lines of set_lines, under their runs' names:
 * a band's tags too, so that the file holds what the chart draws. */
static void
append_plot_lines (GPtrArray       *lines,
                   CvgScalarExport *writer)
{
  CvgRun *last = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      CvgPlotLine *line = g_ptr_array_index (lines, i);
      CvgRun *run = cvg_plot_line_get_run (line);
      const char *tags[] = {
        cvg_plot_line_get_tag (line),
        cvg_plot_line_get_lower_tag (line),
        cvg_plot_line_get_upper_tag (line),
      };

      if (run == NULL)
        continue;
      /* Consecutive lines of one run (a multiline chart) share its entry. */
      if (run != last)
        cvg_scalar_export_begin_run (writer, cvg_run_get_name (run));
      last = run;
      for (guint t = 0; t < G_N_ELEMENTS (tags) && tags[t] != NULL; t++)
        {
          CvgSeries *series = cvg_run_lookup_series (run, CVG_KIND_SCALAR, tags[t]);

          if (series != NULL && cvg_series_get_length (series) > 0)
            cvg_scalar_export_add_series (writer, series, FALSE);
        }
    }
}

/* A grouped chart's lines as the group CSV (as `converge --export csv
 * --group` writes it): TRUE if it had any. */
static gboolean
append_group_rows (CvgScalarCard *self,
                   GString       *out)
{
  GPtrArray *lines = cvg_scalar_chart_get_lines (self->chart);
  gboolean any = FALSE;

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      CvgPlotLine *line = g_ptr_array_index (lines, i);
      const double *xs, *values, *lower, *upper;
      const guint *counts;
      gsize n;

      if (cvg_plot_line_get_run (line) != NULL)
        continue;
      cvg_plot_line_get_points (line, &n, &xs, &values, &lower, &upper, &counts);
      if (lower == NULL || counts == NULL)
        continue;
      if (!any)
        g_string_append (out, CVG_SCALAR_EXPORT_GROUP_CSV_HEADER);
      any = TRUE;
      cvg_scalar_export_append_group_csv (out, cvg_plot_line_get_label (line), cvg_scalar_card_get_tag (self),
                                          n, xs, values, lower, upper, counts);
    }
  return any;
}

static void
show_error (CvgScalarCard *self,
            const char    *heading,
            const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CvgScalarCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    show_error (self, _("Could Not Export Data"), error->message);
}

static void
export_data (CvgScalarCard     *self,
             GFile             *file,
             CvgCardDataFormat  format)
{
  g_autoptr(GBytes) bytes = cvg_scalar_card_export_data (self, format);

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, replace_contents_cb, g_object_ref (self));
}

/* The chart as on screen, drawn again onto a PNG or SVG surface. */
static void
save_picture (CvgScalarCard *self,
              GFile         *file,
              gboolean       svg)
{
  g_autofree char *path = g_file_get_path (file);
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart));
  int height = gtk_widget_get_height (GTK_WIDGET (self->chart));
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (path == NULL)
    {
      show_error (self, _("Could Not Save Picture"), _("Only local files can be written."));
      return;
    }
  if (width <= 0 || height <= 0)
    {
      width = DEFAULT_WIDTH;
      height = DEFAULT_HEIGHT;
    }

  if (svg)
    surface = cairo_svg_surface_create (path, width, height);
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * PNG_SCALE, height * PNG_SCALE);
      cairo_surface_set_device_scale (surface, PNG_SCALE, PNG_SCALE);
    }
  cr = cairo_create (surface);
  cvg_scalar_chart_render (self->chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && !svg)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    show_error (self, _("Could Not Save Picture"), cairo_status_to_string (status));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  CvgScalarCard   *self)
{
  SaveKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "save-kind"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      switch (kind)
        {
        case SAVE_CSV:
          export_data (self, file, CVG_CARD_DATA_CSV);
          break;
        case SAVE_JSON:
          export_data (self, file, CVG_CARD_DATA_JSON);
          break;
        case SAVE_PNG:
        case SAVE_SVG:
          save_picture (self, file, kind == SAVE_SVG);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_file (CvgScalarCard *self,
             SaveKind       kind)
{
  static const char *extensions[] = { "csv", "json", "png", "svg" };
  const char *titles[] = { _("Export Data as CSV"), _("Export Data as JSON"),
                           _("Save as PNG"), _("Save as SVG") };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *base = g_strdelimit (g_strdup (cvg_scalar_card_get_tag (self)), "/\\:", '_');
  g_autofree char *name = g_strdup_printf ("%s.%s", base, extensions[kind]);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (titles[kind],
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "save-kind", GINT_TO_POINTER (kind));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  static const char *actions[] = { "card.export-csv", "card.export-json", "card.save-png", "card.save-svg" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action_name, actions[i]))
      choose_file (CVG_SCALAR_CARD (widget), i);
}

static void
cvg_scalar_card_dispose (GObject *object)
{
  CvgScalarCard *self = CVG_SCALAR_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_SCALAR_CARD);
  g_clear_object (&self->runs);

  G_OBJECT_CLASS (cvg_scalar_card_parent_class)->dispose (object);
}

static void
cvg_scalar_card_class_init (CvgScalarCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_scalar_card_dispose;

  g_type_ensure (CVG_TYPE_SCALAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/converge/Converge/ui/cvg-scalar-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CvgScalarCard, box);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarCard, chart);

  gtk_widget_class_install_action (widget_class, "card.export-csv", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "card.export-json", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "card.save-png", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "card.save-svg", NULL, save_action_cb);

  gtk_widget_class_set_css_name (widget_class, "scalar-card");
}

static void
cvg_scalar_card_init (CvgScalarCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cvg_scalar_card_new (void)
{
  return g_object_new (CVG_TYPE_SCALAR_CARD, NULL);
}

void
cvg_scalar_card_set_data (CvgScalarCard *self,
                          const char    *tag,
                          GListModel    *runs)
{
  g_return_if_fail (CVG_IS_SCALAR_CARD (self));

  g_set_object (&self->runs, runs);
  gtk_label_set_text (self->title_label, tag);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), tag);
  cvg_scalar_chart_set_data (self->chart, tag, runs);
}

void
cvg_scalar_card_set_lines (CvgScalarCard *self,
                           const char    *title,
                           GPtrArray     *lines)
{
  g_return_if_fail (CVG_IS_SCALAR_CARD (self));

  g_clear_object (&self->runs);
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);
  cvg_scalar_chart_set_lines (self->chart, title, lines);
}

const char *
cvg_scalar_card_get_tag (CvgScalarCard *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CARD (self), NULL);

  return cvg_scalar_chart_get_tag (self->chart);
}

CvgScalarChart *
cvg_scalar_card_get_chart (CvgScalarCard *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CARD (self), NULL);

  return self->chart;
}

GBytes *
cvg_scalar_card_export_data (CvgScalarCard     *self,
                             CvgCardDataFormat  format)
{
  GString *out;
  g_autoptr(CvgScalarExport) writer = NULL;

  g_return_val_if_fail (CVG_IS_SCALAR_CARD (self), NULL);

  out = g_string_new (NULL);
  if (format == CVG_CARD_DATA_CSV && append_group_rows (self, out))
    return g_string_free_to_bytes (out);
  writer = cvg_scalar_export_new (format == CVG_CARD_DATA_CSV ? CVG_SCALAR_EXPORT_CSV : CVG_SCALAR_EXPORT_JSON,
                                  out);
  if (cvg_scalar_chart_get_lines (self->chart) != NULL)
    append_plot_lines (cvg_scalar_chart_get_lines (self->chart), writer);
  else
    append_runs (self, writer);
  cvg_scalar_export_finish (writer);
  return g_string_free_to_bytes (out);
}
