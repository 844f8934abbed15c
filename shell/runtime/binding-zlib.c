/* zlib's deflate and inflate (zlib1g) and Brotli (libbrotlienc/dec) for the
 * zlib module: a stream context per JS object, fed synchronously one chunk
 * at a time (each call returns all the output the chunk produced), and
 * one-shot jobs that compress or decompress a whole buffer on the libuv
 * threadpool for zlib.gzip(buf, cb) and friends. A whole buffer deflated
 * with the default stream options goes through libdeflate instead: the same
 * formats, two to three times faster than zlib1g's deflate (which is slower
 * than the zlib fork Node bundles). */
#include <string.h>
#include <libdeflate.h>
#include <zlib.h>

#include <brotli/decode.h>
#include <brotli/encode.h>

#include "anode-runtime.h"
#include "js-util.h"
#include "jsc-capi.h"

/* Node's mode numbers. */
enum { NONE, DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE };

/* Slots of the shared Int32Array: the last call's error number and whether
 * the stream ended; the message (and a Brotli error's code) go to the
 * `errobj` argument object. */
enum { I_CODE, I_ENDED, I_LEN };

/* Not a zlib code: the output passed maxOutputLength. */
#define Z_TOO_LARGE (-100)

typedef struct {
  z_stream zs;
  BrotliEncoderState *benc;
  BrotliDecoderState *bdec;
  int mode;
  gboolean inflating;
  gboolean ended;
  gboolean initialized;
  int level, window_bits, mem_level, strategy;
  guint8 *dict;
  size_t dict_len;
  guint32 *params; /* brotli: key, value pairs */
  guint n_params;
} zctx_t;

typedef struct {
  anode_runtime_t *rt;
  GPtrArray *streams; /* id -> zctx_t*, NULL when free */
  GArray *free_ids;
  JSObjectRef info_array;
  int32_t *info;
  int32_t no_info[I_LEN];
  JSStringRef msg_key;
  JSStringRef code_key;
} zlib_state_t;

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

static gboolean
is_brotli (int mode)
{
  return mode == BROTLI_DECODE || mode == BROTLI_ENCODE;
}

/* Sets the dictionary where zlib takes it up front: deflate always, raw
 * inflate (no header to ask for it). */
static int
zinit (zctx_t *z)
{
  z->ended = FALSE;
  if (z->mode == BROTLI_ENCODE) {
    z->benc = BrotliEncoderCreateInstance (NULL, NULL, NULL);
    for (guint i = 0; z->benc && i < z->n_params; i++) {
      if (!BrotliEncoderSetParameter (z->benc, z->params[2 * i], z->params[2 * i + 1])) {
        BrotliEncoderDestroyInstance (z->benc);
        z->benc = NULL;
      }
    }
    z->initialized = z->benc != NULL;
    return z->initialized ? Z_OK : Z_STREAM_ERROR;
  }
  if (z->mode == BROTLI_DECODE) {
    z->bdec = BrotliDecoderCreateInstance (NULL, NULL, NULL);
    for (guint i = 0; z->bdec && i < z->n_params; i++) {
      if (!BrotliDecoderSetParameter (z->bdec, z->params[2 * i], z->params[2 * i + 1])) {
        BrotliDecoderDestroyInstance (z->bdec);
        z->bdec = NULL;
      }
    }
    z->initialized = z->bdec != NULL;
    return z->initialized ? Z_OK : Z_STREAM_ERROR;
  }
  int wb = z->window_bits;
  memset (&z->zs, 0, sizeof z->zs);
  switch (z->mode) {
  case GZIP: case GUNZIP: wb += 16; break;
  case UNZIP: wb += 32; break;
  case DEFLATERAW: case INFLATERAW: wb = -wb; break;
  default: break;
  }
  int r = z->inflating ? inflateInit2 (&z->zs, wb)
                       : deflateInit2 (&z->zs, z->level, Z_DEFLATED, wb, z->mem_level, z->strategy);
  z->initialized = r == Z_OK;
  if (r == Z_OK && z->dict != NULL) {
    if (!z->inflating)
      r = deflateSetDictionary (&z->zs, z->dict, z->dict_len);
    else if (z->mode == INFLATERAW)
      r = inflateSetDictionary (&z->zs, z->dict, z->dict_len);
  }
  return r;
}

