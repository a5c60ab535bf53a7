/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cvg-make-demo: writes the bundled demo logdir, an MNIST-like Keras fit
 * of two runs, with our own event writer. The output is deterministic:
 * fixed times, host, pids and a seeded random generator. */

#define G_LOG_DOMAIN "cvg-make-demo"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "cvg-event-writer.h"

#define DEMO_HOST     "converge-demo"
#define N_EPOCHS      5
#define DIGIT_SIZE    28

/* As TF2's C++ EventsWriter names itself in the file-version event. */
#define TF2_SOURCE_WRITER "tensorflow.core.util.events_writer"


static const char keras_model_json[] =
  "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
  "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": "
  "{\"batch_input_shape\": [null, 28, 28], \"dtype\": \"float32\", \"sparse\": false, "
  "\"ragged\": false, \"name\": \"flatten_input\"}, \"registered_name\": null}, "
  "{\"module\": \"keras.layers\", \"class_name\": \"Flatten\", \"config\": "
  "{\"name\": \"flatten\", \"trainable\": true, \"dtype\": \"float32\", "
  "\"batch_input_shape\": [null, 28, 28], \"data_format\": \"channels_last\"}, "
  "\"registered_name\": null, \"build_config\": {\"input_shape\": [null, 28, 28]}}, "
  "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": "
  "{\"name\": \"dense\", \"trainable\": true, \"dtype\": \"float32\", \"units\": 128, "
  "\"activation\": \"relu\", \"use_bias\": true, \"kernel_initializer\": "
  "{\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\", \"config\": "
  "{\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": "
  "{\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, "
  "\"registered_name\": null}, \"kernel_regularizer\": null, \"bias_regularizer\": null, "
  "\"activity_regularizer\": null, \"kernel_constraint\": null, \"bias_constraint\": null}, "
  "\"registered_name\": null, \"build_config\": {\"input_shape\": [null, 784]}}, "
  "{\"module\": \"keras.layers\", \"class_name\": \"Dropout\", \"config\": "
  "{\"name\": \"dropout\", \"trainable\": true, \"dtype\": \"float32\", \"rate\": 0.2, "
  "\"noise_shape\": null, \"seed\": null}, \"registered_name\": null, "
  "\"build_config\": {\"input_shape\": [null, 128]}}, "
  "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": "
  "{\"name\": \"dense_1\", \"trainable\": true, \"dtype\": \"float32\", \"units\": 10, "
  "\"activation\": \"linear\", \"use_bias\": true, \"kernel_initializer\": "
  "{\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\", \"config\": "
  "{\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": "
  "{\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, "
  "\"registered_name\": null}, \"kernel_regularizer\": null, \"bias_regularizer\": null, "
  "\"activity_regularizer\": null, \"kernel_constraint\": null, \"bias_constraint\": null}, "
  "\"registered_name\": null, \"build_config\": {\"input_shape\": [null, 128]}}]}, "
  "\"keras_version\": \"2.13.1\", \"backend\": \"tensorflow\"}";

/* A few nodes of the train function, each fed by the one before. */
static const char * const graph_names[] = {
  "iterator",
  "IteratorGetNext",
  "sequential/flatten/Const",
  "sequential/flatten/Reshape",
  "sequential/dense/MatMul/ReadVariableOp",
  "sequential/dense/MatMul",
  "sequential/dense/BiasAdd/ReadVariableOp",
  "sequential/dense/BiasAdd",
  "sequential/dense/Relu",
  "sequential/dropout/dropout/Mul",
  "sequential/dense_1/MatMul/ReadVariableOp",
  "sequential/dense_1/MatMul",
  "sequential/dense_1/BiasAdd",
  "sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits",
  "sparse_categorical_crossentropy/Mean",
  "Adam/Adam/AssignAddVariableOp",
  "Identity",
};

static const char * const graph_ops[] = {
  "Placeholder",
  "IteratorGetNext",
  "Const",
  "Reshape",
  "ReadVariableOp",
  "MatMul",
  "ReadVariableOp",
  "BiasAdd",
  "Relu",
  "Mul",
  "ReadVariableOp",
  "MatMul",
  "BiasAdd",
  "SparseSoftmaxCrossEntropyWithLogits",
  "Mean",
  "AssignAddVariableOp",
  "Identity",
};

