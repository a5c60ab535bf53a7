/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-hparams"

#include "config.h"

#include "cvg-hparams.h"

#include <math.h>
#include <string.h>

#include "cvg-hparams-decode.h"
#include "cvg-run.h"
#include "cvg-series.h"

#define TAG_EXPERIMENT    "_hparams_/experiment"
#define TAG_SESSION_START "_hparams_/session_start_info"
#define TAG_SESSION_END   "_hparams_/session_end_info"

struct _CvgHparams
{
  GPtrArray  *columns;     /* CvgHparamColumn */
  GHashTable *column_index;  /* name → index + 1 */
  GPtrArray  *metrics;     /* CvgMetricColumn */
  GHashTable *metric_index;  /* "group\ntag" → index + 1 */
  GArray     *sessions;    /* CvgSession */
  GHashTable *runs;        /* name → CvgRun */
  GHashTable *session_of;  /* CvgRun → session index + 1 */
  GPtrArray  *notices;     /* char * */
};

static void
column_free (CvgHparamColumn *column)
{
  g_free (column->name);
  g_free (column->display_name);
  g_free (column);
}

static void
metric_free (CvgMetricColumn *metric)
{
  g_free (metric->group);
  g_free (metric->tag);
  g_free (metric->display_name);
  g_free (metric);
}

static void
session_clear (CvgSession *session,
               guint       n_columns)
{
  for (guint i = 0; session->values != NULL && i < n_columns; i++)
    cvg_hparam_value_clear (&session->values[i]);
  g_clear_pointer (&session->values, g_free);
  g_clear_pointer (&session->metrics, g_free);
  g_clear_pointer (&session->group_name, g_free);
  g_clear_pointer (&session->run, cvg_run_unref);
  g_clear_pointer (&session->parent, cvg_run_unref);
}

/* The last value of a run's hparams tag, decoded. */
static CvgHparamsData *
read_data (CvgHparams *self,
           CvgRun     *run,
           const char *tag)
{
  CvgSeries *series = cvg_run_lookup_series (run, CVG_KIND_HPARAMS, tag);
  const CvgTensorValue *value;
  g_autoptr(GError) error = NULL;
  CvgHparamsData *data;
  gsize n;

  if (series == NULL || (n = cvg_series_get_length (series)) == 0)
    return NULL;
  value = cvg_series_get_tensor (series, n - 1);
  if (value == NULL || value->dtype != CVG_DT_STRING || value->n_elements != 1)
    return NULL;
  data = cvg_hparams_data_parse (value->strings[0].data, value->strings[0].len, &error);
  if (data == NULL)
    g_ptr_array_add (self->notices, g_strdup_printf ("%s: %s: %s", cvg_run_get_name (run), tag, error->message));
  return data;
}

/* A type that both agree on, or OTHER. */
static CvgHparamType
merge_type (CvgHparamType known,
            CvgHparamType seen)
{
  if (known == CVG_HPARAM_NONE)
    return seen;
  if (seen == CVG_HPARAM_NONE || seen == known)
    return known;
  return CVG_HPARAM_OTHER;
}

static guint
ensure_column (CvgHparams *self,
               const char *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->column_index, name));
  CvgHparamColumn *column;

  if (index > 0)
    return index - 1;
  column = g_new0 (CvgHparamColumn, 1);
  column->name = g_strdup (name);
  column->display_name = g_strdup ("");
  g_ptr_array_add (self->columns, column);
  g_hash_table_insert (self->column_index, column->name, GUINT_TO_POINTER (self->columns->len));
  return self->columns->len - 1;
}

static void
set_column_type (CvgHparams      *self,
                 CvgHparamColumn *column,
                 CvgHparamType    type)
{
  CvgHparamType merged = merge_type (column->type, type);

  if (merged == CVG_HPARAM_OTHER && column->type != CVG_HPARAM_OTHER && type != CVG_HPARAM_OTHER)
    g_ptr_array_add (self->notices,
                     g_strdup_printf ("hparam '%s' has values of different types; shown as text", column->name));
  column->type = merged;
}

