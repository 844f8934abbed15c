/* zlib's deflate and inflate (zlib1g) for the zlib module: a z_stream per
 * JS object, fed synchronously one chunk at a time; each call returns all
 * the output the chunk produced. */
#include <string.h>
#include <zlib.h>

#include "anode-runtime.h"
#include "js-util.h"
#include "jsc-capi.h"

/* Node's mode numbers. */
enum { NONE, DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP };

/* Slots of the shared Int32Array: the last call's zlib code and whether
 * the stream ended; the message goes to the `message` argument object. */
enum { I_CODE, I_ENDED, I_LEN };

typedef struct {
  z_stream zs;
  int mode;
  gboolean inflating;
  gboolean ended;
  gboolean initialized;
  int level, window_bits, mem_level, strategy;
} zctx_t;

typedef struct {
  anode_runtime_t *rt;
  GPtrArray *streams; /* id -> zctx_t*, NULL when free */
  GArray *free_ids;
  JSObjectRef info_array;
  int32_t *info;
  int32_t no_info[I_LEN];
  JSStringRef msg_key;
} zlib_state_t;

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

static int
zinit (zctx_t *z)
{
  int wb = z->window_bits;
  memset (&z->zs, 0, sizeof z->zs);
  z->ended = FALSE;
  switch (z->mode) {
  case GZIP: case GUNZIP: wb += 16; break;
  case UNZIP: wb += 32; break;
  case DEFLATERAW: case INFLATERAW: wb = -wb; break;
  default: break;
  }
  int r = z->inflating ? inflateInit2 (&z->zs, wb)
                       : deflateInit2 (&z->zs, z->level, Z_DEFLATED, wb, z->mem_level, z->strategy);
  z->initialized = r == Z_OK;
  return r;
}

static void
zend (zctx_t *z)
{
  if (!z->initialized)
    return;
  if (z->inflating)
    inflateEnd (&z->zs);
  else
    deflateEnd (&z->zs);
  z->initialized = FALSE;
}

static zctx_t *
lookup (zlib_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  double id = anode_capi_arg_number (ctx, argc, argv, 0, -1);
  if (!(id >= 0) || id >= st->streams->len)
    return NULL;
  return g_ptr_array_index (st->streams, (guint) id);
}

static void
set_message (zlib_state_t *st, JSContextRef ctx, JSValueRef obj, const char *msg)
{
  if (obj == NULL || !JSValueIsObject (ctx, obj) || msg == NULL)
    return;
  JSStringRef s = JSStringCreateWithUTF8CString (msg);
  JSObjectSetProperty (ctx, (JSObjectRef) obj, st->msg_key, JSValueMakeString (ctx, s), 0, NULL);
  JSStringRelease (s);
}

/* create(mode, level, windowBits, memLevel, strategy, errobj) -> id, or a
 * negative zlib code with errobj.message set. */
static JSValueRef
create_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  zctx_t *z = g_new0 (zctx_t, 1);
  z->mode = (int) anode_capi_arg_number (ctx, argc, argv, 0, DEFLATE);
  z->level = (int) anode_capi_arg_number (ctx, argc, argv, 1, Z_DEFAULT_COMPRESSION);
  z->window_bits = (int) anode_capi_arg_number (ctx, argc, argv, 2, 15);
  z->mem_level = (int) anode_capi_arg_number (ctx, argc, argv, 3, 8);
  z->strategy = (int) anode_capi_arg_number (ctx, argc, argv, 4, Z_DEFAULT_STRATEGY);
  z->inflating = z->mode == INFLATE || z->mode == GUNZIP || z->mode == INFLATERAW || z->mode == UNZIP;
  if (z->inflating && z->window_bits == 0 && z->mode != INFLATERAW)
    z->window_bits = 0; /* zlib reads the window size from the header */
  int r = zinit (z);
  if (r != Z_OK) {
    set_message (st, ctx, argc > 5 ? argv[5] : NULL, z->zs.msg ? z->zs.msg : "Init error");
    g_free (z);
    return num (ctx, r);
  }
  int id;
  if (st->free_ids->len > 0) {
    id = g_array_index (st->free_ids, int, st->free_ids->len - 1);
    g_array_set_size (st->free_ids, st->free_ids->len - 1);
    st->streams->pdata[id] = z;
  } else {
    id = st->streams->len;
    g_ptr_array_add (st->streams, z);
  }
  return num (ctx, id);
}

static void
free_bytes_cb (void *bytes, void *context)
{
  g_free (bytes);
}

/* write(id, flush, view | null, errobj) -> ArrayBuffer of the output, or
 * null after an error (info[I_CODE] and errobj.message say which). */
