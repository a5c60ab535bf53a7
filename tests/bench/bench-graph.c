/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Graph benchmark, offscreen (no display): the model, the layout and the
 * canvas's drawing code, for every graph of the corpus and a synthetic
 * GraphDef of 20,000 ops in deep scopes. Reports medians of:
 *   first picture  decode + layout of the top level + drawing the first
 *                  view (1200 × 800 at the canvas's first zoom)
 *   expand         laying out again with one more scope open, for each
 *                  top-level scope (the slowest is shown), and closing it
 *   redraw         a zoom that settles or a pan past the cached picture:
 *                  recording the view with the canvas's margin around
 *                  it, and showing the view
 *   pan frame      showing the cached picture moved (what a drag costs)
 *
 *   bench-graph [--corpus DIR] [--repeat K] [--ops N]
 */

#define G_LOG_DOMAIN "bench-graph"

#include "config.h"

#include <pango/pangocairo.h>

#include "cvg-graph-canvas-private.h"
#include "../cvg-hostile-graphs.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "graph.pb-c.h"
#include "bench-stats.h"

#define WIDTH  1200
#define HEIGHT 800
#define FIRST_ZOOM 0.6

static char *opt_corpus = NULL;
static gint opt_repeat = 5;
static gint opt_ops = 20000;
static gint opt_numbered = 1000000;

static GOptionEntry entries[] = {
  { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &opt_corpus, "Corpus folder (default: $CVG_CORPUS_DIR)", "DIR" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions", "K" },
  { "ops", 0, 0, G_OPTION_ARG_INT, &opt_ops, "Ops of the synthetic graph", "N" },
  { "numbered", 0, 0, G_OPTION_ARG_INT, &opt_numbered, "Ops of the numbered chain n0 … n(N−1)", "N" },
  { NULL }
};

/* The canvas's first zoom: the whole graph, but legible. */
static double
first_zoom (CvgGraphLayout *layout)
{
  double fit = MIN (WIDTH / cvg_graph_layout_get_width (layout), HEIGHT / cvg_graph_layout_get_height (layout));

  return CLAMP (MAX (fit, FIRST_ZOOM), 0.02, 1.25);
}

/* What the canvas does on a cache miss: record the view and a screen
 * around it, then show the view. Returns the recording for pan frames. */
static cairo_surface_t *
redraw (CvgGraph        *graph,
        CvgGraphLayout  *layout,
        double           zoom,
        cairo_surface_t *target)
{
  double margin_x = WIDTH * CVG_GRAPH_CACHE_MARGIN, margin_y = HEIGHT * CVG_GRAPH_CACHE_MARGIN;
  graphene_rect_t area = GRAPHENE_RECT_INIT (-margin_x / zoom, -margin_y / zoom,
                                             (WIDTH + 2 * margin_x) / zoom, (HEIGHT + 2 * margin_y) / zoom);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  PangoLayout *text = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
  CvgGraphStyle style = { { 0.1, 0.1, 0.1, 1 }, { 1, 1, 1, 1 }, FALSE, text };

  pango_layout_set_font_description (text, font);
  _cvg_graph_draw (cr, graph, layout, &style, zoom, &area);
  g_object_unref (text);
  pango_font_description_free (font);
  cairo_destroy (cr);
  cr = cairo_create (target);
  cairo_set_source_surface (cr, recording, -margin_x, -margin_y);
  cairo_paint (cr);
  cairo_destroy (cr);
  return recording;
}

static double
pan_frame (cairo_surface_t *recording,
           cairo_surface_t *target)
{
  double start = bench_now_ms ();
  cairo_t *cr = cairo_create (target);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, recording, -WIDTH * CVG_GRAPH_CACHE_MARGIN + 37, -HEIGHT * CVG_GRAPH_CACHE_MARGIN + 21);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);
  return bench_now_ms () - start;
}


typedef CvgGraph *(*LoadFunc) (gpointer data);

/* Expands and collapses each top-level scope; the slowest of either. */
static void
time_expand (CvgGraph *graph,
             double   *expand_ms,
             double   *collapse_ms,
             char    **slowest)
{
  const CvgGraphItem *root = cvg_graph_get_item (graph, 0);
  g_autofree guint8 *expanded = g_new0 (guint8, cvg_graph_get_n_items (graph));

  *expand_ms = *collapse_ms = 0;
  for (guint i = 0; i < root->children->len; i++)
    {
      guint item = g_array_index (root->children, guint, i);
      double start, took;

      if (cvg_graph_get_item (graph, item)->kind == CVG_GRAPH_ITEM_OP)
        continue;
      expanded[item] = TRUE;
      start = bench_now_ms ();
      cvg_graph_layout_free (cvg_graph_layout_new (graph, expanded, 0));
      took = bench_now_ms () - start;
      if (took > *expand_ms)
        {
          *expand_ms = took;
          g_free (*slowest);
          *slowest = g_strdup (cvg_graph_get_item (graph, item)->name);
        }
      expanded[item] = FALSE;
      start = bench_now_ms ();
      cvg_graph_layout_free (cvg_graph_layout_new (graph, expanded, 0));
      *collapse_ms = MAX (*collapse_ms, bench_now_ms () - start);
    }
}

