/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run"

#include "config.h"

#include "cvg-run-private.h"
#include "cvg-utf8.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "cvg-problem.h"
#include "cvg-remote.h"
#include "cvg-tfrecord.h"

static CvgRun *
run_new_named (char       *escaped_name,
               const char *path)
{
  CvgRun *self = g_new0 (CvgRun, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = escaped_name;
  self->path = g_strdup (path);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_record_file_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_series_free);
  self->summary_series = g_hash_table_new (g_str_hash, g_str_equal);
  self->event_series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_problem_free);
  self->start_time = NAN;
  return self;
}

CvgRun *
cvg_run_new (const char *name,
             const char *path)
{
  return run_new_named (cvg_utf8_escape (name, -1), path);
}

CvgRun *
cvg_run_new_like (CvgRun *other)
{
  return run_new_named (g_strdup (other->name), other->path);
}

CvgRun *
cvg_run_ref (CvgRun *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cvg_run_unref (CvgRun *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->summary_series);
  g_hash_table_unref (self->event_series);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->problems);
  g_free (self->file_version);
  g_free (self->name);
  g_free (self->path);
  g_free (self);
}

const char *
cvg_run_get_name (CvgRun *self)
{
  return self->name;
}

const char *
cvg_run_get_path (CvgRun *self)
{
  return self->path;
}

static int
compare_file_names (gconstpointer a,
                    gconstpointer b)
{
  g_autofree char *name_a = g_path_get_basename (cvg_record_file_get_path (*(CvgRecordFile **) a));
  g_autofree char *name_b = g_path_get_basename (cvg_record_file_get_path (*(CvgRecordFile **) b));

  return strcmp (name_a, name_b);
}

void
cvg_run_add_file (CvgRun     *self,
                  const char *path)
{
  for (guint i = 0; i < self->files->len; i++)
    if (g_str_equal (cvg_record_file_get_path (g_ptr_array_index (self->files, i)), path))
      return;

  g_ptr_array_add (self->files, cvg_record_file_new (path));
  g_ptr_array_sort (self->files, compare_file_names);
}

guint
cvg_run_get_n_files (CvgRun *self)
{
  return self->files->len;
}

void
cvg_run_add_problem (CvgRun         *self,
                     guint64         offset,
                     CvgIoErrorCode  code,
                     const char     *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->problems, cvg_problem_new (self->current_path, offset, code, message));
}

static void
record_cb (const guint8 *data,
           gsize         len,
           guint64       offset,
           gpointer      user_data)
{
  CvgRun *self = user_data;

  self->n_records++;
  self->n_bytes += len + CVG_TFRECORD_HEADER_SIZE + CVG_TFRECORD_FOOTER_SIZE;
  cvg_run_decode_record (self, data, len, offset);
}

static void
problem_cb (CvgIoErrorCode  code,
            guint64         offset,
            const char     *message,
            gpointer        user_data)
{
  CvgRun *self = user_data;

  g_ptr_array_add (self->problems, cvg_problem_new (self->current_path, offset, code, message));
}

gboolean
cvg_run_read (CvgRun *self)
{
  guint64 records_before = self->n_records;

  for (guint i = 0; i < self->files->len && !g_atomic_int_get (&self->cancelled); i++)
    {
      CvgRecordFile *file = g_ptr_array_index (self->files, i);
      g_autoptr(GError) error = NULL;

      /* Profiler markers (*.profile-empty) are read like any file: they
       * hold a version record and no data. */
      self->current_path = cvg_record_file_get_path (file);
      if (!cvg_record_file_read (file, record_cb, problem_cb, self, &error))
        cvg_run_add_problem (self, cvg_record_file_get_offset (file),
                             CVG_IO_ERROR_UNREADABLE, "%s", error->message);
    }
  self->current_path = NULL;

  return self->n_records > records_before;
}

GPtrArray *
cvg_run_get_series (CvgRun *self)
{
  return self->series;
}

CvgSeries *
cvg_run_lookup_series (CvgRun     *self,
                       CvgKind     kind,
                       const char *tag)
{
  g_autofree char *key = NULL;
  CvgSeries *series = g_hash_table_lookup (self->summary_series, tag);

  if (series != NULL && cvg_series_get_kind (series) == kind)
    return series;

  key = g_strdup_printf ("%d/%s", kind, tag);
  return g_hash_table_lookup (self->event_series, key);
}

GPtrArray *
cvg_run_get_problems (CvgRun *self)
{
  return self->problems;
}

guint64
cvg_run_get_n_records (CvgRun *self)
{
  return self->n_records;
}

guint64
cvg_run_get_n_bytes (CvgRun *self)
{
  return self->n_bytes;
}

double
cvg_run_get_start_time (CvgRun *self)
{
  return self->start_time;
}

const char *
cvg_run_get_file_version (CvgRun *self)
{
  return self->file_version;
}

gsize
cvg_run_get_memory_size (CvgRun *self)
{
  gsize size = sizeof *self;

  for (guint i = 0; i < self->series->len; i++)
    size += cvg_series_get_memory_size (g_ptr_array_index (self->series, i));
  /* Hash tables: a few pointers per entry. */
  size += (g_hash_table_size (self->summary_series) + g_hash_table_size (self->event_series)) * 4 * sizeof (gpointer);
  return size;
}

