/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-graph.h"

G_BEGIN_DECLS

/* cvg-graph.c, for the builders */
CvgGraph   *_cvg_graph_new         (void);
/* Adds an op; inputs come later, by name. */
CvgGraphOp *_cvg_graph_add_op      (CvgGraph   *self,
                                    const char *name,
                                    const char *op,
                                    const char *device);
void        _cvg_graph_add_attr    (CvgGraphOp *op,
                                    const char *key,
                                    char       *value);
/* "name", "name:k" or "^name"; unknown names are dropped. */
void        _cvg_graph_add_input   (CvgGraph   *self,
                                    CvgGraphOp *op,
                                    const char *input);
/* Builds the hierarchy once every op and input is in; FALSE for names
 * nested beyond CVG_GRAPH_MAX_SCOPE_DEPTH. */
gboolean    _cvg_graph_finish      (CvgGraph   *self,
                                    GError    **error);

G_END_DECLS
