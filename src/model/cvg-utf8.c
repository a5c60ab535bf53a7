/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-utf8"

#include "config.h"

#include "cvg-utf8.h"

#include <string.h>

char *
cvg_utf8_escape (const char *text,
                 gssize      len)
{
  const char *end;
  GString *out;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len == 0)
    return g_strdup ("");
  if (len < 0)
    len = strlen (text);
  /* Nearly every name: valid, no backslash, copied as it is. */
  if (g_utf8_validate_len (text, len, NULL) && memchr (text, '\\', len) == NULL)
    return g_strndup (text, len);

  out = g_string_sized_new (len + 16);
  end = text + len;
  while (text < end)
    {
      const char *valid_end;

      g_utf8_validate_len (text, end - text, &valid_end);
      for (const char *p = text; p < valid_end; p++)
        {
          if (*p == '\\')
            g_string_append (out, "\\\\");
          else
            g_string_append_c (out, *p);
        }
      if (valid_end < end)
        g_string_append_printf (out, "\\x%02x", (guchar) *valid_end++);
      text = valid_end;
    }
  return g_string_free (out, FALSE);
}
