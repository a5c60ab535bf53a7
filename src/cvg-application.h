/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CVG_TYPE_APPLICATION (cvg_application_get_type ())

G_DECLARE_FINAL_TYPE (CvgApplication, cvg_application, CVG, APPLICATION, AdwApplication)

/* The settings schema id (the same for development builds). */
#define CVG_SETTINGS_SCHEMA_ID "io.github.converge.Converge"

/* Opens folders given on the command line (one window each), or one empty
 * window. */
CvgApplication *cvg_application_new          (void);
/* A GSettings for the schema, or NULL when it is not installed (then
 * nothing is remembered). */
GSettings      *cvg_settings_new_or_null     (void);

G_END_DECLS
