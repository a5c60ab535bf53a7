/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "cvg-event-writer.h"
#include "cvg-hparams-axes.h"
#include "cvg-hparams-decode.h"
#include "cvg-hparams-export.h"
#include "cvg-hparams.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-runs-table.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "hparams.pb-c.h"

/* Writing logs as each writer lays them out. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->dir = g_dir_make_tmp ("converge-hparams-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  cvg_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A new event file in the run folder @run (created). */
static CvgEventWriter *
open_run (Fixture    *fixture,
          const char *run,
          double      wall_time)
{
  g_autofree char *folder = g_build_filename (fixture->dir, run, NULL);
  g_autofree char *name = g_strdup_printf ("events.out.tfevents.%.0f.host", wall_time);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_file_version (writer, wall_time, "brain.Event:2", &error);
  g_assert_no_error (error);
  return writer;
}

static void
close_run (CvgEventWriter *writer)
{
  g_autoptr(GError) error = NULL;

  cvg_event_writer_flush (writer, &error);
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
}

static void
write_data (CvgEventWriter       *writer,
            CvgWriterStyle        style,
            double                wall_time,
            const char           *tag,
            const CvgHparamsData *data)
{
  g_autoptr(GBytes) content = cvg_hparams_data_serialize (data);
  g_autoptr(GError) error = NULL;

  cvg_event_writer_write_hparams (writer, style, wall_time, tag, content, &error);
  g_assert_no_error (error);
}

/* @hparams: "name:type" with type n, s, b or ? (unset). */
static void
write_experiment (CvgEventWriter     *writer,
                  CvgWriterStyle      style,
                  double              wall_time,
                  const char * const *hparams,
                  const char * const *metrics)   /* "group:tag" or "tag" */
{
  g_autoptr(CvgHparamsData) data = cvg_hparams_data_new (CVG_HPARAMS_DATA_EXPERIMENT);

  for (guint i = 0; hparams[i] != NULL; i++)
    {
      CvgHparamInfo *info = g_new0 (CvgHparamInfo, 1);
      const char *colon = strchr (hparams[i], ':');

      info->name = g_strndup (hparams[i], colon - hparams[i]);
      info->display_name = g_strdup ("");
      info->type = colon[1] == 'n' ? CVG_HPARAM_NUMBER : colon[1] == 's' ? CVG_HPARAM_STRING
                 : colon[1] == 'b' ? CVG_HPARAM_BOOL : CVG_HPARAM_NONE;
      g_ptr_array_add (data->hparam_infos, info);
    }
  for (guint i = 0; metrics[i] != NULL; i++)
    {
      CvgMetricInfo *info = g_new0 (CvgMetricInfo, 1);
      const char *slash = strchr (metrics[i], ':');

      info->group = slash != NULL ? g_strndup (metrics[i], slash - metrics[i]) : g_strdup ("");
      info->tag = g_strdup (slash != NULL ? slash + 1 : metrics[i]);
      info->display_name = g_strdup ("");
      g_ptr_array_add (data->metric_infos, info);
    }
  write_data (writer, style, wall_time, "_hparams_/experiment", data);
}

static CvgHparamEntry *
entry_new (const char    *name,
           CvgHparamType  type,
           double         number,
           const char    *string)
{
  CvgHparamEntry *entry = g_new0 (CvgHparamEntry, 1);

  entry->name = g_strdup (name);
  entry->value.type = type;
  entry->value.number = number;
  entry->value.string = g_strdup (string);
  return entry;
}

/* Takes the entries, which end with NULL. */
static void
write_session_start (CvgEventWriter *writer,
                     CvgWriterStyle  style,
                     double          wall_time,
                     const char     *group_name,
                     ...)
{
  g_autoptr(CvgHparamsData) data = cvg_hparams_data_new (CVG_HPARAMS_DATA_SESSION_START);
  va_list args;

  va_start (args, group_name);
  for (CvgHparamEntry *entry = va_arg (args, CvgHparamEntry *); entry != NULL; entry = va_arg (args, CvgHparamEntry *))
    g_ptr_array_add (data->hparams, entry);
  va_end (args);
  g_free (data->group_name);
  data->group_name = g_strdup (group_name);
  data->start_time = wall_time;
  write_data (writer, style, wall_time, "_hparams_/session_start_info", data);
}

static void
write_session_end (CvgEventWriter *writer,
                   CvgWriterStyle  style,
                   double          wall_time,
                   int             status)
{
  CvgHparamsData data = { CVG_HPARAMS_DATA_SESSION_END };

  data.status = status;
  data.end_time = wall_time;
  write_data (writer, style, wall_time, "_hparams_/session_end_info", &data);
}

static void
write_scalar (CvgEventWriter *writer,
              double          wall_time,
              gint64          step,
              const char     *tag,
              float           value)
{
  g_autoptr(GError) error = NULL;

  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, wall_time, step, tag, value, &error);
  g_assert_no_error (error);
}

static CvgLogdir *
load (const char *dir)
{
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&logdir);
}

static guint
column_index (CvgHparams *hparams,
              const char *name)
{
  for (guint i = 0; i < cvg_hparams_get_n_columns (hparams); i++)
    if (g_str_equal (cvg_hparams_get_column (hparams, i)->name, name))
      return i;
  g_error ("no hparam column '%s'", name);
}

static guint
metric_index (CvgHparams *hparams,
              const char *group,
              const char *tag)
{
  for (guint i = 0; i < cvg_hparams_get_n_metrics (hparams); i++)
    {
      const CvgMetricColumn *metric = cvg_hparams_get_metric (hparams, i);

      if (g_str_equal (metric->group, group) && g_str_equal (metric->tag, tag))
        return i;
    }
  g_error ("no metric '%s' '%s'", group, tag);
}

static const CvgSession *
session_of (CvgHparams *hparams,
            const char *run)
{
  for (guint i = 0; i < cvg_hparams_get_n_sessions (hparams); i++)
    if (g_str_equal (cvg_run_get_name (cvg_hparams_get_session (hparams, i)->run), run))
      return cvg_hparams_get_session (hparams, i);
  g_error ("no session '%s'", run);
}

static void
assert_metric (CvgHparams *hparams,
               const char *run,
               const char *group,
               const char *tag,
               double      value,
               gint64      step)
{
  const CvgMetricValue *metric = &session_of (hparams, run)->metrics[metric_index (hparams, group, tag)];

  g_assert_true (metric->found);
  g_assert_cmpfloat_with_epsilon (metric->value, value, 1e-6);
  g_assert_cmpint (metric->step, ==, step);
}

/* The io decoder --------------------------------------------------------- */

