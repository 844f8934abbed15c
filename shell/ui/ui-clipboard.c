/* clipboard's native half on GdkClipboard: the CLIPBOARD selection and, on
 * X11, PRIMARY ('selection'). Electron's reads are synchronous while GDK's
 * are not: a read runs a nested main loop that runs GTK but no JS. */
#include "ui-desk.h"

static GdkClipboard *
clipboard_for (const char *type)
{
  GdkDisplay *display = gdk_display_get_default ();
  if (display == NULL)
    return NULL;
  if (type != NULL && g_str_equal (type, "selection"))
    return gdk_display_get_primary_clipboard (display);
  return gdk_display_get_clipboard (display);
}

typedef struct {
  GMainLoop *loop;
  GBytes *bytes;
  GdkTexture *texture;
  char *text;
  GMemoryOutputStream *out;
} read_t;

static void
wait_for (anode_ui_t *ui, read_t *r)
{
  anode_loop_source_pause (ui->rt->uv_source, TRUE);
  g_main_loop_run (r->loop);
  anode_loop_source_pause (ui->rt->uv_source, FALSE);
  g_main_loop_unref (r->loop);
}

static void
text_done (GObject *src, GAsyncResult *res, gpointer data)
{
  read_t *r = data;
  r->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (src), res, NULL);
  g_main_loop_quit (r->loop);
}

static void
splice_done (GObject *src, GAsyncResult *res, gpointer data)
{
  read_t *r = data;
  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (src), res, NULL) >= 0)
    r->bytes = g_memory_output_stream_steal_as_bytes (r->out);
  g_main_loop_quit (r->loop);
}

static void
stream_done (GObject *src, GAsyncResult *res, gpointer data)
{
  read_t *r = data;
  g_autoptr (GInputStream) in = gdk_clipboard_read_finish (GDK_CLIPBOARD (src), res, NULL, NULL);
  if (in == NULL) {
    g_main_loop_quit (r->loop);
    return;
  }
  r->out = G_MEMORY_OUTPUT_STREAM (g_memory_output_stream_new_resizable ());
  g_output_stream_splice_async (G_OUTPUT_STREAM (r->out), in,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_done, r);
}

static void
texture_done (GObject *src, GAsyncResult *res, gpointer data)
{
  read_t *r = data;
  r->texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (src), res, NULL);
  g_main_loop_quit (r->loop);
}

static gboolean
has_mime (GdkClipboard *cb, const char *mime)
{
  return gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (cb), mime);
}

/* clipboardRead(kind, type): kind "text" | "html" | "rtf" | "image" |
 * a MIME type (readBuffer). Text kinds give a string ('' when absent),
 * images {width, height, data} or null, MIME types a Uint8Array or null. */
static JSCValue *
read_cb (const char *kind, const char *type, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  GdkClipboard *cb = clipboard_for (type);
  read_t r = { 0 };
  if (cb == NULL)
    return jsc_value_new_null (ctx);
  r.loop = g_main_loop_new (NULL, FALSE);
  if (g_str_equal (kind, "text")) {
    gdk_clipboard_read_text_async (cb, NULL, text_done, &r);
    wait_for (ui, &r);
    JSCValue *v = jsc_value_new_string (ctx, r.text ? r.text : "");
    g_free (r.text);
    return v;
  }
  if (g_str_equal (kind, "image")) {
    if (!gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (cb), GDK_TYPE_TEXTURE)) {
      g_main_loop_unref (r.loop);
      return jsc_value_new_null (ctx);
    }
    gdk_clipboard_read_texture_async (cb, NULL, texture_done, &r);
    wait_for (ui, &r);
    if (r.texture == NULL)
      return jsc_value_new_null (ctx);
    JSCValue *v = anode_ui_image_from_texture (ctx, r.texture);
    g_object_unref (r.texture);
    return v;
  }
  const char *mime = g_str_equal (kind, "html") ? "text/html"
                     : g_str_equal (kind, "rtf") ? "text/rtf" : kind;
  gboolean textual = mime != kind;
  if (!has_mime (cb, mime)) {
    g_main_loop_unref (r.loop);
    return textual ? jsc_value_new_string (ctx, "") : jsc_value_new_null (ctx);
  }
  const char *mimes[] = { mime, NULL };
  gdk_clipboard_read_async (cb, mimes, G_PRIORITY_DEFAULT, NULL, stream_done, &r);
  wait_for (ui, &r);
  g_clear_object (&r.out);
  if (r.bytes == NULL)
    return textual ? jsc_value_new_string (ctx, "") : jsc_value_new_null (ctx);
  gsize len;
  const char *data = g_bytes_get_data (r.bytes, &len);
  JSCValue *v;
  if (textual) {
    v = anode_string_new_utf8 (ctx, data, len);
  } else {
    gpointer copy = g_memdup2 (data, len);
    g_autoptr (JSCValue) buf = jsc_value_new_array_buffer (ctx, copy, len, g_free, copy);
    v = jsc_value_new_typed_array_with_buffer (buf, JSC_TYPED_ARRAY_UINT8, 0, -1);
  }
  g_bytes_unref (r.bytes);
  return v;
}

