/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-hparams-page"

#include "config.h"

#include "cvg-hparams-page.h"

#include "cvg-page.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-hparams-axes.h"
#include "cvg-hparams-export.h"
#include "cvg-hparams-resources.h"
#include "cvg-parallel-coords.h"
#include "cvg-run-swatch.h"
#include "cvg-scatter-matrix.h"
#include "cvg-run.h"
#include "cvg-runs-row.h"
#include "cvg-scalar-export.h"

#define MISSING_COLOR "#9a9996"

/* Runs copied for a refresh per main-loop turn. */
#define COPY_BATCH 500

/* How often a shown page looks whether the runs grew. */
#define LIVE_INTERVAL_MS 1000
#define RUN_COLUMN_WIDTH 240

typedef enum
{
  COLUMN_RUN,
  COLUMN_STATUS,
  COLUMN_HPARAM,
  COLUMN_SCALAR,
} ColumnKind;

typedef struct
{
  CvgHparamsPage   *page;     /* unowned: the page owns the columns */
  ColumnKind        kind;
  guint             index;    /* hparam column or tag */
  CvgRunsTableStat  stat;
} ColumnSpec;

enum
{
  SHOW_LAST,
  SHOW_MIN,
  SHOW_MAX,
  SHOW_ALL,
};

struct _CvgHparamsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *root_box;
  GtkDropDown       *stat_drop;
  GtkDropDown       *color_drop;
  GtkStringList     *color_choices;
  GtkWidget         *color_drop_box;
  GtkWidget         *color_legend;
  GtkLabel          *legend_low;
  GtkLabel          *legend_high;
  GtkDrawingArea    *legend_gradient;
  GtkToggleButton   *differences_button;
  GtkToggleButton   *only_selected_button;
  GtkLabel          *count_label;
  GtkEditable       *filter_entry;
  GtkColumnView     *column_view;
  GtkBox            *columns_box;
  GHashTable        *hidden;       /* column_key () of the columns hidden */
  CvgParallelCoords *parallel;
  CvgScatterMatrix  *scatter;
  GtkWidget         *views;
  GtkWidget         *views_switcher;

  GListModel        *runs;         /* of CvgRunInfo */
  GListStore        *rows;         /* of CvgRunsRow */
  GtkCustomFilter   *brush_filter;
  GtkCustomFilter   *text_filter;
  CvgRowFilter      *row_filter;   /* what the filter entry says, or NULL */
  GtkSortListModel  *sorted;
  GtkMultiSelection *selection;
  CvgHparams        *hparams;
  CvgHparamsAxes    *axes;         /* of hparams */
  GPtrArray         *tags;         /* char *, the scalar tags */
  char              *signature;    /* of the columns shown */
  guint64            n_records;    /* read when the rows were made */
  CvgRunsRow        *probes[2];    /* compare as first < second in every column */
  gboolean           descending;   /* the column view sorts its first column down */
  guint              live_id;
  GCancellable      *cancellable;  /* of the refresh running, or NULL */
  GPtrArray         *refreshing;   /* CvgRun, the runs it copies */
  GPtrArray         *copying;      /* CvgRun, their copies made so far */
  guint              copy_id;      /* copies the next batch */
  GHashTable        *copies;       /* CvgRun → its last frozen copy */
};

static void
cvg_hparams_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_hparams_page_set_runs;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgHparamsPage, cvg_hparams_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_hparams_page_iface_init))

/* Cells. */

static CvgRunsRow *
row_at (CvgHparamsPage *self,
        guint           position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
}

static const char *
status_text (const CvgSession *session)
{
  if (session == NULL)
    return "";
  switch (session->status)
    {
    case CVG_SESSION_STATUS_SUCCESS: return _("Success");
    case CVG_SESSION_STATUS_FAILURE: return _("Failure");
    case CVG_SESSION_STATUS_RUNNING: return _("Running");
    default: return session->has_end ? _("Unknown") : _("No End");
    }
}

static char *
format_scalar (double   value,
               gboolean is_double)
{
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  cvg_scalar_export_format_value (buffer, value, is_double);
  return g_strdup (buffer);
}

static char *
cell_text (const ColumnSpec *spec,
           CvgRunsRow       *row)
{
  const CvgSession *session = cvg_runs_row_get_session (row);
  const CvgScalarSummary *summary;

  switch (spec->kind)
    {
    case COLUMN_RUN:
      return g_strdup (cvg_run_info_get_name (cvg_runs_row_get_info (row)));
    case COLUMN_STATUS:
      return g_strdup (status_text (session));
    case COLUMN_HPARAM:
      return session != NULL ? cvg_hparams_format_value (&session->values[spec->index]) : g_strdup ("");
    case COLUMN_SCALAR:
    default:
      summary = cvg_runs_row_get_summary (row, spec->index);
      if (summary == NULL)
        return g_strdup ("");
      return format_scalar (summary->value[spec->stat], summary->is_double);
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnSpec               *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Values are shown whole; names may be cut (their tooltip is whole). */
  if (spec->kind == COLUMN_RUN)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), spec->kind == COLUMN_SCALAR || spec->kind == COLUMN_HPARAM ? 1 : 0);
  if (spec->kind == COLUMN_SCALAR)
    gtk_widget_add_css_class (label, "numeric");
  if (spec->kind == COLUMN_RUN)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (box), g_object_new (CVG_TYPE_RUN_SWATCH, "valign", GTK_ALIGN_CENTER, NULL));
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
      return;
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnSpec               *spec)
{
  CvgRunsRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (spec, row);
  g_autofree char *tooltip = NULL;
  const CvgScalarSummary *summary;

  if (spec->kind == COLUMN_RUN)
    {
      cvg_run_swatch_set_color (CVG_RUN_SWATCH (gtk_widget_get_first_child (child)),
                                cvg_run_info_get_color (cvg_runs_row_get_info (row)));
      child = gtk_widget_get_last_child (child);
    }
  /* Set as plain text: names and values come from the logs. */
  gtk_label_set_text (GTK_LABEL (child), text);
  if (spec->kind == COLUMN_SCALAR && (summary = cvg_runs_row_get_summary (row, spec->index)) != NULL)
    {
      /* The numbers first, so that the message is one whole string. */
      g_autofree char *step = g_strdup_printf ("%" G_GINT64_FORMAT, summary->step[spec->stat]);
      g_autofree char *points = g_strdup_printf ("%" G_GSIZE_FORMAT, summary->n_points);

      tooltip = g_strdup_printf (_("Step %s, %s points"), step, points);
    }
  else if (text[0] != '\0')
    tooltip = g_strdup (text);
  gtk_widget_set_tooltip_text (child, tooltip);
}

