/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-kinds"

#include "config.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>

#include <glib/gstdio.h>

#include "cvg-event-writer-private.h"
#include "cvg-logdir.h"
#include "cvg-payload.h"
#include "cvg-problem.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tensor.h"
#include "cvg-tfrecord.h"

/* Each kind, decoded from each writer that writes it, through the model
 * layer (CvgRun, CvgLogdir) on real files in a temporary folder. */

static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R', 0x00, 0xff, 0x7f, 0x80,
};

static const guint8 png_other[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0x00, 0x01, 0x02,
};

static const guint8 gif_bytes[] = { 'G', 'I', 'F', '8', '9', 'a', 0x00, 0x3b };

/* A 16-bit mono WAV of four frames at 8000 Hz. */
static const guint8 wav_bytes[] = {
  'R', 'I', 'F', 'F', 44, 0, 0, 0, 'W', 'A', 'V', 'E',
  'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
  0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0,
  'd', 'a', 't', 'a', 8, 0, 0, 0,
  0x00, 0x00, 0xff, 0x7f, 0x00, 0x80, 0x01, 0x00,
};

typedef struct
{
  char *dir;
} Fixture;

/* Helpers --------------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  GDir *dir;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      if (dir != NULL)
        {
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, name, NULL);
              remove_tree (child);
            }
          g_dir_close (dir);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-kinds-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
make_subdir (const char *dir,
             const char *relative)
{
  char *path = g_build_filename (dir, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

/* Appends what @writer holds since the last call to @file and returns the
 * offset at which it starts. */
static guint64
take_into (CvgEventWriter *writer,
           GByteArray     *file)
{
  g_autoptr(GBytes) bytes = cvg_event_writer_steal_bytes (writer);
  guint64 offset = file->len;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  g_byte_array_append (file, data, (guint) len);
  return offset;
}

static char *
save_bytes (const char   *dir,
            const char   *name,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, (const char *) data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

/* Writes everything a memory writer holds to @dir/@name. */
static char *
save_writer (CvgEventWriter *writer,
             const char     *dir,
             const char     *name)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();

  take_into (writer, file);
  return save_bytes (dir, name, file->data, file->len);
}

static CvgRun *
read_run (const char * const *paths)
{
  g_autofree char *dir = g_path_get_dirname (paths[0]);
  CvgRun *run = cvg_run_new ("run", dir);

  for (guint i = 0; paths[i] != NULL; i++)
    cvg_run_add_file (run, paths[i]);
  cvg_run_read (run);
  return run;
}

static CvgRun *
read_file (const char *path)
{
  const char *paths[] = { path, NULL };

  return read_run (paths);
}

static void
assert_no_problems (CvgRun *run)
{
  GPtrArray *problems = cvg_run_get_problems (run);

  for (guint i = 0; i < problems->len; i++)
    {
      CvgProblem *problem = g_ptr_array_index (problems, i);
      g_test_message ("unexpected problem: %s @%" G_GUINT64_FORMAT ": %s",
                      problem->path, problem->offset, problem->message);
    }
  g_assert_cmpuint (problems->len, ==, 0);
}

static CvgSeries *
lookup (CvgRun     *run,
        CvgKind     kind,
        const char *tag)
{
  CvgSeries *series = cvg_run_lookup_series (run, kind, tag);

  if (series == NULL)
    g_test_message ("no %s series '%s'", cvg_kind_to_string (kind), tag);
  g_assert_nonnull (series);
  g_assert_cmpint (cvg_series_get_kind (series), ==, kind);
  g_assert_cmpstr (cvg_series_get_tag (series), ==, tag);
  return series;
}

static void
assert_scalars (CvgSeries    *series,
                gsize         n,
                const gint64 *steps,
                const double *values)
{
  g_assert_cmpint (cvg_series_get_kind (series), ==, CVG_KIND_SCALAR);
  g_assert_cmpuint (cvg_series_get_length (series), ==, n);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (cvg_series_get_step (series, i), ==, steps[i]);
      double got = cvg_series_get_value (series, i);

      /* Exact: the bits written are the bits read. */
      if (got != values[i])
        g_test_message ("'%s' point %" G_GSIZE_FORMAT ": got %.17g, expected %.17g",
                        cvg_series_get_tag (series), i, got, values[i]);
      g_assert_cmpfloat (got, ==, values[i]);
    }
}

static void
assert_steps (CvgSeries    *series,
              gsize         n,
              const gint64 *steps)
{
  g_assert_cmpuint (cvg_series_get_length (series), ==, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (cvg_series_get_step (series, i), ==, steps[i]);
}

static void
assert_purged_steps (CvgSeries    *series,
                     gsize         n,
                     const gint64 *steps)
{
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);

  g_assert_cmpuint (indices->len, ==, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (cvg_series_get_step (series, g_array_index (indices, guint, i)), ==, steps[i]);
}

static void
assert_span (const CvgSpan *span,
             const void    *data,
             gsize          len)
{
  g_assert_cmpmem (span->data, span->len, data, len);
}

static void
assert_span_str (const CvgSpan *span,
                 const char    *str)
{
  assert_span (span, str, strlen (str));
}

/* A value stored as raw bytes: a rank-0 string. */
static void
assert_bytes_value (CvgSeries    *series,
                    gsize         index,
                    const void   *data,
                    gsize         len)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, index);

  g_assert_nonnull (value);
  g_assert_cmpint (value->dtype, ==, CVG_DT_STRING);
  g_assert_cmpuint (value->n_elements, ==, 1);
  g_assert_nonnull (value->strings);
  assert_span (&value->strings[0], data, len);
}

static void
assert_bytes_value_in (GBytes       *bytes,
                       const void   *data,
                       gsize         len)
{
  gsize n;
  const void *p;

  g_assert_nonnull (bytes);
  p = g_bytes_get_data (bytes, &n);
  g_assert_cmpmem (p, n, data, len);
}

/* Protobuf messages built on the stack. */

typedef struct
{
  Tensorboard__SummaryMetadata             metadata;
  Tensorboard__SummaryMetadata__PluginData plugin_data;
} Metadata;

static Tensorboard__SummaryMetadata *
metadata_init (Metadata     *md,
               const char   *plugin_name,
               const guint8 *content,
               gsize         len)
{
  Tensorboard__SummaryMetadata metadata_init_value = TENSORBOARD__SUMMARY_METADATA__INIT;
  Tensorboard__SummaryMetadata__PluginData plugin_init_value = TENSORBOARD__SUMMARY_METADATA__PLUGIN_DATA__INIT;

  md->metadata = metadata_init_value;
  md->plugin_data = plugin_init_value;
  md->plugin_data.plugin_name = (char *) plugin_name;
  md->plugin_data.content.data = (guint8 *) content;
  md->plugin_data.content.len = len;
  md->metadata.plugin_data = &md->plugin_data;
  return &md->metadata;
}

typedef struct
{
  Tensorboard__TensorShapeProto       shape;
  Tensorboard__TensorShapeProto__Dim  dims[4];
  Tensorboard__TensorShapeProto__Dim *ptrs[4];
} Shape;

static Tensorboard__TensorShapeProto *
shape_init (Shape        *s,
            guint         rank,
            const gint64 *dims)
{
  Tensorboard__TensorShapeProto shape_init_value = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorShapeProto__Dim dim_init_value = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT;

  g_assert_cmpuint (rank, <=, 4);
  s->shape = shape_init_value;
  for (guint i = 0; i < rank; i++)
    {
      s->dims[i] = dim_init_value;
      s->dims[i].size = dims[i];
      s->ptrs[i] = &s->dims[i];
    }
  s->shape.n_dim = rank;
  s->shape.dim = rank > 0 ? s->ptrs : NULL;
  return &s->shape;
}

