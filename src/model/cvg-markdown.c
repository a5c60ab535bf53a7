/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-markdown"

#include "config.h"

#include "cvg-markdown.h"

#include "cvg-text.h"

#include <glib/gi18n.h>
#include <md4c.h>
#include <string.h>

/* Readable on light and dark backgrounds alike: the text colour is set too. */
#define HIGHLIGHT_OPEN  "<span background=\"#f6d32d\" foreground=\"#000000\">"
#define HIGHLIGHT_CLOSE "</span>"

/* Lists and quotes nest deeper than anyone reads; the counters past the
 * bound are dropped, the nesting still counted. */
#define MAX_LISTS 32

typedef struct
{
  GPtrArray        *blocks;
  CvgMarkdownBlock *block;       /* being filled, or NULL */
  GString          *cell;        /* the table cell being filled, or NULL */
  gboolean          has_text;    /* the block has text past its bullet */
  guint             quote;
  guint             n_lists;
  guint             list_next[MAX_LISTS];   /* next number; 0 for bullets */
  guint             n_rows;      /* rows of the table being filled */
  guint             image;       /* inside an image: its alt text */
  char             *image_src;
  guint             link_depth;
  guint64           link_open;   /* bit per link depth: was it opened as <a> */
  const char       *highlight;
  gboolean          truncated;
} Converter;

void
cvg_markdown_block_free (gpointer data)
{
  CvgMarkdownBlock *block = data;

  g_free (block->markup);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_free (block);
}

gboolean
cvg_markdown_uri_is_safe (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static GString *
out (Converter *c)
{
  if (c->cell != NULL)
    return c->cell;
  if (c->block != NULL && c->block->type != CVG_MARKDOWN_TABLE)
    return (GString *) c->block->markup;
  return NULL;
}

/* @text escaped, with the matches of the search marked. */
static void
append_escaped (Converter  *c,
                GString    *s,
                const char *text,
                gsize       len)
{
  gsize hl_len = c->highlight != NULL ? strlen (c->highlight) : 0;
  gsize start = 0;

  for (gsize i = 0; hl_len > 0 && i + hl_len <= len; i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *match = NULL;

      if (g_ascii_strncasecmp (text + i, c->highlight, hl_len) != 0)
        continue;
      before = g_markup_escape_text (text + start, i - start);
      match = g_markup_escape_text (text + i, hl_len);
      g_string_append (s, before);
      g_string_append_printf (s, HIGHLIGHT_OPEN "%s" HIGHLIGHT_CLOSE, match);
      start = i + hl_len;
      i = start - 1;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + start, len - start);

    g_string_append (s, rest);
  }
}

static void
flush_block (Converter *c)
{
  CvgMarkdownBlock *block = g_steal_pointer (&c->block);
  GString *markup;

  if (block == NULL)
    return;
  markup = (GString *) block->markup;
  block->markup = markup != NULL ? g_string_free (markup, FALSE) : NULL;
  if (block->type == CVG_MARKDOWN_CODE && block->markup != NULL)
    g_strchomp (block->markup);
  if (c->blocks->len >= CVG_MARKDOWN_MAX_BLOCKS)
    {
      c->truncated = TRUE;
      cvg_markdown_block_free (block);
      return;
    }
  g_ptr_array_add (c->blocks, block);
}

/* Block markup is a GString until flush_block () makes it a string. */
static void
start_block (Converter            *c,
             CvgMarkdownBlockType  type)
{
  flush_block (c);
  c->block = g_new0 (CvgMarkdownBlock, 1);
  c->block->type = type;
  c->block->indent = MIN (c->n_lists > 0 ? c->n_lists - 1 : 0, CVG_MARKDOWN_MAX_INDENT);
  c->block->quote = MIN (c->quote, CVG_MARKDOWN_MAX_INDENT);
  if (type == CVG_MARKDOWN_TABLE)
    c->block->cells = g_ptr_array_new_with_free_func (g_free);
  else if (type != CVG_MARKDOWN_RULE)
    c->block->markup = (char *) g_string_new (NULL);
  c->has_text = FALSE;
}

static void
start_item (Converter *c)
{
  guint *next = c->n_lists > 0 && c->n_lists <= MAX_LISTS ? &c->list_next[c->n_lists - 1] : NULL;

  start_block (c, CVG_MARKDOWN_ITEM);
  if (next != NULL && *next > 0)
    g_string_append_printf ((GString *) c->block->markup, "%u. ", (*next)++);
  else
    g_string_append ((GString *) c->block->markup, "• ");
}

