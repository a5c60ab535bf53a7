/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-projector-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cvg-projector-page.h"

#include "cvg-page.h"

#include "cvg-neighbors.h"
#include "cvg-owned-task.h"
#include "cvg-projector.h"
#include "cvg-projector-layout.h"
#include "cvg-projector-resources.h"
#include "cvg-scatter-view.h"

#define ANIMATION_MS      60
#define STEP_CHUNK        10
#define MAX_TOOLTIP_CELLS 8
#define MAX_LEGEND        10

/* TensorBoard's d3.schemeCategory10, index i taking colour (3i) mod 10. */
static const guint32 category10[] = {
  0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
};
#define NO_COLOR_LIGHT 0x3584e4
#define NO_COLOR_DARK  0x78aeed
#define MISSING_COLOR  0x9a9996

/* What a load gives: read-only once made, shared with the workers. */
typedef struct
{
  CvgEmbedding    *embedding;
  float           *packed;        /* the finite rows, as read: neighbours are found here */
  guint            n_rows;
  guint           *rows;          /* packed row -> point */
  int             *row_of_point;  /* point -> packed row, or -1 */
  cairo_surface_t *sprites;
} Loaded;

static void
loaded_clear (Loaded *loaded)
{
  g_clear_pointer (&loaded->embedding, cvg_embedding_unref);
  g_free (loaded->packed);
  g_free (loaded->rows);
  g_free (loaded->row_of_point);
  g_clear_pointer (&loaded->sprites, cairo_surface_destroy);
}

static Loaded *
loaded_ref (Loaded *loaded)
{
  return g_rc_box_acquire (loaded);
}

static void
loaded_unref (Loaded *loaded)
{
  g_rc_box_release_full (loaded, (GDestroyNotify) loaded_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_unref)

/* A t-SNE or UMAP run, stepped on a worker a few iterations at a time;
 * the page polls its positions to animate. */
typedef struct
{
  CvgProjectorMethod  method;
  float              *data;       /* until the worker prepares */
  guint               n_rows;
  guint               n_dims;
  CvgTsneParams       tsne_params;
  CvgUmapParams       umap_params;
  guint               target;     /* t-SNE iterations */
  CvgTsne            *tsne;
  CvgUmap            *umap;
  int                 paused;     /* atomic */
  int                 prepared;   /* atomic */
} Job;

static void
job_clear (Job *job)
{
  g_free (job->data);
  g_clear_pointer (&job->tsne, cvg_tsne_free);
  g_clear_pointer (&job->umap, cvg_umap_free);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

typedef enum { STATE_IDLE, STATE_SCANNING, STATE_LOADING, STATE_PROJECTING, STATE_READY } State;
static const char * const state_names[] = { "idle", "scanning", "loading", "projecting", "ready" };

struct _CvgProjectorPage
{
  GtkWidget          parent_instance;

  /* Template children. */
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkDropDown       *tensor_drop;
  GtkDropDown       *step_drop;
  GtkDropDown       *color_drop;
  GtkDropDown       *label_drop;
  GtkSwitch         *sphereize_switch;
  GtkBox            *legend_box;
  GtkDropDown       *method_drop;
  GtkDropDown       *dims_drop;
  GtkBox            *pca_box;
  GtkDropDown       *x_drop;
  GtkDropDown       *y_drop;
  GtkDropDown       *z_drop;
  GtkLabel          *variance_label;
  GtkBox            *tsne_box;
  GtkSpinButton     *perplexity_spin;
  GtkSpinButton     *learning_rate_spin;
  GtkSpinButton     *iterations_spin;
  GtkBox            *umap_box;
  GtkSpinButton     *neighbors_spin;
  GtkSpinButton     *min_dist_spin;
  GtkSpinButton     *epochs_spin;
  GtkBox            *custom_box;
  GtkSearchEntry    *custom_entries[CVG_PROJECTOR_N_DIRECTIONS];
  GtkLabel          *custom_counts[CVG_PROJECTOR_N_DIRECTIONS];
  GtkLabel          *custom_label;
  GtkSpinButton     *seed_spin;
  GtkButton         *run_button;
  GtkButton         *pause_button;
  GtkProgressBar    *progress_bar;
  GtkLabel          *notices_label;
  GtkLabel          *status_label;
  CvgScatterView    *view;
  GtkDropDown       *search_column_drop;
  GtkSearchEntry    *search_entry;
  GtkLabel          *search_label;
  GtkDropDown       *distance_drop;
  GtkSpinButton     *k_spin;
  GtkLabel          *selection_label;
  GtkListBox        *neighbor_list;

  char              *folder;
  gboolean           has_content;
  State              state;
  guint              generation;    /* bumped whenever what is shown is replaced */
  GCancellable      *cancellable;   /* of everything for the folder shown */
  GCancellable      *job_cancellable;
  GPtrArray         *scans;         /* of CvgProjectorScan: the newest last; kept for workers */
  CvgProjectorScan  *scan;
  Loaded            *loaded;
  CvgPca            *pca;
  Job               *job;
  gboolean           job_running;
  guint              poll_id;
  CvgProjectorLayout *layout;
  GArray            *color_columns; /* guint: columns offered by color_drop after "None" */

  /* The scene: one entry per point. */
  float             *coords;
  guint32           *colors;
  guint8            *flags;
  const char       **labels;
  gboolean           isolated;
  int                selected;
  GArray            *neighbors;     /* of guint points */
  GCancellable      *neighbor_cancellable;
};

/* No runs: it looks at the folder itself (its "folder" property). */
static void
cvg_projector_page_iface_init (CvgPageInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgProjectorPage, cvg_projector_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_projector_page_iface_init))

enum { PROP_0, PROP_FOLDER, PROP_HAS_CONTENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void run_projection (CvgProjectorPage *self);
static void dims_changed_cb (CvgProjectorPage *self);
static void select_point   (CvgProjectorPage *self,
                            int               point);

static void
set_state (CvgProjectorPage *self,
           State             state)
{
  self->state = state;
  if (state == STATE_SCANNING || state == STATE_LOADING)
    gtk_progress_bar_pulse (self->progress_bar);
}

static guint
n_points (CvgProjectorPage *self)
{
  return self->loaded != NULL ? self->loaded->embedding->n_points : 0;
}

/* The scene. */

static void
push_scene (CvgProjectorPage *self)
{
  const CvgScatterScene *old = cvg_scatter_view_get_scene (self->view);
  CvgScatterScene scene = *old;

  scene.n_points = self->coords != NULL ? n_points (self) : 0;
  scene.n_dims = self->layout != NULL ? self->layout->n_dims : 2;
  scene.coords = self->coords;
  scene.colors = self->colors;
  scene.flags = self->flags;
  scene.labels = self->labels;
  scene.sprites = self->loaded != NULL ? self->loaded->sprites : NULL;
  scene.sprite_width = self->loaded != NULL ? self->loaded->embedding->sprite_width : 0;
  scene.sprite_height = self->loaded != NULL ? self->loaded->embedding->sprite_height : 0;
  cvg_scatter_view_set_scene (self->view, &scene);
}

static void
update_flags (CvgProjectorPage *self)
{
  guint n = n_points (self);

  if (self->flags == NULL)
    return;
  memset (self->flags, 0, n);
  for (guint i = 0; i < n; i++)
    if (self->loaded->row_of_point[i] < 0)
      self->flags[i] |= CVG_SCATTER_HIDDEN;
  if (self->selected >= 0)
    self->flags[self->selected] |= CVG_SCATTER_SELECTED;
  for (guint k = 0; self->neighbors != NULL && k < self->neighbors->len; k++)
    self->flags[g_array_index (self->neighbors, guint, k)] |= CVG_SCATTER_NEIGHBOR;
  {
    GArray *matches = g_object_get_data (G_OBJECT (self->search_entry), "matches");

    for (guint k = 0; matches != NULL && k < matches->len; k++)
      self->flags[g_array_index (matches, guint, k)] |= CVG_SCATTER_MATCH;
  }
  if (self->isolated)
    for (guint i = 0; i < n; i++)
      if ((self->flags[i] & (CVG_SCATTER_SELECTED | CVG_SCATTER_NEIGHBOR | CVG_SCATTER_MATCH)) == 0)
        self->flags[i] |= CVG_SCATTER_HIDDEN;
  push_scene (self);
}

/* The layout's rows into the unit cube, one scale for every axis. */
static void
apply_layout (CvgProjectorPage   *self,
              CvgProjectorLayout *layout)
{
  guint d = layout->n_dims;
  double lo[3] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE }, hi[3] = { -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double half = 0;

  g_clear_pointer (&self->layout, cvg_projector_layout_free);
  self->layout = layout;
  g_free (self->coords);
  self->coords = g_new0 (float, (gsize) MAX (n_points (self), 1) * d);
  for (guint i = 0; i < layout->n_rows; i++)
    for (guint j = 0; j < d; j++)
      {
        double v = layout->coords[(gsize) i * d + j];

        lo[j] = MIN (lo[j], v);
        hi[j] = MAX (hi[j], v);
      }
  for (guint j = 0; j < d; j++)
    half = MAX (half, (hi[j] - lo[j]) / 2);
  if (half <= 0 || !isfinite (half))
    half = 1;
  for (guint i = 0; i < layout->n_rows; i++)
    for (guint j = 0; j < d; j++)
      self->coords[(gsize) layout->rows[i] * d + j] =
        (float) ((layout->coords[(gsize) i * d + j] - (lo[j] + hi[j]) / 2) / half);
  update_flags (self);
}

/* Colours and the legend. */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
add_legend_row (CvgProjectorPage *self,
                guint32           rgb,
                const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"#%06x\">●</span> %s", rgb, escaped);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (self->legend_box, label);
}

static guint32
gradient (double t,
          gboolean dark)
{
  /* TensorBoard's #ffffdd → #1f2d86; the pale end darkened on a light
   * background, the dark end lightened on a dark one, to stay visible. */
  guint32 from = dark ? 0xffffdd : 0xf6c343, to = dark ? 0x6d7fe8 : 0x1f2d86;
  guint r = (guint) (((from >> 16) & 0xff) + t * ((int) ((to >> 16) & 0xff) - (int) ((from >> 16) & 0xff)));
  guint g = (guint) (((from >> 8) & 0xff) + t * ((int) ((to >> 8) & 0xff) - (int) ((from >> 8) & 0xff)));
  guint b = (guint) ((from & 0xff) + t * ((int) (to & 0xff) - (int) (from & 0xff)));

  return r << 16 | g << 8 | b;
}

static void
color_numeric (CvgProjectorPage *self,
               guint             column,
               gboolean          dark)
{
  CvgEmbedding *embedding = self->loaded->embedding;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  char text[64];

  for (guint i = 0; i < embedding->n_points; i++)
    {
      const char *cell = cvg_embedding_get_cell (embedding, i, column);

      if (cell != NULL)
        {
          double v = g_ascii_strtod (cell, NULL);

          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }
  for (guint i = 0; i < embedding->n_points; i++)
    {
      const char *cell = cvg_embedding_get_cell (embedding, i, column);

      self->colors[i] = cell == NULL ? MISSING_COLOR
                        : gradient (hi > lo ? (g_ascii_strtod (cell, NULL) - lo) / (hi - lo) : 0, dark);
    }
  if (lo > hi)
    return;
  g_snprintf (text, sizeof text, "%g", lo);
  add_legend_row (self, gradient (0, dark), text);
  g_snprintf (text, sizeof text, "%g", hi);
  add_legend_row (self, gradient (1, dark), text);
}

typedef struct
{
  const char *value;
  guint       count;
  guint       first;
} Category;

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const Category *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* Categories by count, most frequent first, as TensorBoard orders them. */
static void
color_categorical (CvgProjectorPage *self,
                   guint             column)
{
  CvgEmbedding *embedding = self->loaded->embedding;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (Category));

  for (guint i = 0; i < embedding->n_points; i++)
    {
      const char *cell = cvg_embedding_get_cell (embedding, i, column);
      gpointer k;

      if (cell == NULL)
        continue;
      if (g_hash_table_lookup_extended (index, cell, NULL, &k))
        g_array_index (categories, Category, GPOINTER_TO_UINT (k)).count++;
      else
        {
          Category c = { cell, 1, i };

          g_hash_table_insert (index, (gpointer) cell, GUINT_TO_POINTER (categories->len));
          g_array_append_val (categories, c);
        }
    }
  g_array_sort (categories, compare_categories);
  g_hash_table_remove_all (index);
  for (guint k = 0; k < categories->len; k++)
    g_hash_table_insert (index, (gpointer) g_array_index (categories, Category, k).value, GUINT_TO_POINTER (k));
  for (guint i = 0; i < embedding->n_points; i++)
    {
      const char *cell = cvg_embedding_get_cell (embedding, i, column);

      self->colors[i] = cell == NULL ? MISSING_COLOR
                        : category10[(3 * GPOINTER_TO_UINT (g_hash_table_lookup (index, cell))) % 10];
    }
  for (guint k = 0; k < MIN (categories->len, MAX_LEGEND); k++)
    add_legend_row (self, category10[(3 * k) % 10], g_array_index (categories, Category, k).value);
  if (categories->len > MAX_LEGEND)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u colour, not unique past 10", "%u colours, not unique past 10",
                                                         categories->len), categories->len);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->legend_box, label);
    }
}