static void
test_decode_round_trip (void)
{
  g_autoptr(CvgHparamsData) data = cvg_hparams_data_new (CVG_HPARAMS_DATA_SESSION_START);
  GPtrArray *entries = data->hparams;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CvgHparamsData) back = NULL;
  g_autoptr(GError) error = NULL;
  const CvgHparamEntry *e;

  g_ptr_array_add (entries, entry_new ("lr", CVG_HPARAM_NUMBER, 0.01, NULL));
  g_ptr_array_add (entries, entry_new ("opt", CVG_HPARAM_STRING, 0, "adam, \"beta\""));
  g_ptr_array_add (entries, entry_new ("bn", CVG_HPARAM_BOOL, 1, NULL));
  g_ptr_array_add (entries, entry_new ("nan", CVG_HPARAM_NUMBER, NAN, NULL));
  g_free (data->group_name);
  data->group_name = g_strdup ("g1");
  data->start_time = 12.5;
  bytes = cvg_hparams_data_serialize (data);
  back = cvg_hparams_data_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->kind, ==, CVG_HPARAMS_DATA_SESSION_START);
  g_assert_cmpstr (back->group_name, ==, "g1");
  g_assert_cmpfloat (back->start_time, ==, 12.5);
  g_assert_cmpuint (back->hparams->len, ==, 4);
  e = g_ptr_array_index (back->hparams, 0);
  g_assert_cmpstr (e->name, ==, "lr");
  g_assert_cmpint (e->value.type, ==, CVG_HPARAM_NUMBER);
  g_assert_cmpfloat (e->value.number, ==, 0.01);
  e = g_ptr_array_index (back->hparams, 1);
  g_assert_cmpint (e->value.type, ==, CVG_HPARAM_STRING);
  g_assert_cmpstr (e->value.string, ==, "adam, \"beta\"");
  e = g_ptr_array_index (back->hparams, 2);
  g_assert_cmpint (e->value.type, ==, CVG_HPARAM_BOOL);
  g_assert_cmpfloat (e->value.number, ==, 1);
  e = g_ptr_array_index (back->hparams, 3);
  g_assert_cmpint (e->value.type, ==, CVG_HPARAM_NUMBER);
  g_assert_true (isnan (e->value.number));
}

static void
test_decode_list_struct (void)
{
  Tensorboard__Hparams__Value items[2], value = TENSORBOARD__HPARAMS__VALUE__INIT;
  Tensorboard__Hparams__Value *item_ptrs[] = { &items[0], &items[1] };
  Tensorboard__Hparams__ListValue list = TENSORBOARD__HPARAMS__LIST_VALUE__INIT;
  Tensorboard__Hparams__SessionStartInfo__HparamsEntry entry = TENSORBOARD__HPARAMS__SESSION_START_INFO__HPARAMS_ENTRY__INIT;
  Tensorboard__Hparams__SessionStartInfo__HparamsEntry *entries[] = { &entry };
  Tensorboard__Hparams__SessionStartInfo start = TENSORBOARD__HPARAMS__SESSION_START_INFO__INIT;
  Tensorboard__Hparams__HParamsPluginData data = TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__INIT;
  g_autoptr(CvgHparamsData) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize len;

  tensorboard__hparams__value__init (&items[0]);
  items[0].kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_NUMBER_VALUE;
  items[0].number_value = 64;
  tensorboard__hparams__value__init (&items[1]);
  items[1].kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_STRING_VALUE;
  items[1].string_value = (char *) "relu";
  list.n_values = 2;
  list.values = item_ptrs;
  value.kind_case = TENSORBOARD__HPARAMS__VALUE__KIND_LIST_VALUE;
  value.list_value = &list;
  entry.key = (char *) "layers";
  entry.value = &value;
  start.n_hparams = 1;
  start.hparams = entries;
  data.data_case = TENSORBOARD__HPARAMS__HPARAMS_PLUGIN_DATA__DATA_SESSION_START_INFO;
  data.session_start_info = &start;
  len = tensorboard__hparams__hparams_plugin_data__get_packed_size (&data);
  buffer = g_malloc (len);
  tensorboard__hparams__hparams_plugin_data__pack (&data, buffer);

  back = cvg_hparams_data_parse (buffer, len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((CvgHparamEntry *) g_ptr_array_index (back->hparams, 0))->value.type, ==, CVG_HPARAM_OTHER);
  g_assert_cmpstr (((CvgHparamEntry *) g_ptr_array_index (back->hparams, 0))->value.string, ==, "[64, 'relu']");
}

