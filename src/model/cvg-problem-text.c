/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-problem-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cvg-problem-text.h"

#include "cvg-utf8.h"

typedef struct
{
  const char *summary;
  gboolean    with_details;  /* the reader's words say which tag, or why */
} ProblemText;

static const ProblemText texts[] = {
  [CVG_IO_ERROR_FAILED] = { N_("Something went wrong"), TRUE },
  [CVG_IO_ERROR_TRUNCATED] = { N_("The file ends inside a record"), FALSE },
  [CVG_IO_ERROR_BAD_LENGTH_CRC] = { N_("A record’s length fails its checksum; the rest of the file cannot be read"), FALSE },
  [CVG_IO_ERROR_BAD_DATA_CRC] = { N_("A record fails its checksum and was skipped"), FALSE },
  [CVG_IO_ERROR_DECODE] = { N_("A record could not be decoded"), TRUE },
  [CVG_IO_ERROR_NOT_AN_EVENT_FILE] = { N_("Not a TensorBoard event file"), FALSE },
  [CVG_IO_ERROR_UNREADABLE] = { N_("Cannot be read"), TRUE },
  [CVG_IO_ERROR_CHANGED] = { N_("The file changed while it was shown"), TRUE },
};

char *
cvg_problem_describe (const CvgProblem *problem)
{
  const ProblemText *text = &texts[CVG_IO_ERROR_FAILED];

  g_return_val_if_fail (problem != NULL, NULL);

  if ((guint) problem->code < G_N_ELEMENTS (texts))
    text = &texts[problem->code];
  if (!text->with_details || problem->message == NULL || problem->message[0] == '\0')
    return g_strdup (_(text->summary));
  /* TRANSLATORS: a problem's meaning, then the reader's details, which
   * are in English */
  return g_strdup_printf (_("%s (%s)"), _(text->summary), problem->message);
}

char *
cvg_problem_dup_line (const CvgProblem *problem)
{
  g_autofree char *described = cvg_problem_describe (problem);
  /* A path is the file system's bytes, escaped as names are; a message
   * may quote one, and only needs to be readable. */
  g_autofree char *path = cvg_utf8_escape (problem->path, -1);
  g_autofree char *description = g_utf8_make_valid (described, -1);

  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s", path, problem->offset, description);
}
