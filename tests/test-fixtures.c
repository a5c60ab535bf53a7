/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fixtures"

#include "config.h"

#include <string.h>

#include "cvg-event-view.h"
#include "event.pb-c.h"
#include "cvg-graph.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-tensor-private.h"
#include "cvg-test-files.h"
#include "cvg-test-fixtures.h"
#include "cvg-tfrecord.h"

/* What the corpus tests check on real logs, on logs the event writer makes
 * in each real writer's encoding, so that a clone with no corpus beside it
 * still checks it: the fast path agrees with protobuf-c on every record,
 * and graphs read through a run have the nodes that were written. */

/* The fast path -------------------------------------------------------------- */

typedef struct
{
  guint records;
  guint values;
} Agreement;

static gsize
packed_payload_size (const Tensorboard__Summary__Value *value)
{
  const ProtobufCMessage *payload = NULL;

  switch (value->value_case)
    {
    case TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO:
      payload = &value->histo->base;
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_IMAGE:
      payload = &value->image->base;
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_AUDIO:
      payload = &value->audio->base;
      break;
    case TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR:
      payload = &value->tensor->base;
      break;
    default:
      g_assert_not_reached ();
    }
  return protobuf_c_message_get_packed_size (payload);
}

/* The dtypes cvg_tensor_view_get_scalar () decodes without protobuf-c:
 * those TensorFlow and PyTorch write scalars in. */
static gboolean
fast_path_dtype (int dtype)
{
  return dtype == CVG_DT_FLOAT || dtype == CVG_DT_DOUBLE || dtype == CVG_DT_HALF ||
         dtype == CVG_DT_BFLOAT16 || dtype == CVG_DT_INT32 || dtype == CVG_DT_INT64;
}

static void
compare_value (const CvgValueView                *view,
               const Tensorboard__Summary__Value *value,
               gint64                             step)
{
  CvgSpan plugin;

  g_assert_cmpuint (view->tag.len, ==, strlen (value->tag));
  g_assert_cmpmem (view->tag.data, view->tag.len, value->tag, strlen (value->tag));
  g_assert_cmpint (view->value_case, ==, value->value_case);
  if (value->value_case == TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE)
    {
      g_assert_cmpfloat (view->simple_value, ==, value->simple_value);
      g_assert_cmpfloat (view->simple_value, ==, cvg_test_fixtures_scalar (value->tag, step));
    }
  else
    g_assert_cmpuint (view->payload.len, ==, packed_payload_size (value));

  g_assert_cmpint (view->has_metadata, ==, value->metadata != NULL);
  if (value->metadata != NULL && value->metadata->plugin_data != NULL)
    {
      const char *name = value->metadata->plugin_data->plugin_name;

      g_assert_true (cvg_metadata_view_get_plugin_name (view->metadata, &plugin));
      g_assert_cmpmem (plugin.data, plugin.len, name, strlen (name));
    }

  if (value->value_case == TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR &&
      value->tensor->tensor_shape->n_dim == 0 && value->tensor->dtype != CVG_DT_STRING)
    {
      double scalar = 0;
      CvgScalarWidth width;

      if (cvg_tensor_view_get_scalar (view->payload, &scalar, &width))
        {
          g_assert_cmpfloat (scalar, ==, cvg_test_fixtures_scalar (value->tag, step));
        }
      else
        {
          CvgTensor tensor;

          /* The reader's fallback for the rarer dtypes: protobuf-c. */
          g_assert_false (fast_path_dtype (value->tensor->dtype));
          g_assert_true (cvg_tensor_decode (value->tensor, CVG_TENSOR_MAX_ELEMENTS, &tensor, NULL));
          g_assert_cmpuint (tensor.n_elements, ==, 1);
          g_assert_cmpfloat (tensor.numbers[0], ==, cvg_test_fixtures_scalar (value->tag, step));
          cvg_tensor_clear (&tensor);
        }
    }
}