/* Sorting: numbers by value, the rest by collation; missing last. */

static double
sort_number (const ColumnSpec *spec,
             CvgRunsRow       *row,
             gboolean         *found)
{
  const CvgSession *session = cvg_runs_row_get_session (row);
  const CvgScalarSummary *summary;

  *found = FALSE;
  if (spec->kind == COLUMN_SCALAR && (summary = cvg_runs_row_get_summary (row, spec->index)) != NULL)
    {
      *found = TRUE;
      return summary->value[spec->stat];
    }
  if (spec->kind == COLUMN_HPARAM && session != NULL &&
      (session->values[spec->index].type == CVG_HPARAM_NUMBER || session->values[spec->index].type == CVG_HPARAM_BOOL))
    {
      *found = TRUE;
      return session->values[spec->index].number;
    }
  return NAN;
}

/* GTK 4.8 does not say which way the column view sorts, and negates
 * what a column's sorter returns to sort down; missing cells stay last
 * when the page, told the direction by its probes, negates first. */
static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const ColumnSpec *spec = user_data;
  CvgRunsRow *row_a = CVG_RUNS_ROW ((gpointer) a);
  CvgRunsRow *row_b = CVG_RUNS_ROW ((gpointer) b);
  gboolean descending = spec->page->descending;
  gboolean found_a, found_b;
  double na, nb;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (row_a == spec->page->probes[0] || row_a == spec->page->probes[1])
    return row_a == row_b ? 0 : row_a == spec->page->probes[0] ? -1 : 1;
  na = sort_number (spec, row_a, &found_a);
  nb = sort_number (spec, row_b, &found_b);
  if (found_a || found_b || spec->kind == COLUMN_SCALAR)
    return descending ? -cvg_runs_table_compare_numbers (na, found_a, nb, found_b, TRUE)
                      : cvg_runs_table_compare_numbers (na, found_a, nb, found_b, FALSE);
  ta = cell_text (spec, row_a);
  tb = cell_text (spec, row_b);
  return g_utf8_collate (ta, tb);
}

static void
sorter_changed_cb (CvgHparamsPage *self,
                   GtkSorterChange change,
                   GtkSorter      *sorter)
{
  /* Columns go away after the probes when the page is disposed. */
  if (self->probes[0] != NULL)
    self->descending = gtk_sorter_compare (sorter, self->probes[0], self->probes[1]) == GTK_ORDERING_LARGER;
}

/* Columns. */

static GtkColumnViewColumn *
add_column (CvgHparamsPage   *self,
            const char       *title,
            ColumnKind        kind,
            guint             index,
            CvgRunsTableStat  stat)
{
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  spec->page = self;
  spec->kind = kind;
  spec->index = index;
  spec->stat = stat;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), spec);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), spec);
  column = gtk_column_view_column_new (title, factory);
  g_object_set_data_full (G_OBJECT (column), "cvg-spec", spec, g_free);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, spec, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* Names are what tells runs apart: room for them before values. */
  if (kind == COLUMN_RUN)
    gtk_column_view_column_set_fixed_width (column, RUN_COLUMN_WIDTH);
  gtk_column_view_append_column (self->column_view, column);
  return column;
}

static void
remove_columns (CvgHparamsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static const ColumnSpec *
column_spec (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "cvg-spec");
}

/* What names a column in the Columns menu, kept across refreshes: NULL
 * for the run's, which always shows, and for a tag's min and max, which
 * go with its last value. */
static char *
column_key (CvgHparamsPage   *self,
            const ColumnSpec *spec)
{
  switch (spec->kind)
    {
    case COLUMN_STATUS:
      return g_strdup ("s");
    case COLUMN_HPARAM:
      return g_strconcat ("h", cvg_hparams_get_column (self->hparams, spec->index)->name, NULL);
    case COLUMN_SCALAR:
      return spec->stat == CVG_RUNS_TABLE_LAST ? g_strconcat ("t", g_ptr_array_index (self->tags, spec->index), NULL)
                                               : NULL;
    case COLUMN_RUN:
    default:
      return NULL;
    }
}

static gboolean
is_hidden (CvgHparamsPage   *self,
           const ColumnSpec *spec)
{
  g_autofree char *key = NULL;

  /* A tag's min and max share its last value's key. */
  if (spec->kind == COLUMN_SCALAR)
    key = g_strconcat ("t", g_ptr_array_index (self->tags, spec->index), NULL);
  else
    key = column_key (self, spec);
  return key != NULL && g_hash_table_contains (self->hidden, key);
}

