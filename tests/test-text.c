/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pango.h>
#include <string.h>

#include "cvg-cli.h"
#include "cvg-event-writer.h"
#include "cvg-inventory.h"
#include <json-glib/json-glib.h>
#include "cvg-logdir.h"
#include "cvg-markdown.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "cvg-text.h"

/* Markdown ------------------------------------------------------------- */

static GPtrArray *
convert (const char *text)
{
  return cvg_markdown_to_blocks (text, strlen (text), NULL);
}

static CvgMarkdownBlock *
block (GPtrArray *blocks,
       guint      i)
{
  g_assert_cmpuint (i, <, blocks->len);
  return g_ptr_array_index (blocks, i);
}

/* Pango markup as GtkLabel reads it: links are GtkLabel's own tags. */
static gboolean
label_markup_parses (const char  *markup,
                     GError     **error)
{
  g_autoptr(GRegex) links = g_regex_new ("<a href=\"[^\"<>]*\">|</a>", 0, 0, NULL);
  g_autofree char *pango = g_regex_replace_literal (links, markup, -1, 0, "", 0, NULL);

  return pango_parse_markup (pango, -1, 0, NULL, NULL, NULL, error);
}

/* Every block's markup must parse as a label's markup. */
static void
assert_markup_valid (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      CvgMarkdownBlock *b = block (blocks, i);
      g_autoptr(GError) error = NULL;

      if (b->markup != NULL)
        {
          g_assert_true (g_utf8_validate (b->markup, -1, NULL));
          label_markup_parses (b->markup, &error);
          g_assert_no_error (error);
        }
      for (guint j = 0; b->cells != NULL && j < b->cells->len; j++)
        g_assert_true (label_markup_parses (g_ptr_array_index (b->cells, j), NULL));
    }
}

static void
test_markdown_blocks (void)
{
  g_autoptr(GPtrArray) blocks = convert ("# Title\n\nSome *em* and **strong** `code`.\n\n---\n\n"
                                         "    indented\tcode\n      kept\n");

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, ==, 4);
  g_assert_cmpint (block (blocks, 0)->type, ==, CVG_MARKDOWN_HEADING);
  g_assert_cmpuint (block (blocks, 0)->level, ==, 1);
  g_assert_cmpstr (block (blocks, 0)->markup, ==, "Title");
  g_assert_cmpint (block (blocks, 1)->type, ==, CVG_MARKDOWN_PARAGRAPH);
  g_assert_cmpstr (block (blocks, 1)->markup, ==, "Some <i>em</i> and <b>strong</b> <tt>code</tt>.");
  g_assert_cmpint (block (blocks, 2)->type, ==, CVG_MARKDOWN_RULE);
  g_assert_cmpint (block (blocks, 3)->type, ==, CVG_MARKDOWN_CODE);
  /* Tabs and indentation survive in code. */
  g_assert_cmpstr (block (blocks, 3)->markup, ==, "indented\tcode\n  kept");
}

static void
test_markdown_lists (void)
{
  g_autoptr(GPtrArray) blocks = convert ("- one\n- two\n  1. inner\n  2. second\n- three\n\n> quoted *text*\n");

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, ==, 6);
  g_assert_cmpstr (block (blocks, 0)->markup, ==, "• one");
  g_assert_cmpuint (block (blocks, 0)->indent, ==, 0);
  g_assert_cmpstr (block (blocks, 1)->markup, ==, "• two");
  g_assert_cmpstr (block (blocks, 2)->markup, ==, "1. inner");
  g_assert_cmpuint (block (blocks, 2)->indent, ==, 1);
  g_assert_cmpstr (block (blocks, 3)->markup, ==, "2. second");
  g_assert_cmpstr (block (blocks, 4)->markup, ==, "• three");
  g_assert_cmpuint (block (blocks, 4)->indent, ==, 0);
  g_assert_cmpint (block (blocks, 5)->type, ==, CVG_MARKDOWN_PARAGRAPH);
  g_assert_cmpuint (block (blocks, 5)->quote, ==, 1);
  g_assert_cmpstr (block (blocks, 5)->markup, ==, "quoted <i>text</i>");
}

