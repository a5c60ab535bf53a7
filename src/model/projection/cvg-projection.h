/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The numeric core of the embedding projector: PCA, nearest neighbours,
 * t-SNE and UMAP over plain matrices. GLib only, no GObjects per point.
 *
 * Conventions shared by every function of this folder:
 *
 * - Input: a row-major float32 matrix of @n_points rows × @n_dims columns
 *   (`data[i * n_dims + j]`). The caller keeps it alive for the duration
 *   of the call only: nothing here keeps a pointer to it after returning.
 * - Every value must be finite. NaN and infinite rows are the caller's to
 *   drop first (cvg_projection_find_nonfinite_rows() lists them); passing
 *   them gives unspecified (but memory-safe) numbers, never a crash.
 * - Sizes may come from a hostile file: every allocation derived from
 *   them is checked for overflow and bounded, and fails with
 *   %CVG_PROJECTION_ERROR_TOO_LARGE rather than aborting.
 * - Threads: @n_threads 0 means cvg_projection_default_threads(). The work
 *   is split into fixed chunks whose results are combined in a fixed
 *   order, so every result is bit-identical for any thread count (and for
 *   a given seed where there is one) on one machine. Across machines the
 *   last bits may differ: x86-64 CPUs with AVX2 and FMA run 8-wide fused
 *   kernels, others portable 4-wide ones.
 * - Cancellation: the long loops check @cancellable often (at least every
 *   few milliseconds of work) and then fail with %G_IO_ERROR_CANCELLED.
 * - Everything blocks: call it from a worker thread (GTask), never from
 *   the UI thread.
 */

#define CVG_PROJECTION_ERROR (cvg_projection_error_quark ())

typedef enum {
  CVG_PROJECTION_ERROR_INVALID,   /* an argument out of range (k = 0, no rows…) */
  CVG_PROJECTION_ERROR_TOO_LARGE, /* a size whose memory would overflow or exceed the bounds */
  CVG_PROJECTION_ERROR_FAILED,    /* a numeric method did not converge */
} CvgProjectionError;

/* Distances between points in the original space. */
typedef enum {
  CVG_DISTANCE_EUCLIDEAN,
  /* 1 − cos(a, b), in [0, 2]; a zero vector is at distance 1 from all. */
  CVG_DISTANCE_COSINE,
} CvgDistance;

/* Progress of a long preparation (the kNN graph): @fraction in [0, 1],
 * rising. Called from worker threads, possibly several at once: keep it
 * cheap and thread-safe (store the value atomically and let the UI thread
 * poll it). */
typedef void (*CvgProgressFunc) (double   fraction,
                                 gpointer user_data);

GQuark   cvg_projection_error_quark         (void);

/* The number of threads used when a call passes 0: the processors. */
guint    cvg_projection_default_threads     (void);

/* Checks that an @n_points × @n_dims float32 matrix can be held: neither
 * is 0, the product and its byte size do not overflow, and the rows fit a
 * guint32 index. Sets @n_values (may be %NULL) to the product. */
gboolean cvg_projection_check_matrix        (gsize         n_points,
                                             gsize         n_dims,
                                             gsize        *n_values,
                                             GError      **error);

/* The indexes of the rows that hold a NaN or an infinity, ascending. The
 * caller drops them before any projection. Returns a new GArray of gsize. */
GArray  *cvg_projection_find_nonfinite_rows (const float  *data,
                                             gsize         n_points,
                                             gsize         n_dims);

G_END_DECLS
