/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graphs-page"

#include "config.h"

#include "cvg-graphs-page.h"

#include "cvg-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-series.h"

#define MAX_MATCHES 50
#define INFO_WIDTH  320

struct _CvgGraphsPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDropDown    *run_drop;
  GtkStringList  *run_names;
  GtkDropDown    *kind_drop;
  GtkStringList  *kind_names;
  GArray         *kind_sources;  /* CvgGraphSource per kind entry */
  GPtrArray      *kind_tags;     /* run metadata tag per entry, or NULL */
  GtkDropDown    *color_drop;
  GtkStringList  *color_names;
  GtkWidget      *search_bar;
  GtkWidget      *search_entry;
  GtkStack       *stack;
  AdwStatusPage  *refused;
  GtkWidget      *matches_frame;
  GtkListBox     *matches;
  CvgGraphCanvas *canvas;
  CvgGraphInfo   *info;

  GListModel     *runs;          /* of CvgRunInfo */
  GArray         *match_items;   /* guint */
  char           *shown_run;     /* what the canvas shows */
  CvgGraphSource  shown_source;
  char           *shown_tag;     /* run metadata */
  gsize           shown_points;  /* graph values read when it was built */
  gboolean        updating;      /* drop-downs changed by code */
  GCancellable   *building;      /* the graph being built, if any */
};

static void
cvg_graphs_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_graphs_page_set_runs;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgGraphsPage, cvg_graphs_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_graphs_page_iface_init))

/* Runs and graphs. */

static CvgRun *
lookup_run (CvgGraphsPage *self,
            const char    *name)
{
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;

  for (guint i = 0; i < n && name != NULL; i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);

      if (g_str_equal (cvg_run_info_get_name (info), name))
        return cvg_run_info_get_run (info);
    }
  return NULL;
}

static gboolean
run_has_graph (CvgRun *run)
{
  return cvg_graph_run_has (run, CVG_GRAPH_SOURCE_OPS) || cvg_graph_run_has (run, CVG_GRAPH_SOURCE_KERAS)
         || cvg_graph_run_has (run, CVG_GRAPH_SOURCE_RUN_METADATA);
}

/* Graph values read so far: a newer one replaces what is shown. */
static gsize
count_points (CvgRun         *run,
              CvgGraphSource  source,
              const char     *tag)
{
  static const struct { CvgKind kind; const char *tag; gboolean keras; } kinds[] = {
    { CVG_KIND_GRAPH_DEF, "", FALSE },
    { CVG_KIND_META_GRAPH_DEF, "", FALSE },
    { CVG_KIND_KERAS_MODEL, "keras", TRUE },
  };
  gsize n = 0;

  if (source == CVG_GRAPH_SOURCE_RUN_METADATA)
    {
      CvgSeries *series = cvg_run_lookup_series (run, CVG_KIND_RUN_METADATA, tag);

      /* Without a graph of its own it may show the op graph. */
      return (series != NULL ? cvg_series_get_length (series) : 0) + count_points (run, CVG_GRAPH_SOURCE_OPS, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      CvgSeries *series = cvg_run_lookup_series (run, kinds[i].kind, kinds[i].tag);

      if (series != NULL && kinds[i].keras == (source == CVG_GRAPH_SOURCE_KERAS))
        n += cvg_series_get_length (series);
    }
  return n;
}

static const char *
selected_run_name (CvgGraphsPage *self)
{
  guint position = gtk_drop_down_get_selected (self->run_drop);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->run_names, position);
}

