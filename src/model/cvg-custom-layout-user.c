/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-custom-layout-user"

#include "config.h"

#include "cvg-custom-layout-user.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cvg-io-error.h"
#include "cvg-layout-decode.h"
#include "cvg-run.h"

CvgLayoutCategory *
cvg_user_charts_new (void)
{
  return cvg_layout_category_new (_("Your Charts"), FALSE);
}

void
cvg_user_charts_free (CvgLayoutCategory *charts)
{
  cvg_layout_category_free (charts);
}

void
cvg_user_charts_add (CvgLayoutCategory *charts,
                     const char        *title,
                     const char        *tags)
{
  CvgLayoutChart *chart;

  g_return_if_fail (charts != NULL && tags != NULL);

  if (charts->charts->len >= CVG_LAYOUT_MAX_CHARTS)
    return;
  chart = cvg_layout_chart_new (title != NULL && title[0] != '\0' ? title : tags, CVG_LAYOUT_CHART_MULTILINE);
  g_ptr_array_add (chart->tags, g_utf8_make_valid (tags, -1));
  g_ptr_array_add (charts->charts, chart);
}

void
cvg_user_charts_remove (CvgLayoutCategory *charts,
                        guint              index)
{
  g_return_if_fail (charts != NULL && index < charts->charts->len);

  g_ptr_array_remove_index (charts->charts, index);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING ?
         json_node_get_string (node) : NULL;
}

static void
read_chart (CvgLayoutCategory *charts,
            JsonNode          *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *tags = object != NULL ? json_object_get_member (object, "tags") : NULL;
  JsonArray *array = tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) ? json_node_get_array (tags) : NULL;
  CvgLayoutChart *chart;

  if (array == NULL || charts->charts->len >= CVG_LAYOUT_MAX_CHARTS)
    return;
  chart = cvg_layout_chart_new (member_string (object, "title"), CVG_LAYOUT_CHART_MULTILINE);
  for (guint i = 0; i < MIN (json_array_get_length (array), CVG_LAYOUT_MAX_TAGS); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
        g_ptr_array_add (chart->tags, g_utf8_make_valid (json_node_get_string (tag), -1));
    }
  g_ptr_array_add (charts->charts, chart);
}

CvgLayoutCategory *
cvg_user_charts_parse (const char  *json,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CvgLayoutCategory) charts = NULL;
  JsonNode *root;
  JsonNode *list;

  if (len > CVG_USER_CHARTS_MAX_BYTES)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "a charts file of %zu bytes is too large", len);
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, (gssize) len, error))
    return NULL;
  root = json_parser_get_root (parser);
  list = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "charts")
                                                       : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "a charts file holds a \"charts\" list");
      return NULL;
    }
  charts = cvg_user_charts_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    read_chart (charts, json_array_get_element (json_node_get_array (list), i));
  return g_steal_pointer (&charts);
}

char *
cvg_user_charts_serialize (const CvgLayoutCategory *charts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "charts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < charts->charts->len; i++)
    {
      const CvgLayoutChart *chart = g_ptr_array_index (charts->charts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, chart->title);
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint j = 0; j < chart->tags->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (chart->tags, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

char *
cvg_user_charts_path (const char *logdir)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, logdir, -1);
  g_autofree char *file = g_strconcat (hash, ".json", NULL);

  return g_build_filename (g_get_user_data_dir (), "converge", "layouts", file, NULL);
}

char *
cvg_user_charts_logdir_of (CvgRun *run)
{
  const char *name = cvg_run_get_name (run);
  char *dir = g_strdup (cvg_run_get_path (run));

  if (strcmp (name, ".") == 0)
    return dir;
  for (const char *p = name; p != NULL; p = strchr (p + 1, '/'))
    {
      char *parent = g_path_get_dirname (dir);

      g_free (dir);
      dir = parent;
    }
  return dir;
}