/* Value { list_value { values { list_value { … } } } } 10,000 deep. */
static void
test_decode_deep (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(CvgHparamsData) back = NULL;
  g_autoptr(GError) error = NULL;
  const guint depth = 10000;
  guint8 *p;

  /* Built inside out: each level is a tag byte and a varint length. */
  for (guint i = 0; i < depth; i++)
    {
      guint8 header[12];
      guint n = 0;
      guint64 len = bytes->len;

      header[n++] = (i % 2 == 1) ? 0x32 : 0x0a;   /* Value.list_value (6) / ListValue.values (1) */
      do
        {
          header[n++] = (len & 0x7f) | (len > 0x7f ? 0x80 : 0);
          len >>= 7;
        }
      while (len > 0);
      g_byte_array_prepend (bytes, header, n);
    }
  /* HParamsPluginData.session_start_info.hparams { key: "x", value: … } */
  {
    guint8 entry_head[] = { 0x0a, 0x01, 'x', 0x12 };
    g_autoptr(GByteArray) whole = g_byte_array_new ();
    guint8 varint[10];
    guint n;
    guint64 len;

    for (int level = 0; level < 3; level++)
      {
        g_byte_array_set_size (whole, 0);
        if (level == 0)
          {
            g_byte_array_append (whole, entry_head, 3);
            g_byte_array_append (whole, entry_head + 3, 1);
          }
        else
          g_byte_array_append (whole, (guint8[]) { level == 1 ? 0x0a : 0x1a }, 1);
        len = bytes->len;
        for (n = 0; n == 0 || len > 0; n++, len >>= 7)
          varint[n] = (len & 0x7f) | (len > 0x7f ? 0x80 : 0);
        g_byte_array_append (whole, varint, n);
        g_byte_array_append (whole, bytes->data, bytes->len);
        g_byte_array_set_size (bytes, 0);
        g_byte_array_append (bytes, whole->data, whole->len);
      }
  }
  p = bytes->data;
  back = cvg_hparams_data_parse (p, bytes->len, &error);
  g_assert_null (back);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

static void
test_decode_garbage (void)
{
  static const guint8 garbage[] = { 0xff, 0xff, 0xff, 0x01, 0x02 };
  g_autoptr(GError) error = NULL;

  g_assert_null (cvg_hparams_data_parse (garbage, sizeof garbage, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* An empty message is none of the three cases. */
  g_assert_null (cvg_hparams_data_parse (NULL, 0, &error));
  g_assert_nonnull (error);
}

/* PyTorch: add_hparams called three times on one writer ------------------ */

static void
test_pytorch (Fixture       *fixture,
              gconstpointer  user_data)
{
  const char * const exp_a[] = { "lr:?", "bs:?", NULL };
  const char * const exp_b[] = { "lr:?", "momentum:?", NULL };
  const char * const exp_c[] = { "lr:?", "nesterov:?", NULL };
  const char * const metric[] = { "hparam/acc", NULL };
  const char * const *experiments[] = { exp_a, exp_b, exp_c };
  const char *subruns[] = { "runs/exp/1700000000.1", "runs/exp/1700000000.2", "runs/exp/1700000000.3" };
  CvgEventWriter *parent = open_run (fixture, "runs/exp", 1000);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;

  for (gint64 step = 0; step < 10; step++)
    write_scalar (parent, 1000 + step, step, "loss", 1.0f / (step + 1));
  close_run (parent);

  for (guint i = 0; i < 3; i++)
    {
      CvgEventWriter *w = open_run (fixture, subruns[i], 1100 + i);

      write_experiment (w, CVG_WRITER_STYLE_TF1, 1100 + i, experiments[i], metric);
      /* PyTorch writes bools as numbers. */
      write_session_start (w, CVG_WRITER_STYLE_TF1, 1100 + i, "",
                           entry_new ("lr", CVG_HPARAM_NUMBER, 0.1 / (i + 1), NULL),
                           entry_new (experiments[i][1][0] == 'b' ? "bs" : experiments[i][1][0] == 'm' ? "momentum" : "nesterov",
                                      CVG_HPARAM_NUMBER, i == 2 ? 1 : 0.9, NULL),
                           NULL);
      write_session_end (w, CVG_WRITER_STYLE_TF1, 1100 + i, CVG_SESSION_STATUS_SUCCESS);
      write_scalar (w, 1100 + i, 0, "hparam/acc", 0.5f + i * 0.1f);
      close_run (w);
    }

  logdir = load (fixture->dir);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_hparams_get_notices (hparams)->len, ==, 0);
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 3);
  /* The union of the three experiments, not the first one's columns. */
  g_assert_cmpuint (cvg_hparams_get_n_columns (hparams), ==, 4);
  g_assert_cmpstr (cvg_hparams_get_column (hparams, 0)->name, ==, "lr");
  g_assert_cmpstr (cvg_hparams_get_column (hparams, 1)->name, ==, "bs");
  g_assert_cmpstr (cvg_hparams_get_column (hparams, 2)->name, ==, "momentum");
  g_assert_cmpstr (cvg_hparams_get_column (hparams, 3)->name, ==, "nesterov");
  g_assert_true (cvg_hparams_get_column (hparams, 0)->differs);
  g_assert_cmpint (cvg_hparams_get_column (hparams, 3)->type, ==, CVG_HPARAM_NUMBER);

  for (guint i = 0; i < 3; i++)
    {
      const CvgSession *session = session_of (hparams, subruns[i]);

      /* The parent link: the curves of runs/exp are this session's too. */
      g_assert_nonnull (session->parent);
      g_assert_cmpstr (cvg_run_get_name (session->parent), ==, "runs/exp");
      g_assert_true (session->has_end);
      g_assert_cmpint (session->status, ==, CVG_SESSION_STATUS_SUCCESS);
      g_assert_cmpfloat (session->values[column_index (hparams, "lr")].number, ==, 0.1 / (i + 1));
      g_assert_cmpint (session->values[1 + i].type, ==, CVG_HPARAM_NUMBER);
      for (guint c = 1; c < 4; c++)
        if (c != 1 + i)
          g_assert_cmpint (session->values[c].type, ==, CVG_HPARAM_NONE);
      assert_metric (hparams, subruns[i], "", "hparam/acc", 0.5f + i * 0.1f, 0);
      assert_metric (hparams, subruns[i], "", "loss", 0.1f, 9);
    }
  /* The parent is no session. */
  g_assert_null (cvg_hparams_lookup_session (hparams, cvg_logdir_lookup_run (logdir, "runs/exp")));
}

/* Every run copied, in batches of 2, as the page does a batch per turn. */
static GPtrArray *
snapshot_all (GPtrArray  *runs,
              GHashTable *cache)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_run_unref);

  while (copies->len < runs->len)
    cvg_hparams_snapshot_add (cache, runs, 2, copies);
  cvg_hparams_snapshot_prune (cache, runs);
  return copies;
}

/* The page's worker reads copies of the runs, and the model built on them
 * is rebound to the runs shown ------------------------------------------ */

static CvgRun *
copy_of (GPtrArray *runs,
         GPtrArray *copies,
         CvgRun    *run)
{
  guint index;

  g_assert_true (g_ptr_array_find (runs, run, &index));
  return g_ptr_array_index (copies, index);
}

static void
test_snapshot (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char * const exp[] = { "lr:?", NULL };
  const char * const metric[] = { "hparam/acc", NULL };
  CvgEventWriter *w = open_run (fixture, "runs/exp", 1000);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autofree char *path = NULL;
  GPtrArray *runs;
  CvgRun *parent, *session_run;
  CvgSeries *loss;
  const CvgSession *session;

  write_scalar (w, 1000, 0, "loss", 2.0f);
  close_run (w);
  w = open_run (fixture, "runs/exp/1700000000.1", 1100);
  write_experiment (w, CVG_WRITER_STYLE_TF1, 1100, exp, metric);
  write_session_start (w, CVG_WRITER_STYLE_TF1, 1100, "", entry_new ("lr", CVG_HPARAM_NUMBER, 0.5, NULL), NULL);
  write_scalar (w, 1100, 0, "hparam/acc", 0.25f);
  close_run (w);

  logdir = load (fixture->dir);
  runs = cvg_logdir_get_runs (logdir);
  parent = cvg_logdir_lookup_run (logdir, "runs/exp");
  session_run = cvg_logdir_lookup_run (logdir, "runs/exp/1700000000.1");
  cache = cvg_hparams_snapshot_cache_new ();
  copies = snapshot_all (runs, cache);
  g_assert_cmpuint (copies->len, ==, runs->len);
  /* Points read after the copy are not the worker's to see. */
  w = open_run (fixture, "runs/exp", 1001);
  write_scalar (w, 1001, 1, "loss", 7.0f);
  close_run (w);
  path = g_build_filename (fixture->dir, "runs/exp/events.out.tfevents.1001.host", NULL);
  cvg_run_add_file (parent, path);
  g_assert_true (cvg_run_read (parent));
  loss = cvg_run_lookup_series (parent, CVG_KIND_SCALAR, "loss");
  g_assert_cmpuint (cvg_series_get_length (loss), ==, 2);
  for (guint i = 0; i < copies->len; i++)
    {
      CvgRun *copy = g_ptr_array_index (copies, i);

      g_assert_true (copy != g_ptr_array_index (runs, i));
      g_assert_cmpstr (cvg_run_get_name (copy), ==, cvg_run_get_name (g_ptr_array_index (runs, i)));
    }
  g_assert_cmpuint (cvg_series_get_length (cvg_run_lookup_series (copy_of (runs, copies, parent), CVG_KIND_SCALAR, "loss")), ==, 1);

  /* Copied again: the run that read since, not the one that did not. */
  again = snapshot_all (runs, cache);
  g_assert_true (copy_of (runs, again, session_run) == copy_of (runs, copies, session_run));
  g_assert_true (copy_of (runs, again, parent) != copy_of (runs, copies, parent));
  g_assert_cmpuint (cvg_series_get_length (cvg_run_lookup_series (copy_of (runs, again, parent), CVG_KIND_SCALAR, "loss")), ==, 2);
  g_assert_cmpuint (g_hash_table_size (cache), ==, runs->len);
  /* A run no longer listed loses its copy. */
  {
    g_autoptr(GPtrArray) listed = g_ptr_array_new ();

    g_ptr_array_add (listed, parent);
    cvg_hparams_snapshot_prune (cache, listed);
    g_assert_cmpuint (g_hash_table_size (cache), ==, 1);
    g_assert_true (g_hash_table_contains (cache, parent));
  }
  hparams = cvg_hparams_new (copies);
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 1);
  g_assert_null (cvg_hparams_lookup_session (hparams, session_run));
  cvg_hparams_rebind_runs (hparams, copies, runs);
  g_clear_pointer (&copies, g_ptr_array_unref);
  session = cvg_hparams_lookup_session (hparams, session_run);
  g_assert_nonnull (session);
  g_assert_true (session->run == session_run);
  g_assert_true (session->parent == parent);
  g_assert_cmpfloat (session->values[column_index (hparams, "lr")].number, ==, 0.5);
  assert_metric (hparams, "runs/exp/1700000000.1", "", "hparam/acc", 0.25f, 0);
  /* The parent's loss as it was when copied. */
  assert_metric (hparams, "runs/exp/1700000000.1", "", "loss", 2.0f, 0);
  /* A run's own metric is read from the run shown, as it is now. */
  g_assert_cmpfloat (cvg_hparams_get_run_metric (hparams, parent, metric_index (hparams, "", "loss")).value, ==, 7.0);
}