static void
enter_table (Converter                  *c,
             const MD_BLOCK_TABLE_DETAIL *detail)
{
  start_block (c, CVG_MARKDOWN_TABLE);
  c->block->n_columns = MIN (detail->col_count, CVG_MARKDOWN_MAX_COLUMNS);
  c->block->n_header_rows = detail->head_row_count;
  c->n_rows = 0;
}

static int
enter_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Converter *c = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      flush_block (c);
      c->quote++;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      flush_block (c);
      if (c->n_lists < MAX_LISTS)
        c->list_next[c->n_lists] = type == MD_BLOCK_OL ? MAX (((MD_BLOCK_OL_DETAIL *) detail)->start, 1) : 0;
      c->n_lists++;
      break;
    case MD_BLOCK_LI:
      start_item (c);
      break;
    case MD_BLOCK_HR:
      start_block (c, CVG_MARKDOWN_RULE);
      flush_block (c);
      break;
    case MD_BLOCK_H:
      start_block (c, CVG_MARKDOWN_HEADING);
      c->block->level = CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 6);
      break;
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
      start_block (c, CVG_MARKDOWN_CODE);
      break;
    case MD_BLOCK_P:
      /* A loose list item's first paragraph goes on its bullet's line. */
      if (c->block == NULL || c->block->type != CVG_MARKDOWN_ITEM || c->has_text)
        start_block (c, CVG_MARKDOWN_PARAGRAPH);
      break;
    case MD_BLOCK_TABLE:
      enter_table (c, detail);
      break;
    case MD_BLOCK_TR:
      c->n_rows++;
      if (c->n_rows > CVG_MARKDOWN_MAX_ROWS)
        c->truncated = TRUE;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      c->cell = g_string_new (type == MD_BLOCK_TH ? "<b>" : NULL);
      break;
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    default:
      break;
    }
  return 0;
}

static void
leave_cell (Converter *c,
            gboolean   header)
{
  GString *cell = g_steal_pointer (&c->cell);
  CvgMarkdownBlock *table = c->block;

  if (header)
    g_string_append (cell, "</b>");
  /* Cells past the bounds are parsed but not kept; md4c pads short rows. */
  if (table != NULL && table->type == CVG_MARKDOWN_TABLE && c->n_rows <= CVG_MARKDOWN_MAX_ROWS &&
      table->cells->len < c->n_rows * table->n_columns)
    g_ptr_array_add (table->cells, g_string_free (cell, FALSE));
  else
    g_string_free (cell, TRUE);
}

static int
leave_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Converter *c = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      flush_block (c);
      c->quote--;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      flush_block (c);
      c->n_lists--;
      break;
    case MD_BLOCK_LI:
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
    case MD_BLOCK_TABLE:
      flush_block (c);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (c->cell != NULL)
        leave_cell (c, type == MD_BLOCK_TH);
      break;
    default:
      break;
    }
  return 0;
}

static char *
attribute_dup (const MD_ATTRIBUTE *attr)
{
  return g_strndup (attr->text, attr->size);
}

static void
enter_link (Converter             *c,
            GString               *s,
            const MD_SPAN_A_DETAIL *detail)
{
  g_autofree char *href = attribute_dup (&detail->href);
  gboolean open = c->link_depth == 0 && cvg_markdown_uri_is_safe (href);

  /* Pango does not nest links; an unsafe one is plain text. */
  if (open)
    {
      g_autofree char *escaped = g_markup_escape_text (href, -1);

      g_string_append_printf (s, "<a href=\"%s\">", escaped);
    }
  if (c->link_depth < 64)
    c->link_open = open ? c->link_open | (G_GUINT64_CONSTANT (1) << c->link_depth)
                        : c->link_open & ~(G_GUINT64_CONSTANT (1) << c->link_depth);
  c->link_depth++;
}

static void
leave_link (Converter *c,
            GString   *s)
{
  c->link_depth--;
  if (c->link_depth < 64 && (c->link_open & (G_GUINT64_CONSTANT (1) << c->link_depth)) != 0)
    g_string_append (s, "</a>");
}

static const char *
span_tag (MD_SPANTYPE type)
{
  switch (type)
    {
    case MD_SPAN_EM: return "i";
    case MD_SPAN_STRONG: return "b";
    case MD_SPAN_CODE: return "tt";
    case MD_SPAN_DEL: return "s";
    case MD_SPAN_U: return "u";
    default: return NULL;
    }
}

