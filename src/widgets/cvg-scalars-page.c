/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalars-page"

#include "config.h"

#include "cvg-scalars-page.h"

#include "cvg-page.h"

#include "cvg-scalar-chart.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-card-grid.h"
#include "cvg-group-lines.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-scalar-card.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

#define CARD_HEIGHT 300

struct _CvgScalarsPage
{
  GtkWidget      parent_instance;

  GtkWidget     *root_box;
  GtkStack      *stack;
  GtkListView   *list_view;
  GtkAdjustment *smoothing_adjustment;
  GtkScale      *smoothing_scale;
  GtkDropDown   *x_axis_dropdown;
  GtkDropDown   *smoother_dropdown;
  GtkWidget     *log_x_button;
  GtkWidget     *log_scale_button;
  GtkWidget     *outliers_button;
  GtkWidget     *filter_entry;
  GtkDropDown   *group_by_dropdown;
  GtkAdjustment *group_depth_adjustment;
  GtkWidget     *group_depth_row;
  GtkWidget     *group_regex_entry;
  GtkWidget     *group_regex_row;
  GtkDropDown   *aggregate_dropdown;
  GtkDropDown   *band_dropdown;
  GtkWidget     *members_button;

  double         smoothing;
  CvgXAxis       x_axis;
  gboolean       log_scale;
  gboolean       ignore_outliers;
  CvgSmoother    smoother;
  gboolean       log_x;
  char          *tag_filter;
  GRegex        *filter_regex;

  /* Grouping: the spec (its regex compiled from @group_regex), the groups
   * of the runs and, for the sidebar, their tree; NULL when ungrouped. */
  CvgGroupSpec   group_spec;
  char          *group_regex;
  GPtrArray     *groups;
  GListStore    *group_tree;
  GHashTable    *watched;        /* CvgRunInfo whose changes regroup */
  CvgMemberCache *members;

  GHashTable    *tag_runs;       /* tag → GPtrArray of CvgRunInfo having it */
  GHashTable    *collapsed;      /* group names */
  GHashTable    *cards;          /* tag → CvgScalarCard, made on first bind */
  GHashTable    *generations;    /* tag → sum of its series' generations, as drawn */
  CvgCardGrid   *grid;
  guint          n_cards;
  guint          n_lines;        /* scalar series indexed */
};

static void
cvg_scalars_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_scalars_page_set_runs;
  iface->refresh = (void (*) (CvgPage *)) cvg_scalars_page_refresh;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgScalarsPage, cvg_scalars_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_scalars_page_iface_init))

enum {
  PROP_0,
  PROP_SMOOTHING,
  PROP_X_AXIS,
  PROP_LOG_SCALE,
  PROP_IGNORE_OUTLIERS,
  PROP_SMOOTHER,
  PROP_LOG_X,
  PROP_TAG_FILTER,
  PROP_GROUP_BY,
  PROP_GROUP_DEPTH,
  PROP_GROUP_REGEX,
  PROP_AGGREGATE,
  PROP_BAND,
  PROP_SHOW_MEMBERS,
  PROP_GROUPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* cvg_scalar_chart_view_param_specs () fills four entries in a row. */
G_STATIC_ASSERT (PROP_IGNORE_OUTLIERS == PROP_SMOOTHING + 3);
/* cvg_scalar_chart_more_param_specs () two more. */
G_STATIC_ASSERT (PROP_LOG_X == PROP_SMOOTHER + 1);

static gboolean
tag_has_visible_run (CvgScalarsPage *self,
                     const char     *tag)
{
  GPtrArray *infos = g_hash_table_lookup (self->tag_runs, tag);

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    if (cvg_run_info_get_visible (g_ptr_array_index (infos, i)))
      return TRUE;
  return FALSE;
}

static int
compare_strings_natural (gconstpointer a,
                         gconstpointer b)
{
  return cvg_tag_compare (*(const char * const *) a, *(const char * const *) b);
}

/* Tags shown, by section: group → GPtrArray of tags, both sorted. */
static GPtrArray *
collect_groups (CvgScalarsPage *self,
                GHashTable     *by_group)
{
  GPtrArray *groups = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->tag_runs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *tag = key;
      g_autofree char *group = NULL;
      GPtrArray *tags;

      if (self->filter_regex != NULL && !g_regex_match (self->filter_regex, tag, 0, NULL))
        continue;
      if (!tag_has_visible_run (self, tag))
        continue;

      group = cvg_tag_group (tag);
      tags = g_hash_table_lookup (by_group, group);
      if (tags == NULL)
        {
          tags = g_ptr_array_new ();
          g_ptr_array_add (groups, group);
          g_hash_table_insert (by_group, g_steal_pointer (&group), tags);
        }
      g_ptr_array_add (tags, (gpointer) tag);
    }