static void
bench_graph (const char *name,
             LoadFunc    load,
             gpointer    data)
{
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *first = g_new (double, opt_repeat);
  g_autofree double *redraws = g_new (double, opt_repeat);
  g_autofree double *pans = g_new (double, opt_repeat);
  g_autofree char *slowest = NULL;
  double expand_ms = 0, collapse_ms = 0, decode_ms = 0, layout_ms = 0;
  guint n_ops = 0, n_top = 0;

  for (gint r = 0; r < opt_repeat; r++)
    {
      double start = bench_now_ms (), decoded, laid_out;
      g_autoptr(CvgGraph) graph = load (data);
      g_autoptr(CvgGraphLayout) layout = NULL;
      cairo_surface_t *recording;

      decoded = bench_now_ms ();
      layout = cvg_graph_layout_new (graph, NULL, 0);
      laid_out = bench_now_ms ();
      cairo_surface_destroy (redraw (graph, layout, first_zoom (layout), target));
      cairo_surface_flush (target);
      first[r] = bench_now_ms () - start;
      decode_ms += decoded - start;
      layout_ms += laid_out - decoded;
      start = bench_now_ms ();
      recording = redraw (graph, layout, 1.0, target);
      cairo_surface_flush (target);
      redraws[r] = bench_now_ms () - start;
      pans[r] = pan_frame (recording, target);
      cairo_surface_destroy (recording);
      n_ops = cvg_graph_get_n_ops (graph);
      n_top = cvg_graph_layout_get_n_nodes (layout);
      if (r == 0)
        time_expand (graph, &expand_ms, &collapse_ms, &slowest);
    }
  g_print ("%-44s %6u %5u  %7.1f %7.1f %7.1f  %7.1f %7.1f  %6.1f %6.2f  %s\n",
           name, n_ops, n_top, decode_ms / opt_repeat, layout_ms / opt_repeat,
           bench_median_of (first, opt_repeat), expand_ms, collapse_ms,
           bench_median_of (redraws, opt_repeat), bench_median_of (pans, opt_repeat),
           slowest != NULL ? slowest : "-");
  cairo_surface_destroy (target);
}

/* The corpus. */

typedef struct
{
  CvgRun         *run;
  CvgGraphSource  source;
} RunGraph;

static CvgGraph *
load_run_graph (gpointer data)
{
  RunGraph *run_graph = data;

  return cvg_graph_new_from_run (run_graph->run, run_graph->source, NULL);
}

static void
bench_set (const char *corpus,
           const char *set)
{
  g_autofree char *path = g_build_filename (corpus, set, NULL);
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (path);
  GPtrArray *runs;

  if (!cvg_logdir_load (logdir, NULL))
    return;
  runs = cvg_logdir_get_runs (logdir);
  for (guint r = 0; r < runs->len; r++)
    for (CvgGraphSource source = CVG_GRAPH_SOURCE_OPS; source <= CVG_GRAPH_SOURCE_KERAS; source++)
      {
        RunGraph run_graph = { g_ptr_array_index (runs, r), source };
        g_autofree char *name = NULL;

        if (!cvg_graph_run_has (run_graph.run, source))
          continue;
        name = g_strdup_printf ("%s/%s%s", set, cvg_run_get_name (run_graph.run),
                                source == CVG_GRAPH_SOURCE_KERAS ? " (Keras)" : "");
        bench_graph (name, load_run_graph, &run_graph);
      }
}

/* The synthetic graph: blocks (named by letters, so they do not stack)
 * of layers of units of ops, each op reading the one before, the first
 * op of each unit held by a control edge to the unit before. */

static GBytes *
make_synthetic (guint n_ops)
{
  Tensorboard__GraphDef def = TENSORBOARD__GRAPH_DEF__INIT;
  guint per_unit = 20, units = 10, layers = 10;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous = NULL;
  guint8 *data;
  gsize len;

  for (guint i = 0; i < n_ops; i++)
    {
      guint op = i % per_unit, unit = (i / per_unit) % units;
      guint layer = (i / per_unit / units) % layers, block = i / per_unit / units / layers;
      Tensorboard__NodeDef *node = g_new (Tensorboard__NodeDef, 1);
      char **inputs = g_new0 (char *, 3);
      guint n_inputs = 0;

      tensorboard__node_def__init (node);
      node->name = g_strdup_printf ("block_%c%c/layer_%u/unit_%u/%s_%u", 'a' + block / 26 % 26, 'a' + block % 26,
                                    layer, unit, op % 3 ? "add" : "mul", op);
      node->op = op % 3 ? (char *) "Add" : (char *) "Mul";
      if (previous != NULL)
        inputs[n_inputs++] = g_strdup (previous);
      if (op == 0 && i >= per_unit * units)
        {
          guint before = (i - per_unit * units) / per_unit / units;

          inputs[n_inputs++] = g_strdup_printf ("^block_%c%c/layer_%u/unit_0/mul_0", 'a' + before / layers / 26 % 26,
                                                'a' + before / layers % 26, before % layers);
        }
      node->n_input = n_inputs;
      node->input = inputs;
      g_free (previous);
      previous = g_strdup (node->name);
      g_ptr_array_add (nodes, node);
      g_ptr_array_add (strings, node->name);
      g_ptr_array_add (strings, inputs);
      for (guint k = 0; k < n_inputs; k++)
        g_ptr_array_add (strings, inputs[k]);
    }
  def.n_node = nodes->len;
  def.node = (Tensorboard__NodeDef **) nodes->pdata;
  len = tensorboard__graph_def__get_packed_size (&def);
  data = g_malloc (len);
  tensorboard__graph_def__pack (&def, data);
  return g_bytes_new_take (data, len);
}