/* TF: hparams_config at the top, KerasCallback sessions with train/ and
 * validation/ under them ------------------------------------------------- */

static void
test_tf_keras (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char * const infos[] = { "units:n", "optimizer:s", "use_bn:b", NULL };
  const char * const metrics[] = { "validation:epoch_accuracy", "train:epoch_loss", "accuracy", NULL };
  CvgEventWriter *top = open_run (fixture, ".", 900);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;

  write_experiment (top, CVG_WRITER_STYLE_TF2, 900, infos, metrics);
  close_run (top);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("run-%u", i);
      g_autofree char *train = g_strdup_printf ("run-%u/train", i);
      g_autofree char *validation = g_strdup_printf ("run-%u/validation", i);
      CvgEventWriter *w = open_run (fixture, name, 1000 + 100 * i);
      CvgEventWriter *t = open_run (fixture, train, 1000 + 100 * i);
      CvgEventWriter *v = open_run (fixture, validation, 1000 + 100 * i);

      write_session_start (w, CVG_WRITER_STYLE_TF2, 1000 + 100 * i, "",
                           entry_new ("units", CVG_HPARAM_NUMBER, 16 << i, NULL),
                           entry_new ("optimizer", CVG_HPARAM_STRING, 0, i == 0 ? "adam" : "sgd"),
                           entry_new ("use_bn", CVG_HPARAM_BOOL, i, NULL),
                           NULL);
      for (gint64 epoch = 0; epoch < 3; epoch++)
        {
          write_scalar (t, 1001 + 100 * i + epoch, epoch, "epoch_loss", 2.0f - epoch - i * 0.5f);
          write_scalar (v, 1001 + 100 * i + epoch, epoch, "epoch_accuracy", 0.5f + epoch * 0.1f + i * 0.05f);
        }
      write_scalar (w, 1010 + 100 * i, 3, "accuracy", 0.7f + i * 0.1f);
      if (i == 0)
        write_session_end (w, CVG_WRITER_STYLE_TF2, 1011, CVG_SESSION_STATUS_SUCCESS);
      close_run (w);
      close_run (t);
      close_run (v);
    }

  logdir = load (fixture->dir);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 2);
  g_assert_cmpuint (cvg_hparams_get_n_columns (hparams), ==, 3);
  g_assert_cmpuint (cvg_hparams_get_n_metrics (hparams), ==, 3);
  g_assert_cmpint (cvg_hparams_get_column (hparams, column_index (hparams, "units"))->type, ==, CVG_HPARAM_NUMBER);
  g_assert_cmpint (cvg_hparams_get_column (hparams, column_index (hparams, "optimizer"))->type, ==, CVG_HPARAM_STRING);
  g_assert_cmpint (cvg_hparams_get_column (hparams, column_index (hparams, "use_bn"))->type, ==, CVG_HPARAM_BOOL);

  g_assert_null (session_of (hparams, "run-0")->parent);
  g_assert_cmpstr (session_of (hparams, "run-1")->values[column_index (hparams, "optimizer")].string, ==, "sgd");
  g_assert_cmpfloat (session_of (hparams, "run-1")->values[column_index (hparams, "use_bn")].number, ==, 1);
  /* Metric lookup by group: SESSION/GROUP, last point. */
  assert_metric (hparams, "run-0", "validation", "epoch_accuracy", 0.7, 2);
  assert_metric (hparams, "run-1", "validation", "epoch_accuracy", 0.75, 2);
  assert_metric (hparams, "run-0", "train", "epoch_loss", 0.0, 2);
  assert_metric (hparams, "run-1", "train", "epoch_loss", -0.5, 2);
  assert_metric (hparams, "run-0", "", "accuracy", 0.7, 3);
  g_assert_true (session_of (hparams, "run-0")->has_end);
  g_assert_false (session_of (hparams, "run-1")->has_end);
  g_assert_cmpint (session_of (hparams, "run-1")->status, ==, CVG_SESSION_STATUS_UNKNOWN);
}

/* train/ and validation/ beside the sessions (tf2_hparams_chf's layout):
 * each session gets the points written while it ran. */
static void
test_beside (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char * const infos[] = { "arch:n", NULL };
  const char * const metrics[] = { "validation:epoch_loss", NULL };
  CvgEventWriter *top = open_run (fixture, ".", 900);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;

  write_experiment (top, CVG_WRITER_STYLE_TF2, 900, infos, metrics);
  close_run (top);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("archi%u", i + 1);
      double t0 = 1000 + 100 * i;
      CvgEventWriter *w = open_run (fixture, name, t0);
      CvgEventWriter *v = open_run (fixture, "validation", t0 + 1);

      write_session_start (w, CVG_WRITER_STYLE_TF2, t0, "", entry_new ("arch", CVG_HPARAM_NUMBER, i, NULL), NULL);
      /* Both sessions write step 0, as Keras does. */
      write_scalar (v, t0 + 5, 0, "epoch_loss", 6.0f - 5 * i);
      write_scalar (w, t0 + 50, 1, "batch_loss", 1);
      close_run (w);
      close_run (v);
    }

  logdir = load (fixture->dir);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 2);
  assert_metric (hparams, "archi1", "validation", "epoch_loss", 6.0, 0);
  assert_metric (hparams, "archi2", "validation", "epoch_loss", 1.0, 0);
}