  g_ptr_array_sort (groups, compare_strings_natural);
  return groups;
}

/* Rebuilds the flat list: cheap (no card is made here), so it runs
 * whole on every filter, visibility, width or collapse change. */
static void
rebuild_rows (CvgScalarsPage *self)
{
  g_autoptr(GHashTable) by_group = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) groups = collect_groups (self, by_group);
  g_autoptr(GPtrArray) new_rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->n_cards = 0;
  for (guint i = 0; i < groups->len; i++)
    {
      const char *group = g_ptr_array_index (groups, i);
      GPtrArray *tags = g_hash_table_lookup (by_group, group);

      self->n_cards += tags->len;
      g_ptr_array_sort (tags, compare_strings_natural);
      cvg_card_grid_add_section (self->grid, new_rows, group, tags,
                                 g_hash_table_contains (self->collapsed, group),
                                 (GBoxedCopyFunc) g_strdup, g_free);
    }

  cvg_card_grid_set_rows (self->grid, new_rows);
  gtk_stack_set_visible_child_name (self->stack, g_hash_table_size (self->tag_runs) > 0 ? "cards" : "empty");
}

static void
queue_rebuild_rows (CvgScalarsPage *self)
{
  cvg_card_grid_queue_rebuild (self->grid);
}

/* A tag of every run, or with groups their lines. */
static void
apply_card (CvgScalarsPage *self,
            const char     *tag,
            CvgScalarCard  *card)
{
  g_autoptr(GPtrArray) lines = NULL;

  if (self->groups == NULL)
    {
      cvg_scalar_card_set_data (card, tag, cvg_card_grid_get_runs (self->grid));
      return;
    }
  self->group_spec.x_axis = self->x_axis;
  self->group_spec.smoother = self->smoother;
  self->group_spec.smoothing = self->smoothing;
  lines = cvg_group_lines_build (cvg_card_grid_get_runs (self->grid), self->groups, tag, &self->group_spec,
                                 self->members);
  cvg_scalar_card_set_lines (card, tag, lines);
}

static void
apply_cards (CvgScalarsPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    apply_card (self, key, value);
}

/* Groups again from the runs' names, then every card. */
static void
regroup (CvgScalarsPage *self)
{
  GListModel *runs = cvg_card_grid_get_runs (self->grid);
  gboolean had = self->groups != NULL;

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->group_tree);
  if (self->group_spec.by != CVG_GROUP_BY_NONE && runs != NULL)
    {
      self->groups = cvg_group_lines_assign (runs, &self->group_spec);
      self->group_tree = cvg_group_lines_tree (runs, self->groups);
    }
  if (had || self->groups != NULL)
    {
      apply_cards (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPS]);
    }
}

/* A run shown, hidden or recoloured changes its group's lines. */
static void
run_changed_cb (CvgScalarsPage *self,
                GParamSpec     *pspec,
                CvgRunInfo     *info)
{
  if (self->groups != NULL)
    apply_cards (self);
}

