/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "cvg-cli.h"
#include "cvg-event-writer.h"
#include "cvg-logdir.h"
#include "cvg-test-files.h"
#include "cvg-wav.h"
#include <glib/gstdio.h>

static void
put_u16 (GByteArray *out,
         guint       v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

/* A WAV file: @format, @bits, @channels, @rate, and @data_len bytes of
 * @samples; the data chunk's size field says @data_size. */
static GByteArray *
make_wav (guint         format,
          guint         bits,
          guint         channels,
          guint         rate,
          const guint8 *samples,
          gsize         data_len,
          guint32       data_size)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_u32 (out, (guint32) (36 + data_len));
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_u32 (out, 16);
  put_u16 (out, format);
  put_u16 (out, channels);
  put_u32 (out, rate);
  put_u32 (out, rate * channels * (bits / 8));
  put_u16 (out, channels * (bits / 8));
  put_u16 (out, bits);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_u32 (out, data_size);
  g_byte_array_append (out, samples, (guint) data_len);
  return out;
}

typedef struct
{
  const char *name;
  guint       format;
  guint       bits;
  guint8      samples[16];   /* two frames of two channels: max, min, zero, half */
} FormatCase;

static const FormatCase formats[] = {
  { "pcm8", 1, 8, { 255, 0, 128, 192 } },
  { "pcm16", 1, 16, { 0xff, 0x7f, 0x00, 0x80, 0, 0, 0x00, 0x40 } },
  { "pcm24", 1, 24, { 0xff, 0xff, 0x7f, 0x00, 0x00, 0x80, 0, 0, 0, 0x00, 0x00, 0x40 } },
  { "pcm32", 1, 32, { 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x40 } },
  /* 1.0f, -1.0f, 0.0f, 0.5f */
  { "float32", 3, 32, { 0, 0, 0x80, 0x3f, 0, 0, 0x80, 0xbf, 0, 0, 0, 0, 0, 0, 0, 0x3f } },
};