/* Which columns the toolbar and the Columns menu ask for. */
static void
update_column_visibility (CvgHparamsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint show = gtk_drop_down_get_selected (self->stat_drop);
  gboolean differences = gtk_toggle_button_get_active (self->differences_button);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const ColumnSpec *spec = column_spec (column);
      gboolean visible = TRUE;

      if (spec->kind == COLUMN_SCALAR)
        visible = show == SHOW_ALL || (guint) spec->stat == show;
      else if (spec->kind == COLUMN_HPARAM)
        visible = !differences || cvg_hparams_get_column (self->hparams, spec->index)->differs;
      gtk_column_view_column_set_visible (column, visible && !is_hidden (self, spec));
    }
}

static char *
scalar_title (const char       *tag,
              CvgRunsTableStat  stat)
{
  switch (stat)
    {
    case CVG_RUNS_TABLE_MIN: return g_strdup_printf (_("%s (min)"), tag);
    case CVG_RUNS_TABLE_MAX: return g_strdup_printf (_("%s (max)"), tag);
    case CVG_RUNS_TABLE_LAST:
    default: return g_strdup (tag);
    }
}

/* The hparams that differ between sessions come first. */
static void
add_hparam_columns (CvgHparamsPage *self)
{
  guint n = cvg_hparams_get_n_columns (self->hparams);

  for (int differing = 1; differing >= 0; differing--)
    for (guint c = 0; c < n; c++)
      {
        const CvgHparamColumn *column = cvg_hparams_get_column (self->hparams, c);

        if (column->differs == differing)
          add_column (self, column->display_name[0] != '\0' ? column->display_name : column->name,
                      COLUMN_HPARAM, c, 0);
      }
}

static void
column_toggled_cb (GtkCheckButton *button,
                   CvgHparamsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "cvg-key");

  if (gtk_check_button_get_active (button))
    g_hash_table_remove (self->hidden, key);
  else
    g_hash_table_add (self->hidden, g_strdup (key));
  update_column_visibility (self);
}

/* A check button per column that can be hidden, in the table's order. */
static void
fill_columns_menu (CvgHparamsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const ColumnSpec *spec = column_spec (column);
      char *key = column_key (self, spec);
      GtkWidget *button;

      if (key == NULL)
        continue;
      /* Plain text: titles come from the logs. */
      button = gtk_check_button_new_with_label (spec->kind == COLUMN_SCALAR ? g_ptr_array_index (self->tags, spec->index)
                                                                             : gtk_column_view_column_get_title (column));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), !g_hash_table_contains (self->hidden, key));
      g_object_set_data_full (G_OBJECT (button), "cvg-key", key, g_free);
      g_signal_connect (button, "toggled", G_CALLBACK (column_toggled_cb), self);
      gtk_box_append (self->columns_box, button);
    }
}

static void
rebuild_columns (CvgHparamsPage *self)
{
  remove_columns (self);
  add_column (self, _("Run"), COLUMN_RUN, 0, 0);
  if (cvg_hparams_get_n_sessions (self->hparams) > 0)
    add_column (self, _("Status"), COLUMN_STATUS, 0, 0);
  add_hparam_columns (self);
  for (guint t = 0; t < self->tags->len; t++)
    for (guint stat = CVG_RUNS_TABLE_LAST; stat <= CVG_RUNS_TABLE_MAX; stat++)
      {
        g_autofree char *title = scalar_title (g_ptr_array_index (self->tags, t), stat);

        add_column (self, title, COLUMN_SCALAR, t, stat);
      }
  update_column_visibility (self);
  fill_columns_menu (self);
}

/* The columns' identity: kept, with their order and sort, while only
 * values change. */
static char *
columns_signature (CvgHparams *hparams,
                   GPtrArray  *tags)
{
  GString *signature = g_string_new (NULL);

  g_string_append_printf (signature, "%u\n", cvg_hparams_get_n_sessions (hparams) > 0);
  for (guint c = 0; c < cvg_hparams_get_n_columns (hparams); c++)
    g_string_append_printf (signature, "h%s\n%d\n", cvg_hparams_get_column (hparams, c)->name,
                            cvg_hparams_get_column (hparams, c)->differs);
  for (guint t = 0; t < tags->len; t++)
    g_string_append_printf (signature, "t%s\n", (const char *) g_ptr_array_index (tags, t));
  return g_string_free (signature, FALSE);
}

/* Rows. */

static GPtrArray *
collect_runs (CvgHparamsPage *self,
              guint64        *n_records)
{
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;
  GPtrArray *runs = g_ptr_array_new_full (n, (GDestroyNotify) cvg_run_unref);

  *n_records = n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);
      CvgRun *run = cvg_run_info_get_run (info);

      *n_records += cvg_run_get_n_records (run);
      g_ptr_array_add (runs, cvg_run_ref (run));
    }
  return runs;
}

static void
update_count (CvgHparamsPage *self)
{
  guint n_runs = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_sessions = self->hparams != NULL ? cvg_hparams_get_n_sessions (self->hparams) : 0;
  g_autofree char *runs = g_strdup_printf (ngettext ("%u run", "%u runs", n_runs), n_runs);
  g_autofree char *sessions = g_strdup_printf (ngettext ("%u session", "%u sessions", n_sessions), n_sessions);
  g_autofree char *text = g_strdup_printf ("%s, %s", runs, sessions);

  gtk_label_set_text (self->count_label, text);
}

static guint
session_index (CvgHparamsPage   *self,
               const CvgSession *session)
{
  return session - cvg_hparams_get_session (self->hparams, 0);
}

/* Scales and brushes survive a refresh on the axes that keep their
 * title; a brush only where its scale could be kept. */