static void
watch_run (CvgScalarsPage *self,
           CvgRunInfo     *info)
{
  if (g_hash_table_contains (self->watched, info))
    return;
  g_hash_table_add (self->watched, g_object_ref (info));
  g_signal_connect_object (info, "notify::visible", G_CALLBACK (run_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Which runs have which scalar tags. */
static void
index_runs (CvgScalarsPage *self)
{
  GListModel *runs = cvg_card_grid_get_runs (self->grid);

  g_hash_table_remove_all (self->tag_runs);
  self->n_lines = 0;
  /* Runs may have gone, and their series with them. */
  cvg_member_cache_clear (self->members);

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (info));

      watch_run (self, info);
      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);
          GPtrArray *infos;

          if (cvg_series_get_kind (s) != CVG_KIND_SCALAR || cvg_series_get_length (s) == 0)
            continue;
          self->n_lines++;
          infos = g_hash_table_lookup (self->tag_runs, cvg_series_get_tag (s));
          if (infos == NULL)
            {
              infos = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (self->tag_runs, g_strdup (cvg_series_get_tag (s)), infos);
            }
          g_ptr_array_add (infos, g_object_ref (info));
        }
    }
  /* New runs join their groups. */
  if (self->group_spec.by != CVG_GROUP_BY_NONE)
    regroup (self);
}

static GtkWidget *
ensure_card (const char     *tag,
             CvgScalarsPage *self)
{
  static const char *bound[] = { "smoothing", "x-axis", "log-scale", "ignore-outliers", "smoother", "log-x" };
  GtkWidget *card = g_hash_table_lookup (self->cards, tag);
  CvgScalarChart *chart;

  if (card != NULL)
    return card;

  card = g_object_ref_sink (cvg_scalar_card_new ());
  gtk_widget_set_size_request (card, -1, CARD_HEIGHT);
  gtk_widget_set_hexpand (card, TRUE);
  chart = cvg_scalar_card_get_chart (CVG_SCALAR_CARD (card));
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    g_object_bind_property (self, bound[i], chart, bound[i], G_BINDING_SYNC_CREATE);
  apply_card (self, tag, CVG_SCALAR_CARD (card));
  g_hash_table_insert (self->cards, g_strdup (tag), card);
  return card;
}

static void
header_clicked_cb (GtkButton      *button,
                   CvgScalarsPage *self)
{
  const char *group = g_object_get_data (G_OBJECT (button), "group");

  if (!g_hash_table_remove (self->collapsed, group))
    g_hash_table_add (self->collapsed, g_strdup (group));
  rebuild_rows (self);
}

