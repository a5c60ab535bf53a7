/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-crc32c"

#include "config.h"

#include "cvg-crc32c.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
# include <nmmintrin.h>
# define CVG_HAVE_SSE42_PATH 1
#endif

#define CRC32C_POLY_REFLECTED 0x82f63b78u
#define CRC_MASK_DELTA 0xa282ead8u

/* Slice-by-8 tables, built once. */
static guint32 crc_table[8][256];

static gpointer
build_tables (gpointer data)
{
  for (guint i = 0; i < 256; i++)
    {
      guint32 crc = i;
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (CRC32C_POLY_REFLECTED & (0u - (crc & 1)));
      crc_table[0][i] = crc;
    }
  for (guint i = 0; i < 256; i++)
    for (guint t = 1; t < 8; t++)
      crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xff];
  return NULL;
}

guint32
cvg_crc32c_portable (const void *data,
                     gsize       len)
{
  static GOnce once = G_ONCE_INIT;
  const guint8 *p = data;
  guint32 crc = 0xffffffffu;

  g_once (&once, build_tables, NULL);

  while (len >= 8)
    {
      guint64 word;
      memcpy (&word, p, 8);
      word = GUINT64_FROM_LE (word) ^ crc;
      crc = crc_table[7][word & 0xff] ^
            crc_table[6][(word >> 8) & 0xff] ^
            crc_table[5][(word >> 16) & 0xff] ^
            crc_table[4][(word >> 24) & 0xff] ^
            crc_table[3][(word >> 32) & 0xff] ^
            crc_table[2][(word >> 40) & 0xff] ^
            crc_table[1][(word >> 48) & 0xff] ^
            crc_table[0][word >> 56];
      p += 8;
      len -= 8;
    }
  while (len--)
    crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xff];

  return crc ^ 0xffffffffu;
}

#ifdef CVG_HAVE_SSE42_PATH
__attribute__((target ("sse4.2")))
static guint32
crc32c_sse42 (const void *data,
              gsize       len)
{
  const guint8 *p = data;
  guint64 crc = 0xffffffffu;

  while (len >= 8)
    {
      guint64 word;
      memcpy (&word, p, 8);
      crc = _mm_crc32_u64 (crc, word);
      p += 8;
      len -= 8;
    }
  while (len--)
    crc = _mm_crc32_u8 ((guint32) crc, *p++);

  return (guint32) crc ^ 0xffffffffu;
}

static gboolean
cpu_has_sse42 (void)
{
  static gsize checked = 0;
  static gboolean has = FALSE;

  if (g_once_init_enter (&checked))
    {
      __builtin_cpu_init ();
      has = __builtin_cpu_supports ("sse4.2");
      g_once_init_leave (&checked, 1);
    }
  return has;
}
#endif

gboolean
cvg_crc32c_is_hardware (void)
{
#ifdef CVG_HAVE_SSE42_PATH
  return cpu_has_sse42 ();
#else
  return FALSE;
#endif
}

guint32
cvg_crc32c (const void *data,
            gsize       len)
{
#ifdef CVG_HAVE_SSE42_PATH
  if (G_LIKELY (cpu_has_sse42 ()))
    return crc32c_sse42 (data, len);
#endif
  return cvg_crc32c_portable (data, len);
}

guint32
cvg_crc32c_mask (guint32 crc)
{
  return ((crc >> 15) | (crc << 17)) + CRC_MASK_DELTA;
}
