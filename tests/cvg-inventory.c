/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-inventory"

#include "config.h"

#include "cvg-inventory.h"
#include "cvg-test-corpus.h"

#include <stdarg.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The kind labels exactly as INVENTORY prints them. */
static const char * const kind_labels[] = {
  [CVG_INV_SCALAR_SIMPLE_VALUE] = "scalar simple_value",
  [CVG_INV_SCALAR_TENSOR] = "scalar tensor",
  [CVG_INV_HISTOGRAM_PROTO] = "histogram proto",
  [CVG_INV_HISTOGRAM_TENSOR] = "histogram tensor",
  [CVG_INV_IMAGE] = "image",
  [CVG_INV_KERAS_MODEL] = "keras model config",
  [CVG_INV_GRAPH_DEF] = "graph (GraphDef)",
  [CVG_INV_META_GRAPH_DEF] = "meta_graph_def",
  [CVG_INV_SESSION_LOG] = "session_log",
  [CVG_INV_TAGGED_RUN_METADATA] = "tagged_run_metadata",
  [CVG_INV_GRAPH_RUN_METADATA] = "graph run metadata",
  [CVG_INV_PR_CURVE_TENSOR] = "pr_curve tensor",
  [CVG_INV_HPARAMS] = "hparams",
  [CVG_INV_TEXT] = "text",
};

typedef enum
{
  STATE_TOP,
  STATE_FILES,
  STATE_TAGS,
  STATE_SIDE_FILES,
  STATE_DONE,
} State;

typedef struct
{
  CvgInventory *inventory;
  State         state;
  guint         line_no;
  CvgInvRun    *run;
  CvgInvFile   *file;
  CvgInvTag    *tag;
  gint64        declared_tags;
  GRegex       *tag_regex;
} Parser;

static void
inv_file_free (CvgInvFile *file)
{
  g_free (file->name);
  g_free (file->file_version);
  g_free (file->writer);
  g_free (file);
}

static void
inv_tag_free (CvgInvTag *tag)
{
  g_free (tag->tag);
  g_free (tag->first_detail);
  g_free (tag->last_detail);
  g_ptr_array_unref (tag->details);
  g_free (tag);
}

static void
inv_run_free (CvgInvRun *run)
{
  g_free (run->name);
  g_free (run->set);
  g_free (run->relative);
  g_ptr_array_unref (run->files);
  g_ptr_array_unref (run->tags);
  g_free (run);
}

static gboolean
fail (Parser      *parser,
      GError     **error,
      const char  *what,
      const char  *line)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "INVENTORY.txt line %u: %s: \"%s\"", parser->line_no, what, line);
  return FALSE;
}

static gboolean
parse_u64 (const char *text,
           const char *end_chars,
           guint64    *value,
           const char **end)
{
  char *e = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoull (text, &e, 10);
  if (errno != 0 || e == text || (*e != '\0' && strchr (end_chars, *e) == NULL))
    return FALSE;
  if (end != NULL)
    *end = e;
  return TRUE;
}

static gboolean
parse_i64 (const char  *text,
           const char  *end_chars,
           gint64      *value,
           const char **end)
{
  char *e = NULL;

  if (!g_ascii_isdigit (*text) && !(*text == '-' && g_ascii_isdigit (text[1])))
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoll (text, &e, 10);
  if (errno != 0 || e == text || (*e != '\0' && strchr (end_chars, *e) == NULL))
    return FALSE;
  if (end != NULL)
    *end = e;
  return TRUE;
}

static gboolean
parse_double (const char  *text,
              const char  *end_chars,
              double      *value,
              const char **end)
{
  char *e = NULL;

  errno = 0;
  *value = g_ascii_strtod (text, &e);
  if (errno != 0 || e == text || (*e != '\0' && strchr (end_chars, *e) == NULL))
    return FALSE;
  if (end != NULL)
    *end = e;
  return TRUE;
}

