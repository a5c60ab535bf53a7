/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-test-fixtures"

#include "cvg-test-fixtures.h"

#include "cvg-event-writer.h"
#include "cvg-tensor.h"

#define WALL 1700000000.0

static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
static const guint8 wav_bytes[] = { 'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E' };
const int cvg_fixture_scalar_dtypes[] = {
  CVG_DT_FLOAT, CVG_DT_DOUBLE, CVG_DT_HALF, CVG_DT_BFLOAT16, CVG_DT_INT8, CVG_DT_INT16,
  CVG_DT_INT32, CVG_DT_INT64, CVG_DT_UINT8, CVG_DT_UINT16, CVG_DT_UINT32, CVG_DT_UINT64,
  CVG_DT_BOOL,
};
const guint cvg_fixture_n_scalar_dtypes = G_N_ELEMENTS (cvg_fixture_scalar_dtypes);

static const char keras_json[] =
  "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"m\", \"layers\": ["
  "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d1\", \"units\": 8}},"
  "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"drop\", \"rate\": 0.5}},"
  "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d2\", \"units\": 2}}]}}";

double
cvg_test_fixtures_scalar (const char *tag,
                          gint64      step)
{
  if (g_str_has_prefix (tag, "dtype/"))
    return 1.0;
  g_assert_cmpstr (tag, ==, "loss");
  return 1.0f / (step + 1);
}

static CvgEventWriter *
open_writer (const char *logdir,
             const char *run,
             const char *version,
             const char *source_writer)
{
  g_autofree char *dir = g_build_filename (logdir, run, NULL);
  g_autofree char *path = g_build_filename (dir, CVG_FIXTURE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  cvg_event_writer_set_source_writer (writer, source_writer);
  g_assert_true (cvg_event_writer_write_file_version (writer, WALL, version, &error));
  return writer;
}

static void
close_writer (CvgEventWriter *writer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
}

/* Scalars, histograms, images and audio in @style, each step. */
static void
write_steps (CvgEventWriter *writer,
             CvgWriterStyle  style)
{
  for (gint64 step = 0; step < CVG_FIXTURE_N_STEPS; step++)
    {
      double samples[] = { -1.0, 0.5 * step, 2.0, 3.5 + step };
      double wall = WALL + 1 + step;
      gboolean ok =
        cvg_event_writer_write_scalar (writer, style, wall, step, "loss",
                                       cvg_test_fixtures_scalar ("loss", step), NULL) &&
        cvg_event_writer_write_histogram (writer, style, wall, step, "weights", samples,
                                          G_N_ELEMENTS (samples), 0, NULL) &&
        cvg_event_writer_write_image (writer, style, wall, step, "input", 2, 2, 3, png_bytes,
                                      sizeof png_bytes, NULL) &&
        cvg_event_writer_write_audio (writer, style, wall, step, "sound", 8000.0f, wav_bytes,
                                      sizeof wav_bytes, NULL);

      g_assert_true (ok);
    }
}

char *
cvg_test_fixtures_make_logdir (void)
{
  g_autoptr(GError) error = NULL;
  char *logdir = g_dir_make_tmp ("cvg-fixtures-XXXXXX", &error);
  g_autoptr(GBytes) chain = cvg_graph_def_build_chain (NULL, NULL, CVG_FIXTURE_N_CHAIN);
  CvgEventWriter *writer;

  g_assert_no_error (error);

  writer = open_writer (logdir, "tf1", "brain.Event:2", NULL);
  write_steps (writer, CVG_WRITER_STYLE_TF1);
  g_assert_true (cvg_event_writer_write_session_log (writer, WALL, 0, 1, NULL));
  close_writer (writer);

  writer = open_writer (logdir, "tf2", "brain.Event:2", "tensorflow.core.util.events_writer");
  cvg_event_writer_set_repeat_metadata (writer, TRUE);
  write_steps (writer, CVG_WRITER_STYLE_TF2);
  for (guint i = 0; i < cvg_fixture_n_scalar_dtypes; i++)
    {
      g_autofree char *tag = g_strdup_printf ("dtype/%d", cvg_fixture_scalar_dtypes[i]);

      g_assert_true (cvg_event_writer_write_scalar_tensor (writer, WALL, i, tag,
                                                           cvg_fixture_scalar_dtypes[i],
                                                           cvg_test_fixtures_scalar (tag, i),
                                                           i % 2 == 1, NULL));
    }
  g_assert_true (cvg_event_writer_write_text (writer, WALL, 0, "notes", "**fixture**", NULL));
  g_assert_true (cvg_event_writer_write_graph_def (writer, WALL, g_bytes_get_data (chain, NULL),
                                                   g_bytes_get_size (chain), NULL));
  g_assert_true (cvg_event_writer_write_keras_model (writer, WALL, keras_json, NULL));
  close_writer (writer);

  writer = open_writer (logdir, "tensorboardx", NULL, NULL);
  write_steps (writer, CVG_WRITER_STYLE_TF1);
  close_writer (writer);

  return logdir;
}
