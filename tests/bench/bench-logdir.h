/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes (once) a synthetic logs folder of scalar events for benchmarks:
 * @n_runs runs of @n_tags tags, @n_events events in all, half the runs in
 * TF1 style and half in TF2 style, each run in two files. A marker file
 * remembers what was written, so later calls with the same shape reuse it. */
void bench_logdir_ensure (const char *dir,
                          gint64      n_events,
                          guint       n_runs,
                          guint       n_tags);

G_END_DECLS
