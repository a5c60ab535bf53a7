/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-audio"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cvg-run.h"
#include "cvg-series.h"

/* Bytes of one path component we write; names from logs can be longer. */
#define MAX_COMPONENT 120

/* One path component from a name read in a log: never a separator, a
 * control character, "", "." or "..", so that the path stays inside the
 * output folder. */
static char *
sanitize_component (const char *name,
                    gsize       len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len && out->len < MAX_COMPONENT; i++)
    {
      guchar c = (guchar) name[i];

      g_string_append_c (out, c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' ? '_' : (char) c);
    }
  if (out->len == 0 || strcmp (out->str, ".") == 0 || strcmp (out->str, "..") == 0)
    g_string_prepend_c (out, '_');
  return g_string_free (out, FALSE);
}

/* @base with each '/'-separated part of @name sanitized, as folders. */
static char *
append_components (const char *base,
                   const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", 64);
  char *path = g_strdup (base);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *component = sanitize_component (parts[i], strlen (parts[i]));
      char *next = g_build_filename (path, component, NULL);

      g_free (path);
      path = next;
    }
  return path;
}

static const char *
extension_for (CvgSpan clip)
{
  if (clip.len >= 12 && memcmp (clip.data, "RIFF", 4) == 0 && memcmp (clip.data + 8, "WAVE", 4) == 0)
    return "wav";
  if (clip.len >= 4 && memcmp (clip.data, "OggS", 4) == 0)
    return "ogg";
  if (clip.len >= 4 && memcmp (clip.data, "fLaC", 4) == 0)
    return "flac";
  return "bin";
}

static gboolean
write_clips (const char *folder,
             CvgSeries  *series,
             gsize       index,
             guint      *n_written)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, index);

  if (value == NULL || value->dtype != CVG_DT_STRING || value->strings == NULL)
    return TRUE;
  /* [k, 2]: clip and label, k clips. */
  for (gsize k = 0; k * 2 < value->n_elements; k++)
    {
      CvgSpan clip = value->strings[k * 2];
      g_autofree char *name = g_strdup_printf ("step-%" G_GINT64_FORMAT "-%" G_GSIZE_FORMAT ".%s",
                                               cvg_series_get_step (series, index), k, extension_for (clip));
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (path, (const char *) clip.data, (gssize) clip.len, &error))
        {
          cvg_cli_print_error (_("cannot write %s: %s"), path, error->message);
          return FALSE;
        }
      (*n_written)++;
    }
  return TRUE;
}

gboolean
cvg_export_audio (GPtrArray  *runs,
                  GRegex     *run_regex,
                  GRegex     *tag_regex,
                  gboolean    raw,
                  const char *out_dir,
                  guint      *n_written)
{
  *n_written = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      GPtrArray *all = cvg_run_get_series (run);
      g_autofree char *run_dir = NULL;

      if (run_regex != NULL && !g_regex_match (run_regex, cvg_run_get_name (run), 0, NULL))
        continue;
      run_dir = append_components (out_dir, cvg_run_get_name (run));
      for (guint j = 0; j < all->len; j++)
        {
          CvgSeries *series = g_ptr_array_index (all, j);
          g_autoptr(GArray) kept = NULL;
          g_autofree char *folder = NULL;

          if (cvg_series_get_kind (series) != CVG_KIND_AUDIO ||
              (tag_regex != NULL && !g_regex_match (tag_regex, cvg_series_get_tag (series), 0, NULL)))
            continue;
          folder = append_components (run_dir, cvg_series_get_tag (series));
          if (g_mkdir_with_parents (folder, 0755) != 0)
            {
              cvg_cli_print_error (_("cannot create %s: %s"), folder, g_strerror (errno));
              return FALSE;
            }
          kept = cvg_series_get_purged_indices (series);
          for (gsize k = 0; k < (raw ? cvg_series_get_length (series) : kept->len); k++)
            if (!write_clips (folder, series, raw ? k : g_array_index (kept, guint, k), n_written))
              return FALSE;
        }
    }
  return TRUE;
}
