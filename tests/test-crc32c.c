/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-crc32c"

#include "config.h"

#include <string.h>

#include "cvg-crc32c.h"

static void
test_check_value (void)
{
  g_assert_cmphex (cvg_crc32c ("123456789", 9), ==, 0xE3069283);
  g_assert_cmphex (cvg_crc32c_portable ("123456789", 9), ==, 0xE3069283);
  g_assert_cmphex (cvg_crc32c ("", 0), ==, 0);
}

/* TensorBoard's masked test vectors (masked_crc.rs, tf_record.rs). */
static void
test_masked_vectors (void)
{
  const guint8 data[] = "\x1a\x11" "CRC test, one two";
  const guint8 length[8] = { 0x18, 0, 0, 0, 0, 0, 0, 0 };

  g_assert_cmphex (cvg_crc32c_mask (cvg_crc32c (data, sizeof data - 1)), ==, 0x5794d08a);
  g_assert_cmphex (cvg_crc32c_mask (cvg_crc32c (length, 8)), ==, 0x224b7fa3);
}

/* The hardware path must agree with the table at every length and
 * alignment, since records start anywhere in a buffer. */
static void
test_hardware_matches_portable (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 buf[4096 + 16];

  for (gsize i = 0; i < sizeof buf; i++)
    buf[i] = g_rand_int (rand) & 0xff;

  if (!cvg_crc32c_is_hardware ())
    g_test_message ("no SSE4.2 here: both calls use the table");

  for (gsize offset = 0; offset < 16; offset++)
    for (gsize len = 0; len < 300; len++)
      g_assert_cmphex (cvg_crc32c (buf + offset, len), ==, cvg_crc32c_portable (buf + offset, len));
  g_assert_cmphex (cvg_crc32c (buf, 4096), ==, cvg_crc32c_portable (buf, 4096));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/crc32c/check-value", test_check_value);
  g_test_add_func ("/io/crc32c/masked-vectors", test_masked_vectors);
  g_test_add_func ("/io/crc32c/hardware-matches-portable", test_hardware_matches_portable);
  return g_test_run ();
}
