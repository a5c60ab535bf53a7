/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-images-page"

#include "config.h"

#include "cvg-images-page.h"

#include "cvg-empty-page.h"

#include "cvg-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-card-grid.h"
#include "cvg-image.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

/* One card: a sample of an image tag of one run. */
typedef struct
{
  CvgRunInfo *info;
  CvgSeries  *series;      /* borrowed from the run */
  guint       sample;
  guint       n_samples;
  GtkWidget  *card;        /* borrowed from the cards table, once made */
  guint       generation;  /* of the series the card shows */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->info);
  g_free (entry);
}

struct _CvgImagesPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *filter_entry;
  GtkStack       *stack;
  GtkListView    *list_view;

  GPtrArray      *entries;        /* Entry, sorted by tag, run, sample */
  GHashTable     *cards;          /* Entry → card widget, made on first bind */
  CvgCardGrid    *grid;
  CvgImageLoader *loader;
  guint           n_cards;
  guint           n_series;       /* image series indexed */
  gboolean        linking;        /* moving linked sliders */

  GRegex         *filter_regex;
  char           *tag_filter;
  gboolean        actual_size;
  gboolean        link_steps;
  double          brightness;
  double          contrast;
};

static void
cvg_images_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_images_page_set_runs;
  iface->refresh = (void (*) (CvgPage *)) cvg_images_page_refresh;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgImagesPage, cvg_images_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_images_page_iface_init))

enum {
  PROP_0,
  PROP_TAG_FILTER,
  PROP_ACTUAL_SIZE,
  PROP_LINK_STEPS,
  PROP_BRIGHTNESS,
  PROP_CONTRAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
entry_group (Entry         *entry,
             CvgImagesPage *self)
{
  const char *tag = cvg_series_get_tag (entry->series);

  if (!cvg_run_info_get_visible (entry->info) ||
      (self->filter_regex != NULL && !g_regex_match (self->filter_regex, tag, 0, NULL)))
    return NULL;
  return cvg_tag_group (tag);
}

/* Rebuilds the flat list: cheap (no card is made here), so it runs
 * whole on every filter, visibility or width change. */
static void
rebuild_rows (CvgImagesPage *self)
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
  int by_tag = cvg_tag_compare (cvg_series_get_tag (ea->series), cvg_series_get_tag (eb->series));
  int by_run = cvg_tag_compare (cvg_run_info_get_name (ea->info), cvg_run_info_get_name (eb->info));

  if (by_tag != 0)
    return by_tag;
  if (by_run != 0)
    return by_run;
  return (int) ea->sample - (int) eb->sample;
}

static void
add_series (CvgImagesPage *self,
            CvgRunInfo    *info,
            CvgSeries     *series)
{
  guint n_samples = cvg_image_series_count_samples (series);

  for (guint sample = 0; sample < n_samples; sample++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->info = g_object_ref (info);
      entry->series = series;
      entry->sample = sample;
      entry->n_samples = n_samples;
      g_ptr_array_add (self->entries, entry);
    }
}

/* One entry per sample of every image series. The cards made so far hold
 * the previous runs' series: they go, and so do their decoded images. */
static void
index_runs (CvgImagesPage *self)
{
  GListModel *runs = cvg_card_grid_get_runs (self->grid);

  cvg_card_grid_clear (self->grid);
  g_hash_table_remove_all (self->cards);
  g_ptr_array_set_size (self->entries, 0);
  cvg_image_loader_clear (self->loader);
  self->n_series = 0;

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (info));

      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);

          if (cvg_series_get_kind (s) != CVG_KIND_IMAGE || cvg_series_get_length (s) == 0)
            continue;
          add_series (self, info, s);
          self->n_series++;
        }
    }
  g_ptr_array_sort (self->entries, compare_entries);
}

static void
position_cb (CvgImageCard  *card,
             GParamSpec    *pspec,
             CvgImagesPage *self)
{
  GHashTableIter iter;
  gpointer value;

  if (!self->link_steps || self->linking)
    return;
  self->linking = TRUE;
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != card)
      cvg_image_card_select_step (value, cvg_image_card_get_step (card));
  self->linking = FALSE;
}

static GtkWidget *
ensure_card (Entry         *entry,
             CvgImagesPage *self)
{
  GtkWidget *card = g_hash_table_lookup (self->cards, entry);

  if (card == NULL)
    {
      card = g_object_ref_sink (cvg_image_card_new (entry->info, entry->series, entry->sample,
                                                    entry->n_samples, self->loader));
      g_object_bind_property (self, "actual-size", cvg_image_card_get_actual_size_button (CVG_IMAGE_CARD (card)),
                              "active", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (card, "notify::position", G_CALLBACK (position_cb), self, 0);
      entry->generation = cvg_series_get_generation (entry->series);
      g_hash_table_insert (self->cards, entry, card);
    }
  entry->card = card;
  return card;
}

static void
set_tag_filter (CvgImagesPage *self,
                const char    *tag_filter)
{
  if (g_strcmp0 (self->tag_filter, tag_filter != NULL ? tag_filter : "") == 0)
    return;
  g_free (self->tag_filter);
  self->tag_filter = g_strdup (tag_filter != NULL ? tag_filter : "");
  g_clear_pointer (&self->filter_regex, g_regex_unref);
  self->filter_regex = cvg_card_grid_compile_filter (self->filter_entry, self->tag_filter);
  rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_FILTER]);
}