static void
ensure_metric (CvgHparams *self,
               const char *group,
               const char *tag,
               const char *display_name)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", group, tag);
  CvgMetricColumn *metric;

  if (g_hash_table_contains (self->metric_index, key))
    return;
  metric = g_new0 (CvgMetricColumn, 1);
  metric->group = g_strdup (group);
  metric->tag = g_strdup (tag);
  metric->display_name = g_strdup (display_name);
  g_ptr_array_add (self->metrics, metric);
  g_hash_table_insert (self->metric_index, g_steal_pointer (&key), GUINT_TO_POINTER (self->metrics->len));
}

static void
add_experiment (CvgHparams           *self,
                const CvgHparamsData *data)
{
  for (guint i = 0; i < data->hparam_infos->len; i++)
    {
      const CvgHparamInfo *info = g_ptr_array_index (data->hparam_infos, i);
      guint index = ensure_column (self, info->name);
      CvgHparamColumn *column = g_ptr_array_index (self->columns, index);

      if (column->display_name[0] == '\0' && info->display_name[0] != '\0')
        {
          g_free (column->display_name);
          column->display_name = g_strdup (info->display_name);
        }
      set_column_type (self, column, info->type);
    }
  for (guint i = 0; i < data->metric_infos->len; i++)
    {
      const CvgMetricInfo *info = g_ptr_array_index (data->metric_infos, i);

      ensure_metric (self, info->group, info->tag, info->display_name);
    }
}

/* PyTorch's add_hparams writes into `PARENT/str(time.time())`. */
static CvgRun *
find_pytorch_parent (CvgHparams *self,
                     CvgRun     *run)
{
  const char *name = cvg_run_get_name (run);
  const char *slash = strrchr (name, '/');
  g_autofree char *parent = NULL;
  const char *p;

  if (slash == NULL)
    return NULL;
  for (p = slash + 1; g_ascii_isdigit (*p) || *p == '.'; p++)
    ;
  if (*p != '\0' || p == slash + 1)
    return NULL;
  parent = g_strndup (name, slash - name);
  return g_hash_table_lookup (self->runs, parent);
}

static double
run_end_time (CvgRun *run)
{
  GPtrArray *all = cvg_run_get_series (run);
  double end = cvg_run_get_start_time (run);

  for (guint i = 0; i < all->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (all, i);
      gsize n = cvg_series_get_length (series);

      if (n > 0 && cvg_series_get_wall_time (series, n - 1) > end)
        end = cvg_series_get_wall_time (series, n - 1);
    }
  return end;
}

static void
add_session (CvgHparams           *self,
             CvgRun               *run,
             const CvgHparamsData *start)
{
  g_autoptr(CvgHparamsData) end = read_data (self, run, TAG_SESSION_END);
  CvgSession session = { NULL };
  CvgRun *parent = find_pytorch_parent (self, run);

  session.run = cvg_run_ref (run);
  session.parent = parent != NULL ? cvg_run_ref (parent) : NULL;
  session.group_name = g_strdup (start->group_name);
  session.start_time = start->start_time > 0 ? start->start_time : cvg_run_get_start_time (run);
  session.has_end = end != NULL && end->kind == CVG_HPARAMS_DATA_SESSION_END;
  session.status = session.has_end ? end->status : CVG_SESSION_STATUS_UNKNOWN;
  session.end_time = session.has_end && end->end_time > 0 ? end->end_time : run_end_time (run);
  g_array_append_val (self->sessions, session);
}

static GPtrArray *
scalar_tags (CvgRun *run)
{
  GPtrArray *all = cvg_run_get_series (run);
  GPtrArray *tags = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (cvg_series_get_kind (g_ptr_array_index (all, i)) == CVG_KIND_SCALAR)
      g_ptr_array_add (tags, (gpointer) cvg_series_get_tag (g_ptr_array_index (all, i)));
  return tags;
}

