/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-types.h"
#include "cvg-io-error.h"

G_BEGIN_DECLS

/* Something wrong found in a file or folder, reported, never fatal. */
struct _CvgProblem
{
  char           *path;
  guint64         offset;
  CvgIoErrorCode  code;
  char           *message;
};

CvgProblem *cvg_problem_new  (const char     *path,
                              guint64         offset,
                              CvgIoErrorCode  code,
                              const char     *message);
void        cvg_problem_free (CvgProblem     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgProblem, cvg_problem_free)

G_END_DECLS