G_STATIC_ASSERT (G_N_ELEMENTS (graph_names) == G_N_ELEMENTS (graph_ops));

static const char notes_markdown[] =
  "# Demo run\n"
  "\n"
  "An MNIST-like fit of a small **Sequential** model:\n"
  "\n"
  "| layer | output | params |\n"
  "| --- | --- | --- |\n"
  "| Flatten | (None, 784) | 0 |\n"
  "| Dense (relu) | (None, 128) | 100480 |\n"
  "| Dropout (0.2) | (None, 128) | 0 |\n"
  "| Dense | (None, 10) | 1290 |\n"
  "\n"
  "Written by `cvg-make-demo`; the numbers are made up but plausible.";

/* One run of the demo: a Keras fit in its own (fake) process. */
typedef struct
{
  const char *name;
  gint64      base_time;   /* when the fit starts, whole seconds */
  guint       pid;
  guint32     seed;
  double      quality;     /* 0 for run1, higher is better */
} DemoRun;

static const DemoRun demo_runs[] = {
  { "run1", 1700000000, 4242, 1234, 0.0 },
  { "run2", 1700003600, 4377, 5678, 1.0 },
};

/* Weights logged as histograms, as Keras names them. */
typedef struct
{
  const char *tag;
  gsize       n;
  double      init_limit;  /* Glorot uniform limit, 0 for zeros */
} DemoWeight;

static const DemoWeight demo_weights[] = {
  { "dense/kernel_0/histogram", 784 * 128, 0.0811 },
  { "dense/bias_0/histogram", 128, 0.0 },
  { "dense_1/kernel_0/histogram", 128 * 10, 0.2085 },
  { "dense_1/bias_0/histogram", 10, 0.0 },
};

/* PNG ------------------------------------------------------------------- */

static void
append_be32 (GByteArray *out,
             guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (out, b, 4);
}

static void
append_png_chunk (GByteArray   *out,
                  const char   *type,
                  const guint8 *data,
                  gsize         len)
{
  uLong crc = crc32 (0L, Z_NULL, 0);

  append_be32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
  crc = crc32 (crc, (const Bytef *) type, 4);
  if (len > 0)
    crc = crc32 (crc, data, (uInt) len);
  append_be32 (out, (guint32) crc);
}