static void
compare_record (const guint8 *data,
                gsize         len,
                guint64       offset,
                gpointer      user_data)
{
  Agreement *agreement = user_data;
  Tensorboard__Event *event = tensorboard__event__unpack (NULL, len, data);
  CvgEventView view;
  CvgSummaryIter iter;
  guint n = 0;

  g_assert_nonnull (event);
  g_assert_cmpint (cvg_event_view_parse (data, len, &view), ==, CVG_VIEW_OK);
  g_assert_cmpfloat (view.wall_time, ==, event->wall_time);
  g_assert_cmpint (view.step, ==, event->step);
  g_assert_cmpint (view.what, ==, event->what_case);
  agreement->records++;

  if (event->what_case == TENSORBOARD__EVENT__WHAT_SUMMARY)
    {
      cvg_summary_iter_init (&iter, view.payload);
      for (;;)
        {
          CvgValueView value;
          gboolean done = FALSE;

          g_assert_cmpint (cvg_summary_iter_next (&iter, &value, &done), ==, CVG_VIEW_OK);
          if (done)
            break;
          g_assert_cmpuint (n, <, event->summary->n_value);
          compare_value (&value, event->summary->value[n++], event->step);
          agreement->values++;
        }
      g_assert_cmpuint (n, ==, event->summary->n_value);
    }
  tensorboard__event__free_unpacked (event, NULL);
}

static void
fail_on_problem (CvgIoErrorCode  code,
                 guint64         offset,
                 const char     *message,
                 gpointer        user_data)
{
  g_error ("record problem at %" G_GUINT64_FORMAT ": %s", offset, message);
}

static void
test_fastpath_agreement (void)
{
  g_autofree char *logdir = cvg_test_fixtures_make_logdir ();
  static const char * const runs[] = { "tf1", "tf2", "tensorboardx" };
  Agreement agreement = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *path = g_build_filename (logdir, runs[i],
                                                CVG_FIXTURE_FILE, NULL);
      CvgRecordFile *file = cvg_record_file_new (path);
      g_autoptr(GError) error = NULL;

      g_assert_true (cvg_record_file_read (file, compare_record, fail_on_problem, &agreement, &error));
      g_assert_no_error (error);
      cvg_record_file_free (file);
    }
  /* File versions, 4 kinds × 5 steps × 3 runs, dtypes, text, graph, Keras, session log. */
  g_assert_cmpuint (agreement.records, ==, 3 + 4 * CVG_FIXTURE_N_STEPS * 3 + cvg_fixture_n_scalar_dtypes + 4);
  g_assert_cmpuint (agreement.values, ==, 4 * CVG_FIXTURE_N_STEPS * 3 + cvg_fixture_n_scalar_dtypes + 2);
  cvg_test_remove_tree (logdir);
}

/* Graphs through a run -------------------------------------------------------- */

static void
test_graphs (void)
{
  g_autofree char *path = cvg_test_fixtures_make_logdir ();
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (path);
  g_autoptr(CvgGraph) ops = NULL;
  g_autoptr(CvgGraph) keras = NULL;
  g_autoptr(GError) error = NULL;
  CvgRun *run;

  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  run = cvg_logdir_lookup_run (logdir, "tf2");
  g_assert_nonnull (run);
  g_assert_false (cvg_graph_run_has (cvg_logdir_lookup_run (logdir, "tf1"), CVG_GRAPH_SOURCE_OPS));

  g_assert_true (cvg_graph_run_has (run, CVG_GRAPH_SOURCE_OPS));
  ops = cvg_graph_new_from_run (run, CVG_GRAPH_SOURCE_OPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (ops), ==, CVG_FIXTURE_N_CHAIN);
  /* A chain: every node but the first reads the one before. */
  for (guint i = 1; i < CVG_FIXTURE_N_CHAIN; i++)
    g_assert_cmpuint (cvg_graph_get_op (ops, i)->inputs->len, ==, 1);

  g_assert_true (cvg_graph_run_has (run, CVG_GRAPH_SOURCE_KERAS));
  keras = cvg_graph_new_from_run (run, CVG_GRAPH_SOURCE_KERAS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (keras), ==, CVG_FIXTURE_N_KERAS);
  g_assert_cmpstr (cvg_graph_get_op (keras, 1)->op, ==, "Dropout");

  g_clear_object (&logdir);
  cvg_test_remove_tree (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fixtures/fastpath-agreement", test_fastpath_agreement);
  g_test_add_func ("/fixtures/graphs", test_graphs);
  return g_test_run ();
}