static void
keep_axes_state (CvgHparamsAxes *from,
                 CvgHparamsAxes *to)
{
  for (guint a = 0; from != NULL && a < cvg_hparams_axes_get_n_axes (from); a++)
    for (guint b = 0; b < cvg_hparams_axes_get_n_axes (to); b++)
      {
        CvgAxisScale scale = cvg_hparams_axes_get_scale (from, a);
        double low, high;

        if (!g_str_equal (cvg_hparams_axes_get_title (from, a), cvg_hparams_axes_get_title (to, b)))
          continue;
        if ((scale == CVG_AXIS_SCALE_LINEAR || cvg_hparams_axes_set_scale (to, b, scale)) &&
            cvg_hparams_axes_get_brush (from, a, &low, &high))
          cvg_hparams_axes_set_brush (to, b, low, high);
      }
}

/* Colour by a metric: a gradient from its lowest value to its highest,
 * of colours that read on light and dark backgrounds alike; grey where a
 * session has no value. */

static const GdkRGBA gradient[] = {
  { 0x1c / 255., 0x71 / 255., 0xd8 / 255., 1 },
  { 0x26 / 255., 0xa2 / 255., 0x69 / 255., 1 },
  { 0xe5 / 255., 0xa5 / 255., 0x0a / 255., 1 },
  { 0xe0 / 255., 0x1b / 255., 0x24 / 255., 1 },
};

static char *
gradient_color (double t)
{
  double at = CLAMP (t, 0, 1) * (G_N_ELEMENTS (gradient) - 1);
  guint i = MIN ((guint) at, G_N_ELEMENTS (gradient) - 2);
  double f = at - i;
  const GdkRGBA *a = &gradient[i], *b = &gradient[i + 1];

  return g_strdup_printf ("#%02x%02x%02x", (int) lround (255 * (a->red + f * (b->red - a->red))),
                          (int) lround (255 * (a->green + f * (b->green - a->green))),
                          (int) lround (255 * (a->blue + f * (b->blue - a->blue))));
}

static void
draw_gradient_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (0, 0, width, 0);

  for (guint i = 0; i < G_N_ELEMENTS (gradient); i++)
    cairo_pattern_add_color_stop_rgb (pattern, (double) i / (G_N_ELEMENTS (gradient) - 1),
                                      gradient[i].red, gradient[i].green, gradient[i].blue);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
}

/* The metric the lines are coloured by, or -1 for the runs' colours. */
static int
color_metric (CvgHparamsPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->color_drop);

  if (chosen == GTK_INVALID_LIST_POSITION || chosen == 0 || self->hparams == NULL ||
      chosen > cvg_hparams_get_n_metrics (self->hparams))
    return -1;
  return (int) chosen - 1;
}

static void
set_legend_end (GtkLabel *label,
                double    value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_label_set_text (label, isfinite (value) ? g_ascii_formatd (buffer, sizeof buffer, "%.4g", value) : "");
}

/* Each session's colour (char *): its run's, or by the chosen metric. */
static GPtrArray *
session_colors (CvgHparamsPage *self)
{
  guint n = cvg_hparams_get_n_sessions (self->hparams);
  GPtrArray *colors = g_ptr_array_new_full (n, g_free);
  int metric = color_metric (self);
  double low = INFINITY, high = -INFINITY;

  g_ptr_array_set_size (colors, n);
  gtk_widget_set_visible (self->color_legend, metric >= 0);
  if (metric < 0)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->runs); i++)
        {
          g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);
          const CvgSession *session = cvg_hparams_lookup_session (self->hparams, cvg_run_info_get_run (info));

          if (session != NULL)
            g_ptr_array_index (colors, session_index (self, session)) = g_strdup (cvg_run_info_get_color (info));
        }
    }
  else
    {
      for (guint s = 0; s < n; s++)
        {
          const CvgMetricValue *value = &cvg_hparams_get_session (self->hparams, s)->metrics[metric];

          if (value->found && isfinite (value->value))
            {
              low = MIN (low, value->value);
              high = MAX (high, value->value);
            }
        }
      for (guint s = 0; s < n; s++)
        {
          const CvgMetricValue *value = &cvg_hparams_get_session (self->hparams, s)->metrics[metric];

          if (value->found && isfinite (value->value))
            g_ptr_array_index (colors, s) = gradient_color (high > low ? (value->value - low) / (high - low) : 0.5);
        }
      set_legend_end (self->legend_low, low);
      set_legend_end (self->legend_high, high);
    }
  for (guint s = 0; s < n; s++)
    if (g_ptr_array_index (colors, s) == NULL)
      g_ptr_array_index (colors, s) = g_strdup (MISSING_COLOR);
  return colors;
}

static void
show_session_colors (CvgHparamsPage *self)
{
  g_autoptr(GPtrArray) colors = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n;

  if (self->axes == NULL)
    return;
  colors = session_colors (self);
  n = cvg_hparams_get_n_sessions (self->hparams);
  for (guint s = 0; s < n; s++)
    g_ptr_array_add (names, (gpointer) cvg_run_get_name (cvg_hparams_get_session (self->hparams, s)->run));
  cvg_parallel_coords_set_data (self->parallel, self->axes, colors, names);
  cvg_scatter_matrix_set_data (self->scatter, self->axes, cvg_hparams_get_n_columns (self->hparams), colors, names);
}

/* Metric names can be long: the button shows the start of the one
 * chosen, the list each whole. */
static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  short_form)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (short_form))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  short_form)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  /* Plain text: metric names come from the logs. */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), GPOINTER_TO_INT (short_form) ? text : NULL);
}

static GtkListItemFactory *
choice_factory (gboolean short_form)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (short_form));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), GINT_TO_POINTER (short_form));
  return factory;
}

