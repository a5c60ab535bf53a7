#pragma once

#include "cvg-window.h"

#include "cvg-runs-sidebar.h"
#include "cvg-scalars-page.h"

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
  GtkPaned              *paned;
  CvgRunsSidebar        *sidebar;
  AdwViewStack          *view_stack;
  CvgScalarsPage        *scalars_page;
  AdwStatusPage         *histograms_page;
  AdwStatusPage         *distributions_page;
  AdwStatusPage         *graphs_page;
  AdwStatusPage         *images_page;
  AdwStatusPage         *text_page;
  AdwStatusPage         *audio_page;

  GSettings             *settings;      /* NULL when the schema is missing */
  GListStore            *runs;          /* of CvgRunInfo */
  CvgLogdir             *logdir;        /* the one shown, or NULL */
  CvgLogdir             *loading;       /* the one being read, or NULL */
  GCancellable          *cancellable;
  GPtrArray             *problems;      /* of CvgProblem, owned by logdir */
  char                  *error_message;
  CvgWindowState         state;
  gboolean               state_saved;
};

/* cvg-window-actions.c */
void  _cvg_window_class_add_actions   (GtkWidgetClass *widget_class);
void  _cvg_window_init_drop_target    (CvgWindow      *self);
void  _cvg_window_show_problems       (CvgWindow      *self);

G_END_DECLS
