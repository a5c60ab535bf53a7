/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-flipper"

#include "config.h"

#include "cvg-flipper.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

struct _CvgFlipper
{
  char    *regular;
  char    *fifo;
  char    *link;
  GThread *thread;
  gint     stop;
  guint    n_flips;   /* atomic */
};

static gpointer
flipper_thread (gpointer data)
{
  CvgFlipper *self = data;
  g_autofree char *tmp = g_strconcat (self->link, ".tmp", NULL);

  for (guint i = 0; !g_atomic_int_get (&self->stop); i++)
    {
      /* rename(2) swaps the link atomically: a reader sees one or the other. */
      g_unlink (tmp);
      g_assert_cmpint (symlink (i % 2 == 0 ? self->fifo : self->regular, tmp), ==, 0);
      g_assert_cmpint (g_rename (tmp, self->link), ==, 0);
      g_atomic_int_inc (&self->n_flips);
      g_usleep (G_TIME_SPAN_MILLISECOND);
    }
  return NULL;
}

CvgFlipper *
cvg_flipper_start (const char *regular,
                   const char *fifo,
                   const char *link)
{
  CvgFlipper *self = g_new0 (CvgFlipper, 1);

  self->regular = g_strdup (regular);
  self->fifo = g_strdup (fifo);
  self->link = g_strdup (link);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  self->thread = g_thread_new ("flipper", flipper_thread, self);
  return self;
}

void
cvg_flipper_stop (CvgFlipper *self)
{
  g_atomic_int_set (&self->stop, TRUE);
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
}

guint
cvg_flipper_get_n_flips (CvgFlipper *self)
{
  return (guint) g_atomic_int_get (&self->n_flips);
}

void
cvg_flipper_release (CvgFlipper *self)
{
  int fd = open (self->fifo, O_WRONLY | O_NONBLOCK);

  if (fd >= 0)
    close (fd);
}

void
cvg_flipper_free (CvgFlipper *self)
{
  cvg_flipper_stop (self);
  cvg_flipper_release (self);
  g_free (self->regular);
  g_free (self->fifo);
  g_free (self->link);
  g_free (self);
}
