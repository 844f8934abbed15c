/* What the two crypto bindings (binding-crypto.c, binding-crypto-keys.c)
 * share: reading bytes out of JS views, and turning OpenSSL's error queue
 * into the error objects Node throws (through a JS factory, so the errors
 * carry Node's classes and stacks). */
#pragma once

#include <string.h>

#include <openssl/err.h>

#include "jsc-capi.h"

extern bool JSValueIsObjectOfClass (JSContextRef ctx, JSValueRef value, JSClassRef cls);

/* The bytes of a Uint8Array/Buffer (or any typed array, or an ArrayBuffer)
 * argument. FALSE when `v` is none of those. */
static inline gboolean
cr_bytes (JSContextRef ctx, JSValueRef v, const guint8 **data, size_t *len)
{
  *data = NULL;
  *len = 0;
  if (v == NULL || !JSValueIsObject (ctx, v))
    return FALSE;
  JSTypedArrayType t = JSValueGetTypedArrayType (ctx, v, NULL);
  if (t == kJSTypedArrayTypeNone)
    return FALSE;
  static const guint8 empty[1];
  if (t == kJSTypedArrayTypeArrayBuffer) {
    guint8 *p = JSObjectGetArrayBufferBytesPtr (ctx, (JSObjectRef) v, NULL);
    *len = JSObjectGetArrayBufferByteLength (ctx, (JSObjectRef) v, NULL);
    *data = p ? p : empty;
    return TRUE;
  }
  /* BytesPtr is the start of the view's buffer, not of the view. */
  guint8 *p = JSObjectGetTypedArrayBytesPtr (ctx, (JSObjectRef) v, NULL);
  *len = JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) v, NULL);
  *data = p ? p + JSObjectGetTypedArrayByteOffset (ctx, (JSObjectRef) v, NULL) : empty;
  return TRUE;
}

static inline gboolean
cr_arg_bytes (JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i,
              const guint8 **data, size_t *len)
{
  return cr_bytes (ctx, i < argc ? argv[i] : NULL, data, len);
}

static inline JSValueRef
cr_str (JSContextRef ctx, const char *s)
{
  JSStringRef js = JSStringCreateWithUTF8CString (s ? s : "");
  JSValueRef v = JSValueMakeString (ctx, js);
  JSStringRelease (js);
  return v;
}

static inline void
cr_free_bytes (void *bytes, void *context)
{
  g_free (bytes);
}

/* An ArrayBuffer that takes `data` (g_malloc'd, may be NULL when len is 0). */
static inline JSValueRef
cr_array_buffer_take (JSContextRef ctx, guint8 *data, size_t len)
{
  if (data == NULL)
    data = g_malloc (1); /* a NULL pointer would read as detached */
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, data, len, cr_free_bytes, NULL, NULL);
}

static inline JSValueRef
cr_array_buffer_copy (JSContextRef ctx, const guint8 *data, size_t len)
{
  guint8 *copy = g_malloc (MAX (len, 1));
  if (len)
    memcpy (copy, data, len);
  return cr_array_buffer_take (ctx, copy, len);
}

/* Node's ERR_OSSL_* codes carry a library prefix for OpenSSL's classic
 * libraries and none for the provider-era ones. */
static inline const char *
cr_lib_prefix (int lib)
{
  switch (lib) {
  case ERR_LIB_ASN1: return "ASN1_";
  case ERR_LIB_BN: return "BN_";
  case ERR_LIB_BUF: return "BUF_";
  case ERR_LIB_CONF: return "CONF_";
  case ERR_LIB_CRYPTO: return "CRYPTO_";
  case ERR_LIB_DH: return "DH_";
  case ERR_LIB_DSA: return "DSA_";
  case ERR_LIB_EC: return "EC_";
  case ERR_LIB_EVP: return "EVP_";
  case ERR_LIB_OBJ: return "OBJ_";
  case ERR_LIB_PEM: return "PEM_";
  case ERR_LIB_PKCS12: return "PKCS12_";
  case ERR_LIB_PKCS7: return "PKCS7_";
  case ERR_LIB_RAND: return "RAND_";
  case ERR_LIB_RSA: return "RSA_";
  case ERR_LIB_X509: return "X509_";
  case ERR_LIB_X509V3: return "X509V3_";
  default: return "";
  }
}