static gboolean
names_equal (GtkStringList *list,
             GPtrArray     *names)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != names->len)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), g_ptr_array_index (names, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The kinds @run offers: op graph, Keras model, one per run metadata
 * tag; keeps the chosen one when it stays. */
static void
update_kinds (CvgGraphsPage *self,
              CvgRun        *run)
{
  guint chosen = gtk_drop_down_get_selected (self->kind_drop);
  CvgGraphSource source = CVG_GRAPH_SOURCE_OPS;
  g_autofree char *tag = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_auto(GStrv) tags = cvg_graph_run_list_run_metadata (run);
  gboolean same;
  guint keep = 0;

  if (chosen < self->kind_sources->len)
    {
      source = g_array_index (self->kind_sources, CvgGraphSource, chosen);
      tag = g_strdup (g_ptr_array_index (self->kind_tags, chosen));
    }
  g_array_set_size (self->kind_sources, 0);
  g_ptr_array_set_size (self->kind_tags, 0);
  for (CvgGraphSource s = CVG_GRAPH_SOURCE_OPS; s <= CVG_GRAPH_SOURCE_KERAS; s++)
    if (cvg_graph_run_has (run, s))
      {
        if (s == source)
          keep = names->len;
        g_ptr_array_add (names, g_strdup (s == CVG_GRAPH_SOURCE_OPS ? _("Op Graph") : _("Keras Model")));
        g_array_append_val (self->kind_sources, s);
        g_ptr_array_add (self->kind_tags, NULL);
      }
  for (guint i = 0; tags[i] != NULL; i++)
    {
      CvgGraphSource s = CVG_GRAPH_SOURCE_RUN_METADATA;

      if (source == s && g_strcmp0 (tag, tags[i]) == 0)
        keep = names->len;
      /* Translators: a graph kind; %s is the tag, such as "batch_2". */
      g_ptr_array_add (names, g_strdup_printf (_("Run Metadata: %s"), tags[i]));
      g_array_append_val (self->kind_sources, s);
      g_ptr_array_add (self->kind_tags, g_strdup (tags[i]));
    }
  same = names_equal (self->kind_names, names);
  self->updating = TRUE;
  if (!same)
    gtk_string_list_splice (self->kind_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->kind_names)),
                            (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->kind_drop, names->len > 0 ? keep : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_drop), names->len > 1);
}

/* "Compute Time" only for a graph with stats. */
static void
update_colors (CvgGraphsPage *self,
               CvgGraph      *graph)
{
  const char *names[] = { _("Op Type"), _("Device"), _("Compute Time"), NULL };
  guint n = graph != NULL && cvg_graph_has_stats (graph) ? 3 : 2;
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->color_names));

  if (have == n)
    return;
  if (n < have && cvg_graph_canvas_get_color_mode (self->canvas) == CVG_GRAPH_COLOR_COMPUTE)
    cvg_graph_canvas_set_color_mode (self->canvas, CVG_GRAPH_COLOR_OP);
  self->updating = TRUE;
  if (n > have)
    gtk_string_list_splice (self->color_names, have, 0, names + have);
  else
    gtk_string_list_splice (self->color_names, n, have - n, NULL);
  gtk_drop_down_set_selected (self->color_drop, cvg_graph_canvas_get_color_mode (self->canvas));
  self->updating = FALSE;
}

static void
color_changed_cb (CvgGraphsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->color_drop);

  if (!self->updating && selected != GTK_INVALID_LIST_POSITION)
    cvg_graph_canvas_set_color_mode (self->canvas, selected);
}

static void
color_mode_cb (CvgGraphsPage *self)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->color_drop, cvg_graph_canvas_get_color_mode (self->canvas));
  self->updating = FALSE;
}

static void
clear_graph (CvgGraphsPage *self)
{
  g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  g_clear_pointer (&self->shown_run, g_free);
  cvg_graph_canvas_set_graph (self->canvas, NULL);
}

static void
show_built (CvgGraphsPage *self,
            CvgGraph      *graph,
            const GError  *error)
{
  g_clear_object (&self->building);
  if (graph == NULL)
    {
      g_autofree char *text = g_markup_printf_escaped (_("The graph of “%s” cannot be shown: %s"),
                                                       self->shown_run, error->message);

      adw_status_page_set_description (self->refused, text);
      gtk_stack_set_visible_child_name (self->stack, "refused");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "graph");
  update_colors (self, graph);
  cvg_graph_canvas_set_graph (self->canvas, graph);
  cvg_graph_info_show (self->info, NULL, CVG_GRAPH_NONE, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  CvgGraph *graph = cvg_graph_request_build (task_data, cancellable, &error);

  if (graph == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, graph, (GDestroyNotify) cvg_graph_unref);
}

/* The task holds no reference on the page, so that a closing window
 * need not wait for a build: a cancelled result never touches it. */
static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_built (CVG_GRAPHS_PAGE (user_data), graph, error);
}

