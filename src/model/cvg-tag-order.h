/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TensorBoard's tag order: numbers inside names compare as numbers
 * ("step2" < "step10"), otherwise byte order. */
int   cvg_tag_compare (const char *a,
                       const char *b);
/* The group (section) of a tag: its prefix before the first '/', or the
 * whole tag when it has none. */
char *cvg_tag_group   (const char *tag);

G_END_DECLS
