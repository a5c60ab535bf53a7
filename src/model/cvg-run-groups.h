/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which runs the Scalars page draws together (cvg-aggregate.h). */
typedef enum
{
  CVG_GROUP_BY_NONE,
  CVG_GROUP_BY_FOLDER,   /* the first @depth folders of the name */
  CVG_GROUP_BY_REGEX,    /* the capture groups of a regex, or its match */
} CvgGroupBy;

/* At most this many folders deep. */
#define CVG_GROUP_MAX_DEPTH 16

/* One group: its name and its members, indices into the names given. */
typedef struct
{
  char   *name;
  GArray *members;   /* guint */
} CvgRunGroup;

/* The group of run @name:
 *  - by folder, its first @depth folders ("runs/lr_0.1/seed2", depth 1:
 *    "runs"; depth 2: "runs/lr_0.1"), all of them when it has fewer, "."
 *    when it has none;
 *  - by regex, the texts of @regex's capture groups joined with "/"
 *    ("(.*)_seed\d+": "runs/lr_0.1_seed2" → "runs/lr_0.1"), or the
 *    whole match when it has none; a name it does not match is a group
 *    of its own;
 *  - by none, the name itself. */
char      *cvg_run_group_name     (CvgGroupBy          by,
                                   guint               depth,
                                   GRegex             *regex,
                                   const char         *name);
/* The groups of @n names, in order of first member; a GPtrArray of
 * CvgRunGroup that frees them. */
GPtrArray *cvg_run_groups_assign  (const char * const *names,
                                   gsize               n,
                                   CvgGroupBy          by,
                                   guint               depth,
                                   GRegex             *regex);

G_END_DECLS