static JSValueRef
write_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  zctx_t *z = lookup (st, ctx, argc, argv);
  JSValueRef errobj = argc > 3 ? argv[3] : NULL;
  st->info[I_CODE] = Z_OK;
  if (z == NULL || !z->initialized) {
    st->info[I_CODE] = Z_STREAM_ERROR;
    set_message (st, ctx, errobj, "zlib binding closed");
    return JSValueMakeNull (ctx);
  }
  int flush = (int) anode_capi_arg_number (ctx, argc, argv, 1, Z_NO_FLUSH);
  const guint8 *in = NULL;
  size_t in_len = 0;
  if (argc > 2 && JSValueIsObject (ctx, argv[2])) {
    JSTypedArrayType t = JSValueGetTypedArrayType (ctx, argv[2], NULL);
    if (t != kJSTypedArrayTypeNone && t != kJSTypedArrayTypeArrayBuffer) {
      guint8 *base = JSObjectGetTypedArrayBytesPtr (ctx, (JSObjectRef) argv[2], NULL);
      in = base + JSObjectGetTypedArrayByteOffset (ctx, (JSObjectRef) argv[2], NULL);
      in_len = JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) argv[2], NULL);
    }
  }
  GByteArray *out = g_byte_array_new ();
  z->zs.next_in = (Bytef *) in;
  z->zs.avail_in = in_len;
  int r = Z_OK;
  while (!z->ended) {
    guint8 buf[65536];
    z->zs.next_out = buf;
    z->zs.avail_out = sizeof buf;
    r = z->inflating ? inflate (&z->zs, flush) : deflate (&z->zs, flush);
    g_byte_array_append (out, buf, sizeof buf - z->zs.avail_out);
    if (r == Z_STREAM_END) {
      z->ended = TRUE;
      break;
    }
    if (r == Z_BUF_ERROR) {
      /* No progress possible: all input used and output flushed. */
      r = Z_OK;
      break;
    }
    if (r == Z_NEED_DICT) {
      set_message (st, ctx, errobj, "Missing dictionary");
      break;
    }
    if (r != Z_OK)
      break;
    if (z->zs.avail_out != 0 && z->zs.avail_in == 0)
      break;
  }
  st->info[I_ENDED] = z->ended;
  st->info[I_CODE] = r == Z_STREAM_END ? Z_OK : r;
  if (r != Z_OK && r != Z_STREAM_END) {
    if (r != Z_NEED_DICT)
      set_message (st, ctx, errobj, z->zs.msg ? z->zs.msg : zError (r));
    g_byte_array_unref (out);
    return JSValueMakeNull (ctx);
  }
  gsize len = out->len;
  if (len == 0)
    g_byte_array_set_size (out, 1); /* a NULL pointer would read as detached */
  void *bytes = g_byte_array_free (out, FALSE);
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, bytes, len, free_bytes_cb, NULL, NULL);
}

/* reset(id) */
static JSValueRef
reset_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zctx_t *z = lookup (data, ctx, argc, argv);
  if (z == NULL)
    return num (ctx, Z_STREAM_ERROR);
  zend (z);
  return num (ctx, zinit (z));
}

/* params(id, level, strategy) */
static JSValueRef
params_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zctx_t *z = lookup (data, ctx, argc, argv);
  if (z == NULL || z->inflating || !z->initialized)
    return num (ctx, Z_STREAM_ERROR);
  z->level = (int) anode_capi_arg_number (ctx, argc, argv, 1, z->level);
  z->strategy = (int) anode_capi_arg_number (ctx, argc, argv, 2, z->strategy);
  return num (ctx, deflateParams (&z->zs, z->level, z->strategy));
}

/* close(id) */
static JSValueRef
close_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  zctx_t *z = lookup (st, ctx, argc, argv);
  if (z == NULL)
    return num (ctx, 0);
  int id = (int) anode_capi_arg_number (ctx, argc, argv, 0, -1);
  st->streams->pdata[id] = NULL;
  g_array_append_val (st->free_ids, id);
  zend (z);
  g_free (z);
  return num (ctx, 0);
}

/* crc32(view, initial) */
static JSValueRef
crc32_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  uLong crc = (uLong) anode_capi_arg_number (ctx, argc, argv, 1, 0);
  if (argc > 0 && JSValueGetTypedArrayType (ctx, argv[0], NULL) != kJSTypedArrayTypeNone &&
      JSValueGetTypedArrayType (ctx, argv[0], NULL) != kJSTypedArrayTypeArrayBuffer) {
    guint8 *base = JSObjectGetTypedArrayBytesPtr (ctx, (JSObjectRef) argv[0], NULL);
    size_t off = JSObjectGetTypedArrayByteOffset (ctx, (JSObjectRef) argv[0], NULL);
    size_t len = JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) argv[0], NULL);
    crc = crc32 (crc, base + off, len);
  }
  return num (ctx, (double) crc);
}

/* setup(info Int32Array) */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  if (argc < 1 || JSValueGetTypedArrayType (ctx, argv[0], NULL) != kJSTypedArrayTypeInt32Array ||
      JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) argv[0], NULL) < I_LEN * sizeof (int32_t))
    return num (ctx, -1);
  if (st->info_array != NULL)
    JSValueUnprotect (ctx, st->info_array);
  st->info_array = (JSObjectRef) argv[0];
  JSValueProtect (ctx, st->info_array);
  st->info = JSObjectGetTypedArrayBytesPtr (ctx, st->info_array, NULL);
  return num (ctx, 0);
}

static void
state_free (gpointer data)
{
  zlib_state_t *st = data;
  for (guint i = 0; i < st->streams->len; i++) {
    zctx_t *z = g_ptr_array_index (st->streams, i);
    if (z != NULL) {
      zend (z);
      g_free (z);
    }
  }
  g_ptr_array_unref (st->streams);
  g_array_unref (st->free_ids);
  JSStringRelease (st->msg_key);
  g_free (st);
}

JSCValue *
anode_binding_zlib_init (anode_runtime_t *rt)
{
  zlib_state_t *st = g_new0 (zlib_state_t, 1);
  st->rt = rt;
  st->streams = g_ptr_array_new ();
  st->free_ids = g_array_new (FALSE, FALSE, sizeof (int));
  st->info = st->no_info;
  st->msg_key = JSStringCreateWithUTF8CString ("message");
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-zlib-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const struct {
    const char *name;
    anode_capi_fn fn;
  } methods[] = {
    { "setup", setup_cb }, { "create", create_cb }, { "write", write_cb }, { "reset", reset_cb },
    { "params", params_cb }, { "close", close_cb }, { "crc32", crc32_cb },
  };
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    anode_capi_set_method (b, methods[i].name, methods[i].fn, st);
  anode_set_string (b, "ZLIB_VERSION", zlibVersion ());
  return b;
}