/* The metrics to colour by, the choice kept by title. */
static void
update_color_choices (CvgHparamsPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->color_choices));
  guint n_metrics = cvg_hparams_get_n_metrics (self->hparams);
  guint chosen = gtk_drop_down_get_selected (self->color_drop);
  g_autofree char *kept = chosen != GTK_INVALID_LIST_POSITION && chosen > 0
                          ? g_strdup (gtk_string_list_get_string (self->color_choices, chosen)) : NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  gboolean same = n_items == n_metrics + 1;
  guint select = 0;

  for (guint m = 0; m < n_metrics; m++)
    {
      char *title = cvg_hparams_metric_title (cvg_hparams_get_metric (self->hparams, m));

      same = same && g_str_equal (title, gtk_string_list_get_string (self->color_choices, m + 1));
      if (g_strcmp0 (title, kept) == 0)
        select = m + 1;
      g_ptr_array_add (titles, title);
    }
  if (same)
    return;
  g_ptr_array_add (titles, NULL);
  /* Changing the list resets the choice: the signal handler waits. */
  g_signal_handlers_block_by_func (self->color_drop, show_session_colors, self);
  gtk_string_list_splice (self->color_choices, 1, n_items - 1, (const char * const *) titles->pdata);
  gtk_drop_down_set_selected (self->color_drop, select);
  g_signal_handlers_unblock_by_func (self->color_drop, show_session_colors, self);
}

static void
update_axes (CvgHparamsPage *self,
             CvgHparamsAxes *old)
{
  guint n = cvg_hparams_get_n_sessions (self->hparams);

  self->axes = cvg_hparams_axes_new (self->hparams);
  keep_axes_state (old, self->axes);
  update_color_choices (self);
  show_session_colors (self);
  gtk_widget_set_visible (self->color_drop_box, n > 0);
  gtk_widget_set_visible (self->views, n > 0);
  gtk_widget_set_visible (self->views_switcher, n > 0);
  gtk_filter_changed (GTK_FILTER (self->brush_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* With a brush, the table keeps the sessions inside it. */
static gboolean
brush_filter_cb (gpointer item,
                 gpointer user_data)
{
  CvgHparamsPage *self = user_data;
  const CvgSession *session = cvg_runs_row_get_session (item);

  if (self->axes == NULL || !cvg_hparams_axes_has_brush (self->axes))
    return TRUE;
  return session != NULL && cvg_hparams_axes_passes (self->axes, session_index (self, session));
}

typedef struct
{
  CvgHparamsPage *page;
  CvgRunsRow     *row;
} FilterContext;

/* The filter entry's columns: the table's titles, in any case. */
static gboolean
filter_cell_cb (const char  *column,
                char       **text,
                double      *number,
                gpointer     user_data)
{
  FilterContext *context = user_data;
  CvgRunsRow *row = context->row;
  CvgHparamsPage *page = context->page;
  GListModel *columns = gtk_column_view_get_columns (page->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (columns, i);
      const ColumnSpec *spec = column_spec (view_column);
      gboolean found;

      if (g_ascii_strcasecmp (gtk_column_view_column_get_title (view_column), column) != 0)
        continue;
      *text = cell_text (spec, row);
      *number = sort_number (spec, row, &found);
      return (*text)[0] != '\0';
    }
  return FALSE;
}

static gboolean
text_filter_cb (gpointer item,
                gpointer user_data)
{
  CvgHparamsPage *self = user_data;
  FilterContext context = { self, item };

  return self->row_filter == NULL || cvg_row_filter_matches (self->row_filter, filter_cell_cb, &context);
}

static void
filter_text_changed_cb (CvgHparamsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->row_filter, cvg_row_filter_free);
  self->row_filter = cvg_row_filter_parse (gtk_editable_get_text (self->filter_entry), &error);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
  gtk_filter_changed (GTK_FILTER (self->text_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
brush_changed_cb (CvgHparamsPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->parallel));
  gtk_widget_queue_draw (GTK_WIDGET (self->scatter));
  gtk_filter_changed (GTK_FILTER (self->brush_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
session_activated_cb (CvgHparamsPage *self,
                      guint           session)
{
  CvgRun *run = cvg_hparams_get_session (self->hparams, session)->run;

  for (guint i = 0; i < cvg_hparams_page_get_n_rows (self); i++)
    {
      g_autoptr(CvgRunsRow) row = row_at (self, i);

      if (cvg_run_info_get_run (cvg_runs_row_get_info (row)) == run)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
    }
}

/* Refresh: the runs are copied on the main thread, the copies decoded and
 * summarised on a worker, the result applied back on the main thread.
 * The task refers to the page by no reference: its last reference may be
 * dropped on the worker's thread, and a page must not be disposed there.
 * The page cancels the task instead when it goes or refreshes again, and
 * a cancelled task's callback does not look at the page. */

/* What a worker hands back: the copies and what it made of them, no
 * widget and no run shown, so that it may be freed on any thread. */
typedef struct
{
  GPtrArray  *copies;     /* CvgRun, in the order of the page's refreshing */
  CvgHparams *hparams;
  GPtrArray  *tags;       /* char *, the scalar tags */
  GPtrArray  *summaries;  /* per copy, CvgScalarSummary[tags->len + 1] */
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_pointer (&refresh->hparams, cvg_hparams_free);
  g_clear_pointer (&refresh->copies, g_ptr_array_unref);
  g_clear_pointer (&refresh->tags, g_ptr_array_unref);
  g_clear_pointer (&refresh->summaries, g_ptr_array_unref);
  g_free (refresh);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(Refresh) refresh = g_new0 (Refresh, 1);
  g_autoptr(GPtrArray) tags = NULL;

  refresh->copies = g_ptr_array_ref (task_data);
  tags = cvg_runs_table_scalar_tags (refresh->copies);
  refresh->tags = g_ptr_array_new_full (tags->len, g_free);
  for (guint t = 0; t < tags->len; t++)
    g_ptr_array_add (refresh->tags, g_strdup (g_ptr_array_index (tags, t)));
  refresh->summaries = g_ptr_array_new_full (refresh->copies->len, g_free);
  for (guint r = 0; r < refresh->copies->len; r++)
    {
      CvgScalarSummary *summaries;

      if (g_task_return_error_if_cancelled (task))
        return;
      summaries = g_new0 (CvgScalarSummary, tags->len + 1);
      for (guint t = 0; t < tags->len; t++)
        {
          CvgSeries *series = cvg_run_lookup_series (g_ptr_array_index (refresh->copies, r), CVG_KIND_SCALAR,
                                                     g_ptr_array_index (tags, t));

          if (series != NULL)
            cvg_scalar_summary_compute (series, &summaries[t]);
        }
      g_ptr_array_add (refresh->summaries, summaries);
    }
  refresh->hparams = cvg_hparams_new (refresh->copies);
  g_task_return_pointer (task, g_steal_pointer (&refresh), (GDestroyNotify) refresh_free);
}

/* Rows for the runs listed now; a run listed since the copy has an empty
 * row until the next refresh, which its records bring. */
static GPtrArray *
make_rows (CvgHparamsPage *self,
           GPtrArray      *originals,
           Refresh        *refresh)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < originals->len; r++)
    g_hash_table_insert (index_of, g_ptr_array_index (originals, r), GUINT_TO_POINTER (r + 1));
  for (guint i = 0; self->runs != NULL && i < g_list_model_get_n_items (self->runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);
      CvgRun *run = cvg_run_info_get_run (info);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, run));
      CvgScalarSummary *summaries = index > 0 ? g_steal_pointer (&g_ptr_array_index (refresh->summaries, index - 1))
                                              : NULL;

      if (summaries == NULL)
        summaries = g_new0 (CvgScalarSummary, self->tags->len + 1);
      g_ptr_array_add (rows, cvg_runs_row_new (info, cvg_hparams_lookup_session (self->hparams, run),
                                               summaries, self->tags->len));
    }
  return rows;
}

static void
apply_refresh (CvgHparamsPage *self,
               Refresh        *refresh)
{
  g_autoptr(GPtrArray) originals = g_steal_pointer (&self->refreshing);
  g_autoptr(CvgHparams) old = g_steal_pointer (&self->hparams);
  g_autoptr(CvgHparamsAxes) old_axes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *signature = NULL;

  cvg_hparams_rebind_runs (refresh->hparams, refresh->copies, originals);
  self->hparams = g_steal_pointer (&refresh->hparams);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  self->tags = g_steal_pointer (&refresh->tags);
  rows = make_rows (self, originals, refresh);

  /* No axes while rows change: the brush filter reads the new sessions. */
  cvg_parallel_coords_set_data (self->parallel, NULL, NULL, NULL);
  cvg_scatter_matrix_set_data (self->scatter, NULL, 0, NULL, NULL);
  old_axes = g_steal_pointer (&self->axes);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
  update_axes (self, old_axes);

  signature = columns_signature (self->hparams, self->tags);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      rebuild_columns (self);
    }
  update_count (self);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Refresh) refresh = g_task_propagate_pointer (G_TASK (result), NULL);
  CvgHparamsPage *self;

  /* Cancelled: the page may be gone, or a newer refresh replaces this one. */
  if (refresh == NULL)
    return;
  self = CVG_HPARAMS_PAGE (user_data);
  g_clear_object (&self->cancellable);
  apply_refresh (self, refresh);
}