/* Every card made decodes its image again, in the new setting. */
static void
set_adjustment (CvgImagesPage *self,
                double        *field,
                double         value,
                guint          prop_id)
{
  GHashTableIter iter;
  gpointer card;

  if (*field == value)
    return;
  *field = value;
  cvg_image_loader_set_adjustments (self->loader, self->brightness, self->contrast);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    cvg_image_card_reload (card);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_boolean (CvgImagesPage *self,
             gboolean      *field,
             gboolean       value,
             guint          prop_id)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static GtkWidget *
create_adjust_row (CvgImagesPage *self,
                   const char    *label,
                   const char    *property,
                   double         max)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, max, 0.01);
  GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  g_autofree char *action = g_strdup_printf ("images.reset-%s", property);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), 10);
  gtk_widget_set_size_request (scale, 200, -1);
  gtk_scale_set_digits (GTK_SCALE (scale), 2);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
  gtk_scale_add_mark (GTK_SCALE (scale), 1, GTK_POS_BOTTOM, NULL);
  g_object_bind_property (self, property, gtk_range_get_adjustment (GTK_RANGE (scale)), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (reset, _("Reset"));
  gtk_widget_add_css_class (reset, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), action);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), scale);
  gtk_box_append (GTK_BOX (row), reset);
  return row;
}

/* Filter, actual size, linked steps, and brightness and contrast in a
 * popover as TensorBoard's settings pane. */
static GtkWidget *
create_toolbar (CvgImagesPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actual = gtk_toggle_button_new_with_label (_("Actual Size"));
  GtkWidget *link = gtk_toggle_button_new_with_label (_("Link Steps"));
  GtkWidget *adjust = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->filter_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->filter_entry, TRUE);
  g_object_set (self->filter_entry, "placeholder-text", _("Filter tags (regular expression)"), NULL);
  g_object_bind_property (self, "tag-filter", self->filter_entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (actual, _("Show every image at its actual size"));
  g_object_bind_property (self, "actual-size", actual, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (link, _("Moving one step slider moves all of them"));
  g_object_bind_property (self, "link-steps", link, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (rows), create_adjust_row (self, _("Brightness"), "brightness", 2));
  gtk_box_append (GTK_BOX (rows), create_adjust_row (self, _("Contrast"), "contrast", 5));
  gtk_popover_set_child (GTK_POPOVER (popover), rows);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (adjust), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (adjust), "display-brightness-symbolic");
  gtk_widget_set_tooltip_text (adjust, _("Brightness and Contrast"));

  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), self->filter_entry);
  gtk_box_append (GTK_BOX (toolbar), actual);
  gtk_box_append (GTK_BOX (toolbar), link);
  gtk_box_append (GTK_BOX (toolbar), adjust);
  return toolbar;
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_object_set (widget, strchr (action_name, '-') + 1, 1.0, NULL);
}

static void
cvg_images_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CvgImagesPage *self = CVG_IMAGES_PAGE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  cvg_card_grid_set_width (self->grid, width);
}

static void
cvg_images_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (CVG_IMAGES_PAGE (widget)->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cvg_images_page_dispose (GObject *object)
{
  CvgImagesPage *self = CVG_IMAGES_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);
  g_clear_pointer (&self->loader, cvg_image_loader_unref);

  G_OBJECT_CLASS (cvg_images_page_parent_class)->dispose (object);
}

static void
cvg_images_page_finalize (GObject *object)
{
  CvgImagesPage *self = CVG_IMAGES_PAGE (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->filter_regex, g_regex_unref);
  g_clear_pointer (&self->tag_filter, g_free);

  G_OBJECT_CLASS (cvg_images_page_parent_class)->finalize (object);
}

