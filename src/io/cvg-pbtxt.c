/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pbtxt"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-pbtxt.h"

#include "cvg-io-error.h"

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  guint       n_fields;
} Parser;

void
cvg_pbtxt_field_free (CvgPbtxtField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field->value);
  g_clear_pointer (&field->fields, g_ptr_array_unref);
  g_free (field);
}

static CvgPbtxtField *
field_new (const char *name,
           gsize       len,
           gboolean    message)
{
  CvgPbtxtField *field = g_new0 (CvgPbtxtField, 1);

  field->name = g_strndup (name, len);
  if (message)
    field->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_pbtxt_field_free);
  return field;
}

static gboolean
fail (Parser      *parser,
      GError     **error,
      const char  *what)
{
  g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
               _("Line %u: %s"), parser->line, what);
  return FALSE;
}

static gpointer
fail_null (Parser     *parser,
           GError    **error,
           const char *what)
{
  fail (parser, error, what);
  return NULL;
}

/* Whitespace, `#` comments and the optional `,` `;` separators. */
static void
skip_blank (Parser *parser)
{
  while (parser->p < parser->end)
    {
      char c = *parser->p;

      if (c == '\n')
        parser->line++;
      if (c == '#')
        {
          while (parser->p < parser->end && *parser->p != '\n')
            parser->p++;
          continue;
        }
      if (!g_ascii_isspace (c) && c != ',' && c != ';')
        return;
      parser->p++;
    }
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-' || c == '+';
}

static gsize
scan_word (Parser *parser)
{
  const char *start = parser->p;

  while (parser->p < parser->end && is_word_char (*parser->p))
    parser->p++;
  return parser->p - start;
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* One quoted string, its escapes undone, appended to @out. */
static gboolean
scan_string (Parser   *parser,
             GString  *out,
             GError  **error)
{
  char quote = *parser->p++;

  while (parser->p < parser->end && *parser->p != quote)
    {
      char c = *parser->p++;

      if (c == '\n')
        return fail (parser, error, _("a string runs past the end of its line"));
      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      if (parser->p >= parser->end)
        break;
      c = *parser->p++;
      switch (c)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'x':
          {
            int value = 0, digits = 0, d;

            while (digits < 2 && parser->p < parser->end && (d = hex_value (*parser->p)) >= 0)
              value = value * 16 + d, parser->p++, digits++;
            if (digits == 0)
              return fail (parser, error, _("\\x without hex digits"));
            g_string_append_c (out, (char) value);
            break;
          }
        default:
          if (c >= '0' && c <= '7')
            {
              int value = c - '0', digits = 1;

              while (digits < 3 && parser->p < parser->end && *parser->p >= '0' && *parser->p <= '7')
                value = value * 8 + (*parser->p++ - '0'), digits++;
              g_string_append_c (out, (char) value);
            }
          else
            g_string_append_c (out, c);  /* \\ \" \' \? */
        }
    }
  if (parser->p >= parser->end)
    return fail (parser, error, _("a string has no closing quote"));
  parser->p++;
  return TRUE;
}

/* A scalar: adjacent quoted strings joined, or a bare word (number,
 * enum, bool). */
