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

  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, 2);
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
  cvg_text_page_set_filter (page, "TABLES");
  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, 1);
  cvg_text_page_set_filter (page, "");
  g_assert_cmpuint (cvg_text_page_get_n_cards (page), ==, 2);

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
  g_test_add_func ("/ui/text/corpus/mlagents", test_text_corpus_mlagents);
  g_test_add_func ("/ui/text/corpus/gnn", test_text_corpus_gnn);

  return g_test_run ();
}