static void
zend (zctx_t *z)
{
  if (!z->initialized)
    return;
  if (z->benc)
    BrotliEncoderDestroyInstance (z->benc);
  else if (z->bdec)
    BrotliDecoderDestroyInstance (z->bdec);
  else if (z->inflating)
    inflateEnd (&z->zs);
  else
    deflateEnd (&z->zs);
  z->benc = NULL;
  z->bdec = NULL;
  z->initialized = FALSE;
}

static void
zfree (zctx_t *z)
{
  zend (z);
  g_free (z->dict);
  g_free (z->params);
  g_free (z);
}

typedef struct {
  int code;         /* zlib code, brotli decoder error (negative), Z_TOO_LARGE */
  const char *msg;  /* static or zlib's */
  const char *name; /* a Brotli error's name (BrotliDecoderErrorString) */
} zerr_t;

/* Runs `in` through the stream with `flush`, appending all output to `out`
 * (stopping past `max` bytes). Touches no JS: also runs on the threadpool. */
static int
zprocess (zctx_t *z, const guint8 *in, size_t in_len, int flush, GByteArray *out, size_t max, zerr_t *err)
{
  guint8 buf[65536];
  err->code = Z_OK;
  err->msg = NULL;
  err->name = NULL;
  if (z->mode == BROTLI_ENCODE) {
    size_t avail_in = in_len;
    const uint8_t *next_in = in;
    for (;;) {
      size_t avail_out = sizeof buf;
      uint8_t *next_out = buf;
      if (!BrotliEncoderCompressStream (z->benc, (BrotliEncoderOperation) flush, &avail_in, &next_in, &avail_out,
                                        &next_out, NULL)) {
        err->code = Z_STREAM_ERROR;
        err->msg = "Compression failed";
        err->name = "ERR_BROTLI_COMPRESSION_FAILED";
        return err->code;
      }
      g_byte_array_append (out, buf, sizeof buf - avail_out);
      if (out->len > max) {
        err->code = Z_TOO_LARGE;
        return err->code;
      }
      if (flush == BROTLI_OPERATION_FINISH ? BrotliEncoderIsFinished (z->benc)
                                           : avail_in == 0 && !BrotliEncoderHasMoreOutput (z->benc))
        break;
    }
    if (flush == BROTLI_OPERATION_FINISH)
      z->ended = TRUE;
    return Z_OK;
  }
  if (z->mode == BROTLI_DECODE) {
    size_t avail_in = in_len;
    const uint8_t *next_in = in;
    while (!z->ended) {
      size_t avail_out = sizeof buf;
      uint8_t *next_out = buf;
      BrotliDecoderResult r = BrotliDecoderDecompressStream (z->bdec, &avail_in, &next_in, &avail_out, &next_out, NULL);
      g_byte_array_append (out, buf, sizeof buf - avail_out);
      if (out->len > max) {
        err->code = Z_TOO_LARGE;
        return err->code;
      }
      if (r == BROTLI_DECODER_RESULT_ERROR) {
        BrotliDecoderErrorCode e = BrotliDecoderGetErrorCode (z->bdec);
        err->code = (int) e;
        err->msg = "Decompression failed";
        err->name = BrotliDecoderErrorString (e);
        return err->code;
      }
      if (r == BROTLI_DECODER_RESULT_SUCCESS)
        z->ended = TRUE;
      else if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
        break;
    }
    return Z_OK;
  }
  z->zs.next_in = (Bytef *) in;
  z->zs.avail_in = in_len;
  int r = Z_OK;
  while (!z->ended) {
    z->zs.next_out = buf;
    z->zs.avail_out = sizeof buf;
    r = z->inflating ? inflate (&z->zs, flush) : deflate (&z->zs, flush);
    if (r == Z_NEED_DICT && z->dict != NULL) {
      r = inflateSetDictionary (&z->zs, z->dict, z->dict_len);
      if (r != Z_OK) {
        /* Node reports a wrong dictionary as Z_NEED_DICT too. */
        err->code = Z_NEED_DICT;
        err->msg = "Bad dictionary";
        return err->code;
      }
      continue;
    }
    g_byte_array_append (out, buf, sizeof buf - z->zs.avail_out);
    if (out->len > max) {
      err->code = Z_TOO_LARGE;
      return err->code;
    }
    if (r == Z_STREAM_END) {
      z->ended = TRUE;
      /* gunzip reads a following member as zlib's command-line tool does. */
      if (z->mode == GUNZIP && z->zs.avail_in > 0 && z->zs.next_in[0] == 0x1f) {
        inflateReset (&z->zs);
        z->ended = FALSE;
        continue;
      }
      break;
    }
    if (r == Z_BUF_ERROR) {
      /* inflate with Z_FINISH says this when the output buffer filled up:
       * go on. With no output at all, no progress is possible (all input
       * used, output flushed). */
      r = Z_OK;
      if (z->zs.avail_out == 0)
        continue;
      break;
    }
    if (r == Z_NEED_DICT) {
      err->code = r;
      err->msg = "Missing dictionary";
      return r;
    }
    if (r != Z_OK)
      break;
    if (z->zs.avail_out != 0 && z->zs.avail_in == 0)
      break;
  }
  if (r != Z_OK && r != Z_STREAM_END) {
    err->code = r;
    err->msg = z->zs.msg ? z->zs.msg : zError (r);
    return r;
  }
  return Z_OK;
}

