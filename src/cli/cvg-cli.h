/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-aggregate.h"
#include "cvg-scalar-export.h"
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
  CVG_EXPORT_TEXT,    /* text entries as CSV: run,tag,step,wall_time,text */
  CVG_EXPORT_AUDIO,   /* every clip's bytes, into out_dir */
  CVG_EXPORT_LATEX,   /* hparams only */
  CVG_EXPORT_IMAGES,  /* every image's bytes, into out_dir */
} CvgExportFormat;

typedef struct
{
  const char      *logdir;
  CvgExportFormat  format;
  const char      *run_pattern;   /* GRegex searched in run names, or NULL */
  const char      *tag_pattern;   /* GRegex searched in tags, or NULL */
  gboolean         raw;           /* every point, not the purged view */
  const char      *out_dir;       /* where files go (audio, images), or NULL */
  gboolean         hparams;       /* `--export hparams`: the sessions table */
  gboolean         all_runs;      /* hparams: a row per run, not per session */
  gboolean         has_step;      /* --export images: only @step */
  gint64           step;
  gboolean         projection;    /* `--export projection` */
  const char      *embedding;     /* projection: NAME or RUN/NAME, or NULL for the first */
  const char      *method;        /* projection: pca, tsne or umap */
  guint            dims;          /* projection: 2 or 3 */
  guint64          seed;
  double           perplexity;    /* t-SNE; 0 for the default */
  guint            iterations;    /* t-SNE, UMAP; 0 for the default */
  const char      *queries[4];    /* custom: the left, right, up and down GRegexes */
  const char      *by;            /* custom: the metadata column queried, or NULL for the first */
  const char      *group_pattern; /* --export csv --group: a GRegex, or NULL */
  CvgAggregate     aggregate;     /* --aggregate */
  CvgBand          band;          /* --band */
} CvgExportOptions;

/* Prints `converge: MESSAGE` as one line on standard error. */
void          cvg_cli_print_error            (const char            *format,
                                              ...) G_GNUC_PRINTF (1, 2);
/* Loads @path to its end; prints why and returns NULL when it cannot. */
CvgLogdir    *cvg_cli_load_logdir            (const char            *path);
/* Every problem of the logs folder and of its runs, in run order. */
GPtrArray    *cvg_cli_collect_problems       (CvgLogdir             *logdir);

gboolean      cvg_export_format_from_string  (const char            *name,
                                              CvgExportFormat       *format);

CvgExitStatus cvg_inspect_main               (const char            *logdir,
                                              gboolean               raw);
CvgExitStatus cvg_export_main                (const CvgExportOptions *options);
/* --export text: every text entry of @runs passing the filters (the
 * purged view unless @raw), in run, tag and read order; rank ≥ 1 tensors
 * as a JSON array of their strings. Calls @flush whenever @out has grown
 * past @threshold; stops when it returns FALSE. */
void          cvg_export_text                (GPtrArray             *runs,
                                              GRegex                *run_regex,
                                              GRegex                *tag_regex,
                                              gboolean               raw,
                                              GString               *out,
                                              gsize                  threshold,
                                              CvgScalarExportFlushFunc flush,
                                              gpointer               user_data);

/* --export audio: the original bytes of every clip of @runs passing the
 * filters, as OUT_DIR/RUN/TAG/step-STEP-K.EXT (each part of a name
 * sanitized, so nothing is written outside @out_dir). FALSE after
 * printing why when a file cannot be written. */
gboolean      cvg_export_audio               (GPtrArray             *runs,
                                              GRegex                *run_regex,
                                              GRegex                *tag_regex,
                                              gboolean               raw,
                                              const char            *out_dir,
                                              guint                 *n_written);
CvgExitStatus cvg_export_hparams_main        (const CvgExportOptions *options);
/* --export projection: `index,x,y[,z],<metadata>` of one embedding. */
CvgExitStatus cvg_export_projection_main     (const CvgExportOptions *options);
/* --export images: each image's bytes to OUT/RUN/TAG/STEP[_SAMPLE].EXT. */
CvgExitStatus cvg_export_images_main         (const CvgExportOptions *options);

/* --export csv --group REGEX: the runs passing --run grouped by @group_regex
 * (cvg_run_group_name()), each group's tags passing --tag aligned on steps
 * and aggregated, as CVG_SCALAR_EXPORT_GROUP_CSV_HEADER rows; groups in
 * run order, tags sorted. Calls @flush past @threshold; stops when it
 * returns FALSE. */
void          cvg_export_groups              (GPtrArray             *runs,
                                              GRegex                *run_regex,
                                              GRegex                *tag_regex,
                                              GRegex                *group_regex,
                                              CvgAggregate           aggregate,
                                              CvgBand                band,
                                              GString               *out,
                                              gsize                  threshold,
                                              CvgScalarExportFlushFunc flush,
                                              gpointer               user_data);
/* --aggregate mean|median and --band minmax|std|ci95; NULL: the first. */
gboolean      cvg_export_aggregate_from_string (const char          *name,
                                              CvgAggregate          *aggregate);
gboolean      cvg_export_band_from_string    (const char            *name,
                                              CvgBand               *band);

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
