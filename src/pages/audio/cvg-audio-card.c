/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-audio-card"

#include "config.h"

#include "cvg-audio-card.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cvg-markdown-view.h"
#include "cvg-series-cards.h"
#include "cvg-owned-task.h"

struct _CvgAudioCard
{
  GtkWidget       parent_instance;

  CvgRunInfo     *info;
  CvgSeries      *series;    /* borrowed from the info's run */
  guint           sample;
  GArray         *kept;      /* guint point indices of the purged view */
  guint           position;  /* into kept */
  GBytes         *clip;

  GtkLabel       *step_label;
  GtkScale       *scale;
  CvgWaveform    *waveform;
  GtkLabel       *info_label;
  CvgMarkdownView *label_view;
  GtkButton      *play_button;
  GtkLabel       *time_label;
  GtkMediaStream *stream;
  GCancellable   *preparing;   /* writing the clip for the player */
  GFile          *clip_file;   /* the clip the player reads */
};

G_DEFINE_FINAL_TYPE (CvgAudioCard, cvg_audio_card, GTK_TYPE_WIDGET)

static char *
format_time (double seconds)
{
  int minutes = (int) (seconds / 60);

  /* TRANSLATORS: minutes and seconds of a clip, e.g. 0:01.50 */
  return g_strdup_printf (_("%d:%05.2f"), minutes, seconds - minutes * 60);
}

static void
update_info (CvgAudioCard *self)
{
  g_autofree char *text = NULL;

  if (!cvg_waveform_get_ready (self->waveform))
    text = g_strdup (_("Reading the clip…"));
  else if (cvg_waveform_get_error (self->waveform) != NULL)
    /* TRANSLATORS: why no waveform is drawn; the clip may still play */
    text = g_strdup_printf (_("No waveform: %s"), cvg_waveform_get_error (self->waveform));
  else
    {
      g_autofree char *duration = format_time (cvg_waveform_get_duration (self->waveform));
      guint channels = cvg_waveform_get_channels (self->waveform);

      /* TRANSLATORS: duration, sample rate and channels of a clip */
      text = g_strdup_printf (ngettext ("%s · %u Hz · %u channel", "%s · %u Hz · %u channels", channels),
                              duration, cvg_waveform_get_sample_rate (self->waveform), channels);
    }
  gtk_label_set_text (self->info_label, text);
}

static void
stop_stream (CvgAudioCard *self)
{
  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  if (self->clip_file != NULL)
    g_file_delete_async (self->clip_file, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&self->clip_file);
  if (self->stream == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->stream, self);
  gtk_media_stream_pause (self->stream);
  g_clear_object (&self->stream);
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_label_set_text (self->time_label, "");
  cvg_waveform_set_playhead (self->waveform, -1);
}

/* The clip and label of the step shown. */
static void
load_step (CvgAudioCard *self)
{
  gsize index = g_array_index (self->kept, guint, self->position);
  const CvgTensorValue *value = cvg_series_get_tensor (self->series, index);
  /* The number first, so that the message is one whole string. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, cvg_series_get_step (self->series, index));
  g_autofree char *step = g_strdup_printf (_("Step %s"), number);
  gsize clip_at = (gsize) self->sample * 2;
  CvgSpan clip = { NULL, 0 };
  CvgSpan label = { NULL, 0 };

  if (value != NULL && value->dtype == CVG_DT_STRING && value->strings != NULL && clip_at < value->n_elements)
    {
      clip = value->strings[clip_at];
      if (clip_at + 1 < value->n_elements)
        label = value->strings[clip_at + 1];
    }
  stop_stream (self);
  gtk_label_set_text (self->step_label, step);
  g_clear_pointer (&self->clip, g_bytes_unref);
  self->clip = g_bytes_new (clip.data, clip.len);
  cvg_waveform_set_clip (self->waveform, self->clip);
  cvg_markdown_view_set_text (self->label_view, label.data, label.len, FALSE, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->label_view), label.len > 0);
  update_info (self);
}

static void
scale_changed_cb (CvgAudioCard *self)
{
  guint position = (guint) gtk_range_get_value (GTK_RANGE (self->scale));

  if (position == self->position || position >= self->kept->len)
    return;
  self->position = position;
  load_step (self);
}

void
cvg_audio_card_set_position (CvgAudioCard *self,
                             guint         position)
{
  g_return_if_fail (CVG_IS_AUDIO_CARD (self));
  g_return_if_fail (position < self->kept->len);

  gtk_range_set_value (GTK_RANGE (self->scale), position);
}

void
cvg_audio_card_update (CvgAudioCard *self)
{
  gboolean at_newest;

  g_return_if_fail (CVG_IS_AUDIO_CARD (self));

  at_newest = self->kept == NULL || self->position + 1 >= self->kept->len;
  g_clear_pointer (&self->kept, g_array_unref);
  self->kept = cvg_series_get_purged_indices (self->series);
  if (self->kept->len == 0)
    return;
  /* Following the newest step, as the other pages do, unless moved back. */
  self->position = at_newest ? self->kept->len - 1 : MIN (self->position, self->kept->len - 1);
  gtk_range_set_range (GTK_RANGE (self->scale), 0, MAX (self->kept->len - 1, 1));
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), self->kept->len > 1);
  g_signal_handlers_block_by_func (self->scale, scale_changed_cb, self);
  gtk_range_set_value (GTK_RANGE (self->scale), self->position);
  g_signal_handlers_unblock_by_func (self->scale, scale_changed_cb, self);
  load_step (self);
}

