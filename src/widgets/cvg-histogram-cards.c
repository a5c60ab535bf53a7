/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histogram-cards"

#include "config.h"

#include "cvg-histogram-cards.h"

#include "cvg-empty-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-card-grid.h"
#include "cvg-run-info.h"
#include "cvg-run-swatch.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

/* As the Scalars page's cards. */
#define CARD_HEIGHT 300

/* One card: a histogram tag of one run. */
typedef struct
{
  char       *tag;
  CvgRunInfo *info;
  CvgSeries  *series;   /* borrowed from the run */
  GtkWidget  *card;     /* borrowed from the cards table, once made */
  guint       generation;  /* of the series the card shows */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->tag);
  g_clear_object (&entry->info);
  g_free (entry);
}

static char *
entry_key (const char *run,
           const char *tag)
{
  return g_strconcat (run, "\n", tag, NULL);
}

struct _CvgHistogramCards
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkListView      *list_view;

  CvgHistogramMode  mode;
  CvgXAxis          x_axis;

  GPtrArray        *entries;       /* Entry, every run's, sorted by tag then run */
  GHashTable       *cards;         /* entry_key → card widget, made on first bind */
  CvgCardGrid      *grid;
  guint             n_cards;
};

G_DEFINE_FINAL_TYPE (CvgHistogramCards, cvg_histogram_cards, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  PROP_X_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* cvg_histogram_chart_view_param_specs () fills two entries in a row. */
G_STATIC_ASSERT (PROP_X_AXIS == PROP_MODE + 1);

static char *
entry_group (Entry             *entry,
             CvgHistogramCards *self)
{
  return cvg_run_info_get_visible (entry->info) ? cvg_tag_group (entry->tag) : NULL;
}

/* Rebuilds the flat list: cheap (no card is made here), so it runs
 * whole on every visibility or width change. */
static void
rebuild_rows (CvgHistogramCards *self)
{
  self->n_cards = cvg_card_grid_set_items (self->grid, self->entries, (CvgCardGridGroupFunc) entry_group, self);
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "cards" : "empty");
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry * const *) a;
  const Entry *eb = *(Entry * const *) b;
  int by_tag = cvg_tag_compare (ea->tag, eb->tag);

  return by_tag != 0 ? by_tag : cvg_tag_compare (cvg_run_info_get_name (ea->info), cvg_run_info_get_name (eb->info));
}

/* Every histogram series of every run, and who to follow for visibility.
 * The cards made so far hold the previous runs' series: they go. */
static void
index_runs (CvgHistogramCards *self)
{
  GListModel *runs = cvg_card_grid_get_runs (self->grid);

  cvg_card_grid_clear (self->grid);
  g_hash_table_remove_all (self->cards);
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (info));

      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);
          Entry *entry;

          if (cvg_series_get_kind (s) != CVG_KIND_HISTOGRAM || cvg_series_get_length (s) == 0)
            continue;
          entry = g_new0 (Entry, 1);
          entry->tag = g_strdup (cvg_series_get_tag (s));
          entry->info = g_object_ref (info);
          entry->series = s;
          g_ptr_array_add (self->entries, entry);
        }
    }
  g_ptr_array_sort (self->entries, compare_entries);
}

static void
card_color_cb (GtkWidget  *card,
               GParamSpec *pspec,
               CvgRunInfo *info)
{
  CvgHistogramChart *chart = g_object_get_data (G_OBJECT (card), "chart");
  GtkWidget *swatch = g_object_get_data (G_OBJECT (card), "swatch");

  cvg_histogram_chart_set_color (chart, cvg_run_info_get_color (info));
  cvg_run_swatch_set_color (CVG_RUN_SWATCH (swatch), cvg_run_info_get_color (info));
}

/* Title: the tag; below it the run, with its colour. */
static GtkWidget *
create_card (CvgHistogramCards *self,
             Entry             *entry)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (entry->tag);
  GtkWidget *run = gtk_label_new (cvg_run_info_get_name (entry->info));
  GtkWidget *swatch = g_object_new (CVG_TYPE_RUN_SWATCH, NULL);
  GtkWidget *chart = cvg_histogram_chart_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_size_request (card, -1, CARD_HEIGHT);
  gtk_widget_set_hexpand (card, TRUE);

  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 8);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (run, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (run), PANGO_ELLIPSIZE_MIDDLE);
  /* The tag matters more: the run gives way first. */
  gtk_label_set_max_width_chars (GTK_LABEL (run), 16);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), swatch);
  gtk_box_append (GTK_BOX (header), run);
  gtk_box_append (GTK_BOX (card), header);

  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_margin_start (chart, 6);
  gtk_widget_set_margin_end (chart, 6);
  gtk_widget_set_margin_bottom (chart, 6);
  g_object_bind_property (self, "mode", chart, "mode", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "x-axis", chart, "x-axis", G_BINDING_SYNC_CREATE);
  cvg_histogram_chart_set_data (CVG_HISTOGRAM_CHART (chart), entry->series, cvg_run_info_get_color (entry->info));
  gtk_box_append (GTK_BOX (card), chart);

  g_object_set_data (G_OBJECT (card), "chart", chart);
  g_object_set_data (G_OBJECT (card), "swatch", swatch);
  cvg_run_swatch_set_color (CVG_RUN_SWATCH (swatch), cvg_run_info_get_color (entry->info));
  g_signal_connect_object (entry->info, "notify::color", G_CALLBACK (card_color_cb), card, G_CONNECT_SWAPPED);
  return g_object_ref_sink (card);
}

