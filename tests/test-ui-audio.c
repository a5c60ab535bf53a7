/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Audio page on writer-made logs (the corpus holds no audio). With
 * CVG_AUDIO_SCREENSHOTS=DIR set, screenshots in light and dark go there. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cvg-audio-page.h"
#include "cvg-event-writer.h"
#include "cvg-test-files.h"
#include "cvg-ui-helpers.h"

#define AUDIO_PAGE 7
#define RATE       16000

static void
put_le (GByteArray *out,
        guint32     v,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 b = (v >> (8 * i)) & 0xff;

      g_byte_array_append (out, &b, 1);
    }
}

/* @seconds of a 440 Hz sine rising and falling three times, 16-bit PCM,
 * @channels channels, each softer than the one before. */
static GBytes *
make_sine (double seconds,
           guint  channels)
{
  GByteArray *out = g_byte_array_new ();
  guint frames = (guint) (seconds * RATE);
  guint data_len = frames * channels * 2;

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_le (out, 36 + data_len, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_le (out, 16, 4);
  put_le (out, 1, 2);
  put_le (out, channels, 2);
  put_le (out, RATE, 4);
  put_le (out, RATE * channels * 2, 4);
  put_le (out, channels * 2, 2);
  put_le (out, 16, 2);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_le (out, data_len, 4);
  for (guint f = 0; f < frames; f++)
    for (guint c = 0; c < channels; c++)
      put_le (out, (guint32) (gint16) (sin (2 * G_PI * 440 * f / RATE) * fabs (sin (3 * G_PI * f / frames)) *
                                       20000 / (c + 1)), 2);
  return g_byte_array_free_to_bytes (out);
}

static char *
write_logs (void)
{
  static const guint8 broken[] = "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x80\x3e\0\0\0\x7d\0\0\x02\0\x10\0data\xff\xff\xff\x7f";
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cvg-ui-audio-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "speech", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1700000000.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GBytes) mono = make_sine (0.5, 1);
  g_autoptr(GBytes) stereo = make_sine (1.25, 2);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1700000000.0, "brain.Event:2", &error));
  for (gint64 step = 0; step < 3; step++)
    g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF2, 1700000001.0 + step, step * 100, "voice/sine",
                                                 RATE, g_bytes_get_data (mono, NULL), g_bytes_get_size (mono), &error));
  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 1700000005.0, 7, "music/stereo",
                                               RATE, g_bytes_get_data (stereo, NULL), g_bytes_get_size (stereo), &error));
  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 1700000006.0, 8, "music/broken",
                                               RATE, broken, sizeof broken - 1, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  return dir;
}

static gboolean
waveform_ready (gpointer data)
{
  return cvg_waveform_get_ready (cvg_audio_card_get_waveform (data));
}

static CvgAudioCard *
ready_card (CvgAudioPage *page,
            const char   *tag)
{
  CvgAudioCard *card = cvg_audio_page_get_card (page, "speech", tag, 0);

  g_assert_nonnull (card);
  g_assert_true (cvg_ui_wait_until (waveform_ready, card));
  return card;
}

static gboolean
stream_started (gpointer data)
{
  GtkMediaStream *stream = cvg_audio_card_get_stream (data);

  return stream != NULL &&
         (gtk_media_stream_get_error (stream) != NULL ||
          (gtk_media_stream_get_playing (stream) && gtk_media_stream_get_timestamp (stream) > 0));
}

static void
test_audio_fixtures (void)
{
  g_autofree char *dir = write_logs ();
  CvgWindow *window = cvg_ui_open_window (dir);
  CvgAudioPage *page;
  CvgAudioCard *card;
  CvgWaveform *waveform;
  GtkMediaStream *stream;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", AUDIO_PAGE));
  cvg_ui_settle ();
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "audio");
  page = CVG_AUDIO_PAGE (cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_AUDIO_PAGE));
  g_assert_cmpuint (cvg_audio_page_get_n_cards (page), ==, 3);

  /* TF2 [1, 2] tensors: the waveform, its duration and rate. */
  card = ready_card (page, "voice/sine");
  waveform = cvg_audio_card_get_waveform (card);
  g_assert_null (cvg_waveform_get_error (waveform));
  g_assert_cmpfloat_with_epsilon (cvg_waveform_get_duration (waveform), 0.5, 1e-9);
  g_assert_cmpuint (cvg_waveform_get_sample_rate (waveform), ==, RATE);
  g_assert_cmpstr (cvg_audio_card_get_info (card), ==, "0:00.50 · 16000 Hz · 1 channel");

  /* TF1 Summary.Audio, two channels stacked. */
  card = ready_card (page, "music/stereo");
  g_assert_cmpuint (cvg_waveform_get_channels (cvg_audio_card_get_waveform (card)), ==, 2);
  g_assert_cmpstr (cvg_audio_card_get_info (card), ==, "0:01.25 · 16000 Hz · 2 channels");

  /* A size field past the end: a message in the card. */
  card = ready_card (page, "music/broken");
  g_assert_nonnull (cvg_waveform_get_error (cvg_audio_card_get_waveform (card)));
  g_assert_true (g_str_has_prefix (cvg_audio_card_get_info (card), "No waveform: "));

  cvg_ui_screenshot ("CVG_AUDIO_SCREENSHOTS", "audio-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  cvg_ui_screenshot ("CVG_AUDIO_SCREENSHOTS", "audio-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Playing, through GTK's GStreamer media backend. */
  card = ready_card (page, "voice/sine");
  cvg_audio_card_toggle_play (card);
  g_assert_true (cvg_ui_wait_until (stream_started, card));
  stream = cvg_audio_card_get_stream (card);
  if (gtk_media_stream_get_error (stream) != NULL)
    {
      g_autofree char *reason = g_strdup_printf ("no audio output to play on: %s",
                                                 gtk_media_stream_get_error (stream)->message);

      g_test_skip (reason);
    }
  else
    g_assert_true (gtk_media_stream_get_playing (stream));

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui/audio/fixtures", test_audio_fixtures);

  return g_test_run ();
}