/* An 8-bit grayscale PNG: signature, IHDR, one zlib IDAT, IEND. */
static GBytes *
encode_gray_png (const guint8 *pixels,
                 guint         width,
                 guint         height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *raw = g_new (guint8, (gsize) (width + 1) * height);
  g_autofree guint8 *packed = NULL;
  uLongf packed_len;
  guint8 ihdr[13];
  int ret;

  for (guint y = 0; y < height; y++)
    {
      raw[(gsize) y * (width + 1)] = 0;  /* filter: none */
      memcpy (raw + (gsize) y * (width + 1) + 1, pixels + (gsize) y * width, width);
    }

  packed_len = compressBound ((uLong) (width + 1) * height);
  packed = g_malloc (packed_len);
  ret = compress2 (packed, &packed_len, raw, (uLong) (width + 1) * height, Z_BEST_COMPRESSION);
  g_assert (ret == Z_OK);

  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 0;   /* colour type: grayscale */
  ihdr[10] = 0;  /* compression */
  ihdr[11] = 0;  /* filter */
  ihdr[12] = 0;  /* interlace */

  g_byte_array_append (out, signature, sizeof signature);
  append_png_chunk (out, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (out, "IDAT", packed, packed_len);
  append_png_chunk (out, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* A handwritten-looking "7", white on black like MNIST. */
static GBytes *
make_digit_png (void)
{
  static const double strokes[][4] = {
    { 7.0, 7.5, 20.5, 6.5 },
    { 20.5, 6.5, 15.0, 16.0 },
    { 15.0, 16.0, 12.0, 23.0 },
    { 11.5, 14.5, 18.5, 14.0 },
  };
  guint8 pixels[DIGIT_SIZE * DIGIT_SIZE];

  for (guint y = 0; y < DIGIT_SIZE; y++)
    for (guint x = 0; x < DIGIT_SIZE; x++)
      {
        double d = G_MAXDOUBLE;
        double v;

        for (guint i = 0; i < G_N_ELEMENTS (strokes); i++)
          d = MIN (d, segment_distance (x + 0.5, y + 0.5,
                                        strokes[i][0], strokes[i][1],
                                        strokes[i][2], strokes[i][3]));
        v = CLAMP (1.6 - d / 1.1, 0.0, 1.0);
        pixels[y * DIGIT_SIZE + x] = (guint8) lround (255.0 * v);
      }

  return encode_gray_png (pixels, DIGIT_SIZE, DIGIT_SIZE);
}

/* Logs ------------------------------------------------------------------ */

static double
gaussian (GRand *rand)
{
  /* Box-Muller; 1 - u keeps the logarithm finite. */
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* Weights after @epoch + 1 epochs: the initial distribution, widened and
 * shifted a little more each epoch. */
static double *
make_weights (GRand            *rand,
              const DemoWeight *weight,
              guint             epoch,
              double            quality)
{
  double *samples = g_new (double, weight->n);
  double drift = 0.004 * (epoch + 1) * (1.0 + 0.25 * quality);

  for (gsize i = 0; i < weight->n; i++)
    {
      double x;

      if (weight->init_limit > 0)
        x = g_rand_double_range (rand, -weight->init_limit, weight->init_limit) *
            (1.0 + 0.06 * (epoch + 1)) + gaussian (rand) * drift * 2.0;
      else
        x = gaussian (rand) * drift * 3.0 + drift;
      /* Keras logs float32 weights. */
      samples[i] = (float) x;
    }
  return samples;
}

static char *
event_file_path (const char *dir,
                 gint64      created,
                 guint       pid,
                 guint       uid)
{
  g_autofree char *name = g_strdup_printf ("events.out.tfevents.%010" G_GINT64_FORMAT ".%s.%u.%u.v2",
                                           created, DEMO_HOST, pid, uid);

  return g_build_filename (dir, name, NULL);
}

static CvgEventWriter *
open_writer (const char  *dir,
             gint64       created,
             guint        pid,
             guint        uid,
             GError     **error)
{
  g_autofree char *path = event_file_path (dir, created, pid, uid);
  g_autoptr(CvgEventWriter) writer = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  writer = cvg_event_writer_new (path, error);
  if (writer == NULL)
    return NULL;

  /* As TF2 writes: metadata on every value, its own writer name, and a
   * whole-second wall time on the file-version event. */
  cvg_event_writer_set_repeat_metadata (writer, TRUE);
  cvg_event_writer_set_source_writer (writer, TF2_SOURCE_WRITER);
  if (!cvg_event_writer_write_file_version (writer, (double) created, "brain.Event:2", error))
    return NULL;

  return g_steal_pointer (&writer);
}

static gboolean
write_run (const char    *outdir,
           const DemoRun *run,
           GBytes        *graph_def,
           GBytes        *digit_png,
           GError       **error)
{
  g_autofree char *train_dir = g_build_filename (outdir, run->name, "train", NULL);
  g_autofree char *val_dir = g_build_filename (outdir, run->name, "validation", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (run->seed);
  g_autoptr(CvgEventWriter) train = NULL;
  g_autoptr(CvgEventWriter) val = NULL;
  double t0 = (double) run->base_time;
  double q = run->quality;
  gsize len;
  const guint8 *data;

  train = open_writer (train_dir, run->base_time, run->pid, 0, error);
  if (train == NULL)
    return FALSE;

  /* Keras writes the model config and the train graph before epoch 0. */
  if (!cvg_event_writer_write_keras_model (train, t0 + 0.412731, keras_model_json, error))
    return FALSE;
  data = g_bytes_get_data (graph_def, &len);
  if (!cvg_event_writer_write_graph_def (train, t0 + 1.187305, data, len, error))
    return FALSE;
  data = g_bytes_get_data (digit_png, &len);
  if (!cvg_event_writer_write_image (train, CVG_WRITER_STYLE_TF2, t0 + 1.201948, 0,
                                     "samples/digit", DIGIT_SIZE, DIGIT_SIZE, 1,
                                     data, len, error))
    return FALSE;
  if (!cvg_event_writer_write_text (train, t0 + 1.203355, 0, "notes", notes_markdown, error))
    return FALSE;

  for (guint epoch = 0; epoch < N_EPOCHS; epoch++)
    {
      double end = t0 + 1.3 + 4.2 * (epoch + 1) + g_rand_double_range (rand, 0.0, 0.4);
      double e = epoch;
      double loss = 0.05 + (0.27 - 0.04 * q) * exp (-0.45 * e) + g_rand_double_range (rand, -0.004, 0.004);
      double acc = 0.985 - (0.075 - 0.012 * q) * exp (-0.5 * e) + g_rand_double_range (rand, -0.002, 0.002);
      double val_loss = loss + 0.012 + 0.006 * e + g_rand_double_range (rand, -0.005, 0.005);
      double val_acc = acc - 0.006 - 0.001 * e + g_rand_double_range (rand, -0.002, 0.002);

      if (epoch == 0)
        {
          /* Keras opens the validation writer when it first logs to it. */
          val = open_writer (val_dir, (gint64) floor (end), run->pid, 1, error);
          if (val == NULL)
            return FALSE;
        }

      if (!cvg_event_writer_write_scalar (train, CVG_WRITER_STYLE_TF2, end + 0.001021, epoch,
                                          "epoch_loss", (float) loss, error) ||
          !cvg_event_writer_write_scalar (train, CVG_WRITER_STYLE_TF2, end + 0.001387, epoch,
                                          "epoch_accuracy", (float) acc, error))
        return FALSE;

      for (guint w = 0; w < G_N_ELEMENTS (demo_weights); w++)
        {
          g_autofree double *samples = make_weights (rand, &demo_weights[w], epoch, q);

          if (!cvg_event_writer_write_histogram (train, CVG_WRITER_STYLE_TF2,
                                                 end + 0.0123 + 0.0071 * w, epoch,
                                                 demo_weights[w].tag, samples,
                                                 demo_weights[w].n, 30, error))
            return FALSE;
        }

      if (!cvg_event_writer_write_scalar (val, CVG_WRITER_STYLE_TF2, end + 0.002114, epoch,
                                          "epoch_loss", (float) val_loss, error) ||
          !cvg_event_writer_write_scalar (val, CVG_WRITER_STYLE_TF2, end + 0.002391, epoch,
                                          "epoch_accuracy", (float) val_acc, error))
        return FALSE;
    }

  return cvg_event_writer_flush (train, error) && cvg_event_writer_flush (val, error);
}

/* Removes @path and everything below it, without following links. */
static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      const char *name;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!remove_tree (child, error))
            return FALSE;
        }
      if (g_rmdir (path) != 0)
        goto fail;
      return TRUE;
    }

  if (g_remove (path) != 0 && errno != ENOENT)
    goto fail;
  return TRUE;

fail:
  {
    int saved_errno = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 "%s: %s", path, g_strerror (saved_errno));
    return FALSE;
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) graph_def = NULL;
  g_autoptr(GBytes) digit_png = NULL;
  g_autoptr(GString) stamp = NULL;
  const char *outdir, *stampfile;

  if (argc != 3)
    {
      g_printerr ("Usage: %s OUTDIR STAMPFILE\n", argv[0]);
      return 2;
    }
  outdir = argv[1];
  stampfile = argv[2];

  if (g_file_test (outdir, G_FILE_TEST_EXISTS) && !remove_tree (outdir, &error))
    goto fail;
  if (g_mkdir_with_parents (outdir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", outdir, g_strerror (saved_errno));
      goto fail;
    }

  graph_def = cvg_graph_def_build_chain (graph_names, graph_ops, G_N_ELEMENTS (graph_names));
  digit_png = make_digit_png ();

  stamp = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (demo_runs); i++)
    {
      if (!write_run (outdir, &demo_runs[i], graph_def, digit_png, &error))
        goto fail;
      g_string_append_printf (stamp, "%s\n", demo_runs[i].name);
    }

  if (!g_file_set_contents (stampfile, stamp->str, stamp->len, &error))
    goto fail;

  return 0;

fail:
  g_printerr ("cvg-make-demo: %s\n", error->message);
  return 1;
}