/* Bad input -------------------------------------------------------------- */

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char * const infos_a[] = { "x:s", NULL };
  const char * const infos_b[] = { "x:n", NULL };
  const char * const none[] = { NULL };
  CvgEventWriter *a = open_run (fixture, "a", 1000);
  CvgEventWriter *b = open_run (fixture, "b", 1000);
  CvgEventWriter *c = open_run (fixture, "c", 1000);
  CvgEventWriter *wide = open_run (fixture, "wide", 1000);
  g_autoptr(GBytes) junk = g_bytes_new_static ("\xff\xff\xff", 3);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgHparamsData) data = cvg_hparams_data_new (CVG_HPARAMS_DATA_SESSION_START);
  gboolean found_notice = FALSE;
  GPtrArray *notices;

  /* Two experiments that disagree on the type of x. */
  write_experiment (a, CVG_WRITER_STYLE_TF2, 1000, infos_a, none);
  write_session_start (a, CVG_WRITER_STYLE_TF2, 1000, "", entry_new ("x", CVG_HPARAM_STRING, 0, "big"), NULL);
  write_experiment (b, CVG_WRITER_STYLE_TF2, 1000, infos_b, none);
  write_session_start (b, CVG_WRITER_STYLE_TF2, 1000, "", entry_new ("x", CVG_HPARAM_NUMBER, NAN, NULL), NULL);
  /* Undecodable content. */
  cvg_event_writer_write_hparams (c, CVG_WRITER_STYLE_TF2, 1000, "_hparams_/session_start_info", junk, &error);
  g_assert_no_error (error);
  /* A session of 1,000 hparams. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("h%04u", i);

      g_ptr_array_add (data->hparams, entry_new (name, CVG_HPARAM_NUMBER, i, NULL));
    }
  write_data (wide, CVG_WRITER_STYLE_TF1, 1000, "_hparams_/session_start_info", data);
  close_run (a);
  close_run (b);
  close_run (c);
  close_run (wide);

  logdir = load (fixture->dir);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 3);
  g_assert_cmpuint (cvg_hparams_get_n_columns (hparams), ==, 1001);
  g_assert_cmpint (cvg_hparams_get_column (hparams, column_index (hparams, "x"))->type, ==, CVG_HPARAM_OTHER);
  g_assert_true (isnan (session_of (hparams, "b")->values[column_index (hparams, "x")].number));
  g_assert_cmpfloat (session_of (hparams, "wide")->values[column_index (hparams, "h0999")].number, ==, 999);
  notices = cvg_hparams_get_notices (hparams);
  g_assert_cmpuint (notices->len, ==, 2);
  for (guint i = 0; i < notices->len; i++)
    {
      const char *notice = g_ptr_array_index (notices, i);

      found_notice |= strstr (notice, "'x'") != NULL && strstr (notice, "different types") != NULL;
    }
  g_assert_true (found_notice);
}

/* Export ----------------------------------------------------------------- */

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  CvgEventWriter *s = open_run (fixture, "s", 1000);
  CvgEventWriter *plain = open_run (fixture, "plain", 1000);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) latex = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);

  write_session_start (s, CVG_WRITER_STYLE_TF2, 1000, "",
                       entry_new ("name", CVG_HPARAM_STRING, 0, "a,\"b\""),
                       entry_new ("lr", CVG_HPARAM_NUMBER, 0.1, NULL),
                       entry_new ("bn", CVG_HPARAM_BOOL, 1, NULL),
                       entry_new ("nan", CVG_HPARAM_NUMBER, NAN, NULL),
                       NULL);
  write_scalar (s, 1001, 5, "acc_1", 0.25f);
  write_scalar (plain, 1001, 7, "acc_1", 0.5f);
  close_run (s);
  close_run (plain);

  logdir = load (fixture->dir);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  cvg_hparams_export (hparams, NULL, CVG_HPARAMS_EXPORT_CSV, csv);
  g_assert_cmpstr (csv->str, ==, "run,name,lr,bn,nan,acc_1\ns,\"a,\"\"b\"\"\",0.1,true,nan,0.25\n");
  cvg_hparams_export (hparams, NULL, CVG_HPARAMS_EXPORT_JSON, json);
  g_assert_cmpstr (json->str, ==,
                   "[\n {\"run\": \"s\", \"hparams\": {\"name\": \"a,\\\"b\\\"\", \"lr\": 0.1, \"bn\": true, "
                   "\"nan\": \"NaN\"}, \"metrics\": {\"acc_1\": 0.25}}\n]\n");
  cvg_hparams_export (hparams, NULL, CVG_HPARAMS_EXPORT_LATEX, latex);
  g_assert_cmpstr (latex->str, ==,
                   "\\begin{tabular}{lrrrrr}\n\\hline\n"
                   "run & name & lr & bn & nan & acc\\_1 \\\\\n\\hline\n"
                   "s & a,\"b\" & 0.1 & true & nan & 0.25 \\\\\n"
                   "\\hline\n\\end{tabular}\n");
  /* Every run: a run without a session has its own last value. */
  cvg_hparams_export (hparams, cvg_logdir_get_runs (logdir), CVG_HPARAMS_EXPORT_CSV, all);
  g_assert_cmpstr (all->str, ==, "run,name,lr,bn,nan,acc_1\nplain,,,,,0.5\ns,\"a,\"\"b\"\"\",0.1,true,nan,0.25\n");
}

/* The runs table -------------------------------------------------------- */