/* The text right after "key=" where "key" starts the line or follows a
 * space, or NULL. */
static const char *
find_key (const char *line,
          const char *key)
{
  gsize key_len = strlen (key);

  for (const char *p = strstr (line, key); p != NULL; p = strstr (p + 1, key))
    if ((p == line || p[-1] == ' ' || p[-1] == '(') && p[key_len] == '=')
      return p + key_len + 1;
  return NULL;
}

static gboolean
key_u64 (const char *line,
         const char *key,
         guint64    *value)
{
  const char *v = find_key (line, key);

  return v != NULL && parse_u64 (v, " ),", value, NULL);
}

static char *
key_token (const char *line,
           const char *key)
{
  const char *v = find_key (line, key);
  const char *e;

  if (v == NULL)
    return NULL;
  e = strchr (v, ' ');
  return e != NULL ? g_strndup (v, e - v) : g_strdup (v);
}

static gboolean
parse_file_sizes (Parser      *parser,
                  const char  *line,
                  GError     **error)
{
  CvgInvFile *file = parser->file;
  g_autofree char *tail = key_token (line, "truncated_tail");

  if (!key_u64 (line, "size", &file->size) ||
      !key_u64 (line, "records", &file->records) ||
      !key_u64 (line, "bad_crc", &file->bad_crc) ||
      tail == NULL || (strcmp (tail, "no") != 0 && strcmp (tail, "yes") != 0))
    return fail (parser, error, "bad file size line", line);
  file->truncated_tail = strcmp (tail, "yes") == 0;
  return TRUE;
}

static gboolean
parse_file_version (Parser      *parser,
                    const char  *line,
                    GError     **error)
{
  CvgInvFile *file = parser->file;
  g_autofree char *wall = key_token (line, "wall_time");
  const char *dots;

  g_free (file->file_version);
  g_free (file->writer);
  file->file_version = key_token (line, "file_version");
  file->writer = key_token (line, "writer");
  if (file->file_version == NULL || file->writer == NULL || wall == NULL ||
      (dots = strstr (wall, "..")) == NULL ||
      !parse_double (wall, ".", &file->wall_time_first, NULL) ||
      !parse_double (dots + 2, "", &file->wall_time_last, NULL))
    return fail (parser, error, "bad file_version line", line);
  return TRUE;
}

static gboolean
parse_file_events (Parser      *parser,
                   const char  *line,
                   GError     **error)
{
  CvgInvFile *file = parser->file;

  if (!key_u64 (line, "summary", &file->n_summary) ||
      !key_u64 (line, "graph_def", &file->n_graph_def) ||
      !key_u64 (line, "meta_graph_def", &file->n_meta_graph_def) ||
      !key_u64 (line, "session_log", &file->n_session_log) ||
      !key_u64 (line, "tagged_run_metadata", &file->n_tagged_run_metadata) ||
      !key_u64 (line, "log_message", &file->n_log_message) ||
      !key_u64 (line, "other", &file->n_other) ||
      !key_u64 (line, "proto_errors", &file->proto_errors))
    return fail (parser, error, "bad events line", line);
  return TRUE;
}

static gboolean
finish_run (Parser  *parser,
            GError **error)
{
  if (parser->run != NULL && parser->declared_tags >= 0 &&
      (guint) parser->declared_tags != parser->run->tags->len)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "INVENTORY.txt: run %s declares %" G_GINT64_FORMAT " tags but lists %u",
                   parser->run->name, parser->declared_tags, parser->run->tags->len);
      return FALSE;
    }
  if (parser->run != NULL && parser->declared_tags < 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "INVENTORY.txt: run %s has no tags: line", parser->run->name);
      return FALSE;
    }
  parser->run = NULL;
  parser->file = NULL;
  parser->tag = NULL;
  parser->declared_tags = -1;
  return TRUE;
}

