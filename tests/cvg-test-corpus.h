/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one way every test finds the real corpora beside the source tree.
 * A fresh clone has neither: its tests that need them skip with a reason,
 * unless CI=true or CVG_REQUIRE_CORPUS=1, where a missing corpus fails. */

typedef enum
{
  CVG_TEST_CORPUS,          /* ../shared/corpus: scalars, histograms, graphs */
  CVG_TEST_CORPUS_PLUGINS,  /* ../shared/corpus-plugins: projector, text, hparams, PR curves */
} CvgTestCorpus;

/* The folder, when it holds an INVENTORY.txt; else NULL and @reason set to
 * one line that names the folder and how to give it. */
const char *cvg_test_corpus_lookup   (CvgTestCorpus   corpus,
                                      char          **reason);
/* TRUE under CI=true or CVG_REQUIRE_CORPUS=1. */
gboolean    cvg_test_corpus_required (void);
/* Skips the running test with @reason, or fails it where the corpus is
 * required. */
void        cvg_test_corpus_missing  (const char     *reason);
/* The folder, or NULL with the running test skipped (or failed). */
const char *cvg_test_corpus_dir      (CvgTestCorpus   corpus);

G_END_DECLS
