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

static GtkWidget *
scalars_page_new (GListModel *runs)
{
  CvgScalarsPage *page = g_object_new (CVG_TYPE_SCALARS_PAGE, NULL);

  cvg_scalars_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
histograms_page_new (GListModel *runs)
{
  CvgHistogramsPage *page = g_object_new (CVG_TYPE_HISTOGRAMS_PAGE, NULL);

  cvg_histograms_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
distributions_page_new (GListModel *runs)
{
  CvgDistributionsPage *page = g_object_new (CVG_TYPE_DISTRIBUTIONS_PAGE, NULL);

  cvg_distributions_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
hparams_page_new (GListModel *runs)
{
  CvgHparamsPage *page = g_object_new (CVG_TYPE_HPARAMS_PAGE, NULL);

  cvg_hparams_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
graphs_page_new (GListModel *runs)
{
  CvgGraphsPage *page = g_object_new (CVG_TYPE_GRAPHS_PAGE, NULL);

  cvg_graphs_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
text_page_new (GListModel *runs)
{
  CvgTextPage *page = g_object_new (CVG_TYPE_TEXT_PAGE, NULL);

  cvg_text_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
audio_page_new (GListModel *runs)
{
  CvgAudioPage *page = g_object_new (CVG_TYPE_AUDIO_PAGE, NULL);

  cvg_audio_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
images_page_new (GListModel *runs)
{
  CvgImagesPage *page = g_object_new (CVG_TYPE_IMAGES_PAGE, NULL);

  cvg_images_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
projector_page_new (GListModel *runs)
{
  return g_object_new (CVG_TYPE_PROJECTOR_PAGE, NULL);
}

static GtkWidget *
pr_curves_page_new (GListModel *runs)
{
  CvgPrCurvesPage *page = g_object_new (CVG_TYPE_PR_CURVES_PAGE, NULL);

  cvg_pr_curves_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

static GtkWidget *
custom_scalars_page_new (GListModel *runs)
{
  CvgCustomScalarsPage *page = g_object_new (CVG_TYPE_CUSTOM_SCALARS_PAGE, NULL);

  cvg_custom_scalars_page_set_runs (page, runs);
  return GTK_WIDGET (page);
}

/* The pages in switcher order; a new page is one more line here. Ctrl+1…9
 * and Ctrl+0 take the first ten, Alt+1… the others. */
static const CvgPageInfo pages[] = {
  { "scalars", N_("Scalars"), "view-continuous-symbolic", "<Control>1", scalars_page_new, NULL,
    1, { CVG_KIND_SCALAR } },
  { "histograms", N_("Histograms"), "view-grid-symbolic", "<Control>2", histograms_page_new, NULL,
    1, { CVG_KIND_HISTOGRAM } },
  { "distributions", N_("Distributions"), "view-paged-symbolic", "<Control>3", distributions_page_new, NULL,
    1, { CVG_KIND_HISTOGRAM } },
  { "graphs", N_("Graphs"), "network-workgroup-symbolic", "<Control>4", graphs_page_new, NULL,
    4, { CVG_KIND_GRAPH_DEF, CVG_KIND_META_GRAPH_DEF, CVG_KIND_RUN_METADATA, CVG_KIND_KERAS_MODEL } },
  { "images", N_("Images"), "image-x-generic-symbolic", "<Control>5", images_page_new, NULL,
    1, { CVG_KIND_IMAGE } },
  { "text", N_("Text"), "format-text-plaintext-symbolic", "<Control>6", text_page_new,
    N_("<tt>tf.summary.text</tt> and PyTorch <tt>SummaryWriter.add_text</tt> write it."),
    1, { CVG_KIND_TEXT } },
  { "audio", N_("Audio"), "audio-x-generic-symbolic", "<Control>7", audio_page_new,
    N_("<tt>tf.summary.audio</tt> and PyTorch <tt>SummaryWriter.add_audio</tt> write it."),
    1, { CVG_KIND_AUDIO } },
  /* The runs table is for every run with scalars, hparams or not. */
  { "hparams", N_("HParams"), "x-office-spreadsheet-symbolic", "<Control>8", hparams_page_new, NULL,
    2, { CVG_KIND_HPARAMS, CVG_KIND_SCALAR } },
  { "pr-curves", N_("PR Curves"), "view-sort-descending-symbolic", "<Control>9", pr_curves_page_new,
    N_("<tt>tensorboard.plugins.pr_curve.summary.op</tt> and PyTorch <tt>SummaryWriter.add_pr_curve</tt> write them."),
    1, { CVG_KIND_PR_CURVE } },
  /* Active by its "has-content": it finds configs itself, off the main thread. */
  { "projector", N_("Projector"), "applications-science-symbolic", "<Control>0", projector_page_new, NULL,
    0, { 0 } },
  /* Active by its "has-content": a layout is a plugin blob, not a kind. */
  { "custom-scalars", N_("Custom Scalars"), "view-dual-symbolic", "<Alt>1", custom_scalars_page_new,
    N_("PyTorch <tt>SummaryWriter.add_custom_scalars</tt> and <tt>custom_scalar.summary.pb</tt> write a layout; New Chart makes charts of your own."),
    0, { 0 } },
};

const CvgPageInfo *
cvg_pages_get (guint *n_pages)
{
  *n_pages = G_N_ELEMENTS (pages);
  return pages;
}