static gboolean
start_run (Parser      *parser,
           const char  *line,
           GError     **error)
{
  CvgInvRun *run;
  const char *name = line + strlen ("RUN ");
  const char *slash;

  /* The rest of the line, spaces included: folder names may hold them. */
  if (*name == '\0' || *name == ' ' || g_str_has_suffix (name, " "))
    return fail (parser, error, "bad RUN line", line);

  run = g_new0 (CvgInvRun, 1);
  run->name = g_strdup (name);
  slash = strchr (name, '/');
  if (slash != NULL)
    {
      run->set = g_strndup (name, slash - name);
      run->relative = g_strdup (slash + 1);
    }
  else
    {
      run->set = g_strdup (name);
      run->relative = g_strdup (".");
    }
  run->files = g_ptr_array_new_with_free_func ((GDestroyNotify) inv_file_free);
  run->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) inv_tag_free);
  run->line = parser->line_no;
  g_ptr_array_add (parser->inventory->runs, run);
  parser->run = run;
  parser->state = STATE_FILES;
  parser->declared_tags = -1;
  return TRUE;
}

static gboolean
parse_tag_line (Parser      *parser,
                const char  *line,
                GError     **error)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *n = NULL;
  g_autofree char *step_min = NULL;
  g_autofree char *step_max = NULL;
  g_autofree char *decreases = NULL;
  g_autofree char *repeats = NULL;
  CvgInvTag *tag;
  gboolean found_kind = FALSE;

  if (!g_regex_match (parser->tag_regex, line, 0, &match))
    return fail (parser, error, "bad tag line", line);

  tag = g_new0 (CvgInvTag, 1);
  tag->details = g_ptr_array_new_with_free_func (g_free);
  tag->line = parser->line_no;
  tag->tag = g_match_info_fetch (match, 1);
  g_ptr_array_add (parser->run->tags, tag);
  parser->tag = tag;

  kind = g_match_info_fetch (match, 2);
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (strcmp (kind, kind_labels[i]) == 0)
      {
        tag->kind = i;
        found_kind = TRUE;
      }
  n = g_match_info_fetch (match, 3);
  step_min = g_match_info_fetch (match, 4);
  step_max = g_match_info_fetch (match, 5);
  decreases = g_match_info_fetch (match, 6);
  repeats = g_match_info_fetch (match, 7);

  if (!found_kind ||
      !parse_u64 (n, "", &tag->n, NULL) ||
      !parse_i64 (step_min, "", &tag->step_min, NULL) ||
      !parse_i64 (step_max, "", &tag->step_max, NULL))
    return fail (parser, error, "bad tag fields", line);

  if (decreases != NULL && *decreases != '\0')
    {
      if (!parse_u64 (decreases, "", &tag->step_decreases, NULL) ||
          !parse_u64 (repeats, "", &tag->step_repeats, NULL))
        return fail (parser, error, "bad step decreases/repeats", line);
    }
  return TRUE;
}

static gboolean
parse_detail_line (Parser      *parser,
                   const char  *line,
                   GError     **error)
{
  CvgInvTag *tag = parser->tag;
  const char *text = line;

  while (*text == ' ')
    text++;

  if (g_str_has_prefix (text, "first: "))
    {
      if (tag->first_detail != NULL)
        return fail (parser, error, "second first: line", line);
      tag->first_detail = g_strdup (text + strlen ("first: "));
    }
  else if (g_str_has_prefix (text, "last: "))
    {
      if (tag->last_detail != NULL)
        return fail (parser, error, "second last: line", line);
      tag->last_detail = g_strdup (text + strlen ("last: "));
    }
  else if (g_str_has_prefix (text, "min="))
    {
      const char *v;

      if (tag->has_stats)
        return fail (parser, error, "second min= line", line);
      if ((v = find_key (text, "min")) == NULL || !parse_double (v, " ", &tag->min, NULL) ||
          (v = find_key (text, "max")) == NULL || !parse_double (v, " ", &tag->max, NULL) ||
          (v = find_key (text, "last")) == NULL || !parse_double (v, " ", &tag->last, NULL))
        return fail (parser, error, "bad min/max/last line", line);
      tag->has_stats = TRUE;
    }
  else
    {
      g_ptr_array_add (tag->details, g_strchomp (g_strdup (text)));
    }
  return TRUE;
}

