/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Text page on writer-made logs and on the corpus's text logs. With
 * CVG_TEXT_SCREENSHOTS=DIR set, screenshots in light and dark go there. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cvg-event-writer.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "cvg-text-page.h"
#include "cvg-ui-helpers.h"

#define TEXT_PAGE 6

static const char *newest =
  "# Heading\n\nSome *words* and a [link](https://example.org).\n\n"
  "| name | value |\n|---|---|\n| lr | 0.1 |\n\n"
  "```\ncode\tkept\n```\n\n<b>literal</b>\n";

static char *
write_logs (void)
{
  static const char *grid[] = { "**a**", "b", "c", "d" };
  static const gint64 grid_dims[] = { 2, 2 };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cvg-ui-text-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "notes", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1700000000.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1700000000.0, "brain.Event:2", &error));
  g_assert_true (cvg_event_writer_write_text (writer, 1700000001.0, 0, "report/text_summary", "first *entry*", &error));
  g_assert_true (cvg_event_writer_write_text (writer, 1700000002.0, 10, "report/text_summary", "second", &error));
  g_assert_true (cvg_event_writer_write_text (writer, 1700000003.0, 20, "report/text_summary", newest, &error));
  g_assert_true (cvg_event_writer_write_text_tensor (writer, 1700000004.0, 5, "tables/grid", grid, grid_dims, 2, &error));
  {
    static const gint64 cube_dims[] = { 2, 1, 2 };
    static const gint64 long_dims[] = { 500 };
    const char *cube[] = { "x", "y", "z", "w" };
    g_autofree const char **lines = g_new (const char *, 500);

    for (guint i = 0; i < 500; i++)
      lines[i] = "line";
    g_assert_true (cvg_event_writer_write_text_tensor (writer, 1700000004.0, 5, "tables/cube", cube, cube_dims, 3, &error));
    g_assert_true (cvg_event_writer_write_text_tensor (writer, 1700000004.0, 5, "tables/long", lines, long_dims, 1, &error));
  }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  return dir;
}

static CvgTextPage *
show_text_page (CvgWindow *window)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", TEXT_PAGE));
  cvg_ui_settle ();
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "text");
  page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_TEXT_PAGE);
  g_assert_nonnull (page);
  return CVG_TEXT_PAGE (page);
}