static GtkWidget *
create_header (CvgCardRow     *row,
               CvgScalarsPage *self)
{
  gboolean collapsed = cvg_card_row_get_collapsed (row);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (cvg_card_row_get_group (row));
  g_autofree char *count = g_strdup_printf ("%u", cvg_card_row_get_n_items (row));
  GtkWidget *count_label = gtk_label_new (count);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (collapsed ? "pan-end-symbolic"
                                                                             : "pan-down-symbolic"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_box_append (GTK_BOX (box), count_label);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_tooltip_text (button, collapsed ? _("Expand Section") : _("Collapse Section"));
  g_object_set_data_full (G_OBJECT (button), "group", g_strdup (cvg_card_row_get_group (row)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (header_clicked_cb), self);
  return button;
}

/* A drop-down's position is the enum's value. */
static gboolean
enum_to_selected (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  guint selected = g_value_get_uint (from);
  GEnumClass *klass = g_type_class_peek (G_VALUE_TYPE (to));

  if (selected > G_MAXINT || g_enum_get_value (klass, (int) selected) == NULL)
    return FALSE;
  g_value_set_enum (to, (int) selected);
  return TRUE;
}

static void
bind_dropdown (CvgScalarsPage *self,
               const char     *property,
               GtkDropDown    *dropdown)
{
  g_object_bind_property_full (self, property, dropdown, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_to_selected, selected_to_enum, NULL, NULL);
}

/* The depth shows with folders, the regex with regexes. */
static gboolean
group_by_is (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

/* The moving average shows its window, the EMAs their weight. */
static char *
format_smoothing (GtkScale *scale,
                  double    value,
                  gpointer  user_data)
{
  CvgScalarsPage *self = user_data;

  if (self->smoother == CVG_SMOOTHER_MOVING_AVERAGE)
    /* Translators: the moving average's window, in points */
    return g_strdup_printf (_("%u pts"), cvg_smoother_window (value));
  return g_strdup_printf ("%.3f", value);
}

static void
smoother_notify_cb (CvgScalarsPage *self)
{
  /* Setting the function again redraws the value with it. */
  gtk_scale_set_format_value_func (self->smoothing_scale, format_smoothing, self, NULL);
}

static void
bind_toolbar (CvgScalarsPage *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  bind_dropdown (self, "smoother", self->smoother_dropdown);
  gtk_scale_set_format_value_func (self->smoothing_scale, format_smoothing, self, NULL);
  g_signal_connect (self, "notify::smoother", G_CALLBACK (smoother_notify_cb), NULL);
  bind_dropdown (self, "x-axis", self->x_axis_dropdown);
  bind_dropdown (self, "group-by", self->group_by_dropdown);
  bind_dropdown (self, "aggregate", self->aggregate_dropdown);
  bind_dropdown (self, "band", self->band_dropdown);
  g_object_bind_property (self, "log-x", self->log_x_button, "active", flags);
  g_object_bind_property (self, "group-depth", self->group_depth_adjustment, "value", flags);
  g_object_bind_property (self, "group-regex", self->group_regex_entry, "text", flags);
  g_object_bind_property (self, "show-members", self->members_button, "active", flags);
  g_object_bind_property_full (self, "group-by", self->group_depth_row, "visible", G_BINDING_SYNC_CREATE,
                               group_by_is, NULL, GINT_TO_POINTER (CVG_GROUP_BY_FOLDER), NULL);
  g_object_bind_property_full (self, "group-by", self->group_regex_row, "visible", G_BINDING_SYNC_CREATE,
                               group_by_is, NULL, GINT_TO_POINTER (CVG_GROUP_BY_REGEX), NULL);
  g_object_bind_property (self, "smoothing", self->smoothing_adjustment, "value", flags);
  g_object_bind_property (self, "log-scale", self->log_scale_button, "active", flags);
  g_object_bind_property (self, "ignore-outliers", self->outliers_button, "active", flags);
  g_object_bind_property (self, "tag-filter", self->filter_entry, "text", flags);
}

static void
cvg_scalars_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CvgScalarsPage *self = CVG_SCALARS_PAGE (widget);

  gtk_widget_measure (self->root_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* Cards per row follow the width; the list is re-chunked after the
 * allocation, never during it. */
static void
cvg_scalars_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CvgScalarsPage *self = CVG_SCALARS_PAGE (widget);

  gtk_widget_allocate (self->root_box, width, height, baseline, NULL);
  cvg_card_grid_set_width (self->grid, width);
}

static void
cvg_scalars_page_dispose (GObject *object)
{
  CvgScalarsPage *self = CVG_SCALARS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_SCALARS_PAGE);
  self->root_box = NULL;
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->tag_runs, g_hash_table_unref);
  g_clear_pointer (&self->generations, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->group_tree);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->members, cvg_member_cache_free);

  G_OBJECT_CLASS (cvg_scalars_page_parent_class)->dispose (object);
}

static void
cvg_scalars_page_finalize (GObject *object)
{
  CvgScalarsPage *self = CVG_SCALARS_PAGE (object);

  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->filter_regex, g_regex_unref);
  g_clear_pointer (&self->tag_filter, g_free);
  g_clear_pointer (&self->group_regex, g_free);
  g_clear_pointer (&self->group_spec.regex, g_regex_unref);

  G_OBJECT_CLASS (cvg_scalars_page_parent_class)->finalize (object);
}