static void
playing_cb (CvgAudioCard *self)
{
  gboolean playing = gtk_media_stream_get_playing (self->stream);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
}

static void
timestamp_cb (CvgAudioCard *self)
{
  double seconds = gtk_media_stream_get_timestamp (self->stream) / (double) G_USEC_PER_SEC;
  g_autofree char *time = format_time (seconds);

  gtk_label_set_text (self->time_label, time);
  cvg_waveform_set_playhead (self->waveform, seconds);
}

static void
stream_error_cb (CvgAudioCard *self)
{
  const GError *error = gtk_media_stream_get_error (self->stream);

  if (error != NULL)
    gtk_label_set_text (self->time_label, error->message);
}

/* GTK 4.8's GStreamer backend plays files only (not input streams): the
 * clip goes to a temporary file, written on a worker thread. */
static void
write_clip_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GBytes *clip = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("converge-clip-XXXXXX", &path, &error);

  if (fd < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  close (fd);
  if (!g_file_set_contents (path, g_bytes_get_data (clip, NULL), (gssize) g_bytes_get_size (clip), &error))
    {
      g_unlink (path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_file_new_for_path (path), g_object_unref);
}

static void
play_file (CvgAudioCard *self)
{
  self->stream = GTK_MEDIA_STREAM (gtk_media_file_new_for_file (self->clip_file));
  g_signal_connect_swapped (self->stream, "notify::playing", G_CALLBACK (playing_cb), self);
  g_signal_connect_swapped (self->stream, "notify::timestamp", G_CALLBACK (timestamp_cb), self);
  g_signal_connect_swapped (self->stream, "notify::error", G_CALLBACK (stream_error_cb), self);
  gtk_media_stream_play (self->stream);
}

static void
clip_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_task_propagate_pointer (G_TASK (result), &error);
  CvgAudioCard *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (file != NULL)
        g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return;
    }
  self = CVG_AUDIO_CARD (source);
  g_clear_object (&self->preparing);
  if (file == NULL)
    {
      gtk_label_set_text (self->time_label, error->message);
      return;
    }
  self->clip_file = g_steal_pointer (&file);
  play_file (self);
}

void
cvg_audio_card_toggle_play (CvgAudioCard *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CVG_IS_AUDIO_CARD (self));

  if (self->preparing != NULL)
    return;
  if (self->stream == NULL)
    {
      self->preparing = g_cancellable_new ();
      task = cvg_owned_task_new (self, self->preparing, clip_written_cb, NULL);
      g_task_set_task_data (task, g_bytes_ref (self->clip), (GDestroyNotify) g_bytes_unref);
      g_task_run_in_thread (task, write_clip_thread);
      return;
    }
  if (gtk_media_stream_get_ended (self->stream))
    gtk_media_stream_seek (self->stream, 0);
  if (gtk_media_stream_get_playing (self->stream))
    gtk_media_stream_pause (self->stream);
  else
    gtk_media_stream_play (self->stream);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  CvgAudioCard    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_file_replace_contents_bytes_async (file, self->clip, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL);
    }
  g_object_unref (dialog);
}