/* Decoding and layout run on workers; the page shows a spinner. */
static void
show_graph (CvgGraphsPage  *self,
            const char     *name,
            CvgRun         *run,
            CvgGraphSource  source,
            const char     *tag)
{
  g_autoptr(GTask) task = NULL;

  clear_graph (self);
  self->shown_run = g_strdup (name);
  self->shown_source = source;
  g_free (self->shown_tag);
  self->shown_tag = g_strdup (tag);
  self->shown_points = count_points (run, source, tag);
  self->building = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (NULL, self->building, build_done_cb, self);
  g_task_set_source_tag (task, show_graph);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, cvg_graph_request_new (run, source, tag), (GDestroyNotify) cvg_graph_request_free);
  g_task_run_in_thread (task, build_thread);
}

/* Builds the chosen graph when the page is shown; hidden, it only
 * knows which runs have one. */
static void
show_selected (CvgGraphsPage *self)
{
  const char *name = selected_run_name (self);
  CvgRun *run = lookup_run (self, name);
  CvgGraphSource source;
  const char *tag;
  guint kind;

  if (run == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      clear_graph (self);
      return;
    }
  update_kinds (self, run);
  kind = gtk_drop_down_get_selected (self->kind_drop);
  if (kind >= self->kind_sources->len || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  source = g_array_index (self->kind_sources, CvgGraphSource, kind);
  tag = g_ptr_array_index (self->kind_tags, kind);
  if (g_strcmp0 (self->shown_run, name) == 0 && self->shown_source == source
      && g_strcmp0 (self->shown_tag, tag) == 0 && self->shown_points == count_points (run, source, tag))
    return;
  show_graph (self, name, run, source, tag);
}

/* The runs with a graph, keeping the chosen one when it stays. */
static void
update_run_names (CvgGraphsPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autofree char *chosen = g_strdup (selected_run_name (self));
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;
  guint keep = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);

      if (run_has_graph (cvg_run_info_get_run (info)))
        {
          if (g_strcmp0 (chosen, cvg_run_info_get_name (info)) == 0)
            keep = names->len;
          g_ptr_array_add (names, (gpointer) cvg_run_info_get_name (info));
        }
    }
  if (names_equal (self->run_names, names))
    return;
  self->updating = TRUE;
  gtk_string_list_splice (self->run_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->run_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->run_drop, names->len > 0 ? keep : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
choice_changed_cb (CvgGraphsPage *self)
{
  if (!self->updating)
    show_selected (self);
}

static void
runs_changed_cb (CvgGraphsPage *self)
{
  cvg_graphs_page_refresh (self);
}

/* Selection, side panel and search. */

/* The side panel only while a node is selected. */
static void
update_info (CvgGraphsPage *self)
{
  guint item = cvg_graph_canvas_get_selected (self->canvas);

  gtk_widget_set_visible (GTK_WIDGET (self->info), item != CVG_GRAPH_NONE);
  cvg_graph_info_show (self->info, cvg_graph_canvas_get_graph (self->canvas), item,
                       cvg_graph_canvas_get_expanded (self->canvas, item));
}

static void
item_activated_cb (CvgGraphsPage *self,
                   guint          item)
{
  cvg_graph_canvas_reveal (self->canvas, item);
}

static void
toggle_requested_cb (CvgGraphsPage *self,
                     guint          item)
{
  cvg_graph_canvas_toggle_expanded (self->canvas, item);
}

static GtkWidget *
create_match_row (CvgGraph *graph,
                  guint     item)
{
  const CvgGraphItem *it = cvg_graph_get_item (graph, item);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (it->name);
  GtkWidget *kind = gtk_label_new (it->op != NULL ? it->op : _("Name scope"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_START);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "caption");
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), kind);
  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 8);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  return row;
}