static void
write_value (CvgEventWriter              *writer,
             double                       wall_time,
             gint64                       step,
             Tensorboard__Summary__Value *value)
{
  Tensorboard__Summary summary = TENSORBOARD__SUMMARY__INIT;
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
  g_autoptr(GError) error = NULL;

  summary.n_value = 1;
  summary.value = &value;
  event.wall_time = wall_time;
  event.step = step;
  event.what_case = TENSORBOARD__EVENT__WHAT_SUMMARY;
  event.summary = &summary;
  cvg_event_writer_write_event (writer, &event, &error);
  g_assert_no_error (error);
}

/* A Value holding @tensor, with plugin metadata when @plugin_name is set. */
static void
write_tensor_value (CvgEventWriter           *writer,
                    double                    wall_time,
                    gint64                    step,
                    const char               *tag,
                    const char               *plugin_name,
                    const guint8             *content,
                    gsize                     content_len,
                    Tensorboard__TensorProto *tensor)
{
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
  Metadata md;

  value.tag = (char *) tag;
  if (plugin_name != NULL)
    value.metadata = metadata_init (&md, plugin_name, content, content_len);
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  value.tensor = tensor;
  write_value (writer, wall_time, step, &value);
}

static void
write_strings (CvgEventWriter     *writer,
               double              wall_time,
               gint64              step,
               const char         *tag,
               const char         *plugin_name,
               guint               rank,
               const gint64       *dims,
               ProtobufCBinaryData *strings,
               gsize               n_strings)
{
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  Shape shape;

  tensor.dtype = CVG_DT_STRING;
  tensor.tensor_shape = shape_init (&shape, rank, dims);
  tensor.n_string_val = n_strings;
  tensor.string_val = strings;
  write_tensor_value (writer, wall_time, step, tag, plugin_name, NULL, 0, &tensor);
}

static ProtobufCBinaryData
binary (const void *data,
        gsize       len)
{
  ProtobufCBinaryData b = { len, (guint8 *) data };
  return b;
}

static ProtobufCBinaryData
binary_str (const char *str)
{
  return binary (str, strlen (str));
}

static CvgEventWriter *
new_writer (const char *version)
{
  CvgEventWriter *writer = cvg_event_writer_new_memory ();
  g_autoptr(GError) error = NULL;

  cvg_event_writer_write_file_version (writer, 1000.0, version, &error);
  g_assert_no_error (error);
  return writer;
}

static guint32
float_bits (float f)
{
  guint32 bits;

  memcpy (&bits, &f, 4);
  return bits;
}

/* Scalars --------------------------------------------------------------- */

static void
test_scalar_tf1 (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const float written[] = { 0.1f, -3.75f, 1e-30f, FLT_MAX };
  gint64 steps[G_N_ELEMENTS (written)];
  double values[G_N_ELEMENTS (written)];
  CvgSeries *series;

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0 + i, 10 * i,
                                     "loss", written[i], &error);
      g_assert_no_error (error);
      steps[i] = 10 * i;
      values[i] = (double) written[i];
    }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.1000.host");
  run = read_file (path);

  assert_no_problems (run);
  series = lookup (run, CVG_KIND_SCALAR, "loss");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_SIMPLE_VALUE);
  assert_scalars (series, G_N_ELEMENTS (written), steps, values);
  g_assert_false (cvg_series_is_double (series));
  g_assert_cmpfloat (cvg_series_get_wall_time (series, 2), ==, 1003.0);
  g_assert_cmpstr (cvg_run_get_file_version (run), ==, "brain.Event:2");
}

typedef struct
{
  int         dtype;
  const char *name;
  double      values[2];
  gboolean    is_double;
} DtypeCase;

static void
test_scalar_tf2_dtypes (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const DtypeCase cases[] = {
    { CVG_DT_FLOAT, "float", { 0.1, -3.75 }, FALSE },
    { CVG_DT_DOUBLE, "double", { 0.1, 1e300 }, TRUE },
    { CVG_DT_HALF, "half", { 1.5, -0.15625 }, FALSE },
    { CVG_DT_BFLOAT16, "bfloat16", { 3.0, -0.15625 }, FALSE },
    { CVG_DT_INT32, "int32", { -7, 2147483647.0 }, TRUE },
    { CVG_DT_INT64, "int64", { 1099511627777.0, -9007199254740992.0 }, TRUE },
  };
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;

  cvg_event_writer_set_source_writer (writer, "tensorflow.core.util.events_writer");
  for (guint step = 0; step < 2; step++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      for (int as_content = 0; as_content < 2; as_content++)
        {
          g_autofree char *tag = g_strdup_printf ("s/%s/%s", cases[c].name, as_content ? "content" : "val");

          cvg_event_writer_write_scalar_tensor (writer, 2000.0 + step, step, tag, cases[c].dtype,
                                                cases[c].values[step], as_content, &error);
          g_assert_no_error (error);
        }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.2000.host.v2");
  run = read_file (path);

  assert_no_problems (run);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int as_content = 0; as_content < 2; as_content++)
      {
        g_autofree char *tag = g_strdup_printf ("s/%s/%s", cases[c].name, as_content ? "content" : "val");
        const gint64 steps[] = { 0, 1 };
        double values[2];
        CvgSeries *series;

        g_test_message ("%s", tag);
        for (guint i = 0; i < 2; i++)
          {
            /* volatile: forces the rounding to float (without it, gcc 12 -O2
             * here gave back the unrounded double). */
            volatile float narrow = (float) cases[c].values[i];

            /* Float-width dtypes hold the value rounded to float. */
            values[i] = cases[c].is_double ? cases[c].values[i] : (double) narrow;
          }
        series = lookup (run, CVG_KIND_SCALAR, tag);
        g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_TENSOR);
        g_assert_cmpstr (cvg_series_get_plugin_name (series), ==, "scalars");
        assert_scalars (series, 2, steps, values);
        g_assert_cmpint (cvg_series_is_double (series), ==, cases[c].is_double);
      }
}

/* PyTorch add_scalar(new_style=True): float_val, or double_val with
 * double_precision, rank 0, plugin scalars with empty content. */
static void
test_scalar_pytorch_new_style (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0, 1 };
  const double doubles[] = { 0.1, -2.0 / 3.0 };
  const float floats[] = { 0.1f, -2.0f / 3.0f };
  double expected[2];
  CvgSeries *series;

  for (guint i = 0; i < 2; i++)
    {
      Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
      Shape shape;
      float f = floats[i];
      double d = doubles[i];

      tensor.dtype = CVG_DT_FLOAT;
      tensor.tensor_shape = shape_init (&shape, 0, NULL);
      tensor.n_float_val = 1;
      tensor.float_val = &f;
      write_tensor_value (writer, 3000.0 + i, i, "pt/float", "scalars", NULL, 0, &tensor);

      tensor = (Tensorboard__TensorProto) TENSORBOARD__TENSOR_PROTO__INIT;
      tensor.dtype = CVG_DT_DOUBLE;
      tensor.tensor_shape = shape_init (&shape, 0, NULL);
      tensor.n_double_val = 1;
      tensor.double_val = &d;
      write_tensor_value (writer, 3000.0 + i, i, "pt/double", "scalars", NULL, 0, &tensor);
    }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.3000.host");
  run = read_file (path);

  assert_no_problems (run);
  series = lookup (run, CVG_KIND_SCALAR, "pt/float");
  expected[0] = floats[0];
  expected[1] = floats[1];
  assert_scalars (series, 2, steps, expected);
  g_assert_false (cvg_series_is_double (series));

  series = lookup (run, CVG_KIND_SCALAR, "pt/double");
  assert_scalars (series, 2, steps, doubles);
  g_assert_true (cvg_series_is_double (series));
}