static void
test_markdown_table (void)
{
  g_autoptr(GPtrArray) blocks = convert ("| a | b |\n|---|---|\n| 1 | **2** |\n| <x> | |\n");
  CvgMarkdownBlock *table;

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  table = block (blocks, 0);
  g_assert_cmpint (table->type, ==, CVG_MARKDOWN_TABLE);
  g_assert_cmpuint (table->n_columns, ==, 2);
  g_assert_cmpuint (table->n_header_rows, ==, 1);
  g_assert_cmpuint (table->cells->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (table->cells, 0), ==, "<b>a</b>");
  g_assert_cmpstr (g_ptr_array_index (table->cells, 3), ==, "<b>2</b>");
  g_assert_cmpstr (g_ptr_array_index (table->cells, 4), ==, "&lt;x&gt;");
  g_assert_cmpstr (g_ptr_array_index (table->cells, 5), ==, "");
}

static void
test_markdown_hostile (void)
{
  g_autoptr(GPtrArray) blocks = convert ("<script>alert(1)</script>\n\n"
                                         "<span foreground=\"red\">red</span> &amp; &lt;b&gt; <b>bold</b>\n\n"
                                         "*unterminated **markup `here\n\n"
                                         "<div>\nblock html\n</div>\n");

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, ==, 4);
  g_assert_cmpstr (block (blocks, 0)->markup, ==, "&lt;script&gt;alert(1)&lt;/script&gt;");
  g_assert_cmpstr (block (blocks, 1)->markup, ==,
                   "&lt;span foreground=&quot;red&quot;&gt;red&lt;/span&gt; &amp; &lt;b&gt; &lt;b&gt;bold&lt;/b&gt;");
  g_assert_cmpstr (block (blocks, 2)->markup, ==, "*unterminated **markup `here");
  g_assert_cmpstr (block (blocks, 3)->markup, ==, "&lt;div&gt; block html &lt;/div&gt;");
}

static void
test_markdown_bytes (void)
{
  static const char bad[] = "ok \xff\xfe text\0after NUL\n\n\xc3";
  g_autoptr(GPtrArray) blocks = cvg_markdown_to_blocks (bad, sizeof bad - 1, NULL);

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpstr (block (blocks, 0)->markup, ==, "ok \uFFFD\uFFFD text\uFFFDafter NUL");
  g_assert_cmpstr (block (blocks, 1)->markup, ==, "\uFFFD");
}