gboolean
cvg_run_read_some (CvgRun   *self,
                   guint64   max_bytes,
                   gboolean *more)
{
  guint64 records_before = self->n_records;

  *more = FALSE;
  for (guint i = 0; i < self->files->len && !*more && !g_atomic_int_get (&self->cancelled); i++)
    {
      CvgRecordFile *file = g_ptr_array_index (self->files, i);
      g_autoptr(GError) error = NULL;

      self->current_path = cvg_record_file_get_path (file);
      if (cvg_record_file_read_some (file, max_bytes, more, record_cb, problem_cb, self, &error))
        continue;
      /* The server went away: not the file's fault, and the next round
       * resumes at the same offset; the watcher says so once. */
      if (cvg_remote_is_uri (self->current_path) && cvg_remote_is_connection_error (error))
        {
          self->lost_connection = TRUE;
          break;
        }
      cvg_run_add_problem (self, cvg_record_file_get_offset (file),
                           CVG_IO_ERROR_UNREADABLE, "%s", error->message);
    }
  self->current_path = NULL;

  return self->n_records > records_before;
}

gboolean
cvg_run_take_lost_connection (CvgRun *self)
{
  gboolean lost = self->lost_connection;

  self->lost_connection = FALSE;
  return lost;
}

void
cvg_run_cancel (CvgRun *self)
{
  g_atomic_int_set (&self->cancelled, TRUE);
}

static gint
find_file (CvgRun     *self,
           const char *path)
{
  for (guint i = 0; i < self->files->len; i++)
    if (g_str_equal (cvg_record_file_get_path (g_ptr_array_index (self->files, i)), path))
      return (gint) i;
  return -1;
}

void
cvg_run_remove_file (CvgRun     *self,
                     const char *path)
{
  gint i = find_file (self, path);

  if (i >= 0)
    g_ptr_array_remove_index (self->files, i);
}

void
cvg_run_restart_file (CvgRun     *self,
                      const char *path)
{
  gint i = find_file (self, path);

  if (i < 0)
    return;
  cvg_record_file_free (g_ptr_array_index (self->files, i));
  g_ptr_array_index (self->files, i) = cvg_record_file_new (path);
}

void
cvg_run_add_notice (CvgRun         *self,
                    const char     *path,
                    CvgIoErrorCode  code,
                    const char     *message)
{
  g_ptr_array_add (self->problems, cvg_problem_new (path, 0, code, message));
}

CvgRun *
cvg_run_steal_delta (CvgRun *self)
{
  CvgRun *delta;

  if (self->n_records == self->n_records_posted && self->problems->len == 0 &&
      self->series->len == self->n_series_posted)
    return NULL;

  delta = cvg_run_new_like (self);
  for (guint i = 0; i < self->series->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (self->series, i);

      if (i >= self->n_series_posted || cvg_series_get_length (series) > 0 ||
          cvg_series_get_n_cuts (series) > 0)
        g_ptr_array_add (delta->series, cvg_series_steal (series));
    }
  self->n_series_posted = self->series->len;

  g_ptr_array_extend_and_steal (delta->problems, g_steal_pointer (&self->problems));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_problem_free);

  delta->n_records = self->n_records - self->n_records_posted;
  delta->n_bytes = self->n_bytes - self->n_bytes_posted;
  self->n_records_posted = self->n_records;
  self->n_bytes_posted = self->n_bytes;
  delta->start_time = self->start_time;
  delta->file_version = g_strdup (self->file_version);
  return delta;
}

static void
adopt_series (CvgRun    *self,
              CvgSeries *series)
{
  g_ptr_array_add (self->series, series);
  if (cvg_series_get_encoding (series) == CVG_ENCODING_EVENT_FIELD)
    g_hash_table_insert (self->event_series,
                         g_strdup_printf ("%d/%s", cvg_series_get_kind (series), cvg_series_get_tag (series)),
                         series);
  else
    g_hash_table_insert (self->summary_series, (char *) cvg_series_get_tag (series), series);
}

static CvgSeries *
lookup_like (CvgRun    *self,
             CvgSeries *series)
{
  g_autofree char *key = NULL;

  if (cvg_series_get_encoding (series) != CVG_ENCODING_EVENT_FIELD)
    return g_hash_table_lookup (self->summary_series, cvg_series_get_tag (series));
  key = g_strdup_printf ("%d/%s", cvg_series_get_kind (series), cvg_series_get_tag (series));
  return g_hash_table_lookup (self->event_series, key);
}

void
cvg_run_merge (CvgRun    *self,
               CvgRun    *delta,
               GPtrArray *new_series)
{
  for (guint i = 0; i < delta->series->len; i++)
    {
      CvgSeries *more = g_ptr_array_index (delta->series, i);
      CvgSeries *series = lookup_like (self, more);

      if (series == NULL)
        {
          /* Its first points: moved whole, with no copy. */
          series = cvg_series_new (cvg_series_get_tag (more), cvg_series_get_kind (more),
                                   cvg_series_get_encoding (more));
          cvg_series_set_metadata (series, cvg_series_get_plugin_name (more),
                                   cvg_series_get_plugin_content (more),
                                   cvg_series_get_display_name (more),
                                   cvg_series_get_description (more));
          if (cvg_series_get_base (more) == 0)
            {
              cvg_series_free (series);
              series = g_steal_pointer (&g_ptr_array_index (delta->series, i));
              more = NULL;
            }
          adopt_series (self, series);
          if (new_series != NULL)
            g_ptr_array_add (new_series, series);
        }
      if (more != NULL)
        cvg_series_append_series (series, more);
    }

  g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&delta->problems));
  delta->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_problem_free);
  self->n_records += delta->n_records;
  self->n_bytes += delta->n_bytes;
  if (!isnan (delta->start_time) && !(self->start_time <= delta->start_time))
    self->start_time = delta->start_time;
  if (self->file_version == NULL && delta->file_version != NULL)
    self->file_version = g_strdup (delta->file_version);
}