static void
update_colors (CvgProjectorPage *self)
{
  guint item = gtk_drop_down_get_selected (self->color_drop);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  guint n = n_points (self);

  clear_box (self->legend_box);
  if (self->loaded == NULL)
    return;
  g_free (self->colors);
  self->colors = g_new (guint32, MAX (n, 1));
  if (item == 0 || item == GTK_INVALID_LIST_POSITION || item > self->color_columns->len)
    for (guint i = 0; i < n; i++)
      self->colors[i] = dark ? NO_COLOR_DARK : NO_COLOR_LIGHT;
  else
    {
      guint column = g_array_index (self->color_columns, guint, item - 1);

      /* Class numbers (a few distinct values) read better as categories. */
      if (cvg_embedding_column_is_numeric (self->loaded->embedding, column)
          && cvg_embedding_column_count_distinct (self->loaded->embedding, column, MAX_LEGEND) > MAX_LEGEND)
        color_numeric (self, column, dark);
      else
        color_categorical (self, column);
    }
  push_scene (self);
}

static void
update_labels (CvgProjectorPage *self)
{
  guint item = gtk_drop_down_get_selected (self->label_drop);
  CvgEmbedding *embedding;

  g_clear_pointer (&self->labels, g_free);
  if (self->loaded == NULL)
    return;
  embedding = self->loaded->embedding;
  if (item > 0 && item != GTK_INVALID_LIST_POSITION && item <= embedding->n_columns)
    {
      self->labels = g_new0 (const char *, MAX (embedding->n_points, 1));
      for (guint i = 0; i < embedding->n_points; i++)
        self->labels[i] = cvg_embedding_get_cell (embedding, i, item - 1);
    }
  push_scene (self);
}

