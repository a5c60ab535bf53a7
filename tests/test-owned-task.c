/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cvg_owned_task_new (): the owner of work on a thread is finalized where
 * its last strong reference goes (the main thread), never by the task on
 * the worker; the callback reaches a live owner and skips a gone one. */

#include "config.h"

#include "cvg-owned-task.h"

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean release;
} Gate;

typedef struct
{
  GThread  *finalized_on;
  gboolean  finalized;
  guint     n_calls;
  GObject  *called_with;
  gboolean  completed;
} Record;

static void
owner_finalized (gpointer  data,
                 GObject  *where_the_object_was)
{
  Record *record = data;

  record->finalized = TRUE;
  record->finalized_on = g_thread_self ();
}

/* Holds the worker until the test opens the gate. */
static void
gated_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Gate *gate = task_data;

  g_mutex_lock (&gate->lock);
  while (!gate->release)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  g_task_return_boolean (task, TRUE);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Record *record = user_data;

  record->n_calls++;
  record->called_with = source;
  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
}

static void
completed_cb (GObject    *task,
              GParamSpec *pspec,
              gpointer    user_data)
{
  ((Record *) user_data)->completed = TRUE;
}

static void
open_gate (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->release = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

static void
run_gated (GObject *owner,
           Gate    *gate,
           Record  *record,
           gboolean drop_owner_first)
{
  g_autoptr(GTask) task = cvg_owned_task_new (owner, NULL, done_cb, record);

  g_signal_connect (task, "notify::completed", G_CALLBACK (completed_cb), record);
  g_task_set_task_data (task, gate, NULL);
  g_task_run_in_thread (task, gated_thread);
  g_clear_object (&task);
  if (drop_owner_first)
    {
      /* The task holds no strong reference: the owner goes now, here. */
      g_object_unref (owner);
      g_assert_true (record->finalized);
      g_assert_true (record->finalized_on == g_thread_self ());
    }
  open_gate (gate);
  while (!record->completed)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_owner_gone (void)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);
  Gate gate = { .release = FALSE };
  Record record = { 0 };

  g_object_weak_ref (owner, owner_finalized, &record);
  run_gated (owner, &gate, &record, TRUE);
  g_assert_cmpuint (record.n_calls, ==, 0);
}

static void
test_owner_alive (void)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);
  Gate gate = { .release = FALSE };
  Record record = { 0 };

  g_object_weak_ref (owner, owner_finalized, &record);
  run_gated (owner, &gate, &record, FALSE);
  g_assert_cmpuint (record.n_calls, ==, 1);
  g_assert_true (record.called_with == owner);
  g_assert_false (record.finalized);
  g_object_unref (owner);
  g_assert_true (record.finalized_on == g_thread_self ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/owned-task/owner-gone", test_owner_gone);
  g_test_add_func ("/owned-task/owner-alive", test_owner_alive);
  return g_test_run ();
}
