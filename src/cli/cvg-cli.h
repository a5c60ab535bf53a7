#pragma once

#include <glib.h>

#include "cvg-types.h"

G_BEGIN_DECLS

/* The headless modes of `converge`: they read a logs folder to its end,
 * print, and return the process exit status. */

typedef enum
{
  CVG_EXIT_OK         = 0,
  CVG_EXIT_UNREADABLE = 1,   /* logs folder missing or unreadable, or output failed */
  CVG_EXIT_USAGE      = 2,
} CvgExitStatus;

typedef enum
{
  CVG_EXPORT_CSV,
  CVG_EXPORT_JSON,
  CVG_EXPORT_IMAGES,
} CvgExportFormat;

typedef struct
{
  const char      *logdir;
  CvgExportFormat  format;
  const char      *run_pattern;   /* GRegex searched in run names, or NULL */
  const char      *tag_pattern;   /* GRegex searched in tags, or NULL */
  gboolean         raw;           /* every point, not the purged view */
  const char      *out_dir;       /* --export images: the folder written to */
  gboolean         has_step;      /* --export images: only @step */
  gint64           step;
} CvgExportOptions;

/* Prints `converge: MESSAGE` as one line on standard error. */
void          cvg_cli_print_error            (const char            *format,
                                              ...) G_GNUC_PRINTF (1, 2);
/* Loads @path to its end; prints why and returns NULL when it cannot. */
CvgLogdir    *cvg_cli_load_logdir            (const char            *path);
/* Every problem of the logs folder and of its runs, in run order. */
GPtrArray    *cvg_cli_collect_problems       (CvgLogdir             *logdir);
/* `PATH:OFFSET: MESSAGE`, newly allocated. */
char         *cvg_cli_format_problem         (const CvgProblem      *problem);

gboolean      cvg_export_format_from_string  (const char            *name,
                                              CvgExportFormat       *format);

CvgExitStatus cvg_inspect_main               (const char            *logdir,
                                              gboolean               raw);
CvgExitStatus cvg_export_main                (const CvgExportOptions *options);
/* --export images: each image's bytes to OUT/RUN/TAG/STEP[_SAMPLE].EXT. */
CvgExitStatus cvg_export_images_main         (const CvgExportOptions *options);

/* An export's --run or --tag: NULL @pattern leaves @regex NULL; an
 * invalid one is printed and FALSE. */
gboolean      cvg_export_compile_filter      (const char            *option,
                                              const char            *pattern,
                                              GRegex               **regex);
gboolean      cvg_export_filter_matches      (GRegex                *regex,
                                              const char            *name);
/* Every problem of @logdir on standard error, one line each. */
void          cvg_export_report_problems     (CvgLogdir             *logdir);

G_END_DECLS
