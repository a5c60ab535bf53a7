/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the projector's inputs: the text-format config, where configs
 * and tensors are found, TSV tensors and metadata by TensorBoard's rules,
 * sprites, path containment, and the real corpus sets. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cvg-io-error.h"
#include "cvg-pbtxt.h"
#include "cvg-projector.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"

static void
put (const char *dir,
     const char *name,
     const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
has_notice (GPtrArray  *notices,
            const char *part)
{
  for (guint i = 0; i < notices->len; i++)
    if (strstr (g_ptr_array_index (notices, i), part) != NULL)
      return TRUE;
  return FALSE;
}

/* pbtxt */

static void
test_pbtxt (void)
{
  static const char text[] =
    "# a comment\n"
    "model_checkpoint_path: 'x\\'y' \"z\"\n"
    "embeddings {\n"
    "  tensor_name: \"default:00000\"\n"
    "  tensor_shape: [100, 784]\n"
    "  sprite < image_path: \"a\\tb\\101\\x42\" single_image_dim: 28; single_image_dim: 14 >\n"
    "}\n"
    "embeddings: { tensor_name: \"second\" }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgPbtxtField) root = cvg_pbtxt_parse (text, strlen (text), &error);
  g_autoptr(GPtrArray) embeddings = NULL;
  g_autoptr(GPtrArray) shape = NULL;
  g_autoptr(GPtrArray) sprites = NULL;
  g_autoptr(GPtrArray) dims = NULL;
  CvgPbtxtField *first;

  g_assert_no_error (error);
  g_assert_cmpstr (cvg_pbtxt_get_string (root, "model_checkpoint_path"), ==, "x'yz");
  embeddings = cvg_pbtxt_get_all (root, "embeddings");
  g_assert_cmpuint (embeddings->len, ==, 2);
  first = g_ptr_array_index (embeddings, 0);
  g_assert_cmpstr (cvg_pbtxt_get_string (first, "tensor_name"), ==, "default:00000");
  shape = cvg_pbtxt_get_all (first, "tensor_shape");
  g_assert_cmpuint (shape->len, ==, 2);
  g_assert_cmpstr (((CvgPbtxtField *) g_ptr_array_index (shape, 1))->value, ==, "784");
  sprites = cvg_pbtxt_get_all (first, "sprite");
  g_assert_cmpuint (sprites->len, ==, 1);
  g_assert_cmpstr (cvg_pbtxt_get_string (g_ptr_array_index (sprites, 0), "image_path"), ==, "a\tbAB");
  dims = cvg_pbtxt_get_all (g_ptr_array_index (sprites, 0), "single_image_dim");
  g_assert_cmpuint (dims->len, ==, 2);
  g_assert_cmpstr (cvg_pbtxt_get_string (g_ptr_array_index (embeddings, 1), "tensor_name"), ==, "second");
}

static void
assert_pbtxt_fails (const char *text,
                    const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgPbtxtField) root = cvg_pbtxt_parse (text, strlen (text), &error);

  g_assert_null (root);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
  g_assert_true (g_str_has_prefix (error->message, line));
}

