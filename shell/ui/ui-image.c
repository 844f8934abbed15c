/* nativeImage's pixel work: decoding files and buffers, PNG/JPEG encoding
 * and scaling. Images cross to JS as {width, height, data}, where data is
 * premultiplied BGRA (Electron's bitmap layout on Linux). */
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "ui-private.h"

static void
free_pixels (gpointer data)
{
  g_free (data);
}

/* Takes ownership of `pixels` (width * height * 4 bytes). */
static JSCValue *
image_new (JSCContext *ctx, int width, int height, guchar *pixels)
{
  gsize size = (gsize) width * height * 4;
  g_autoptr (JSCValue) buffer = jsc_value_new_array_buffer (ctx, pixels, size,
                                                           free_pixels, pixels);
  g_autoptr (JSCValue) data = jsc_value_new_typed_array_with_buffer (
    buffer, JSC_TYPED_ARRAY_UINT8, 0, -1);
  JSCValue *o = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_int (o, "width", width);
  anode_set_int (o, "height", height);
  anode_set_value (o, "data", data);
  return o;
}

JSCValue *
anode_ui_image_from_texture (JSCContext *ctx, GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guchar *pixels = g_malloc ((gsize) w * h * 4 + 1);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  return image_new (ctx, w, h, pixels);
}

/* The pixels of a JS image object as a texture (NULL if malformed). */
static GdkTexture *
texture_from (JSCValue *width_v, JSCValue *height_v, JSCValue *data)
{
  int w = jsc_value_to_int32 (width_v), h = jsc_value_to_int32 (height_v);
  gsize len = 0;
  if (w <= 0 || h <= 0 || !jsc_value_is_typed_array (data))
    return NULL;
  guint8 *px = jsc_value_typed_array_get_data (data, &len);
  if (len < (gsize) w * h * 4)
    return NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (px, (gsize) w * h * 4);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, (gsize) w * 4);
}

static GdkTexture *
decode_bytes (GBytes *bytes, GError **error)
{
  GdkTexture *t = gdk_texture_new_from_bytes (bytes, NULL);
  if (t != NULL)
    return t;
  /* PNG, JPEG and TIFF are GDK's own; gdk-pixbuf's loaders do the rest
   * (GIF, BMP, ICO, SVG where librsvg is installed). */
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an image");
    return NULL;
  }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gdk_texture_new_for_pixbuf (pixbuf);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* decode(Uint8Array, errctx): image object, or undefined with errctx.message. */
static JSCValue *
decode_cb (JSCValue *data, JSCValue *errctx, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  gsize len = 0;
  guint8 *px = jsc_value_is_typed_array (data) ? jsc_value_typed_array_get_data (data, &len)
                                               : NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (px, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) t = len ? decode_bytes (bytes, &error) : NULL;
  if (t == NULL) {
    anode_set_string (errctx, "message", error ? error->message : "empty buffer");
    return jsc_value_new_undefined (ctx);
  }
  return anode_ui_image_from_texture (ctx, t);
}

static JSCValue *
decode_file_cb (const char *path, JSCValue *errctx, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr (GBytes) bytes = file ? g_mapped_file_get_bytes (file) : NULL;
  g_autoptr (GdkTexture) t = bytes ? decode_bytes (bytes, &error) : NULL;
  if (t == NULL) {
    anode_set_string (errctx, "message", error ? error->message : "not an image");
    return jsc_value_new_undefined (ctx);
  }
  return anode_ui_image_from_texture (ctx, t);
}

static JSCValue *
bytes_to_js (JSCContext *ctx, GBytes *bytes)
{
  gsize len = 0;
  gpointer data = g_bytes_unref_to_data (bytes, &len);
  g_autoptr (JSCValue) buffer = jsc_value_new_array_buffer (ctx, data, len, free_pixels, data);
  return jsc_value_new_typed_array_with_buffer (buffer, JSC_TYPED_ARRAY_UINT8, 0, -1);
}

static JSCValue *
encode_png_cb (JSCValue *w, JSCValue *h, JSCValue *data, anode_ui_t *ui)
{
  g_autoptr (GdkTexture) t = texture_from (w, h, data);
  if (t == NULL)
    return jsc_value_new_undefined (ui->rt->ctx);
  return bytes_to_js (ui->rt->ctx, gdk_texture_save_to_png_bytes (t));
}

