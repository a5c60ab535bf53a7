/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_PAGE_MAX_KINDS 4

/* One page of the window: the window builds its stack, its switcher, the
 * menu of inactive pages and the shortcuts window from the table of these
 * in cvg-pages.c. A page is active when the logs hold any of its kinds. */
typedef struct
{
  const char     *name;         /* the stack child's name, stable */
  const char     *title;        /* untranslated, marked for xgettext */
  const char     *icon_name;
  const char     *accel;        /* as gtk_accelerator_parse () reads it */
  GType         (*get_type) (void);  /* a GtkWidget implementing CvgPage */
  guint           n_kinds;
  CvgKind         kinds[CVG_PAGE_MAX_KINDS];
} CvgPageInfo;

const CvgPageInfo *cvg_pages_get (guint *n_pages);

G_END_DECLS