/* Session values in column order; new names add columns first. */
static void
fill_values (CvgHparams           *self,
             CvgSession           *session,
             const CvgHparamsData *start)
{
  g_autofree guint *indices = g_new (guint, start->hparams->len + 1);

  for (guint i = 0; i < start->hparams->len; i++)
    indices[i] = ensure_column (self, ((CvgHparamEntry *) g_ptr_array_index (start->hparams, i))->name);
  session->values = g_new0 (CvgHparamValue, self->columns->len + 1);
  for (guint i = 0; i < start->hparams->len; i++)
    {
      const CvgHparamEntry *entry = g_ptr_array_index (start->hparams, i);

      /* A name written twice: the last one wins, as in a protobuf map. */
      cvg_hparam_value_clear (&session->values[indices[i]]);
      cvg_hparam_value_copy (&entry->value, &session->values[indices[i]]);
    }
}

CvgMetricValue
cvg_hparams_last_value (CvgSeries *series)
{
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);
  CvgMetricValue result = { NAN, 0, FALSE, FALSE };

  if (indices->len > 0)
    {
      guint last = g_array_index (indices, guint, indices->len - 1);

      result.value = cvg_series_get_value (series, last);
      result.step = cvg_series_get_step (series, last);
      result.found = TRUE;
      result.is_double = cvg_series_is_double (series);
    }
  return result;
}

/* The last point written between @start and @end. */
static CvgMetricValue
last_value_between (CvgSeries *series,
                    double     start,
                    double     end)
{
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);
  CvgMetricValue result = { NAN, 0, FALSE, FALSE };

  for (guint i = indices->len; i > 0; i--)
    {
      guint index = g_array_index (indices, guint, i - 1);
      double time = cvg_series_get_wall_time (series, index);

      if (time >= start && time <= end)
        {
          result.value = cvg_series_get_value (series, index);
          result.step = cvg_series_get_step (series, index);
          result.found = TRUE;
          result.is_double = cvg_series_is_double (series);
          break;
        }
    }
  return result;
}

/* os.path.normpath (BASE/GROUP) for names made of '/' parts, as
 * TensorBoard joins them; NULL when it climbs above the logs folder. */
static char *
join_run (const char *base,
          const char *group)
{
  g_autofree char *joined = g_strconcat (base, "/", group, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (kept->len == 0)
            return NULL;
          g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, parts[i]);
    }
  if (kept->len == 0)
    return g_strdup (".");
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static CvgSeries *
lookup_scalar (CvgHparams *self,
               const char *base,
               const char *group,
               const char *tag)
{
  g_autofree char *name = join_run (base, group);
  CvgRun *run = name != NULL ? g_hash_table_lookup (self->runs, name) : NULL;

  return run != NULL ? cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag) : NULL;
}

static char *
parent_name (const char *name)
{
  const char *slash = strrchr (name, '/');

  return slash != NULL ? g_strndup (name, slash - name) : g_strdup (".");
}

static CvgMetricValue
find_metric (CvgHparams            *self,
             const CvgSession      *session,
             const CvgMetricColumn *metric)
{
  const char *name = cvg_run_get_name (session->run);
  g_autofree char *beside = NULL;
  CvgSeries *series;
  CvgMetricValue none = { NAN, 0, FALSE, FALSE };

  series = lookup_scalar (self, name, metric->group, metric->tag);
  if (series == NULL && session->parent != NULL)
    series = lookup_scalar (self, cvg_run_get_name (session->parent), metric->group, metric->tag);
  if (series != NULL)
    return cvg_hparams_last_value (series);
  if (metric->group[0] == '\0')
    return none;
  beside = parent_name (name);
  series = lookup_scalar (self, beside, metric->group, metric->tag);
  return series != NULL ? last_value_between (series, session->start_time, session->end_time) : none;
}

static void
mark_differences (CvgHparams *self)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      CvgHparamColumn *column = g_ptr_array_index (self->columns, c);

      for (guint s = 1; s < self->sessions->len && !column->differs; s++)
        {
          const CvgHparamValue *a = &g_array_index (self->sessions, CvgSession, 0).values[c];
          const CvgHparamValue *b = &g_array_index (self->sessions, CvgSession, s).values[c];

          column->differs = a->type != b->type || g_strcmp0 (a->string, b->string) != 0 ||
                            (a->number != b->number && !(isnan (a->number) && isnan (b->number)));
        }
    }
}