/* Copies a batch of the runs, then, once all are, hands them to a worker:
 * 10,000 runs copied at once would hold the main loop for 0.2 s. */
static gboolean
copy_batch_cb (gpointer user_data)
{
  CvgHparamsPage *self = user_data;
  g_autoptr(GTask) task = NULL;

  cvg_hparams_snapshot_add (self->copies, self->refreshing, COPY_BATCH, self->copying);
  if (self->copying->len < self->refreshing->len)
    return G_SOURCE_CONTINUE;
  self->copy_id = 0;
  cvg_hparams_snapshot_prune (self->copies, self->refreshing);
  task = g_task_new (NULL, self->cancellable, refresh_done_cb, self);
  g_task_set_source_tag (task, cvg_hparams_page_refresh);
  g_task_set_task_data (task, g_steal_pointer (&self->copying), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, refresh_worker);
  return G_SOURCE_REMOVE;
}

static void
stop_refresh (CvgHparamsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->copy_id, g_source_remove);
  g_clear_pointer (&self->copying, g_ptr_array_unref);
  g_clear_pointer (&self->refreshing, g_ptr_array_unref);
}

void
cvg_hparams_page_refresh (CvgHparamsPage *self)
{
  g_return_if_fail (CVG_IS_HPARAMS_PAGE (self));

  /* Disposed: nothing left to show it in. */
  if (self->copies == NULL)
    return;
  stop_refresh (self);
  self->cancellable = g_cancellable_new ();
  self->refreshing = collect_runs (self, &self->n_records);
  self->copying = g_ptr_array_new_full (self->refreshing->len, (GDestroyNotify) cvg_run_unref);
  /* The first batch at once: most folders fit in it. */
  if (copy_batch_cb (self))
    self->copy_id = g_idle_add (copy_batch_cb, self);
}