static void
test_scalar_summary (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const float values[] = { 3, 1, NAN, 5, 2 };
  CvgEventWriter *w = open_run (fixture, "r", 1000);
  CvgEventWriter *other = open_run (fixture, "q", 1000);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  CvgScalarSummary summary;
  CvgRun *run;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    write_scalar (w, 1000 + i, i, "loss", values[i]);
  write_scalar (w, 1000, 0, "nan_only", NAN);
  write_scalar (other, 1000, 0, "acc", 1);
  write_scalar (other, 1000, 0, "loss", 1);
  close_run (w);
  close_run (other);
  logdir = load (fixture->dir);
  run = cvg_logdir_lookup_run (logdir, "r");

  cvg_scalar_summary_compute (cvg_run_lookup_series (run, CVG_KIND_SCALAR, "loss"), &summary);
  g_assert_cmpuint (summary.n_points, ==, 5);
  g_assert_cmpfloat (summary.value[CVG_RUNS_TABLE_LAST], ==, 2);
  g_assert_cmpint (summary.step[CVG_RUNS_TABLE_LAST], ==, 4);
  g_assert_cmpfloat (summary.value[CVG_RUNS_TABLE_MIN], ==, 1);
  g_assert_cmpint (summary.step[CVG_RUNS_TABLE_MIN], ==, 1);
  g_assert_cmpfloat (summary.value[CVG_RUNS_TABLE_MAX], ==, 5);
  g_assert_cmpint (summary.step[CVG_RUNS_TABLE_MAX], ==, 3);

  cvg_scalar_summary_compute (cvg_run_lookup_series (run, CVG_KIND_SCALAR, "nan_only"), &summary);
  g_assert_true (isnan (summary.value[CVG_RUNS_TABLE_LAST]));
  g_assert_true (isnan (summary.value[CVG_RUNS_TABLE_MIN]));
  g_assert_true (isnan (summary.value[CVG_RUNS_TABLE_MAX]));

  tags = cvg_runs_table_scalar_tags (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (tags->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (tags, 0), ==, "acc");
  g_assert_cmpstr (g_ptr_array_index (tags, 1), ==, "loss");
  g_assert_cmpstr (g_ptr_array_index (tags, 2), ==, "nan_only");
}

static void
test_compare_numbers (void)
{
  g_assert_cmpint (cvg_runs_table_compare_numbers (1, TRUE, 2, TRUE, FALSE), <, 0);
  g_assert_cmpint (cvg_runs_table_compare_numbers (1, TRUE, 2, TRUE, TRUE), >, 0);
  g_assert_cmpint (cvg_runs_table_compare_numbers (2, TRUE, 2, TRUE, TRUE), ==, 0);
  /* NaN after numbers, missing after NaN, in both directions. */
  for (int descending = 0; descending < 2; descending++)
    {
      g_assert_cmpint (cvg_runs_table_compare_numbers (NAN, TRUE, 5, TRUE, descending), >, 0);
      g_assert_cmpint (cvg_runs_table_compare_numbers (0, FALSE, NAN, TRUE, descending), >, 0);
      g_assert_cmpint (cvg_runs_table_compare_numbers (5, TRUE, 0, FALSE, descending), <, 0);
    }
}

/* The PyTorch study, loaded; NULL (the test skipped) without the corpus. */
static CvgLogdir *
load_study (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *study = NULL;

  if (dir == NULL)
    return NULL;
  study = g_build_filename (dir, "pytorch_study_tensorboard", NULL);
  return load (study);
}

/* Parallel coordinates' axes and brushes on the PyTorch study. */
static void
test_axes (void)
{
  g_autoptr(CvgLogdir) logdir = load_study ();
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(CvgHparamsAxes) axes = NULL;
  g_autofree char *top = NULL;
  g_autofree char *category = NULL;
  guint lr, optimizer, s1, s2, s3;

  if (logdir == NULL)
    return;
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  axes = cvg_hparams_axes_new (hparams);
  /* 3 hparams, then 2 metrics. */
  g_assert_cmpuint (cvg_hparams_axes_get_n_axes (axes), ==, 5);
  lr = column_index (hparams, "lr");
  optimizer = column_index (hparams, "optimizer");
  g_assert_cmpstr (cvg_hparams_axes_get_title (axes, 3), ==, "hparam/Final_Val_Accuracy");
  g_assert_true (cvg_hparams_axes_is_numeric (axes, lr));
  g_assert_false (cvg_hparams_axes_is_numeric (axes, optimizer));
  s1 = session_of (hparams, "runs/hparams_search_exp_1/1771595857.3236299") - cvg_hparams_get_session (hparams, 0);
  s2 = session_of (hparams, "runs/hparams_search_exp_2/1771595857.3322473") - cvg_hparams_get_session (hparams, 0);
  s3 = session_of (hparams, "runs/hparams_search_exp_3/1771595857.339544") - cvg_hparams_get_session (hparams, 0);
  g_assert_cmpfloat (cvg_hparams_axes_get_position (axes, lr, s1), ==, 1);
  g_assert_cmpfloat_with_epsilon (cvg_hparams_axes_get_position (axes, lr, s2), 0.009 / 0.099, 1e-12);
  g_assert_cmpfloat (cvg_hparams_axes_get_position (axes, lr, s3), ==, 0);
  top = cvg_hparams_axes_get_label (axes, lr, 1);
  g_assert_cmpstr (top, ==, "0.1");
  /* Categories sorted: Adam at the bottom, SGD at the top. */
  g_assert_cmpfloat (cvg_hparams_axes_get_position (axes, optimizer, s2), ==, 0);
  g_assert_cmpfloat (cvg_hparams_axes_get_position (axes, optimizer, s1), ==, 1);
  category = cvg_hparams_axes_get_label (axes, optimizer, 1);
  g_assert_cmpstr (category, ==, "SGD");

  g_assert_false (cvg_hparams_axes_has_brush (axes));
  cvg_hparams_axes_set_brush (axes, optimizer, 0, 0.5);
  g_assert_true (cvg_hparams_axes_has_brush (axes));
  g_assert_false (cvg_hparams_axes_passes (axes, s1));
  g_assert_true (cvg_hparams_axes_passes (axes, s2));
  g_assert_true (cvg_hparams_axes_passes (axes, s3));
  cvg_hparams_axes_set_brush (axes, 3, 0.9, 1);   /* the best accuracy */
  g_assert_true (cvg_hparams_axes_passes (axes, s2));
  g_assert_false (cvg_hparams_axes_passes (axes, s3));
  cvg_hparams_axes_set_brush (axes, optimizer, 1, 0);
  cvg_hparams_axes_set_brush (axes, 3, 1, 0);
  g_assert_false (cvg_hparams_axes_has_brush (axes));
}

/* Scales: lr is 0.001, 0.01 and 0.1, even on a log scale and by rank. */
static void
test_axes_scales (void)
{
  g_autoptr(CvgLogdir) logdir = load_study ();
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(CvgHparamsAxes) axes = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *quarter = NULL;
  guint lr, optimizer, s2;
  double low, high;

  if (logdir == NULL)
    return;
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  axes = cvg_hparams_axes_new (hparams);
  lr = column_index (hparams, "lr");
  optimizer = column_index (hparams, "optimizer");
  s2 = session_of (hparams, "runs/hparams_search_exp_2/1771595857.3322473") - cvg_hparams_get_session (hparams, 0);
  g_assert_cmpint (cvg_hparams_axes_get_scale (axes, lr), ==, CVG_AXIS_SCALE_LINEAR);
  g_assert_true (cvg_hparams_axes_can_log (axes, lr));
  g_assert_false (cvg_hparams_axes_can_log (axes, optimizer));
  g_assert_false (cvg_hparams_axes_set_scale (axes, optimizer, CVG_AXIS_SCALE_LOG));
  g_assert_false (cvg_hparams_axes_set_scale (axes, optimizer, CVG_AXIS_SCALE_QUANTILE));

  cvg_hparams_axes_set_brush (axes, lr, 0.5, 1);
  g_assert_true (cvg_hparams_axes_set_scale (axes, lr, CVG_AXIS_SCALE_LOG));
  g_assert_cmpint (cvg_hparams_axes_get_scale (axes, lr), ==, CVG_AXIS_SCALE_LOG);
  /* Its positions meant other values: the brush goes. */
  g_assert_false (cvg_hparams_axes_get_brush (axes, lr, &low, &high));
  g_assert_cmpfloat_with_epsilon (cvg_hparams_axes_get_position (axes, lr, s2), 0.5, 1e-12);
  middle = cvg_hparams_axes_get_label (axes, lr, 0.5);
  g_assert_cmpstr (middle, ==, "0.01");

  g_assert_true (cvg_hparams_axes_set_scale (axes, lr, CVG_AXIS_SCALE_QUANTILE));
  g_assert_cmpfloat (cvg_hparams_axes_get_position (axes, lr, s2), ==, 0.5);
  /* Between the first two values, halfway. */
  quarter = cvg_hparams_axes_get_label (axes, lr, 0.25);
  g_assert_cmpstr (quarter, ==, "0.0055");
  g_assert_true (cvg_hparams_axes_set_scale (axes, lr, CVG_AXIS_SCALE_LINEAR));
  g_assert_cmpfloat_with_epsilon (cvg_hparams_axes_get_position (axes, lr, s2), 0.009 / 0.099, 1e-12);
}

/* Quantiles of tied values: each tie sits in the middle of its ranks. */
static void
test_axes_ties (Fixture       *fixture,
                gconstpointer  user_data)
{
  const double values[] = { 5, 1, 5, 9 };
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(CvgHparamsAxes) axes = NULL;
  guint x;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);
      CvgEventWriter *w = open_run (fixture, name, 1000 + i);

      write_session_start (w, CVG_WRITER_STYLE_TF2, 1000 + i, "", entry_new ("x", CVG_HPARAM_NUMBER, values[i], NULL), NULL);
      close_run (w);
    }
  logdir = load (fixture->dir);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  axes = cvg_hparams_axes_new (hparams);
  x = column_index (hparams, "x");
  g_assert_true (cvg_hparams_axes_set_scale (axes, x, CVG_AXIS_SCALE_QUANTILE));
  for (guint s = 0; s < G_N_ELEMENTS (values); s++)
    {
      const CvgSession *session = cvg_hparams_get_session (hparams, s);
      double value = session->values[x].number;
      double expected = value == 1 ? 0 : value == 5 ? 0.5 : 1;

      g_assert_cmpfloat_with_epsilon (cvg_hparams_axes_get_position (axes, x, s), expected, 1e-12);
    }
}

