/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-embedding"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-embedding.h"

#define TSV_CHUNK       (1024 * 1024)
#define TSV_MAX_LINE    (64 * 1024 * 1024)
#define TEXT_SNIFF      4096
#define SHOWN_CELL      40

static void
find_nonfinite_rows (CvgEmbedding *self)
{
  for (gsize i = 0; i < self->n_points; i++)
    {
      const float *row = self->data + i * self->n_dims;

      for (guint j = 0; j < self->n_dims; j++)
        if (!isfinite (row[j]))
          {
            g_array_append_val (self->nonfinite_rows, i);
            break;
          }
    }
}

CvgEmbedding *
cvg_embedding_new (float *data,
                   guint  n_points,
                   guint  n_dims)
{
  CvgEmbedding *self = g_new0 (CvgEmbedding, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->data = data;
  self->n_points = n_points;
  self->n_dims = n_dims;
  self->nonfinite_rows = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->notices = g_ptr_array_new_with_free_func (g_free);
  find_nonfinite_rows (self);
  if (self->nonfinite_rows->len > 0)
    cvg_embedding_add_notice (self, ngettext ("%u point holds NaN or infinite values and is left out of projections (point %zu first).",
                                              "%u points hold NaN or infinite values and are left out of projections (point %zu first).",
                                              self->nonfinite_rows->len),
                              self->nonfinite_rows->len, g_array_index (self->nonfinite_rows, gsize, 0));
  return self;
}

CvgEmbedding *
cvg_embedding_ref (CvgEmbedding *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
clear_metadata (CvgEmbedding *self)
{
  if (self->cells != NULL)
    for (gsize i = 0; i < (gsize) self->n_points * self->n_columns; i++)
      g_free (self->cells[i]);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->column_names, g_strfreev);
  self->n_columns = 0;
}

void
cvg_embedding_unref (CvgEmbedding *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  clear_metadata (self);
  g_free (self->data);
  g_array_unref (self->nonfinite_rows);
  g_clear_pointer (&self->sprite, g_bytes_unref);
  g_ptr_array_unref (self->notices);
  g_free (self);
}

void
cvg_embedding_add_notice (CvgEmbedding *self,
                          const char   *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->notices, g_strdup_vprintf (format, args));
  va_end (args);
}

/* TSV tensors. */

typedef struct
{
  GArray  *values;
  guint    n_dims;     /* of the first row; 0 before it */
  guint64  line;
} TsvReader;

static char *
shown_cell (const char *cell,
            gsize       len)
{
  g_autofree char *cut = g_strndup (cell, MIN (len, SHOWN_CELL));

  return g_utf8_make_valid (cut, -1);
}

static gboolean
parse_line (TsvReader   *reader,
            const char  *line,
            gsize        len,
            const char  *path,
            GError     **error)
{
  guint n = 0;
  const char *p = line;
  const char *end = line + len;

  reader->line++;
  if (len > 0 && end[-1] == '\r')
    end--;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end)
    return TRUE;  /* blank */
  p = line;
  for (;;)
    {
      const char *tab = memchr (p, '\t', end - p);
      const char *cell_end = tab != NULL ? tab : end;
      g_autofree char *cell = g_strndup (p, cell_end - p);
      char *parsed_end;
      float value = (float) g_ascii_strtod (cell, &parsed_end);

      while (*parsed_end == ' ')
        parsed_end++;
      if (parsed_end == cell || *parsed_end != '\0')
        {
          g_autofree char *shown = shown_cell (p, cell_end - p);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s, line %" PRIu64 ", value %u: “%s” is not a number"),
                       path, reader->line, n + 1, shown);
          return FALSE;
        }
      g_array_append_val (reader->values, value);
      n++;
      if (tab == NULL)
        break;
      p = tab + 1;
    }
  if (reader->n_dims == 0)
    reader->n_dims = n;
  else if (n != reader->n_dims)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s, line %" PRIu64 ": %u values where the first row has %u"),
                   path, reader->line, n, reader->n_dims);
      return FALSE;
    }
  return TRUE;
}