static gboolean
parse_total (Parser      *parser,
             const char  *line,
             GError     **error)
{
  guint64 runs;

  if (!key_u64 (line, "runs", &runs) ||
      !key_u64 (line, "bad_crc_records", &parser->inventory->total_bad_crc) ||
      !key_u64 (line, "files_with_truncated_tail", &parser->inventory->total_truncated))
    return fail (parser, error, "bad TOTAL line", line);
  parser->inventory->total_runs = runs;
  parser->state = STATE_DONE;
  return TRUE;
}

static gboolean
parse_line (Parser      *parser,
            const char  *line,
            GError     **error)
{
  if (*line == '\0')
    return TRUE;

  if (g_str_has_prefix (line, "=====") || g_str_has_prefix (line, "RUN ") ||
      g_str_has_prefix (line, "TOTAL ") || g_str_has_prefix (line, "PROJECTOR"))
    {
      if (!finish_run (parser, error))
        return FALSE;
      if (g_str_has_prefix (line, "====="))
        {
          if (parser->state != STATE_SIDE_FILES)
            parser->state = STATE_TOP;
          return TRUE;
        }
      if (g_str_has_prefix (line, "RUN "))
        return start_run (parser, line, error);
      if (g_str_has_prefix (line, "TOTAL "))
        return parse_total (parser, line, error);
      parser->state = STATE_SIDE_FILES;
      return TRUE;
    }

  switch (parser->state)
    {
    case STATE_TOP:
      if (g_str_has_prefix (line, "LOGDIR "))
        return TRUE;
      if (g_str_has_prefix (line, "runs with event files: "))
        {
          guint64 n;
          if (!parse_u64 (line + strlen ("runs with event files: "), "", &n, NULL))
            return fail (parser, error, "bad run count", line);
          parser->inventory->declared_runs = n;
          return TRUE;
        }
      return fail (parser, error, "unexpected line", line);

    case STATE_FILES:
      if (g_str_has_prefix (line, "  file "))
        {
          CvgInvFile *file = g_new0 (CvgInvFile, 1);
          file->name = g_strdup (line + strlen ("  file "));
          file->file_version = g_strdup ("-");
          file->writer = g_strdup ("-");
          g_ptr_array_add (parser->run->files, file);
          parser->file = file;
          return TRUE;
        }
      if (g_str_has_prefix (line, "  tags: "))
        {
          if (!parse_i64 (line + strlen ("  tags: "), "", &parser->declared_tags, NULL) ||
              parser->declared_tags < 0)
            return fail (parser, error, "bad tags: line", line);
          parser->state = STATE_TAGS;
          return TRUE;
        }
      if (parser->file == NULL)
        return fail (parser, error, "file attribute before any file", line);
      if (g_str_has_prefix (line, "    size="))
        return parse_file_sizes (parser, line, error);
      if (g_str_has_prefix (line, "    file_version="))
        return parse_file_version (parser, line, error);
      if (g_str_has_prefix (line, "    events: "))
        return parse_file_events (parser, line, error);
      return fail (parser, error, "unexpected line in a run's files", line);

    case STATE_TAGS:
      if (g_str_has_prefix (line, "        "))
        {
          if (parser->tag == NULL)
            return fail (parser, error, "detail before any tag", line);
          return parse_detail_line (parser, line, error);
        }
      if (g_str_has_prefix (line, "    ") && line[4] != ' ')
        return parse_tag_line (parser, line, error);
      return fail (parser, error, "unexpected line in a run's tags", line);

    case STATE_SIDE_FILES:
      if (g_str_has_prefix (line, "  "))
        return TRUE;
      return fail (parser, error, "unexpected line among side files", line);

    case STATE_DONE:
    default:
      return fail (parser, error, "text after TOTAL", line);
    }
}