/* A row for the filter tests: "name=text" pairs, numbers where they parse. */
static gboolean
row_cell (const char  *column,
          char       **text,
          double      *number,
          gpointer     user_data)
{
  const char * const *row = user_data;

  for (guint i = 0; row[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (row[i], "=", 2);
      char *end = NULL;

      if (!g_str_equal (pair[0], column))
        continue;
      *text = g_strdup (pair[1]);
      *number = g_ascii_strtod (pair[1], &end);
      if (end == pair[1] || *end != '\0')
        *number = NAN;
      return TRUE;
    }
  return FALSE;
}

static gboolean
filter_passes (const char         *filter_text,
               const char * const *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgRowFilter) filter = cvg_row_filter_parse (filter_text, &error);

  g_assert_no_error (error);
  return cvg_row_filter_matches (filter, row_cell, (gpointer) row);
}

static void
test_row_filter (void)
{
  const char * const row[] = { "run=runs/exp_1", "lr=0.01", "optimizer=Adam", "acc=95.5", "status=Success", NULL };
  const char *bad[] = { "lr", "lr>=fast", "run~(", ">=3", NULL };

  g_assert_true (filter_passes ("", row));
  g_assert_true (filter_passes ("lr>=0.01", row));
  g_assert_false (filter_passes ("lr>0.01", row));
  g_assert_true (filter_passes ("lr<0.1 acc>90", row));
  g_assert_false (filter_passes ("lr<0.1 acc>96", row));
  g_assert_true (filter_passes ("acc=90..100", row));
  g_assert_false (filter_passes ("acc=96..100", row));
  g_assert_true (filter_passes ("optimizer=SGD,Adam", row));
  g_assert_false (filter_passes ("optimizer=SGD", row));
  g_assert_true (filter_passes ("optimizer=adam", row));    /* sets ignore case */
  g_assert_true (filter_passes ("lr=0.010", row));          /* a set compares numbers as numbers */
  g_assert_true (filter_passes ("run~EXP_[0-9]", row));     /* regexes ignore case */
  g_assert_false (filter_passes ("run~exp_2", row));
  g_assert_true (filter_passes ("status=Success", row));
  /* A row without the column does not pass; a text is no number. */
  g_assert_false (filter_passes ("loss<1", row));
  g_assert_false (filter_passes ("optimizer>1", row));
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgRowFilter) filter = cvg_row_filter_parse (bad[i], &error);

      g_assert_null (filter);
      g_assert_nonnull (error);
    }
}

/* The corpora ------------------------------------------------------------ */

static void
test_corpus_pytorch (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *study = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  /* INVENTORY.txt: session_start_info and hparam/ scalars of each sub-run. */
  static const struct
  {
    const char *run;
    double      lr;
    double      batch_size;
    const char *optimizer;
    double      accuracy;
    double      loss;
  } expected[] = {
    { "runs/hparams_search_exp_1/1771595857.3236299", 0.1, 32, "SGD", 84.0355988, 1.1832732 },
    { "runs/hparams_search_exp_2/1771595857.3322473", 0.01, 64, "Adam", 95.5, 0.119999997 },
    { "runs/hparams_search_exp_3/1771595857.339544", 0.001, 128, "Adam", 78.5350266, 1.21941733 },
  };

  if (dir == NULL)
    return;
  study = g_build_filename (dir, "pytorch_study_tensorboard", NULL);
  logdir = load (study);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_hparams_get_notices (hparams)->len, ==, 0);
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 3);
  g_assert_cmpuint (cvg_hparams_get_n_columns (hparams), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CvgSession *session = session_of (hparams, expected[i].run);
      g_autofree char *parent = g_path_get_dirname (expected[i].run);

      g_assert_cmpstr (cvg_run_get_name (session->parent), ==, parent);
      g_assert_cmpfloat (session->values[column_index (hparams, "lr")].number, ==, expected[i].lr);
      g_assert_cmpfloat (session->values[column_index (hparams, "batch_size")].number, ==, expected[i].batch_size);
      g_assert_cmpstr (session->values[column_index (hparams, "optimizer")].string, ==, expected[i].optimizer);
      g_assert_cmpfloat (session->metrics[metric_index (hparams, "", "hparam/Final_Val_Accuracy")].value, ==,
                         (float) expected[i].accuracy);
      g_assert_cmpfloat (session->metrics[metric_index (hparams, "", "hparam/Final_Val_Loss")].value, ==,
                         (float) expected[i].loss);
      g_assert_cmpint (session->status, ==, CVG_SESSION_STATUS_SUCCESS);
    }
}

