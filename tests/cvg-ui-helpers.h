#pragma once

#include <gtk/gtk.h>

#include "cvg-logdir.h"
#include "cvg-window.h"

G_BEGIN_DECLS

/* What the UI tests share: waiting on the main loop, the corpus, and
 * windows opened on it. */

typedef gboolean (*CvgUiPredicate) (gpointer data);

/* gtk_test_init (), libadwaita and the app's resources: a UI test's start. */
void       cvg_ui_init               (int            *argc,
                                      char         ***argv);

/* Runs the main loop until @predicate holds or 30 s pass. */
gboolean   cvg_ui_wait_until         (CvgUiPredicate  predicate,
                                      gpointer        data);
/* For cvg_ui_wait_until () on a CvgWindow. */
gboolean   cvg_ui_not_loading        (gpointer        data);
/* A few frames, so that lazily created widgets exist and have a size. */
void       cvg_ui_settle             (void);
/* A window of 1200 × 900 on @path, loaded. */
CvgWindow *cvg_ui_open_window        (const char     *path);
/* A window on the corpus set @name; NULL, and the test skipped or failed
 * (see cvg-test-corpus.h), without the corpus. */
CvgWindow *cvg_ui_open_corpus_window (const char     *name);
CvgLogdir *cvg_ui_load_logdir        (const char     *path);
/* The first widget of @type under @root, itself included. */
GtkWidget *cvg_ui_find_widget        (GtkWidget      *root,
                                      GType           type);

/* With the environment variable @env_var naming a folder, a screenshot of
 * the whole screen (ImageMagick's `import`) written there as @name. */
void       cvg_ui_screenshot         (const char     *env_var,
                                      const char     *name);

G_END_DECLS