CvgInventory *
cvg_inventory_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(CvgInventory) inventory = g_new0 (CvgInventory, 1);
  g_autoptr(GString) pattern = g_string_new ("^    (.*\\S) +(");
  g_auto(GStrv) lines = NULL;
  Parser parser = { 0 };
  gboolean ok = TRUE;

  inventory->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) inv_run_free);

  /* The tag column is padded to 40 characters, but long tags overflow it
   * and tags may hold spaces: the greedy tag group leaves the rightmost
   * kind label that is followed by the n= and steps= fields. */
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    {
      g_autofree char *escaped = g_regex_escape_string (kind_labels[i], -1);
      if (i > 0)
        g_string_append_c (pattern, '|');
      g_string_append (pattern, escaped);
    }
  g_string_append (pattern, ") +n=(\\d+) +steps=(-?\\d+)\\.\\.(-?\\d+)"
                            "(?: \\(step decreases=(\\d+) repeats=(\\d+)\\))?$");
  parser.tag_regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, error);
  if (parser.tag_regex == NULL)
    return NULL;

  parser.inventory = inventory;
  parser.state = STATE_TOP;
  parser.declared_tags = -1;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      parser.line_no = i + 1;
      ok = parse_line (&parser, line, error);
    }
  if (ok)
    ok = finish_run (&parser, error);
  g_regex_unref (parser.tag_regex);
  if (!ok)
    return NULL;

  if (parser.state != STATE_DONE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "INVENTORY.txt: no TOTAL line at the end (truncated file?)");
      return NULL;
    }
  if (inventory->declared_runs != inventory->runs->len ||
      inventory->total_runs != inventory->runs->len)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "INVENTORY.txt: lists %u runs but declares %u (header) and %u (TOTAL)",
                   inventory->runs->len, inventory->declared_runs, inventory->total_runs);
      return NULL;
    }
  return g_steal_pointer (&inventory);
}

CvgInventory *
cvg_inventory_load (const char  *path,
                    GError     **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return cvg_inventory_parse (text, error);
}

void
cvg_inventory_free (CvgInventory *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_free (self);
}

GPtrArray *
cvg_inventory_get_sets (const CvgInventory *self)
{
  GPtrArray *sets = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->runs->len; i++)
    {
      const CvgInvRun *run = g_ptr_array_index (self->runs, i);
      gboolean known = FALSE;

      for (guint j = 0; j < sets->len && !known; j++)
        known = strcmp (g_ptr_array_index (sets, j), run->set) == 0;
      if (!known)
        g_ptr_array_add (sets, g_strdup (run->set));
    }
  return sets;
}

GPtrArray *
cvg_inventory_get_set_runs (const CvgInventory *self,
                            const char         *set)
{
  GPtrArray *runs = g_ptr_array_new ();

  for (guint i = 0; i < self->runs->len; i++)
    {
      CvgInvRun *run = g_ptr_array_index (self->runs, i);

      if (strcmp (run->set, set) == 0)
        g_ptr_array_add (runs, run);
    }
  return runs;
}

guint64
cvg_inv_run_get_records (const CvgInvRun *run)
{
  guint64 records = 0;

  for (guint i = 0; i < run->files->len; i++)
    records += ((const CvgInvFile *) g_ptr_array_index (run->files, i))->records;
  return records;
}

const char *
cvg_inv_kind_to_string (CvgInvKind kind)
{
  if ((guint) kind < G_N_ELEMENTS (kind_labels))
    return kind_labels[kind];
  return "?";
}

gboolean
cvg_inv_detail_get_int (const char *detail,
                        const char *key,
                        gint64     *value)
{
  const char *v;

  if (detail == NULL || (v = find_key (detail, key)) == NULL)
    return FALSE;
  return parse_i64 (v, " ,", value, NULL);
}

