/* libFuzzer target: the input is an event file. It is read in two steps
 * (a prefix, then the rest appended) through the same path a logdir load
 * takes, and every stored value is touched. */
#define G_LOG_DOMAIN "fuzz-reader"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cvg-run.h"
#include "cvg-series.h"

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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = g_build_filename (fuzz_folder (), "events.out.tfevents.fuzz", NULL);
  g_autoptr(CvgRun) run = cvg_run_new ("fuzz", fuzz_folder ());
  size_t prefix = size > 0 ? data[0] * size / 256 : 0;
  volatile double sink = 0;
  GPtrArray *series;

  write_part (path, data, prefix, "wb");
  cvg_run_add_file (run, path);
  cvg_run_read (run);
  write_part (path, data + prefix, size - prefix, "ab");
  cvg_run_read (run);

  series = cvg_run_get_series (run);
  for (guint i = 0; i < series->len; i++)
    sink += touch_series (g_ptr_array_index (series, i));
  (void) sink;

  g_unlink (path);
  return 0;
}
