/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Markdown from a log, turned into blocks of Pango markup that a page
 * shows one label each. Text from a log is data: every character of it
 * is escaped, raw HTML stays literal text, images become their alt text
 * and address (nothing is ever fetched), and only http, https and mailto
 * links become <a href>. Parsed with md4c (CommonMark with GitHub's
 * tables and strikethrough). */

typedef enum
{
  CVG_MARKDOWN_PARAGRAPH,
  CVG_MARKDOWN_HEADING,     /* level 1–6 */
  CVG_MARKDOWN_ITEM,        /* a list item's text, its bullet or number first */
  CVG_MARKDOWN_CODE,        /* monospace, whitespace kept */
  CVG_MARKDOWN_RULE,
  CVG_MARKDOWN_TABLE,       /* cells, row by row */
  CVG_MARKDOWN_NOTICE,      /* ours: what was left out */
} CvgMarkdownBlockType;

typedef struct
{
  CvgMarkdownBlockType  type;
  guint                 level;      /* heading level */
  guint                 indent;     /* list nesting, at most CVG_MARKDOWN_MAX_INDENT */
  guint                 quote;      /* block quote nesting, likewise bounded */
  char                 *markup;     /* NULL for rules and tables */
  guint                 n_columns;  /* tables */
  guint                 n_header_rows;
  GPtrArray            *cells;      /* tables: markup of each cell */
} CvgMarkdownBlock;

/* Bounds that keep a hostile entry cheap to show. */
#define CVG_MARKDOWN_MAX_SOURCE    (16 * 1024)  /* bytes of an entry rendered */
#define CVG_MARKDOWN_MAX_BLOCKS    64
#define CVG_MARKDOWN_MAX_ROWS      200
#define CVG_MARKDOWN_MAX_COLUMNS   64
#define CVG_MARKDOWN_MAX_INDENT    8

void       cvg_markdown_block_free (gpointer     block);

/* Blocks of CvgMarkdownBlock for @len bytes of @text (any bytes: invalid
 * UTF-8 is replaced, NUL too). Past the bounds above a NOTICE block says
 * what was left out. Case-insensitive matches of @highlight (NULL or ""
 * for none) are marked with the "highlight" Pango background. */
GPtrArray *cvg_markdown_to_blocks  (const char  *text,
                                    gsize        len,
                                    const char  *highlight);

/* TRUE for the schemes a click may open: http, https, mailto. */
gboolean   cvg_markdown_uri_is_safe (const char *uri);

G_END_DECLS
