/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-runs-table"

#include "config.h"

#include "cvg-runs-table.h"

#include <math.h>
#include <gio/gio.h>
#include <string.h>

#include "cvg-run.h"
#include "cvg-series.h"

#define MAX_CLAUSES 64

void
cvg_scalar_summary_compute (CvgSeries        *series,
                            CvgScalarSummary *summary)
{
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);

  for (guint s = 0; s < 3; s++)
    {
      summary->value[s] = NAN;
      summary->step[s] = 0;
    }
  summary->n_points = indices->len;
  summary->is_double = cvg_series_is_double (series);
  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      double value = cvg_series_get_value (series, index);
      gint64 step = cvg_series_get_step (series, index);

      summary->value[CVG_RUNS_TABLE_LAST] = value;
      summary->step[CVG_RUNS_TABLE_LAST] = step;
      if (isnan (value))
        continue;
      if (isnan (summary->value[CVG_RUNS_TABLE_MIN]) || value < summary->value[CVG_RUNS_TABLE_MIN])
        {
          summary->value[CVG_RUNS_TABLE_MIN] = value;
          summary->step[CVG_RUNS_TABLE_MIN] = step;
        }
      if (isnan (summary->value[CVG_RUNS_TABLE_MAX]) || value > summary->value[CVG_RUNS_TABLE_MAX])
        {
          summary->value[CVG_RUNS_TABLE_MAX] = value;
          summary->step[CVG_RUNS_TABLE_MAX] = step;
        }
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cvg_runs_table_scalar_tags (GPtrArray *runs)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *tags = g_ptr_array_new ();

  for (guint r = 0; r < runs->len; r++)
    {
      GPtrArray *all = cvg_run_get_series (g_ptr_array_index (runs, r));

      for (guint i = 0; i < all->len; i++)
        {
          CvgSeries *series = g_ptr_array_index (all, i);
          const char *tag = cvg_series_get_tag (series);

          if (cvg_series_get_kind (series) == CVG_KIND_SCALAR && g_hash_table_add (seen, (gpointer) tag))
            g_ptr_array_add (tags, (gpointer) tag);
        }
    }
  g_ptr_array_sort (tags, compare_strings);
  return tags;
}

/* 0 for a number, 1 for NaN, 2 for a missing cell. */
static int
rank (double   value,
      gboolean found)
{
  return !found ? 2 : isnan (value) ? 1 : 0;
}

int
cvg_runs_table_compare_numbers (double   a,
                                gboolean a_found,
                                double   b,
                                gboolean b_found,
                                gboolean descending)
{
  int ra = rank (a, a_found), rb = rank (b, b_found);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ra != 0 || a == b)
    return 0;
  return (a < b) != descending ? -1 : 1;
}

/* Filters. */

typedef enum
{
  OP_GE,
  OP_GT,
  OP_LE,
  OP_LT,
  OP_RANGE,
  OP_SET,
  OP_REGEX,
} Op;

typedef struct
{
  char   *column;
  Op      op;
  double  low, high;   /* OP_GE … OP_RANGE */
  GStrv   set;         /* OP_SET */
  GRegex *regex;       /* OP_REGEX */
} Clause;

struct _CvgRowFilter
{
  GArray *clauses;     /* Clause */
};

static void
clause_clear (Clause *clause)
{
  g_free (clause->column);
  g_strfreev (clause->set);
  g_clear_pointer (&clause->regex, g_regex_unref);
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;

  *number = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

/* Longest operators first, so that `>=` is not read as `>`. */
static const struct
{
  const char *text;
  Op          op;
} operators[] = {
  { ">=", OP_GE }, { "<=", OP_LE }, { ">", OP_GT }, { "<", OP_LT }, { "=", OP_SET }, { "~", OP_REGEX },
};

static gboolean
parse_value (Clause      *clause,
             const char  *value,
             GError     **error)
{
  g_auto(GStrv) ends = NULL;

  switch (clause->op)
    {
    case OP_REGEX:
      clause->regex = g_regex_new (value, G_REGEX_CASELESS, 0, error);
      return clause->regex != NULL;
    case OP_SET:
      ends = g_strsplit (value, "..", 2);
      if (ends[1] != NULL && parse_number (ends[0], &clause->low) && parse_number (ends[1], &clause->high))
        {
          clause->op = OP_RANGE;
          return TRUE;
        }
      clause->set = g_strsplit (value, ",", -1);
      return TRUE;
    default:
      if (parse_number (value, &clause->low))
        {
          clause->high = clause->low;
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "'%s' is not a number", value);
      return FALSE;
    }
}

static gboolean
parse_clause (Clause      *clause,
              const char  *word,
              GError     **error)
{
  for (guint o = 0; o < G_N_ELEMENTS (operators); o++)
    {
      const char *at = strstr (word, operators[o].text);

      /* The first operator in the word wins, whichever it is. */
      for (guint p = 0; at != NULL && p < G_N_ELEMENTS (operators); p++)
        {
          const char *other = strstr (word, operators[p].text);

          if (other != NULL && other < at)
            at = NULL;
        }
      if (at == NULL || at == word)
        continue;
      clause->column = g_strndup (word, at - word);
      clause->op = operators[o].op;
      return parse_value (clause, at + strlen (operators[o].text), error);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "'%s' is not COLUMN>=X, COLUMN=A..B, COLUMN=A,B or COLUMN~REGEX", word);
  return FALSE;
}

CvgRowFilter *
cvg_row_filter_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(CvgRowFilter) self = g_new0 (CvgRowFilter, 1);
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);

  self->clauses = g_array_new (FALSE, TRUE, sizeof (Clause));
  g_array_set_clear_func (self->clauses, (GDestroyNotify) clause_clear);
  for (guint i = 0; words[i] != NULL; i++)
    {
      Clause clause = { NULL };

      if (words[i][0] == '\0')
        continue;
      if (self->clauses->len == MAX_CLAUSES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "more than %u conditions", MAX_CLAUSES);
          return NULL;
        }
      g_array_append_val (self->clauses, clause);
      if (!parse_clause (&g_array_index (self->clauses, Clause, self->clauses->len - 1), words[i], error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
cvg_row_filter_free (CvgRowFilter *self)
{
  g_clear_pointer (&self->clauses, g_array_unref);
  g_free (self);
}

/* Sets ignore case, as regexes do. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

static gboolean
clause_matches (const Clause *clause,
                const char   *text,
                double        number)
{
  switch (clause->op)
    {
    case OP_GE: return number >= clause->low;
    case OP_GT: return number > clause->low;
    case OP_LE: return number <= clause->low;
    case OP_LT: return number < clause->low;
    case OP_RANGE: return number >= clause->low && number <= clause->high;
    case OP_SET:
      for (guint i = 0; clause->set[i] != NULL; i++)
        {
          double wanted;

          if (same_text (text, clause->set[i]) || (parse_number (clause->set[i], &wanted) && wanted == number))
            return TRUE;
        }
      return FALSE;
    case OP_REGEX:
    default:
      return g_regex_match (clause->regex, text, 0, NULL);
    }
}

gboolean
cvg_row_filter_matches (CvgRowFilter         *self,
                        CvgRowFilterCellFunc  cell,
                        gpointer              user_data)
{
  for (guint i = 0; i < self->clauses->len; i++)
    {
      const Clause *clause = &g_array_index (self->clauses, Clause, i);
      g_autofree char *text = NULL;
      double number = NAN;

      if (!cell (clause->column, &text, &number, user_data) || !clause_matches (clause, text, number))
        return FALSE;
    }
  return TRUE;
}
