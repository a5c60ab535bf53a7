/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-projection"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cvg-projector.h"
#include "cvg-projector-layout.h"

#define DEFAULT_TSNE_ITERATIONS 1000

static void
print_notices (GPtrArray *notices)
{
  for (guint i = 0; i < notices->len; i++)
    cvg_cli_print_error ("%s", (const char *) g_ptr_array_index (notices, i));
}

/* --embedding NAME or RUN/NAME; the first tensor found without it. */
static CvgProjectorSource *
find_source (CvgProjectorScan *scan,
             const char       *wanted)
{
  for (guint i = 0; i < scan->sources->len; i++)
    {
      CvgProjectorSource *source = g_ptr_array_index (scan->sources, i);
      g_autofree char *full = g_build_path ("/", source->run, source->name, NULL);

      if (wanted == NULL || g_str_equal (source->name, wanted) || g_str_equal (full, wanted))
        return source;
    }
  return NULL;
}

static CvgProjectorLayout *
project_pca (CvgEmbedding             *embedding,
             const CvgExportOptions   *options,
             GError                  **error)
{
  static const guint axes[3] = { 0, 1, 2 };
  g_autoptr(CvgPca) pca = cvg_projector_compute_pca (embedding, cvg_projector_default_sphereize (embedding),
                                                     NULL, error);
  CvgProjectorLayout *layout;
  g_autoptr(GString) variances = g_string_new (NULL);

  if (pca == NULL)
    return NULL;
  layout = cvg_projector_layout_from_pca (embedding, pca, options->dims, axes);
  for (guint i = 0; i < layout->n_variances; i++)
    g_string_append_printf (variances, "%s%.4g%%", i > 0 ? ", " : "", 100 * layout->variance_fractions[i]);
  cvg_cli_print_error (_("PCA: variance explained by each component: %s"), variances->str);
  return layout;
}

static CvgProjectorLayout *
project_tsne (CvgEmbedding             *embedding,
              const CvgExportOptions   *options,
              GError                  **error)
{
  CvgTsneParams params;
  guint n_rows;
  g_autofree float *data = cvg_projector_prepare (embedding, cvg_projector_default_sphereize (embedding), &n_rows);
  g_autoptr(CvgTsne) tsne = NULL;
  g_autofree float *positions = NULL;

  cvg_tsne_params_init (&params);
  params.n_dims = options->dims;
  params.seed = options->seed;
  if (options->perplexity > 0)
    params.perplexity = options->perplexity;
  tsne = cvg_tsne_new (data, n_rows, embedding->n_dims, &params, NULL, error);
  if (tsne == NULL
      || !cvg_tsne_step (tsne, options->iterations > 0 ? options->iterations : DEFAULT_TSNE_ITERATIONS, NULL, error))
    return NULL;
  positions = cvg_tsne_copy_positions (tsne, NULL);
  return cvg_projector_layout_new (embedding, positions, options->dims);
}

static CvgProjectorLayout *
project_umap (CvgEmbedding             *embedding,
              const CvgExportOptions   *options,
              GError                  **error)
{
  CvgUmapParams params;
  guint n_rows;
  g_autofree float *data = cvg_projector_prepare (embedding, cvg_projector_default_sphereize (embedding), &n_rows);
  g_autoptr(CvgUmap) umap = NULL;
  g_autofree float *positions = NULL;

  cvg_umap_params_init (&params);
  params.n_dims = options->dims;
  params.seed = options->seed;
  params.n_epochs = options->iterations;
  umap = cvg_umap_new (data, n_rows, embedding->n_dims, &params, NULL, error);
  if (umap == NULL || !cvg_umap_step (umap, cvg_umap_get_n_epochs (umap), NULL, error))
    return NULL;
  positions = cvg_umap_copy_positions (umap, NULL);
  return cvg_projector_layout_new (embedding, positions, options->dims);
}

/* --by COLUMN, else the first: the column the custom queries look in. */
static gboolean
find_column (CvgEmbedding  *embedding,
             const char    *name,
             guint         *column,
             GError       **error)
{
  for (guint c = 0; c < embedding->n_columns; c++)
    if (name == NULL || g_str_equal (embedding->column_names[c], name))
      {
        *column = c;
        return TRUE;
      }
  if (name != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("no metadata column “%s”"), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("--method custom queries the metadata, and this embedding has none"));
  return FALSE;
}