/* A whole buffer deflated at once (DEFLATE, GZIP or DEFLATERAW) with
 * libdeflate; levels 1-9 mean what they mean to zlib. FALSE when the
 * output would pass `max`. */
static gboolean
deflate_once (int mode, int level, const guint8 *in, size_t in_len, size_t max, GByteArray *out)
{
  struct libdeflate_compressor *c = libdeflate_alloc_compressor (level < 0 ? 6 : level);
  if (c == NULL)
    return FALSE;
  size_t bound = mode == GZIP ? libdeflate_gzip_compress_bound (c, in_len)
               : mode == DEFLATE ? libdeflate_zlib_compress_bound (c, in_len)
                                 : libdeflate_deflate_compress_bound (c, in_len);
  g_byte_array_set_size (out, bound);
  size_t n = mode == GZIP ? libdeflate_gzip_compress (c, in, in_len, out->data, bound)
           : mode == DEFLATE ? libdeflate_zlib_compress (c, in, in_len, out->data, bound)
                             : libdeflate_deflate_compress (c, in, in_len, out->data, bound);
  libdeflate_free_compressor (c);
  g_byte_array_set_size (out, n);
  /* zlib (and so Node) names Unix in the gzip header's OS byte. */
  if (mode == GZIP && n >= 10)
    out->data[9] = 3;
  return n > 0 && n <= max;
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
set_string (JSContextRef ctx, JSValueRef obj, JSStringRef key, const char *s)
{
  if (obj == NULL || !JSValueIsObject (ctx, obj) || s == NULL)
    return;
  JSStringRef v = JSStringCreateWithUTF8CString (s);
  JSObjectSetProperty (ctx, (JSObjectRef) obj, key, JSValueMakeString (ctx, v), 0, NULL);
  JSStringRelease (v);
}

static void
report (zlib_state_t *st, JSContextRef ctx, JSValueRef errobj, const zerr_t *err)
{
  set_string (ctx, errobj, st->msg_key, err->msg);
  if (err->name != NULL) {
    /* Node names a Brotli error "ERR_" + the decoder's error name. */
    g_autofree char *code = g_str_has_prefix (err->name, "ERR_") ? g_strdup (err->name)
                                                                 : g_strconcat ("ERR_", err->name, NULL);
    set_string (ctx, errobj, st->code_key, code);
  }
}

static const guint8 *
view_bytes (JSContextRef ctx, JSValueRef v, size_t *len)
{
  *len = 0;
  if (v == NULL || !JSValueIsObject (ctx, v))
    return NULL;
  JSTypedArrayType t = JSValueGetTypedArrayType (ctx, v, NULL);
  if (t == kJSTypedArrayTypeNone || t == kJSTypedArrayTypeArrayBuffer)
    return NULL;
  guint8 *base = JSObjectGetTypedArrayBytesPtr (ctx, (JSObjectRef) v, NULL);
  *len = JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) v, NULL);
  return base ? base + JSObjectGetTypedArrayByteOffset (ctx, (JSObjectRef) v, NULL) : NULL;
}