/* Whole lines of @pending are parsed and dropped; a line longer than
 * TSV_MAX_LINE fails rather than growing without end. */
static gboolean
parse_lines (TsvReader   *reader,
             GString     *pending,
             gboolean     at_end,
             const char  *path,
             GError     **error)
{
  gsize start = 0;

  for (;;)
    {
      const char *nl = memchr (pending->str + start, '\n', pending->len - start);
      gsize line_end = nl != NULL ? (gsize) (nl - pending->str) : pending->len;

      if (nl == NULL && !at_end)
        break;
      if (!parse_line (reader, pending->str + start, line_end - start, path, error))
        return FALSE;
      if (nl == NULL)
        {
          start = pending->len;
          break;
        }
      start = line_end + 1;
    }
  g_string_erase (pending, 0, start);
  if (pending->len > TSV_MAX_LINE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s, line %" PRIu64 ": longer than %d bytes"),
                   path, reader->line + 1, TSV_MAX_LINE);
      return FALSE;
    }
  return TRUE;
}

CvgEmbedding *
cvg_embedding_new_from_tsv (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (float));
  g_autofree char *buffer = g_malloc (TSV_CHUNK);
  TsvReader reader = { values, 0, 0 };
  gsize n_rows;

  if (stream == NULL)
    return NULL;
  for (;;)
    {
      gssize got = g_input_stream_read (G_INPUT_STREAM (stream), buffer, TSV_CHUNK, cancellable, error);

      if (got < 0)
        return NULL;
      g_string_append_len (pending, buffer, got);
      if (!parse_lines (&reader, pending, got == 0, path, error))
        return NULL;
      if (got == 0)
        break;
    }
  n_rows = reader.n_dims > 0 ? values->len / reader.n_dims : 0;
  if (n_rows == 0 || n_rows > G_MAXUINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   n_rows == 0 ? _("%s holds no values") : _("%s has too many rows"), path);
      return NULL;
    }
  return cvg_embedding_new ((float *) g_array_free (g_steal_pointer (&values), FALSE),
                            (guint) n_rows, reader.n_dims);
}

CvgEmbedding *
cvg_embedding_new_from_raw (const char    *path,
                            guint          n_points,
                            guint          n_dims,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree float *data = NULL;
  gsize n_bytes = (gsize) n_points * n_dims * sizeof (float);
  gsize n_read;

  if (n_points == 0 || n_dims == 0 || n_bytes / n_dims / sizeof (float) != n_points)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: the tensor shape is empty or too large"), path);
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error);
  if (info == NULL)
    return NULL;
  /* Allocate from the shape only once the file is known to hold it. */
  if ((guint64) g_file_info_get_size (info) != n_bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s holds %" PRId64 " bytes, not the %zu of a %u × %u float32 tensor"),
                   path, g_file_info_get_size (info), n_bytes, n_points, n_dims);
      return NULL;
    }
  data = g_try_malloc (n_bytes);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("%s: not enough memory for the tensor"), path);
      return NULL;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, n_bytes, &n_read, cancellable, error))
    return NULL;
  if (n_read != n_bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, _("%s was cut short while read"), path);
      return NULL;
    }
#if G_BYTE_ORDER == G_BIG_ENDIAN
  for (gsize i = 0; i < (gsize) n_points * n_dims; i++)
    {
      guint32 bits;

      memcpy (&bits, &data[i], 4);
      bits = GUINT32_SWAP_LE_BE (bits);
      memcpy (&data[i], &bits, 4);
    }
#endif
  return cvg_embedding_new (g_steal_pointer (&data), n_points, n_dims);
}

