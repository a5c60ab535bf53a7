/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-image-card"

#include "config.h"

#include "cvg-image-card.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-image-viewer.h"
#include "cvg-image.h"
#include "cvg-run-swatch.h"
#include "cvg-series.h"

/* Room for the image, its labels and the slider. */
#define CARD_HEIGHT 380

struct _CvgImageCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *title_label;
  CvgRunSwatch   *swatch;
  GtkLabel       *run_label;
  GtkToggleButton *actual_size_button;
  GtkStack       *stack;
  CvgImageView   *view;
  GtkLabel       *message_label;
  GtkLabel       *info_label;
  GtkScale       *slider;
  GtkAdjustment  *adjustment;

  CvgRunInfo     *info;
  CvgSeries      *series;        /* borrowed from the run, which the info holds */
  guint           sample;
  guint           n_samples;
  CvgImageLoader *loader;
  GArray         *indices;       /* guint: the series' points holding the sample */
  guint           position;
  char           *loading_key;   /* in flight, or NULL */
  gint64          shown_step;
};

G_DEFINE_FINAL_TYPE (CvgImageCard, cvg_image_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gsize
current_index (CvgImageCard *self)
{
  return g_array_index (self->indices, guint, self->position);
}

/* Identifies the image of the slider's position in the loader's cache. */
static char *
current_key (CvgImageCard *self)
{
  return g_strdup_printf ("%p/%" G_GSIZE_FORMAT "/%u", self->series, current_index (self), self->sample);
}

static void
show_image (CvgImageCard    *self,
            CvgDecodedImage *image,
            gsize            index)
{
  const char *error = cvg_decoded_image_get_error (image);

  self->shown_step = cvg_series_get_step (self->series, index);
  if (error != NULL)
    {
      gtk_label_set_text (self->message_label, error);
      gtk_stack_set_visible_child_name (self->stack, "message");
      cvg_image_view_set_image (self->view, NULL);
      return;
    }
  cvg_image_view_set_image (self->view, image);
  gtk_stack_set_visible_child_name (self->stack, "image");
}

static void request_image (CvgImageCard *self);

/* Shows what arrived if the slider is still there, else asks for where it
 * is now: one decode in flight per card, however fast the slider moves. */
static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CvgImageCard *self = CVG_IMAGE_CARD (object);
  g_autoptr(CvgDecodedImage) image = cvg_image_loader_load_finish (self->loader, result);
  g_autofree char *key = g_steal_pointer (&self->loading_key);
  g_autofree char *wanted = NULL;

  /* Scrolled away or dropped: a later map asks again, from the cache. */
  if (self->indices == NULL || self->indices->len == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  wanted = current_key (self);
  if (g_strcmp0 (key, wanted) == 0)
    show_image (self, image, current_index (self));
  /* Brightness or contrast may have changed meanwhile: the cache then
   * lacks the current setting's image, and this asks for it. */
  request_image (self);
}

static void
request_image (CvgImageCard *self)
{
  g_autofree char *key = NULL;
  CvgDecodedImage *cached;
  CvgSpan bytes;

  if (self->indices->len == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) || self->loading_key != NULL)
    return;
  key = current_key (self);
  cached = cvg_image_loader_lookup (self->loader, key);
  if (cached != NULL)
    {
      show_image (self, cached, current_index (self));
      return;
    }
  if (!cvg_image_series_get_sample (self->series, current_index (self), self->sample, &bytes))
    return;
  self->loading_key = g_steal_pointer (&key);
  cvg_image_loader_load (self->loader, self->loading_key, bytes.data, bytes.len, self, load_cb, NULL);
}

static void
update_info (CvgImageCard *self)
{
  gsize index = current_index (self);
  double wall_time = cvg_series_get_wall_time (self->series, index);
  /* A wall time from the file may be anything: years 1970 to 9999 only. */
  g_autoptr(GDateTime) time = wall_time >= 0 && wall_time < 253402300800.0
                              ? g_date_time_new_from_unix_local ((gint64) wall_time) : NULL;
  g_autofree char *when = time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  /* The number first, so that the message is one whole string. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, cvg_series_get_step (self->series, index));
  /* TRANSLATORS: step number, then the wall time */
  text = g_strdup_printf (_("Step %s · %s"), number, when);
  if (self->n_samples > 1)
    {
      g_autofree char *with_sample = NULL;

      /* TRANSLATORS: the step and time, then which of K images of the step */
      with_sample = g_strdup_printf (_("%s · Sample %u of %u"), text, self->sample + 1, self->n_samples);
      g_free (text);
      text = g_steal_pointer (&with_sample);
    }
  gtk_label_set_text (self->info_label, text);
}