static CvgGraph *
load_bytes (gpointer data)
{
  return cvg_graph_new_from_graph_def (g_bytes_get_data (data, NULL), g_bytes_get_size (data), NULL);
}

static void
time_layout (CvgGraph     *graph,
             const guint8 *expanded,
             const char   *what)
{
  double start = bench_now_ms ();
  g_autoptr(CvgGraphLayout) layout = cvg_graph_layout_new (graph, expanded, 0);

  g_print ("  %-48s %7.1f ms, %u nodes shown\n", what, bench_now_ms () - start, cvg_graph_layout_get_n_nodes (layout));
}

/* Deep expansion of the synthetic graph, one level at a time down to an
 * op (series ungrouped on the way, as search does), then everything. */
static void
bench_deep_expand (GBytes *bytes)
{
  g_autoptr(CvgGraph) graph = load_bytes (bytes);
  guint n = cvg_graph_get_n_items (graph);
  g_autofree guint8 *expanded = g_new0 (guint8, n);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  guint item = cvg_graph_lookup_item (graph, "block_aa/layer_3/unit_4/mul_0");

  for (guint p = cvg_graph_get_item (graph, item)->parent; p != 0; p = cvg_graph_get_item (graph, p)->parent)
    g_array_prepend_val (path, p);
  for (guint i = 0; i < path->len; i++)
    {
      g_autofree char *what = g_strdup_printf ("open %s", cvg_graph_get_item (graph, g_array_index (path, guint, i))->name);

      expanded[g_array_index (path, guint, i)] = TRUE;
      time_layout (graph, expanded, what);
    }
  for (guint i = 0; i < n; i++)
    expanded[i] = cvg_graph_get_item (graph, i)->kind != CVG_GRAPH_ITEM_OP;
  time_layout (graph, expanded, "everything open");
}

/* The item 5: a chain of numbered ops, one series at the top
 * level. Decode + build, top-level layout and free, each once. */
static void
bench_numbered (guint n_ops)
{
  g_autoptr(GBytes) bytes = cvg_hostile_numbered_graph_def (n_ops);
  double start = bench_now_ms ();
  CvgGraph *graph = load_bytes (bytes);
  double built = bench_now_ms ();

  g_print ("numbered chain of %u ops (%.1f MB): decode + build %.0f ms\n", n_ops,
           g_bytes_get_size (bytes) / 1e6, built - start);
  time_layout (graph, NULL, "top-level layout");
  start = bench_now_ms ();
  cvg_graph_unref (graph);
  g_print ("  %-48s %7.1f ms\n", "unref (a thread frees it)", bench_now_ms () - start);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- graph benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) synthetic = NULL;
  const char *corpus;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  opt_repeat = MAX (opt_repeat, 1);
  corpus = opt_corpus != NULL ? opt_corpus : g_getenv ("CVG_CORPUS_DIR");
  g_print ("%-44s %6s %5s  %7s %7s %7s  %7s %7s  %6s %6s  %s\n", "graph", "ops", "shown",
           "decode", "layout", "first", "expand", "close", "redraw", "pan", "slowest scope");
  g_print ("%-44s %6s %5s  %7s %7s %7s  %7s %7s  %6s %6s\n", "", "", "", "ms", "ms", "ms", "ms", "ms", "ms", "ms");
  if (corpus != NULL && (dir = g_dir_open (corpus, 0, NULL)) != NULL)
    {
      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (corpus, entry, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (sets, g_strdup (entry));
        }
      g_ptr_array_sort (sets, compare_names);
      for (guint i = 0; i < sets->len; i++)
        bench_set (corpus, g_ptr_array_index (sets, i));
    }
  else
    g_print ("(no corpus: set CVG_CORPUS_DIR or --corpus)\n");
  synthetic = make_synthetic (opt_ops);
  bench_graph ("synthetic, deep scopes", load_bytes, synthetic);
  bench_deep_expand (synthetic);
  if (opt_numbered > 0)
    bench_numbered (opt_numbered);
  return 0;
}
