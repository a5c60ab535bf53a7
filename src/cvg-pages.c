/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pages"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-pages.h"

#include "cvg-audio-page.h"
#include "cvg-custom-scalars-page.h"
#include "cvg-distributions-page.h"
#include "cvg-graphs-page.h"
#include "cvg-histograms-page.h"
#include "cvg-hparams-page.h"
#include "cvg-images-page.h"
#include "cvg-pr-curves-page.h"
#include "cvg-projector-page.h"
#include "cvg-scalars-page.h"
#include "cvg-text-page.h"

/* The pages in switcher order; a new page is one more line here. Ctrl+1…9
 * and Ctrl+0 take the first ten, Alt+1… the others. */
static const CvgPageInfo pages[] = {
  { "scalars", N_("Scalars"), "view-continuous-symbolic", "<Control>1", cvg_scalars_page_get_type,
    1, { CVG_KIND_SCALAR } },
  { "histograms", N_("Histograms"), "view-grid-symbolic", "<Control>2", cvg_histograms_page_get_type,
    1, { CVG_KIND_HISTOGRAM } },
  { "distributions", N_("Distributions"), "view-paged-symbolic", "<Control>3", cvg_distributions_page_get_type,
    1, { CVG_KIND_HISTOGRAM } },
  { "graphs", N_("Graphs"), "network-workgroup-symbolic", "<Control>4", cvg_graphs_page_get_type,
    4, { CVG_KIND_GRAPH_DEF, CVG_KIND_META_GRAPH_DEF, CVG_KIND_RUN_METADATA, CVG_KIND_KERAS_MODEL } },
  { "images", N_("Images"), "image-x-generic-symbolic", "<Control>5", cvg_images_page_get_type,
    1, { CVG_KIND_IMAGE } },
  { "text", N_("Text"), "format-text-plaintext-symbolic", "<Control>6", cvg_text_page_get_type,
    1, { CVG_KIND_TEXT } },
  { "audio", N_("Audio"), "audio-x-generic-symbolic", "<Control>7", cvg_audio_page_get_type,
    1, { CVG_KIND_AUDIO } },
  /* The runs table is for every run with scalars, hparams or not. */
  { "hparams", N_("HParams"), "x-office-spreadsheet-symbolic", "<Control>8", cvg_hparams_page_get_type,
    2, { CVG_KIND_HPARAMS, CVG_KIND_SCALAR } },
  { "pr-curves", N_("PR Curves"), "view-sort-descending-symbolic", "<Control>9", cvg_pr_curves_page_get_type,
    1, { CVG_KIND_PR_CURVE } },
  /* Active by its "has-content": it finds configs itself, off the main thread. */
  { "projector", N_("Projector"), "applications-science-symbolic", "<Control>0", cvg_projector_page_get_type,
    0, { 0 } },
  /* Active by its "has-content": a layout is a plugin blob, not a kind. */
  { "custom-scalars", N_("Custom Scalars"), "view-dual-symbolic", "<Alt>1", cvg_custom_scalars_page_get_type,
    0, { 0 } },
};

const CvgPageInfo *
cvg_pages_get (guint *n_pages)
{
  *n_pages = G_N_ELEMENTS (pages);
  return pages;
}
