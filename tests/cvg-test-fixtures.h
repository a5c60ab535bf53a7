/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A logs folder the event writer makes in each real writer's encoding,
 * for the tests that must run without the corpus:
 *   tf1/           TF1's Python FileWriter: simple_value, HistogramProto,
 *                  Summary.Image and Summary.Audio, a session log
 *   tf2/           TF2's C++ writer (plugin metadata on every value): the
 *                  same kinds as tensors, a scalar of every dtype
 *                  ("dtype/N"), text, a GraphDef chain and a Keras model
 *   tensorboardx/  tensorboardX: TF1's encodings without a file version
 * Each run has "loss", "weights", "input" and "sound" at steps
 * 0..CVG_FIXTURE_N_STEPS-1, in one file named CVG_FIXTURE_FILE. */

#define CVG_FIXTURE_FILE    "events.out.tfevents.1700000000.fixture"
#define CVG_FIXTURE_N_STEPS 5
#define CVG_FIXTURE_N_CHAIN 12   /* GraphDef nodes, all in scope "scope" */
#define CVG_FIXTURE_N_KERAS 3    /* Keras layers: Dense, Dropout, Dense */

extern const int   cvg_fixture_scalar_dtypes[];
extern const guint cvg_fixture_n_scalar_dtypes;

/* A new temporary folder; delete it with cvg_test_remove_tree (). */
char   *cvg_test_fixtures_make_logdir (void);
/* The scalar written for @tag ("loss" or "dtype/N") at @step. */
double  cvg_test_fixtures_scalar      (const char *tag,
                                       gint64      step);

G_END_DECLS
