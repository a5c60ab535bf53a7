/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hostile-graphs"

#include "config.h"

#include "cvg-hostile-graphs.h"

#include <gio/gio.h>
#include <string.h>

#include "cvg-event-writer.h"

/* Protobuf bytes written back to front, so that each level's length is
 * known when its header is written: O(size) for any depth. */
typedef struct
{
  guint8 *data;
  gsize   start;  /* data[start..size) is written */
  gsize   size;
} Backwards;

static void
prepend (Backwards    *out,
         const guint8 *bytes,
         gsize         len)
{
  g_assert_cmpuint (len, <=, out->start);
  out->start -= len;
  memcpy (out->data + out->start, bytes, len);
}

static void
prepend_varint (Backwards *out,
                guint64    value)
{
  guint8 bytes[10];
  gsize n = 0;

  do
    {
      bytes[n++] = (value & 0x7f) | (value >= 0x80 ? 0x80 : 0);
      value >>= 7;
    }
  while (value > 0);
  prepend (out, bytes, n);
}

/* Wraps what is written so far as length-delimited field @field. */
static void
wrap (Backwards *out,
      guint      field)
{
  prepend_varint (out, out->size - out->start);
  prepend_varint (out, field << 3 | 2);
}

/* A string field before what is written so far. */
static void
prepend_string (Backwards  *out,
                guint       field,
                const char *text)
{
  gsize len = strlen (text);

  prepend (out, (const guint8 *) text, len);
  prepend_varint (out, len);
  prepend_varint (out, field << 3 | 2);
}

static GBytes *
backwards_steal (Backwards *out)
{
  GBytes *bytes = g_bytes_new (out->data + out->start, out->size - out->start);

  g_free (out->data);
  return bytes;
}

GBytes *
cvg_hostile_deep_graph_def (guint levels)
{
  Backwards out = { .size = (gsize) levels * 5 + 64 };

  out.data = g_malloc (out.size);
  out.start = out.size;
  /* AttrValue { func = NameAttrList { attr { value = … } } }: three
   * messages a round, names left empty. */
  for (guint i = 0; i < levels / 3; i++)
    {
      wrap (&out, 2);   /* AttrEntry.value */
      wrap (&out, 2);   /* NameAttrList.attr */
      wrap (&out, 10);  /* AttrValue.func */
    }
  wrap (&out, 2);                   /* NodeDef.AttrEntry.value */
  prepend_string (&out, 1, "deep");
  wrap (&out, 5);                   /* NodeDef.attr */
  prepend_string (&out, 2, "Const");
  prepend_string (&out, 1, "n");
  wrap (&out, 1);                   /* GraphDef.node */
  return backwards_steal (&out);
}

char *
cvg_hostile_deep_keras (guint levels)
{
  GString *json = g_string_new ("{\"class_name\": \"Sequential\", \"config\": {\"layers\": ");

  for (guint i = 0; i < levels; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}}");
  return g_string_free (json, FALSE);
}

char *
cvg_hostile_fanout_keras (guint depth)
{
  GString *json = g_string_new ("{\"class_name\": \"Functional\", \"config\": {\"layers\": [");

  for (guint i = 0; i < depth; i++)
    g_string_append (json, "{\"class_name\":\"Functional\",\"config\":{\"name\":\"m\",\"layers\":[");
  g_string_append (json, "{\"class_name\":\"Dense\",\"config\":{\"name\":\"d\"}}");
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (json, "],\"output_layers\":[[\"%s\",0,0],[\"%s\",0,0]]}}",
                            i == 0 ? "d" : "m", i == 0 ? "d" : "m");
  g_string_append (json, ",{\"class_name\":\"Dense\",\"config\":{\"name\":\"out\"},"
                         "\"inbound_nodes\":[[[\"m\",0,0,{}]]]}]}}");
  return g_string_free (json, FALSE);
}

GBytes *
cvg_hostile_numbered_graph_def (guint n)
{
  Backwards out = { .size = (gsize) n * 40 + 64 };

  out.data = g_malloc (out.size);
  out.start = out.size;
  for (guint i = n; i-- > 0;)
    {
      gsize end = out.size - out.start;
      char name[16];

      if (i > 0)
        {
          g_snprintf (name, sizeof name, "n%u", i - 1);
          prepend_string (&out, 3, name);
        }
      prepend_string (&out, 2, "Identity");
      g_snprintf (name, sizeof name, "n%u", i);
      prepend_string (&out, 1, name);
      prepend_varint (&out, out.size - out.start - end);
      prepend_varint (&out, 1 << 3 | 2);
    }
  return backwards_steal (&out);
}

char *
cvg_hostile_write_logdir (const char *parent,
                          const char *name,
                          GBytes     *graph_def,
                          const char *keras_json)
{
  g_autofree char *dir = g_build_filename (parent, name, NULL);
  g_autofree char *path = g_build_filename (dir, "events.out.tfevents.1700000000.hostile", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgEventWriter) writer = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1700000000, "brain.Event:2", &error));
  if (graph_def != NULL)
    g_assert_true (cvg_event_writer_write_graph_def (writer, 1700000001, g_bytes_get_data (graph_def, NULL),
                                                     g_bytes_get_size (graph_def), &error));
  if (keras_json != NULL)
    g_assert_true (cvg_event_writer_write_keras_model (writer, 1700000001, keras_json, &error));
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 1700000002, 1, "loss", 0.5f, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}
