/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GTask for work on a thread whose callback goes to @owner, as
 * g_task_new (owner, …) would, but which holds only a weak reference to
 * it. A GTask's last reference may be dropped on the worker thread, and
 * with it the task's reference to its source object: a widget closed
 * while the work ran would then be finalized off the main thread. Here
 * the callback is skipped when @owner is gone; its source argument is
 * @owner, and g_task_get_source_object () is %NULL. */
GTask *cvg_owned_task_new (gpointer             owner,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);

G_END_DECLS