/* Values were stored as columns appeared: widen every row to all columns. */
static void
widen_values (CvgHparams *self,
              guint      *n_known)
{
  for (guint s = 0; s < self->sessions->len; s++)
    {
      CvgSession *session = &g_array_index (self->sessions, CvgSession, s);

      session->values = g_renew (CvgHparamValue, session->values, self->columns->len + 1);
      memset (session->values + n_known[s], 0, (self->columns->len - n_known[s]) * sizeof (CvgHparamValue));
    }
}

static void
type_columns (CvgHparams *self)
{
  for (guint c = 0; c < self->columns->len; c++)
    for (guint s = 0; s < self->sessions->len; s++)
      set_column_type (self, g_ptr_array_index (self->columns, c),
                       g_array_index (self->sessions, CvgSession, s).values[c].type);
}

static void
read_sessions (CvgHparams *self,
               GPtrArray  *runs)
{
  g_autofree guint *n_known = g_new0 (guint, runs->len);

  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      g_autoptr(CvgHparamsData) experiment = read_data (self, run, TAG_EXPERIMENT);
      g_autoptr(CvgHparamsData) start = read_data (self, run, TAG_SESSION_START);

      if (experiment != NULL && experiment->kind == CVG_HPARAMS_DATA_EXPERIMENT)
        add_experiment (self, experiment);
      if (start == NULL || start->kind != CVG_HPARAMS_DATA_SESSION_START)
        continue;
      add_session (self, run, start);
      fill_values (self, &g_array_index (self->sessions, CvgSession, self->sessions->len - 1), start);
      n_known[self->sessions->len - 1] = self->columns->len;
    }
  widen_values (self, n_known);
}

/* TensorBoard infers metrics from the sessions' scalars when no
 * experiment names any; a linked parent's scalars always count. */
static void
add_inferred_metrics (CvgHparams *self)
{
  gboolean declared = self->metrics->len > 0;

  for (guint s = 0; s < self->sessions->len; s++)
    {
      CvgSession *session = &g_array_index (self->sessions, CvgSession, s);
      CvgRun *sources[] = { declared ? NULL : session->run, session->parent };

      for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
        {
          g_autoptr(GPtrArray) tags = sources[k] != NULL ? scalar_tags (sources[k]) : NULL;

          for (guint t = 0; tags != NULL && t < tags->len; t++)
            ensure_metric (self, "", g_ptr_array_index (tags, t), "");
        }
    }
}

static void
index_runs (CvgHparams *self,
            GPtrArray  *runs)
{
  g_hash_table_remove_all (self->runs);
  for (guint i = 0; i < runs->len; i++)
    g_hash_table_insert (self->runs, (gpointer) cvg_run_get_name (g_ptr_array_index (runs, i)),
                         g_ptr_array_index (runs, i));
}

static void
index_sessions (CvgHparams *self)
{
  g_hash_table_remove_all (self->session_of);
  for (guint s = 0; s < self->sessions->len; s++)
    g_hash_table_insert (self->session_of, g_array_index (self->sessions, CvgSession, s).run, GUINT_TO_POINTER (s + 1));
}

static void
swap_run (CvgRun     **run,
          GHashTable  *original_of)
{
  CvgRun *original;

  if (*run == NULL)
    return;
  original = g_hash_table_lookup (original_of, *run);
  g_return_if_fail (original != NULL);
  cvg_run_unref (g_steal_pointer (run));
  *run = cvg_run_ref (original);
}