/* half_val: TF writes IEEE half bits; PyTorch's half_to_int packs a float32
 * pattern there (TENSORBOARD.md §2.6). */
static void
test_scalar_half_val (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0, 1 };
  const gint32 tf_bits[] = { 0x3555, 0xc500 };
  const double tf_values[] = { 0.333251953125, -5.0 };
  const float pt_floats[] = { 0.1f, -2.25f };
  const double pt_values[] = { (double) 0.1f, -2.25 };
  const float blob_floats[] = { 0.5f, -2.25f, 0.1f };
  gint32 blob_bits[3];
  CvgSeries *series;
  const CvgTensorValue *value;

  for (guint i = 0; i < 2; i++)
    {
      Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
      Shape shape;
      gint32 half = tf_bits[i];
      gint32 pt = (gint32) float_bits (pt_floats[i]);

      tensor.dtype = CVG_DT_HALF;
      tensor.tensor_shape = shape_init (&shape, 0, NULL);
      tensor.n_half_val = 1;
      tensor.half_val = &half;
      write_tensor_value (writer, 4000.0 + i, i, "tf/half", "scalars", NULL, 0, &tensor);

      tensor.half_val = &pt;
      write_tensor_value (writer, 4000.0 + i, i, "pt/half", "scalars", NULL, 0, &tensor);
    }

  /* PyTorch add_tensor of a half tensor: plugin `tensor`, a blob. */
  {
    Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
    const gint64 dims[] = { 3 };
    Shape shape;

    for (guint i = 0; i < 3; i++)
      blob_bits[i] = (gint32) float_bits (blob_floats[i]);
    tensor.dtype = CVG_DT_HALF;
    tensor.tensor_shape = shape_init (&shape, 1, dims);
    tensor.n_half_val = 3;
    tensor.half_val = blob_bits;
    write_tensor_value (writer, 4002.0, 2, "pt/tensor", "tensor", NULL, 0, &tensor);
  }

  path = save_writer (writer, fixture->dir, "events.out.tfevents.4000.host");
  run = read_file (path);

  assert_no_problems (run);
  series = lookup (run, CVG_KIND_SCALAR, "tf/half");
  assert_scalars (series, 2, steps, tf_values);
  g_assert_false (cvg_series_is_double (series));

  series = lookup (run, CVG_KIND_SCALAR, "pt/half");
  assert_scalars (series, 2, steps, pt_values);
  g_assert_false (cvg_series_is_double (series));

  series = lookup (run, CVG_KIND_BLOB, "pt/tensor");
  g_assert_cmpstr (cvg_series_get_plugin_name (series), ==, "tensor");
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dtype, ==, CVG_DT_HALF);
  g_assert_cmpuint (value->rank, ==, 1);
  g_assert_cmpint (value->dims[0], ==, 3);
  g_assert_cmpuint (value->n_elements, ==, 3);
  g_assert_nonnull (value->numbers);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (value->numbers[i], ==, (double) blob_floats[i]);
}

/* Histograms ------------------------------------------------------------ */

static void
assert_histogram_shape (const CvgTensorValue *value,
                        gint64                k)
{
  g_assert_nonnull (value);
  g_assert_cmpint (value->dtype, ==, CVG_DT_DOUBLE);
  g_assert_cmpuint (value->rank, ==, 2);
  g_assert_cmpint (value->dims[0], ==, k);
  g_assert_cmpint (value->dims[1], ==, 3);
  g_assert_cmpuint (value->n_elements, ==, (gsize) k * 3);
  g_assert_nonnull (value->numbers);
}

static double
histogram_total (const CvgTensorValue *value)
{
  double total = 0;

  for (gint64 i = 0; i < value->dims[0]; i++)
    total += value->numbers[3 * i + 2];
  return total;
}

/* PyTorch's add_histogram (and TF1) HistogramProto, built by hand with
 * known limits, converted as TensorBoard's data_compat.rs does. */
static void
test_histogram_proto (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  double limits[] = { -1.0, 0.0, 1.0, DBL_MAX };
  double counts[] = { 1, 0, 2, 3 };
  const double expected[] = {
    -1.5, -1.0, 1,
    -1.0, 0.0, 0,
    0.0, 1.0, 2,
    1.0, 10.0, 3,
  };
  const double samples[] = { -1.5, 0.25, 0.25, 2.0, 3.0, 10.0 };
  const CvgTensorValue *value;
  CvgSeries *series;
  double tf1_total, tf2_total;

  {
    Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
    Tensorboard__HistogramProto histo = TENSORBOARD__HISTOGRAM_PROTO__INIT;

    histo.min = -1.5;
    histo.max = 10.0;
    histo.num = 6;
    histo.sum = 1.5;
    histo.sum_squares = 30.0;
    histo.n_bucket_limit = G_N_ELEMENTS (limits);
    histo.bucket_limit = limits;
    histo.n_bucket = G_N_ELEMENTS (counts);
    histo.bucket = counts;
    v.tag = (char *) "pt/hist";
    v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO;
    v.histo = &histo;
    write_value (writer, 5000.0, 7, &v);
  }

  /* The same samples from TF1's Histogram and from TF2's summary_v2. */
  cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, 5001.0, 8, "tf1/hist",
                                    samples, G_N_ELEMENTS (samples), 0, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF2, 5001.0, 8, "tf2/hist",
                                    samples, G_N_ELEMENTS (samples), 0, &error);
  g_assert_no_error (error);

  path = save_writer (writer, fixture->dir, "events.out.tfevents.5000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_HISTOGRAM, "pt/hist");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_HISTOGRAM_PROTO);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  g_assert_cmpint (cvg_series_get_step (series, 0), ==, 7);
  value = cvg_series_get_tensor (series, 0);
  assert_histogram_shape (value, 4);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpfloat (value->numbers[i], ==, expected[i]);

  series = lookup (run, CVG_KIND_HISTOGRAM, "tf1/hist");
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dims[1], ==, 3);
  assert_histogram_shape (value, value->dims[0]);
  g_assert_cmpfloat (value->numbers[0], ==, -1.5);
  g_assert_cmpfloat (value->numbers[3 * (value->dims[0] - 1) + 1], ==, 10.0);
  for (gint64 i = 1; i < value->dims[0]; i++)
    g_assert_cmpfloat (value->numbers[3 * i], ==, value->numbers[3 * (i - 1) + 1]);
  tf1_total = histogram_total (value);

  series = lookup (run, CVG_KIND_HISTOGRAM, "tf2/hist");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_TENSOR);
  g_assert_cmpstr (cvg_series_get_plugin_name (series), ==, "histograms");
  value = cvg_series_get_tensor (series, 0);
  assert_histogram_shape (value, 30);
  g_assert_cmpfloat (value->numbers[0], ==, -1.5);
  g_assert_cmpfloat (value->numbers[3 * 29 + 1], ==, 10.0);
  tf2_total = histogram_total (value);

  g_assert_cmpfloat (tf1_total, ==, G_N_ELEMENTS (samples));
  g_assert_cmpfloat (tf2_total, ==, tf1_total);
}