gboolean
cvg_hparams_page_is_refreshing (CvgHparamsPage *self)
{
  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

static gboolean
live_cb (gpointer user_data)
{
  CvgHparamsPage *self = user_data;
  guint64 n_records;
  g_autoptr(GPtrArray) runs = collect_runs (self, &n_records);

  if (n_records != self->n_records)
    cvg_hparams_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* Selection drives the runs' emphasis and, on demand, their visibility. */

static void
apply_selection (CvgHparamsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  gboolean only_selected = gtk_toggle_button_get_active (self->only_selected_button);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gboolean any = !gtk_bitset_is_empty (selected);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CvgRunsRow) row = row_at (self, i);
      CvgRunInfo *info = cvg_runs_row_get_info (row);
      gboolean is_selected = gtk_bitset_contains (selected, i);

      cvg_run_info_set_emphasized (info, any && is_selected);
      cvg_run_info_set_visible (info, !only_selected || !any || is_selected);
    }
}

static CvgHparamsExportFormat
format_of (GVariant *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);

  return g_str_equal (name, "json") ? CVG_HPARAMS_EXPORT_JSON
       : g_str_equal (name, "latex") ? CVG_HPARAMS_EXPORT_LATEX
       : CVG_HPARAMS_EXPORT_CSV;
}

static void
copy_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  g_autofree char *text = cvg_hparams_page_export (CVG_HPARAMS_PAGE (widget), format_of (parameter));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cvg_hparams_page_save_finish (result, &error))
    g_warning ("Cannot save the table: %s", error->message);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  CvgHparamsPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    cvg_hparams_page_save (self, file, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cvg-format")),
                           saved_cb, NULL);
  g_object_unref (dialog);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  static const char * const names[] = { "runs.csv", "runs.json", "runs.tex" };
  CvgHparamsExportFormat format = format_of (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Save the Table"),
                                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), names[format]);
  g_object_set_data (G_OBJECT (dialog), "cvg-format", GINT_TO_POINTER (format));
  /* The page stays while the dialog asks. */
  g_object_set_data_full (G_OBJECT (dialog), "cvg-page", g_object_ref (widget), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cvg_hparams_page_map (GtkWidget *widget)
{
  CvgHparamsPage *self = CVG_HPARAMS_PAGE (widget);

  GTK_WIDGET_CLASS (cvg_hparams_page_parent_class)->map (widget);
  live_cb (self);
  if (self->live_id == 0)
    self->live_id = g_timeout_add (LIVE_INTERVAL_MS, live_cb, self);
}

static void
cvg_hparams_page_unmap (GtkWidget *widget)
{
  CvgHparamsPage *self = CVG_HPARAMS_PAGE (widget);

  g_clear_handle_id (&self->live_id, g_source_remove);
  GTK_WIDGET_CLASS (cvg_hparams_page_parent_class)->unmap (widget);
}

static void
cvg_hparams_page_dispose (GObject *object)
{
  CvgHparamsPage *self = CVG_HPARAMS_PAGE (object);

  g_clear_handle_id (&self->live_id, g_source_remove);
  stop_refresh (self);
  g_clear_pointer (&self->copies, g_hash_table_unref);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_pointer (&self->root_box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->brush_filter);
  g_clear_object (&self->text_filter);
  g_clear_pointer (&self->row_filter, cvg_row_filter_free);
  g_clear_object (&self->probes[0]);
  g_clear_object (&self->probes[1]);
  g_clear_object (&self->rows);
  g_clear_object (&self->runs);
  if (self->parallel != NULL)
    cvg_parallel_coords_set_data (self->parallel, NULL, NULL, NULL);
  if (self->scatter != NULL)
    cvg_scatter_matrix_set_data (self->scatter, NULL, 0, NULL, NULL);
  g_clear_pointer (&self->axes, cvg_hparams_axes_free);
  g_clear_pointer (&self->hparams, cvg_hparams_free);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->signature, g_free);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  G_OBJECT_CLASS (cvg_hparams_page_parent_class)->dispose (object);
}

