/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-window.h"

#include "cvg-distributions-page.h"
#include "cvg-graphs-page.h"
#include "cvg-histograms-page.h"
#include "cvg-run-list.h"
#include "cvg-runs-sidebar.h"
#include "cvg-scalars-page.h"
#include "cvg-watcher.h"

G_BEGIN_DECLS

typedef enum
{
  CVG_WINDOW_STATE_EMPTY,
  CVG_WINDOW_STATE_LOADING,
  CVG_WINDOW_STATE_LOADED,
  CVG_WINDOW_STATE_ERROR,
} CvgWindowState;

struct _CvgWindow
{
  AdwApplicationWindow   parent_instance;

  /* Template children. */
  AdwToastOverlay       *toast_overlay;
  AdwViewSwitcherTitle  *switcher_title;
  GtkStack              *main_stack;
  AdwWindowTitle        *status_title;
  GtkStack              *status_stack;
  AdwWindowTitle        *folder_title;
  GtkWidget             *recent_box;
  GtkListBox            *recent_list;
  AdwStatusPage         *loading_page;
  GtkSpinner            *spinner;
  AdwStatusPage         *error_page;
  GtkWidget             *retry_button;
  GtkInfoBar            *connection_bar;
  GtkLabel              *connection_label;
  GtkPaned              *paned;
  CvgRunsSidebar        *sidebar;
  AdwViewStack          *view_stack;
  AdwViewSwitcherBar    *switcher_bar;
  GtkMenuButton         *pages_button;
  GMenu                 *inactive_section;

  /* The pages of cvg-pages.c, those the window talks to by name. */
  GPtrArray             *pages;         /* of GtkWidget, as in cvg_pages_get () */
  guint32                active_pages;  /* bit i: the logs hold page i's kinds */
  CvgScalarsPage        *scalars_page;
  CvgHistogramsPage     *histograms_page;
  CvgDistributionsPage  *distributions_page;
  CvgGraphsPage         *graphs_page;

  GSettings             *settings;      /* NULL when the schema is missing */
  CvgRunList            *runs;
  GPtrArray             *new_runs;      /* CvgRun found, listed in one batch */
  guint                  list_id;       /* lists new_runs */
  CvgLogdir             *logdir;        /* the one shown, or NULL */
  char                  *location;      /* path or URI last opened, for Retry */
  GCancellable          *mount_cancellable;  /* mounting a remote folder */
  CvgWatcher            *watcher;       /* keeps logdir up to date, or NULL */
  guint                  refresh_id;    /* charts follow appends, coalesced */
  gint64                 last_refresh;  /* monotonic µs */
  GPtrArray             *problems;      /* of CvgProblem, owned by logdir */
  GPtrArray             *toasts;        /* of AdwToast, about the folder shown */
  char                  *error_message;
  CvgWindowState         state;
  gboolean               state_saved;
};

/* cvg-window-actions.c */
void  _cvg_window_class_add_actions   (GtkWidgetClass *widget_class);
void  _cvg_window_init_drop_target    (CvgWindow      *self);
void  _cvg_window_show_problems       (CvgWindow      *self);
void  _cvg_window_init_shortcuts_window (CvgWindow    *self);

/* cvg-window-pages.c */
void  _cvg_window_add_pages           (CvgWindow      *self);
void  _cvg_window_update_pages        (CvgWindow      *self);
void  _cvg_window_show_active_page    (CvgWindow      *self);
void  _cvg_window_show_page           (CvgWindow      *self,
                                       guint           index);

G_END_DECLS
