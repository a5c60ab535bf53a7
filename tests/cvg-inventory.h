/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A parser for the corpus INVENTORY.txt, what an independent decoder
 * found in every run of every corpus set. Strict: a line it does not
 * understand is an error, so a change of format cannot pass unnoticed. */

typedef enum
{
  CVG_INV_SCALAR_SIMPLE_VALUE,
  CVG_INV_SCALAR_TENSOR,
  CVG_INV_HISTOGRAM_PROTO,
  CVG_INV_HISTOGRAM_TENSOR,
  CVG_INV_IMAGE,
  CVG_INV_KERAS_MODEL,
  CVG_INV_GRAPH_DEF,
  CVG_INV_META_GRAPH_DEF,
  CVG_INV_SESSION_LOG,
  CVG_INV_TAGGED_RUN_METADATA,
  CVG_INV_GRAPH_RUN_METADATA,
  CVG_INV_PR_CURVE_TENSOR,
  CVG_INV_HPARAMS,
  CVG_INV_TEXT,              /* in corpus-plugins only */
} CvgInvKind;

typedef struct
{
  char     *name;            /* file name, no folder */
  guint64   size;
  guint64   records;
  guint64   bad_crc;
  gboolean  truncated_tail;
  char     *file_version;    /* "-" when absent */
  char     *writer;          /* "-" when absent */
  /* wall_time=A..B: the first and the last record's wall time (not the
   * smallest and largest: PyTorch's add_scalars writes some summaries
   * a little earlier than the file_version record before them). */
  double    wall_time_first;
  double    wall_time_last;
  guint64   n_summary;
  guint64   n_graph_def;
  guint64   n_meta_graph_def;
  guint64   n_session_log;
  guint64   n_tagged_run_metadata;
  guint64   n_log_message;
  guint64   n_other;
  guint64   proto_errors;
} CvgInvFile;

typedef struct
{
  char       *tag;           /* as printed; pseudo tags like "<graph_def>" kept */
  CvgInvKind  kind;
  guint64     n;
  gint64      step_min;      /* steps=A..B */
  gint64      step_max;
  guint64     step_decreases;
  guint64     step_repeats;
  gboolean    has_stats;     /* min= max= last= line (scalars) */
  double      min;
  double      max;
  double      last;
  char       *first_detail;  /* text after "first: ", or NULL */
  char       *last_detail;   /* text after "last: ", or NULL */
  GPtrArray  *details;       /* other detail lines (char *), trimmed */
  guint       line;          /* line number in INVENTORY.txt */
} CvgInvTag;

typedef struct
{
  char      *name;           /* "<set>/<relative path>" or "<set>" */
  char      *set;
  char      *relative;       /* "." for a set's root */
  GPtrArray *files;          /* CvgInvFile */
  GPtrArray *tags;           /* CvgInvTag */
  guint      line;
} CvgInvRun;

typedef struct
{
  GPtrArray *runs;           /* CvgInvRun, in file order */
  guint      declared_runs;  /* "runs with event files: N" */
  guint      total_runs;     /* "TOTAL runs=N" */
  guint64    total_bad_crc;
  guint64    total_truncated;
} CvgInventory;

CvgInventory *cvg_inventory_load         (const char          *path,
                                          GError             **error);
CvgInventory *cvg_inventory_parse        (const char          *text,
                                          GError             **error);
void          cvg_inventory_free         (CvgInventory        *self);

/* Set names in first-seen order (char *, owned by the array). */
GPtrArray    *cvg_inventory_get_sets     (const CvgInventory  *self);
/* Runs of one set (borrowed CvgInvRun pointers). */
GPtrArray    *cvg_inventory_get_set_runs (const CvgInventory  *self,
                                          const char          *set);
guint64       cvg_inv_run_get_records    (const CvgInvRun     *run);

const char   *cvg_inv_kind_to_string     (CvgInvKind           kind);

/* Finds "key=" in @detail (at its start or after a space) and parses the
 * integer or number that follows. */
gboolean      cvg_inv_detail_get_int     (const char          *detail,
                                          const char          *key,
                                          gint64              *value);
gboolean      cvg_inv_detail_get_double  (const char          *detail,
                                          const char          *key,
                                          double              *value);
/* Parses a leading "<W>x<H>" as in image details. */
gboolean      cvg_inv_detail_get_size    (const char          *detail,
                                          gint64              *width,
                                          gint64              *height);
/* Parses the integer before @word, as in "545 nodes" or "19 bytes";
 * also "31868B" when @word is "B". */
gboolean      cvg_inv_detail_get_count   (const char          *detail,
                                          const char          *word,
                                          gint64              *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgInventory, cvg_inventory_free)

/* Collects every mismatch of one test, so that a failure lists them all. */
typedef struct
{
  guint  n_failures;
  char  *first_failure;
  char  *where;
} CvgChecker;

void          cvg_check                  (CvgChecker          *checker,
                                          gboolean             ok,
                                          const char          *format,
                                          ...) G_GNUC_PRINTF (3, 4);
void          cvg_checker_set_where      (CvgChecker          *checker,
                                          const char          *format,
                                          ...) G_GNUC_PRINTF (2, 3);
/* Fails the test with "WHAT: N MISMATCHES; first: …" if anything failed. */
void          cvg_checker_finish         (CvgChecker          *checker,
                                          const char          *what,
                                          const char          *mismatches);

/* Loads INVENTORY.txt of the corpus cvg_test_corpus_lookup () finds. NULL
 * with @problem set when the corpus is absent (@missing TRUE) or unreadable. */
CvgInventory *cvg_inventory_load_corpus  (const char         **corpus_dir,
                                          char               **problem,
                                          gboolean            *missing);
/* Fails the running test, or skips it when the corpus is missing and not
 * required (see cvg_test_corpus_missing ()): it never passes silently. */
void          cvg_inventory_fail_or_skip (const char          *problem,
                                          gboolean             missing);

G_END_DECLS