static CvgProjectorLayout *
project_custom (CvgEmbedding             *embedding,
                const CvgExportOptions   *options,
                GError                  **error)
{
  static const char * const options_names[] = { "--left", "--right", "--up", "--down" };
  GArray *points[CVG_PROJECTOR_N_DIRECTIONS] = { NULL };
  CvgProjectorLayout *layout = NULL;
  guint column, d;

  if (!find_column (embedding, options->by, &column, error))
    return NULL;
  for (d = 0; d < CVG_PROJECTOR_N_DIRECTIONS; d++)
    {
      g_autoptr(GRegex) regex = g_regex_new (options->queries[d], G_REGEX_CASELESS, 0, error);

      if (regex == NULL)
        break;
      points[d] = cvg_embedding_match (embedding, column, regex);
      if (points[d]->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s “%s” matches no point"),
                       options_names[d], options->queries[d]);
          break;
        }
    }
  if (d == CVG_PROJECTOR_N_DIRECTIONS)
    layout = cvg_projector_layout_custom (embedding, cvg_projector_default_sphereize (embedding), points, error);
  for (d = 0; d < CVG_PROJECTOR_N_DIRECTIONS; d++)
    g_clear_pointer (&points[d], g_array_unref);
  return layout;
}

static CvgProjectorLayout *
project (CvgEmbedding             *embedding,
         const CvgExportOptions   *options,
         CvgProjectorMethod        method,
         GError                  **error)
{
  switch (method)
    {
    case CVG_PROJECTOR_TSNE:
      return project_tsne (embedding, options, error);
    case CVG_PROJECTOR_UMAP:
      return project_umap (embedding, options, error);
    case CVG_PROJECTOR_CUSTOM:
      return project_custom (embedding, options, error);
    case CVG_PROJECTOR_PCA:
    default:
      return project_pca (embedding, options, error);
    }
}

/* `converge --export projection`: one embedding's projected points with
 * their metadata, as CSV on standard output; notices on standard error. */
CvgExitStatus
cvg_export_projection_main (const CvgExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgProjectorScan) scan = NULL;
  g_autoptr(CvgEmbedding) embedding = NULL;
  g_autoptr(CvgProjectorLayout) layout = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  CvgProjectorSource *source;
  CvgProjectorMethod method;

  if (!cvg_projector_method_from_string (options->method, &method))
    {
      cvg_cli_print_error (_("--method takes pca, tsne, umap or custom (see --help)"));
      return CVG_EXIT_USAGE;
    }
  scan = cvg_projector_scan (options->logdir, NULL, &error);
  if (scan == NULL)
    {
      cvg_cli_print_error ("%s", error->message);
      return CVG_EXIT_UNREADABLE;
    }
  print_notices (scan->notices);
  source = find_source (scan, options->embedding);
  if (source == NULL)
    {
      if (options->embedding != NULL)
        cvg_cli_print_error (_("no embedding “%s” in %s"), options->embedding, options->logdir);
      else
        cvg_cli_print_error (_("no embedding in %s"), options->logdir);
      return CVG_EXIT_UNREADABLE;
    }
  embedding = cvg_projector_load (source, g_ptr_array_index (source->steps, source->steps->len - 1), NULL, &error);
  if (embedding == NULL)
    {
      cvg_cli_print_error ("%s", error->message);
      return CVG_EXIT_UNREADABLE;
    }
  print_notices (embedding->notices);
  layout = project (embedding, options, method, &error);
  if (layout == NULL)
    {
      cvg_cli_print_error ("%s", error->message);
      return CVG_EXIT_UNREADABLE;
    }
  cvg_projector_append_csv (out, embedding, layout);
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      cvg_cli_print_error (_("cannot write the export: %s"), g_strerror (errno != 0 ? errno : EIO));
      return CVG_EXIT_UNREADABLE;
    }
  return CVG_EXIT_OK;
}