/* The first label under @root with @css_class (NULL: any) whose shown
 * text contains @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *css_class,
            const char *text)
{
  if (GTK_IS_LABEL (root) && (css_class == NULL || gtk_widget_has_css_class (root, css_class)) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, css_class, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_text_fixtures (void)
{
  g_autofree char *dir = write_logs ();
  CvgWindow *window = cvg_ui_open_window (dir);
  CvgTextPage *page = show_text_page (window);
  CvgTextCard *card;
  GtkWidget *table;
  GtkLabel *label;

  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, 4);

  /* Rank 3: the first slice, said so; a long table: the rows shown, said so. */
  card = cvg_text_page_get_card (page, "notes", "tables/cube");
  cvg_ui_settle ();
  g_assert_nonnull (find_label (GTK_WIDGET (card), "dim-label", "A tensor of rank 3: showing its first 2-D slice"));
  g_assert_nonnull (find_label (GTK_WIDGET (card), NULL, "y"));
  g_assert_null (find_label (GTK_WIDGET (card), NULL, "z"));
  card = cvg_text_page_get_card (page, "notes", "tables/long");
  cvg_ui_settle ();
  g_assert_nonnull (find_label (GTK_WIDGET (card), "dim-label", "Showing 200 of 500 rows and 1 of 1 columns"));

  card = cvg_text_page_get_card (page, "notes", "report/text_summary");
  g_assert_nonnull (card);
  cvg_ui_settle ();
  /* Newest step first. */
  g_assert_cmpuint (cvg_text_card_get_n_entries (card), ==, 3);
  g_assert_cmpuint (cvg_text_card_get_entry (card, 0), ==, 2);
  g_assert_cmpuint (cvg_text_card_get_entry (card, 2), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (card), "dim-label", "Step 20"));

  /* A heading, a table and a code block from one entry; HTML as text. */
  label = find_label (GTK_WIDGET (card), "title-1", "Heading");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Heading");
  table = find_with_class (GTK_WIDGET (card), "markdown-table");
  g_assert_nonnull (table);
  g_assert_nonnull (find_label (table, NULL, "name"));
  g_assert_nonnull (find_label (table, NULL, "0.1"));
  label = find_label (GTK_WIDGET (card), "monospace", "code");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "code\tkept");
  label = find_label (GTK_WIDGET (card), NULL, "literal");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "<b>literal</b>");
  g_assert_nonnull (find_label (GTK_WIDGET (card), NULL, "link"));

  /* A rank-2 tensor is a table of rendered cells. */
  card = cvg_text_page_get_card (page, "notes", "tables/grid");
  g_assert_nonnull (card);
  cvg_ui_settle ();
  table = find_with_class (GTK_WIDGET (card), "text-table");
  g_assert_nonnull (table);
  label = find_label (table, NULL, "a");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "<b>a</b>");

  /* The search marks matches; raw shows the text as written. */
  cvg_text_page_set_search (page, "words");
  cvg_ui_settle ();
  card = cvg_text_page_get_card (page, "notes", "report/text_summary");
  label = find_label (GTK_WIDGET (card), NULL, "Some words");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "background=\"#f6d32d\""));
  cvg_ui_screenshot ("CVG_TEXT_SCREENSHOTS", "text-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  cvg_ui_screenshot ("CVG_TEXT_SCREENSHOTS", "text-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  cvg_text_page_set_raw (page, TRUE);
  cvg_ui_settle ();
  g_assert_nonnull (find_label (GTK_WIDGET (card), "monospace", "# Heading\n\nSome *words*"));

  /* The filter keeps matching tags and runs. */
  cvg_text_page_set_filter (page, "TABLES/G");
  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, 1);
  cvg_text_page_set_filter (page, "");
  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

/* The longest the main loop went without running a 1 ms high-priority
 * probe. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  n_calls;
} Probe;

static gboolean
probe_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;
  probe->n_calls++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_probes (gpointer data)
{
  return ((Probe *) data)->n_calls >= 100;
}

static gboolean
clipboard_has (gpointer data)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gdk_display_get_clipboard (gdk_display_get_default ()));

  return content != NULL;
}

/* A 5 MB entry and 10,000 entries: built lazily, the main loop keeps
 * running; copying gives the whole entry. */
static void
test_text_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-ui-text-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "big", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1700000000.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  CvgWindow *window;
  CvgTextPage *page;
  CvgTextCard *card;
  Probe probe;
  guint probe_id;
  gint64 start, made;
  GtkWidget *copy;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  while (huge->len < 5 * 1024 * 1024)
    g_string_append (huge, "Some *markdown* with `code` and | a | table |\n    indented code line\n\n");
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_text (writer, 1700000001.0, 1, "huge", huge->str, &error));
  for (gint64 step = 0; step < 10000; step++)
    {
      g_autofree char *text = g_strdup_printf ("entry **%" G_GINT64_FORMAT "**", step);

      g_assert_true (cvg_event_writer_write_text (writer, 1700000001.0, step, "many", text, &error));
    }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);

  window = cvg_ui_open_window (dir);
  page = show_text_page (window);
  probe = (Probe) { g_get_monotonic_time (), 0, 0 };
  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_cb, &probe, NULL);
  start = g_get_monotonic_time ();
  card = cvg_text_page_get_card (page, "big", "huge");
  g_assert_nonnull (card);
  g_assert_nonnull (cvg_text_page_get_card (page, "big", "many"));
  g_assert_cmpuint (cvg_text_card_get_n_entries (cvg_text_page_get_card (page, "big", "many")), ==, 10000);
  made = g_get_monotonic_time () - start;
  probe.last = g_get_monotonic_time ();
  /* Past the frames that build and draw the cards. */
  g_assert_true (cvg_ui_wait_until (enough_probes, &probe));
  g_source_remove (probe_id);
  g_test_message ("5 MB entry and 10,000 entries: cards made in %.1f ms, then the longest main-loop stall %.1f ms (%u probes)",
                  made / 1000.0, probe.longest / 1000.0, probe.n_calls);
  g_assert_cmpuint (probe.n_calls, >, 0);
  /* The target is 50 ms; measured 27-202 ms on a shared, busy machine.
   * This bound only catches rendering the whole entry or every entry at
   * once (seconds), not the target, with room for a machine that runs
   * many tests at once. */
  g_assert_cmpint (probe.longest, <, 1000 * G_TIME_SPAN_MILLISECOND);
  g_assert_nonnull (find_label (GTK_WIDGET (card), "dim-label", "Showing the first"));

  copy = find_with_class (GTK_WIDGET (card), "flat");
  g_assert_true (GTK_IS_BUTTON (copy));
  g_signal_emit_by_name (copy, "clicked");
  g_assert_true (cvg_ui_wait_until (clipboard_has, NULL));
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gdk_display_get_clipboard (gdk_display_get_default ()));
    GValue value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpuint (strlen (g_value_get_string (&value)), ==, huge->len);
    g_value_unset (&value);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