static void
search_changed_cb (CvgGraphsPage *self)
{
  CvgGraph *graph = cvg_graph_canvas_get_graph (self->canvas);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->matches))) != NULL;)
    gtk_list_box_remove (self->matches, row);
  g_array_set_size (self->match_items, 0);
  if (graph != NULL && text[0] != '\0')
    {
      g_autoptr(GArray) found = cvg_graph_search (graph, text, MAX_MATCHES);

      g_array_append_vals (self->match_items, found->data, found->len);
    }
  for (guint i = 0; i < self->match_items->len; i++)
    gtk_list_box_append (self->matches, create_match_row (graph, g_array_index (self->match_items, guint, i)));
  gtk_widget_set_visible (self->matches_frame, self->match_items->len > 0);
}

static void
match_activated_cb (CvgGraphsPage *self,
                    GtkListBoxRow *row)
{
  cvg_graphs_page_choose_match (self, gtk_list_box_row_get_index (row));
}

static void
search_activate_cb (CvgGraphsPage *self)
{
  if (self->match_items->len > 0)
    cvg_graphs_page_choose_match (self, 0);
}

static void
search_mode_cb (CvgGraphsPage *self)
{
  if (!gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    {
      gtk_widget_set_visible (self->matches_frame, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
}

/* Down leaves the entry for the matches. */
static gboolean
search_key_cb (CvgGraphsPage   *self,
               guint            keyval,
               guint            keycode,
               GdkModifierType  state)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->matches, 0);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static gboolean
search_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CvgGraphsPage *self = CVG_GRAPHS_PAGE (widget);

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
  return TRUE;
}

/* Building. */

static GtkWidget *
create_toolbar (CvgGraphsPage *self)
{
  const char *colors[] = { _("Op Type"), _("Device"), NULL };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *color_label = gtk_label_new (_("Color by"));
  GtkWidget *fit = gtk_button_new_from_icon_name ("zoom-fit-best-symbolic");
  GtkWidget *search = gtk_toggle_button_new ();

  self->run_names = gtk_string_list_new (NULL);
  self->run_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->run_names)), NULL));
  self->kind_names = gtk_string_list_new (NULL);
  self->kind_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->kind_names)), NULL));
  self->color_names = gtk_string_list_new (colors);
  self->color_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->color_names)), NULL));
  gtk_widget_add_css_class (color_label, "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_drop), _("Run"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_drop), _("Graph kind"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->color_drop), _("Color nodes by operation, device or compute time"));
  gtk_widget_set_tooltip_text (fit, _("Fit to Window (0)"));
  gtk_button_set_icon_name (GTK_BUTTON (search), "system-search-symbolic");
  gtk_widget_set_tooltip_text (search, _("Search Nodes (Ctrl+F)"));
  gtk_widget_set_hexpand (spacer, TRUE);
  g_signal_connect_swapped (self->run_drop, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->kind_drop, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (fit, "clicked", G_CALLBACK (cvg_graph_canvas_zoom_fit), self->canvas);
  g_signal_connect_swapped (self->color_drop, "notify::selected", G_CALLBACK (color_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::color-by-device", G_CALLBACK (color_mode_cb), self);
  g_object_bind_property (search, "active", self->search_bar, "search-mode-enabled", G_BINDING_BIDIRECTIONAL);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->run_drop));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->kind_drop));
  gtk_box_append (GTK_BOX (toolbar), spacer);
  gtk_box_append (GTK_BOX (toolbar), color_label);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->color_drop));
  gtk_box_append (GTK_BOX (toolbar), fit);
  gtk_box_append (GTK_BOX (toolbar), search);
  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 12);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  return toolbar;
}

