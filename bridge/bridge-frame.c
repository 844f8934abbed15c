/* A document's bridge: the entry the preload's user script calls, the
 * preload world's renderer.js (ipcRenderer, contextBridge, require) and the
 * native functions it posts batches and sendSync through. */
#include <string.h>
#include <unistd.h>

#include "bridge-private.h"


#define ENTRY_NAME "__anodeBridge"

ab_frame_t *
ab_frame_ref (ab_frame_t *frame)
{
  g_atomic_int_inc (&frame->ref);
  return frame;
}

void
ab_frame_detach (ab_frame_t *frame)
{
  frame->page = NULL;
  g_clear_object (&frame->bridge);
  g_clear_object (&frame->page_helper);
  g_clear_object (&frame->ctx);
  g_clear_object (&frame->page_ctx);
}

void
ab_frame_unref (ab_frame_t *frame)
{
  if (!g_atomic_int_dec_and_test (&frame->ref))
    return;
  ab_frame_detach (frame);
  g_clear_object (&frame->frame);
  g_free (frame);
}

JSCValue *
ab_buffer_new (JSCContext *ctx, gsize len, void **data)
{
  /* Web processes forbid ArrayBuffers over outside memory (the gigacage):
   * the engine allocates, we fill. */
  g_autoptr (JSCValue) bytes = jsc_value_new_typed_array (ctx, JSC_TYPED_ARRAY_UINT8, len);
  gsize n;
  *data = jsc_value_typed_array_get_data (bytes, &n);
  return jsc_value_typed_array_get_buffer (bytes);
}

JSCValue *
ab_buffer_copy (JSCContext *ctx, const void *data, gsize len)
{
  void *dest;
  JSCValue *buf = ab_buffer_new (ctx, len, &dest);
  if (len > 0)
    memcpy (dest, data, len);
  return buf;
}

const guint8 *
ab_bytes_of (JSCValue *value, gsize *len)
{
  *len = 0;
  if (value == NULL)
    return NULL;
  if (jsc_value_is_typed_array (value) &&
      jsc_value_typed_array_get_type (value) == JSC_TYPED_ARRAY_UINT8) {
    const guint8 *p = jsc_value_typed_array_get_data (value, len);
    return p != NULL ? p : (const guint8 *) "";
  }
  if (jsc_value_is_array_buffer (value)) {
    const guint8 *p = jsc_value_array_buffer_get_data (value, len);
    return p != NULL ? p : (const guint8 *) "";
  }
  return NULL;
}

/* Takes the pending exception of `ctx` into `error` (and clears it). */
static gboolean
take_exception (JSCContext *ctx, GError **error)
{
  JSCException *exc = jsc_context_get_exception (ctx);
  if (exc == NULL)
    return FALSE;
  g_autofree char *text = jsc_exception_to_string (exc);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, text);
  jsc_context_clear_exception (ctx);
  return TRUE;
}

JSCValue *
ab_call (JSCValue *self, const char *method, GError **error, guint n_args, JSCValue **args)
{
  JSCContext *ctx = jsc_value_get_context (self);
  JSCValue *r = jsc_value_object_invoke_methodv (self, method, n_args, args);
  if (take_exception (ctx, error)) {
    g_clear_object (&r);
    return NULL;
  }
  return r;
}

static JSCValue *
evaluate (JSCContext *ctx, const char *code, gssize len, const char *uri, GError **error)
{
  JSCValue *v = jsc_context_evaluate_with_source_uri (ctx, code, len, uri, 1);
  if (take_exception (ctx, error)) {
    g_clear_object (&v);
    return NULL;
  }
  return v;
}

JSCValue *
ab_module_compile (ab_process_t *process, JSCContext *ctx, const char *name, GError **error)
{
  g_autoptr (GBytes) src = ab_process_source (process, name);
  if (src == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no bridge module '%s'", name);
    return NULL;
  }
  gsize len;
  const char *text = g_bytes_get_data (src, &len);
  /* On one line with the file's first, so positions stay the file's. */
  static const char head[] = "(function (exports, require, module, internalBinding) {";
  g_autoptr (GString) code = g_string_sized_new (len + 64);
  g_string_append (code, head);
  g_string_append_len (code, text, (gssize) len);
  g_string_append (code, "\n})");
  g_autofree char *uri = g_strconcat ("anode-bridge:///", name, NULL);
  return evaluate (ctx, code->str, (gssize) code->len, uri, error);
}