CvgHparams *
cvg_hparams_new (GPtrArray *runs)
{
  CvgHparams *self = g_new0 (CvgHparams, 1);

  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->column_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) metric_free);
  self->metric_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sessions = g_array_new (FALSE, TRUE, sizeof (CvgSession));
  self->runs = g_hash_table_new (g_str_hash, g_str_equal);
  self->session_of = g_hash_table_new (NULL, NULL);
  self->notices = g_ptr_array_new_with_free_func (g_free);

  index_runs (self, runs);
  read_sessions (self, runs);
  type_columns (self);
  mark_differences (self);
  add_inferred_metrics (self);

  index_sessions (self);
  for (guint s = 0; s < self->sessions->len; s++)
    {
      CvgSession *session = &g_array_index (self->sessions, CvgSession, s);

      session->metrics = g_new0 (CvgMetricValue, self->metrics->len);
      for (guint m = 0; m < self->metrics->len; m++)
        session->metrics[m] = find_metric (self, session, g_ptr_array_index (self->metrics, m));
    }
  return self;
}

void
cvg_hparams_free (CvgHparams *self)
{
  for (guint s = 0; s < self->sessions->len; s++)
    session_clear (&g_array_index (self->sessions, CvgSession, s), self->columns->len);
  g_array_unref (self->sessions);
  g_hash_table_unref (self->column_index);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->metric_index);
  g_ptr_array_unref (self->metrics);
  g_hash_table_unref (self->runs);
  g_hash_table_unref (self->session_of);
  g_ptr_array_unref (self->notices);
  g_free (self);
}

void
cvg_hparams_rebind_runs (CvgHparams *self,
                         GPtrArray  *copies,
                         GPtrArray  *originals)
{
  g_autoptr(GHashTable) original_of = g_hash_table_new (NULL, NULL);

  g_return_if_fail (copies->len == originals->len);

  for (guint i = 0; i < copies->len; i++)
    g_hash_table_insert (original_of, g_ptr_array_index (copies, i), g_ptr_array_index (originals, i));
  for (guint s = 0; s < self->sessions->len; s++)
    {
      CvgSession *session = &g_array_index (self->sessions, CvgSession, s);

      swap_run (&session->run, original_of);
      swap_run (&session->parent, original_of);
    }
  index_runs (self, originals);
  index_sessions (self);
}

guint
cvg_hparams_get_n_columns (CvgHparams *self)
{
  return self->columns->len;
}

const CvgHparamColumn *
cvg_hparams_get_column (CvgHparams *self,
                        guint       index)
{
  g_return_val_if_fail (index < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, index);
}

guint
cvg_hparams_get_n_metrics (CvgHparams *self)
{
  return self->metrics->len;
}

const CvgMetricColumn *
cvg_hparams_get_metric (CvgHparams *self,
                        guint       index)
{
  g_return_val_if_fail (index < self->metrics->len, NULL);
  return g_ptr_array_index (self->metrics, index);
}

guint
cvg_hparams_get_n_sessions (CvgHparams *self)
{
  return self->sessions->len;
}

const CvgSession *
cvg_hparams_get_session (CvgHparams *self,
                         guint       index)
{
  g_return_val_if_fail (index < self->sessions->len, NULL);
  return &g_array_index (self->sessions, CvgSession, index);
}

const CvgSession *
cvg_hparams_lookup_session (CvgHparams *self,
                            CvgRun     *run)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->session_of, run));

  return index > 0 ? &g_array_index (self->sessions, CvgSession, index - 1) : NULL;
}

CvgMetricValue
cvg_hparams_get_run_metric (CvgHparams *self,
                            CvgRun     *run,
                            guint       index)
{
  const CvgSession *session = cvg_hparams_lookup_session (self, run);
  CvgMetricValue none = { NAN, 0, FALSE, FALSE };
  CvgSeries *series;

  g_return_val_if_fail (index < self->metrics->len, none);
  if (session != NULL)
    return session->metrics[index];
  series = cvg_run_lookup_series (run, CVG_KIND_SCALAR, cvg_hparams_get_metric (self, index)->tag);
  return series != NULL ? cvg_hparams_last_value (series) : none;
}

GPtrArray *
cvg_hparams_get_notices (CvgHparams *self)
{
  return self->notices;
}