/* The text shown for a point: its label, else its number. */
static char *
point_name (CvgProjectorPage *self,
            guint             point)
{
  if (self->labels != NULL && self->labels[point] != NULL)
    return g_strdup_printf ("%u · %s", point, self->labels[point]);
  return g_strdup_printf (_("Point %u"), point);
}

static char *
tooltip_cb (guint    point,
            gpointer user_data)
{
  CvgProjectorPage *self = user_data;
  CvgEmbedding *embedding;
  GString *text;

  if (self->loaded == NULL || point >= n_points (self))
    return NULL;
  embedding = self->loaded->embedding;
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Point %u"), point);
  for (guint c = 0; c < MIN (embedding->n_columns, MAX_TOOLTIP_CELLS); c++)
    {
      const char *cell = cvg_embedding_get_cell (embedding, point, c);

      g_string_append_printf (text, "\n%s: %s", embedding->column_names[c], cell != NULL ? cell : "—");
    }
  return g_string_free (text, FALSE);
}

/* Notices: what the scan and the load had to say. */

static void
show_notices (CvgProjectorPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *lists[2] = { self->scan != NULL ? self->scan->notices : NULL,
                          self->loaded != NULL ? self->loaded->embedding->notices : NULL };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n\n" : "", (const char *) g_ptr_array_index (lists[l], i));
  /* Plain text: paths and names come from the logs. */
  gtk_label_set_text (self->notices_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notices_label), text->len > 0);
}

static void
set_has_content (CvgProjectorPage *self,
                 gboolean          has_content)
{
  if (self->has_content == has_content)
    return;
  self->has_content = has_content;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONTENT]);
}

/* @entry's text as a regular expression, case-insensitive as
 * TensorBoard's queries; when it does not compile, NULL with @error set
 * and the entry styled as an error. */
static GRegex *
entry_regex (GtkWidget  *entry,
             GError    **error)
{
  GRegex *regex = g_regex_new (gtk_editable_get_text (GTK_EDITABLE (entry)), G_REGEX_CASELESS, 0, error);

  if (regex == NULL)
    gtk_widget_add_css_class (entry, "error");
  return regex;
}

/* Iterative methods. */

static void
stop_job (CvgProjectorPage *self)
{
  g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_pointer (&self->job, job_unref);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->job_running = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button), FALSE);
}

static guint
job_done_units (Job   *job,
                guint *total)
{
  if (job->method == CVG_PROJECTOR_TSNE)
    {
      *total = job->target;
      return job->tsne != NULL ? cvg_tsne_get_iteration (job->tsne) : 0;
    }
  *total = job->umap != NULL ? cvg_umap_get_n_epochs (job->umap) : 1;
  return job->umap != NULL ? cvg_umap_get_epoch (job->umap) : 0;
}

static gboolean
poll_job_cb (gpointer user_data)
{
  CvgProjectorPage *self = user_data;
  Job *job = self->job;
  g_autofree float *positions = NULL;
  g_autofree char *text = NULL;
  guint done, total;

  if (job == NULL || !g_atomic_int_get (&job->prepared))
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  done = job_done_units (job, &total);
  positions = job->method == CVG_PROJECTOR_TSNE ? cvg_tsne_copy_positions (job->tsne, NULL)
                                                : cvg_umap_copy_positions (job->umap, NULL);
  apply_layout (self, cvg_projector_layout_new (self->loaded->embedding, positions,
                                                job->method == CVG_PROJECTOR_TSNE ? job->tsne_params.n_dims
                                                                                  : job->umap_params.n_dims));
  text = job->method == CVG_PROJECTOR_TSNE ? g_strdup_printf (_("Iteration %u of %u"), done, total)
                                           : g_strdup_printf (_("Epoch %u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (job->method == CVG_PROJECTOR_TSNE && job->tsne == NULL)
    job->tsne = cvg_tsne_new (job->data, job->n_rows, job->n_dims, &job->tsne_params, cancellable, &error);
  else if (job->method == CVG_PROJECTOR_UMAP && job->umap == NULL)
    job->umap = cvg_umap_new (job->data, job->n_rows, job->n_dims, &job->umap_params, cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&job->data, g_free);
  g_atomic_int_set (&job->prepared, TRUE);
  for (;;)
    {
      guint total, done = job_done_units (job, &total);
      gboolean ok;

      if (done >= total || g_atomic_int_get (&job->paused))
        break;
      ok = job->method == CVG_PROJECTOR_TSNE
        ? cvg_tsne_step (job->tsne, MIN (STEP_CHUNK, total - done), cancellable, &error)
        : cvg_umap_step (job->umap, MIN (STEP_CHUNK, total - done), cancellable, &error);
      if (!ok)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
job_finished_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint total, done;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && job == self->job)
        {
          gtk_label_set_text (self->status_label, error->message);
          stop_job (self);
        }
      return;
    }
  if (job != self->job)
    return;
  self->job_running = FALSE;
  poll_job_cb (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  done = job_done_units (job, &total);
  gtk_button_set_label (self->pause_button, done < total ? _("_Resume") : _("_Pause"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button), done < total);
  set_state (self, STATE_READY);
}

static void
start_job_task (CvgProjectorPage *self)
{
  g_autoptr(GTask) task = cvg_owned_task_new (self, self->job_cancellable, job_finished_cb, NULL);

  g_atomic_int_set (&self->job->paused, FALSE);
  g_task_set_task_data (task, job_ref (self->job), (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, job_thread);
  self->job_running = TRUE;
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (ANIMATION_MS, poll_job_cb, self);
  gtk_button_set_label (self->pause_button, _("_Pause"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button), TRUE);
  set_state (self, STATE_PROJECTING);
}

static guint
selected_dims (CvgProjectorPage *self)
{
  return gtk_drop_down_get_selected (self->dims_drop) == 1 ? 3 : 2;
}

static void
start_job (CvgProjectorPage   *self,
           CvgProjectorMethod  method)
{
  Job *job = g_atomic_rc_box_new0 (Job);

  job->method = method;
  job->data = cvg_projector_prepare (self->loaded->embedding, gtk_switch_get_active (self->sphereize_switch),
                                     &job->n_rows);
  job->n_dims = self->loaded->embedding->n_dims;
  cvg_tsne_params_init (&job->tsne_params);
  cvg_umap_params_init (&job->umap_params);
  job->tsne_params.n_dims = job->umap_params.n_dims = selected_dims (self);
  job->tsne_params.seed = job->umap_params.seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  job->tsne_params.perplexity = gtk_spin_button_get_value (self->perplexity_spin);
  job->tsne_params.learning_rate = gtk_spin_button_get_value (self->learning_rate_spin);
  job->target = (guint) gtk_spin_button_get_value (self->iterations_spin);
  job->umap_params.n_neighbors = (guint) gtk_spin_button_get_value (self->neighbors_spin);
  job->umap_params.min_dist = gtk_spin_button_get_value (self->min_dist_spin);
  job->umap_params.n_epochs = (guint) gtk_spin_button_get_value (self->epochs_spin);
  self->job = job;
  self->job_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress_bar, _("Finding neighbours…"));
  start_job_task (self);
}

static void
pause_clicked_cb (CvgProjectorPage *self)
{
  if (self->job == NULL)
    return;
  if (self->job_running)
    {
      g_atomic_int_set (&self->job->paused, TRUE);
      gtk_button_set_label (self->pause_button, _("_Resume"));
    }
  else
    start_job_task (self);
}

/* PCA. */

static void
update_variance_label (CvgProjectorPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double total = 0;
  guint dims = selected_dims (self);

  if (self->layout == NULL || self->layout->n_variances == 0)
    return;
  for (guint d = 0; d < dims; d++)
    if (self->layout->axes[d] < self->layout->n_variances)
      total += self->layout->variance_fractions[self->layout->axes[d]];
  g_string_printf (text, _("Variance shown: %.1f%%"), 100 * total);
  gtk_label_set_text (self->variance_label, text->str);
}

static void
apply_pca (CvgProjectorPage *self)
{
  guint axes[3] = { gtk_drop_down_get_selected (self->x_drop), gtk_drop_down_get_selected (self->y_drop),
                    gtk_drop_down_get_selected (self->z_drop) };

  if (self->pca == NULL)
    return;
  for (guint d = 0; d < 3; d++)
    if (axes[d] == GTK_INVALID_LIST_POSITION)
      axes[d] = d;
  apply_layout (self, cvg_projector_layout_from_pca (self->loaded->embedding, self->pca, selected_dims (self), axes));
  update_variance_label (self);
}

static void
fill_axes (CvgProjectorPage *self)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  const double *fractions = cvg_pca_get_variance_fractions (self->pca);
  GtkDropDown *drops[3] = { self->x_drop, self->y_drop, self->z_drop };

  for (guint k = 0; k < cvg_pca_get_n_components (self->pca); k++)
    {
      g_autofree char *item = g_strdup_printf (_("Component %u (%.1f%%)"), k + 1, 100 * fractions[k]);

      gtk_string_list_append (items, item);
    }
  for (guint d = 0; d < 3; d++)
    {
      g_signal_handlers_block_by_func (drops[d], apply_pca, self);
      gtk_drop_down_set_model (drops[d], G_LIST_MODEL (items));
      gtk_drop_down_set_selected (drops[d], MIN (d, cvg_pca_get_n_components (self->pca) - 1));
      g_signal_handlers_unblock_by_func (drops[d], apply_pca, self);
    }
}

static void
pca_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Loaded *loaded = task_data;
  gboolean sphereize = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "sphereize"));
  GError *error = NULL;
  CvgPca *pca = cvg_projector_compute_pca (loaded->embedding, sphereize, cancellable, &error);

  if (pca == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pca, (GDestroyNotify) cvg_pca_free);
}

