/* contextBridge between the preload's isolated world and the page's world.
 * No object ever crosses: each side encodes values with the wire format
 * (functions and promises as handles) and this file copies the bytes into a
 * new ArrayBuffer of the other world, then calls that world's helper
 * (renderer.js on one side, page.js on the other). */
#include "bridge-private.h"

static gboolean
check_frame (ab_frame_t *f, JSCContext *ctx)
{
  if (f->page == NULL || f->bridge == NULL) {
    jsc_context_throw (ctx, "contextBridge: the document's bridge is gone");
    return FALSE;
  }
  return TRUE;
}

/* Calls helper.method(number, bytes copied into the helper's world). */
static JSCValue *
call_across (JSCValue *helper, const char *method, double n, JSCValue *bytes, GError **error)
{
  JSCContext *to = jsc_value_get_context (helper);
  gsize len;
  const guint8 *data = ab_bytes_of (bytes, &len);
  if (data == NULL) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         "contextBridge: expected encoded bytes");
    return NULL;
  }
  g_autoptr (JSCValue) num = jsc_value_new_number (to, n);
  g_autoptr (JSCValue) buf = ab_buffer_copy (to, data, len);
  JSCValue *args[] = { num, buf };
  return ab_call (helper, method, error, 2, args);
}

/* The helper's result (Uint8Array) copied back into `ctx`. */
static JSCValue *
bytes_back (JSCContext *ctx, JSCValue *r)
{
  gsize len;
  const guint8 *data = ab_bytes_of (r, &len);
  if (data == NULL) {
    jsc_context_throw (ctx, "contextBridge: a malformed result");
    return NULL;
  }
  return ab_buffer_copy (ctx, data, len);
}

/* ---- the page world's natives (page.js) */

static JSCValue *
call_isolated_cb (double id, JSCValue *bytes, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  g_autoptr (GError) error = NULL;
  if (!check_frame (f, ctx))
    return NULL;
  g_autoptr (JSCValue) r = call_across (f->bridge, "bridgeCall", id, bytes, &error);
  if (r == NULL) {
    jsc_context_throw (ctx, error->message);
    return NULL;
  }
  return bytes_back (ctx, r);
}

static void
settle_isolated_cb (double id, JSCValue *bytes, ab_frame_t *f)
{
  g_autoptr (GError) error = NULL;
  if (f->page == NULL || f->bridge == NULL)
    return;
  g_autoptr (JSCValue) r = call_across (f->bridge, "bridgeSettle", id, bytes, &error);
  if (r == NULL)
    g_warning ("contextBridge: %s", error->message);
}

static void
release_isolated_cb (double id, ab_frame_t *f)
{
  if (f->page == NULL || f->bridge == NULL)
    return;
  g_autoptr (JSCValue) num = jsc_value_new_number (f->ctx, id);
  g_autoptr (JSCValue) r = ab_call (f->bridge, "bridgeRelease", NULL, 1, &num);
}

/* page.js runs in the page's world only once contextBridge is used: pages
 * whose preload exposes nothing carry nothing of ours. It runs before the
 * page's own scripts (preloads run at document start), so it keeps the
 * built-ins it uses as they were. */