/* A context from create()'s and oneShot()'s first arguments:
 * (mode, level, windowBits, memLevel, strategy, dictionary | null,
 * brotliParams | null) */
static zctx_t *
zctx_from_args (JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  zctx_t *z = g_new0 (zctx_t, 1);
  z->mode = (int) anode_capi_arg_number (ctx, argc, argv, 0, DEFLATE);
  z->level = (int) anode_capi_arg_number (ctx, argc, argv, 1, Z_DEFAULT_COMPRESSION);
  z->window_bits = (int) anode_capi_arg_number (ctx, argc, argv, 2, 15);
  z->mem_level = (int) anode_capi_arg_number (ctx, argc, argv, 3, 8);
  z->strategy = (int) anode_capi_arg_number (ctx, argc, argv, 4, Z_DEFAULT_STRATEGY);
  z->inflating = z->mode == INFLATE || z->mode == GUNZIP || z->mode == INFLATERAW || z->mode == UNZIP ||
                 z->mode == BROTLI_DECODE;
  size_t n;
  const guint8 *d = view_bytes (ctx, argc > 5 ? argv[5] : NULL, &n);
  if (d != NULL) {
    z->dict = g_memdup2 (d, MAX (n, 1));
    z->dict_len = n;
  }
  if (argc > 6 && JSValueGetTypedArrayType (ctx, argv[6], NULL) == kJSTypedArrayTypeUint32Array) {
    const guint8 *p = view_bytes (ctx, argv[6], &n);
    z->n_params = n / (2 * sizeof (guint32));
    z->params = g_memdup2 (p, MAX (n, 1));
  }
  return z;
}

/* create(mode, level, windowBits, memLevel, strategy, dictionary | null,
 * brotliParams (Uint32Array of key, value pairs) | null, errobj) -> id, or
 * a negative zlib code with errobj.message set. */
static JSValueRef
create_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  zctx_t *z = zctx_from_args (ctx, argc, argv);
  int r = zinit (z);
  if (r != Z_OK) {
    zerr_t err = { r, z->zs.msg ? z->zs.msg : "Init error", NULL };
    report (st, ctx, argc > 7 ? argv[7] : NULL, &err);
    zfree (z);
    return num (ctx, r == Z_OK ? Z_STREAM_ERROR : r);
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

static JSValueRef
take_array_buffer (JSContextRef ctx, GByteArray *out)
{
  gsize len = out->len;
  if (len == 0)
    g_byte_array_set_size (out, 1); /* a NULL pointer would read as detached */
  void *bytes = g_byte_array_free (out, FALSE);
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, bytes, len, free_bytes_cb, NULL, NULL);
}

/* write(id, flush, view | null, errobj, maxOutputLength) -> ArrayBuffer of
 * the output, or null after an error (info[I_CODE] and errobj say which). */