static void
throw_error (JSCContext *ctx, GError *error)
{
  jsc_context_throw_with_name (ctx, "Error", error->message);
}

/* ---- native functions of renderer.js (`native.*`) */

static JSCValue *
module_cb (const char *name, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  g_autoptr (GError) error = NULL;
  if (f->page == NULL) {
    jsc_context_throw (ctx, "the document's bridge is gone");
    return NULL;
  }
  JSCValue *fn = ab_module_compile (f->page->process, ctx, name, &error);
  if (fn == NULL)
    throw_error (ctx, error);
  return fn;
}

/* compile(source, path): the preload as a function of the sandboxed
 * preload's parameters; a syntax error throws naming the file. */
static JSCValue *
compile_cb (const char *source, const char *path, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  g_autoptr (GString) code = g_string_new (
    "(function (exports, require, module, __filename, __dirname, process, Buffer, global, "
    "setImmediate, clearImmediate) {");
  g_string_append (code, source);
  g_string_append (code, "\n})");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  JSCValue *fn = evaluate (ctx, code->str, (gssize) code->len, uri ? uri : path, &error);
  if (fn == NULL)
    jsc_context_throw_with_name (ctx, "SyntaxError", error->message);
  return fn;
}

static void
post_cb (JSCValue *bytes, JSCValue *oob, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  gsize len;
  const guint8 *data = ab_bytes_of (bytes, &len);
  g_autoptr (GError) error = NULL;
  if (f->page == NULL || data == NULL)
    return;
  if (!ab_page_post (f->page, f->id, data, len, oob, &error))
    throw_error (ctx, error);
}

static JSCValue *
send_sync_cb (JSCValue *bytes, JSCValue *oob, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  gsize len;
  const guint8 *data = ab_bytes_of (bytes, &len);
  g_autoptr (GError) error = NULL;
  if (f->page == NULL || data == NULL) {
    jsc_context_throw (ctx, "sendSync: the document's bridge is gone");
    return NULL;
  }
  g_autoptr (GBytes) reply = ab_page_send_sync (f->page, f->id, data, len, oob, &error);
  if (reply == NULL) {
    throw_error (ctx, error);
    return NULL;
  }
  gsize n;
  const void *p = g_bytes_get_data (reply, &n);
  return ab_buffer_copy (ctx, p, n);
}

void
ab_set_method (JSCValue *obj, const char *name, GCallback cb, ab_frame_t *f, GType ret,
            guint n, ...)
{
  va_list ap;
  va_start (ap, n);
  JSCContext *ctx = jsc_value_get_context (obj);
  GType types[8];
  for (guint i = 0; i < n && i < G_N_ELEMENTS (types); i++)
    types[i] = va_arg (ap, GType);
  va_end (ap);
  g_autoptr (JSCValue) fn = jsc_value_new_functionv (ctx, name, cb, ab_frame_ref (f),
                                                     (GDestroyNotify) ab_frame_unref, ret, n, types);
  jsc_value_object_set_property (obj, name, fn);
}

/* __anodeBridge(contextIsolation, config): called by the user script the
 * main process generated for the window's preload, once per document. */