gboolean
cvg_inv_detail_get_double (const char *detail,
                           const char *key,
                           double     *value)
{
  const char *v;

  if (detail == NULL || (v = find_key (detail, key)) == NULL)
    return FALSE;
  return parse_double (v, " ,]", value, NULL);
}

gboolean
cvg_inv_detail_get_size (const char *detail,
                         gint64     *width,
                         gint64     *height)
{
  const char *end;

  if (detail == NULL)
    return FALSE;
  return parse_i64 (detail, "x", width, &end) && *end == 'x' &&
         parse_i64 (end + 1, " ", height, NULL);
}

gboolean
cvg_inv_detail_get_count (const char *detail,
                          const char *word,
                          gint64     *value)
{
  gsize word_len = strlen (word);
  gboolean attached = strcmp (word, "B") == 0;

  if (detail == NULL)
    return FALSE;

  /* Every number in the line followed by the word ("545 nodes") or, for
   * "B", glued to it ("31868B"); the number must start a token. */
  for (const char *p = detail; *p != '\0'; p++)
    {
      const char *end;
      gint64 v;

      if (!g_ascii_isdigit (*p) || (p > detail && p[-1] != ' '))
        continue;
      if (!parse_i64 (p, attached ? "B" : " ", &v, &end))
        continue;
      if (attached)
        {
          if (*end == 'B' && (end[1] == '\0' || end[1] == ' ' || end[1] == ','))
            {
              *value = v;
              return TRUE;
            }
        }
      else if (*end == ' ' && strncmp (end + 1, word, word_len) == 0 &&
               (end[1 + word_len] == '\0' || end[1 + word_len] == ' ' ||
                end[1 + word_len] == ','))
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

CvgInventory *
cvg_inventory_load_corpus (const char **corpus_dir,
                           char       **problem,
                           gboolean    *missing)
{
  g_autofree char *inventory_path = NULL;
  g_autoptr(GError) error = NULL;
  CvgInventory *inventory;

  *corpus_dir = cvg_test_corpus_lookup (CVG_TEST_CORPUS, problem);
  *missing = *corpus_dir == NULL;
  if (*missing)
    return NULL;
  inventory_path = g_build_filename (*corpus_dir, "INVENTORY.txt", NULL);
  inventory = cvg_inventory_load (inventory_path, &error);
  /* A corpus that is there but unreadable is never skipped. */
  if (inventory == NULL)
    *problem = g_strdup_printf ("cannot read %s: %s", inventory_path, error->message);
  return inventory;
}

void
cvg_inventory_fail_or_skip (const char *problem,
                            gboolean    missing)
{
  if (missing)
    cvg_test_corpus_missing (problem);
  else
    g_test_fail_printf ("%s", problem);
}

#define MAX_CHECK_MESSAGES 200

void
cvg_check (CvgChecker *checker,
           gboolean    ok,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  const char *where = checker->where != NULL ? checker->where : "";
  va_list args;

  if (ok)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  checker->n_failures++;
  if (checker->n_failures <= MAX_CHECK_MESSAGES)
    g_test_message ("MISMATCH %s: %s", where, message);
  if (checker->first_failure == NULL)
    checker->first_failure = g_strdup_printf ("%s: %s", where, message);
}

void
cvg_checker_set_where (CvgChecker *checker,
                       const char *format,
                       ...)
{
  va_list args;

  g_free (checker->where);
  va_start (args, format);
  checker->where = g_strdup_vprintf (format, args);
  va_end (args);
}

void
cvg_checker_finish (CvgChecker *checker,
                    const char *what,
                    const char *mismatches)
{
  if (checker->n_failures > 0)
    g_test_fail_printf ("%s: %u %s; first: %s", what, checker->n_failures, mismatches,
                        checker->first_failure);
  g_clear_pointer (&checker->first_failure, g_free);
  g_clear_pointer (&checker->where, g_free);
}