static gboolean
ensure_page_helper (ab_frame_t *f, GError **error)
{
  if (f->page_helper != NULL)
    return TRUE;
  f->page_ctx = webkit_frame_get_js_context (f->frame);
  ab_process_t *process = f->page->process;
  g_autoptr (JSCValue) page_fn = ab_module_compile (process, f->page_ctx, "page.js", error);
  if (page_fn == NULL)
    return FALSE;
  g_autoptr (JSCValue) wire_fn = ab_module_compile (process, f->page_ctx, "ipc_wire.js", error);
  if (wire_fn == NULL)
    return FALSE;
  g_autoptr (JSCValue) membrane_fn = ab_module_compile (process, f->page_ctx, "membrane.js", error);
  if (membrane_fn == NULL)
    return FALSE;
  g_autoptr (JSCValue) native = jsc_value_new_object (f->page_ctx, NULL, NULL);
  ab_set_method (native, "call", G_CALLBACK (call_isolated_cb), f, JSC_TYPE_VALUE, 2,
                 G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  ab_set_method (native, "settle", G_CALLBACK (settle_isolated_cb), f, G_TYPE_NONE, 2,
                 G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  ab_set_method (native, "release", G_CALLBACK (release_isolated_cb), f, G_TYPE_NONE, 1,
                 G_TYPE_DOUBLE);
  g_autoptr (JSCValue) module = jsc_value_new_object (f->page_ctx, NULL, NULL);
  g_autoptr (JSCValue) exports = jsc_value_new_object (f->page_ctx, NULL, NULL);
  jsc_value_object_set_property (module, "exports", exports);
  g_autoptr (JSCValue) null = jsc_value_new_null (f->page_ctx);
  JSCValue *margs[] = { exports, null, module, null };
  g_autoptr (JSCValue) ignored = jsc_value_function_callv (page_fn, G_N_ELEMENTS (margs), margs);
  g_autoptr (JSCValue) factory = jsc_value_object_get_property (module, "exports");
  JSCValue *args[] = { native, wire_fn, membrane_fn };
  JSCValue *helper = jsc_value_function_callv (factory, G_N_ELEMENTS (args), args);
  JSCException *exc = jsc_context_get_exception (f->page_ctx);
  if (exc != NULL || helper == NULL || !jsc_value_is_object (helper)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "contextBridge: page.js: %s",
                 exc ? jsc_exception_get_message (exc) : "no helper");
    jsc_context_clear_exception (f->page_ctx);
    g_clear_object (&helper);
    return FALSE;
  }
  f->page_helper = helper;
  return TRUE;
}

/* ---- the preload world's natives (renderer.js) */

static void
expose_cb (const char *key, JSCValue *bytes, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  g_autoptr (GError) error = NULL;
  if (!check_frame (f, ctx))
    return;
  if (!ensure_page_helper (f, &error)) {
    jsc_context_throw (ctx, error->message);
    return;
  }
  gsize len;
  const guint8 *data = ab_bytes_of (bytes, &len);
  if (data == NULL) {
    jsc_context_throw (ctx, "contextBridge: expected encoded bytes");
    return;
  }
  g_autoptr (JSCValue) k = jsc_value_new_string (f->page_ctx, key);
  g_autoptr (JSCValue) buf = ab_buffer_copy (f->page_ctx, data, len);
  JSCValue *args[] = { k, buf };
  g_autoptr (JSCValue) r = ab_call (f->page_helper, "expose", &error, 2, args);
  if (r == NULL)
    jsc_context_throw (ctx, error->message);
}

static JSCValue *
call_page_cb (double id, JSCValue *bytes, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  g_autoptr (GError) error = NULL;
  if (!check_frame (f, ctx))
    return NULL;
  if (f->page_helper == NULL) {
    jsc_context_throw (ctx, "contextBridge: no such page function");
    return NULL;
  }
  g_autoptr (JSCValue) r = call_across (f->page_helper, "call", id, bytes, &error);
  if (r == NULL) {
    jsc_context_throw (ctx, error->message);
    return NULL;
  }
  return bytes_back (ctx, r);
}

static void
settle_page_cb (double id, JSCValue *bytes, ab_frame_t *f)
{
  g_autoptr (GError) error = NULL;
  if (f->page == NULL || f->page_helper == NULL)
    return;
  g_autoptr (JSCValue) r = call_across (f->page_helper, "settle", id, bytes, &error);
  if (r == NULL)
    g_warning ("contextBridge: %s", error->message);
}

static void
release_page_cb (double id, ab_frame_t *f)
{
  if (f->page == NULL || f->page_helper == NULL)
    return;
  g_autoptr (JSCValue) num = jsc_value_new_number (f->page_ctx, id);
  g_autoptr (JSCValue) r = ab_call (f->page_helper, "release", NULL, 1, &num);
}

/* evalPage(code): webFrame.executeJavaScript; the result (awaited when a
 * promise) comes back encoded, a throw as an error record. */
static JSCValue *
eval_page_cb (const char *code, ab_frame_t *f)
{
  JSCContext *ctx = jsc_context_get_current ();
  g_autoptr (GError) error = NULL;
  if (!check_frame (f, ctx))
    return NULL;
  if (!ensure_page_helper (f, &error)) {
    jsc_context_throw (ctx, error->message);
    return NULL;
  }
  g_autoptr (JSCValue) v = jsc_context_evaluate_with_source_uri (f->page_ctx, code, -1,
                                                                 "anode:executeJavaScript", 1);
  JSCException *exc = jsc_context_get_exception (f->page_ctx);
  g_autoptr (JSCValue) ok = jsc_value_new_boolean (f->page_ctx, exc == NULL);
  g_autoptr (JSCValue) value = exc != NULL
    ? jsc_value_new_string (f->page_ctx, jsc_exception_get_message (exc))
    : (v != NULL ? g_object_ref (v) : jsc_value_new_undefined (f->page_ctx));
  if (exc != NULL)
    jsc_context_clear_exception (f->page_ctx);
  JSCValue *args[] = { ok, value };
  g_autoptr (JSCValue) r = ab_call (f->page_helper, "result", &error, 2, args);
  if (r == NULL) {
    jsc_context_throw (ctx, error->message);
    return NULL;
  }
  return bytes_back (ctx, r);
}

void
ab_world_bind (ab_frame_t *f, JSCValue *native)
{
  ab_set_method (native, "expose", G_CALLBACK (expose_cb), f, G_TYPE_NONE, 2, G_TYPE_STRING,
                 JSC_TYPE_VALUE);
  ab_set_method (native, "callPage", G_CALLBACK (call_page_cb), f, JSC_TYPE_VALUE, 2,
                 G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  ab_set_method (native, "settlePage", G_CALLBACK (settle_page_cb), f, G_TYPE_NONE, 2,
                 G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  ab_set_method (native, "releasePage", G_CALLBACK (release_page_cb), f, G_TYPE_NONE, 1,
                 G_TYPE_DOUBLE);
  ab_set_method (native, "evalPage", G_CALLBACK (eval_page_cb), f, JSC_TYPE_VALUE, 1,
                 G_TYPE_STRING);
}