static void
test_markdown_links (void)
{
  g_autoptr(GPtrArray) blocks = convert ("[web](https://example.org/?a=1&b=\"2\") "
                                         "[js](javascript:alert(1)) [file](file:///etc/passwd) "
                                         "[mail](mailto:a@example.org) [rel](/local) "
                                         "![alt *text*](http://tracker.example/pixel.png)");
  const char *markup;

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  markup = block (blocks, 0)->markup;
  g_assert_nonnull (strstr (markup, "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">web</a>"));
  g_assert_nonnull (strstr (markup, "<a href=\"mailto:a@example.org\">mail</a>"));
  /* Other schemes and relative addresses are text, not links. */
  g_assert_null (strstr (markup, "javascript"));
  g_assert_null (strstr (markup, "file:"));
  g_assert_nonnull (strstr (markup, " js "));
  g_assert_nonnull (strstr (markup, " file "));
  g_assert_nonnull (strstr (markup, " rel "));
  /* The image is its alt text and address, never a link or a fetch. */
  g_assert_nonnull (strstr (markup, "<i>[image: alt text (http://tracker.example/pixel.png)]</i>"));
  g_assert_true (cvg_markdown_uri_is_safe ("HTTPS://x"));
  g_assert_false (cvg_markdown_uri_is_safe ("javascript:alert(1)"));
  g_assert_false (cvg_markdown_uri_is_safe ("file:///etc/passwd"));
  g_assert_false (cvg_markdown_uri_is_safe ("data:text/html,x"));
  g_assert_false (cvg_markdown_uri_is_safe ("/relative"));
}

static void
test_markdown_highlight (void)
{
  g_autoptr(GPtrArray) blocks = cvg_markdown_to_blocks ("Loss <is> LOW, loss", 19, "loss");

  assert_markup_valid (blocks);
  g_assert_cmpstr (block (blocks, 0)->markup, ==,
                   "<span background=\"#f6d32d\" foreground=\"#000000\">Loss</span> &lt;is&gt; LOW, "
                   "<span background=\"#f6d32d\" foreground=\"#000000\">loss</span>");
}

static void
test_markdown_large (void)
{
  gsize len = 5 * 1024 * 1024;
  g_autofree char *text = g_malloc (len);
  g_autoptr(GPtrArray) blocks = NULL;
  gint64 start;
  CvgMarkdownBlock *last;

  /* Paragraphs of 20 bytes: far more blocks than the bound. */
  for (gsize i = 0; i < len; i++)
    text[i] = i % 20 >= 18 ? '\n' : "ab<&*_`[|"[i % 9];
  start = g_get_monotonic_time ();
  blocks = cvg_markdown_to_blocks (text, len, "a");
  g_test_message ("5 MB entry converted in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  assert_markup_valid (blocks);
  g_assert_cmpuint (blocks->len, <=, CVG_MARKDOWN_MAX_BLOCKS + 1);
  last = block (blocks, blocks->len - 1);
  g_assert_cmpint (last->type, ==, CVG_MARKDOWN_NOTICE);
  g_assert_true (g_str_has_prefix (last->markup, "Showing the first 16.4") && strstr (last->markup, "of 5.2") != NULL);
}

static void
test_markdown_deep (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) blocks = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "> ");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "%*s- item\n", i * 2, "");
  g_string_append (text, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[**_*_*_*_*_*_*_*_*_");
  blocks = convert (text->str);
  assert_markup_valid (blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      g_assert_cmpuint (block (blocks, i)->indent, <=, CVG_MARKDOWN_MAX_INDENT);
      g_assert_cmpuint (block (blocks, i)->quote, <=, CVG_MARKDOWN_MAX_INDENT);
    }
}

/* Text tensors ---------------------------------------------------------- */

typedef struct
{
  char      *dir;
  CvgLogdir *logdir;
} Logs;

static void
logs_free (Logs *logs)
{
  cvg_test_remove_tree (logs->dir);
  g_free (logs->dir);
  g_clear_object (&logs->logdir);
  g_free (logs);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Logs, logs_free)

/* TF2's tf.summary.text of ranks 0–3 and PyTorch's add_text, read back. */
static Logs *
write_text_logs (void)
{
  static const char *doc[] = { "# Doc\n\nbody" };
  static const char *row[] = { "r0", "r1", "r2" };
  static const char *grid[] = { "a", "b", "c", "d", "e", "f" };
  static const char *cube[] = { "x0", "x1", "x2", "x3", "y0", "y1", "y2", "y3" };
  static const gint64 row_dims[] = { 3 };
  static const gint64 grid_dims[] = { 2, 3 };
  static const gint64 cube_dims[] = { 2, 2, 2 };
  Logs *logs = g_new0 (Logs, 1);
  g_autofree char *run_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  logs->dir = g_dir_make_tmp ("cvg-text-XXXXXX", &error);
  g_assert_no_error (error);
  run_dir = g_build_filename (logs->dir, "run", NULL);
  g_assert_cmpint (g_mkdir (run_dir, 0700), ==, 0);
  path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error);
  g_assert_true (cvg_event_writer_write_text_tensor (writer, 2.0, 0, "tf2/doc", doc, NULL, 0, &error));
  g_assert_true (cvg_event_writer_write_text_tensor (writer, 2.0, 0, "tf2/row", row, row_dims, 1, &error));
  g_assert_true (cvg_event_writer_write_text_tensor (writer, 2.0, 0, "tf2/grid", grid, grid_dims, 2, &error));
  g_assert_true (cvg_event_writer_write_text_tensor (writer, 2.0, 0, "tf2/cube", cube, cube_dims, 3, &error));
  g_assert_true (cvg_event_writer_write_text (writer, 3.0, 5, "notes/text_summary", "\tkey:\tvalue", &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);

  logs->logdir = cvg_logdir_new (logs->dir);
  g_assert_true (cvg_logdir_load (logs->logdir, &error));
  g_assert_no_error (error);
  return logs;
}

static const CvgTensorValue *
text_value (CvgLogdir  *logdir,
            const char *run,
            const char *tag)
{
  CvgRun *r = cvg_logdir_lookup_run (logdir, run);
  CvgSeries *series;

  g_assert_nonnull (r);
  series = cvg_run_lookup_series (r, CVG_KIND_TEXT, tag);
  g_assert_nonnull (series);
  g_assert_cmpint (cvg_series_get_kind (series), ==, CVG_KIND_TEXT);
  g_assert_cmpuint (cvg_series_get_length (series), >=, 1);
  return cvg_series_get_tensor (series, 0);
}

static char *
cell (const CvgTensorValue *value,
      const CvgTextShape   *shape,
      guint                 row,
      guint                 column)
{
  CvgSpan span = cvg_text_get_cell (value, shape, row, column);

  return cvg_text_make_valid (span.data, span.len);
}

static void
assert_cell (const CvgTensorValue *value,
             const CvgTextShape   *shape,
             guint                 row,
             guint                 column,
             const char           *expected)
{
  g_autofree char *text = cell (value, shape, row, column);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_text_ranks (void)
{
  g_autoptr(Logs) logs = write_text_logs ();
  const CvgTensorValue *value;
  CvgTextShape shape;
  g_autofree char *doc = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *notes = NULL;

  value = text_value (logs->logdir, "run", "tf2/doc");
  g_assert_true (cvg_text_get_shape (value, &shape));
  g_assert_true (shape.document);
  g_assert_false (shape.sliced);
  assert_cell (value, &shape, 0, 0, "# Doc\n\nbody");
  doc = cvg_text_value_to_string (value, FALSE);
  g_assert_cmpstr (doc, ==, "# Doc\n\nbody");

  value = text_value (logs->logdir, "run", "tf2/row");
  g_assert_true (cvg_text_get_shape (value, &shape));
  g_assert_false (shape.document);
  g_assert_cmpuint (shape.n_rows, ==, 3);
  g_assert_cmpuint (shape.n_columns, ==, 1);
  assert_cell (value, &shape, 2, 0, "r2");

  value = text_value (logs->logdir, "run", "tf2/grid");
  g_assert_true (cvg_text_get_shape (value, &shape));
  g_assert_cmpuint (shape.n_rows, ==, 2);
  g_assert_cmpuint (shape.n_columns, ==, 3);
  assert_cell (value, &shape, 0, 2, "c");
  assert_cell (value, &shape, 1, 0, "d");
  grid = cvg_text_value_to_string (value, FALSE);
  g_assert_cmpstr (grid, ==, "[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]");

  /* Rank 3: the first 2-D slice, [0, :, :], with a notice. */
  value = text_value (logs->logdir, "run", "tf2/cube");
  g_assert_true (cvg_text_get_shape (value, &shape));
  g_assert_true (shape.sliced);
  g_assert_cmpuint (shape.n_rows, ==, 2);
  g_assert_cmpuint (shape.n_columns, ==, 2);
  assert_cell (value, &shape, 0, 0, "x0");
  assert_cell (value, &shape, 1, 1, "x3");

  /* PyTorch: shape [1], a document; tabs kept. */
  value = text_value (logs->logdir, "run", "notes/text_summary");
  g_assert_cmpuint (value->rank, ==, 1);
  g_assert_true (cvg_text_get_shape (value, &shape));
  g_assert_true (shape.document);
  notes = cvg_text_value_to_string (value, TRUE);
  g_assert_cmpstr (notes, ==, "\tkey:\tvalue");
}

static void
test_text_bad_shape (void)
{
  CvgSpan strings[2] = { { (const guint8 *) "a", 1 }, { (const guint8 *) "b", 1 } };
  CvgTensorValue value = { .dtype = CVG_DT_STRING, .rank = 2, .dims = { 3, 3 }, .n_elements = 2, .strings = strings };
  CvgTensorValue numbers = { .dtype = CVG_DT_FLOAT, .rank = 0, .n_elements = 1 };
  CvgTextShape shape;

  /* More cells than strings: refused, never read past the end. */
  g_assert_false (cvg_text_get_shape (&value, &shape));
  value.dims[0] = G_MAXINT64;
  value.dims[1] = G_MAXINT64;
  g_assert_false (cvg_text_get_shape (&value, &shape));
  value.dims[0] = -1;
  g_assert_false (cvg_text_get_shape (&value, &shape));
  g_assert_false (cvg_text_get_shape (&numbers, &shape));
}

/* Export ---------------------------------------------------------------- */

static gboolean
no_flush (GString  *out,
          gpointer  user_data)
{
  return TRUE;
}

static char *
export_text (CvgLogdir  *logdir,
             const char *tag_pattern)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GRegex) tags = tag_pattern != NULL ? g_regex_new (tag_pattern, 0, 0, NULL) : NULL;

  cvg_export_text (cvg_logdir_get_runs (logdir), NULL, tags, FALSE, out, G_MAXSIZE, no_flush, NULL);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* RFC 4180 records of @csv, each a GStrv of fields. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = csv; *p != '\0'; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == ',' || *p == '\n'))
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\n')
            {
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
            }
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_cmpuint (field->len, ==, 0);
  return records;
}