/* Straight (non-premultiplied) RGB for gdk-pixbuf's JPEG writer. */
static GdkPixbuf *
pixbuf_from (int w, int h, const guint8 *bgra)
{
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  int stride = gdk_pixbuf_get_rowstride (pb);
  guint8 *out = gdk_pixbuf_get_pixels (pb);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const guint8 *p = bgra + ((gsize) y * w + x) * 4;
      guint8 *q = out + (gsize) y * stride + x * 3;
      guint a = p[3];
      q[0] = a ? MIN (255u, p[2] * 255u / a) : 0;
      q[1] = a ? MIN (255u, p[1] * 255u / a) : 0;
      q[2] = a ? MIN (255u, p[0] * 255u / a) : 0;
    }
  }
  return pb;
}

static JSCValue *
encode_jpeg_cb (JSCValue *w_v, JSCValue *h_v, JSCValue *data, double quality,
                anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  int w = jsc_value_to_int32 (w_v), h = jsc_value_to_int32 (h_v);
  gsize len = 0;
  guint8 *px = jsc_value_is_typed_array (data) ? jsc_value_typed_array_get_data (data, &len)
                                               : NULL;
  if (w <= 0 || h <= 0 || len < (gsize) w * h * 4)
    return jsc_value_new_undefined (ctx);
  g_autoptr (GdkPixbuf) pb = pixbuf_from (w, h, px);
  g_autofree char *q = g_strdup_printf ("%d", CLAMP ((int) quality, 0, 100));
  char *buf = NULL;
  gsize size = 0;
  if (!gdk_pixbuf_save_to_buffer (pb, &buf, &size, "jpeg", NULL, "quality", q, NULL))
    return jsc_value_new_undefined (ctx);
  return bytes_to_js (ctx, g_bytes_new_take (buf, size));
}

/* resize(w, h, data, newW, newH, quality): bilinear or better through
 * cairo, which works on premultiplied BGRA as we do. */
static JSCValue *
resize_cb (JSCValue *w_v, JSCValue *h_v, JSCValue *data, double nw_d, double nh_d,
           const char *quality, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  int w = jsc_value_to_int32 (w_v), h = jsc_value_to_int32 (h_v);
  int nw = (int) nw_d, nh = (int) nh_d;
  gsize len = 0;
  guint8 *px = jsc_value_is_typed_array (data) ? jsc_value_typed_array_get_data (data, &len)
                                               : NULL;
  if (w <= 0 || h <= 0 || nw <= 0 || nh <= 0 || len < (gsize) w * h * 4)
    return jsc_value_new_undefined (ctx);
  cairo_surface_t *src = cairo_image_surface_create_for_data (px, CAIRO_FORMAT_ARGB32,
                                                              w, h, w * 4);
  guchar *out = g_malloc0 ((gsize) nw * nh * 4 + 1);
  cairo_surface_t *dst = cairo_image_surface_create_for_data (out, CAIRO_FORMAT_ARGB32,
                                                              nw, nh, nw * 4);
  cairo_t *cr = cairo_create (dst);
  cairo_scale (cr, (double) nw / w, (double) nh / h);
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            g_strcmp0 (quality, "good") == 0 ? CAIRO_FILTER_GOOD
                            : g_strcmp0 (quality, "better") == 0 ? CAIRO_FILTER_BEST
                            : g_strcmp0 (quality, "best") == 0 ? CAIRO_FILTER_BEST
                            : CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (dst);
  cairo_surface_destroy (dst);
  cairo_surface_destroy (src);
  return image_new (ctx, nw, nh, out);
}

void
anode_ui_image_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "imageDecode", G_CALLBACK (decode_cb), ui, JSC_TYPE_VALUE, 2,
                    JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "imageDecodeFile", G_CALLBACK (decode_file_cb), ui, JSC_TYPE_VALUE,
                    2, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "imageEncodePNG", G_CALLBACK (encode_png_cb), ui, JSC_TYPE_VALUE,
                    3, JSC_TYPE_VALUE, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "imageEncodeJPEG", G_CALLBACK (encode_jpeg_cb), ui, JSC_TYPE_VALUE,
                    4, JSC_TYPE_VALUE, JSC_TYPE_VALUE, JSC_TYPE_VALUE, G_TYPE_DOUBLE);
  anode_set_method (b, "imageResize", G_CALLBACK (resize_cb), ui, JSC_TYPE_VALUE, 6,
                    JSC_TYPE_VALUE, JSC_TYPE_VALUE, JSC_TYPE_VALUE, G_TYPE_DOUBLE,
                    G_TYPE_DOUBLE, G_TYPE_STRING);
}