static int
enter_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Converter *c = user_data;
  GString *s = out (c);

  if (s == NULL)
    return 0;
  if (type == MD_SPAN_A)
    enter_link (c, s, detail);
  else if (type == MD_SPAN_IMG)
    {
      /* Never fetched: the alt text and the address, as text. */
      if (c->image++ == 0)
        {
          c->image_src = attribute_dup (&((MD_SPAN_IMG_DETAIL *) detail)->src);
          g_string_append (s, "<i>[");
          append_escaped (c, s, _("image"), strlen (_("image")));
          g_string_append (s, ": ");
        }
    }
  else if (c->image == 0 && span_tag (type) != NULL)
    g_string_append_printf (s, "<%s>", span_tag (type));
  return 0;
}

static int
leave_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Converter *c = user_data;
  GString *s = out (c);

  if (s == NULL)
    return 0;
  if (type == MD_SPAN_A)
    leave_link (c, s);
  else if (type == MD_SPAN_IMG)
    {
      if (--c->image == 0)
        {
          g_string_append (s, " (");
          append_escaped (c, s, c->image_src, strlen (c->image_src));
          g_string_append (s, ")]</i>");
          g_clear_pointer (&c->image_src, g_free);
        }
    }
  else if (c->image == 0 && span_tag (type) != NULL)
    g_string_append_printf (s, "</%s>", span_tag (type));
  return 0;
}

/* The few entities logs use; any other stays as written. */
static char *
decode_entity (const char *text,
               gsize       len)
{
  static const struct { const char *name; const char *value; } named[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", "\u00a0" },
  };
  g_autofree char *entity = g_strndup (text, len);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strcmp (entity, named[i].name) == 0)
      return g_strdup (named[i].value);
  if (len > 3 && entity[1] == '#')
    {
      gboolean hex = entity[2] == 'x' || entity[2] == 'X';
      guint64 code = g_ascii_strtoull (entity + (hex ? 3 : 2), NULL, hex ? 16 : 10);
      char utf8[8] = { 0 };

      if (code > 0 && code <= 0x10FFFF && g_unichar_validate ((gunichar) code))
        {
          g_unichar_to_utf8 ((gunichar) code, utf8);
          return g_strdup (utf8);
        }
    }
  return g_steal_pointer (&entity);
}

static int
text_cb (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Converter *c = user_data;
  GString *s = out (c);

  if (s == NULL)
    return 0;
  c->has_text = TRUE;
  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      g_string_append (s, "\uFFFD");
      break;
    case MD_TEXT_BR:
      g_string_append_c (s, '\n');
      break;
    case MD_TEXT_SOFTBR:
      g_string_append_c (s, c->block != NULL && c->block->type == CVG_MARKDOWN_CODE ? '\n' : ' ');
      break;
    case MD_TEXT_ENTITY:
      {
        g_autofree char *decoded = decode_entity (text, size);

        append_escaped (c, s, decoded, strlen (decoded));
      }
      break;
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      append_escaped (c, s, text, size);
      break;
    }
  return 0;
}

static void
add_notice (GPtrArray  *blocks,
            const char *text)
{
  CvgMarkdownBlock *notice = g_new0 (CvgMarkdownBlock, 1);

  notice->type = CVG_MARKDOWN_NOTICE;
  notice->markup = g_markup_escape_text (text, -1);
  g_ptr_array_add (blocks, notice);
}

GPtrArray *
cvg_markdown_to_blocks (const char *text,
                        gsize       len,
                        const char *highlight)
{
  static const MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS,
    .enter_block = enter_block_cb,
    .leave_block = leave_block_cb,
    .enter_span = enter_span_cb,
    .leave_span = leave_span_cb,
    .text = text_cb,
  };
  Converter c = { .blocks = g_ptr_array_new_with_free_func (cvg_markdown_block_free) };
  g_autofree char *valid = NULL;
  gsize n = MIN (len, CVG_MARKDOWN_MAX_SOURCE);

  g_return_val_if_fail (text != NULL || len == 0, c.blocks);

  /* Cut on a character boundary, then replace what is not UTF-8. */
  while (n > 0 && n < len && (text[n] & 0xc0) == 0x80)
    n--;
  valid = cvg_text_make_valid ((const guint8 *) text, n);
  c.highlight = highlight != NULL && highlight[0] != '\0' ? highlight : NULL;

  md_parse (valid, (MD_SIZE) strlen (valid), &parser, &c);
  flush_block (&c);
  if (c.cell != NULL)
    g_string_free (c.cell, TRUE);
  g_free (c.image_src);

  if (n < len)
    {
      g_autofree char *shown = g_format_size (n);
      g_autofree char *total = g_format_size (len);
      g_autofree char *notice = g_strdup_printf (_("Showing the first %s of %s; copy the entry for all of it"),
                                                 shown, total);

      add_notice (c.blocks, notice);
    }
  else if (c.truncated)
    add_notice (c.blocks, _("This entry is too long to show whole; copy it for all of it"));
  return c.blocks;
}