/* TF2 [k,3] rows exactly, and metadata only on a tag's first value. */
static void
test_histogram_tf2 (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const double samples[] = { 0, 1, 1, 2, 4 };
  const double expected[] = {
    0, 1, 1,
    1, 2, 2,
    2, 3, 1,
    3, 4, 1,
  };
  const gint64 steps[] = { 0, 1, 2 };
  CvgSeries *series;

  for (guint i = 0; i < 3; i++)
    {
      cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF2, 6000.0 + i, i, "w/histogram",
                                        samples, G_N_ELEMENTS (samples), 4, &error);
      g_assert_no_error (error);
    }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.6000.host.v2");
  run = read_file (path);

  assert_no_problems (run);
  g_assert_cmpuint (cvg_run_get_series (run)->len, ==, 1);
  series = lookup (run, CVG_KIND_HISTOGRAM, "w/histogram");
  assert_steps (series, 3, steps);
  for (guint p = 0; p < 3; p++)
    {
      const CvgTensorValue *value = cvg_series_get_tensor (series, p);

      assert_histogram_shape (value, 4);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        g_assert_cmpfloat (value->numbers[i], ==, expected[i]);
    }
}

/* Images and audio ------------------------------------------------------ */

static void
test_image (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const CvgTensorValue *value;
  CvgSeries *series;

  /* TF1 and PyTorch add_image; add_video puts a GIF in the same place. */
  cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 7000.0, 1, "tf1/image",
                                3, 2, 3, png_bytes, sizeof png_bytes, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 7000.0, 1, "pt/video",
                                640, 480, 3, gif_bytes, sizeof gif_bytes, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF2, 7001.0, 2, "tf2/image",
                                3, 2, 4, png_bytes, sizeof png_bytes, &error);
  g_assert_no_error (error);
  {
    ProtobufCBinaryData strings[] = {
      binary_str ("4"), binary_str ("2"),
      binary (png_bytes, sizeof png_bytes),
      binary (png_other, sizeof png_other),
      binary (png_bytes, 8),
    };
    const gint64 dims[] = { 5 };

    write_strings (writer, 7002.0, 3, "tf2/images", "images", 1, dims, strings, G_N_ELEMENTS (strings));
  }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.7000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_IMAGE, "tf1/image");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_IMAGE_PROTO);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dtype, ==, CVG_DT_STRING);
  g_assert_cmpuint (value->rank, ==, 1);
  g_assert_cmpint (value->dims[0], ==, 3);
  g_assert_cmpuint (value->n_elements, ==, 3);
  assert_span_str (&value->strings[0], "3");
  assert_span_str (&value->strings[1], "2");
  assert_span (&value->strings[2], png_bytes, sizeof png_bytes);

  series = lookup (run, CVG_KIND_IMAGE, "pt/video");
  value = cvg_series_get_tensor (series, 0);
  assert_span_str (&value->strings[0], "640");
  assert_span_str (&value->strings[1], "480");
  assert_span (&value->strings[2], gif_bytes, sizeof gif_bytes);

  series = lookup (run, CVG_KIND_IMAGE, "tf2/image");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_TENSOR);
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dtype, ==, CVG_DT_STRING);
  g_assert_cmpuint (value->n_elements, ==, 3);
  assert_span_str (&value->strings[0], "3");
  assert_span_str (&value->strings[1], "2");
  assert_span (&value->strings[2], png_bytes, sizeof png_bytes);

  series = lookup (run, CVG_KIND_IMAGE, "tf2/images");
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpuint (value->rank, ==, 1);
  g_assert_cmpint (value->dims[0], ==, 5);
  g_assert_cmpuint (value->n_elements, ==, 5);
  assert_span_str (&value->strings[0], "4");
  assert_span_str (&value->strings[1], "2");
  assert_span (&value->strings[2], png_bytes, sizeof png_bytes);
  assert_span (&value->strings[3], png_other, sizeof png_other);
  assert_span (&value->strings[4], png_bytes, 8);
}

/* Clip @i of an audio value: column 0 of [k, 2], or element @i where a
 * reader keeps only that column. */
static const CvgSpan *
audio_clip (const CvgTensorValue *value,
            guint                 i)
{
  g_assert_cmpint (value->dtype, ==, CVG_DT_STRING);
  g_assert_nonnull (value->strings);
  if (value->rank == 2)
    {
      g_assert_cmpint (value->dims[1], ==, 2);
      g_assert_cmpint (i, <, value->dims[0]);
      return &value->strings[2 * i];
    }
  g_assert_cmpuint (value->rank, ==, 1);
  g_assert_cmpint (i, <, value->dims[0]);
  return &value->strings[i];
}

static void
test_audio (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const CvgTensorValue *value;
  CvgSeries *series;

  cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 8000.0, 1, "tf1/audio",
                                8000.0f, wav_bytes, sizeof wav_bytes, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF2, 8000.0, 1, "tf2/audio",
                                8000.0f, wav_bytes, sizeof wav_bytes, &error);
  g_assert_no_error (error);
  {
    /* Two clips with labels: [2, 2]. */
    static const guint8 audio_content[] = { 0x10, 0x0b };   /* encoding: WAV */
    Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
    ProtobufCBinaryData strings[] = {
      binary (wav_bytes, sizeof wav_bytes), binary_str ("first"),
      binary (wav_bytes, 44), binary_str ("second"),
    };
    const gint64 dims[] = { 2, 2 };
    Shape shape;

    tensor.dtype = CVG_DT_STRING;
    tensor.tensor_shape = shape_init (&shape, 2, dims);
    tensor.n_string_val = G_N_ELEMENTS (strings);
    tensor.string_val = strings;
    write_tensor_value (writer, 8001.0, 2, "tf2/clips", "audio", audio_content,
                        sizeof audio_content, &tensor);
  }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.8000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_AUDIO, "tf1/audio");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_AUDIO_PROTO);
  value = cvg_series_get_tensor (series, 0);
  assert_span (audio_clip (value, 0), wav_bytes, sizeof wav_bytes);

  series = lookup (run, CVG_KIND_AUDIO, "tf2/audio");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_TENSOR);
  value = cvg_series_get_tensor (series, 0);
  assert_span (audio_clip (value, 0), wav_bytes, sizeof wav_bytes);

  series = lookup (run, CVG_KIND_AUDIO, "tf2/clips");
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dims[0], ==, 2);
  assert_span (audio_clip (value, 0), wav_bytes, sizeof wav_bytes);
  assert_span (audio_clip (value, 1), wav_bytes, 44);
}

/* An Audio summary with no bytes (fuzz-reader found it): both strings
 * empty, each pointing at real memory, as the rest of the reader
 * assumes; an empty byte array had left them NULL plus an offset. */
static void
test_audio_empty (void)
{
  CvgTensor tensor;

  g_assert_true (cvg_audio_parse ((CvgSpan) { (const guint8 *) "", 0 }, &tensor));
  g_assert_cmpuint (tensor.n_elements, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_nonnull (tensor.strings[i].data);
      g_assert_cmpuint (tensor.strings[i].len, ==, 0);
    }
  cvg_tensor_clear (&tensor);
}

/* Text ------------------------------------------------------------------ */