static void
entry_cb (gboolean context_isolation, const char *config, ab_frame_t *f)
{
  JSCContext *iso = jsc_context_get_current ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) global = jsc_context_get_global_object (iso);
  jsc_value_object_delete_property (global, ENTRY_NAME);
  if (f->page == NULL || f->bridge != NULL)
    return;
  f->context_isolation = context_isolation;
  /* Without isolation the preload shares the page's world (Electron's
   * legacy mode). */
  f->ctx = context_isolation ? g_object_ref (iso) : webkit_frame_get_js_context (f->frame);
  g_autoptr (JSCValue) factory = ab_module_compile (f->page->process, f->ctx, "renderer.js", &error);
  if (factory == NULL) {
    g_warning ("anode bridge: renderer.js: %s", error->message);
    return;
  }
  g_autoptr (JSCValue) native = jsc_value_new_object (f->ctx, NULL, NULL);
  ab_set_method (native, "module", G_CALLBACK (module_cb), f, JSC_TYPE_VALUE, 1, G_TYPE_STRING);
  ab_set_method (native, "compile", G_CALLBACK (compile_cb), f, JSC_TYPE_VALUE, 2, G_TYPE_STRING,
              G_TYPE_STRING);
  ab_set_method (native, "post", G_CALLBACK (post_cb), f, G_TYPE_NONE, 2, JSC_TYPE_VALUE,
              JSC_TYPE_VALUE);
  ab_set_method (native, "sendSync", G_CALLBACK (send_sync_cb), f, JSC_TYPE_VALUE, 2,
              JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  ab_world_bind (f, native);
  g_autoptr (JSCValue) pid = jsc_value_new_number (f->ctx, getpid ());
  jsc_value_object_set_property (native, "pid", pid);
  g_autoptr (JSCValue) module = jsc_value_new_object (f->ctx, NULL, NULL);
  g_autoptr (JSCValue) exports = jsc_value_new_object (f->ctx, NULL, NULL);
  jsc_value_object_set_property (module, "exports", exports);
  g_autoptr (JSCValue) null = jsc_value_new_null (f->ctx);
  g_autoptr (JSCValue) r = jsc_value_function_call (factory, JSC_TYPE_VALUE, exports,
                                                    JSC_TYPE_VALUE, null, JSC_TYPE_VALUE, module,
                                                    JSC_TYPE_VALUE, null, G_TYPE_NONE);
  g_autoptr (JSCValue) start = jsc_value_object_get_property (module, "exports");
  g_autoptr (JSCValue) cfg = jsc_value_new_string (f->ctx, config);
  g_autoptr (JSCValue) id = jsc_value_new_number (f->ctx, f->id);
  JSCValue *args[] = { native, cfg, id };
  f->bridge = jsc_value_function_callv (start, G_N_ELEMENTS (args), args);
  if (take_exception (f->ctx, &error) || f->bridge == NULL || !jsc_value_is_object (f->bridge)) {
    g_warning ("anode bridge: %s", error ? error->message : "renderer.js returned no bridge");
    g_clear_object (&f->bridge);
    return;
  }
  /* The preloads run once the bridge is in place: their calls into it
   * (contextBridge, sendSync) need it. */
  g_autoptr (JSCValue) ran = ab_call (f->bridge, "start", &error, 0, NULL);
  if (ran == NULL)
    g_warning ("anode bridge: %s", error->message);
}

void
ab_frame_window_cleared (ab_page_t *page, WebKitFrame *web_frame)
{
  guint64 key = webkit_frame_get_id (web_frame);
  ab_frame_t *old = g_hash_table_lookup (page->frames, &key);
  ab_frame_t *f = g_new0 (ab_frame_t, 1);
  f->ref = 1;
  f->page = page;
  f->frame = g_object_ref (web_frame);
  /* A frame keeps its id across its documents. */
  f->id = old != NULL ? old->id : ++page->next_frame_id;
  if (old != NULL)
    ab_frame_detach (old);
  g_hash_table_replace (page->frames, g_memdup2 (&key, sizeof key), f);

  g_autoptr (JSCContext) iso = webkit_frame_get_js_context_for_script_world (web_frame,
                                                                             page->process->world);
  g_autoptr (JSCValue) entry = jsc_value_new_function (iso, ENTRY_NAME, G_CALLBACK (entry_cb),
                                                       ab_frame_ref (f),
                                                       (GDestroyNotify) ab_frame_unref,
                                                       G_TYPE_NONE, 2, G_TYPE_BOOLEAN,
                                                       G_TYPE_STRING);
  jsc_context_set_value (iso, ENTRY_NAME, entry);
}

void
ab_frame_receive (ab_frame_t *f, anode_ipc_received_t *r)
{
  g_autoptr (GError) error = NULL;
  void *dest;
  g_autoptr (JSCValue) buf = ab_buffer_new (f->ctx, r->len, &dest);
  g_autoptr (JSCValue) oob = NULL;
  if (anode_ipc_received_read (r, dest, &error))
    oob = ab_oob_map (f->ctx, r->oob, r->n_oob, &error);
  if (oob == NULL) {
    g_warning ("anode bridge: dropped a message: %s", error->message);
    return;
  }
  JSCValue *args[] = { buf, oob };
  g_autoptr (JSCValue) ret = ab_call (f->bridge, "receive", &error, 2, args);
  if (ret == NULL)
    g_warning ("anode bridge: %s", error->message);
}
