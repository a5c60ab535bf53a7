/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The @k largest eigenpairs of the symmetric positive semi-definite
 * @m × @m matrix @c (row-major doubles): Lanczos with full
 * reorthogonalisation, extended until every wanted Ritz pair's residual
 * is below 10⁻¹⁰ of the trace, or exact once the Krylov space is the
 * whole space. @values gets k eigenvalues, descending; @vectors k rows of
 * m (unit, orthogonal). Deterministic. */
gboolean cvg_lanczos_top (const double  *c,
                          gsize          m,
                          gsize          k,
                          guint          n_threads,
                          double        *values,
                          double        *vectors,
                          GCancellable  *cancellable,
                          GError       **error);

G_END_DECLS
