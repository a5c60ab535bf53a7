/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-tag-order"

#include "config.h"

#include <string.h>

#include "cvg-tag-order.h"

/* Tokens of a tag, in the order TensorBoard's compareTagNames gives them:
 * a '/' before anything else (so "a/x" stays in group "a", before "a+"),
 * then numbers, then any other byte. */
enum {
  RANK_SLASH,
  RANK_NUMBER,
  RANK_BYTE,
};

static int
rank_of (char c)
{
  if (c == '/')
    return RANK_SLASH;
  if (g_ascii_isdigit (c))
    return RANK_NUMBER;
  return RANK_BYTE;
}

static gsize
digit_run (const char *s)
{
  gsize len = 0;

  while (g_ascii_isdigit (s[len]))
    len++;
  return len;
}

/* Compares the digit runs at *a and *b by value, whatever their length or
 * leading zeros, and moves both pointers past them. */
static int
compare_numbers (const char **a,
                 const char **b)
{
  gsize len_a = digit_run (*a);
  gsize len_b = digit_run (*b);
  const char *da = *a;
  const char *db = *b;
  int cmp;

  *a += len_a;
  *b += len_b;
  while (len_a > 1 && *da == '0')
    {
      da++;
      len_a--;
    }
  while (len_b > 1 && *db == '0')
    {
      db++;
      len_b--;
    }
  if (len_a != len_b)
    return len_a < len_b ? -1 : 1;
  cmp = memcmp (da, db, len_a);
  return (cmp > 0) - (cmp < 0);
}

static int
compare_natural (const char *a,
                 const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      int rank_a = rank_of (*a);
      int rank_b = rank_of (*b);
      int cmp;

      if (rank_a != rank_b)
        return rank_a < rank_b ? -1 : 1;
      if (rank_a == RANK_NUMBER)
        cmp = compare_numbers (&a, &b);
      else
        cmp = (guchar) *a++ - (guchar) *b++;
      if (cmp != 0)
        return cmp < 0 ? -1 : 1;
    }
  return (*a != '\0') - (*b != '\0');
}

int
cvg_tag_compare (const char *a,
                 const char *b)
{
  int cmp = compare_natural (a, b);

  /* "step01" and "step1" are equal as numbers; bytes break the tie so that
   * the order is total and sorting is reproducible. */
  if (cmp == 0)
    cmp = strcmp (a, b);
  return (cmp > 0) - (cmp < 0);
}

char *
cvg_tag_group (const char *tag)
{
  const char *slash = strchr (tag, '/');

  return slash != NULL ? g_strndup (tag, slash - tag) : g_strdup (tag);
}
