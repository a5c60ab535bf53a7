/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Protobuf text format (projector_config.pbtxt, a checkpoint's
 * `checkpoint` file) as a tree of fields, without a schema. Bounded:
 * input size, nesting depth and field count are capped, and the parse
 * keeps its own stack, so hostile input cannot recurse or grow it. */

#define CVG_PBTXT_MAX_SIZE   (4 * 1024 * 1024)
#define CVG_PBTXT_MAX_DEPTH  32
#define CVG_PBTXT_MAX_FIELDS 100000

typedef struct _CvgPbtxtField CvgPbtxtField;

struct _CvgPbtxtField
{
  char      *name;
  char      *value;     /* a scalar's text (strings unescaped); NULL for a message */
  GPtrArray *fields;    /* a message's fields in order; NULL for a scalar */
};

/* The top-level message; NULL with @error set, naming the line. */
CvgPbtxtField *cvg_pbtxt_parse       (const char          *text,
                                      gsize                len,
                                      GError             **error);
void           cvg_pbtxt_field_free  (CvgPbtxtField       *field);

/* The last scalar field @name of @message, as text, or NULL. */
const char    *cvg_pbtxt_get_string  (const CvgPbtxtField *message,
                                      const char          *name);
/* The message fields, or scalar fields, named @name, in order: of
 * CvgPbtxtField, owned by @message. */
GPtrArray     *cvg_pbtxt_get_all     (const CvgPbtxtField *message,
                                      const char          *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgPbtxtField, cvg_pbtxt_field_free)

G_END_DECLS