static void
pca_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);
  g_autoptr(GError) error = NULL;
  CvgPca *pca = g_task_propagate_pointer (G_TASK (result), &error);

  if (GPOINTER_TO_UINT (user_data) != self->generation || g_task_get_task_data (G_TASK (result)) != self->loaded)
    {
      g_clear_pointer (&pca, cvg_pca_free);
      return;
    }
  if (pca == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      set_state (self, STATE_READY);
      return;
    }
  g_clear_pointer (&self->pca, cvg_pca_free);
  self->pca = pca;
  fill_axes (self);
  apply_pca (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 1);
  gtk_progress_bar_set_text (self->progress_bar, _("PCA done"));
  set_state (self, STATE_READY);
}

/* Custom projection: four queries over the "Search by" column. */

typedef struct
{
  Loaded   *loaded;
  gboolean  sphereize;
  GArray   *points[CVG_PROJECTOR_N_DIRECTIONS];
} CustomRequest;

static void
custom_request_free (CustomRequest *request)
{
  g_clear_pointer (&request->loaded, loaded_unref);
  for (guint d = 0; d < CVG_PROJECTOR_N_DIRECTIONS; d++)
    g_clear_pointer (&request->points[d], g_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CustomRequest, custom_request_free)

static void
custom_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CustomRequest *request = task_data;
  GError *error = NULL;
  CvgProjectorLayout *layout = cvg_projector_layout_custom (request->loaded->embedding, request->sphereize,
                                                            request->points, &error);

  if (layout == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layout, (GDestroyNotify) cvg_projector_layout_free);
}

static void
custom_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);
  g_autoptr(GError) error = NULL;
  CvgProjectorLayout *layout = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_task_get_cancellable (G_TASK (result)) != self->job_cancellable)
    {
      g_clear_pointer (&layout, cvg_projector_layout_free);
      return;
    }
  set_state (self, STATE_READY);
  if (layout == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  apply_layout (self, layout);
  gtk_progress_bar_set_fraction (self->progress_bar, 1);
  gtk_progress_bar_set_text (self->progress_bar, _("Custom projection done"));
}

/* The points each query matches, counted beside it; NULL with @notice
 * set to what stops the projection: a query empty, invalid or matching
 * nothing. */
static CustomRequest *
match_custom_queries (CvgProjectorPage  *self,
                      char             **notice)
{
  static const char * const names[] = { N_("Left"), N_("Right"), N_("Up"), N_("Down") };
  guint column = gtk_drop_down_get_selected (self->search_column_drop);
  g_autoptr(CustomRequest) request = g_new0 (CustomRequest, 1);

  request->loaded = loaded_ref (self->loaded);
  request->sphereize = gtk_switch_get_active (self->sphereize_switch);
  if (column >= self->loaded->embedding->n_columns)
    {
      *notice = g_strdup (_("Custom projections query the metadata, and this tensor has none."));
      return NULL;
    }
  for (guint d = 0; d < CVG_PROJECTOR_N_DIRECTIONS; d++)
    {
      GtkWidget *entry = GTK_WIDGET (self->custom_entries[d]);
      g_autoptr(GRegex) regex = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *count = NULL;

      gtk_widget_remove_css_class (entry, "error");
      gtk_label_set_text (self->custom_counts[d], "");
      if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] == '\0')
        {
          if (*notice == NULL)
            *notice = g_strdup_printf (_("The %s query is empty."), _(names[d]));
          continue;
        }
      if ((regex = entry_regex (entry, &error)) == NULL)
        {
          if (*notice == NULL)
            *notice = g_strdup_printf (_("The %s query is not a valid regular expression: %s"), _(names[d]),
                                       error->message);
          continue;
        }
      request->points[d] = cvg_embedding_match (self->loaded->embedding, column, regex);
      count = g_strdup_printf ("%u", request->points[d]->len);
      gtk_label_set_text (self->custom_counts[d], count);
      if (request->points[d]->len == 0 && *notice == NULL)
        *notice = g_strdup_printf (_("The %s query matches no point."), _(names[d]));
    }
  return *notice == NULL ? g_steal_pointer (&request) : NULL;
}

static void
run_custom (CvgProjectorPage *self)
{
  g_autofree char *notice = NULL;
  CustomRequest *request = match_custom_queries (self, &notice);
  g_autoptr(GTask) task = NULL;

  g_signal_handlers_block_by_func (self->dims_drop, dims_changed_cb, self);
  gtk_drop_down_set_selected (self->dims_drop, 0);
  g_signal_handlers_unblock_by_func (self->dims_drop, dims_changed_cb, self);
  gtk_label_set_text (self->custom_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->custom_label), notice != NULL);
  if (request == NULL)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, "");
      set_state (self, STATE_READY);
      return;
    }
  self->job_cancellable = g_cancellable_new ();
  task = cvg_owned_task_new (self, self->job_cancellable, custom_done_cb, NULL);
  g_task_set_task_data (task, request, (GDestroyNotify) custom_request_free);
  g_task_run_in_thread (task, custom_thread);
  gtk_progress_bar_set_text (self->progress_bar, _("Computing the custom projection…"));
  set_state (self, STATE_PROJECTING);
}

static void
custom_changed_cb (CvgProjectorPage *self)
{
  if (gtk_drop_down_get_selected (self->method_drop) == CVG_PROJECTOR_CUSTOM)
    run_projection (self);
}

