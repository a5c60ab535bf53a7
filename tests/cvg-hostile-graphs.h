/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Graphs from strangers, as the issue "Hostile and odd logs" lists
 * them, for the unit, UI and fuzz tests. */

/* A GraphDef of one node whose attribute nests about @levels messages
 * (AttrValue.func → NameAttrList.attr → AttrValue …). */
GBytes *cvg_hostile_deep_graph_def     (guint levels);
/* A Keras config whose layer list nests @levels arrays ([[[…]]]). */
char   *cvg_hostile_deep_keras         (guint levels);
/* A Keras config of @depth nested models, each listing the one inside
 * twice in its output_layers (2^@depth ends when expanded naively),
 * then a layer fed by the outermost. */
char   *cvg_hostile_fanout_keras       (guint depth);
/* A GraphDef of @n ops named n0 … n(@n − 1), each fed by the one before. */
GBytes *cvg_hostile_numbered_graph_def (guint n);
/* Writes @graph_def or @keras_json (either may be NULL) as an event file
 * into a new folder under @parent; returns the folder. */
char   *cvg_hostile_write_logdir       (const char *parent,
                                        const char *name,
                                        GBytes     *graph_def,
                                        const char *keras_json);

G_END_DECLS
