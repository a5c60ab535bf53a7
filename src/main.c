#define G_LOG_DOMAIN "converge"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cvg-cli.h"

typedef struct
{
  gboolean   inspect;
  char      *export_format;
  char      *logdir;
  char      *run_pattern;
  char      *tag_pattern;
  gboolean   raw;
  gboolean   version;
  char     **folders;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->export_format, g_free);
  g_clear_pointer (&options->logdir, g_free);
  g_clear_pointer (&options->run_pattern, g_free);
  g_clear_pointer (&options->tag_pattern, g_free);
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
      N_("Write the scalars to standard output as csv or json"), N_("FORMAT") },
    { "logdir", 0, 0, G_OPTION_ARG_FILENAME, &options->logdir,
      N_("The logs folder"), N_("DIR") },
    { "run", 0, 0, G_OPTION_ARG_STRING, &options->run_pattern,
      N_("Export only runs whose name matches"), N_("REGEX") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &options->tag_pattern,
      N_("Export only tags that match"), N_("REGEX") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &options->raw,
      N_("Keep the points that restarts purge"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->folders,
      NULL, N_("[DIR]") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A viewer for TensorBoard logs.\n\n"
                                           "  converge --inspect DIR\n"
                                           "  converge --export csv|json --logdir DIR [--run REGEX] [--tag REGEX] [--raw]"));
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
run_export (const Options *options,
            const char    *logdir)
{
  CvgExportOptions export = {
    .logdir = logdir,
    .run_pattern = options->run_pattern,
    .tag_pattern = options->tag_pattern,
    .raw = options->raw,
  };

  if (options->inspect)
    return usage_error (_("--inspect and --export cannot be combined"));
  if (!cvg_export_format_from_string (options->export_format, &export.format))
    return usage_error (_("--export takes csv or json"));
  if (logdir == NULL)
    return usage_error (_("no logs folder given"));
  return cvg_export_main (&export);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *logdir;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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

  if (options.export_format != NULL)
    return run_export (&options, logdir);
  if (options.run_pattern != NULL || options.tag_pattern != NULL)
    return usage_error (_("--run and --tag go with --export"));
  if (logdir == NULL)
    return usage_error (_("no logs folder given"));

  if (!options.inspect)
    cvg_cli_print_error (_("the window comes in a later version; showing --inspect for now"));
  return cvg_inspect_main (logdir, options.raw);
}
