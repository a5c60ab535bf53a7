/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-problem.h"

G_BEGIN_DECLS

/* What a problem means, in the user's language: its code translated,
 * followed by the reader's details (English) where they add to it. */
char *cvg_problem_describe   (const CvgProblem *problem);
/* "path:offset: description", one line as the command line prints it. */
char *cvg_problem_dup_line   (const CvgProblem *problem);

G_END_DECLS
