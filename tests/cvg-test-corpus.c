/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-test-corpus"

#include "cvg-test-config.h"
#include "cvg-test-corpus.h"

/* CVG_TEST_CORPUS_DEFAULT and CVG_TEST_CORPUS_PLUGINS_DEFAULT come from
 * meson (-Dcorpus_dir=, -Dcorpus_plugins_dir=, else ../shared/… beside the
 * source tree); the environment overrides them without a new setup. */
typedef struct
{
  const char *env;
  const char *fallback;
  const char *option;
} CorpusSource;

static const CorpusSource sources[] = {
  [CVG_TEST_CORPUS] = { "CVG_CORPUS_DIR", CVG_TEST_CORPUS_DEFAULT, "corpus_dir" },
  [CVG_TEST_CORPUS_PLUGINS] = { "CVG_CORPUS_PLUGINS_DIR", CVG_TEST_CORPUS_PLUGINS_DEFAULT,
                                "corpus_plugins_dir" },
};

const char *
cvg_test_corpus_lookup (CvgTestCorpus   corpus,
                        char          **reason)
{
  const CorpusSource *source = &sources[corpus];
  const char *dir = g_getenv (source->env);
  g_autofree char *inventory = NULL;
  g_autofree char *shown = NULL;

  if (dir == NULL || *dir == '\0')
    dir = source->fallback;
  inventory = g_build_filename (dir, "INVENTORY.txt", NULL);
  if (g_file_test (inventory, G_FILE_TEST_IS_REGULAR))
    return dir;

  /* "/src/../shared/corpus" reads better as "/shared/corpus". */
  shown = g_canonicalize_filename (dir, NULL);
  *reason = g_strdup_printf ("%s %s is missing: give it with meson setup -D%s=DIR or %s=DIR",
                             g_file_test (dir, G_FILE_TEST_IS_DIR) ? "corpus INVENTORY.txt in"
                                                                   : "corpus folder",
                             shown, source->option, source->env);
  return NULL;
}

gboolean
cvg_test_corpus_required (void)
{
  return g_strcmp0 (g_getenv ("CI"), "true") == 0 ||
         g_strcmp0 (g_getenv ("CVG_REQUIRE_CORPUS"), "1") == 0;
}

void
cvg_test_corpus_missing (const char *reason)
{
  if (cvg_test_corpus_required ())
    g_test_fail_printf ("%s (required under CI=true or CVG_REQUIRE_CORPUS=1)", reason);
  else
    g_test_skip (reason);
}

const char *
cvg_test_corpus_dir (CvgTestCorpus corpus)
{
  g_autofree char *reason = NULL;
  const char *dir = cvg_test_corpus_lookup (corpus, &reason);

  if (dir == NULL)
    cvg_test_corpus_missing (reason);
  return dir;
}