/* A window on the plugins corpus's set @name; NULL, the test skipped or
 * failed, without it. */
static CvgWindow *
open_plugins_window (const char *name)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *path = NULL;

  if (corpus == NULL)
    return NULL;
  path = g_build_filename (corpus, name, NULL);
  return cvg_ui_open_window (path);
}

/* Every text tag of a corpus set has a card with all its entries. */
static void
check_corpus_set (const char *name,
                  guint       expected_cards)
{
  CvgWindow *window = open_plugins_window (name);
  CvgLogdir *logdir;
  CvgTextPage *page;
  GPtrArray *runs;
  guint n_cards = 0;

  if (window == NULL)
    return;
  page = show_text_page (window);
  logdir = cvg_window_get_logdir (window);
  runs = cvg_logdir_get_runs (logdir);
  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      GPtrArray *series = cvg_run_get_series (run);

      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);
          CvgTextCard *card;

          if (cvg_series_get_kind (s) != CVG_KIND_TEXT)
            continue;
          card = cvg_text_page_get_card (page, cvg_run_get_name (run), cvg_series_get_tag (s));
          g_assert_nonnull (card);
          g_assert_cmpuint (cvg_text_card_get_n_entries (card), ==, cvg_series_get_length (s));
          n_cards++;
        }
    }
  g_assert_cmpuint (n_cards, ==, expected_cards);
  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, expected_cards);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_text_corpus_mlagents (void)
{
  CvgWindow *window;
  CvgTextCard *card;
  GtkLabel *code;

  check_corpus_set ("mlagents_text", 4);

  /* The YAML-like config is indented by a tab: a code block, the first
   * tab its indentation, the rest (tabs, nesting) kept. */
  window = open_plugins_window ("mlagents_text");
  if (window == NULL)
    return;
  card = cvg_text_page_get_card (show_text_page (window), "MoveToGoal/MoveToGoal", "Hyperparameters/text_summary");
  g_assert_nonnull (card);
  cvg_ui_settle ();
  code = find_label (GTK_WIDGET (card), "monospace", "trainer_type:\tppo\nhyperparameters:\t\n  batch_size:\t1024\n");
  g_assert_nonnull (code);
  cvg_ui_screenshot ("CVG_TEXT_SCREENSHOTS", "text-mlagents.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_text_corpus_gnn (void)
{
  check_corpus_set ("tbx_text_prcurve_gnn", 39);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui/text/fixtures", test_text_fixtures);
  g_test_add_func ("/ui/text/large", test_text_large);
  g_test_add_func ("/ui/text/corpus/mlagents", test_text_corpus_mlagents);
  g_test_add_func ("/ui/text/corpus/gnn", test_text_corpus_gnn);

  return g_test_run ();
}