static void
update_method_boxes (CvgProjectorPage *self)
{
  guint method = gtk_drop_down_get_selected (self->method_drop);

  gtk_widget_set_visible (GTK_WIDGET (self->pca_box), method == CVG_PROJECTOR_PCA);
  gtk_widget_set_visible (GTK_WIDGET (self->tsne_box), method == CVG_PROJECTOR_TSNE);
  gtk_widget_set_visible (GTK_WIDGET (self->umap_box), method == CVG_PROJECTOR_UMAP);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_box), method == CVG_PROJECTOR_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), method == CVG_PROJECTOR_TSNE || method == CVG_PROJECTOR_UMAP);
  /* A custom projection is flat. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->dims_drop), method != CVG_PROJECTOR_CUSTOM);
  gtk_widget_set_sensitive (GTK_WIDGET (self->z_drop), selected_dims (self) == 3);
}

static void
run_projection (CvgProjectorPage *self)
{
  CvgProjectorMethod method = (CvgProjectorMethod) gtk_drop_down_get_selected (self->method_drop);

  stop_job (self);
  update_method_boxes (self);
  if (self->loaded == NULL || self->loaded->n_rows < 2)
    return;
  if (method == CVG_PROJECTOR_PCA)
    {
      g_autoptr(GTask) task = cvg_owned_task_new (self, self->cancellable, pca_done_cb, GUINT_TO_POINTER (self->generation));

      g_object_set_data (G_OBJECT (task), "sphereize", GINT_TO_POINTER (gtk_switch_get_active (self->sphereize_switch)));
      g_task_set_task_data (task, loaded_ref (self->loaded), (GDestroyNotify) loaded_unref);
      g_task_run_in_thread (task, pca_thread);
      gtk_progress_bar_set_text (self->progress_bar, _("Computing PCA…"));
      set_state (self, STATE_PROJECTING);
    }
  else if (method == CVG_PROJECTOR_CUSTOM)
    run_custom (self);
  else
    start_job (self, method);
}

static void
run_clicked_cb (CvgProjectorPage *self)
{
  run_projection (self);
}

/* PCA re-lays out at once on a change of dimensions; the others run again. */
static void
dims_changed_cb (CvgProjectorPage *self)
{
  update_method_boxes (self);
  if (gtk_drop_down_get_selected (self->method_drop) == CVG_PROJECTOR_PCA && self->pca != NULL)
    apply_pca (self);
  else
    run_projection (self);
}

/* Selection and neighbours in the original space. */

static void
clear_neighbors (CvgProjectorPage *self)
{
  GtkWidget *row;

  g_cancellable_cancel (self->neighbor_cancellable);
  g_clear_object (&self->neighbor_cancellable);
  g_clear_pointer (&self->neighbors, g_array_unref);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->neighbor_list))) != NULL)
    gtk_list_box_remove (self->neighbor_list, row);
}

static GtkWidget *
neighbor_row_new (CvgProjectorPage *self,
                  guint             point,
                  float             distance,
                  float             farthest)
{
  g_autofree char *name = point_name (self, point);
  g_autofree char *value = g_strdup_printf ("%.4f", distance);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), number);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), farthest > 0 ? 1 - distance / farthest : 1);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "point", GUINT_TO_POINTER (point));
  return row;
}

static void
neighbors_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Loaded *loaded = task_data;
  guint query = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "row"));
  guint k = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "k"));
  CvgDistance distance = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "distance"));
  GError *error = NULL;
  GArray *found = cvg_neighbors_query (loaded->packed, loaded->n_rows, loaded->embedding->n_dims, query, k,
                                       distance, 0, cancellable, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_array_unref);
}

static void
neighbors_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = g_task_propagate_pointer (G_TASK (result), &error);
  Loaded *loaded = g_task_get_task_data (G_TASK (result));
  float farthest;

  if (found == NULL || loaded != self->loaded || g_task_get_cancellable (G_TASK (result)) != self->neighbor_cancellable)
    return;
  self->neighbors = g_array_new (FALSE, FALSE, sizeof (guint));
  farthest = found->len > 0 ? g_array_index (found, CvgNeighbor, found->len - 1).distance : 0;
  for (guint i = 0; i < found->len; i++)
    {
      const CvgNeighbor *n = &g_array_index (found, CvgNeighbor, i);
      guint point = loaded->rows[n->index];

      g_array_append_val (self->neighbors, point);
      gtk_list_box_append (self->neighbor_list, neighbor_row_new (self, point, n->distance, farthest));
    }
  update_flags (self);
}

static void
query_neighbors (CvgProjectorPage *self)
{
  g_autoptr(GTask) task = NULL;
  int row;

  clear_neighbors (self);
  if (self->loaded == NULL || self->selected < 0 || (row = self->loaded->row_of_point[self->selected]) < 0)
    return;
  self->neighbor_cancellable = g_cancellable_new ();
  task = cvg_owned_task_new (self, self->neighbor_cancellable, neighbors_done_cb, NULL);
  g_object_set_data (G_OBJECT (task), "row", GUINT_TO_POINTER ((guint) row));
  g_object_set_data (G_OBJECT (task), "k", GUINT_TO_POINTER ((guint) gtk_spin_button_get_value (self->k_spin)));
  g_object_set_data (G_OBJECT (task), "distance",
                     GUINT_TO_POINTER (gtk_drop_down_get_selected (self->distance_drop) == 1 ? CVG_DISTANCE_EUCLIDEAN
                                                                                             : CVG_DISTANCE_COSINE));
  g_task_set_task_data (task, loaded_ref (self->loaded), (GDestroyNotify) loaded_unref);
  g_task_run_in_thread (task, neighbors_thread);
}

static void
select_point (CvgProjectorPage *self,
              int               point)
{
  g_autofree char *name = NULL;

  self->selected = self->loaded != NULL && point >= 0 && (guint) point < n_points (self) ? point : -1;
  if (self->selected >= 0)
    {
      g_autofree char *tooltip = tooltip_cb ((guint) self->selected, self);

      gtk_label_set_text (self->selection_label, tooltip);
    }
  else
    gtk_label_set_text (self->selection_label, _("Click a point to list its nearest neighbours."));
  query_neighbors (self);
  update_flags (self);
}

static void
point_activated_cb (CvgProjectorPage *self,
                    int               point)
{
  select_point (self, point);
}

static void
neighbor_activated_cb (CvgProjectorPage *self,
                       GtkListBoxRow    *row)
{
  select_point (self, (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "point")));
}

