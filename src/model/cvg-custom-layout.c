/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-custom-layout"

#include "config.h"

#include "cvg-custom-layout.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cvg-layout-decode.h"
#include "cvg-run.h"
#include "cvg-series.h"

/* Steps a margin notice lists per series before "…". */
#define NOTICE_STEPS 8

struct _CvgCustomLayout
{
  CvgLayout *layout;
  GPtrArray *notices;
};

static gboolean
strings_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
cvg_layout_chart_equal (const CvgLayoutChart *a,
                        const CvgLayoutChart *b)
{
  if (a->kind != b->kind || g_strcmp0 (a->title, b->title) != 0 || !strings_equal (a->tags, b->tags) ||
      a->margins->len != b->margins->len)
    return FALSE;
  for (guint i = 0; i < a->margins->len; i++)
    {
      const CvgLayoutMargin *ma = g_ptr_array_index (a->margins, i);
      const CvgLayoutMargin *mb = g_ptr_array_index (b->margins, i);

      if (g_strcmp0 (ma->value, mb->value) != 0 || g_strcmp0 (ma->lower, mb->lower) != 0 ||
          g_strcmp0 (ma->upper, mb->upper) != 0)
        return FALSE;
    }
  return TRUE;
}

static CvgLayoutChart *
chart_copy (const CvgLayoutChart *chart)
{
  CvgLayoutChart *copy = cvg_layout_chart_new (chart->title, chart->kind);

  for (guint i = 0; i < chart->tags->len; i++)
    g_ptr_array_add (copy->tags, g_strdup (g_ptr_array_index (chart->tags, i)));
  for (guint i = 0; i < chart->margins->len; i++)
    {
      const CvgLayoutMargin *m = g_ptr_array_index (chart->margins, i);

      g_ptr_array_add (copy->margins, cvg_layout_margin_new (m->value, m->lower, m->upper));
    }
  return copy;
}

static CvgLayoutCategory *
lookup_category (CvgLayout  *layout,
                 const char *title)
{
  for (guint i = 0; i < layout->categories->len; i++)
    {
      CvgLayoutCategory *category = g_ptr_array_index (layout->categories, i);

      if (g_strcmp0 (category->title, title) == 0)
        return category;
    }
  return NULL;
}

static gboolean
has_chart (CvgLayoutCategory    *category,
           const CvgLayoutChart *chart)
{
  for (guint i = 0; i < category->charts->len; i++)
    if (cvg_layout_chart_equal (g_ptr_array_index (category->charts, i), chart))
      return TRUE;
  return FALSE;
}

void
cvg_layout_merge (CvgLayout       *into,
                  const CvgLayout *layout)
{
  g_return_if_fail (into != NULL && layout != NULL);

  into->truncated |= layout->truncated;
  for (guint i = 0; i < layout->categories->len; i++)
    {
      const CvgLayoutCategory *category = g_ptr_array_index (layout->categories, i);
      CvgLayoutCategory *target = lookup_category (into, category->title);

      if (target == NULL)
        {
          target = cvg_layout_category_new (category->title, category->closed);
          g_ptr_array_add (into->categories, target);
        }
      /* Merged charts stay bounded as one run's are. */
      for (guint j = 0; j < category->charts->len && target->charts->len < CVG_LAYOUT_MAX_CHARTS; j++)
        if (!has_chart (target, g_ptr_array_index (category->charts, j)))
          g_ptr_array_add (target->charts, chart_copy (g_ptr_array_index (category->charts, j)));
    }
}

static int
compare_run_names (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (cvg_run_get_name (*(CvgRun * const *) a), cvg_run_get_name (*(CvgRun * const *) b));
}