static void
test_corpus_chf (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *chf = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  /* INVENTORY.txt's session_start_info lines, name=value. */
  static const char * const archi1[] = {
    "alpha_acti=0", "architecture=0", "batch_normalisation=0", "batch_size=16", "drouptout_rate=0.1",
    "learning_rate=0.001", "lrDecay_rate=0.6", "optimizer=adam", "rythm=10", "seed=0", NULL,
  };
  static const char * const archi2[] = {
    "alpha_acti=0", "architecture=1", "batch_normalisation=0", "batch_size=16", "drouptout_rate=0.1",
    "learning_rate=0.002", "lrDecay_rate=0.6", "optimizer=adam", "rythm=10", "seed=0", NULL,
  };
  const char * const *values[] = { archi1, archi2 };
  const char *names[] = { "archi1", "archi2" };
  const double accuracy[] = { 88.4872589, 41.0259666 };

  if (dir == NULL)
    return;
  chf = g_build_filename (dir, "tf2_hparams_chf", NULL);
  logdir = load (chf);
  hparams = cvg_hparams_new (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, 2);
  g_assert_cmpuint (cvg_hparams_get_n_columns (hparams), ==, 10);
  for (guint s = 0; s < 2; s++)
    {
      const CvgSession *session = session_of (hparams, names[s]);

      for (guint i = 0; values[s][i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (values[s][i], "=", 2);
          g_autofree char *text = cvg_hparams_format_value (&session->values[column_index (hparams, pair[0])]);

          g_assert_cmpstr (text, ==, pair[1]);
        }
      g_assert_cmpfloat (session->metrics[metric_index (hparams, "", "accuracy")].value, ==, (float) accuracy[s]);
      g_assert_false (session->has_end);
    }
}

/* `converge ARGS…`: its standard output, error and wait status. */
static char *
run_export (const char * const  *args,
            char               **err,
            int                 *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CVG_CONVERGE"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, status, &error);
  g_assert_no_error (error);
  return out;
}

/* `converge --export hparams` on the PyTorch study, with and without
 * filters. */
static void
test_corpus_cli (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *study = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *runs = NULL;
  g_autofree char *bad = NULL;
  int status;

  if (dir == NULL)
    return;
  study = g_build_filename (dir, "pytorch_study_tensorboard", NULL);
  {
    const char * const args[] = { "--export", "hparams", "--logdir", study, NULL };

    out = run_export (args, &err, &status);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "run,lr,batch_size,optimizer,hparam/Final_Val_Accuracy,hparam/Final_Val_Loss\n"
                   "runs/hparams_search_exp_1/1771595857.3236299,0.1,32,SGD,84.0355988,1.1832732\n"
                   "runs/hparams_search_exp_2/1771595857.3322473,0.01,64,Adam,95.5,0.119999997\n"
                   "runs/hparams_search_exp_3/1771595857.339544,0.001,128,Adam,78.5350266,1.21941733\n");

  /* --run keeps the rows of matching runs, --tag the matching metrics, as
   * in the other exports; a bad pattern is a usage error. */
  {
    const char * const args[] = { "--export", "hparams", "--logdir", study, "--run", "exp_[12]/", "--tag", "Loss$", NULL };

    sessions = run_export (args, NULL, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_cmpstr (sessions, ==,
                   "run,lr,batch_size,optimizer,hparam/Final_Val_Loss\n"
                   "runs/hparams_search_exp_1/1771595857.3236299,0.1,32,SGD,1.1832732\n"
                   "runs/hparams_search_exp_2/1771595857.3322473,0.01,64,Adam,0.119999997\n");
  {
    const char * const args[] = { "--export", "hparams", "--logdir", study, "--all-runs", "--run", "exp_3",
                                  "--tag", "Accuracy", "--format", "json", NULL };

    runs = run_export (args, NULL, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_cmpstr (runs, ==,
                   "[\n {\"run\": \"runs/hparams_search_exp_3\", \"hparams\": {}, \"metrics\": {\"hparam/Final_Val_Accuracy\": null}},\n"
                   " {\"run\": \"runs/hparams_search_exp_3/1771595857.339544\", \"hparams\": {\"lr\": 0.001, \"batch_size\": 128, "
                   "\"optimizer\": \"Adam\"}, \"metrics\": {\"hparam/Final_Val_Accuracy\": 78.5350266}}\n]\n");
  {
    const char * const args[] = { "--export", "hparams", "--logdir", study, "--run", "(", NULL };

    bad = run_export (args, NULL, &status);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  }
}


/* An hparams summary is a few hundred bytes: its series holds about that
 * much, not a 64 KiB block (10,000 sessions, and their copies for the
 * page's worker, would hold 640 MiB); a long series still fills blocks
 * that grow to 64 KiB. */
static void
test_small_series (void)
{
  static const guint8 summary[300] = { 0 };
  g_autoptr(CvgSeries) series = cvg_series_new ("_hparams_/session_start_info", CVG_KIND_HPARAMS,
                                                CVG_ENCODING_TENSOR);
  gsize one;

  cvg_series_append_bytes (series, 0, 1, summary, sizeof summary);
  one = cvg_series_get_memory_size (series);
  g_assert_cmpuint (one, <, 2048);
  for (guint i = 1; i < 1000; i++)
    cvg_series_append_bytes (series, i, 1 + i, summary, sizeof summary);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1000);
  g_assert_cmpuint (cvg_series_get_memory_size (series), <, 1000 * sizeof summary * 2);
  g_assert_cmpmem (cvg_series_get_tensor (series, 999)->strings[0].data, sizeof summary, summary, sizeof summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/hparams/decode/round-trip", test_decode_round_trip);
  g_test_add_func ("/hparams/decode/list-struct", test_decode_list_struct);
  g_test_add_func ("/hparams/decode/deep", test_decode_deep);
  g_test_add_func ("/hparams/decode/garbage", test_decode_garbage);
  g_test_add_func ("/hparams/small-series", test_small_series);
  ADD ("/hparams/pytorch", test_pytorch);
  ADD ("/hparams/snapshot", test_snapshot);
  ADD ("/hparams/tf-keras", test_tf_keras);
  ADD ("/hparams/beside", test_beside);
  ADD ("/hparams/bad-input", test_bad_input);
  ADD ("/hparams/export", test_export);
  ADD ("/hparams/runs-table/summary", test_scalar_summary);
  g_test_add_func ("/hparams/runs-table/compare", test_compare_numbers);
  g_test_add_func ("/hparams/runs-table/filter", test_row_filter);
  g_test_add_func ("/hparams/corpus/pytorch-study", test_corpus_pytorch);
  g_test_add_func ("/hparams/corpus/tf2-hparams-chf", test_corpus_chf);
  g_test_add_func ("/hparams/corpus/cli", test_corpus_cli);
  g_test_add_func ("/hparams/corpus/axes", test_axes);
  g_test_add_func ("/hparams/corpus/axes-scales", test_axes_scales);
  ADD ("/hparams/axes-ties", test_axes_ties);
#undef ADD

  return g_test_run ();
}