static void
search_cb (CvgProjectorPage *self)
{
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint column = gtk_drop_down_get_selected (self->search_column_drop);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GArray *matches;

  g_object_set_data (G_OBJECT (self->search_entry), "matches", NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_label_set_text (self->search_label, "");
  if (self->loaded == NULL || pattern[0] == '\0' || column >= self->loaded->embedding->n_columns)
    {
      update_flags (self);
      return;
    }
  regex = entry_regex (GTK_WIDGET (self->search_entry), &error);
  if (regex == NULL)
    {
      gtk_label_set_text (self->search_label, error->message);
      update_flags (self);
      return;
    }
  matches = cvg_embedding_match (self->loaded->embedding, column, regex);
  g_object_set_data_full (G_OBJECT (self->search_entry), "matches", matches, (GDestroyNotify) g_array_unref);
  text = g_strdup_printf (ngettext ("%u point matches", "%u points match", matches->len), matches->len);
  gtk_label_set_text (self->search_label, text);
  if (matches->len > 0)
    select_point (self, (int) g_array_index (matches, guint, 0));
  else
    update_flags (self);
}

static void
isolate_clicked_cb (CvgProjectorPage *self)
{
  self->isolated = TRUE;
  update_flags (self);
}

static void
show_all_clicked_cb (CvgProjectorPage *self)
{
  self->isolated = FALSE;
  update_flags (self);
}

static void
clear_clicked_cb (CvgProjectorPage *self)
{
  self->isolated = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  select_point (self, -1);
}

static void
reset_view_cb (CvgProjectorPage *self)
{
  cvg_scatter_view_reset_camera (self->view);
}

/* Loading a tensor. */

/* The PNG atlas as a cairo surface, decoded on the worker. */
static cairo_surface_t *
decode_sprites (GBytes *png)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr(GdkPixbuf) rgba = NULL;
  cairo_surface_t *surface;
  int width, height, stride, pixbuf_stride;
  const guint8 *src;
  guint8 *dst;

  if (pixbuf == NULL)
    return NULL;
  rgba = gdk_pixbuf_get_has_alpha (pixbuf) ? g_object_ref (pixbuf) : gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);
  width = gdk_pixbuf_get_width (rgba);
  height = gdk_pixbuf_get_height (rgba);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  stride = cairo_image_surface_get_stride (surface);
  pixbuf_stride = gdk_pixbuf_get_rowstride (rgba);
  src = gdk_pixbuf_read_pixels (rgba);
  dst = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = src + (gsize) y * pixbuf_stride + 4 * x;
        guint a = p[3];
        guint32 argb = a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | (p[2] * a / 255);

        *(guint32 *) (void *) (dst + (gsize) y * stride + 4 * x) = argb;
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

typedef struct
{
  CvgProjectorSource *source;   /* borrowed from a scan kept until finalize */
  CvgProjectorStep   *step;
} LoadRequest;

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  GError *error = NULL;
  CvgEmbedding *embedding = cvg_projector_load (request->source, request->step, cancellable, &error);
  Loaded *loaded;

  if (embedding == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  loaded = g_rc_box_new0 (Loaded);
  loaded->embedding = embedding;
  loaded->packed = cvg_embedding_pack_finite (embedding, &loaded->n_rows, &loaded->rows);
  loaded->row_of_point = g_new (int, MAX (embedding->n_points, 1));
  for (guint i = 0; i < embedding->n_points; i++)
    loaded->row_of_point[i] = -1;
  for (guint k = 0; k < loaded->n_rows; k++)
    loaded->row_of_point[loaded->rows[k]] = (int) k;
  if (embedding->sprite != NULL && (loaded->sprites = decode_sprites (embedding->sprite)) == NULL)
    cvg_embedding_add_notice (embedding, _("The sprite image cannot be decoded."));
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_unref);
}

/* Colour by: None, then the columns TensorBoard offers (numeric, or 50
 * values at most); the first of them, categorical, by default. Label by:
 * None, then every column; the first non-numeric by default. */
static void
fill_columns (CvgProjectorPage *self)
{
  CvgEmbedding *embedding = self->loaded->embedding;
  g_autoptr(GtkStringList) colors = gtk_string_list_new ((const char *[]) { _("None"), NULL });
  g_autoptr(GtkStringList) labels = gtk_string_list_new ((const char *[]) { _("None"), NULL });
  g_autoptr(GtkStringList) search = gtk_string_list_new (NULL);
  guint color_default = 0, label_default = 0;

  g_array_set_size (self->color_columns, 0);
  for (guint c = 0; c < embedding->n_columns; c++)
    {
      gboolean numeric = cvg_embedding_column_is_numeric (embedding, c);
      guint distinct = cvg_embedding_column_count_distinct (embedding, c, CVG_EMBEDDING_MAX_CATEGORIES);

      gtk_string_list_append (labels, embedding->column_names[c]);
      gtk_string_list_append (search, embedding->column_names[c]);
      if (label_default == 0 && !numeric)
        label_default = c + 1;
      if (!numeric && distinct > CVG_EMBEDDING_MAX_CATEGORIES)
        continue;
      g_array_append_val (self->color_columns, c);
      gtk_string_list_append (colors, embedding->column_names[c]);
      if (color_default == 0 && distinct > 1 && distinct <= CVG_EMBEDDING_MAX_CATEGORIES)
        color_default = self->color_columns->len;
    }
  g_signal_handlers_block_by_func (self->color_drop, update_colors, self);
  g_signal_handlers_block_by_func (self->label_drop, update_labels, self);
  gtk_drop_down_set_model (self->color_drop, G_LIST_MODEL (colors));
  gtk_drop_down_set_selected (self->color_drop, color_default);
  gtk_drop_down_set_model (self->label_drop, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->label_drop, label_default);
  gtk_drop_down_set_model (self->search_column_drop, G_LIST_MODEL (search));
  /* Without metadata there is nothing to search. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_column_drop), embedding->n_columns > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), embedding->n_columns > 0);
  g_signal_handlers_unblock_by_func (self->color_drop, update_colors, self);
  g_signal_handlers_unblock_by_func (self->label_drop, update_labels, self);
}

static void
show_loaded (CvgProjectorPage *self,
             Loaded           *loaded)
{
  CvgEmbedding *embedding = loaded->embedding;
  g_autofree char *status = g_strdup_printf (_("%u points × %u dimensions"), embedding->n_points, embedding->n_dims);

  self->loaded = loaded;
  self->flags = g_new0 (guint8, MAX (embedding->n_points, 1));
  gtk_label_set_text (self->status_label, status);
  fill_columns (self);
  update_colors (self);
  update_labels (self);
  g_signal_handlers_block_by_func (self->sphereize_switch, run_projection, self);
  gtk_switch_set_active (self->sphereize_switch, cvg_projector_default_sphereize (embedding));
  g_signal_handlers_unblock_by_func (self->sphereize_switch, run_projection, self);
  show_notices (self);
  select_point (self, -1);
  run_projection (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (GPOINTER_TO_UINT (user_data) != self->generation)
    {
      g_clear_pointer (&loaded, loaded_unref);
      return;
    }
  if (loaded == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      set_state (self, STATE_READY);
      return;
    }
  show_loaded (self, loaded);
}

/* Forgets the tensor shown (a new one is coming). */
static void
clear_loaded (CvgProjectorPage *self)
{
  self->generation++;
  stop_job (self);
  clear_neighbors (self);
  self->selected = -1;
  self->isolated = FALSE;
  g_object_set_data (G_OBJECT (self->search_entry), "matches", NULL);
  g_clear_pointer (&self->pca, cvg_pca_free);
  g_clear_pointer (&self->layout, cvg_projector_layout_free);
  g_clear_pointer (&self->coords, g_free);
  g_clear_pointer (&self->colors, g_free);
  g_clear_pointer (&self->flags, g_free);
  g_clear_pointer (&self->labels, g_free);
  push_scene (self);
  g_clear_pointer (&self->loaded, loaded_unref);
}

static CvgProjectorSource *
selected_source (CvgProjectorPage *self)
{
  guint item = gtk_drop_down_get_selected (self->tensor_drop);

  if (self->scan == NULL || item >= self->scan->sources->len)
    return NULL;
  return g_ptr_array_index (self->scan->sources, item);
}

static void
step_changed_cb (CvgProjectorPage *self)
{
  CvgProjectorSource *source = selected_source (self);
  guint item = gtk_drop_down_get_selected (self->step_drop);
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  clear_loaded (self);
  if (source == NULL || item >= source->steps->len)
    return;
  request = g_new0 (LoadRequest, 1);
  request->source = source;
  request->step = g_ptr_array_index (source->steps, item);
  task = cvg_owned_task_new (self, self->cancellable, load_done_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, request, g_free);
  g_task_run_in_thread (task, load_thread);
  gtk_label_set_text (self->status_label, _("Loading…"));
  set_state (self, STATE_LOADING);
}

static void
tensor_changed_cb (CvgProjectorPage *self)
{
  CvgProjectorSource *source = selected_source (self);
  g_autoptr(GtkStringList) steps = gtk_string_list_new (NULL);

  for (guint i = 0; source != NULL && i < source->steps->len; i++)
    gtk_string_list_append (steps, ((CvgProjectorStep *) g_ptr_array_index (source->steps, i))->label);
  g_signal_handlers_block_by_func (self->step_drop, step_changed_cb, self);
  gtk_drop_down_set_model (self->step_drop, G_LIST_MODEL (steps));
  gtk_drop_down_set_selected (self->step_drop, source != NULL ? source->steps->len - 1 : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->step_drop, step_changed_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_drop), source != NULL && source->steps->len > 1);
  step_changed_cb (self);
}