static void
set_smoothing (CvgScalarsPage *self,
               double          smoothing)
{
  if (self->smoothing == smoothing)
    return;
  self->smoothing = smoothing;
  /* Groups aggregate their members smoothed. */
  if (self->groups != NULL)
    apply_cards (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMOOTHING]);
}

static void
set_x_axis (CvgScalarsPage *self,
            CvgXAxis        x_axis)
{
  if (self->x_axis == x_axis)
    return;
  self->x_axis = x_axis;
  /* Groups align their members on it. */
  if (self->groups != NULL)
    apply_cards (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

static void
set_boolean (CvgScalarsPage *self,
             gboolean       *field,
             gboolean        value,
             guint           prop_id)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_tag_filter (CvgScalarsPage *self,
                const char     *tag_filter)
{
  if (tag_filter == NULL)
    tag_filter = "";
  if (g_strcmp0 (self->tag_filter, tag_filter) == 0)
    return;

  g_free (self->tag_filter);
  self->tag_filter = g_strdup (tag_filter);
  g_clear_pointer (&self->filter_regex, g_regex_unref);
  self->filter_regex = cvg_card_grid_compile_filter (self->filter_entry, tag_filter);

  rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_FILTER]);
}

/* The regex of "group-regex": invalid, nothing groups (the entry says
 * why, as the tag filter's does). */
static void
set_group_regex (CvgScalarsPage *self,
                 const char     *regex)
{
  if (regex == NULL)
    regex = "";
  if (g_strcmp0 (self->group_regex, regex) == 0)
    return;
  g_free (self->group_regex);
  self->group_regex = g_strdup (regex);
  g_clear_pointer (&self->group_spec.regex, g_regex_unref);
  self->group_spec.regex = cvg_card_grid_compile_filter (self->group_regex_entry, regex);
  if (self->group_spec.by == CVG_GROUP_BY_REGEX)
    regroup (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_REGEX]);
}

/* An enum or number of the group spec; @regroups: whether the groups
 * themselves change, or only how they are drawn. */