static void
test_formats (gconstpointer data)
{
  const FormatCase *fc = data;
  gsize len = 4 * (fc->bits / 8);
  g_autoptr(GByteArray) bytes = make_wav (fc->format, fc->bits, 2, 16000, fc->samples, len, (guint32) len);
  g_autoptr(GError) error = NULL;
  g_autofree float *peaks = NULL;
  CvgWav wav;

  g_assert_true (cvg_wav_parse (bytes->data, bytes->len, &wav, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wav.channels, ==, 2);
  g_assert_cmpuint (wav.sample_rate, ==, 16000);
  g_assert_cmpuint (wav.bits, ==, fc->bits);
  g_assert_cmpuint (wav.n_frames, ==, 2);
  g_assert_cmpfloat_with_epsilon (cvg_wav_get_duration (&wav), 2.0 / 16000, 1e-12);
  g_assert_cmpfloat_with_epsilon (cvg_wav_get_sample (&wav, 0, 0), 1.0, 0.01);
  g_assert_cmpfloat_with_epsilon (cvg_wav_get_sample (&wav, 0, 1), -1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (cvg_wav_get_sample (&wav, 1, 0), 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (cvg_wav_get_sample (&wav, 1, 1), 0.5, 1e-6);

  /* One column: each channel's extremes; channels stacked. */
  peaks = cvg_wav_get_peaks (&wav, 1);
  g_assert_cmpfloat_with_epsilon (peaks[0], 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (peaks[1], 1.0, 0.01);
  g_assert_cmpfloat_with_epsilon (peaks[2], -1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (peaks[3], 0.5, 1e-6);
}

static void
assert_error (GByteArray *bytes,
              CvgWavError code)
{
  g_autoptr(GError) error = NULL;
  CvgWav wav;

  g_assert_false (cvg_wav_parse (bytes->data, bytes->len, &wav, &error));
  g_assert_error (error, CVG_WAV_ERROR, (int) code);
  g_test_message ("%s", error->message);
}

static void
test_malformed (void)
{
  static const guint8 samples[8] = { 0 };
  g_autoptr(GByteArray) past_end = make_wav (1, 16, 1, 8000, samples, 8, 0x7fffffff);
  g_autoptr(GByteArray) adpcm = make_wav (2, 4, 1, 8000, samples, 8, 8);
  g_autoptr(GByteArray) bits12 = make_wav (1, 12, 1, 8000, samples, 8, 8);
  g_autoptr(GByteArray) float16 = make_wav (3, 16, 1, 8000, samples, 8, 8);
  g_autoptr(GByteArray) no_channels = make_wav (1, 16, 0, 8000, samples, 8, 8);
  g_autoptr(GByteArray) no_rate = make_wav (1, 16, 1, 0, samples, 8, 8);
  g_autoptr(GByteArray) good = make_wav (1, 16, 1, 8000, samples, 8, 8);
  g_autoptr(GByteArray) ogg = g_byte_array_new ();
  CvgWav wav;

  assert_error (past_end, CVG_WAV_ERROR_MALFORMED);
  assert_error (adpcm, CVG_WAV_ERROR_UNSUPPORTED);
  assert_error (bits12, CVG_WAV_ERROR_UNSUPPORTED);
  assert_error (float16, CVG_WAV_ERROR_UNSUPPORTED);
  assert_error (no_channels, CVG_WAV_ERROR_MALFORMED);
  assert_error (no_rate, CVG_WAV_ERROR_MALFORMED);
  g_byte_array_append (ogg, (const guint8 *) "OggS\0\2\0\0\0\0\0\0\0\0", 14);
  assert_error (ogg, CVG_WAV_ERROR_NOT_WAV);

  /* Every truncation of a good file: an error, never a read past the end. */
  for (guint len = 0; len < good->len; len++)
    {
      g_autoptr(GByteArray) cut = g_byte_array_new ();

      g_byte_array_append (cut, good->data, len);
      g_assert_false (cvg_wav_parse (cut->data, cut->len, &wav, NULL));
    }
  g_assert_true (cvg_wav_parse (good->data, good->len, &wav, NULL));

  /* The block align must match the sample size. */
  good->data[32] = 3;
  assert_error (good, CVG_WAV_ERROR_MALFORMED);
}

/* Random bytes behind a RIFF/WAVE header: errors or a clip whose samples
 * all lie inside the bytes (ASan checks the reads). */
static void
test_random (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 2000; round++)
    {
      gsize len = 12 + g_rand_int_range (rand, 0, 200);
      g_autofree guint8 *data = g_malloc (len);
      CvgWav wav;

      for (gsize i = 0; i < len; i++)
        data[i] = (guint8) g_rand_int (rand);
      memcpy (data, "RIFF\0\0\0\0WAVE", 12);
      if (round % 2 == 0 && len >= 36)
        memcpy (data + 12, "fmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0", 24);
      if (cvg_wav_parse (data, len, &wav, NULL))
        {
          g_autofree float *peaks = cvg_wav_get_peaks (&wav, 7);

          g_assert_cmpuint (wav.samples - data + wav.n_frames * wav.block_align, <=, len);
          for (guint i = 0; i < wav.channels * 7 * 2; i++)
            g_assert_true (peaks[i] >= -1 && peaks[i] <= 1);
        }
    }
  g_rand_free (rand);
}

/* Every file under @dir, as paths relative to it. */
static void
list_files (const char *dir,
            const char *relative,
            GPtrArray  *files)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autoptr(GDir) folder = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (dir, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        list_files (dir, child, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* --export audio writes each clip's bytes, TF1 and TF2 encodings, under
 * the output folder whatever the tag says. */
static void
test_export (void)
{
  static const guint8 samples[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  g_autoptr(GByteArray) wav = make_wav (1, 16, 1, 8000, samples, 8, 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-audio-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "logs", "run", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *logs = g_build_filename (dir, "logs", NULL);
  g_autofree char *tf2 = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint n_written;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF2, 1.0, 3, "speech/clip", 8000,
                                               wav->data, wav->len, &error));
  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 1.0, 4, "../../escape", 8000,
                                               wav->data, wav->len, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  logdir = cvg_logdir_new (logs);
  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);

  g_assert_true (cvg_export_audio (cvg_logdir_get_runs (logdir), NULL, NULL, FALSE, out, &n_written));
  g_assert_cmpuint (n_written, ==, 2);
  list_files (out, "", files);
  g_ptr_array_sort (files, compare_paths);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, "run/_../_../escape/step-4-0.wav");
  g_assert_cmpstr (g_ptr_array_index (files, 1), ==, "run/speech/clip/step-3-0.wav");
  tf2 = g_build_filename (out, "run/speech/clip/step-3-0.wav", NULL);
  g_assert_true (g_file_get_contents (tf2, &contents, &len, &error));
  g_assert_cmpmem (contents, len, wav->data, wav->len);

  cvg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wav/format/%s", formats[i].name);

      g_test_add_data_func (path, &formats[i], test_formats);
    }
  g_test_add_func ("/wav/malformed", test_malformed);
  g_test_add_func ("/wav/random", test_random);
  g_test_add_func ("/export/audio", test_export);

  return g_test_run ();
}