static void
cvg_images_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CvgImagesPage *self = CVG_IMAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TAG_FILTER:
      g_value_set_string (value, self->tag_filter);
      break;
    case PROP_ACTUAL_SIZE:
      g_value_set_boolean (value, self->actual_size);
      break;
    case PROP_LINK_STEPS:
      g_value_set_boolean (value, self->link_steps);
      break;
    case PROP_BRIGHTNESS:
      g_value_set_double (value, self->brightness);
      break;
    case PROP_CONTRAST:
      g_value_set_double (value, self->contrast);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_images_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CvgImagesPage *self = CVG_IMAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TAG_FILTER:
      set_tag_filter (self, g_value_get_string (value));
      break;
    case PROP_ACTUAL_SIZE:
      set_boolean (self, &self->actual_size, g_value_get_boolean (value), prop_id);
      break;
    case PROP_LINK_STEPS:
      set_boolean (self, &self->link_steps, g_value_get_boolean (value), prop_id);
      break;
    case PROP_BRIGHTNESS:
      set_adjustment (self, &self->brightness, g_value_get_double (value), prop_id);
      break;
    case PROP_CONTRAST:
      set_adjustment (self, &self->contrast, g_value_get_double (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_images_page_class_init (CvgImagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cvg_images_page_dispose;
  object_class->finalize = cvg_images_page_finalize;
  object_class->get_property = cvg_images_page_get_property;
  object_class->set_property = cvg_images_page_set_property;
  widget_class->measure = cvg_images_page_measure;
  widget_class->size_allocate = cvg_images_page_size_allocate;

  properties[PROP_TAG_FILTER] = g_param_spec_string ("tag-filter", NULL, NULL, "", flags);
  properties[PROP_ACTUAL_SIZE] = g_param_spec_boolean ("actual-size", NULL, NULL, FALSE, flags);
  properties[PROP_LINK_STEPS] = g_param_spec_boolean ("link-steps", NULL, NULL, FALSE, flags);
  properties[PROP_BRIGHTNESS] = g_param_spec_double ("brightness", NULL, NULL, 0, 2, 1, flags);
  properties[PROP_CONTRAST] = g_param_spec_double ("contrast", NULL, NULL, 0, 5, 1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "images.reset-brightness", NULL, reset_action_cb);
  gtk_widget_class_install_action (widget_class, "images.reset-contrast", NULL, reset_action_cb);
  gtk_widget_class_set_css_name (widget_class, "images-page");
}

static void
cvg_images_page_init (CvgImagesPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = cvg_empty_page_new ("image-x-generic-symbolic", _("No images"),
                                         _("Log them with tf.summary.image, Keras TensorBoard(write_images=True), or SummaryWriter.add_image"));

  self->brightness = 1;
  self->contrast = 1;
  self->tag_filter = g_strdup ("");
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->cards = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->loader = cvg_image_loader_new (CVG_IMAGE_LOADER_BUDGET);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, NULL));
  self->grid = cvg_card_grid_new (self->list_view, cvg_card_grid_create_header,
                                  (CvgCardGridCardFunc) ensure_card,
                                  (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "background");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "cards");
  gtk_stack_add_named (self->stack, empty, "empty");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  rebuild_rows (self);
}

GtkWidget *
cvg_images_page_new (void)
{
  return g_object_new (CVG_TYPE_IMAGES_PAGE, NULL);
}

void
cvg_images_page_set_runs (CvgImagesPage *self,
                          GListModel    *runs)
{
  g_return_if_fail (CVG_IS_IMAGES_PAGE (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  cvg_card_grid_set_runs (self->grid, runs);
}

void
cvg_images_page_refresh (CvgImagesPage *self)
{
  g_return_if_fail (CVG_IS_IMAGES_PAGE (self));

  if (!cvg_card_grid_begin_refresh (self->grid, GTK_WIDGET (self), (CvgCardGridRebuildFunc) cvg_images_page_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), CVG_KIND_IMAGE) != self->n_series)
    {
      cvg_card_grid_queue_reindex (self->grid);
      return;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      guint generation = cvg_series_get_generation (entry->series);

      if (generation == entry->generation)
        continue;
      /* A step with more images than any before: more cards. */
      if (cvg_image_series_count_samples (entry->series) != entry->n_samples)
        {
          cvg_card_grid_queue_reindex (self->grid);
          return;
        }
      entry->generation = generation;
      if (entry->card != NULL)
        cvg_image_card_refresh (CVG_IMAGE_CARD (entry->card));
    }
}

guint
cvg_images_page_get_n_cards (CvgImagesPage *self)
{
  g_return_val_if_fail (CVG_IS_IMAGES_PAGE (self), 0);

  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

CvgImageCard *
cvg_images_page_get_card (CvgImagesPage *self,
                          const char    *run,
                          const char    *tag,
                          guint          sample)
{
  g_return_val_if_fail (CVG_IS_IMAGES_PAGE (self), NULL);

  cvg_card_grid_flush (self->grid);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->sample == sample && g_strcmp0 (cvg_series_get_tag (entry->series), tag) == 0 &&
          g_strcmp0 (cvg_run_info_get_name (entry->info), run) == 0)
        return CVG_IMAGE_CARD (ensure_card (entry, self));
    }
  return NULL;
}

CvgImageLoader *
cvg_images_page_get_loader (CvgImagesPage *self)
{
  g_return_val_if_fail (CVG_IS_IMAGES_PAGE (self), NULL);

  return self->loader;
}
