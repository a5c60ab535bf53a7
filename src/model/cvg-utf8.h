/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names read from logs (tags, run folders) are bytes. This makes them
 * valid UTF-8 without merging distinct names: valid characters stay as
 * they are, a backslash becomes `\\` and each byte that is not part of
 * valid UTF-8 becomes `\xHH` (two lowercase hex digits), so the mapping
 * can be reversed. Used by every export and by every chart for display.
 * @len: bytes of @text, or -1 when nul-terminated. */
char *cvg_utf8_escape (const char *text,
                       gssize      len);

G_END_DECLS
