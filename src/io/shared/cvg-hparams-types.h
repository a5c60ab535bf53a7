/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hparams plugin's content (HParamsPluginData) as plain structs. */

typedef enum
{
  CVG_HPARAM_NONE,     /* missing, or google.protobuf.Value's null */
  CVG_HPARAM_NUMBER,
  CVG_HPARAM_STRING,
  CVG_HPARAM_BOOL,
  CVG_HPARAM_OTHER,    /* a list or struct: @string holds a short text of it */
} CvgHparamType;

typedef struct
{
  CvgHparamType type;
  double        number;    /* NUMBER; BOOL as 0 or 1 */
  char         *string;    /* STRING and OTHER, valid UTF-8; NULL otherwise */
} CvgHparamValue;

typedef struct
{
  char          *name;
  CvgHparamValue value;
} CvgHparamEntry;

typedef struct
{
  char          *name;
  char          *display_name;   /* "" when none */
  CvgHparamType  type;           /* NONE when the experiment does not say */
} CvgHparamInfo;

typedef struct
{
  char *group;                   /* "" for the session's own run */
  char *tag;
  char *display_name;
} CvgMetricInfo;

typedef enum
{
  CVG_HPARAMS_DATA_EXPERIMENT = 1,
  CVG_HPARAMS_DATA_SESSION_START,
  CVG_HPARAMS_DATA_SESSION_END,
} CvgHparamsDataKind;

/* Session status as api.proto numbers it. */
typedef enum
{
  CVG_SESSION_STATUS_UNKNOWN = 0,
  CVG_SESSION_STATUS_SUCCESS = 1,
  CVG_SESSION_STATUS_FAILURE = 2,
  CVG_SESSION_STATUS_RUNNING = 3,
} CvgSessionStatus;

typedef struct
{
  CvgHparamsDataKind kind;
  /* EXPERIMENT */
  GPtrArray *hparam_infos;       /* CvgHparamInfo */
  GPtrArray *metric_infos;       /* CvgMetricInfo */
  /* SESSION_START */
  GPtrArray *hparams;            /* CvgHparamEntry, in file order */
  char      *group_name;
  double     start_time;         /* seconds, 0 when not written */
  /* SESSION_END */
  int        status;             /* CvgSessionStatus, or what the file says */
  double     end_time;
} CvgHparamsData;

void cvg_hparam_value_clear (CvgHparamValue *value);
void cvg_hparam_value_copy  (const CvgHparamValue *src,
                             CvgHparamValue       *dest);

G_END_DECLS
