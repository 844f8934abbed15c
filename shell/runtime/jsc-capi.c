/* Helpers over JavaScriptCore's C API for the hot paths of the I/O bindings:
 * native functions that carry their data, and string <-> byte conversions
 * without GObject wrappers. */
#include "jsc-capi.h"

#include "anode-runtime.h"

#include <string.h>

typedef struct {
  anode_capi_fn fn;
  void *data;
} native_fn_t;

static JSValueRef
native_call_cb (JSContextRef ctx, JSObjectRef function, JSObjectRef this_object,
                size_t argc, const JSValueRef argv[], JSValueRef *exception)
{
  native_fn_t *nf = JSObjectGetPrivate (function);
  return nf->fn (ctx, nf->data, argc, argv, exception);
}

static void
native_finalize_cb (JSObjectRef object)
{
  g_free (JSObjectGetPrivate (object));
}

static JSClassRef
native_fn_class (JSCContext *ctx)
{
  JSClassRef cls = g_object_get_data (G_OBJECT (ctx), "anode-capi-fn-class");
  if (cls == NULL) {
    JSClassDefinition def = { 0 };
    def.className = "NativeFunction";
    def.callAsFunction = native_call_cb;
    def.finalize = native_finalize_cb;
    cls = JSClassCreate (&def);
    /* Classes are not tied to a context; one per context keeps the
     * no-global-state rule without a teardown order to get wrong. */
    g_object_set_data_full (G_OBJECT (ctx), "anode-capi-fn-class", cls,
                            (GDestroyNotify) JSClassRelease);
  }
  return cls;
}

void
anode_capi_set_method (JSCValue *obj, const char *name, anode_capi_fn fn, void *data)
{
  JSCContext *ctx = jsc_value_get_context (obj);
  JSGlobalContextRef js = anode_capi_context (ctx);
  native_fn_t *nf = g_new (native_fn_t, 1);
  nf->fn = fn;
  nf->data = data;
  JSObjectRef f = JSObjectMake (js, native_fn_class (ctx), nf);
  JSStringRef key = JSStringCreateWithUTF8CString (name);
  JSObjectSetProperty (js, (JSObjectRef) anode_capi_value (obj), key, f, 0, NULL);
  JSStringRelease (key);
}

void
anode_capi_set_methods (JSCValue *obj, const anode_capi_method_t *methods, size_t n, void *data)
{
  for (size_t i = 0; i < n; i++)
    anode_capi_set_method (obj, methods[i].name, methods[i].fn, data);
}

JSStringRef
anode_capi_latin1_string (const char *data, size_t len)
{
  char small[512];
  gboolean ascii = TRUE;
  for (size_t i = 0; i < len; i++) {
    if ((unsigned char) data[i] >= 0x80 || data[i] == 0) {
      ascii = FALSE;
      break;
    }
  }
  if (ascii) {
    /* The UTF-8 entry point keeps all-ASCII text as an 8-bit string. */
    char *buf = len < sizeof small ? small : g_malloc (len + 1);
    memcpy (buf, data, len);
    buf[len] = 0;
    JSStringRef s = JSStringCreateWithUTF8CString (buf);
    if (buf != small)
      g_free (buf);
    return s;
  }
  JSChar *chars = g_new (JSChar, MAX (len, 1));
  for (size_t i = 0; i < len; i++)
    chars[i] = (unsigned char) data[i];
  JSStringRef s = JSStringCreateWithCharacters (chars, len);
  g_free (chars);
  return s;
}

/* UTF-16 to UTF-8 with lone surrogates as U+FFFD, as Node encodes. */
static void
utf16_to_utf8 (const JSChar *s, size_t n, GByteArray *out)
{
  for (size_t i = 0; i < n; i++) {
    guint32 c = s[i];
    guint8 b[4];
    guint k;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xfffd;
    }
    if (c < 0x80) {
      b[0] = c;
      k = 1;
    } else if (c < 0x800) {
      b[0] = 0xc0 | (c >> 6);
      b[1] = 0x80 | (c & 0x3f);
      k = 2;
    } else if (c < 0x10000) {
      b[0] = 0xe0 | (c >> 12);
      b[1] = 0x80 | ((c >> 6) & 0x3f);
      b[2] = 0x80 | (c & 0x3f);
      k = 3;
    } else {
      b[0] = 0xf0 | (c >> 18);
      b[1] = 0x80 | ((c >> 12) & 0x3f);
      b[2] = 0x80 | ((c >> 6) & 0x3f);
      b[3] = 0x80 | (c & 0x3f);
      k = 4;
    }
    g_byte_array_append (out, b, k);
  }
}

/* How many UTF-16 units `n` bytes of valid UTF-8 decode to. */
static size_t
utf16_length (const guint8 *s, size_t n)
{
  size_t continuation = 0, four = 0;
  for (size_t i = 0; i < n; i++) {
    continuation += (s[i] & 0xc0) == 0x80;
    four += s[i] >= 0xf0;
  }
  return n - continuation + four;
}

gboolean
anode_capi_string_bytes (JSContextRef ctx, JSValueRef value, int encoding, GByteArray *out)
{
  if (!JSValueIsString (ctx, value))
    return FALSE;
  JSStringRef s = JSValueToStringCopy (ctx, value, NULL);
  size_t len = JSStringGetLength (s);
  guint start = out->len;
  if (encoding != 0) {
    const JSChar *chars = JSStringGetCharactersPtr (s);
    g_byte_array_set_size (out, start + len);
    guint8 mask = encoding == 2 ? 0x7f : 0xff;
    for (size_t i = 0; i < len; i++)
      out->data[start + i] = chars[i] & mask;
    JSStringRelease (s);
    return TRUE;
  }
  size_t max = JSStringGetMaximumUTF8CStringSize (s);
  g_byte_array_set_size (out, start + max);
  size_t n = JSStringGetUTF8CString (s, (char *) out->data + start, max);
  n = n > 0 ? n - 1 : 0; /* the count includes the NUL */
  /* The conversion stops at a lone surrogate: redo such strings by hand. */
  if (n < len || (n != len && utf16_length (out->data + start, n) != len)) {
    g_byte_array_set_size (out, start);
    utf16_to_utf8 (JSStringGetCharactersPtr (s), len, out);
  } else {
    g_byte_array_set_size (out, start + n);
  }
  JSStringRelease (s);
  return TRUE;
}

char *
anode_capi_arg_utf8 (JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i)
{
  if (i >= argc || !JSValueIsString (ctx, argv[i]))
    return NULL;
  GByteArray *b = g_byte_array_new ();
  anode_capi_string_bytes (ctx, argv[i], 0, b);
  g_byte_array_append (b, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (b, FALSE);
}

JSValueRef
anode_capi_callback (anode_runtime_t *rt, JSObjectRef fn, size_t argc, const JSValueRef argv[])
{
  JSValueRef all[5];
  g_assert (argc < G_N_ELEMENTS (all));
  JSGlobalContextRef js = anode_capi_context (rt->ctx);
  all[0] = fn;
  for (size_t i = 0; i < argc; i++)
    all[i + 1] = argv[i];
  JSValueRef exception = NULL;
  JSValueRef r = JSObjectCallAsFunction (js, (JSObjectRef) anode_capi_value (rt->dispatch),
                                         NULL, argc + 1, all, &exception);
  anode_runtime_drain_ticks (rt);
  return exception ? NULL : r;
}
