/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the remote tests share (tests/remote/remote-server.sh runs them). */

/* The variable remote-server.sh sets, or NULL with the running test
 * skipped when the program runs on its own. */
const char *cvg_test_remote_env           (const char *name);
/* Runs `CVG_REMOTE_CTL ACTION` (stop, start, key wrong|right). */
void        cvg_test_remote_server        (const char *action);
/* Copies the corpus set @set into the served folder as @as and returns
 * its local path; NULL, and the test skipped or failed, without the
 * corpus (cvg-test-corpus.h). */
char       *cvg_test_remote_copy_corpus_set (const char *set,
                                             const char *as);
/* Warnings stay fatal, except the one GVfs's client library gives when a
 * mount it talked to went away, which these tests cause on purpose.
 * Call after g_test_init (). */
void        cvg_test_remote_init_logging  (void);

G_END_DECLS