/* clipboardWrite(data, type): data {text, html, rtf, image, buffers: {mime:
 * Uint8Array}}; everything given is offered at once, as Electron's write. */
static void
write_cb (JSCValue *data, const char *type, anode_ui_t *ui)
{
  GdkClipboard *cb = clipboard_for (type);
  if (cb == NULL)
    return;
  GPtrArray *providers = g_ptr_array_new ();
  g_autofree char *text = anode_desk_opt_string (data, "text");
  g_autofree char *html = anode_desk_opt_string (data, "html");
  g_autofree char *rtf = anode_desk_opt_string (data, "rtf");
  if (html != NULL) {
    g_autoptr (GBytes) b = g_bytes_new (html, strlen (html));
    g_ptr_array_add (providers, gdk_content_provider_new_for_bytes ("text/html", b));
  }
  if (rtf != NULL) {
    g_autoptr (GBytes) b = g_bytes_new (rtf, strlen (rtf));
    g_ptr_array_add (providers, gdk_content_provider_new_for_bytes ("text/rtf", b));
  }
  g_autoptr (JSCValue) image = jsc_value_object_get_property (data, "image");
  g_autoptr (GdkTexture) texture = anode_desk_texture (image);
  if (texture != NULL)
    g_ptr_array_add (providers, gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture));
  g_autoptr (JSCValue) buffers = jsc_value_object_get_property (data, "buffers");
  if (jsc_value_is_object (buffers)) {
    g_auto (GStrv) keys = jsc_value_object_enumerate_properties (buffers);
    for (guint i = 0; keys != NULL && keys[i] != NULL; i++) {
      g_autoptr (JSCValue) v = jsc_value_object_get_property (buffers, keys[i]);
      gsize len = 0;
      if (!jsc_value_is_typed_array (v))
        continue;
      guint8 *p = jsc_value_typed_array_get_data (v, &len);
      g_autoptr (GBytes) b = g_bytes_new (p, len);
      g_ptr_array_add (providers, gdk_content_provider_new_for_bytes (keys[i], b));
    }
  }
  if (text != NULL) {
    GValue v = G_VALUE_INIT;
    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, text);
    g_ptr_array_add (providers, gdk_content_provider_new_for_value (&v));
    g_value_unset (&v);
  }
  if (providers->len == 0) {
    g_ptr_array_unref (providers);
    gdk_clipboard_set_content (cb, NULL);
    return;
  }
  guint n = providers->len;
  GdkContentProvider **list = (GdkContentProvider **) g_ptr_array_free (providers, FALSE);
  g_autoptr (GdkContentProvider) all = gdk_content_provider_new_union (list, n);
  g_free (list);
  gdk_clipboard_set_content (cb, all);
}

/* clipboardFormats(type): the MIME types on offer. */
static JSCValue *
formats_cb (const char *type, anode_ui_t *ui)
{
  GdkClipboard *cb = clipboard_for (type);
  const char *const *mimes = NULL;
  if (cb != NULL)
    mimes = gdk_content_formats_get_mime_types (gdk_clipboard_get_formats (cb), NULL);
  return anode_desk_strv_to_js (ui->rt->ctx, mimes);
}

void
anode_ui_clipboard_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "clipboardRead", G_CALLBACK (read_cb), ui, JSC_TYPE_VALUE, 2,
                    G_TYPE_STRING, G_TYPE_STRING);
  anode_set_method (b, "clipboardWrite", G_CALLBACK (write_cb), ui, G_TYPE_NONE, 2,
                    JSC_TYPE_VALUE, G_TYPE_STRING);
  anode_set_method (b, "clipboardFormats", G_CALLBACK (formats_cb), ui, JSC_TYPE_VALUE, 1,
                    G_TYPE_STRING);
}