static gboolean
starts_as_text (const char    *path,
                GCancellable  *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  char buffer[TEXT_SNIFF];
  gsize n = 0;
  const char *end;

  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, sizeof buffer, &n, cancellable, NULL))
    return TRUE;  /* the TSV reader says why */
  /* A character cut at the end of the sniffed bytes is still text. */
  return g_utf8_validate (buffer, n, &end) || (gsize) (end - buffer) + 4 > n;
}

CvgEmbedding *
cvg_embedding_new_from_file (const char    *path,
                             guint          n_points,
                             guint          n_dims,
                             GCancellable  *cancellable,
                             GError       **error)
{
  if (n_points > 0 && n_dims > 0 && !starts_as_text (path, cancellable))
    return cvg_embedding_new_from_raw (path, n_points, n_dims, cancellable, error);
  return cvg_embedding_new_from_tsv (path, cancellable, error);
}

/* Metadata. */

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static void
store_row (CvgEmbedding *self,
           guint         point,
           const char   *line)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", self->n_columns);

  for (guint c = 0; c < self->n_columns && cells[c] != NULL; c++)
    {
      gsize len = strlen (cells[c]);

      if (len > 0 && cells[c][len - 1] == '\r')
        cells[c][--len] = '\0';
      if (len > 0)
        self->cells[(gsize) point * self->n_columns + c] = g_utf8_make_valid (cells[c], len);
    }
}

gboolean
cvg_embedding_set_metadata (CvgEmbedding  *self,
                            const char    *text,
                            gsize          len,
                            GError       **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(GStrv) header = NULL;
  guint n_columns;
  g_autofree char *count = NULL;

  clear_metadata (self);
  if (len > CVG_EMBEDDING_MAX_METADATA)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The metadata is larger than %d bytes."),
                   CVG_EMBEDDING_MAX_METADATA);
      return FALSE;
    }
  copy = g_strndup (text, len);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!is_blank (lines[i]))
      g_ptr_array_add (rows, lines[i]);
  if (rows->len > 0 && strchr (g_ptr_array_index (rows, 0), '\t') != NULL)
    {
      g_autofree char *first = g_strchomp (g_strdup (g_ptr_array_index (rows, 0)));

      header = g_strsplit (first, "\t", CVG_EMBEDDING_MAX_COLUMNS);
      g_ptr_array_remove_index (rows, 0);
    }
  n_columns = header != NULL ? g_strv_length (header) : 1;
  count = g_strdup_printf (_("Number of tensors (%u) do not match the number of lines in metadata (%u)."),
                           self->n_points, rows->len);
  if (rows->len != self->n_points)
    {
      const char *why = NULL;

      if (n_columns == 1 && rows->len == (guint64) self->n_points + 1)
        why = _("Single column metadata should not have a header row.");
      else if (n_columns > 1 && rows->len + 1 == self->n_points)
        why = _("Multi-column metadata should have a header row with column labels.");
      if (why != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s %s", count, why);
          return FALSE;
        }
      cvg_embedding_add_notice (self, "%s", count);
    }
  self->n_columns = n_columns;
  self->column_names = header != NULL ? g_steal_pointer (&header) : g_strdupv ((char *[]) { (char *) "label", NULL });
  for (guint c = 0; c < n_columns; c++)
    if (!g_utf8_validate (self->column_names[c], -1, NULL))
      {
        char *valid = g_utf8_make_valid (self->column_names[c], -1);

        g_free (self->column_names[c]);
        self->column_names[c] = valid;
      }
  self->cells = g_new0 (char *, (gsize) self->n_points * n_columns);
  for (guint i = 0; i < MIN (rows->len, self->n_points); i++)
    store_row (self, i, g_ptr_array_index (rows, i));
  return TRUE;
}

const char *
cvg_embedding_get_cell (CvgEmbedding *self,
                        guint         point,
                        guint         column)
{
  if (point >= self->n_points || column >= self->n_columns)
    return NULL;
  return self->cells[(gsize) point * self->n_columns + column];
}