static void
test_text (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const CvgTensorValue *value;
  CvgSeries *series;
  ProtobufCBinaryData scalar[] = { binary_str ("# Title\nhello") };
  ProtobufCBinaryData table[] = {
    binary_str ("a"), binary_str ("b\xc3\xbc"), binary_str (""), binary_str ("d"),
  };
  const gint64 table_dims[] = { 2, 2 };

  write_strings (writer, 9000.0, 0, "tf2/text", "text", 0, NULL, scalar, 1);
  write_strings (writer, 9000.0, 0, "tf2/table", "text", 2, table_dims, table, 4);
  /* PyTorch add_text("notes", ...): shape [1], tag suffix /text_summary. */
  cvg_event_writer_write_text (writer, 9001.0, 1, "notes/text_summary", "lr = 0.1", &error);
  g_assert_no_error (error);
  cvg_event_writer_write_text (writer, 9002.0, 2, "notes/text_summary", "lr = 0.01", &error);
  g_assert_no_error (error);

  path = save_writer (writer, fixture->dir, "events.out.tfevents.9000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_TEXT, "tf2/text");
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dtype, ==, CVG_DT_STRING);
  g_assert_cmpuint (value->rank, ==, 0);
  g_assert_cmpuint (value->n_elements, ==, 1);
  assert_span_str (&value->strings[0], "# Title\nhello");

  series = lookup (run, CVG_KIND_TEXT, "tf2/table");
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpuint (value->rank, ==, 2);
  g_assert_cmpint (value->dims[0], ==, 2);
  g_assert_cmpint (value->dims[1], ==, 2);
  g_assert_cmpuint (value->n_elements, ==, 4);
  assert_span_str (&value->strings[0], "a");
  assert_span_str (&value->strings[1], "b\xc3\xbc");
  assert_span_str (&value->strings[2], "");
  assert_span_str (&value->strings[3], "d");

  series = lookup (run, CVG_KIND_TEXT, "notes/text_summary");
  g_assert_cmpuint (cvg_series_get_length (series), ==, 2);
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpuint (value->rank, ==, 1);
  g_assert_cmpint (value->dims[0], ==, 1);
  assert_span_str (&value->strings[0], "lr = 0.1");
  value = cvg_series_get_tensor (series, 1);
  assert_span_str (&value->strings[0], "lr = 0.01");
}

/* Graphs ---------------------------------------------------------------- */

static void
test_graphs (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const guint8 meta_graph[] = { 0x0a, 0x04, 0x12, 0x02, 'v', '1', 0x12, 0x00 };
  static const guint8 run_metadata[] = { 0x0a, 0x06, 0x0a, 0x04, '/', 'c', 'p', 'u' };
  static const char json[] = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}}";
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) graph = cvg_graph_def_build_chain (NULL, NULL, 5);
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  CvgSeries *series;
  gsize graph_len;
  const guint8 *graph_data = g_bytes_get_data (graph, &graph_len);

  cvg_event_writer_write_graph_def (writer, 10000.0, graph_data, graph_len, &error);
  g_assert_no_error (error);
  {
    Tensorboard__Event event = TENSORBOARD__EVENT__INIT;

    event.wall_time = 10000.5;
    event.what_case = TENSORBOARD__EVENT__WHAT_META_GRAPH_DEF;
    event.meta_graph_def = binary (meta_graph, sizeof meta_graph);
    cvg_event_writer_write_event (writer, &event, &error);
    g_assert_no_error (error);
  }
  cvg_event_writer_write_keras_model (writer, 10001.0, json, &error);
  g_assert_no_error (error);
  {
    /* PyTorch add_graph: tagged_run_metadata `step1`. */
    Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
    Tensorboard__TaggedRunMetadata tagged = TENSORBOARD__TAGGED_RUN_METADATA__INIT;

    tagged.tag = (char *) "step1";
    tagged.run_metadata = binary (run_metadata, sizeof run_metadata);
    event.wall_time = 10002.0;
    event.what_case = TENSORBOARD__EVENT__WHAT_TAGGED_RUN_METADATA;
    event.tagged_run_metadata = &tagged;
    cvg_event_writer_write_event (writer, &event, &error);
    g_assert_no_error (error);
  }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.10000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_GRAPH_DEF, "");
  g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_EVENT_FIELD);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  assert_bytes_value (series, 0, graph_data, graph_len);

  series = lookup (run, CVG_KIND_META_GRAPH_DEF, "");
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  assert_bytes_value (series, 0, meta_graph, sizeof meta_graph);

  series = lookup (run, CVG_KIND_KERAS_MODEL, "keras");
  g_assert_cmpstr (cvg_series_get_plugin_name (series), ==, "graph_keras_model");
  assert_bytes_value_in (cvg_series_get_plugin_content (series), "1", 1);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  g_assert_cmpint (cvg_series_get_step (series, 0), ==, 0);
  assert_bytes_value (series, 0, json, strlen (json));

  series = lookup (run, CVG_KIND_RUN_METADATA, "step1");
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  assert_bytes_value (series, 0, run_metadata, sizeof run_metadata);
}

/* HParams, PR curves, unknown plugins ------------------------------------ */

static void
test_hparams_pytorch (Fixture       *fixture,
                      gconstpointer  user_data)
{
  /* HParamsPluginData { experiment { hparam_infos { name: "lr" } } } */
  static const guint8 experiment[] = { 0x12, 0x06, 0x22, 0x04, 0x0a, 0x02, 'l', 'r' };
  /* HParamsPluginData { session_start_info { hparams { "lr": 0.01 } } } */
  static const guint8 start_info[] = {
    0x1a, 0x11, 0x0a, 0x0f, 0x0a, 0x02, 'l', 'r', 0x12, 0x09,
    0x11, 0x7b, 0x14, 0xae, 0x47, 0xe1, 0x7a, 0x84, 0x3f,
  };
  /* HParamsPluginData { session_end_info { status: SUCCESS } } */
  static const guint8 end_info[] = { 0x22, 0x02, 0x08, 0x01 };
  static const struct
  {
    const char   *tag;
    const guint8 *content;
    gsize         len;
  } values[] = {
    { "_hparams_/experiment", experiment, sizeof experiment },
    { "_hparams_/session_start_info", start_info, sizeof start_info },
    { "_hparams_/session_end_info", end_info, sizeof end_info },
  };
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0 };
  const double metric[] = { 0.5 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
      Metadata md;

      value.tag = (char *) values[i].tag;
      value.metadata = metadata_init (&md, "hparams", values[i].content, values[i].len);
      write_value (writer, 11000.0, 0, &value);
    }
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 11000.0, 0, "hparam/accuracy", 0.5f, &error);
  g_assert_no_error (error);
  path = save_writer (writer, fixture->dir, "events.out.tfevents.11000.host");
  run = read_file (path);
  assert_no_problems (run);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      CvgSeries *series = lookup (run, CVG_KIND_HPARAMS, values[i].tag);

      g_assert_cmpint (cvg_series_get_encoding (series), ==, CVG_ENCODING_METADATA_ONLY);
      g_assert_cmpstr (cvg_series_get_plugin_name (series), ==, "hparams");
      assert_bytes_value_in (cvg_series_get_plugin_content (series), values[i].content, values[i].len);
      g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
      assert_bytes_value (series, 0, values[i].content, values[i].len);
    }
  assert_scalars (lookup (run, CVG_KIND_SCALAR, "hparam/accuracy"), 1, steps, metric);
}

