/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-groups"

#include "config.h"

#include "cvg-run-groups.h"

#include <string.h>

static char *
folder_name (guint       depth,
             const char *name)
{
  const char *end = strrchr (name, '/');
  const char *p = name;

  if (end == NULL)
    return g_strdup (".");
  depth = CLAMP (depth, 1, CVG_GROUP_MAX_DEPTH);
  /* The first @depth slashes, not beyond the last one. */
  for (guint d = 0; d < depth; d++)
    {
      const char *slash = strchr (p, '/');

      if (slash == NULL || slash >= end)
        return g_strndup (name, end - name);
      p = slash + 1;
    }
  return g_strndup (name, p - 1 - name);
}

static char *
regex_name (GRegex     *regex,
            const char *name)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) joined = NULL;
  int n;

  if (regex == NULL || !g_regex_match (regex, name, 0, &match))
    return g_strdup (name);
  n = g_match_info_get_match_count (match);
  if (n <= 1)
    return g_match_info_fetch (match, 0);
  joined = g_string_new (NULL);
  for (int i = 1; i < n; i++)
    {
      g_autofree char *part = g_match_info_fetch (match, i);

      if (i > 1)
        g_string_append_c (joined, '/');
      g_string_append (joined, part != NULL ? part : "");
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

char *
cvg_run_group_name (CvgGroupBy  by,
                    guint       depth,
                    GRegex     *regex,
                    const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  switch (by)
    {
    case CVG_GROUP_BY_FOLDER:
      return folder_name (depth, name);
    case CVG_GROUP_BY_REGEX:
      return regex_name (regex, name);
    case CVG_GROUP_BY_NONE:
    default:
      return g_strdup (name);
    }
}

static void
group_free (gpointer data)
{
  CvgRunGroup *group = data;

  g_free (group->name);
  g_array_unref (group->members);
  g_free (group);
}

GPtrArray *
cvg_run_groups_assign (const char * const *names,
                       gsize               n,
                       CvgGroupBy          by,
                       guint               depth,
                       GRegex             *regex)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *name = cvg_run_group_name (by, depth, regex, names[i]);
      CvgRunGroup *group = g_hash_table_lookup (by_name, name);
      guint index = (guint) i;

      if (group == NULL)
        {
          group = g_new0 (CvgRunGroup, 1);
          group->name = g_steal_pointer (&name);
          group->members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (groups, group);
          g_hash_table_insert (by_name, group->name, group);
        }
      g_array_append_val (group->members, index);
    }
  return groups;
}