static gboolean
is_number (const char *text)
{
  char *end;

  g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

gboolean
cvg_embedding_column_is_numeric (CvgEmbedding *self,
                                 guint         column)
{
  for (guint i = 0; i < self->n_points; i++)
    {
      const char *cell = cvg_embedding_get_cell (self, i, column);

      if (cell != NULL && !is_number (cell))
        return FALSE;
    }
  return column < self->n_columns;
}

guint
cvg_embedding_column_count_distinct (CvgEmbedding *self,
                                     guint         column,
                                     guint         limit)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->n_points && g_hash_table_size (seen) <= limit; i++)
    {
      const char *cell = cvg_embedding_get_cell (self, i, column);

      if (cell != NULL)
        g_hash_table_add (seen, (gpointer) cell);
    }
  return g_hash_table_size (seen);
}

GArray *
cvg_embedding_match (CvgEmbedding *self,
                     guint         column,
                     const GRegex *regex)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->n_points; i++)
    {
      const char *cell = cvg_embedding_get_cell (self, i, column);

      if (cell != NULL && g_regex_match (regex, cell, 0, NULL))
        g_array_append_val (points, i);
    }
  return points;
}

/* Sprites. */

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static guint32
be32_at (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

gboolean
cvg_embedding_set_sprite (CvgEmbedding  *self,
                          GBytes        *png,
                          guint          width,
                          guint          height,
                          GError       **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  guint32 atlas_width, atlas_height;
  guint64 n_cells;

  /* The IHDR chunk comes first: its size is known without decoding. */
  if (len < 24 || memcmp (data, png_signature, 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The sprite image is not a PNG file."));
      return FALSE;
    }
  atlas_width = be32_at (data + 16);
  atlas_height = be32_at (data + 20);
  if (atlas_width > CVG_EMBEDDING_MAX_SPRITE_PX || atlas_height > CVG_EMBEDDING_MAX_SPRITE_PX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The sprite image is %u × %u pixels, larger than %d a side."),
                   atlas_width, atlas_height, CVG_EMBEDDING_MAX_SPRITE_PX);
      return FALSE;
    }
  if (width == 0 || height == 0 || width > atlas_width || height > atlas_height)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The sprite’s single image size %u × %u does not fit its %u × %u atlas."),
                   width, height, atlas_width, atlas_height);
      return FALSE;
    }
  n_cells = (guint64) (atlas_width / width) * (atlas_height / height);
  if (n_cells < self->n_points)
    cvg_embedding_add_notice (self, _("The sprite holds %" PRIu64 " images for %u points; the others have none."),
                              n_cells, self->n_points);
  g_clear_pointer (&self->sprite, g_bytes_unref);
  self->sprite = g_bytes_ref (png);
  self->sprite_width = width;
  self->sprite_height = height;
  return TRUE;
}

guint *
cvg_embedding_finite_rows (CvgEmbedding *self,
                           guint        *n_rows)
{
  guint n = self->n_points - self->nonfinite_rows->len;
  guint *rows = g_new (guint, MAX (n, 1));
  guint next_bad = 0, k = 0;

  for (guint i = 0; i < self->n_points; i++)
    {
      if (next_bad < self->nonfinite_rows->len && g_array_index (self->nonfinite_rows, gsize, next_bad) == i)
        next_bad++;
      else
        rows[k++] = i;
    }
  *n_rows = n;
  return rows;
}

float *
cvg_embedding_pack_finite (CvgEmbedding  *self,
                           guint         *n_rows,
                           guint        **rows)
{
  float *packed;

  *rows = cvg_embedding_finite_rows (self, n_rows);
  packed = g_new (float, (gsize) MAX (*n_rows, 1) * self->n_dims);
  for (guint k = 0; k < *n_rows; k++)
    memcpy (packed + (gsize) k * self->n_dims, self->data + (gsize) (*rows)[k] * self->n_dims,
            sizeof (float) * self->n_dims);
  return packed;
}