static GtkWidget *
create_search (CvgGraphsPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->search_entry = gtk_search_entry_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);
  gtk_widget_set_size_request (self->search_entry, 360, -1);
  g_object_set (self->search_entry, "placeholder-text", _("Search node names"), NULL);
  self->search_bar = gtk_search_bar_new ();
  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->search_bar), self->search_entry);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_show_close_button (GTK_SEARCH_BAR (self->search_bar), TRUE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_cb), self);
  return self->search_bar;
}

/* Matches float over the canvas's top left corner. */
static GtkWidget *
create_matches (CvgGraphsPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->matches = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->matches, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->matches), "navigation-sidebar");
  g_signal_connect_swapped (self->matches, "row-activated", G_CALLBACK (match_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->matches));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  self->matches_frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (self->matches_frame), scroller);
  gtk_widget_add_css_class (self->matches_frame, "view");
  gtk_widget_set_size_request (self->matches_frame, 360, -1);
  gtk_widget_set_halign (self->matches_frame, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->matches_frame, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->matches_frame, 6);
  gtk_widget_set_visible (self->matches_frame, FALSE);
  return self->matches_frame;
}

static GtkWidget *
create_loading (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (_("Reading the graph…"));

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
create_refused (CvgGraphsPage *self)
{
  self->refused = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->refused, "dialog-warning-symbolic");
  adw_status_page_set_title (self->refused, _("Graph Not Shown"));
  return GTK_WIDGET (self->refused);
}

static GtkWidget *
create_content (CvgGraphsPage *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *empty = adw_status_page_new ();

  self->info = CVG_GRAPH_INFO (cvg_graph_info_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->info), INFO_WIDTH, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->info), FALSE);
  g_signal_connect_swapped (self->info, "item-activated", G_CALLBACK (item_activated_cb), self);
  g_signal_connect_swapped (self->info, "toggle-requested", G_CALLBACK (toggle_requested_cb), self);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->canvas));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), create_matches (self));
  gtk_paned_set_start_child (GTK_PANED (paned), overlay);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->info));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "network-workgroup-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Graphs"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Keras <tt>TensorBoard(write_graph=True)</tt>, <tt>tf.summary.trace_export</tt> and PyTorch <tt>SummaryWriter.add_graph</tt> write them."));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, create_loading (), "loading");
  gtk_stack_add_named (self->stack, create_refused (self), "refused");
  gtk_stack_add_named (self->stack, paned, "graph");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  return GTK_WIDGET (self->stack);
}

static void
cvg_graphs_page_map (GtkWidget *widget)
{
  CvgGraphsPage *self = CVG_GRAPHS_PAGE (widget);

  GTK_WIDGET_CLASS (cvg_graphs_page_parent_class)->map (widget);
  cvg_graphs_page_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
cvg_graphs_page_dispose (GObject *object)
{
  CvgGraphsPage *self = CVG_GRAPHS_PAGE (object);

  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_data (self->runs, self);
  g_clear_object (&self->runs);
  g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->run_names);
  g_clear_object (&self->kind_names);
  g_clear_object (&self->color_names);
  G_OBJECT_CLASS (cvg_graphs_page_parent_class)->dispose (object);
}

static void
cvg_graphs_page_finalize (GObject *object)
{
  CvgGraphsPage *self = CVG_GRAPHS_PAGE (object);

  g_array_unref (self->match_items);
  g_free (self->shown_run);
  g_free (self->shown_tag);
  g_array_unref (self->kind_sources);
  g_ptr_array_unref (self->kind_tags);
  G_OBJECT_CLASS (cvg_graphs_page_parent_class)->finalize (object);
}