/* The run's last layout, or NULL (with a notice when one is unreadable). */
static CvgLayout *
read_run_layout (CvgCustomLayout *self,
                 CvgRun          *run)
{
  CvgSeries *series = cvg_run_lookup_series (run, CVG_KIND_BLOB, CVG_CUSTOM_LAYOUT_TAG);
  const CvgTensorValue *value;
  g_autoptr(GError) error = NULL;
  CvgLayout *layout;
  gsize n;

  if (series == NULL || (n = cvg_series_get_length (series)) == 0)
    return NULL;
  value = cvg_series_get_tensor (series, n - 1);
  if (value == NULL || value->strings == NULL || value->n_elements < 1)
    {
      g_ptr_array_add (self->notices, g_strdup_printf (_("The custom scalars layout of run “%s” is not a string"),
                                                       cvg_run_get_name (run)));
      return NULL;
    }
  layout = cvg_layout_parse (value->strings[0].data, value->strings[0].len, &error);
  if (layout == NULL)
    g_ptr_array_add (self->notices, g_strdup_printf (_("The custom scalars layout of run “%s” cannot be read: %s"),
                                                     cvg_run_get_name (run), error->message));
  else if (layout->truncated)
    g_ptr_array_add (self->notices, g_strdup_printf (_("The custom scalars layout of run “%s” is too large; only its first parts are shown"),
                                                     cvg_run_get_name (run)));
  return layout;
}

CvgCustomLayout *
cvg_custom_layout_new_from_runs (GPtrArray *runs)
{
  CvgCustomLayout *self = g_new0 (CvgCustomLayout, 1);
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (runs->len);

  /* Borrowed: not the runs' own array, which may free them. */
  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (runs, i));
  self->layout = cvg_layout_new ();
  self->notices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_sort (sorted, compare_run_names);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_autoptr(CvgLayout) layout = read_run_layout (self, g_ptr_array_index (sorted, i));

      if (layout != NULL)
        cvg_layout_merge (self->layout, layout);
    }
  return self;
}

void
cvg_custom_layout_free (CvgCustomLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->layout, cvg_layout_free);
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  g_free (self);
}

const CvgLayout *
cvg_custom_layout_get_layout (CvgCustomLayout *self)
{
  return self->layout;
}

GPtrArray *
cvg_custom_layout_get_notices (CvgCustomLayout *self)
{
  return self->notices;
}

GRegex *
cvg_layout_compile_tags (GPtrArray  *tags,
                         GError    **error)
{
  g_autoptr(GString) pattern = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);

      if (tag[0] == '\0')
        {
          g_set_error_literal (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE, _("An empty regular expression matches no tag"));
          return NULL;
        }
      if (tags->len == 1)
        g_string_append (pattern, tag);
      else
        g_string_append_printf (pattern, "%s(%s)", i > 0 ? "|" : "", tag);
    }
  if (pattern->len == 0)
    {
      g_set_error_literal (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE, _("The chart names no tag"));
      return NULL;
    }
  /* re.match: anchored at the start, not at the end. */
  return g_regex_new (pattern->str, G_REGEX_ANCHORED, 0, error);
}

gboolean
cvg_layout_tag_matches (GRegex     *regex,
                        const char *tag)
{
  return g_regex_match (regex, tag, 0, NULL);
}

static GArray *
purged_steps (CvgSeries *series)
{
  g_autoptr(GArray) kept = cvg_series_get_purged_indices (series);
  GArray *steps = g_array_sized_new (FALSE, FALSE, sizeof (gint64), kept->len);

  for (guint i = 0; i < kept->len; i++)
    {
      gint64 step = cvg_series_get_step (series, g_array_index (kept, guint, i));

      g_array_append_val (steps, step);
    }
  return steps;
}

static gboolean
steps_equal (GArray *a,
             GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, sizeof (gint64) * a->len) == 0;
}

static void
append_steps (GString    *text,
              const char *name,
              GArray     *steps)
{
  g_string_append_printf (text, "\n%s: ", name);
  for (guint i = 0; i < MIN (steps->len, NOTICE_STEPS); i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", g_array_index (steps, gint64, i));
  if (steps->len > NOTICE_STEPS)
    g_string_append_printf (text, ", … (%u)", steps->len);
}

char *
cvg_layout_check_margin_steps (CvgSeries *value,
                               CvgSeries *lower,
                               CvgSeries *upper)
{
  g_autoptr(GArray) v = purged_steps (value);
  g_autoptr(GArray) l = purged_steps (lower);
  g_autoptr(GArray) u = purged_steps (upper);
  GString *text;

  if (steps_equal (v, l) && steps_equal (v, u))
    return NULL;
  text = g_string_new (_("The steps for value, lower, and upper tags do not match"));
  append_steps (text, cvg_series_get_tag (value), v);
  append_steps (text, cvg_series_get_tag (lower), l);
  append_steps (text, cvg_series_get_tag (upper), u);
  return g_string_free (text, FALSE);
}