/* setup(makeError) of both crypto bindings: keeps the JS error factory
 * (protected: C holds it) in `*slot`. */
static inline JSValueRef
cr_setup (JSContextRef ctx, JSObjectRef *slot, size_t argc, const JSValueRef argv[])
{
  if (argc < 1 || !JSValueIsObject (ctx, argv[0]))
    return JSValueMakeBoolean (ctx, false);
  if (*slot)
    JSValueUnprotect (ctx, *slot);
  *slot = (JSObjectRef) argv[0];
  JSValueProtect (ctx, *slot);
  return JSValueMakeBoolean (ctx, true);
}

/* Builds (does not throw) the error for OpenSSL's queued errors, emptying
 * the queue: the oldest is the error, the rest its opensslErrorStack. With
 * an empty queue, a plain Error saying `fallback`. make_error is the JS
 * factory (null, message, library, reason, code, stack[]) -> Error, or
 * (code, arg) for Node's own codes. */
static inline JSValueRef
cr_openssl_error (JSContextRef ctx, JSObjectRef make_error, const char *fallback)
{
  unsigned long e = ERR_get_error ();
  JSValueRef args[6];
  args[0] = JSValueMakeNull (ctx);
  if (e == 0) {
    args[1] = cr_str (ctx, fallback);
    args[2] = JSValueMakeUndefined (ctx);
    args[3] = JSValueMakeUndefined (ctx);
    args[4] = JSValueMakeUndefined (ctx);
    args[5] = JSValueMakeUndefined (ctx);
    return JSObjectCallAsFunction (ctx, make_error, NULL, 6, args, NULL);
  }
  char buf[256];
  ERR_error_string_n (e, buf, sizeof buf);
  const char *lib = ERR_lib_error_string (e);
  const char *reason = ERR_reason_error_string (e);
  GString *code = g_string_new ("ERR_OSSL_");
  if (reason != NULL) {
    g_string_append (code, cr_lib_prefix (ERR_GET_LIB (e)));
    for (const char *p = reason; *p; p++)
      g_string_append_c (code, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
  }
  args[1] = cr_str (ctx, buf);
  args[2] = lib ? cr_str (ctx, lib) : JSValueMakeUndefined (ctx);
  args[3] = reason ? cr_str (ctx, reason) : JSValueMakeUndefined (ctx);
  args[4] = reason ? cr_str (ctx, code->str) : JSValueMakeUndefined (ctx);
  g_string_free (code, TRUE);
  JSValueRef rest[16];
  size_t n = 0;
  while ((e = ERR_get_error ()) != 0) {
    if (n < G_N_ELEMENTS (rest)) {
      ERR_error_string_n (e, buf, sizeof buf);
      rest[n++] = cr_str (ctx, buf);
    }
  }
  args[5] = n ? JSObjectMakeArray (ctx, n, rest, NULL) : JSValueMakeUndefined (ctx);
  return JSObjectCallAsFunction (ctx, make_error, NULL, 6, args, NULL);
}

/* Throws the error cr_openssl_error builds; returns undefined for the
 * native function to return. */
static inline JSValueRef
cr_throw_openssl (JSContextRef ctx, JSObjectRef make_error, JSValueRef *exc,
                  const char *fallback)
{
  *exc = cr_openssl_error (ctx, make_error, fallback);
  return JSValueMakeUndefined (ctx);
}

/* Builds Node's own error `code` (e.g. ERR_CRYPTO_INVALID_IV), with one
 * optional message argument. */
static inline JSValueRef
cr_code_error (JSContextRef ctx, JSObjectRef make_error, const char *code, const char *arg)
{
  ERR_clear_error ();
  JSValueRef args[2] = { cr_str (ctx, code), arg ? cr_str (ctx, arg) : JSValueMakeUndefined (ctx) };
  return JSObjectCallAsFunction (ctx, make_error, NULL, 2, args, NULL);
}

static inline JSValueRef
cr_throw_code (JSContextRef ctx, JSObjectRef make_error, JSValueRef *exc, const char *code,
               const char *arg)
{
  *exc = cr_code_error (ctx, make_error, code, arg);
  return JSValueMakeUndefined (ctx);
}