static void
cvg_graphs_page_class_init (CvgGraphsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_graphs_page_dispose;
  object_class->finalize = cvg_graphs_page_finalize;
  widget_class->map = cvg_graphs_page_map;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, search_shortcut_cb, NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cvg_graphs_page_init (CvgGraphsPage *self)
{
  self->match_items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->kind_sources = g_array_new (FALSE, FALSE, sizeof (CvgGraphSource));
  self->kind_tags = g_ptr_array_new_with_free_func (g_free);
  self->canvas = CVG_GRAPH_CANVAS (cvg_graph_canvas_new ());
  g_signal_connect_swapped (self->canvas, "notify::selected", G_CALLBACK (update_info), self);
  g_signal_connect_swapped (self->canvas, "toggled", G_CALLBACK (update_info), self);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_search (self));
  gtk_box_prepend (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->box), create_content (self));
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar), GTK_WIDGET (self));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  show_selected (self);
}

GtkWidget *
cvg_graphs_page_new (void)
{
  return g_object_new (CVG_TYPE_GRAPHS_PAGE, NULL);
}

void
cvg_graphs_page_set_runs (CvgGraphsPage *self,
                          GListModel    *runs)
{
  g_return_if_fail (CVG_IS_GRAPHS_PAGE (self));

  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_data (self->runs, self);
  g_set_object (&self->runs, runs);
  if (runs != NULL)
    g_signal_connect_swapped (runs, "items-changed", G_CALLBACK (runs_changed_cb), self);
  cvg_graphs_page_refresh (self);
}

void
cvg_graphs_page_refresh (CvgGraphsPage *self)
{
  g_return_if_fail (CVG_IS_GRAPHS_PAGE (self));

  update_run_names (self);
  show_selected (self);
}

gboolean
cvg_graphs_page_select_run (CvgGraphsPage *self,
                            const char    *name)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), FALSE);

  update_run_names (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->run_names)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->run_names, i), name))
      {
        gtk_drop_down_set_selected (self->run_drop, i);
        show_selected (self);
        return TRUE;
      }
  return FALSE;
}

void
cvg_graphs_page_set_source (CvgGraphsPage  *self,
                            CvgGraphSource  source)
{
  g_return_if_fail (CVG_IS_GRAPHS_PAGE (self));

  for (guint i = 0; i < self->kind_sources->len; i++)
    if (g_array_index (self->kind_sources, CvgGraphSource, i) == source)
      {
        gtk_drop_down_set_selected (self->kind_drop, i);
        return;
      }
}

GListModel *
cvg_graphs_page_get_kinds (CvgGraphsPage *self)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), NULL);
  return G_LIST_MODEL (self->kind_names);
}

gboolean
cvg_graphs_page_select_kind (CvgGraphsPage *self,
                             const char    *label)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->kind_names)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->kind_names, i), label))
      {
        gtk_drop_down_set_selected (self->kind_drop, i);
        return TRUE;
      }
  return FALSE;
}

void
cvg_graphs_page_search (CvgGraphsPage *self,
                        const char    *text)
{
  g_return_if_fail (CVG_IS_GRAPHS_PAGE (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Now, not after the entry's typing delay. */
  search_changed_cb (self);
}

guint
cvg_graphs_page_get_n_matches (CvgGraphsPage *self)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), 0);
  return self->match_items->len;
}

void
cvg_graphs_page_choose_match (CvgGraphsPage *self,
                              guint          index)
{
  g_return_if_fail (CVG_IS_GRAPHS_PAGE (self));
  g_return_if_fail (index < self->match_items->len);

  cvg_graph_canvas_reveal (self->canvas, g_array_index (self->match_items, guint, index));
  gtk_widget_set_visible (self->matches_frame, FALSE);
}

gboolean
cvg_graphs_page_get_building (CvgGraphsPage *self)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), FALSE);
  return self->building != NULL;
}

const char *
cvg_graphs_page_get_refusal (CvgGraphsPage *self)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "refused") != 0)
    return NULL;
  return adw_status_page_get_description (self->refused);
}

CvgGraphCanvas *
cvg_graphs_page_get_canvas (CvgGraphsPage *self)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), NULL);
  return self->canvas;
}

CvgGraphInfo *
cvg_graphs_page_get_info (CvgGraphsPage *self)
{
  g_return_val_if_fail (CVG_IS_GRAPHS_PAGE (self), NULL);
  return self->info;
}