/* Scanning the folder. */

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CvgProjectorScan *scan = cvg_projector_scan (task_data, cancellable, &error);

  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scan, (GDestroyNotify) cvg_projector_scan_free);
}

static void
show_empty (CvgProjectorPage *self,
            const char       *why)
{
  g_autofree char *markup = g_markup_escape_text (why, -1);

  adw_status_page_set_description (self->status_page, markup);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);
  g_autoptr(GError) error = NULL;
  CvgProjectorScan *scan = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GString) why = g_string_new (NULL);

  if (GPOINTER_TO_UINT (user_data) != self->generation)
    {
      g_clear_pointer (&scan, cvg_projector_scan_free);
      return;
    }
  set_state (self, STATE_READY);
  if (scan == NULL)
    {
      show_empty (self, error->message);
      return;
    }
  g_ptr_array_add (self->scans, scan);
  self->scan = scan;
  for (guint i = 0; i < scan->sources->len; i++)
    {
      CvgProjectorSource *source = g_ptr_array_index (scan->sources, i);
      g_autofree char *name = g_str_equal (source->run, ".") ? g_strdup (source->name)
                                                             : g_strdup_printf ("%s · %s", source->run, source->name);

      gtk_string_list_append (names, name);
    }
  set_has_content (self, scan->sources->len > 0 || scan->n_configs > 0);
  if (scan->sources->len == 0)
    {
      g_string_append (why, scan->n_configs > 0 ? _("The projector configs name no tensor that can be read.")
                                                : _("No projector_config.pbtxt or TensorFlow checkpoint in this folder."));
      for (guint i = 0; i < scan->notices->len; i++)
        g_string_append_printf (why, "\n\n%s", (const char *) g_ptr_array_index (scan->notices, i));
      show_empty (self, why->str);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");
  g_signal_handlers_block_by_func (self->tensor_drop, tensor_changed_cb, self);
  gtk_drop_down_set_model (self->tensor_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tensor_drop, 0);
  g_signal_handlers_unblock_by_func (self->tensor_drop, tensor_changed_cb, self);
  show_notices (self);
  tensor_changed_cb (self);
}

static void
set_folder (CvgProjectorPage *self,
            const char       *folder)
{
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (self->folder, folder) == 0)
    return;
  g_free (self->folder);
  self->folder = g_strdup (folder);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_loaded (self);
  self->scan = NULL;
  show_empty (self, "");
  set_has_content (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  if (folder == NULL)
    {
      set_state (self, STATE_IDLE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  task = cvg_owned_task_new (self, self->cancellable, scan_done_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, g_strdup (folder), g_free);
  g_task_run_in_thread (task, scan_thread);
  set_state (self, STATE_SCANNING);
}

/* Saving. */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CvgProjectorPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (object));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    text = g_strdup_printf (_("Cannot save %s: %s"), name, error->message);
  else
    text = g_strdup_printf (_("Saved %s"), name);
  gtk_label_set_text (self->status_label, text);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  CvgProjectorPage *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean csv = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "csv"));

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      if (csv)
        {
          GString *out = g_string_new (NULL);

          cvg_projector_append_csv (out, self->loaded->embedding, self->layout);
          bytes = g_string_free_to_bytes (out);
        }
      else
        bytes = cvg_scatter_view_render_png (self->view);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                          self->cancellable, saved_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save (CvgProjectorPage *self,
      gboolean          csv)
{
  GtkFileChooserNative *dialog;

  if (self->layout == NULL)
    return;
  dialog = gtk_file_chooser_native_new (csv ? _("Export Projection") : _("Save View"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), csv ? "projection.csv" : "projection.png");
  g_object_set_data (G_OBJECT (dialog), "csv", GINT_TO_POINTER (csv));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_csv_cb (CvgProjectorPage *self)
{
  save (self, TRUE);
}

static void
save_png_cb (CvgProjectorPage *self)
{
  save (self, FALSE);
}

/* Names from the logs can be long: the closed drop-downs ellipsize them,
 * so that the side panel keeps its width. */
static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), gtk_string_object_get_string (string));
}

static void
ellipsize_drop_down (GtkDropDown *drop)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  gtk_drop_down_set_factory (drop, factory);
}

/* GObject. */

static void
cvg_projector_page_dispose (GObject *object)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->job_cancellable);
  g_cancellable_cancel (self->neighbor_cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->job, job_unref);
  /* Workers still running finish into nothing. */
  self->generation++;
  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_PROJECTOR_PAGE);
  G_OBJECT_CLASS (cvg_projector_page_parent_class)->dispose (object);
}

static void
cvg_projector_page_finalize (GObject *object)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);

  g_clear_object (&self->job_cancellable);
  g_clear_pointer (&self->job, job_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->neighbor_cancellable);
  g_clear_pointer (&self->neighbors, g_array_unref);
  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->color_columns, g_array_unref);
  g_clear_pointer (&self->pca, cvg_pca_free);
  g_clear_pointer (&self->layout, cvg_projector_layout_free);
  g_free (self->coords);
  g_free (self->colors);
  g_free (self->flags);
  g_free (self->labels);
  g_clear_pointer (&self->loaded, loaded_unref);
  g_free (self->folder);
  G_OBJECT_CLASS (cvg_projector_page_parent_class)->finalize (object);
}

