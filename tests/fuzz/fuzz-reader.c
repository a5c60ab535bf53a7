/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target. An input is an event file as it is, unless its first
 * byte is 0xff: then the rest is a list of payloads (u16 length, bytes)
 * framed with valid CRCs first, so that mutations reach the event decoders
 * instead of dying at the checksums. The file is read in two steps (a
 * prefix whose size the last input byte picks, then the rest appended)
 * through the same path a logdir load takes, then again in small live
 * steps whose deltas are merged as the window merges them; every series
 * is looked up by kind and tag, purged, and every stored value touched. */
#define G_LOG_DOMAIN "fuzz-reader"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tfrecord.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *
fuzz_folder (void)
{
  static char *folder = NULL;

  if (folder == NULL)
    folder = g_dir_make_tmp ("cvg-fuzz-XXXXXX", NULL);
  return folder;
}

static void
write_part (const char   *path,
            const guint8 *data,
            size_t        size,
            const char   *mode)
{
  FILE *f = fopen (path, mode);

  if (f == NULL)
    abort ();
  if (size > 0 && fwrite (data, 1, size, f) != size)
    abort ();
  fclose (f);
}

static double
touch_series (CvgSeries *series)
{
  double sum = 0;
  gsize n = cvg_series_get_length (series);
  g_autoptr(GArray) purged = cvg_series_get_purged_indices (series);

  for (gsize i = 0; i < n; i++)
    {
      sum += cvg_series_get_step (series, i) + cvg_series_get_wall_time (series, i);
      if (cvg_series_get_kind (series) == CVG_KIND_SCALAR)
        {
          sum += cvg_series_get_value (series, i);
        }
      else
        {
          const CvgTensorValue *value = cvg_series_get_tensor (series, i);
          for (gsize k = 0; k < value->n_elements; k++)
            sum += value->numbers != NULL ? value->numbers[k]
                                          : (value->strings[k].len > 0 ? value->strings[k].data[0] : 0);
        }
    }
  return sum + purged->len;
}

static double
touch_run (CvgRun *run)
{
  GPtrArray *series = cvg_run_get_series (run);
  double sum = 0;

  for (guint i = 0; i < series->len; i++)
    {
      CvgSeries *s = g_ptr_array_index (series, i);
      CvgSeries *found = cvg_run_lookup_series (run, cvg_series_get_kind (s), cvg_series_get_tag (s));

      /* Every series is found again by its kind and tag. */
      if (found == NULL)
        abort ();
      sum += touch_series (s);
    }
  return sum;
}

/* The live path: a reader run read in small steps, each delta merged
 * into the run a window shows. */
static double
read_live (const char *path)
{
  g_autoptr(CvgRun) reader = cvg_run_new ("fuzz", fuzz_folder ());
  g_autoptr(CvgRun) shown = cvg_run_new ("fuzz", fuzz_folder ());
  g_autoptr(GPtrArray) new_series = g_ptr_array_new ();
  gboolean more = TRUE;

  cvg_run_add_file (reader, path);
  for (guint steps = 0; more && steps < 64; steps++)
    {
      g_autoptr(CvgRun) delta = NULL;

      cvg_run_read_some (reader, 256, &more);
      delta = cvg_run_steal_delta (reader);
      if (delta != NULL)
        cvg_run_merge (shown, delta, new_series);
    }
  return touch_run (shown);
}

static GByteArray *
frame_payloads (const guint8 *data,
                size_t        size)
{
  GByteArray *out = g_byte_array_new ();

  while (size >= 2)
    {
      size_t len = MIN ((size_t) (data[0] | data[1] << 8), size - 2);
      cvg_tfrecord_frame (data + 2, len, out);
      data += 2 + len;
      size -= 2 + len;
    }
  return out;
}

int
LLVMFuzzerTestOneInput (const guint8 *input,
                        size_t        input_size)
{
  g_autoptr(GByteArray) framed = NULL;
  const guint8 *data = input;
  size_t size = input_size;
  g_autofree char *path = g_build_filename (fuzz_folder (), "events.out.tfevents.fuzz", NULL);
  g_autoptr(CvgRun) run = cvg_run_new ("fuzz", fuzz_folder ());
  volatile double sink = 0;
  size_t prefix;

  if (size > 0 && data[0] == 0xff)
    {
      framed = frame_payloads (data + 1, size - 1);
      size = framed->len;
      data = size > 0 ? framed->data : input;
    }
  prefix = input_size > 0 ? input[input_size - 1] * size / 256 : 0;

  write_part (path, data, prefix, "wb");
  cvg_run_add_file (run, path);
  cvg_run_read (run);
  write_part (path, data + prefix, size - prefix, "ab");
  cvg_run_read (run);

  sink += touch_run (run);
  sink += read_live (path);
  (void) sink;

  g_unlink (path);
  return 0;
}