static void
test_pbtxt_bad (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new (NULL);

  assert_pbtxt_fails ("a {\n b: 1\n", "Line 3");
  assert_pbtxt_fails ("a: \"open\n", "Line 1");
  assert_pbtxt_fails ("a {\n}\n}\n", "Line 3");
  assert_pbtxt_fails ("a { b: 1 >", "Line 1");
  assert_pbtxt_fails ("a:\n", "Line 2");
  /* Nesting past the bound fails without recursing. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "a {");
  assert_pbtxt_fails (deep->str, "Line 1");
  for (guint i = 0; i <= CVG_PBTXT_MAX_FIELDS; i++)
    g_string_append (wide, "a: 1\n");
  assert_pbtxt_fails (wide->str, "Line");
}

/* TSV tensors and metadata */

static CvgEmbedding *
embedding_from_text (const char  *text,
                     GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("cvg-projector-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tensors.tsv", NULL);
  CvgEmbedding *embedding;

  put (dir, "tensors.tsv", text);
  embedding = cvg_embedding_new_from_tsv (path, NULL, error);
  cvg_test_remove_tree (dir);
  return embedding;
}

static void
test_tsv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgEmbedding) embedding = embedding_from_text ("1\t2.5\t-3e2\n\n  \n4\t5\t6\r\nnan\t1\t2\n7\tinf\t9", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (embedding->n_points, ==, 4);
  g_assert_cmpuint (embedding->n_dims, ==, 3);
  g_assert_cmpfloat (embedding->data[1], ==, 2.5f);
  g_assert_cmpfloat (embedding->data[2], ==, -300.f);
  g_assert_cmpfloat (embedding->data[5], ==, 6.f);
  /* NaN and infinite rows are listed, to be left out of projections. */
  g_assert_cmpuint (embedding->nonfinite_rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (embedding->nonfinite_rows, gsize, 0), ==, 2);
  g_assert_cmpuint (g_array_index (embedding->nonfinite_rows, gsize, 1), ==, 3);
  g_assert_true (has_notice (embedding->notices, "2 points hold NaN"));
  {
    guint n, *rows;
    g_autofree float *packed = cvg_embedding_pack_finite (embedding, &n, &rows);

    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpuint (rows[1], ==, 1);
    g_assert_cmpfloat (packed[3], ==, 4.f);
    g_free (rows);
  }
}

static void
test_tsv_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgEmbedding) ragged = embedding_from_text ("1\t2\n\n3\t4\t5\n", &error);

  g_assert_null (ragged);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "line 3: 3 values where the first row has 2"));
  g_clear_error (&error);
  g_assert_null (embedding_from_text ("1\t2\n3\tcat\n", &error));
  g_assert_nonnull (strstr (error->message, "line 2, value 2: “cat” is not a number"));
  g_clear_error (&error);
  g_assert_null (embedding_from_text ("1\t\t2\n", &error));
  g_assert_nonnull (strstr (error->message, "line 1, value 2"));
  g_clear_error (&error);
  g_assert_null (embedding_from_text ("\n\n", &error));
  g_assert_nonnull (strstr (error->message, "holds no values"));
}

static CvgEmbedding *
embedding_of (guint n_points)
{
  return cvg_embedding_new (g_new0 (float, n_points * 2), n_points, 2);
}

