/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checks the Flatpak manifest: valid JSON with the fields Converge needs.
 *
 *   check-flatpak-manifest MANIFEST
 *
 * app-id, runtime/sdk org.gnome.Platform/org.gnome.Sdk with a runtime-version,
 * command converge, finish-args exactly the allowed set (no network; GVfs's
 * D-Bus names and sockets), a
 * protobuf-c module built from an archive with a sha256, and the converge
 * module built with meson, last. Prints one line per problem; exit status 1
 * when there is any. */

#include <json-glib/json-glib.h>
#include <glib/gprintf.h>
#include <stdlib.h>
#include <string.h>

static const char *allowed_finish_args[] = {
  "--share=ipc",
  "--socket=fallback-x11",
  "--socket=wayland",
  "--device=dri",
  "--filesystem=home:ro",
  /* GVfs, for sftp://, smb://, dav:// folders: its daemons (outside the
   * sandbox, they do the network) and their private sockets. */
  "--talk-name=org.gtk.vfs.*",
  "--filesystem=xdg-run/gvfsd",
};

static int problems;

static void
problem (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
problem (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_vprintf (format, args);
  va_end (args);
  g_print ("\n");
  problems++;
}

static const char *
get_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static void
expect_string (JsonObject *object, const char *member, const char *expected)
{
  const char *value = get_string (object, member);

  if (value == NULL)
    problem ("%s: missing or not a string", member);
  else if (expected != NULL && strcmp (value, expected) != 0)
    problem ("%s: \"%s\", expected \"%s\"", member, value, expected);
}

static gboolean
is_sha256 (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isxdigit (*s) || g_ascii_isupper (*s))
      return FALSE;
  return TRUE;
}

static void
check_finish_args (JsonObject *root)
{
  JsonArray *args = get_array (root, "finish-args");
  guint n;

  if (args == NULL)
    {
      problem ("finish-args: missing or not an array");
      return;
    }
  n = json_array_get_length (args);
  for (guint i = 0; i < n; i++)
    {
      const char *arg = json_node_get_string (json_array_get_element (args, i));
      gboolean ok = FALSE;

      for (guint j = 0; arg != NULL && j < G_N_ELEMENTS (allowed_finish_args); j++)
        ok |= strcmp (arg, allowed_finish_args[j]) == 0;
      if (!ok)
        problem ("finish-args: \"%s\" is not allowed", arg ? arg : "(not a string)");
    }
  for (guint j = 0; j < G_N_ELEMENTS (allowed_finish_args); j++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const char *arg = json_node_get_string (json_array_get_element (args, i));
          found |= arg != NULL && strcmp (arg, allowed_finish_args[j]) == 0;
        }
      if (!found)
        problem ("finish-args: \"%s\" is missing", allowed_finish_args[j]);
    }
}

static JsonObject *
find_module (JsonArray *modules, const char *name, guint *index)
{
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonNode *node = json_array_get_element (modules, i);
      const char *module_name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      module_name = get_string (json_node_get_object (node), "name");
      if (module_name != NULL && strcmp (module_name, name) == 0)
        {
          *index = i;
          return json_node_get_object (node);
        }
    }
  return NULL;
}

static void
check_modules (JsonObject *root)
{
  JsonArray *modules = get_array (root, "modules");
  JsonObject *protobuf_c, *converge;
  guint protobuf_c_index = 0, converge_index = 0;
  JsonArray *sources;

  if (modules == NULL)
    {
      problem ("modules: missing or not an array");
      return;
    }

  protobuf_c = find_module (modules, "protobuf-c", &protobuf_c_index);
  if (protobuf_c == NULL)
    problem ("modules: no protobuf-c module");
  else if ((sources = get_array (protobuf_c, "sources")) == NULL || json_array_get_length (sources) == 0)
    problem ("protobuf-c: no sources");
  else
    {
      JsonObject *source = json_array_get_object_element (sources, 0);

      if (source == NULL)
        problem ("protobuf-c: the source is not an object");
      else
        {
          const char *type = get_string (source, "type");
          const char *url = get_string (source, "url");

          if (type == NULL || strcmp (type, "archive") != 0)
            problem ("protobuf-c: the source is not an archive");
          if (url == NULL || !g_str_has_prefix (url, "https://"))
            problem ("protobuf-c: the archive has no https url");
          if (!is_sha256 (get_string (source, "sha256")))
            problem ("protobuf-c: the archive has no sha256 (64 lowercase hex digits)");
        }
    }

  converge = find_module (modules, "converge", &converge_index);
  if (converge == NULL)
    problem ("modules: no converge module");
  else
    {
      const char *buildsystem = get_string (converge, "buildsystem");

      if (buildsystem == NULL || strcmp (buildsystem, "meson") != 0)
        problem ("converge: not built with meson");
      if (converge_index != json_array_get_length (modules) - 1)
        problem ("converge: not the last module");
      if (protobuf_c != NULL && protobuf_c_index > converge_index)
        problem ("protobuf-c: built after converge");
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *runtime_version;

  if (argc != 2)
    {
      g_printerr ("usage: %s MANIFEST\n", argv[0]);
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      g_print ("%s: not valid JSON: %s\n", argv[1], error->message);
      return 1;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_print ("%s: the top level is not an object\n", argv[1]);
      return 1;
    }
  object = json_node_get_object (root);

  expect_string (object, "app-id", "io.github.converge.Converge");
  expect_string (object, "runtime", "org.gnome.Platform");
  expect_string (object, "sdk", "org.gnome.Sdk");
  expect_string (object, "command", "converge");
  runtime_version = get_string (object, "runtime-version");
  if (runtime_version == NULL || *runtime_version == '\0')
    problem ("runtime-version: missing");
  else if (strcmp (runtime_version, "master") != 0 && atoi (runtime_version) < 43)
    problem ("runtime-version: \"%s\" is older than GNOME 43 (GTK 4.8, libadwaita 1.2)", runtime_version);
  check_finish_args (object);
  check_modules (object);

  if (problems == 0)
    g_print ("%s: valid\n", argv[1]);
  return problems == 0 ? 0 : 1;
}
