/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>


G_BEGIN_DECLS

/* Writes event files byte for byte as real writers do: TFRecord framing
 * with masked CRC32C around serialized Event protos. Used by tests,
 * benchmarks and the demo logs. */

typedef enum
{
  CVG_WRITER_STYLE_TF1,     /* simple_value, HistogramProto, Summary.Image/Audio */
  CVG_WRITER_STYLE_TF2,     /* tensors with plugin metadata (on a tag's first value by default) */
} CvgWriterStyle;

typedef struct _CvgEventWriter CvgEventWriter;

/* Creates or truncates @path. Nothing is written until the first call. */
CvgEventWriter *cvg_event_writer_new               (const char          *path,
                                                    GError             **error);
/* Buffers in memory instead of a file: for tests that need the bytes. */
CvgEventWriter *cvg_event_writer_new_memory        (void);
GBytes         *cvg_event_writer_steal_bytes       (CvgEventWriter      *self);
void            cvg_event_writer_free              (CvgEventWriter      *self);
/* Plugin metadata on every value of a tag, as TF2's C++ writer does
 * (tf.summary, Keras), instead of only on each tag's first value in the
 * file, as TF1's Python FileWriter strips it (the default). */
void            cvg_event_writer_set_repeat_metadata (CvgEventWriter    *self,
                                                    gboolean             repeat);
/* source_metadata.writer of the file-version event; NULL leaves it out
 * (TF1, older PyTorch). Default `tensorboard.summary.writer.event_file_writer`;
 * TF2 writes `tensorflow.core.util.events_writer`. */
void            cvg_event_writer_set_source_writer (CvgEventWriter      *self,
                                                    const char          *writer);
gboolean        cvg_event_writer_flush             (CvgEventWriter      *self,
                                                    GError             **error);

/* Raw bytes framed as one record (for corrupt-input tests too). */
gboolean        cvg_event_writer_write_record      (CvgEventWriter      *self,
                                                    const guint8        *data,
                                                    gsize                len,
                                                    GError             **error);

/* `brain.Event:2` with source_metadata.writer, as TensorBoard's writer does;
 * @version NULL writes tensorboardX's first event (wall_time only). */
gboolean        cvg_event_writer_write_file_version (CvgEventWriter     *self,
                                                    double               wall_time,
                                                    const char          *version,
                                                    GError             **error);
gboolean        cvg_event_writer_write_scalar      (CvgEventWriter      *self,
                                                    CvgWriterStyle       style,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    float                value,
                                                    GError             **error);
/* TF2 rank-0 scalar tensor of any dtype TensorBoard accepts (value given
 * as double, stored in the dtype's own field or in tensor_content). */
gboolean        cvg_event_writer_write_scalar_tensor (CvgEventWriter    *self,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    int                  dtype,
                                                    double               value,
                                                    gboolean             as_content,
                                                    GError             **error);
/* Histogram of @n samples: TF1 writes a HistogramProto with TF's exponential
 * bucket limits, TF2 a [k,3] double tensor over @bucket_count equal bins
 * (0 gives TensorBoard's default of 30). */
gboolean        cvg_event_writer_write_histogram   (CvgEventWriter      *self,
                                                    CvgWriterStyle       style,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    const double        *samples,
                                                    gsize                n,
                                                    guint                bucket_count,
                                                    GError             **error);
/* Encoded image bytes (PNG); TF1 Summary.Image, TF2 [w, h, png] strings. */
gboolean        cvg_event_writer_write_image       (CvgEventWriter      *self,
                                                    CvgWriterStyle       style,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    guint                width,
                                                    guint                height,
                                                    guint                channels,
                                                    const guint8        *encoded,
                                                    gsize                encoded_len,
                                                    GError             **error);
/* Several images of one step: TF2 writes them as the samples of one
 * tensor [w, h, img0, img1, …]; TF1 takes exactly one. */
gboolean        cvg_event_writer_write_images      (CvgEventWriter      *self,
                                                    CvgWriterStyle       style,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    guint                width,
                                                    guint                height,
                                                    guint                channels,
                                                    const guint8       **encoded,
                                                    const gsize         *encoded_len,
                                                    guint                n_images,
                                                    GError             **error);
/* Encoded WAV bytes; TF1 Summary.Audio, TF2 [1,2] strings (wav, label). */
gboolean        cvg_event_writer_write_audio       (CvgEventWriter      *self,
                                                    CvgWriterStyle       style,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    float                sample_rate,
                                                    const guint8        *wav,
                                                    gsize                wav_len,
                                                    GError             **error);
/* A rank-1 string tensor with plugin `text`. */
gboolean        cvg_event_writer_write_text        (CvgEventWriter      *self,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    const char          *text,
                                                    GError             **error);
/* A `text` string tensor of any shape (TF2's tf.summary.text): @rank
 * dimensions @dims, their product of nul-terminated @strings. */
gboolean        cvg_event_writer_write_text_tensor (CvgEventWriter      *self,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    const char * const  *strings,
                                                    const gint64        *dims,
                                                    guint                rank,
                                                    GError             **error);
/* Event.graph_def with the serialized GraphDef bytes. */
gboolean        cvg_event_writer_write_graph_def   (CvgEventWriter      *self,
                                                    double               wall_time,
                                                    const guint8        *graph_def,
                                                    gsize                len,
                                                    GError             **error);
/* Keras model config JSON: tag `keras`, plugin `graph_keras_model`. */
gboolean        cvg_event_writer_write_keras_model (CvgEventWriter      *self,
                                                    double               wall_time,
                                                    const char          *json,
                                                    GError             **error);
/* hparams plugin content (cvg_hparams_data_serialize()) under @tag, such
 * as `_hparams_/session_start_info`: TF2 with an empty string tensor as
 * `hp.hparams` writes it, TF1 style as metadata alone, as PyTorch does. */
gboolean        cvg_event_writer_write_hparams     (CvgEventWriter      *self,
                                                    CvgWriterStyle       style,
                                                    double               wall_time,
                                                    const char          *tag,
                                                    GBytes              *content,
                                                    GError             **error);
gboolean        cvg_event_writer_write_session_log (CvgEventWriter      *self,
                                                    double               wall_time,
                                                    gint64               step,
                                                    int                  status,
                                                    GError             **error);

/* Odd and hostile values, for tests. A simple_value whose tag is any
 * bytes (@tag NULL leaves the field out; NUL bytes are kept). */
gboolean        cvg_event_writer_write_raw_tag_scalar (CvgEventWriter   *self,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const guint8        *tag,
                                                    gsize                tag_len,
                                                    float                value,
                                                    GError             **error);
/* A tensor of shape @dims (any sizes) holding one element, @number or,
 * for DT_STRING, @string, in the form that fills the shape with it;
 * @plugin_name NULL writes no metadata. */
gboolean        cvg_event_writer_write_fill_tensor (CvgEventWriter      *self,
                                                    double               wall_time,
                                                    gint64               step,
                                                    const char          *tag,
                                                    const char          *plugin_name,
                                                    int                  dtype,
                                                    const gint64        *dims,
                                                    guint                rank,
                                                    double               number,
                                                    const char          *string,
                                                    GError             **error);

/* A serialized GraphDef of @n_nodes nodes named `scope/op_i`, each
 * fed by the one before; for tests, benchmarks and the demo. */
GBytes         *cvg_graph_def_build_chain          (const char * const  *names,
                                                    const char * const  *ops,
                                                    gsize                n_nodes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgEventWriter, cvg_event_writer_free)

G_END_DECLS