/* The strings of a JSON array. */
static GStrv
parse_json_strings (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) strings = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (strings, json_array_get_string_element (array, i));
  return g_strv_builder_end (strings);
}

static void
test_export_fixtures (void)
{
  g_autoptr(Logs) logs = write_text_logs ();
  g_autofree char *csv = export_text (logs->logdir, NULL);
  g_autoptr(GPtrArray) records = parse_csv (csv);
  g_auto(GStrv) grid = NULL;
  char **r;

  g_assert_cmpuint (records->len, ==, 6);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r[0], ==, "run");
  g_assert_cmpstr (r[4], ==, "text");
  /* Tags sorted; rank 0 as it is, the others as JSON arrays. */
  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (r[1], ==, "notes/text_summary");
  g_assert_cmpstr (r[2], ==, "5");
  g_assert_cmpstr (r[3], ==, "3.000000");
  g_assert_cmpstr (r[4], ==, "[\"\\tkey:\\tvalue\"]");
  r = g_ptr_array_index (records, 3);
  g_assert_cmpstr (r[1], ==, "tf2/doc");
  g_assert_cmpstr (r[4], ==, "# Doc\n\nbody");
  r = g_ptr_array_index (records, 4);
  g_assert_cmpstr (r[1], ==, "tf2/grid");
  grid = parse_json_strings (r[4]);
  g_assert_cmpuint (g_strv_length (grid), ==, 6);
  g_assert_cmpstr (grid[5], ==, "f");
}