static void
cvg_projector_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CvgProjectorPage *self = CVG_PROJECTOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_HAS_CONTENT:
      g_value_set_boolean (value, self->has_content);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_projector_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FOLDER:
      set_folder (CVG_PROJECTOR_PAGE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_projector_page_class_init (CvgProjectorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_projector_page_dispose;
  object_class->finalize = cvg_projector_page_finalize;
  object_class->get_property = cvg_projector_page_get_property;
  object_class->set_property = cvg_projector_page_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_CONTENT] =
    g_param_spec_boolean ("has-content", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  cvg_projector_register_resource ();
  g_type_ensure (CVG_TYPE_SCATTER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/converge/Converge/projector/cvg-projector-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, CvgProjectorPage, name)
  CHILD (stack); CHILD (status_page); CHILD (tensor_drop); CHILD (step_drop); CHILD (color_drop);
  CHILD (label_drop); CHILD (sphereize_switch); CHILD (legend_box); CHILD (method_drop); CHILD (dims_drop);
  CHILD (pca_box); CHILD (x_drop); CHILD (y_drop); CHILD (z_drop); CHILD (variance_label); CHILD (tsne_box);
  CHILD (perplexity_spin); CHILD (learning_rate_spin); CHILD (iterations_spin); CHILD (umap_box);
  CHILD (neighbors_spin); CHILD (min_dist_spin); CHILD (epochs_spin); CHILD (seed_spin); CHILD (run_button);
  CHILD (pause_button); CHILD (progress_bar); CHILD (notices_label); CHILD (status_label); CHILD (view);
  CHILD (search_column_drop); CHILD (search_entry); CHILD (search_label); CHILD (distance_drop);
  CHILD (k_spin); CHILD (selection_label); CHILD (neighbor_list); CHILD (custom_box); CHILD (custom_label);
#undef CHILD
  for (guint d = 0; d < CVG_PROJECTOR_N_DIRECTIONS; d++)
    {
      static const char * const entries[] = { "left_entry", "right_entry", "up_entry", "down_entry" };
      static const char * const counts[] = { "left_count", "right_count", "up_count", "down_count" };

      gtk_widget_class_bind_template_child_full (widget_class, entries[d], FALSE,
                                                 G_STRUCT_OFFSET (CvgProjectorPage, custom_entries) + d * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, counts[d], FALSE,
                                                 G_STRUCT_OFFSET (CvgProjectorPage, custom_counts) + d * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_callback (widget_class, custom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, point_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, neighbor_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_cb);
  gtk_widget_class_bind_template_callback (widget_class, isolate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_view_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_csv_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_png_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cvg_projector_page_init (CvgProjectorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scans = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_projector_scan_free);
  self->color_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->selected = -1;
  cvg_scatter_view_set_tooltip_func (self->view, tooltip_cb, self);
  g_signal_connect_swapped (self->tensor_drop, "notify::selected", G_CALLBACK (tensor_changed_cb), self);
  g_signal_connect_swapped (self->step_drop, "notify::selected", G_CALLBACK (step_changed_cb), self);
  g_signal_connect_swapped (self->color_drop, "notify::selected", G_CALLBACK (update_colors), self);
  g_signal_connect_swapped (self->label_drop, "notify::selected", G_CALLBACK (update_labels), self);
  g_signal_connect_swapped (self->method_drop, "notify::selected", G_CALLBACK (run_projection), self);
  g_signal_connect_swapped (self->dims_drop, "notify::selected", G_CALLBACK (dims_changed_cb), self);
  g_signal_connect_swapped (self->sphereize_switch, "notify::active", G_CALLBACK (run_projection), self);
  g_signal_connect_swapped (self->x_drop, "notify::selected", G_CALLBACK (apply_pca), self);
  g_signal_connect_swapped (self->y_drop, "notify::selected", G_CALLBACK (apply_pca), self);
  g_signal_connect_swapped (self->z_drop, "notify::selected", G_CALLBACK (apply_pca), self);
  g_signal_connect_swapped (self->search_column_drop, "notify::selected", G_CALLBACK (search_cb), self);
  g_signal_connect_swapped (self->search_column_drop, "notify::selected", G_CALLBACK (custom_changed_cb), self);
  g_signal_connect_swapped (self->distance_drop, "notify::selected", G_CALLBACK (query_neighbors), self);
  g_signal_connect_swapped (self->k_spin, "value-changed", G_CALLBACK (query_neighbors), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colors), self, G_CONNECT_SWAPPED);
  ellipsize_drop_down (self->tensor_drop);
  ellipsize_drop_down (self->color_drop);
  ellipsize_drop_down (self->label_drop);
  ellipsize_drop_down (self->search_column_drop);
  update_method_boxes (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button), FALSE);
  gtk_label_set_text (self->selection_label, _("Click a point to list its nearest neighbours."));
}

/* For the window's tests. */

guint
cvg_projector_page_get_n_points_shown (CvgProjectorPage *self)
{
  guint n = 0;

  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), 0);
  if (self->coords == NULL)
    return 0;
  for (guint i = 0; i < n_points (self); i++)
    n += (self->flags[i] & CVG_SCATTER_HIDDEN) == 0;
  return n;
}

const char *
cvg_projector_page_get_color_column (CvgProjectorPage *self)
{
  guint item;

  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), NULL);
  item = gtk_drop_down_get_selected (self->color_drop);
  if (self->loaded == NULL || item == 0 || item == GTK_INVALID_LIST_POSITION || item > self->color_columns->len)
    return NULL;
  return self->loaded->embedding->column_names[g_array_index (self->color_columns, guint, item - 1)];
}

guint
cvg_projector_page_count_colors (CvgProjectorPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), 0);
  for (guint i = 0; self->colors != NULL && self->coords != NULL && i < n_points (self); i++)
    if ((self->flags[i] & CVG_SCATTER_HIDDEN) == 0)
      g_hash_table_add (seen, GUINT_TO_POINTER (self->colors[i] + 1));
  return g_hash_table_size (seen);
}

void
cvg_projector_page_select (CvgProjectorPage *self,
                           int               point)
{
  g_return_if_fail (CVG_IS_PROJECTOR_PAGE (self));
  select_point (self, point);
}

guint
cvg_projector_page_get_n_neighbors (CvgProjectorPage *self)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), 0);
  return self->neighbors != NULL ? self->neighbors->len : 0;
}

const char *
cvg_projector_page_get_state (CvgProjectorPage *self)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), NULL);
  return state_names[self->state];
}

gboolean
cvg_projector_page_select_tensor (CvgProjectorPage *self,
                                  const char       *run,
                                  const char       *name)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), FALSE);
  for (guint i = 0; self->scan != NULL && i < self->scan->sources->len; i++)
    {
      CvgProjectorSource *source = g_ptr_array_index (self->scan->sources, i);

      if (g_str_equal (source->run, run) && g_str_equal (source->name, name))
        {
          gtk_drop_down_set_selected (self->tensor_drop, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
cvg_projector_page_has_sprites (CvgProjectorPage *self)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), FALSE);
  return self->loaded != NULL && self->loaded->sprites != NULL;
}

gboolean
cvg_projector_page_set_method (CvgProjectorPage *self,
                               const char       *method,
                               guint             dims)
{
  CvgProjectorMethod value;

  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), FALSE);
  if (!cvg_projector_method_from_string (method, &value) || (dims != 2 && dims != 3)
      || (value == CVG_PROJECTOR_CUSTOM && dims != 2))
    return FALSE;
  g_signal_handlers_block_by_func (self->dims_drop, dims_changed_cb, self);
  gtk_drop_down_set_selected (self->dims_drop, dims == 3 ? 1 : 0);
  g_signal_handlers_unblock_by_func (self->dims_drop, dims_changed_cb, self);
  if (gtk_drop_down_get_selected (self->method_drop) == value)
    run_projection (self);
  else
    gtk_drop_down_set_selected (self->method_drop, value);
  return TRUE;
}

guint
cvg_projector_page_get_dims (CvgProjectorPage *self)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), 0);
  return self->layout != NULL ? self->layout->n_dims : 0;
}

void
cvg_projector_page_set_custom_queries (CvgProjectorPage *self,
                                       const char       *left,
                                       const char       *right,
                                       const char       *up,
                                       const char       *down)
{
  const char *queries[CVG_PROJECTOR_N_DIRECTIONS] = { left, right, up, down };

  g_return_if_fail (CVG_IS_PROJECTOR_PAGE (self));
  for (guint d = 0; d < CVG_PROJECTOR_N_DIRECTIONS; d++)
    gtk_editable_set_text (GTK_EDITABLE (self->custom_entries[d]), queries[d]);
  /* At once, not after the entries' typing delay. */
  custom_changed_cb (self);
}

const char *
cvg_projector_page_get_custom_notice (CvgProjectorPage *self)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->custom_label)) ? gtk_label_get_text (self->custom_label) : NULL;
}

const CvgProjectorLayout *
cvg_projector_page_get_layout (CvgProjectorPage *self)
{
  g_return_val_if_fail (CVG_IS_PROJECTOR_PAGE (self), NULL);
  return self->layout;
}