static void
test_metadata (void)
{
  g_autoptr(CvgEmbedding) single = embedding_of (3);
  g_autoptr(CvgEmbedding) table = embedding_of (3);
  g_autoptr(CvgEmbedding) short_table = embedding_of (3);
  g_autoptr(GError) error = NULL;
  static const char one_column[] = "cat\n\n dog\n7\n";
  static const char header[] = "Index\tLabel\n0\tcat\n1\t\n2\tdog\r\n";

  g_assert_true (cvg_embedding_set_metadata (single, one_column, strlen (one_column), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (single->n_columns, ==, 1);
  g_assert_cmpstr (single->column_names[0], ==, "label");
  g_assert_cmpstr (cvg_embedding_get_cell (single, 1, 0), ==, " dog");
  g_assert_cmpstr (cvg_embedding_get_cell (single, 2, 0), ==, "7");
  g_assert_false (cvg_embedding_column_is_numeric (single, 0));

  g_assert_true (cvg_embedding_set_metadata (table, header, strlen (header), &error));
  g_assert_cmpuint (table->n_columns, ==, 2);
  g_assert_cmpstr (table->column_names[1], ==, "Label");
  g_assert_null (cvg_embedding_get_cell (table, 1, 1));
  g_assert_cmpstr (cvg_embedding_get_cell (table, 2, 1), ==, "dog");
  g_assert_true (cvg_embedding_column_is_numeric (table, 0));
  g_assert_cmpuint (cvg_embedding_column_count_distinct (table, 1, 50), ==, 2);
  g_assert_cmpuint (table->notices->len, ==, 0);

  /* TensorBoard's three mismatches (TENSORBOARD-PLUGINS §7.3). */
  g_assert_false (cvg_embedding_set_metadata (single, "label\na\nb\nc\n", 14, &error));
  g_assert_cmpstr (error->message, ==, "Number of tensors (3) do not match the number of lines in metadata (4). "
                                       "Single column metadata should not have a header row.");
  g_clear_error (&error);
  g_assert_false (cvg_embedding_set_metadata (table, "0\ta\n1\tb\n2\tc\n", 12, &error));
  g_assert_cmpstr (error->message, ==, "Number of tensors (3) do not match the number of lines in metadata (2). "
                                       "Multi-column metadata should have a header row with column labels.");
  g_clear_error (&error);
  g_assert_true (cvg_embedding_set_metadata (short_table, "only\n", 5, &error));
  g_assert_no_error (error);
  g_assert_true (has_notice (short_table->notices, "Number of tensors (3) do not match the number of lines in metadata (1)."));
  g_assert_cmpstr (cvg_embedding_get_cell (short_table, 0, 0), ==, "only");
  g_assert_null (cvg_embedding_get_cell (short_table, 1, 0));
}

static void
test_sprite (void)
{
  g_autoptr(CvgEmbedding) embedding = embedding_of (5);
  g_autoptr(GError) error = NULL;
  /* A PNG signature and the IHDR of a 56 × 28 atlas: 2 cells of 28. */
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                0, 0, 0, 56, 0, 0, 0, 28, 8, 6, 0, 0, 0 };
  static const guint8 huge[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                 0, 0, 0x40, 0, 0, 0, 0, 28, 8, 6, 0, 0, 0 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) huge_bytes = g_bytes_new_static (huge, sizeof huge);
  g_autoptr(GBytes) not_png = g_bytes_new_static ("GIF89a", 6);

  g_assert_true (cvg_embedding_set_sprite (embedding, bytes, 28, 28, &error));
  g_assert_no_error (error);
  g_assert_true (has_notice (embedding->notices, "The sprite holds 2 images for 5 points"));
  g_assert_false (cvg_embedding_set_sprite (embedding, huge_bytes, 28, 28, &error));
  g_assert_nonnull (strstr (error->message, "larger than 8192"));
  g_clear_error (&error);
  g_assert_false (cvg_embedding_set_sprite (embedding, not_png, 28, 28, &error));
  g_clear_error (&error);
  g_assert_false (cvg_embedding_set_sprite (embedding, bytes, 57, 28, &error));
}

/* Discovery and containment. */

static void
test_containment (void)
{
  g_autofree char *outside = g_dir_make_tmp ("cvg-outside-XXXXXX", NULL);
  g_autofree char *logs = g_dir_make_tmp ("cvg-logs-XXXXXX", NULL);
  g_autofree char *secret = g_build_filename (outside, "secret.tsv", NULL);
  g_autofree char *link = g_build_filename (logs, "run", "link.tsv", NULL);
  g_autofree char *link_dir = g_build_filename (logs, "run", "outdir", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgProjectorScan) scan = NULL;
  g_autoptr(CvgEmbedding) embedding = NULL;
  CvgProjectorSource *source;
  CvgProjectorStep *step;

  put (outside, "secret.tsv", "1\t2\n3\t4\n");
  put (logs, "run/projector_config.pbtxt",
       "embeddings { tensor_name: \"ok:00001\" tensor_path: \"t.tsv\" metadata_path: \"../../outside/meta.tsv\" }\n"
       "embeddings { tensor_name: \"linked\" tensor_path: \"link.tsv\" metadata_path: \"outdir/secret.tsv\" }\n"
       "embeddings { tensor_name: \"absolute\" tensor_path: \"SECRET\" }\n");
  {
    /* The absolute path of the file outside, written into the config. */
    g_autofree char *config = NULL;
    g_autofree char *config_path = g_build_filename (logs, "run", "projector_config.pbtxt", NULL);
    g_autoptr(GString) text = NULL;

    g_assert_true (g_file_get_contents (config_path, &config, NULL, NULL));
    text = g_string_new (config);
    g_string_replace (text, "SECRET", secret, 1);
    put (logs, "run/projector_config.pbtxt", text->str);
  }
  put (logs, "run/t.tsv", "1\t2\n3\t4\n");
  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_assert_cmpint (symlink (outside, link_dir), ==, 0);

  scan = cvg_projector_scan (logs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scan->n_configs, ==, 1);
  /* Only the tensor inside stays; the link and the absolute path out are
   * refused and said. */
  g_assert_cmpuint (scan->sources->len, ==, 1);
  source = g_ptr_array_index (scan->sources, 0);
  g_assert_cmpstr (source->run, ==, "run");
  g_assert_cmpstr (source->name, ==, "ok");
  step = g_ptr_array_index (source->steps, 0);
  g_assert_cmpstr (step->label, ==, "00001");
  g_assert_null (step->metadata_path);
  g_assert_true (has_notice (source->notices, "No such file") || has_notice (source->notices, "outside"));
  g_assert_true (has_notice (scan->notices, "“link.tsv” leads outside the logs folder"));
  g_assert_true (has_notice (scan->notices, "secret.tsv” leads outside the logs folder"));

  /* A metadata path that climbs out through ../ but exists is refused. */
  put (outside, "meta.tsv", "a\nb\n");
  {
    g_autofree char *base = g_path_get_basename (outside);
    g_autofree char *config = g_strdup_printf ("embeddings { tensor_name: \"ok:00001\" tensor_path: \"t.tsv\" metadata_path: \"../../%s/meta.tsv\" }\n", base);

    put (logs, "run/projector_config.pbtxt", config);
  }
  g_clear_pointer (&scan, cvg_projector_scan_free);
  scan = cvg_projector_scan (logs, NULL, &error);
  g_assert_no_error (error);
  source = g_ptr_array_index (scan->sources, 0);
  g_assert_true (has_notice (source->notices, "meta.tsv” leads outside the logs folder"));
  embedding = cvg_projector_load (source, g_ptr_array_index (source->steps, 0), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (embedding->n_points, ==, 2);
  g_assert_cmpuint (embedding->n_columns, ==, 0);
  g_assert_true (has_notice (embedding->notices, "leads outside"));

  cvg_test_remove_tree (logs);
  cvg_test_remove_tree (outside);
}

static void
test_missing_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgProjectorScan) scan = cvg_projector_scan ("/nonexistent/cvg-projector", NULL, &error);

  g_assert_null (scan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The real sets. */

static CvgProjectorScan *
scan_corpus (CvgTestCorpus  corpus,
             const char    *set)
{
  const char *dir = cvg_test_corpus_dir (corpus);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CvgProjectorScan *scan;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, set, NULL);
  scan = cvg_projector_scan (path, NULL, &error);
  g_assert_no_error (error);
  return scan;
}

static CvgEmbedding *
load_last (CvgProjectorSource *source)
{
  g_autoptr(GError) error = NULL;
  CvgEmbedding *embedding = cvg_projector_load (source, g_ptr_array_index (source->steps, source->steps->len - 1),
                                                NULL, &error);

  g_assert_no_error (error);
  return embedding;
}

static void
test_corpus_pytorch (void)
{
  g_autoptr(CvgProjectorScan) scan = scan_corpus (CVG_TEST_CORPUS, "pytorch_fmnist_projector");
  g_autoptr(CvgEmbedding) embedding = NULL;
  CvgProjectorSource *source;

  if (scan == NULL)
    return;
  g_assert_cmpuint (scan->n_configs, ==, 2);
  source = cvg_projector_scan_lookup (scan, "runs/fashion_mnist_experiment_1", "default");
  g_assert_nonnull (source);
  g_assert_cmpuint (source->steps->len, ==, 1);
  g_assert_cmpstr (((CvgProjectorStep *) g_ptr_array_index (source->steps, 0))->label, ==, "00000");
  /* The sprite PNG was not copied: said, and the rest shows. */
  g_assert_true (has_notice (source->notices, "sprite.png"));
  embedding = load_last (source);
  g_assert_cmpuint (embedding->n_points, ==, 100);
  g_assert_cmpuint (embedding->n_dims, ==, 784);
  g_assert_cmpuint (embedding->n_columns, ==, 1);
  g_assert_cmpuint (cvg_embedding_column_count_distinct (embedding, 0, 50), ==, 10);
  g_assert_null (embedding->sprite);
  /* only_funcs lists default:00000 three times. */
  source = cvg_projector_scan_lookup (scan, "only_funcs", "default");
  g_assert_nonnull (source);
  g_assert_true (has_notice (source->notices, "more than once"));
}

static void
test_corpus_tf1_sprite (void)
{
  g_autoptr(CvgProjectorScan) scan = scan_corpus (CVG_TEST_CORPUS_PLUGINS, "tf1_projector_sprite_mnist");
  g_autoptr(CvgEmbedding) embedding = NULL;
  CvgProjectorSource *source;

  if (scan == NULL)
    return;
  g_assert_cmpuint (scan->sources->len, ==, 1);
  source = cvg_projector_scan_lookup (scan, ".", "mnistembedding");
  g_assert_nonnull (source);
  g_assert_true (has_notice (source->notices, "“minimalsample/mnistdigits.png” is not beside the config; “mnistdigits.png” is used"));
  embedding = load_last (source);
  g_assert_cmpuint (embedding->n_points, ==, 500);
  g_assert_cmpuint (embedding->n_dims, ==, 784);
  g_assert_cmpuint (embedding->n_columns, ==, 2);
  g_assert_cmpstr (embedding->column_names[1], ==, "Label");
  g_assert_nonnull (embedding->sprite);
  g_assert_cmpuint (embedding->sprite_width, ==, 28);
  g_assert_cmpuint (embedding->nonfinite_rows->len, ==, 0);
}

static void
test_corpus_keras_embed (void)
{
  g_autoptr(CvgProjectorScan) scan = scan_corpus (CVG_TEST_CORPUS_PLUGINS, "keras_tf2_embed");
  g_autoptr(CvgEmbedding) embedding = NULL;
  CvgProjectorSource *source;

  if (scan == NULL)
    return;
  source = cvg_projector_scan_lookup (scan, "train", "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE");
  g_assert_nonnull (source);
  /* ckpt-0 … ckpt-4, though `checkpoint` names only the last. */
  g_assert_cmpuint (source->steps->len, ==, 5);
  g_assert_true (has_notice (source->notices, "names the tensor “embed/embeddings:0”, which is not in the checkpoint"));
  embedding = load_last (source);
  g_assert_cmpuint (embedding->n_points, ==, 1000);
  g_assert_cmpuint (embedding->n_dims, ==, 64);
  g_assert_true (has_notice (embedding->notices, "embed/embeddings:0"));
  /* The other rank-2 variable (a [32, 1] kernel) is offered too, as
   * TensorBoard does; no optimizer slot is. */
  g_assert_cmpuint (scan->sources->len, ==, 2);
}

static void
test_corpus_missing_checkpoints (void)
{
  g_autoptr(CvgProjectorScan) keras = scan_corpus (CVG_TEST_CORPUS, "keras_tf2_embedding");
  g_autoptr(CvgProjectorScan) triplet = scan_corpus (CVG_TEST_CORPUS, "tf1_triplet_projector");

  if (keras == NULL || triplet == NULL)
    return;
  g_assert_cmpuint (keras->n_configs, ==, 1);
  g_assert_cmpuint (keras->sources->len, ==, 0);
  g_assert_true (has_notice (keras->notices, "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE"));
  g_assert_true (has_notice (keras->notices, "keras_tf2_embedding/checkpoint does not exist"));
  g_assert_cmpuint (triplet->n_configs, ==, 1);
  g_assert_cmpuint (triplet->sources->len, ==, 0);
  g_assert_true (has_notice (triplet->notices, "“feature_map_3:0”"));
  g_assert_true (has_notice (triplet->notices, "tf1_triplet_projector/checkpoint does not exist"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/projector/pbtxt", test_pbtxt);
  g_test_add_func ("/projector/pbtxt-bad", test_pbtxt_bad);
  g_test_add_func ("/projector/tsv", test_tsv);
  g_test_add_func ("/projector/tsv-bad", test_tsv_bad);
  g_test_add_func ("/projector/metadata", test_metadata);
  g_test_add_func ("/projector/sprite", test_sprite);
  g_test_add_func ("/projector/containment", test_containment);
  g_test_add_func ("/projector/missing-folder", test_missing_folder);
  g_test_add_func ("/projector/corpus/pytorch", test_corpus_pytorch);
  g_test_add_func ("/projector/corpus/tf1-sprite", test_corpus_tf1_sprite);
  g_test_add_func ("/projector/corpus/keras-embed", test_corpus_keras_embed);
  g_test_add_func ("/projector/corpus/missing-checkpoints", test_corpus_missing_checkpoints);
  return g_test_run ();
}