static void
save_cb (CvgAudioCard *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".wav", cvg_series_get_tag (self->series),
                                           cvg_series_get_step (self->series, g_array_index (self->kept, guint, self->position)));

  /* A tag's slashes are folders elsewhere; here they would be. */
  g_strdelimit (name, "/\\", '_');
  dialog = gtk_file_chooser_native_new (_("Save Clip"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

CvgWaveform *
cvg_audio_card_get_waveform (CvgAudioCard *self)
{
  g_return_val_if_fail (CVG_IS_AUDIO_CARD (self), NULL);

  return self->waveform;
}

GtkMediaStream *
cvg_audio_card_get_stream (CvgAudioCard *self)
{
  g_return_val_if_fail (CVG_IS_AUDIO_CARD (self), NULL);

  return self->stream;
}

const char *
cvg_audio_card_get_info (CvgAudioCard *self)
{
  g_return_val_if_fail (CVG_IS_AUDIO_CARD (self), NULL);

  return gtk_label_get_text (self->info_label);
}

static void
cvg_audio_card_dispose (GObject *object)
{
  CvgAudioCard *self = CVG_AUDIO_CARD (object);
  GtkWidget *child;

  if (self->play_button != NULL)
    stop_stream (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->play_button = NULL;
  g_clear_object (&self->info);
  g_clear_pointer (&self->kept, g_array_unref);
  g_clear_pointer (&self->clip, g_bytes_unref);

  G_OBJECT_CLASS (cvg_audio_card_parent_class)->dispose (object);
}

static gboolean
space_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  cvg_audio_card_toggle_play (CVG_AUDIO_CARD (widget));
  return TRUE;
}

static void
cvg_audio_card_class_init (CvgAudioCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_audio_card_dispose;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, space_cb, NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "audio-card");
}

static GtkWidget *
create_header (CvgAudioCard *self)
{
  g_autofree char *title = self->sample > 0 ? g_strdup_printf (_("%s (clip %u)"), cvg_series_get_tag (self->series), self->sample + 1)
                                             : g_strdup (cvg_series_get_tag (self->series));

  return cvg_series_cards_header_new (title, self->info);
}

static GtkWidget *
create_steps (CvgAudioCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->step_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->step_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->step_label), "numeric");
  self->scale = GTK_SCALE (gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 1));
  gtk_scale_set_draw_value (self->scale, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->scale), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scale), _("Step"));
  g_signal_connect_swapped (self->scale, "value-changed", G_CALLBACK (scale_changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->step_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->scale));
  return box;
}

static GtkWidget *
create_controls (CvgAudioCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-symbolic");

  self->play_button = GTK_BUTTON (gtk_button_new_from_icon_name ("media-playback-start-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Play or pause (Space)"));
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (cvg_audio_card_toggle_play), self);
  self->time_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "numeric");
  gtk_label_set_ellipsize (self->time_label, PANGO_ELLIPSIZE_END);
  self->info_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->info_label), "dim-label");
  /* Why a clip has no waveform can be long: wrapped, never cut. */
  gtk_label_set_wrap (self->info_label, TRUE);
  gtk_label_set_wrap_mode (self->info_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->info_label, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->info_label), TRUE);
  gtk_widget_add_css_class (save, "flat");
  gtk_widget_set_tooltip_text (save, _("Save the clip"));
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->play_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->time_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->info_label));
  gtk_box_append (GTK_BOX (box), save);
  return box;
}

static void
cvg_audio_card_init (CvgAudioCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
}

GtkWidget *
cvg_audio_card_new (CvgRunInfo *info,
                    CvgSeries  *series,
                    guint       sample)
{
  CvgAudioCard *self;
  GtkWidget *parts[5];

  g_return_val_if_fail (CVG_IS_RUN_INFO (info), NULL);
  g_return_val_if_fail (series != NULL, NULL);

  self = g_object_new (CVG_TYPE_AUDIO_CARD, NULL);
  self->info = g_object_ref (info);
  self->series = series;
  self->sample = sample;
  self->waveform = CVG_WAVEFORM (cvg_waveform_new ());
  self->label_view = CVG_MARKDOWN_VIEW (cvg_markdown_view_new ());
  parts[0] = create_header (self);
  parts[1] = create_steps (self);
  parts[2] = GTK_WIDGET (self->waveform);
  parts[3] = GTK_WIDGET (self->label_view);
  parts[4] = create_controls (self);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gtk_widget_set_margin_start (parts[i], 12);
      gtk_widget_set_margin_end (parts[i], 12);
      gtk_widget_set_parent (parts[i], GTK_WIDGET (self));
    }
  gtk_widget_set_margin_top (parts[0], 8);
  gtk_widget_set_margin_bottom (parts[4], 8);
  g_signal_connect_swapped (self->waveform, "notify::ready", G_CALLBACK (update_info), self);
  cvg_audio_card_update (self);
  return GTK_WIDGET (self);
}