/* INVENTORY.txt's text='…': \t a tab, \\n a newline, cut at 60
 * characters with "..."; returns the known prefix. */
static char *
inventory_text (const CvgInvTag *tag)
{
  for (guint i = 0; tag->details != NULL && i < tag->details->len; i++)
    {
      const char *start = strstr (g_ptr_array_index (tag->details, i), "text='");
      g_autoptr(GString) text = g_string_new (NULL);

      if (start == NULL)
        continue;
      for (const char *p = start + 6; *p != '\0' && strcmp (p, "'") != 0 && strcmp (p, "...'") != 0; p++)
        {
          if (g_str_has_prefix (p, "\\\\n"))
            {
              g_string_append_c (text, '\n');
              p += 2;
            }
          else if (g_str_has_prefix (p, "\\t"))
            {
              g_string_append_c (text, '\t');
              p++;
            }
          else
            g_string_append_c (text, *p);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return NULL;
}

/* `--export text` on the corpus's text logs gives every text entry
 * INVENTORY.txt lists, its string starting as listed. */
static void
test_export_corpus (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *inventory_path = NULL;
  g_autoptr(GError) error = NULL;
  CvgInventory *inventory;
  static const char *sets[] = { "mlagents_text", "tbx_text_prcurve_gnn" };
  guint n_checked = 0;

  if (corpus == NULL)
    return;
  inventory_path = g_build_filename (corpus, "INVENTORY.txt", NULL);
  inventory = cvg_inventory_load (inventory_path, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autofree char *dir = g_build_filename (corpus, sets[s], NULL);
      g_autoptr(CvgLogdir) logdir = cvg_logdir_new (dir);
      g_autofree char *csv = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) runs = cvg_inventory_get_set_runs (inventory, sets[s]);
      guint n_expected = 0;

      g_assert_true (cvg_logdir_load (logdir, &error));
      g_assert_no_error (error);
      csv = export_text (logdir, NULL);
      records = parse_csv (csv);

      for (guint i = 0; i < runs->len; i++)
        {
          CvgInvRun *run = g_ptr_array_index (runs, i);

          for (guint j = 0; j < run->tags->len; j++)
            {
              CvgInvTag *tag = g_ptr_array_index (run->tags, j);
              g_autofree char *expected = NULL;
              gboolean found = FALSE;

              if (tag->kind != CVG_INV_TEXT)
                continue;
              expected = inventory_text (tag);
              g_assert_nonnull (expected);
              n_expected += (guint) tag->n;
              for (guint k = 1; k < records->len; k++)
                {
                  char **r = g_ptr_array_index (records, k);
                  g_auto(GStrv) strings = NULL;

                  if (strcmp (r[1], tag->tag) != 0 || !g_str_has_suffix (run->name, r[0]) ||
                      g_ascii_strtoll (r[2], NULL, 10) != tag->step_max)
                    continue;
                  strings = parse_json_strings (r[4]);
                  g_assert_cmpuint (g_strv_length (strings), ==, 1);
                  g_assert_true (g_str_has_prefix (strings[0], expected));
                  found = TRUE;
                  n_checked++;
                }
              g_assert_true (found);
            }
        }
      g_assert_cmpuint (records->len - 1, ==, n_expected);
    }
  g_assert_cmpuint (n_checked, ==, 43);
  cvg_inventory_free (inventory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/blocks", test_markdown_blocks);
  g_test_add_func ("/markdown/lists", test_markdown_lists);
  g_test_add_func ("/markdown/table", test_markdown_table);
  g_test_add_func ("/markdown/hostile", test_markdown_hostile);
  g_test_add_func ("/markdown/bytes", test_markdown_bytes);
  g_test_add_func ("/markdown/links", test_markdown_links);
  g_test_add_func ("/markdown/highlight", test_markdown_highlight);
  g_test_add_func ("/markdown/large", test_markdown_large);
  g_test_add_func ("/markdown/deep", test_markdown_deep);
  g_test_add_func ("/text/ranks", test_text_ranks);
  g_test_add_func ("/text/bad-shape", test_text_bad_shape);
  g_test_add_func ("/export/fixtures", test_export_fixtures);
  g_test_add_func ("/export/corpus", test_export_corpus);

  return g_test_run ();
}
