/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-layout-decode"

#include "config.h"

#include "cvg-layout-decode.h"

#include "cvg-io-error.h"
#include "cvg-proto-unpack.h"
#include "layout.pb-c.h"

static void
margin_free (gpointer data)
{
  CvgLayoutMargin *margin = data;

  g_free (margin->value);
  g_free (margin->lower);
  g_free (margin->upper);
  g_free (margin);
}

static void
chart_free (gpointer data)
{
  CvgLayoutChart *chart = data;

  g_free (chart->title);
  g_clear_pointer (&chart->tags, g_ptr_array_unref);
  g_clear_pointer (&chart->margins, g_ptr_array_unref);
  g_free (chart);
}

void
cvg_layout_category_free (CvgLayoutCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->title);
  g_clear_pointer (&category->charts, g_ptr_array_unref);
  g_free (category);
}

CvgLayout *
cvg_layout_new (void)
{
  CvgLayout *layout = g_new0 (CvgLayout, 1);

  layout->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_layout_category_free);
  return layout;
}

void
cvg_layout_free (CvgLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->categories, g_ptr_array_unref);
  g_free (layout);
}

/* Strings from a file: valid UTF-8, as every page shows them. */
static char *
valid_string (const char *s)
{
  return g_utf8_make_valid (s != NULL ? s : "", -1);
}

CvgLayoutCategory *
cvg_layout_category_new (const char *title,
                         gboolean    closed)
{
  CvgLayoutCategory *category = g_new0 (CvgLayoutCategory, 1);

  category->title = valid_string (title);
  category->closed = !!closed;
  category->charts = g_ptr_array_new_with_free_func (chart_free);
  return category;
}

CvgLayoutChart *
cvg_layout_chart_new (const char         *title,
                      CvgLayoutChartKind  kind)
{
  CvgLayoutChart *chart = g_new0 (CvgLayoutChart, 1);

  chart->title = valid_string (title);
  chart->kind = kind;
  chart->tags = g_ptr_array_new_with_free_func (g_free);
  chart->margins = g_ptr_array_new_with_free_func (margin_free);
  return chart;
}

CvgLayoutMargin *
cvg_layout_margin_new (const char *value,
                       const char *lower,
                       const char *upper)
{
  CvgLayoutMargin *margin = g_new0 (CvgLayoutMargin, 1);

  margin->value = valid_string (value);
  margin->lower = valid_string (lower);
  margin->upper = valid_string (upper);
  return margin;
}

/* At most @max of @n; the layout notes what it dropped. */
static gsize
bounded (CvgLayout *layout,
         gsize      n,
         gsize      max)
{
  if (n > max)
    layout->truncated = TRUE;
  return MIN (n, max);
}

static CvgLayoutChart *
read_chart (CvgLayout                 *layout,
            const Tensorboard__Chart *proto)
{
  CvgLayoutChart *chart;

  switch (proto->content_case)
    {
    case TENSORBOARD__CHART__CONTENT_MULTILINE:
      chart = cvg_layout_chart_new (proto->title, CVG_LAYOUT_CHART_MULTILINE);
      for (gsize i = 0; i < bounded (layout, proto->multiline->n_tag, CVG_LAYOUT_MAX_TAGS); i++)
        g_ptr_array_add (chart->tags, valid_string (proto->multiline->tag[i]));
      return chart;
    case TENSORBOARD__CHART__CONTENT_MARGIN:
      chart = cvg_layout_chart_new (proto->title, CVG_LAYOUT_CHART_MARGIN);
      for (gsize i = 0; i < bounded (layout, proto->margin->n_series, CVG_LAYOUT_MAX_TAGS); i++)
        {
          const Tensorboard__MarginChartContent__Series *s = proto->margin->series[i];

          g_ptr_array_add (chart->margins, cvg_layout_margin_new (s->value, s->lower, s->upper));
        }
      return chart;
    case TENSORBOARD__CHART__CONTENT__NOT_SET:
    default:
      return cvg_layout_chart_new (proto->title, CVG_LAYOUT_CHART_NONE);
    }
}