static JSValueRef
write_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  zctx_t *z = lookup (st, ctx, argc, argv);
  JSValueRef errobj = argc > 3 ? argv[3] : NULL;
  st->info[I_CODE] = Z_OK;
  if (z == NULL || !z->initialized) {
    zerr_t err = { Z_STREAM_ERROR, "zlib binding closed", NULL };
    st->info[I_CODE] = Z_STREAM_ERROR;
    report (st, ctx, errobj, &err);
    return JSValueMakeNull (ctx);
  }
  int flush = (int) anode_capi_arg_number (ctx, argc, argv, 1, Z_NO_FLUSH);
  double max = anode_capi_arg_number (ctx, argc, argv, 4, G_MAXSIZE);
  size_t in_len;
  const guint8 *in = view_bytes (ctx, argc > 2 ? argv[2] : NULL, &in_len);
  GByteArray *out = g_byte_array_new ();
  zerr_t err;
  int r = zprocess (z, in, in_len, flush, out, max >= (double) G_MAXSIZE ? G_MAXSIZE : (size_t) max, &err);
  st->info[I_ENDED] = z->ended;
  st->info[I_CODE] = r;
  if (r != Z_OK) {
    report (st, ctx, errobj, &err);
    g_byte_array_unref (out);
    return JSValueMakeNull (ctx);
  }
  return take_array_buffer (ctx, out);
}

/* --- one-shot jobs on the threadpool ------------------------------------ */

typedef struct {
  uv_work_t work;
  anode_runtime_t *rt;
  zctx_t *z;
  guint8 *in;
  size_t in_len;
  int flush;
  size_t max;
  GByteArray *out;
  int code;
  zerr_t err;
  gboolean ended;
  gboolean whole; /* deflate_once */
  JSObjectRef cb; /* protected while queued */
} zjob_t;

static void
zjob_work_cb (uv_work_t *w)
{
  zjob_t *j = w->data;
  if (j->whole) {
    j->ended = TRUE;
    if (!deflate_once (j->z->mode, j->z->level, j->in, j->in_len, j->max, j->out))
      j->code = Z_TOO_LARGE;
    return;
  }
  j->code = zinit (j->z);
  if (j->code != Z_OK) {
    j->err.code = j->code;
    j->err.msg = "Init error";
    return;
  }
  j->code = zprocess (j->z, j->in, j->in_len, j->flush, j->out, j->max, &j->err);
  j->ended = j->z->ended;
}

static void
zjob_free (zjob_t *j)
{
  zfree (j->z);
  g_free (j->in);
  if (j->out)
    g_byte_array_unref (j->out);
  g_free (j);
}

static void
zjob_after_cb (uv_work_t *w, int status)
{
  zjob_t *j = w->data;
  anode_runtime_t *rt = j->rt;
  if (rt->ctx == NULL) { /* torn down: the JS heap is gone with its values */
    zjob_free (j);
    return;
  }
  zlib_state_t *st = g_object_get_data (G_OBJECT (rt->ctx), "anode-zlib-state");
  JSGlobalContextRef ctx = anode_capi_context (rt->ctx);
  JSValueRef args[4];
  if (j->code == Z_OK) {
    args[0] = num (ctx, Z_OK);
    args[1] = take_array_buffer (ctx, g_steal_pointer (&j->out));
  } else {
    args[0] = num (ctx, j->code);
    args[1] = JSValueMakeNull (ctx);
  }
  JSObjectRef errobj = JSObjectMake (ctx, NULL, NULL);
  report (st, ctx, errobj, &j->err);
  args[2] = errobj;
  args[3] = JSValueMakeBoolean (ctx, j->ended);
  JSObjectRef cb = j->cb;
  zjob_free (j);
  anode_capi_callback (rt, cb, 4, args);
  JSValueUnprotect (ctx, cb);
}

/* oneShot(mode, level, windowBits, memLevel, strategy, dictionary, params,
 * input, finishFlush, maxOutputLength, cb, whole): the whole input through
 * a new stream (or deflate_once when `whole`) on the threadpool;
 * cb(code, ArrayBuffer | null, errobj, ended). */