static void
slider_changed_cb (CvgImageCard *self)
{
  guint position = (guint) CLAMP (gtk_adjustment_get_value (self->adjustment), 0, MAX (self->indices->len, 1) - 1);

  if (self->indices->len == 0)
    return;
  if (position != self->position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  update_info (self);
  request_image (self);
}

/* The slider over every step of the sample; it stays at the end while
 * new steps arrive if it was at the end. */
static void
load_indices (CvgImageCard *self)
{
  gboolean at_end = self->indices == NULL || self->position + 1 >= self->indices->len;
  guint n;

  g_clear_pointer (&self->indices, g_array_unref);
  self->indices = cvg_image_series_sample_indices (self->series, self->sample);
  n = self->indices->len;
  gtk_adjustment_configure (self->adjustment,
                            at_end ? MAX (n, 1) - 1 : MIN (self->position, MAX (n, 1) - 1),
                            0, MAX (n, 1) - 1, 1, 10, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->slider), n > 1);
  slider_changed_cb (self);
}

static gboolean
current_bytes (CvgImageCard *self,
               CvgSpan      *bytes)
{
  return self->indices->len > 0 &&
         cvg_image_series_get_sample (self->series, current_index (self), self->sample, bytes);
}

static void
view_clicked_cb (CvgImageCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CvgDecodedImage *image = cvg_image_view_get_image (self->view);
  g_autofree char *title = NULL;

  if (image == NULL)
    return;
  title = g_strdup_printf ("%s — %s", cvg_series_get_tag (self->series), cvg_run_info_get_name (self->info));
  cvg_image_viewer_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title, image);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_warning ("Could not save the image: %s", error->message);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  CvgImageCard    *self)
{
  g_autoptr(GFile) file = NULL;
  CvgSpan span;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL && current_bytes (self, &span))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (span.data, span.len);

      /* The bytes as logged, not pixels decoded again. */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, save_done_cb, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CvgImageCard *self = CVG_IMAGE_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  CvgSpan bytes;

  if (!current_bytes (self, &bytes))
    return;
  base = g_strdelimit (g_strdup (cvg_series_get_tag (self->series)), "/\\:", '_');
  name = g_strdup_printf ("%s_%" G_GINT64_FORMAT ".%s", base, cvg_image_card_get_step (self),
                          cvg_image_format_extension (cvg_image_sniff (bytes.data, bytes.len)));
  dialog = gtk_file_chooser_native_new (_("Save Image"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const char *
image_mime_type (CvgImageFormat format)
{
  switch (format)
    {
    case CVG_IMAGE_FORMAT_PNG: return "image/png";
    case CVG_IMAGE_FORMAT_JPEG: return "image/jpeg";
    case CVG_IMAGE_FORMAT_GIF: return "image/gif";
    case CVG_IMAGE_FORMAT_BMP: return "image/bmp";
    case CVG_IMAGE_FORMAT_UNKNOWN:
    default: return "application/octet-stream";
    }
}

/* The original bytes under their MIME type: nothing is decoded here. */
static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CvgImageCard *self = CVG_IMAGE_CARD (widget);
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *mime;
  CvgSpan span;

  if (!current_bytes (self, &span))
    return;
  bytes = g_bytes_new (span.data, span.len);
  mime = image_mime_type (cvg_image_sniff (span.data, span.len));
  provider = gdk_content_provider_new_for_bytes (mime, bytes);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

static void
color_cb (CvgImageCard *self)
{
  cvg_run_swatch_set_color (self->swatch, cvg_run_info_get_color (self->info));
}

static void
cvg_image_card_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cvg_image_card_parent_class)->map (widget);
  request_image (CVG_IMAGE_CARD (widget));
}

static void
cvg_image_card_dispose (GObject *object)
{
  CvgImageCard *self = CVG_IMAGE_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_IMAGE_CARD);
  g_clear_object (&self->info);
  g_clear_pointer (&self->loader, cvg_image_loader_unref);
  g_clear_pointer (&self->indices, g_array_unref);
  g_clear_pointer (&self->loading_key, g_free);

  G_OBJECT_CLASS (cvg_image_card_parent_class)->dispose (object);
}