CvgLayout *
cvg_layout_parse (const guint8  *data,
                  gsize          len,
                  GError       **error)
{
  Tensorboard__Layout *proto;
  CvgLayout *layout;

  if (len > CVG_LAYOUT_MAX_BYTES)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "a custom scalars layout of %zu bytes is larger than %d", len, CVG_LAYOUT_MAX_BYTES);
      return NULL;
    }
  proto = (Tensorboard__Layout *) cvg_proto_unpack_bounded (&tensorboard__layout__descriptor, data, len, error);
  if (proto == NULL)
    return NULL;

  layout = cvg_layout_new ();
  for (gsize i = 0; i < bounded (layout, proto->n_category, CVG_LAYOUT_MAX_CATEGORIES); i++)
    {
      const Tensorboard__Category *c = proto->category[i];
      CvgLayoutCategory *category = cvg_layout_category_new (c->title, c->closed);

      for (gsize j = 0; j < bounded (layout, c->n_chart, CVG_LAYOUT_MAX_CHARTS); j++)
        g_ptr_array_add (category->charts, read_chart (layout, c->chart[j]));
      g_ptr_array_add (layout->categories, category);
    }
  tensorboard__layout__free_unpacked (proto, NULL);
  return layout;
}

GBytes *
cvg_layout_serialize (const CvgLayout *layout)
{
  Tensorboard__Layout proto = TENSORBOARD__LAYOUT__INIT;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  guint n = layout->categories->len;
  Tensorboard__Category **categories = g_new0 (Tensorboard__Category *, n);
  gsize size;
  guint8 *out;

  g_ptr_array_add (keep, categories);
  for (guint i = 0; i < n; i++)
    {
      const CvgLayoutCategory *category = g_ptr_array_index (layout->categories, i);
      Tensorboard__Category *c = g_new0 (Tensorboard__Category, 1);
      Tensorboard__Chart **charts = g_new0 (Tensorboard__Chart *, category->charts->len);

      g_ptr_array_add (keep, c);
      g_ptr_array_add (keep, charts);
      tensorboard__category__init (c);
      c->title = category->title;
      c->closed = category->closed;
      c->n_chart = category->charts->len;
      c->chart = charts;
      for (guint j = 0; j < category->charts->len; j++)
        {
          const CvgLayoutChart *chart = g_ptr_array_index (category->charts, j);
          Tensorboard__Chart *ch = g_new0 (Tensorboard__Chart, 1);

          g_ptr_array_add (keep, ch);
          tensorboard__chart__init (ch);
          ch->title = chart->title;
          charts[j] = ch;
          if (chart->kind == CVG_LAYOUT_CHART_MULTILINE)
            {
              Tensorboard__MultilineChartContent *m = g_new0 (Tensorboard__MultilineChartContent, 1);

              g_ptr_array_add (keep, m);
              tensorboard__multiline_chart_content__init (m);
              m->n_tag = chart->tags->len;
              m->tag = (char **) chart->tags->pdata;
              ch->content_case = TENSORBOARD__CHART__CONTENT_MULTILINE;
              ch->multiline = m;
            }
          else if (chart->kind == CVG_LAYOUT_CHART_MARGIN)
            {
              Tensorboard__MarginChartContent *m = g_new0 (Tensorboard__MarginChartContent, 1);
              Tensorboard__MarginChartContent__Series **series =
                g_new0 (Tensorboard__MarginChartContent__Series *, chart->margins->len);

              g_ptr_array_add (keep, m);
              g_ptr_array_add (keep, series);
              tensorboard__margin_chart_content__init (m);
              for (guint k = 0; k < chart->margins->len; k++)
                {
                  const CvgLayoutMargin *margin = g_ptr_array_index (chart->margins, k);
                  Tensorboard__MarginChartContent__Series *s = g_new0 (Tensorboard__MarginChartContent__Series, 1);

                  g_ptr_array_add (keep, s);
                  tensorboard__margin_chart_content__series__init (s);
                  s->value = margin->value;
                  s->lower = margin->lower;
                  s->upper = margin->upper;
                  series[k] = s;
                }
              m->n_series = chart->margins->len;
              m->series = series;
              ch->content_case = TENSORBOARD__CHART__CONTENT_MARGIN;
              ch->margin = m;
            }
        }
      categories[i] = c;
    }
  proto.n_category = n;
  proto.category = categories;
  size = tensorboard__layout__get_packed_size (&proto);
  out = g_malloc (MAX (size, 1));
  tensorboard__layout__pack (&proto, out);
  return g_bytes_new_take (out, size);
}