static void
cvg_hparams_page_class_init (CvgHparamsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_hparams_page_dispose;
  widget_class->map = cvg_hparams_page_map;
  widget_class->unmap = cvg_hparams_page_unmap;

  /* Registered by hand: a constructor in a static library may not be linked in. */
  cvg_hparams_register_resource ();
  g_type_ensure (CVG_TYPE_PARALLEL_COORDS);
  g_type_ensure (CVG_TYPE_SCATTER_MATRIX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/converge/Converge/hparams/cvg-hparams-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, stat_drop);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, color_drop);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, color_choices);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, color_drop_box);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, color_legend);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, legend_low);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, legend_high);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, legend_gradient);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, differences_button);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, only_selected_button);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, columns_box);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, parallel);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, scatter);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, views);
  gtk_widget_class_bind_template_child (widget_class, CvgHparamsPage, views_switcher);
  gtk_widget_class_install_action (widget_class, "hparams.copy", "s", copy_cb);
  gtk_widget_class_install_action (widget_class, "hparams.save", "s", save_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cvg_hparams_page_init (CvgHparamsPage *self)
{
  GtkMultiFilter *filters;
  GtkListItemFactory *factory;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (CVG_TYPE_RUNS_ROW);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->copies = cvg_hparams_snapshot_cache_new ();
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->probes[0] = g_object_new (CVG_TYPE_RUNS_ROW, NULL);
  self->probes[1] = g_object_new (CVG_TYPE_RUNS_ROW, NULL);
  /* Before the sort model's handler, which sorts at once. */
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  self->brush_filter = gtk_custom_filter_new (brush_filter_cb, self, NULL);
  self->text_filter = gtk_custom_filter_new (text_filter_cb, self, NULL);
  filters = GTK_MULTI_FILTER (gtk_every_filter_new ());
  gtk_multi_filter_append (GTK_MULTI_FILTER (filters), g_object_ref (GTK_FILTER (self->brush_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filters), g_object_ref (GTK_FILTER (self->text_filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                                                                   GTK_FILTER (filters))),
                                          g_object_ref (sorter));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (apply_selection), self);
  g_signal_connect_swapped (self->only_selected_button, "toggled", G_CALLBACK (apply_selection), self);
  g_signal_connect_swapped (self->parallel, "brush-changed", G_CALLBACK (brush_changed_cb), self);
  g_signal_connect_swapped (self->scatter, "brush-changed", G_CALLBACK (brush_changed_cb), self);
  g_signal_connect_swapped (self->parallel, "session-activated", G_CALLBACK (session_activated_cb), self);
  g_signal_connect_swapped (self->filter_entry, "search-changed", G_CALLBACK (filter_text_changed_cb), self);
  g_signal_connect_swapped (self->stat_drop, "notify::selected", G_CALLBACK (update_column_visibility), self);
  g_signal_connect_swapped (self->color_drop, "notify::selected", G_CALLBACK (show_session_colors), self);
  gtk_drawing_area_set_draw_func (self->legend_gradient, draw_gradient_cb, NULL, NULL);
  factory = choice_factory (TRUE);
  gtk_drop_down_set_factory (self->color_drop, factory);
  g_object_unref (factory);
  factory = choice_factory (FALSE);
  gtk_drop_down_set_list_factory (self->color_drop, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->differences_button, "toggled", G_CALLBACK (update_column_visibility), self);
}

GtkWidget *
cvg_hparams_page_new (void)
{
  return g_object_new (CVG_TYPE_HPARAMS_PAGE, NULL);
}

void
cvg_hparams_page_set_runs (CvgHparamsPage *self,
                           GListModel     *runs)
{
  g_return_if_fail (CVG_IS_HPARAMS_PAGE (self));

  if (g_set_object (&self->runs, runs))
    cvg_hparams_page_refresh (self);
}

guint
cvg_hparams_page_get_n_rows (CvgHparamsPage *self)
{
  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

static GtkColumnViewColumn *
find_column (CvgHparamsPage *self,
             const char     *title)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

char *
cvg_hparams_page_get_cell (CvgHparamsPage *self,
                           guint           row,
                           const char     *title)
{
  GtkColumnViewColumn *column;
  g_autoptr(CvgRunsRow) item = NULL;

  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), NULL);
  column = find_column (self, title);
  if (column == NULL || row >= cvg_hparams_page_get_n_rows (self))
    return NULL;
  item = row_at (self, row);
  return cell_text (column_spec (column), item);
}

gboolean
cvg_hparams_page_sort_by (CvgHparamsPage *self,
                          const char     *title,
                          GtkSortType     order)
{
  GtkColumnViewColumn *column;

  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), FALSE);
  column = find_column (self, title);
  if (column == NULL)
    return FALSE;
  gtk_column_view_sort_by_column (self->column_view, column, order);
  return TRUE;
}

GtkSelectionModel *
cvg_hparams_page_get_selection (CvgHparamsPage *self)
{
  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

char *
cvg_hparams_page_export (CvgHparamsPage *self,
                         int             format)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  /* Before the first refresh shows: nothing to export yet. */
  if (self->hparams == NULL)
    return g_string_free (out, FALSE);
  for (guint i = 0; i < cvg_hparams_page_get_n_rows (self); i++)
    {
      g_autoptr(CvgRunsRow) row = row_at (self, i);

      g_ptr_array_add (runs, cvg_run_info_get_run (cvg_runs_row_get_info (row)));
    }
  cvg_hparams_export (self->hparams, runs, format, out);
  return g_string_free (out, FALSE);
}

gboolean
cvg_hparams_page_color_by (CvgHparamsPage *self,
                           const char     *metric)
{
  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->color_choices)); i++)
    if (i == 0 ? metric == NULL : g_strcmp0 (metric, gtk_string_list_get_string (self->color_choices, i)) == 0)
      {
        gtk_drop_down_set_selected (self->color_drop, i);
        return TRUE;
      }
  return FALSE;
}

char *
cvg_hparams_page_get_session_color (CvgHparamsPage *self,
                                    const char     *run)
{
  g_autoptr(GPtrArray) colors = NULL;

  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), NULL);
  if (self->hparams == NULL)
    return NULL;
  colors = session_colors (self);
  for (guint s = 0; s < colors->len; s++)
    if (g_str_equal (cvg_run_get_name (cvg_hparams_get_session (self->hparams, s)->run), run))
      return g_strdup (g_ptr_array_index (colors, s));
  return NULL;
}

CvgParallelCoords *
cvg_hparams_page_get_parallel (CvgHparamsPage *self)
{
  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), NULL);
  return self->parallel;
}

gboolean
cvg_hparams_page_get_column_visible (CvgHparamsPage *self,
                                     const char     *title)
{
  GtkColumnViewColumn *column;

  g_return_val_if_fail (CVG_IS_HPARAMS_PAGE (self), FALSE);
  column = find_column (self, title);
  return column != NULL && gtk_column_view_column_get_visible (column);
}

static void
replaced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cvg_hparams_page_save (CvgHparamsPage      *self,
                       GFile               *file,
                       int                  format,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  char *text;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (CVG_IS_HPARAMS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Made here, written by GIO off the main thread. */
  text = cvg_hparams_page_export (self, format);
  bytes = g_bytes_new_take (text, strlen (text));
  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, cvg_hparams_page_save);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       replaced_cb, task);
}

gboolean
cvg_hparams_page_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
