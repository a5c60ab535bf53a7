/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-problem"

#include "config.h"

#include "cvg-problem.h"

CvgProblem *
cvg_problem_new (const char     *path,
                 guint64         offset,
                 CvgIoErrorCode  code,
                 const char     *message)
{
  CvgProblem *self = g_new0 (CvgProblem, 1);

  self->path = g_strdup (path);
  self->offset = offset;
  self->code = code;
  self->message = g_strdup (message);
  return self;
}

void
cvg_problem_free (CvgProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->message);
  g_free (self);
}