static void
set_group_field (CvgScalarsPage *self,
                 guint          *field,
                 guint           value,
                 gboolean        regroups,
                 guint           prop_id)
{
  if (*field == value)
    return;
  *field = value;
  if (regroups)
    regroup (self);
  else if (self->groups != NULL)
    apply_cards (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
cvg_scalars_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CvgScalarsPage *self = CVG_SCALARS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      g_value_set_double (value, self->smoothing);
      break;
    case PROP_X_AXIS:
      g_value_set_enum (value, self->x_axis);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_IGNORE_OUTLIERS:
      g_value_set_boolean (value, self->ignore_outliers);
      break;
    case PROP_SMOOTHER:
      g_value_set_enum (value, self->smoother);
      break;
    case PROP_LOG_X:
      g_value_set_boolean (value, self->log_x);
      break;
    case PROP_TAG_FILTER:
      g_value_set_string (value, self->tag_filter);
      break;
    case PROP_GROUP_BY:
      g_value_set_enum (value, self->group_spec.by);
      break;
    case PROP_GROUP_DEPTH:
      g_value_set_uint (value, self->group_spec.depth);
      break;
    case PROP_GROUP_REGEX:
      g_value_set_string (value, self->group_regex);
      break;
    case PROP_AGGREGATE:
      g_value_set_enum (value, self->group_spec.aggregate);
      break;
    case PROP_BAND:
      g_value_set_enum (value, self->group_spec.band);
      break;
    case PROP_SHOW_MEMBERS:
      g_value_set_boolean (value, self->group_spec.members);
      break;
    case PROP_GROUPS:
      g_value_set_object (value, self->group_tree);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_scalars_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CvgScalarsPage *self = CVG_SCALARS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      set_smoothing (self, g_value_get_double (value));
      break;
    case PROP_X_AXIS:
      set_x_axis (self, g_value_get_enum (value));
      break;
    case PROP_LOG_SCALE:
      set_boolean (self, &self->log_scale, g_value_get_boolean (value), PROP_LOG_SCALE);
      break;
    case PROP_IGNORE_OUTLIERS:
      set_boolean (self, &self->ignore_outliers, g_value_get_boolean (value), PROP_IGNORE_OUTLIERS);
      break;
    case PROP_SMOOTHER:
      set_group_field (self, (guint *) &self->smoother, g_value_get_enum (value), FALSE, prop_id);
      break;
    case PROP_LOG_X:
      set_boolean (self, &self->log_x, g_value_get_boolean (value), PROP_LOG_X);
      break;
    case PROP_TAG_FILTER:
      set_tag_filter (self, g_value_get_string (value));
      break;
    case PROP_GROUP_BY:
      set_group_field (self, (guint *) &self->group_spec.by, g_value_get_enum (value), TRUE, prop_id);
      break;
    case PROP_GROUP_DEPTH:
      set_group_field (self, &self->group_spec.depth, g_value_get_uint (value),
                       self->group_spec.by == CVG_GROUP_BY_FOLDER, prop_id);
      break;
    case PROP_GROUP_REGEX:
      set_group_regex (self, g_value_get_string (value));
      break;
    case PROP_AGGREGATE:
      set_group_field (self, (guint *) &self->group_spec.aggregate, g_value_get_enum (value), FALSE, prop_id);
      break;
    case PROP_BAND:
      set_group_field (self, (guint *) &self->group_spec.band, g_value_get_enum (value), FALSE, prop_id);
      break;
    case PROP_SHOW_MEMBERS:
      set_group_field (self, (guint *) &self->group_spec.members, !!g_value_get_boolean (value), FALSE, prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_scalars_page_class_init (CvgScalarsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_scalars_page_dispose;
  object_class->finalize = cvg_scalars_page_finalize;
  object_class->get_property = cvg_scalars_page_get_property;
  object_class->set_property = cvg_scalars_page_set_property;

  widget_class->measure = cvg_scalars_page_measure;
  widget_class->size_allocate = cvg_scalars_page_size_allocate;

  cvg_scalar_chart_view_param_specs (&properties[PROP_SMOOTHING]);
  cvg_scalar_chart_more_param_specs (&properties[PROP_SMOOTHER]);
  properties[PROP_TAG_FILTER] =
    g_param_spec_string ("tag-filter", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_BY] =
    g_param_spec_enum ("group-by", NULL, NULL, CVG_TYPE_GROUP_BY, CVG_GROUP_BY_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_DEPTH] =
    g_param_spec_uint ("group-depth", NULL, NULL, 1, CVG_GROUP_MAX_DEPTH, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_REGEX] =
    g_param_spec_string ("group-regex", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGGREGATE] =
    g_param_spec_enum ("aggregate", NULL, NULL, CVG_TYPE_AGGREGATE, CVG_AGGREGATE_MEAN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BAND] =
    g_param_spec_enum ("band", NULL, NULL, CVG_TYPE_BAND, CVG_BAND_MIN_MAX,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_MEMBERS] =
    g_param_spec_boolean ("show-members", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUPS] =
    g_param_spec_object ("groups", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/converge/Converge/ui/cvg-scalars-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, smoothing_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, smoothing_scale);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, x_axis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, smoother_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, log_x_button);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, log_scale_button);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, outliers_button);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, group_by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, group_depth_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, group_depth_row);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, group_regex_entry);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, group_regex_row);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, aggregate_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, band_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CvgScalarsPage, members_button);

  gtk_widget_class_set_css_name (widget_class, "scalars-page");
}