static char *
scan_scalar (Parser  *parser,
             GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len;

  if (parser->p < parser->end && (*parser->p == '"' || *parser->p == '\''))
    {
      while (parser->p < parser->end && (*parser->p == '"' || *parser->p == '\''))
        {
          if (!scan_string (parser, out, error))
            return NULL;
          while (parser->p < parser->end && (*parser->p == ' ' || *parser->p == '\t'))
            parser->p++;
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  len = scan_word (parser);
  if (len == 0)
    {
      fail (parser, error, _("a value is missing"));
      return NULL;
    }
  return g_strndup (parser->p - len, len);
}

static gboolean
count_field (Parser  *parser,
             GError **error)
{
  if (++parser->n_fields > CVG_PBTXT_MAX_FIELDS)
    return fail (parser, error, _("too many fields"));
  return TRUE;
}

/* `name: value`, `name: [v, …]`; the scalars are added to @message. */
static gboolean
parse_scalars (Parser        *parser,
               CvgPbtxtField *message,
               const char    *name,
               gsize          name_len,
               GError       **error)
{
  gboolean list = parser->p < parser->end && *parser->p == '[';

  if (list)
    parser->p++;
  do
    {
      CvgPbtxtField *field;
      char *value;

      skip_blank (parser);
      if (list && parser->p < parser->end && *parser->p == ']')
        break;
      if (!count_field (parser, error) || (value = scan_scalar (parser, error)) == NULL)
        return FALSE;
      field = field_new (name, name_len, FALSE);
      field->value = value;
      g_ptr_array_add (message->fields, field);
      skip_blank (parser);
    }
  while (list && parser->p < parser->end && *parser->p != ']');
  if (list)
    {
      if (parser->p >= parser->end)
        return fail (parser, error, _("a list has no closing bracket"));
      parser->p++;
    }
  return TRUE;
}

CvgPbtxtField *
cvg_pbtxt_parse (const char  *text,
                 gsize        len,
                 GError     **error)
{
  Parser parser = { text, text + len, 1, 0 };
  g_autoptr(CvgPbtxtField) root = NULL;
  /* the open messages, innermost last; and the closing bracket of each */
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) closers = g_string_new (NULL);

  if (len > CVG_PBTXT_MAX_SIZE)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   _("%zu bytes, more than the %d a text proto may have"),
                   len, CVG_PBTXT_MAX_SIZE);
      return NULL;
    }
  root = field_new ("", 0, TRUE);
  g_ptr_array_add (stack, root);
  for (;;)
    {
      CvgPbtxtField *message = g_ptr_array_index (stack, stack->len - 1);
      const char *name;
      gsize name_len;

      skip_blank (&parser);
      if (parser.p >= parser.end)
        break;
      if (*parser.p == '}' || *parser.p == '>')
        {
          if (stack->len == 1 || *parser.p != closers->str[closers->len - 1])
            return fail_null (&parser, error, _("an unmatched closing bracket"));
          parser.p++;
          g_ptr_array_set_size (stack, stack->len - 1);
          g_string_truncate (closers, closers->len - 1);
          continue;
        }
      name = parser.p;
      name_len = scan_word (&parser);
      if (name_len == 0)
        return fail_null (&parser, error, _("a field name is missing"));
      skip_blank (&parser);
      if (parser.p < parser.end && *parser.p == ':')
        {
          parser.p++;
          skip_blank (&parser);
        }
      if (parser.p < parser.end && (*parser.p == '{' || *parser.p == '<'))
        {
          CvgPbtxtField *child;

          if (stack->len > CVG_PBTXT_MAX_DEPTH)
            return fail_null (&parser, error, _("messages nested too deep"));
          if (!count_field (&parser, error))
            return NULL;
          g_string_append_c (closers, *parser.p == '{' ? '}' : '>');
          parser.p++;
          child = field_new (name, name_len, TRUE);
          g_ptr_array_add (message->fields, child);
          g_ptr_array_add (stack, child);
        }
      else if (!parse_scalars (&parser, message, name, name_len, error))
        return NULL;
    }
  if (stack->len > 1)
    return fail_null (&parser, error, _("a message has no closing bracket"));
  return g_steal_pointer (&root);
}

const char *
cvg_pbtxt_get_string (const CvgPbtxtField *message,
                      const char          *name)
{
  for (guint i = message->fields->len; i > 0; i--)
    {
      const CvgPbtxtField *field = g_ptr_array_index (message->fields, i - 1);

      if (field->value != NULL && g_str_equal (field->name, name))
        return field->value;
    }
  return NULL;
}

GPtrArray *
cvg_pbtxt_get_all (const CvgPbtxtField *message,
                   const char          *name)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < message->fields->len; i++)
    {
      CvgPbtxtField *field = g_ptr_array_index (message->fields, i);

      if (g_str_equal (field->name, name))
        g_ptr_array_add (all, field);
    }
  return all;
}
