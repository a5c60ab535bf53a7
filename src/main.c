/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "converge"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <stdio.h>

#include "cvg-application.h"
#include "cvg-cli.h"
#include "cvg-remote.h"
#include "cvg-resources.h"

typedef struct
{
  gboolean   inspect;
  char      *export_format;
  char      *format;
  gboolean   all_runs;
  char      *logdir;
  char      *run_pattern;
  char      *tag_pattern;
  char      *out_dir;
  char      *step;
  char      *embedding;
  char      *method;
  int        dims;
  char      *seed;
  double     perplexity;
  int        iterations;
  char      *queries[4];
  char      *by;
  char      *group_pattern;
  char      *aggregate;
  char      *band;
  gboolean   raw;
  gboolean   version;
  gboolean   demo;
  char     **folders;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->export_format, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->logdir, g_free);
  g_clear_pointer (&options->run_pattern, g_free);
  g_clear_pointer (&options->tag_pattern, g_free);
  g_clear_pointer (&options->out_dir, g_free);
  g_clear_pointer (&options->step, g_free);
  g_clear_pointer (&options->embedding, g_free);
  g_clear_pointer (&options->method, g_free);
  g_clear_pointer (&options->seed, g_free);
  for (guint d = 0; d < G_N_ELEMENTS (options->queries); d++)
    g_clear_pointer (&options->queries[d], g_free);
  g_clear_pointer (&options->by, g_free);
  g_clear_pointer (&options->group_pattern, g_free);
  g_clear_pointer (&options->aggregate, g_free);
  g_clear_pointer (&options->band, g_free);
  g_clear_pointer (&options->folders, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static GOptionContext *
options_context_new (Options *options)
{
  const GOptionEntry entries[] = {
    { "inspect", 0, 0, G_OPTION_ARG_NONE, &options->inspect,
      N_("Print what the logs folder holds, and every problem found"), NULL },
    { "export", 0, 0, G_OPTION_ARG_STRING, &options->export_format,
      N_("Write the scalars to standard output as csv or json, the text entries as text (CSV), the audio clips as files (audio, with --out), the images to --out as files (images), the hparams table (hparams), or an embedding's projection as CSV (projection)"), N_("FORMAT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      N_("With --export hparams: csv, json or latex"), N_("FORMAT") },
    { "all-runs", 0, 0, G_OPTION_ARG_NONE, &options->all_runs,
      N_("With --export hparams: a row for every run, not only sessions"), NULL },
    { "logdir", 0, 0, G_OPTION_ARG_FILENAME, &options->logdir,
      N_("The logs folder"), N_("DIR") },
    { "run", 0, 0, G_OPTION_ARG_STRING, &options->run_pattern,
      N_("Export only runs whose name matches"), N_("REGEX") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &options->tag_pattern,
      N_("Export only tags that match"), N_("REGEX") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &options->out_dir,
      N_("The folder --export images or --export audio writes its files into"), N_("DIR") },
    { "step", 0, 0, G_OPTION_ARG_STRING, &options->step,
      N_("Export only the images of this step"), N_("N") },
    { "embedding", 0, 0, G_OPTION_ARG_STRING, &options->embedding,
      N_("With --export projection: the tensor, by name or RUN/NAME"), N_("NAME") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &options->method,
      N_("With --export projection: pca, tsne, umap or custom"), N_("METHOD") },
    { "left", 0, 0, G_OPTION_ARG_STRING, &options->queries[0],
      N_("With --method custom: the points on the left, by their --by value"), N_("REGEX") },
    { "right", 0, 0, G_OPTION_ARG_STRING, &options->queries[1],
      N_("With --method custom: the points on the right"), N_("REGEX") },
    { "up", 0, 0, G_OPTION_ARG_STRING, &options->queries[2],
      N_("With --method custom: the points at the top"), N_("REGEX") },
    { "down", 0, 0, G_OPTION_ARG_STRING, &options->queries[3],
      N_("With --method custom: the points at the bottom"), N_("REGEX") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &options->by,
      N_("With --method custom: the metadata column queried (the first by default)"), N_("COLUMN") },
    { "dims", 0, 0, G_OPTION_ARG_INT, &options->dims,
      N_("With --export projection: 2 or 3 dimensions"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &options->seed,
      N_("With --export projection: the random seed of t-SNE and UMAP"), N_("N") },
    { "perplexity", 0, 0, G_OPTION_ARG_DOUBLE, &options->perplexity,
      N_("With --export projection: the perplexity of t-SNE"), N_("P") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &options->iterations,
      N_("With --export projection: the iterations of t-SNE or epochs of UMAP"), N_("K") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &options->group_pattern,
      N_("With --export csv: one row per group, tag and step, the runs grouped by the regex's capture groups"), N_("REGEX") },
    { "aggregate", 0, 0, G_OPTION_ARG_STRING, &options->aggregate,
      N_("With --group: mean (the default) or median"), N_("HOW") },
    { "band", 0, 0, G_OPTION_ARG_STRING, &options->band,
      N_("With --group: minmax (the default), std or ci95"), N_("BAND") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &options->raw,
      N_("Keep the points that restarts purge"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Open the bundled demo logs"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->folders,
      NULL, N_("[DIR]") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A viewer for TensorBoard logs.\n\n"
                                           "  converge [DIR]\n"
                                           "  converge --logdir DIR\n"
                                           "  converge --demo\n"
                                           "  converge --inspect DIR\n"
                                           "  converge --export csv|json|text --logdir DIR [--run REGEX] [--tag REGEX] [--raw]\n"
                                           "  converge --export csv --logdir DIR --group REGEX [--aggregate mean|median] [--band minmax|std|ci95]\n"
                                           "  converge --export audio --logdir DIR --out DIR [--run REGEX] [--tag REGEX] [--raw]\n"
                                           "  converge --export hparams --logdir DIR [--format csv|json|latex] [--all-runs] [--run REGEX] [--tag REGEX]\n"
                                           "  converge --export images --logdir DIR --out DIR [--run REGEX] [--tag REGEX] [--step N]\n"
                                           "  converge --export projection --logdir DIR [--embedding NAME] [--method pca|tsne|umap] [--dims 2|3] [--seed N] [--perplexity P] [--iterations K]\n"
                                           "  converge --export projection --logdir DIR [--embedding NAME] --method custom --left REGEX --right REGEX --up REGEX --down REGEX [--by COLUMN]"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static CvgExitStatus
usage_error (const char *message)
{
  cvg_cli_print_error (_("%s (see --help)"), message);
  return CVG_EXIT_USAGE;
}

static CvgExitStatus
run_export_projection (const Options    *options,
                       CvgExportOptions *export)
{
  export->projection = TRUE;
  export->embedding = options->embedding;
  export->method = options->method != NULL ? options->method : "pca";
  export->dims = options->dims != 0 ? (guint) options->dims : 2;
  export->perplexity = options->perplexity;
  export->iterations = (guint) MAX (options->iterations, 0);
  export->by = options->by;
  for (guint d = 0; d < G_N_ELEMENTS (export->queries); d++)
    export->queries[d] = options->queries[d];
  if (export->dims != 2 && export->dims != 3)
    return usage_error (_("--dims takes 2 or 3"));
  if (g_str_equal (export->method, "custom")
      && (export->dims != 2 || !export->queries[0] || !export->queries[1] || !export->queries[2] || !export->queries[3]))
    return usage_error (_("--method custom is 2-D and needs --left, --right, --up and --down"));
  if (options->perplexity < 0 || options->iterations < 0)
    return usage_error (_("--perplexity and --iterations take positive numbers"));
  if (options->seed != NULL && !g_ascii_string_to_unsigned (options->seed, 10, 0, G_MAXUINT64, &export->seed, NULL))
    return usage_error (_("--seed takes a whole number"));
  if (export->logdir == NULL)
    return usage_error (_("no logs folder given"));
  return cvg_export_main (export);
}

static CvgExitStatus
run_export (const Options *options,
            const char    *logdir)
{
  CvgExportOptions export = {
    .logdir = logdir,
    .run_pattern = options->run_pattern,
    .tag_pattern = options->tag_pattern,
    .raw = options->raw,
    .out_dir = options->out_dir,
    .has_step = options->step != NULL,
  };

  if (options->inspect)
    return usage_error (_("--inspect and --export cannot be combined"));
  if (g_strcmp0 (options->export_format, "projection") == 0)
    return run_export_projection (options, &export);
  export.hparams = g_strcmp0 (options->export_format, "hparams") == 0;
  export.all_runs = options->all_runs;
  if (!export.hparams && (options->format != NULL || options->all_runs))
    return usage_error (_("--format and --all-runs go with --export hparams"));
  if (export.hparams &&
      (!cvg_export_format_from_string (options->format != NULL ? options->format : "csv", &export.format) ||
       export.format == CVG_EXPORT_TEXT || export.format == CVG_EXPORT_AUDIO))
    return usage_error (_("--format takes csv, json or latex"));
  if (!export.hparams &&
      (!cvg_export_format_from_string (options->export_format, &export.format) || export.format == CVG_EXPORT_LATEX))
    return usage_error (_("--export takes csv, json, text, audio, images, hparams or projection"));
  if (options->step != NULL &&
      !g_ascii_string_to_signed (options->step, 10, G_MININT64, G_MAXINT64, &export.step, NULL))
    return usage_error (_("--step takes a whole number"));
  export.group_pattern = options->group_pattern;
  if ((options->aggregate != NULL || options->band != NULL) && options->group_pattern == NULL)
    return usage_error (_("--aggregate and --band go with --group"));
  if (options->group_pattern != NULL && (export.format != CVG_EXPORT_CSV || export.hparams || options->raw))
    return usage_error (_("--group goes with --export csv, without --raw"));
  if (!cvg_export_aggregate_from_string (options->aggregate, &export.aggregate))
    return usage_error (_("--aggregate takes mean or median"));
  if (!cvg_export_band_from_string (options->band, &export.band))
    return usage_error (_("--band takes minmax, std or ci95"));
  if (logdir == NULL)
    return usage_error (_("no logs folder given"));
  if ((export.format == CVG_EXPORT_AUDIO || export.format == CVG_EXPORT_IMAGES) != (options->out_dir != NULL))
    return usage_error (_("--export audio and --export images write files: give them, and only them, --out DIR"));
  return cvg_export_main (&export);
}

/* The folder holding this binary when it runs from a build tree
 * (build/src/converge), else NULL. */
static char *
get_build_root (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *src_dir = NULL;
  g_autofree char *root = NULL;
  g_autofree char *marker = NULL;

  if (exe == NULL)
    return NULL;
  src_dir = g_path_get_dirname (exe);
  root = g_path_get_dirname (src_dir);
  marker = g_build_filename (root, "meson-private", NULL);
  if (!g_file_test (marker, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&root);
}

/* An uninstalled build finds its compiled settings schema in build/data. */
static void
setup_uninstalled_schemas (void)
{
  g_autofree char *root = NULL;
  g_autofree char *compiled = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL || (root = get_build_root ()) == NULL)
    return;
  compiled = g_build_filename (root, "data", "gschemas.compiled", NULL);
  if (g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *dir = g_path_get_dirname (compiled);

      g_setenv ("GSETTINGS_SCHEMA_DIR", dir, TRUE);
    }
}

/* An uninstalled build finds its translations in build/po, where meson
 * builds the .mo files in the layout gettext expects. */
static void
bind_locale_dir (void)
{
  g_autofree char *root = get_build_root ();
  g_autofree char *po = root != NULL ? g_build_filename (root, "po", NULL) : NULL;

  bindtextdomain (GETTEXT_PACKAGE, po != NULL && g_file_test (po, G_FILE_TEST_IS_DIR) ? po : LOCALEDIR);
}

/* The demo logs: $CVG_DEMO_LOGDIR, else build/data/demo-logs when running
 * from a build tree, else pkgdatadir/demo-logs (datadir/converge/demo-logs,
 * found next to LOCALEDIR or in XDG_DATA_DIRS). */
static char *
find_demo_logdir (void)
{
  const char *env = g_getenv ("CVG_DEMO_LOGDIR");
  g_autofree char *root = get_build_root ();
  g_autofree char *datadir = g_path_get_dirname (LOCALEDIR);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  const char * const *system_dirs = g_get_system_data_dirs ();

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (root != NULL)
    g_ptr_array_add (candidates, g_build_filename (root, "data", "demo-logs", NULL));
  g_ptr_array_add (candidates, g_build_filename (datadir, "converge", "demo-logs", NULL));
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (candidates, g_build_filename (system_dirs[i], "converge", "demo-logs", NULL));

  for (guint i = 0; i < candidates->len; i++)
    if (g_file_test (g_ptr_array_index (candidates, i), G_FILE_TEST_IS_DIR))
      return g_strdup (g_ptr_array_index (candidates, i));
  return NULL;
}

static int
run_window (const char *argv0,
            const char *logdir)
{
  g_autoptr(CvgApplication) app = NULL;
  char *app_argv[3] = { (char *) argv0, (char *) logdir, NULL };

  setup_uninstalled_schemas ();
  /* Without a display the headless modes are what is left. */
  if (!gtk_init_check ())
    return usage_error (_("cannot open a display; without one use --inspect or --export"));
  g_resources_register (cvg_get_resource ());
  app = cvg_application_new ();
  return g_application_run (G_APPLICATION (app), logdir != NULL ? 2 : 1, app_argv);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  const char *logdir;

  setlocale (LC_ALL, "");
  bind_locale_dir ();
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = options_context_new (&options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (options.version)
    {
      printf ("converge %s\n", PACKAGE_VERSION);
      return CVG_EXIT_OK;
    }

  if (options.folders != NULL && options.folders[1] != NULL)
    return usage_error (_("give one logs folder"));
  if (options.folders != NULL && options.logdir != NULL)
    return usage_error (_("give the logs folder with --logdir or as an argument, not both"));
  logdir = options.logdir != NULL ? options.logdir : options.folders != NULL ? options.folders[0] : NULL;
  /* file:// URIs are read as local paths; other URIs through GIO. */
  if (logdir != NULL)
    logdir = location = cvg_remote_location_for_arg (logdir);

  if (options.export_format != NULL)
    return run_export (&options, logdir);
  if (options.run_pattern != NULL || options.tag_pattern != NULL)
    return usage_error (_("--run and --tag go with --export"));
  if (options.group_pattern != NULL)
    return usage_error (_("--group goes with --export csv, without --raw"));
  if (options.format != NULL || options.all_runs)
    return usage_error (_("--format and --all-runs go with --export hparams"));

  if (options.demo)
    {
      g_autofree char *demo = NULL;

      if (logdir != NULL || options.inspect)
        return usage_error (_("--demo takes no logs folder"));
      demo = find_demo_logdir ();
      if (demo == NULL)
        {
          cvg_cli_print_error (_("the demo logs are not installed"));
          return CVG_EXIT_UNREADABLE;
        }
      return run_window (argv[0], demo);
    }

  if (options.inspect)
    {
      if (logdir == NULL)
        return usage_error (_("no logs folder given"));
      return cvg_inspect_main (logdir, options.raw);
    }
  if (options.raw)
    return usage_error (_("--raw goes with --inspect or --export"));

  /* Without --inspect or --export: the window. */
  return run_window (argv[0], logdir);
}