static void
test_pr_curve (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const guint8 pr_content[] = { 0x10, 0x03 };   /* num_thresholds: 3 */
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const float data[18] = {
    10, 6, 0,          /* TP */
    5, 2, 0,           /* FP */
    0, 4, 10,          /* TN */
    0, 4, 10,          /* FN */
    0.5f, 0.75f, 0,    /* precision */
    1, 0.6f, 0,        /* recall */
  };
  guint8 content[sizeof data];
  const gint64 dims[] = { 6, 3 };
  const CvgTensorValue *value;
  CvgSeries *series;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  Shape shape;

  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    {
      guint32 bits = GUINT32_TO_LE (float_bits (data[i]));
      memcpy (content + 4 * i, &bits, 4);
    }
  tensor.dtype = CVG_DT_FLOAT;
  tensor.tensor_shape = shape_init (&shape, 2, dims);
  tensor.tensor_content = binary (content, sizeof content);
  write_tensor_value (writer, 12000.0, 4, "pr/class_0", "pr_curves", pr_content, sizeof pr_content, &tensor);
  path = save_writer (writer, fixture->dir, "events.out.tfevents.12000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_PR_CURVE, "pr/class_0");
  assert_bytes_value_in (cvg_series_get_plugin_content (series), pr_content, sizeof pr_content);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  g_assert_cmpint (cvg_series_get_step (series, 0), ==, 4);
  value = cvg_series_get_tensor (series, 0);
  g_assert_cmpint (value->dtype, ==, CVG_DT_FLOAT);
  g_assert_cmpuint (value->rank, ==, 2);
  g_assert_cmpint (value->dims[0], ==, 6);
  g_assert_cmpint (value->dims[1], ==, 3);
  g_assert_cmpuint (value->n_elements, ==, 18);
  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    g_assert_cmpfloat (value->numbers[i], ==, (double) data[i]);
}

static void
test_unknown_plugin (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const guint8 content[] = { 0x08, 0x2a, 0x00, 0xff };
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0, 1 };
  const gint64 dims[] = { 2 };
  CvgSeries *series;

  for (guint i = 0; i < 2; i++)
    {
      Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
      float values[2] = { 1.5f * i, -0.25f };
      Shape shape;

      tensor.dtype = CVG_DT_FLOAT;
      tensor.tensor_shape = shape_init (&shape, 1, dims);
      tensor.n_float_val = 2;
      tensor.float_val = values;
      /* Metadata on the first value only. */
      write_tensor_value (writer, 13000.0 + i, i, "custom/thing",
                          i == 0 ? "my_plugin" : NULL, content, sizeof content, &tensor);
    }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.13000.host");
  run = read_file (path);
  assert_no_problems (run);

  series = lookup (run, CVG_KIND_BLOB, "custom/thing");
  g_assert_cmpstr (cvg_series_get_plugin_name (series), ==, "my_plugin");
  assert_bytes_value_in (cvg_series_get_plugin_content (series), content, sizeof content);
  assert_steps (series, 2, steps);
  for (guint i = 0; i < 2; i++)
    {
      const CvgTensorValue *value = cvg_series_get_tensor (series, i);

      g_assert_nonnull (value);
      g_assert_cmpint (value->dtype, ==, CVG_DT_FLOAT);
      g_assert_cmpuint (value->n_elements, ==, 2);
      g_assert_cmpfloat (value->numbers[0], ==, 1.5 * i);
      g_assert_cmpfloat (value->numbers[1], ==, -0.25);
    }
}

/* Restarts -------------------------------------------------------------- */

/* tensorboardX: no file_version, so a step going back purges the tags of
 * that event only. */
static void
test_purge_tensorboardx (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 loss_raw[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7 };
  const gint64 loss_purged[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
  const gint64 acc_steps[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  g_autoptr(GArray) indices = NULL;
  CvgSeries *loss, *acc;

  for (gint64 s = 0; s < 10; s++)
    {
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 100.0 + s, s, "loss", s, &error);
      g_assert_no_error (error);
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 100.0 + s, s, "acc", s / 10.0f, &error);
      g_assert_no_error (error);
    }
  for (gint64 s = 5; s < 8; s++)
    {
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 200.0 + s, s, "loss", -s, &error);
      g_assert_no_error (error);
    }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.100.host");
  run = read_file (path);
  assert_no_problems (run);

  loss = lookup (run, CVG_KIND_SCALAR, "loss");
  assert_steps (loss, G_N_ELEMENTS (loss_raw), loss_raw);
  g_assert_cmpfloat (cvg_series_get_value (loss, 10), ==, -5.0);
  assert_purged_steps (loss, G_N_ELEMENTS (loss_purged), loss_purged);
  indices = cvg_series_get_purged_indices (loss);
  g_assert_cmpuint (g_array_index (indices, guint, 5), ==, 10);
  g_assert_cmpfloat (cvg_series_get_value (loss, g_array_index (indices, guint, 7)), ==, -7.0);

  acc = lookup (run, CVG_KIND_SCALAR, "acc");
  assert_steps (acc, G_N_ELEMENTS (acc_steps), acc_steps);
  assert_purged_steps (acc, G_N_ELEMENTS (acc_steps), acc_steps);
}

/* brain.Event:2: the first START is ignored, each later one cuts every
 * series at its step. */
