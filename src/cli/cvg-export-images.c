/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-images"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cvg-cli.h"
#include "cvg-image.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-series.h"

typedef struct
{
  const CvgExportOptions *options;
  GRegex                 *run_regex;
  GRegex                 *tag_regex;
  GHashTable             *written;   /* paths written by this export */
  guint                   n_images;
  int                     write_errno;
  char                   *failed_path;
} ImageExport;

static void
image_export_clear (ImageExport *self)
{
  g_clear_pointer (&self->run_regex, g_regex_unref);
  g_clear_pointer (&self->tag_regex, g_regex_unref);
  g_clear_pointer (&self->written, g_hash_table_unref);
  g_clear_pointer (&self->failed_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImageExport, image_export_clear)

/* One folder or file name from a log's run or tag: never empty, never
 * "." or "..", no leading dot, no separator or control character, so that
 * every path stays inside the output folder. */
static char *
sanitize_component (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\\' || (guchar) *p < 0x20 || *p == 0x7f) ? '_' : *p);
  if (out->len == 0 || out->str[0] == '.')
    g_string_prepend_c (out, '_');
  return g_string_free (out, FALSE);
}

/* Components of a run or tag name split at '/', each sanitized. */
static void
append_components (GPtrArray  *parts,
                   const char *name)
{
  g_auto(GStrv) split = g_strsplit (name, "/", -1);

  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (parts, sanitize_component (split[i]));
}

/* Makes each folder below @root that is missing; an existing one must be
 * a real folder, not a link that could lead out. */
static gboolean
make_folders (ImageExport *self,
              const char  *root,
              GPtrArray   *parts)
{
  g_autoptr(GString) path = g_string_new (root);

  for (guint i = 0; i < parts->len; i++)
    {
      struct stat st;

      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, g_ptr_array_index (parts, i));
      if (g_mkdir (path->str, 0777) != 0 && errno != EEXIST)
        break;
      if (lstat (path->str, &st) != 0 || !S_ISDIR (st.st_mode))
        {
          self->write_errno = errno != 0 && errno != EEXIST ? errno : ENOTDIR;
          g_free (self->failed_path);
          self->failed_path = g_strdup (path->str);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_file (ImageExport *self,
            const char  *path,
            CvgSpan      bytes)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  gsize done = 0;

  while (fd >= 0 && done < bytes.len)
    {
      gssize n = write (fd, bytes.data + done, bytes.len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  if (fd < 0 || done < bytes.len || close (fd) != 0)
    {
      self->write_errno = errno != 0 ? errno : EIO;
      g_free (self->failed_path);
      self->failed_path = g_strdup (path);
      return FALSE;
    }
  return TRUE;
}

/* STEP[_SAMPLE].EXT; a step logged again gets -2, -3, … rather than
 * overwriting the first. */
static char *
file_path (ImageExport *self,
           const char  *folder,
           gint64       step,
           guint        sample,
           guint        n_samples,
           const char  *extension)
{
  g_autofree char *base = n_samples > 1
                          ? g_strdup_printf ("%" G_GINT64_FORMAT "_%u", step, sample)
                          : g_strdup_printf ("%" G_GINT64_FORMAT, step);
  char *path = g_strdup_printf ("%s%c%s.%s", folder, G_DIR_SEPARATOR, base, extension);

  for (guint repeat = 2; g_hash_table_contains (self->written, path); repeat++)
    {
      g_free (path);
      path = g_strdup_printf ("%s%c%s-%u.%s", folder, G_DIR_SEPARATOR, base, repeat, extension);
    }
  g_hash_table_add (self->written, path);
  return g_strdup (path);
}

static void
export_series (ImageExport *self,
               const char  *run_name,
               CvgSeries   *series)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);
  guint n_samples = cvg_image_series_count_samples (series);
  g_autofree char *folder = NULL;

  append_components (parts, run_name);
  append_components (parts, cvg_series_get_tag (series));
  if (!make_folders (self, self->options->out_dir, parts))
    return;
  g_ptr_array_insert (parts, 0, g_strdup (self->options->out_dir));
  g_ptr_array_add (parts, NULL);
  folder = g_build_filenamev ((char **) parts->pdata);

  for (guint i = 0; i < indices->len && self->write_errno == 0; i++)
    {
      guint index = g_array_index (indices, guint, i);
      gint64 step = cvg_series_get_step (series, index);
      CvgSpan bytes;

      if (self->options->has_step && step != self->options->step)
        continue;
      for (guint sample = 0; cvg_image_series_get_sample (series, index, sample, &bytes); sample++)
        {
          const char *extension = cvg_image_format_extension (cvg_image_sniff (bytes.data, bytes.len));
          g_autofree char *path = file_path (self, folder, step, sample, n_samples, extension);

          if (!write_file (self, path, bytes))
            return;
          self->n_images++;
        }
    }
}

static void
export_run (ImageExport *self,
            CvgRun      *run)
{
  GPtrArray *series = cvg_run_get_series (run);

  if (!cvg_export_filter_matches (self->run_regex, cvg_run_get_name (run)))
    return;
  for (guint i = 0; i < series->len && self->write_errno == 0; i++)
    {
      CvgSeries *s = g_ptr_array_index (series, i);

      if (cvg_series_get_kind (s) == CVG_KIND_IMAGE &&
          cvg_export_filter_matches (self->tag_regex, cvg_series_get_tag (s)))
        export_series (self, cvg_run_get_name (run), s);
    }
}

CvgExitStatus
cvg_export_images_main (const CvgExportOptions *options)
{
  g_auto(ImageExport) self = { options };
  g_autoptr(CvgLogdir) logdir = NULL;
  GPtrArray *runs;

  if (options->out_dir == NULL)
    {
      cvg_cli_print_error (_("--export images needs --out FOLDER (see --help)"));
      return CVG_EXIT_USAGE;
    }
  if (!cvg_export_compile_filter ("--run", options->run_pattern, &self.run_regex) ||
      !cvg_export_compile_filter ("--tag", options->tag_pattern, &self.tag_regex))
    return CVG_EXIT_USAGE;
  if (g_mkdir_with_parents (options->out_dir, 0777) != 0)
    {
      cvg_cli_print_error (_("cannot create %s: %s"), options->out_dir, g_strerror (errno));
      return CVG_EXIT_UNREADABLE;
    }

  logdir = cvg_cli_load_logdir (options->logdir);
  if (logdir == NULL)
    return CVG_EXIT_UNREADABLE;
  cvg_export_report_problems (logdir);

  self.written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  runs = cvg_logdir_get_runs (logdir);
  for (guint i = 0; i < runs->len && self.write_errno == 0; i++)
    export_run (&self, g_ptr_array_index (runs, i));

  if (self.write_errno != 0)
    {
      cvg_cli_print_error (_("cannot write %s: %s"), self.failed_path, g_strerror (self.write_errno));
      return CVG_EXIT_UNREADABLE;
    }
  /* TRANSLATORS: the number of image files written, then the folder */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u image written to %s\n", "%u images written to %s\n", self.n_images),
           self.n_images, options->out_dir);
  return CVG_EXIT_OK;
}
