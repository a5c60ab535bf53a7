/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-owned-task"

#include "config.h"

#include "cvg-owned-task.h"

typedef struct
{
  GWeakRef             owner;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} OwnedCall;

/* Runs in the task's main context, where the owner lives. */
static void
owned_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  OwnedCall *call = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&call->owner);

  if (owner != NULL)
    call->callback (owner, result, call->user_data);
  g_weak_ref_clear (&call->owner);
  g_free (call);
}

GTask *
cvg_owned_task_new (gpointer             owner,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  OwnedCall *call;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  call = g_new0 (OwnedCall, 1);
  g_weak_ref_init (&call->owner, owner);
  call->callback = callback;
  call->user_data = user_data;
  return g_task_new (NULL, cancellable, owned_ready_cb, call);
}