static GtkWidget *
ensure_card (Entry             *entry,
             CvgHistogramCards *self)
{
  g_autofree char *key = entry_key (cvg_run_info_get_name (entry->info), entry->tag);
  GtkWidget *card = g_hash_table_lookup (self->cards, key);

  if (card == NULL)
    {
      card = create_card (self, entry);
      entry->generation = cvg_series_get_generation (entry->series);
      g_hash_table_insert (self->cards, g_steal_pointer (&key), card);
    }
  entry->card = card;
  return card;
}

/* Cards per row follow the width; the list is re-chunked after the
 * allocation, never during it. */
static void
cvg_histogram_cards_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CvgHistogramCards *self = CVG_HISTOGRAM_CARDS (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  cvg_card_grid_set_width (self->grid, width);
}

static void
cvg_histogram_cards_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CvgHistogramCards *self = CVG_HISTOGRAM_CARDS (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cvg_histogram_cards_dispose (GObject *object)
{
  CvgHistogramCards *self = CVG_HISTOGRAM_CARDS (object);

  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->stack)));
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);

  G_OBJECT_CLASS (cvg_histogram_cards_parent_class)->dispose (object);
}

static void
cvg_histogram_cards_finalize (GObject *object)
{
  CvgHistogramCards *self = CVG_HISTOGRAM_CARDS (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_histogram_cards_parent_class)->finalize (object);
}

static void
cvg_histogram_cards_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CvgHistogramCards *self = CVG_HISTOGRAM_CARDS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_X_AXIS:
      g_value_set_enum (value, self->x_axis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_histogram_cards_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CvgHistogramCards *self = CVG_HISTOGRAM_CARDS (object);
  int *field;

  switch (prop_id)
    {
    case PROP_MODE:
      field = (int *) &self->mode;
      break;
    case PROP_X_AXIS:
      field = (int *) &self->x_axis;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_enum (value))
    return;
  *field = g_value_get_enum (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
cvg_histogram_cards_class_init (CvgHistogramCardsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_histogram_cards_dispose;
  object_class->finalize = cvg_histogram_cards_finalize;
  object_class->get_property = cvg_histogram_cards_get_property;
  object_class->set_property = cvg_histogram_cards_set_property;

  widget_class->measure = cvg_histogram_cards_measure;
  widget_class->size_allocate = cvg_histogram_cards_size_allocate;

  cvg_histogram_chart_view_param_specs (&properties[PROP_MODE]);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "histogram-cards");
}

static void
cvg_histogram_cards_init (CvgHistogramCards *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = cvg_empty_page_new ("view-grid-symbolic", _("No histograms"),
                                         _("Log them with tf.summary.histogram, Keras TensorBoard(histogram_freq=1), or SummaryWriter.add_histogram"));

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, NULL));
  self->grid = cvg_card_grid_new (self->list_view, cvg_card_grid_create_header,
                                  (CvgCardGridCardFunc) ensure_card,
                                  (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "background");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "cards");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  rebuild_rows (self);
}

GtkWidget *
cvg_histogram_cards_new (void)
{
  return g_object_new (CVG_TYPE_HISTOGRAM_CARDS, NULL);
}

void
cvg_histogram_cards_set_runs (CvgHistogramCards *self,
                              GListModel        *runs)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CARDS (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  cvg_card_grid_set_runs (self->grid, runs);
}

guint
cvg_histogram_cards_get_n_cards (CvgHistogramCards *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CARDS (self), 0);

  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

CvgHistogramChart *
cvg_histogram_cards_get_chart (CvgHistogramCards *self,
                               const char        *run,
                               const char        *tag)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CARDS (self), NULL);

  cvg_card_grid_flush (self->grid);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->tag, tag) == 0 && g_strcmp0 (cvg_run_info_get_name (entry->info), run) == 0)
        return g_object_get_data (G_OBJECT (ensure_card (entry, self)), "chart");
    }
  return NULL;
}

void
cvg_histogram_cards_refresh (CvgHistogramCards *self)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CARDS (self));

  if (!cvg_card_grid_begin_refresh (self->grid, GTK_WIDGET (self), (CvgCardGridRebuildFunc) cvg_histogram_cards_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), CVG_KIND_HISTOGRAM) != self->entries->len)
    {
      cvg_card_grid_queue_reindex (self->grid);
      return;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      guint generation = cvg_series_get_generation (entry->series);

      if (entry->card == NULL || entry->generation == generation)
        continue;
      entry->generation = generation;
      cvg_histogram_chart_set_data (g_object_get_data (G_OBJECT (entry->card), "chart"), entry->series,
                                    cvg_run_info_get_color (entry->info));
    }
}