static void
cvg_scalars_page_init (CvgScalarsPage *self)
{
  self->smoothing = 0.6;
  self->ignore_outliers = TRUE;
  self->tag_filter = g_strdup ("");
  self->group_regex = g_strdup ("");
  self->group_spec.depth = 1;
  self->group_spec.members = TRUE;
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->members = cvg_member_cache_new ();
  self->tag_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->grid = cvg_card_grid_new (self->list_view, (CvgCardGridHeaderFunc) create_header,
                                  (CvgCardGridCardFunc) ensure_card,
                                  (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);

  bind_toolbar (self);
  rebuild_rows (self);
}

GtkWidget *
cvg_scalars_page_new (void)
{
  return g_object_new (CVG_TYPE_SCALARS_PAGE, NULL);
}

void
cvg_scalars_page_set_runs (CvgScalarsPage *self,
                           GListModel     *runs)
{
  g_return_if_fail (CVG_IS_SCALARS_PAGE (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  /* Cards hold the previous runs: empty the list first, so none is bound. */
  cvg_card_grid_clear (self->grid);
  g_hash_table_remove_all (self->cards);
  g_hash_table_remove_all (self->generations);
  /* Its series go with the runs. */
  cvg_member_cache_clear (self->members);
  cvg_card_grid_set_runs (self->grid, runs);
}

guint
cvg_scalars_page_get_n_cards (CvgScalarsPage *self)
{
  g_return_val_if_fail (CVG_IS_SCALARS_PAGE (self), 0);

  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

/* Changes whenever a line of @tag grows. */
static guint
tag_generation (CvgScalarsPage *self,
                const char     *tag)
{
  GPtrArray *infos = g_hash_table_lookup (self->tag_runs, tag);
  guint generation = 0;

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      CvgRun *run = cvg_run_info_get_run (g_ptr_array_index (infos, i));

      generation += cvg_series_get_generation (cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag));
    }
  return generation;
}

/* New lines: index again, cards whose set of lines changed take it; the
 * charts of tags that grew re-read, the others do nothing. */
static void
refresh_new_lines (CvgScalarsPage *self)
{
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) old_tags = g_ptr_array_new_with_free_func (g_free);
  gboolean changed;
  GHashTableIter iter;
  gpointer key, value;

  /* How many runs had each tag, to tell new lines from longer ones. */
  g_hash_table_iter_init (&iter, self->tag_runs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char *tag = g_strdup (key);

      g_ptr_array_add (old_tags, tag);
      g_hash_table_insert (before, tag, GUINT_TO_POINTER (((GPtrArray *) value)->len));
    }
  index_runs (self);
  changed = g_hash_table_size (before) != g_hash_table_size (self->tag_runs);

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *infos = g_hash_table_lookup (self->tag_runs, key);
      guint n = infos != NULL ? infos->len : 0;

      if (n != GPOINTER_TO_UINT (g_hash_table_lookup (before, key)))
        apply_card (self, key, value);
    }
  if (changed)
    queue_rebuild_rows (self);
}

void
cvg_scalars_page_refresh (CvgScalarsPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (CVG_IS_SCALARS_PAGE (self));

  if (!cvg_card_grid_begin_refresh (self->grid, GTK_WIDGET (self), (CvgCardGridRebuildFunc) cvg_scalars_page_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), CVG_KIND_SCALAR) != self->n_lines)
    refresh_new_lines (self);

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint generation = tag_generation (self, key);

      if (generation == GPOINTER_TO_UINT (g_hash_table_lookup (self->generations, key)))
        continue;
      g_hash_table_insert (self->generations, g_strdup (key), GUINT_TO_POINTER (generation));
      /* A group's line is made of what its members held. */
      if (self->groups != NULL)
        apply_card (self, key, value);
      else
        cvg_scalar_chart_reload (cvg_scalar_card_get_chart (value));
    }
}
