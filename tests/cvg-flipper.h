/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hostile log for tests: a thread flips a symbolic link between a
 * regular file and a FIFO every millisecond. A reader that opens it as
 * the FIFO without O_NONBLOCK waits for a writer, possibly for good. */

typedef struct _CvgFlipper CvgFlipper;

/* Makes the FIFO @fifo and starts flipping @link between it and
 * @regular (which the caller writes). */
CvgFlipper *cvg_flipper_start   (const char *regular,
                                 const char *fifo,
                                 const char *link);
/* Stops flipping; the link stays as it is. */
void        cvg_flipper_stop    (CvgFlipper *self);
guint       cvg_flipper_get_n_flips (CvgFlipper *self);
/* Lets go any reader blocked opening the FIFO: a writer comes and goes. */
void        cvg_flipper_release (CvgFlipper *self);
/* Stops, lets readers go, and frees (the files stay). */
void        cvg_flipper_free    (CvgFlipper *self);

G_END_DECLS