static JSValueRef
one_shot_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  zlib_state_t *st = data;
  if (argc < 11 || !JSValueIsObject (ctx, argv[10]))
    return num (ctx, Z_STREAM_ERROR);
  zjob_t *j = g_new0 (zjob_t, 1);
  j->rt = st->rt;
  j->z = zctx_from_args (ctx, argc, argv);
  size_t n;
  const guint8 *in = view_bytes (ctx, argv[7], &n);
  j->in = g_memdup2 (in ? in : (const guint8 *) "", MAX (n, 1));
  j->in_len = in ? n : 0;
  j->flush = (int) anode_capi_arg_number (ctx, argc, argv, 8, Z_FINISH);
  double max = anode_capi_arg_number (ctx, argc, argv, 9, G_MAXSIZE);
  j->max = max >= (double) G_MAXSIZE ? G_MAXSIZE : (size_t) max;
  j->out = g_byte_array_new ();
  j->whole = argc > 11 && JSValueToBoolean (ctx, argv[11]);
  j->cb = (JSObjectRef) argv[10];
  JSValueProtect (ctx, j->cb);
  j->work.data = j;
  int r = uv_queue_work (&st->rt->loop, &j->work, zjob_work_cb, zjob_after_cb);
  if (r < 0) {
    JSValueUnprotect (ctx, j->cb);
    zjob_free (j);
    return num (ctx, Z_MEM_ERROR);
  }
  return num (ctx, 0);
}

/* deflateOnce(mode, level, view, maxOutputLength) -> ArrayBuffer, or null
 * past maxOutputLength */
static JSValueRef
deflate_once_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  size_t in_len;
  const guint8 *in = view_bytes (ctx, argc > 2 ? argv[2] : NULL, &in_len);
  double max = anode_capi_arg_number (ctx, argc, argv, 3, G_MAXSIZE);
  GByteArray *out = g_byte_array_new ();
  if (!deflate_once ((int) anode_capi_arg_number (ctx, argc, argv, 0, GZIP),
                     (int) anode_capi_arg_number (ctx, argc, argv, 1, -1), in ? in : (const guint8 *) "",
                     in ? in_len : 0, max >= (double) G_MAXSIZE ? G_MAXSIZE : (size_t) max, out)) {
    g_byte_array_unref (out);
    return JSValueMakeNull (ctx);
  }
  return take_array_buffer (ctx, out);
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
  if (z == NULL || z->inflating || !z->initialized || is_brotli (z->mode))
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
  zfree (z);
  return num (ctx, 0);
}

/* crc32(view, initial) */
static JSValueRef
crc32_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  uLong crc = (uLong) anode_capi_arg_number (ctx, argc, argv, 1, 0);
  size_t len;
  const guint8 *p = view_bytes (ctx, argc > 0 ? argv[0] : NULL, &len);
  if (p != NULL) {
    /* zlib's length is a uInt: feed big views in pieces. */
    while (len > 0) {
      uInt n = len > (1u << 30) ? (1u << 30) : (uInt) len;
      crc = crc32 (crc, p, n);
      p += n;
      len -= n;
    }
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
  st->info = (int32_t *) ((guint8 *) JSObjectGetTypedArrayBytesPtr (ctx, st->info_array, NULL) +
                          JSObjectGetTypedArrayByteOffset (ctx, st->info_array, NULL));
  return num (ctx, 0);
}

static void
state_free (gpointer data)
{
  zlib_state_t *st = data;
  for (guint i = 0; i < st->streams->len; i++) {
    zctx_t *z = g_ptr_array_index (st->streams, i);
    if (z != NULL)
      zfree (z);
  }
  g_ptr_array_unref (st->streams);
  g_array_unref (st->free_ids);
  JSStringRelease (st->msg_key);
  JSStringRelease (st->code_key);
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
  st->code_key = JSStringCreateWithUTF8CString ("code");
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-zlib-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb }, { "create", create_cb }, { "write", write_cb }, { "oneShot", one_shot_cb },
    { "deflateOnce", deflate_once_cb },
    { "reset", reset_cb }, { "params", params_cb }, { "close", close_cb }, { "crc32", crc32_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  anode_set_string (b, "ZLIB_VERSION", zlibVersion ());
  anode_set_int (b, "ZLIB_VERNUM", ZLIB_VERNUM);
  return b;
}