static void
cvg_image_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, CVG_IMAGE_CARD (object)->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_image_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_POSITION:
      cvg_image_card_set_position (CVG_IMAGE_CARD (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_image_card_class_init (CvgImageCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_image_card_dispose;
  object_class->get_property = cvg_image_card_get_property;
  object_class->set_property = cvg_image_card_set_property;
  widget_class->map = cvg_image_card_map;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CVG_TYPE_RUN_SWATCH);
  g_type_ensure (CVG_TYPE_IMAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/converge/Converge/ui/cvg-image-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, box);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, swatch);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, run_label);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, actual_size_button);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, stack);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, view);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, message_label);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, info_label);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, slider);
  gtk_widget_class_bind_template_child (widget_class, CvgImageCard, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, slider_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_clicked_cb);
  gtk_widget_class_install_action (widget_class, "card.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "card.copy", NULL, copy_action_cb);
  gtk_widget_class_set_css_name (widget_class, "image-card");
}

static void
cvg_image_card_init (CvgImageCard *self)
{
  self->shown_step = -1;
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, CARD_HEIGHT);
  g_object_bind_property (self->actual_size_button, "active", self->view, "actual-size", G_BINDING_SYNC_CREATE);
}

GtkWidget *
cvg_image_card_new (CvgRunInfo     *info,
                    CvgSeries      *series,
                    guint           sample,
                    guint           n_samples,
                    CvgImageLoader *loader)
{
  CvgImageCard *self = g_object_new (CVG_TYPE_IMAGE_CARD, NULL);

  self->info = g_object_ref (info);
  self->series = series;
  self->sample = sample;
  self->n_samples = n_samples;
  self->loader = cvg_image_loader_ref (loader);
  gtk_label_set_text (self->title_label, cvg_series_get_tag (series));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), cvg_series_get_tag (series));
  gtk_label_set_text (self->run_label, cvg_run_info_get_name (info));
  color_cb (self);
  g_signal_connect_object (info, "notify::color", G_CALLBACK (color_cb), self, G_CONNECT_SWAPPED);
  load_indices (self);
  return GTK_WIDGET (self);
}

CvgSeries *
cvg_image_card_get_series (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), NULL);

  return self->series;
}

guint
cvg_image_card_get_sample (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), 0);

  return self->sample;
}

guint
cvg_image_card_get_n_steps (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), 0);

  return self->indices->len;
}

guint
cvg_image_card_get_position (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), 0);

  return self->position;
}

void
cvg_image_card_set_position (CvgImageCard *self,
                             guint         position)
{
  g_return_if_fail (CVG_IS_IMAGE_CARD (self));

  gtk_adjustment_set_value (self->adjustment, position);
}

gint64
cvg_image_card_get_step (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), -1);

  return self->indices->len > 0 ? cvg_series_get_step (self->series, current_index (self)) : -1;
}

void
cvg_image_card_select_step (CvgImageCard *self,
                            gint64        step)
{
  guint position = 0;

  g_return_if_fail (CVG_IS_IMAGE_CARD (self));

  for (guint i = 0; i < self->indices->len; i++)
    if (cvg_series_get_step (self->series, g_array_index (self->indices, guint, i)) <= step)
      position = i;
  cvg_image_card_set_position (self, position);
}

gint64
cvg_image_card_get_shown_step (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), -1);

  return self->shown_step;
}

const char *
cvg_image_card_get_message (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "message") != 0)
    return NULL;
  return gtk_label_get_text (self->message_label);
}

CvgImageView *
cvg_image_card_get_view (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), NULL);

  return self->view;
}

GtkWidget *
cvg_image_card_get_actual_size_button (CvgImageCard *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_CARD (self), NULL);

  return GTK_WIDGET (self->actual_size_button);
}

void
cvg_image_card_refresh (CvgImageCard *self)
{
  g_return_if_fail (CVG_IS_IMAGE_CARD (self));

  load_indices (self);
}

void
cvg_image_card_reload (CvgImageCard *self)
{
  g_return_if_fail (CVG_IS_IMAGE_CARD (self));

  request_image (self);
}