static void
test_purge_session_start (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(CvgEventWriter) late = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *late_path = NULL;
  g_autofree char *late_dir = NULL;
  g_autoptr(CvgRun) run = NULL;
  g_autoptr(CvgRun) late_run = NULL;
  const gint64 a_raw[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7 };
  const gint64 a_purged[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
  const gint64 b_raw[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  const gint64 b_purged[] = { 0, 1, 2, 3, 4 };

  cvg_event_writer_write_session_log (writer, 1000.5, 0, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  for (gint64 s = 0; s < 10; s++)
    {
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0 + s, s, "a", s, &error);
      g_assert_no_error (error);
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0 + s, s, "b", s, &error);
      g_assert_no_error (error);
    }
  cvg_event_writer_write_session_log (writer, 1100.0, 5, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  for (gint64 s = 5; s < 8; s++)
    {
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1101.0 + s, s, "a", -s, &error);
      g_assert_no_error (error);
    }
  path = save_writer (writer, fixture->dir, "events.out.tfevents.1000.host");
  run = read_file (path);
  assert_no_problems (run);

  assert_steps (lookup (run, CVG_KIND_SCALAR, "a"), G_N_ELEMENTS (a_raw), a_raw);
  assert_purged_steps (lookup (run, CVG_KIND_SCALAR, "a"), G_N_ELEMENTS (a_purged), a_purged);
  /* Not written after the restart, still cut: START purges all tags. */
  assert_steps (lookup (run, CVG_KIND_SCALAR, "b"), G_N_ELEMENTS (b_raw), b_raw);
  assert_purged_steps (lookup (run, CVG_KIND_SCALAR, "b"), G_N_ELEMENTS (b_purged), b_purged);

  /* A lone START, even after points, is the first one: nothing is cut. */
  for (gint64 s = 0; s < 10; s++)
    {
      cvg_event_writer_write_scalar (late, CVG_WRITER_STYLE_TF1, 1001.0 + s, s, "a", s, &error);
      g_assert_no_error (error);
    }
  cvg_event_writer_write_session_log (late, 1100.0, 3, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  late_dir = make_subdir (fixture->dir, "late");
  late_path = save_writer (late, late_dir, "events.out.tfevents.1000.host");
  late_run = read_file (late_path);
  assert_no_problems (late_run);
  assert_purged_steps (lookup (late_run, CVG_KIND_SCALAR, "a"), G_N_ELEMENTS (b_raw), b_raw);
}

/* A restart that starts a new file: files are stitched in name order. */
static void
test_restart_two_files (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) first = new_writer ("brain.Event:2");
  g_autoptr(CvgEventWriter) second = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 raw[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7 };
  const gint64 purged[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
  CvgSeries *series;

  cvg_event_writer_write_session_log (first, 1000.5, 0, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  for (gint64 s = 0; s < 10; s++)
    {
      cvg_event_writer_write_scalar (first, CVG_WRITER_STYLE_TF1, 1001.0 + s, s, "loss", s, &error);
      g_assert_no_error (error);
    }
  cvg_event_writer_write_session_log (second, 2000.5, 5, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  for (gint64 s = 5; s < 8; s++)
    {
      cvg_event_writer_write_scalar (second, CVG_WRITER_STYLE_TF1, 2001.0 + s, s, "loss", 100 + s, &error);
      g_assert_no_error (error);
    }
  first_path = save_writer (first, fixture->dir, "events.out.tfevents.1000.host.1");
  second_path = save_writer (second, fixture->dir, "events.out.tfevents.2000.host.2");

  {
    /* Added newest first. */
    const char *paths[] = { second_path, first_path, NULL };
    run = read_run (paths);
  }
  assert_no_problems (run);
  g_assert_cmpuint (cvg_run_get_n_files (run), ==, 2);
  series = lookup (run, CVG_KIND_SCALAR, "loss");
  assert_steps (series, G_N_ELEMENTS (raw), raw);
  g_assert_cmpfloat (cvg_series_get_value (series, 0), ==, 0.0);
  g_assert_cmpfloat (cvg_series_get_value (series, 10), ==, 105.0);
  g_assert_cmpfloat (cvg_series_get_wall_time (series, 12), ==, 2008.0);
  assert_purged_steps (series, G_N_ELEMENTS (purged), purged);
  g_assert_cmpfloat (cvg_run_get_start_time (run), ==, 1000.0);
}

/* Files and legacy forms ------------------------------------------------ */

static void
assert_same_series (CvgSeries *a,
                    CvgSeries *b)
{
  gsize n = cvg_series_get_length (a);

  g_assert_cmpstr (cvg_series_get_tag (a), ==, cvg_series_get_tag (b));
  g_assert_cmpint (cvg_series_get_kind (a), ==, cvg_series_get_kind (b));
  g_assert_cmpint (cvg_series_get_encoding (a), ==, cvg_series_get_encoding (b));
  g_assert_cmpuint (cvg_series_get_length (b), ==, n);
  g_assert_cmpint (cvg_series_is_double (a), ==, cvg_series_is_double (b));
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (cvg_series_get_step (a, i), ==, cvg_series_get_step (b, i));
      g_assert_cmpfloat (cvg_series_get_wall_time (a, i), ==, cvg_series_get_wall_time (b, i));
      if (cvg_series_get_kind (a) == CVG_KIND_SCALAR)
        {
          g_assert_cmpfloat (cvg_series_get_value (a, i), ==, cvg_series_get_value (b, i));
        }
      else
        {
          const CvgTensorValue *ta = cvg_series_get_tensor (a, i);
          const CvgTensorValue *tb = cvg_series_get_tensor (b, i);

          g_assert_cmpint (ta->dtype, ==, tb->dtype);
          g_assert_cmpuint (ta->rank, ==, tb->rank);
          g_assert_cmpmem (ta->dims, sizeof ta->dims, tb->dims, sizeof tb->dims);
          g_assert_cmpuint (ta->n_elements, ==, tb->n_elements);
          for (gsize e = 0; e < ta->n_elements; e++)
            {
              if (ta->numbers != NULL)
                g_assert_cmpmem (&ta->numbers[e], sizeof (double), &tb->numbers[e], sizeof (double));
              else
                assert_span (&tb->strings[e], ta->strings[e].data, ta->strings[e].len);
            }
        }
    }
}

static void
test_gzip (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *gz_dir = make_subdir (fixture->dir, "gz");
  g_autofree char *gz_path = g_build_filename (gz_dir, "events.out.tfevents.1000.host.gz", NULL);
  g_autoptr(CvgRun) plain = NULL;
  g_autoptr(CvgRun) gz = NULL;
  const double samples[] = { 1, 2, 3, 5, 8 };
  GPtrArray *plain_series, *gz_series;
  gzFile out;

  for (gint64 s = 0; s < 200; s++)
    {
      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0 + s, s, "loss", 1.0f / (s + 1), &error);
      g_assert_no_error (error);
      cvg_event_writer_write_scalar_tensor (writer, 1001.0 + s, s, "lr", CVG_DT_DOUBLE, 0.1 / (s + 1), FALSE, &error);
      g_assert_no_error (error);
    }
  cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, 1300.0, 200, "h", samples, 5, 0, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF2, 1300.0, 200, "img", 3, 2, 3,
                                png_bytes, sizeof png_bytes, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_text (writer, 1300.0, 200, "t", "done", &error);
  g_assert_no_error (error);

  take_into (writer, file);
  plain_path = save_bytes (fixture->dir, "events.out.tfevents.1000.host", file->data, file->len);
  out = gzopen (gz_path, "wb");
  g_assert_nonnull (out);
  g_assert_cmpint (gzwrite (out, file->data, file->len), ==, (int) file->len);
  g_assert_cmpint (gzclose (out), ==, Z_OK);

  plain = read_file (plain_path);
  gz = read_file (gz_path);
  assert_no_problems (plain);
  assert_no_problems (gz);
  g_assert_cmpuint (cvg_run_get_n_records (gz), ==, cvg_run_get_n_records (plain));
  plain_series = cvg_run_get_series (plain);
  gz_series = cvg_run_get_series (gz);
  g_assert_cmpuint (plain_series->len, ==, 5);
  g_assert_cmpuint (gz_series->len, ==, plain_series->len);
  for (guint i = 0; i < plain_series->len; i++)
    assert_same_series (g_ptr_array_index (plain_series, i), g_ptr_array_index (gz_series, i));
  g_assert_cmpuint (cvg_series_get_length (lookup (gz, CVG_KIND_SCALAR, "loss")), ==, 200);
}

static void
test_node_name (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:1");
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 3, 4 };
  const double values[] = { 2.5, -1.0 };
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;

  value.node_name = (char *) "legacy/loss";
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE;
  value.simple_value = 2.5f;
  write_value (writer, 1001.0, 3, &value);
  value.simple_value = -1.0f;
  write_value (writer, 1002.0, 4, &value);
  path = save_writer (writer, fixture->dir, "events.out.tfevents.1000.host");
  run = read_file (path);

  assert_no_problems (run);
  g_assert_cmpuint (cvg_run_get_series (run)->len, ==, 1);
  assert_scalars (lookup (run, CVG_KIND_SCALAR, "legacy/loss"), 2, steps, values);
}

static CvgProblem *
single_problem (CvgRun *run)
{
  GPtrArray *problems = cvg_run_get_problems (run);

  for (guint i = 0; i < problems->len; i++)
    {
      CvgProblem *problem = g_ptr_array_index (problems, i);
      g_test_message ("problem: %s @%" G_GUINT64_FORMAT " (%s): %s", problem->path, problem->offset,
                      cvg_io_error_code_nick (problem->code), problem->message);
    }
  g_assert_cmpuint (problems->len, ==, 1);
  return g_ptr_array_index (problems, 0);
}

static void
test_nan_wall_time (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0, 2 };
  const double values[] = { 1.0, 3.0 };
  guint64 nan_offset;
  CvgProblem *problem;

  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0, 0, "loss", 1.0f, &error);
  g_assert_no_error (error);
  take_into (writer, file);
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, NAN, 1, "loss", 2.0f, &error);
  g_assert_no_error (error);
  nan_offset = take_into (writer, file);
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1003.0, 2, "loss", 3.0f, &error);
  g_assert_no_error (error);
  take_into (writer, file);
  path = save_bytes (fixture->dir, "events.out.tfevents.1000.host", file->data, file->len);
  run = read_file (path);

  problem = single_problem (run);
  g_assert_cmpstr (problem->path, ==, path);
  g_assert_cmpuint (problem->offset, ==, nan_offset);
  assert_scalars (lookup (run, CVG_KIND_SCALAR, "loss"), 2, steps, values);
  g_assert_cmpuint (cvg_run_get_n_records (run), ==, 4);
}

static void
test_bad_data_crc (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0, 1, 3, 4 };
  const double values[] = { 0.0, 1.0, 3.0, 4.0 };
  guint64 bad_offset = 0;
  CvgProblem *problem;
  CvgSeries *series;

  for (gint64 s = 0; s < 5; s++)
    {
      guint64 offset;

      cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0 + s, s, "loss", s, &error);
      g_assert_no_error (error);
      offset = take_into (writer, file);
      if (s == 2)
        {
          /* Flip one bit of the payload: the data CRC no longer holds. */
          bad_offset = offset;
          file->data[offset + CVG_TFRECORD_HEADER_SIZE + 2] ^= 0x01;
        }
    }
  path = save_bytes (fixture->dir, "events.out.tfevents.1000.host", file->data, file->len);
  run = read_file (path);

  problem = single_problem (run);
  g_assert_cmpstr (problem->path, ==, path);
  g_assert_cmpuint (problem->offset, ==, bad_offset);
  g_assert_cmpint (problem->code, ==, CVG_IO_ERROR_BAD_DATA_CRC);
  series = lookup (run, CVG_KIND_SCALAR, "loss");
  assert_scalars (series, G_N_ELEMENTS (steps), steps, values);
}

static void
test_kind_mismatch (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgRun) run = NULL;
  const gint64 steps[] = { 0, 1, 3 };
  const double values[] = { 0.5, 1.5, 3.5 };
  const double samples[] = { 1, 2, 3 };
  guint64 bad_offset;
  CvgProblem *problem;

  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0, 0, "loss", 0.5f, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1002.0, 1, "loss", 1.5f, &error);
  g_assert_no_error (error);
  take_into (writer, file);
  cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, 1003.0, 2, "loss", samples, 3, 0, &error);
  g_assert_no_error (error);
  bad_offset = take_into (writer, file);
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1004.0, 3, "loss", 3.5f, &error);
  g_assert_no_error (error);
  take_into (writer, file);
  path = save_bytes (fixture->dir, "events.out.tfevents.1000.host", file->data, file->len);
  run = read_file (path);

  problem = single_problem (run);
  g_assert_cmpstr (problem->path, ==, path);
  g_assert_cmpuint (problem->offset, ==, bad_offset);
  g_assert_cmpuint (cvg_run_get_series (run)->len, ==, 1);
  assert_scalars (lookup (run, CVG_KIND_SCALAR, "loss"), G_N_ELEMENTS (steps), steps, values);
}

/* Logdir ---------------------------------------------------------------- */

static void
write_small_run (const char *dir,
                 const char *tag,
                 float       value)
{
  g_autoptr(CvgEventWriter) writer = new_writer ("brain.Event:2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1001.0, 1, tag, value, &error);
  g_assert_no_error (error);
  path = save_writer (writer, dir, "events.out.tfevents.1000.host");
}

static void
test_logdir_discovery (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *expected[] = { ".", "a/train", "a/validation", "b" };
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;

  write_small_run (fixture->dir, "root", 0.0f);
  {
    g_autofree char *train = make_subdir (fixture->dir, "a/train");
    g_autofree char *validation = make_subdir (fixture->dir, "a/validation");
    g_autofree char *b = make_subdir (fixture->dir, "b");
    g_autofree char *c = make_subdir (fixture->dir, "c/plugins/profile");
    g_autofree char *notes = NULL;

    write_small_run (validation, "epoch_loss", 2.0f);
    write_small_run (b, "b_loss", 3.0f);
    write_small_run (train, "epoch_loss", 1.0f);
    notes = save_bytes (c, "notes.txt", (const guint8 *) "hi", 2);
  }

  logdir = cvg_logdir_new (fixture->dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_logdir_get_problems (logdir)->len, ==, 0);
  runs = cvg_logdir_get_runs (logdir);
  g_assert_cmpuint (runs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);

      g_assert_cmpstr (cvg_run_get_name (run), ==, expected[i]);
      g_assert_true (cvg_logdir_lookup_run (logdir, expected[i]) == run);
      g_assert_cmpuint (cvg_run_get_n_files (run), ==, 1);
    }
  g_assert_null (cvg_logdir_lookup_run (logdir, "a"));
  g_assert_null (cvg_logdir_lookup_run (logdir, "c"));
  g_assert_null (cvg_logdir_lookup_run (logdir, "c/plugins/profile"));

  {
    const gint64 steps[] = { 1 };
    const double one[] = { 1.0 }, two[] = { 2.0 };

    assert_scalars (lookup (cvg_logdir_lookup_run (logdir, "a/train"), CVG_KIND_SCALAR, "epoch_loss"),
                    1, steps, one);
    assert_scalars (lookup (cvg_logdir_lookup_run (logdir, "a/validation"), CVG_KIND_SCALAR, "epoch_loss"),
                    1, steps, two);
  }
}

static void
test_logdir_unreadable (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *locked = make_subdir (fixture->dir, "locked");
  g_autofree char *ok = make_subdir (fixture->dir, "ok");
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  write_small_run (locked, "x", 1.0f);
  write_small_run (ok, "y", 2.0f);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  logdir = cvg_logdir_new (fixture->dir);
  g_assert_true (cvg_logdir_scan (logdir, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cvg_logdir_lookup_run (logdir, "ok"));

  if (geteuid () == 0)
    {
      g_test_message ("running as root: permissions do not bite, so the "
                      "unreadable-folder assertion is skipped");
    }
  else
    {
      CvgProblem *problem;

      problems = cvg_logdir_get_problems (logdir);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (problem->path, ==, locked);
      g_assert_cmpint (problem->code, ==, CVG_IO_ERROR_UNREADABLE);
      g_assert_null (cvg_logdir_lookup_run (logdir, "locked"));
      g_assert_cmpuint (cvg_logdir_get_runs (logdir)->len, ==, 1);
    }
  g_chmod (locked, 0700);
}

static void
test_logdir_missing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "does-not-exist", NULL);
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (missing);
  g_autoptr(GError) error = NULL;

  g_assert_false (cvg_logdir_scan (logdir, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (cvg_logdir_get_runs (logdir)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model/kinds/scalar/tf1", test_scalar_tf1);
  ADD ("/model/kinds/scalar/tf2-dtypes", test_scalar_tf2_dtypes);
  ADD ("/model/kinds/scalar/pytorch-new-style", test_scalar_pytorch_new_style);
  ADD ("/model/kinds/scalar/half-val", test_scalar_half_val);
  ADD ("/model/kinds/histogram/proto", test_histogram_proto);
  ADD ("/model/kinds/histogram/tf2", test_histogram_tf2);
  ADD ("/model/kinds/image", test_image);
  ADD ("/model/kinds/audio", test_audio);
  g_test_add_func ("/model/kinds/audio-empty", test_audio_empty);
  ADD ("/model/kinds/text", test_text);
  ADD ("/model/kinds/graphs", test_graphs);
  ADD ("/model/kinds/hparams/pytorch", test_hparams_pytorch);
  ADD ("/model/kinds/pr-curve", test_pr_curve);
  ADD ("/model/kinds/unknown-plugin", test_unknown_plugin);
  ADD ("/model/kinds/purge/tensorboardx", test_purge_tensorboardx);
  ADD ("/model/kinds/purge/session-start", test_purge_session_start);
  ADD ("/model/kinds/purge/two-files", test_restart_two_files);
  ADD ("/model/kinds/file/gzip", test_gzip);
  ADD ("/model/kinds/legacy/node-name", test_node_name);
  ADD ("/model/kinds/corrupt/nan-wall-time", test_nan_wall_time);
  ADD ("/model/kinds/corrupt/bad-data-crc", test_bad_data_crc);
  ADD ("/model/kinds/corrupt/kind-mismatch", test_kind_mismatch);
  ADD ("/model/logdir/discovery", test_logdir_discovery);
  ADD ("/model/logdir/unreadable", test_logdir_unreadable);
  ADD ("/model/logdir/missing", test_logdir_missing);

#undef ADD

  return g_test_run ();
}
