/* Stream handles for net and child_process: libuv TCP sockets, pipes and
 * IPC pipes (listen, accept, connect, read, write, shutdown, close; on IPC
 * pipes, handles sent and received beside the bytes). JS names a handle by a small
 * integer id; the C struct embeds the uv handle and pins the JS object that
 * owns it until the close callback. Hot calls (writes, reads) use the JSC C
 * API: one C->JS call per read, with the bytes as a fresh ArrayBuffer, and
 * writes that go straight to uv_try_write, queueing only what the kernel did
 * not take. A filter (TLS) can sit between the socket and its readers and
 * writers: see stream-private.h. */
#include <string.h>

#include "js-util.h"
#include "stream-private.h"

enum { TYPE_TCP, TYPE_PIPE, TYPE_IPC };

/* Slots of the Float64Array JS hands to setup(): C's out-parameters. */
enum {
  INFO_BYTES,       /* bytes of the last write call */
  INFO_QUEUE_SIZE,  /* the stream's write_queue_size after it */
  INFO_NOW,         /* uv_now() when C last called into JS */
  INFO_LEN,
};

enum { CB_READ, CB_CONNECTION, CB_AFTER_WRITE, CB_CONNECT, CB_SHUTDOWN, CB_CLOSE, CB_COUNT };

typedef struct {
  anode_runtime_t *rt;
  JSGlobalContextRef js;
  GPtrArray *handles;  /* id -> anode_stream_t*, NULL when free */
  GArray *free_ids;
  JSObjectRef cb[CB_COUNT];
  JSObjectRef info_array;
  double *info;
  double no_info[INFO_LEN]; /* where info points before setup() */
  char read_buf[65536];
  guint live;               /* streams not yet freed */
  gboolean torn_down;
} stream_state_t;

struct anode_stream {
  union {
    uv_handle_t handle;
    uv_stream_t stream;
    uv_tcp_t tcp;
    uv_pipe_t pipe;
  } h;
  stream_state_t *state;
  JSObjectRef owner; /* protected while set */
  int id;
  int type;
  double bytes_read;
  const anode_stream_consumer_t *consumer;
  void *consumer_data;
  const anode_stream_filter_t *filter;
  void *filter_data;
  unsigned cancelled_writes; /* owed by a detached filter, reported on close */
  unsigned sends;            /* IPC writes carrying this handle, in flight */
  gboolean closed;           /* closed, freed when `sends` drops to 0 */
};

typedef struct {
  uv_write_t req;
  anode_stream_t *s;
  GByteArray *bytes;  /* string bytes the request owns */
  GPtrArray *pinned;  /* JSValueRef buffers kept alive until the callback */
  unsigned js_writes; /* onafterwrite calls its completion makes */
  anode_stream_t *sent; /* the handle an IPC write carries, or NULL */
  uv_buf_t *bufs;
  uv_buf_t small[4];
} write_req_t;

typedef struct {
  union {
    uv_connect_t connect;
    uv_shutdown_t shutdown;
  } u;
  anode_stream_t *s;
} stream_req_t;

static stream_state_t *
state_get (anode_runtime_t *rt)
{
  return g_object_get_data (G_OBJECT (rt->ctx), "anode-stream-state");
}

anode_stream_t *
anode_stream_lookup (anode_runtime_t *rt, int id)
{
  stream_state_t *st = state_get (rt);
  if (st == NULL || id < 0 || (guint) id >= st->handles->len)
    return NULL;
  return g_ptr_array_index (st->handles, id);
}

static anode_stream_t *
lookup (stream_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  double id = anode_capi_arg_number (ctx, argc, argv, 0, -1);
  if (!(id >= 0) || id >= st->handles->len)
    return NULL;
  return g_ptr_array_index (st->handles, (guint) id);
}

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

/* Calls JS callback `which` with the owner first. */
static void
call_js (anode_stream_t *s, int which, size_t argc, const JSValueRef *args)
{
  stream_state_t *st = s->state;
  JSValueRef all[4];
  if (s->owner == NULL || st->torn_down)
    return;
  g_assert (argc < G_N_ELEMENTS (all));
  all[0] = s->owner;
  for (size_t i = 0; i < argc; i++)
    all[i + 1] = args[i];
  st->info[INFO_NOW] = (double) uv_now (&st->rt->loop);
  anode_capi_callback (st->rt, st->cb[which], argc + 1, all);
}

static anode_stream_t *
stream_new (stream_state_t *st, int type)
{
  anode_stream_t *s = g_new0 (anode_stream_t, 1);
  int err = type == TYPE_TCP ? uv_tcp_init (&st->rt->loop, &s->h.tcp)
                             : uv_pipe_init (&st->rt->loop, &s->h.pipe, type == TYPE_IPC);
  if (err < 0) {
    g_free (s);
    return NULL;
  }
  s->state = st;
  st->live++;
  s->type = type;
  s->h.handle.data = s;
  if (st->free_ids->len > 0) {
    s->id = g_array_index (st->free_ids, int, st->free_ids->len - 1);
    g_array_set_size (st->free_ids, st->free_ids->len - 1);
    st->handles->pdata[s->id] = s;
  } else {
    s->id = st->handles->len;
    g_ptr_array_add (st->handles, s);
  }
  return s;
}

static void
set_owner (anode_stream_t *s, JSContextRef ctx, JSValueRef owner)
{
  if (s->owner != NULL)
    JSValueUnprotect (ctx, s->owner);
  s->owner = owner && JSValueIsObject (ctx, owner) ? (JSObjectRef) owner : NULL;
  if (s->owner != NULL)
    JSValueProtect (ctx, s->owner);
}

static void
state_destroy (stream_state_t *st)
{
  g_ptr_array_unref (st->handles);
  g_array_unref (st->free_ids);
  g_free (st);
}

static void
stream_free (anode_stream_t *s)
{
  stream_state_t *st = s->state;
  g_free (s);
  if (--st->live == 0 && st->torn_down)
    state_destroy (st);
}

static void
close_cb (uv_handle_t *handle)
{
  anode_stream_t *s = handle->data;
  stream_state_t *st = s->state;
  if (!st->torn_down) {
    for (; s->cancelled_writes > 0; s->cancelled_writes--) {
      JSValueRef args[1] = { num (st->js, UV_ECANCELED) };
      call_js (s, CB_AFTER_WRITE, 1, args);
    }
    call_js (s, CB_CLOSE, 0, NULL);
    if (s->owner != NULL)
      JSValueUnprotect (st->js, s->owner);
    s->owner = NULL;
  }
  /* A write on an IPC pipe still names this handle: libuv reads its
   * (now closed) descriptor when it gets to it, so the struct must stay. */
  if (s->sends > 0) {
    s->closed = TRUE;
    return;
  }
  stream_free (s);
}

static void
stream_close (anode_stream_t *s)
{
  stream_state_t *st = s->state;
  if (s->filter != NULL) {
    const anode_stream_filter_t *f = s->filter;
    s->filter = NULL;
    s->cancelled_writes += f->detach (s->filter_data);
  }
  if (s->consumer != NULL) {
    const anode_stream_consumer_t *c = s->consumer;
    s->consumer = NULL;
    c->detach (s->consumer_data);
  }
  st->handles->pdata[s->id] = NULL;
  g_array_append_val (st->free_ids, s->id);
  s->id = -1;
  uv_close (&s->h.handle, close_cb);
}

void
anode_stream_set_consumer (anode_stream_t *s, const anode_stream_consumer_t *consumer, void *user)
{
  if (s->consumer != NULL && (s->consumer != consumer || s->consumer_data != user)) {
    const anode_stream_consumer_t *old = s->consumer;
    s->consumer = NULL;
    old->detach (s->consumer_data);
  }
  s->consumer = consumer;
  s->consumer_data = consumer ? user : NULL;
}

void
anode_stream_set_filter (anode_stream_t *s, const anode_stream_filter_t *filter, void *user)
{
  s->filter = filter;
  s->filter_data = filter ? user : NULL;
}

void *
anode_stream_filter_data (anode_stream_t *s, const anode_stream_filter_t *filter)
{
  return s != NULL && s->filter == filter ? s->filter_data : NULL;
}

uv_stream_t *
anode_stream_uv (anode_stream_t *s)
{
  return &s->h.stream;
}

JSObjectRef
anode_stream_owner (anode_stream_t *s)
{
  return s->state->torn_down ? NULL : s->owner;
}

/* ---- reading ---- */

static void
free_bytes_cb (void *bytes, void *context)
{
  g_free (bytes);
}

void
anode_stream_emit_data (anode_stream_t *s, const char *buf, size_t len)
{
  JSContextRef ctx = s->state->js;
  void *copy = g_memdup2 (buf, MAX (len, 1));
  JSValueRef args[2] = {
    num (ctx, (double) len),
    JSObjectMakeArrayBufferWithBytesNoCopy (ctx, copy, len, free_bytes_cb, NULL, NULL),
  };
  call_js (s, CB_READ, 2, args);
}

static void
alloc_cb (uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
  anode_stream_t *s = handle->data;
  /* libuv reads right after allocating, so one buffer serves every stream. */
  *buf = uv_buf_init (s->state->read_buf, sizeof s->state->read_buf);
}

void
anode_stream_deliver (anode_stream_t *s, const char *buf, size_t len)
{
  if (s->consumer != NULL)
    s->consumer->data (s->consumer_data, buf, len);
  else
    anode_stream_emit_data (s, buf, len);
}

void
anode_stream_deliver_end (anode_stream_t *s, int status)
{
  if (s->consumer != NULL)
    s->consumer->eof (s->consumer_data, status);
  JSValueRef args[1] = { num (s->state->js, (double) status) };
  call_js (s, CB_READ, 1, args);
}

static void accept_into (anode_stream_t *server, int type);

static void
read_cb (uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
  anode_stream_t *s = stream->data;
  /* Handles sent over an IPC pipe arrive with the bytes of the message
   * that announces them: JS gets them (as connections) first. */
  if (s->type == TYPE_IPC) {
    int pending;
    while ((pending = uv_pipe_pending_count (&s->h.pipe)) > 0 && s->id >= 0) {
      uv_handle_type t = uv_pipe_pending_type (&s->h.pipe);
      accept_into (s, t == UV_TCP ? TYPE_TCP : t == UV_NAMED_PIPE ? TYPE_PIPE : -1);
      if (uv_pipe_pending_count (&s->h.pipe) >= pending)
        break; /* out of memory: nothing was taken */
    }
  }
  if (nread == 0)
    return;
  if (nread > 0)
    s->bytes_read += nread;
  if (s->filter != NULL) {
    s->filter->read (s->filter_data, nread, nread > 0 ? buf->base : NULL);
    return;
  }
  if (nread > 0)
    anode_stream_deliver (s, buf->base, nread);
  else
    anode_stream_deliver_end (s, (int) nread);
}

int
anode_stream_raw_read (anode_stream_t *s, gboolean on)
{
  return on ? uv_read_start (&s->h.stream, alloc_cb, read_cb) : uv_read_stop (&s->h.stream);
}

/* ---- writing ---- */

static void
write_req_free (write_req_t *w, JSContextRef ctx, gboolean torn_down)
{
  if (w->bytes != NULL)
    g_byte_array_unref (w->bytes);
  if (w->pinned != NULL) {
    for (guint i = 0; !torn_down && i < w->pinned->len; i++)
      JSValueUnprotect (ctx, g_ptr_array_index (w->pinned, i));
    g_ptr_array_unref (w->pinned);
  }
  if (w->bufs != w->small)
    g_free (w->bufs);
  g_free (w);
}

static void
after_write_cb (uv_write_t *req, int status)
{
  write_req_t *w = (write_req_t *) req;
  anode_stream_t *s = w->s;
  stream_state_t *st = s->state;
  unsigned js_writes = w->js_writes;
  anode_stream_t *sent = w->sent;
  gboolean torn_down = st->torn_down;
  write_req_free (w, st->js, torn_down);
  /* `s` is still open (a closing stream cancels its writes before its
   * close callback), so this never frees the state under us. */
  if (sent != NULL && --sent->sends == 0 && sent->closed)
    stream_free (sent);
  if (torn_down)
    return;
  for (unsigned i = 0; i < js_writes; i++)
    anode_stream_write_done (s, status);
}

static size_t
queue_size (anode_stream_t *s)
{
  size_t n = s->h.stream.write_queue_size;
  if (s->filter != NULL)
    n += s->filter->queue_size (s->filter_data);
  return n;
}

void
anode_stream_write_done (anode_stream_t *s, int status)
{
  stream_state_t *st = s->state;
  if (st->torn_down)
    return;
  st->info[INFO_QUEUE_SIZE] = (double) queue_size (s);
  JSValueRef args[1] = { num (st->js, status) };
  call_js (s, CB_AFTER_WRITE, 1, args);
}

size_t
anode_stream_raw_queue_size (anode_stream_t *s)
{
  return s->h.stream.write_queue_size;
}

int
anode_stream_raw_write (anode_stream_t *s, const char *buf, size_t len, unsigned js_writes)
{
  uv_buf_t b = uv_buf_init ((char *) buf, len);
  int r = len ? uv_try_write (&s->h.stream, &b, 1) : 0;
  if (r == UV_EAGAIN || r == UV_ENOSYS)
    r = 0;
  if (r < 0)
    return r;
  if ((size_t) r == len)
    return 0;
  write_req_t *w = g_new0 (write_req_t, 1);
  w->bytes = g_byte_array_sized_new (len - r);
  g_byte_array_append (w->bytes, (const guint8 *) buf + r, len - r);
  w->bufs = w->small;
  w->bufs[0] = uv_buf_init ((char *) w->bytes->data, w->bytes->len);
  w->s = s;
  w->js_writes = js_writes;
  int err = uv_write (&w->req, &s->h.stream, w->bufs, 1, after_write_cb);
  if (err < 0) {
    write_req_free (w, s->state->js, FALSE);
    return err;
  }
  return 1;
}

/* A JS write through the filter, which encodes (or queues) it at once. */
static int
filter_write (anode_stream_t *s, uv_buf_t *bufs, unsigned nbufs)
{
  stream_state_t *st = s->state;
  size_t total = 0;
  for (unsigned i = 0; i < nbufs; i++)
    total += bufs[i].len;
  st->info[INFO_BYTES] = (double) total;
  int r = s->filter->write (s->filter_data, bufs, nbufs);
  st->info[INFO_QUEUE_SIZE] = (double) queue_size (s);
  return r;
}

/* Writes what it can now and queues the rest. Returns 0 when everything
 * went out, 1 when a request is pending (afterWrite follows), or a negative
 * uv error. Takes `w` in every case. */
static int
write_bufs (anode_stream_t *s, write_req_t *w, uv_buf_t *bufs, unsigned nbufs)
{
  stream_state_t *st = s->state;
  size_t total = 0;
  for (unsigned i = 0; i < nbufs; i++)
    total += bufs[i].len;
  st->info[INFO_BYTES] = (double) total;
  int r = total ? uv_try_write (&s->h.stream, bufs, nbufs) : 0;
  if (r == UV_EAGAIN || r == UV_ENOSYS)
    r = 0;
  if (r < 0) {
    write_req_free (w, st->js, FALSE);
    return r;
  }
  if ((size_t) r == total) {
    st->info[INFO_QUEUE_SIZE] = (double) s->h.stream.write_queue_size;
    write_req_free (w, st->js, FALSE);
    return 0;
  }
  size_t done = r;
  unsigned first = 0;
  while (done >= bufs[first].len) {
    done -= bufs[first].len;
    first++;
  }
  bufs[first].base += done;
  bufs[first].len -= done;
  w->s = s;
  w->js_writes = 1;
  int err = uv_write (&w->req, &s->h.stream, bufs + first, nbufs - first, after_write_cb);
  if (err < 0) {
    write_req_free (w, st->js, FALSE);
    return err;
  }
  st->info[INFO_QUEUE_SIZE] = (double) s->h.stream.write_queue_size;
  return 1;
}

static void
pin (write_req_t *w, JSContextRef ctx, JSValueRef v)
{
  if (w->pinned == NULL)
    w->pinned = g_ptr_array_new ();
  JSValueProtect (ctx, v);
  g_ptr_array_add (w->pinned, (gpointer) v);
}

/* The bytes of a Uint8Array/Buffer or other typed array `v`. */
static gboolean
view_bytes (JSContextRef ctx, JSValueRef v, char **data, size_t *len)
{
  JSTypedArrayType t = JSValueGetTypedArrayType (ctx, v, NULL);
  if (t == kJSTypedArrayTypeNone)
    return FALSE;
  JSObjectRef o = (JSObjectRef) v;
  if (t == kJSTypedArrayTypeArrayBuffer) {
    *data = JSObjectGetArrayBufferBytesPtr (ctx, o, NULL);
    *len = JSObjectGetArrayBufferByteLength (ctx, o, NULL);
    return TRUE;
  }
  char *base = JSObjectGetTypedArrayBytesPtr (ctx, o, NULL);
  *data = base ? base + JSObjectGetTypedArrayByteOffset (ctx, o, NULL) : NULL;
  *len = JSObjectGetTypedArrayByteLength (ctx, o, NULL);
  return TRUE;
}

/* writeBuffer(id, view) */
static JSValueRef
write_buffer_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[],
                 JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  char *bytes;
  size_t len;
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (argc < 2 || !view_bytes (ctx, argv[1], &bytes, &len))
    return num (ctx, UV_EINVAL);
  if (s->filter != NULL) {
    uv_buf_t b = uv_buf_init (bytes, len);
    return num (ctx, filter_write (s, &b, 1));
  }
  write_req_t *w = g_new0 (write_req_t, 1);
  w->bufs = w->small;
  w->bufs[0] = uv_buf_init (bytes, len);
  /* Pinned only if the write has to wait: try first, pin after. */
  int r = uv_try_write (&s->h.stream, w->bufs, 1);
  stream_state_t *st = data;
  st->info[INFO_BYTES] = (double) len;
  if (r == (int) len || (r < 0 && r != UV_EAGAIN && r != UV_ENOSYS)) {
    write_req_free (w, ctx, FALSE);
    st->info[INFO_QUEUE_SIZE] = (double) s->h.stream.write_queue_size;
    return num (ctx, r < 0 ? r : 0);
  }
  if (r > 0) {
    w->bufs[0].base += r;
    w->bufs[0].len -= r;
  }
  pin (w, ctx, argv[1]);
  w->s = s;
  w->js_writes = 1;
  int err = uv_write (&w->req, &s->h.stream, w->bufs, 1, after_write_cb);
  if (err < 0) {
    write_req_free (w, ctx, FALSE);
    return num (ctx, err);
  }
  st->info[INFO_QUEUE_SIZE] = (double) s->h.stream.write_queue_size;
  return num (ctx, 1);
}

/* writeString(id, string, encoding): 0 utf8, 1 latin1, 2 ascii. */
static JSValueRef
write_string_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[],
                 JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  int enc = (int) anode_capi_arg_number (ctx, argc, argv, 2, 0);
  write_req_t *w = g_new0 (write_req_t, 1);
  w->bytes = g_byte_array_new ();
  if (argc < 2 || !anode_capi_string_bytes (ctx, argv[1], enc, w->bytes)) {
    write_req_free (w, ctx, FALSE);
    return num (ctx, UV_EINVAL);
  }
  w->bufs = w->small;
  w->bufs[0] = uv_buf_init ((char *) w->bytes->data, w->bytes->len);
  if (s->filter != NULL) {
    int r = filter_write (s, w->bufs, 1);
    write_req_free (w, ctx, FALSE);
    return num (ctx, r);
  }
  return num (ctx, write_bufs (s, w, w->bufs, 1));
}

/* writeHandle(id, data, handleId): `data` (a string, as UTF-8, or bytes)
 * with the stream `handleId` attached, on an IPC pipe. Always completes
 * through onafterwrite (returns 1) or fails at once (a negative uv error). */
static JSValueRef
write_handle_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[],
                 JSValueRef *exc)
{
  stream_state_t *st = data;
  anode_stream_t *s = lookup (st, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  double hid = anode_capi_arg_number (ctx, argc, argv, 2, -1);
  anode_stream_t *h = hid >= 0 && hid < st->handles->len ? g_ptr_array_index (st->handles, (guint) hid) : NULL;
  if (s->type != TYPE_IPC || argc < 2)
    return num (ctx, UV_EINVAL);
  if (h == NULL)
    return num (ctx, UV_EBADF);
  write_req_t *w = g_new0 (write_req_t, 1);
  w->bufs = w->small;
  char *bytes;
  size_t len;
  if (JSValueIsString (ctx, argv[1])) {
    w->bytes = g_byte_array_new ();
    anode_capi_string_bytes (ctx, argv[1], 0, w->bytes);
    w->bufs[0] = uv_buf_init ((char *) w->bytes->data, w->bytes->len);
  } else if (view_bytes (ctx, argv[1], &bytes, &len)) {
    pin (w, ctx, argv[1]);
    w->bufs[0] = uv_buf_init (bytes, len);
  } else {
    write_req_free (w, ctx, FALSE);
    return num (ctx, UV_EINVAL);
  }
  if (w->bufs[0].len == 0) {
    write_req_free (w, ctx, FALSE);
    return num (ctx, UV_EINVAL);
  }
  st->info[INFO_BYTES] = (double) w->bufs[0].len;
  w->s = s;
  w->js_writes = 1;
  int err = uv_write2 (&w->req, &s->h.stream, w->bufs, 1, &h->h.stream, after_write_cb);
  if (err < 0) {
    write_req_free (w, ctx, FALSE);
    return num (ctx, err);
  }
  w->sent = h;
  h->sends++;
  st->info[INFO_QUEUE_SIZE] = (double) s->h.stream.write_queue_size;
  return num (ctx, 1);
}

/* writev(id, chunks, encodings): chunks are views or strings; encodings[i]
 * applies to string chunk i. Strings are encoded into one block first. */
static JSValueRef
writev_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (argc < 3 || !JSValueIsArray (ctx, argv[1]))
    return num (ctx, UV_EINVAL);
  JSObjectRef chunks = (JSObjectRef) argv[1];
  JSObjectRef encs = JSValueIsObject (ctx, argv[2]) ? (JSObjectRef) argv[2] : NULL;
  JSStringRef lenkey = JSStringCreateWithUTF8CString ("length");
  unsigned n = (unsigned) JSValueToNumber (ctx, JSObjectGetProperty (ctx, chunks, lenkey, NULL), NULL);
  JSStringRelease (lenkey);

  write_req_t *w = g_new0 (write_req_t, 1);
  w->bufs = n <= G_N_ELEMENTS (w->small) ? w->small : g_new (uv_buf_t, n);
  /* String bytes go into one block; their offsets are fixed up after, as
   * the block may move while it grows. */
  size_t *str_off = g_new0 (size_t, MAX (n, 1));
  gboolean *is_str = g_new0 (gboolean, MAX (n, 1));
  for (unsigned i = 0; i < n; i++) {
    JSValueRef c = JSObjectGetPropertyAtIndex (ctx, chunks, i, NULL);
    char *bytes;
    size_t len;
    if (JSValueIsString (ctx, c)) {
      int enc = encs ? (int) JSValueToNumber (ctx, JSObjectGetPropertyAtIndex (ctx, encs, i, NULL), NULL) : 0;
      if (w->bytes == NULL)
        w->bytes = g_byte_array_new ();
      str_off[i] = w->bytes->len;
      anode_capi_string_bytes (ctx, c, enc, w->bytes);
      is_str[i] = TRUE;
      w->bufs[i].len = w->bytes->len - str_off[i];
    } else if (view_bytes (ctx, c, &bytes, &len)) {
      pin (w, ctx, c);
      w->bufs[i] = uv_buf_init (bytes, len);
    } else {
      g_free (str_off);
      g_free (is_str);
      write_req_free (w, ctx, FALSE);
      return num (ctx, UV_EINVAL);
    }
  }
  for (unsigned i = 0; i < n; i++)
    if (is_str[i])
      w->bufs[i].base = (char *) w->bytes->data + str_off[i];
  g_free (str_off);
  g_free (is_str);
  if (s->filter != NULL) {
    /* The filter encodes the bytes now: nothing needs to stay pinned. */
    int r = filter_write (s, w->bufs, n);
    write_req_free (w, ctx, FALSE);
    return num (ctx, r);
  }
  return num (ctx, write_bufs (s, w, w->bufs, n));
}

/* ---- connections ---- */

/* Accepts one connection (or, on an IPC pipe, one received handle of
 * `type`, -1 for a kind streams cannot hold) and offers it to JS. */
static void
accept_into (anode_stream_t *s, int type)
{
  stream_state_t *st = s->state;
  JSValueRef args[2];
  if (type < 0) {
    /* A kind JS cannot take (a UDP socket): libuv opens whatever fd is
     * pending into the handle given, so take it off the queue and close. */
    anode_stream_t *sink = stream_new (st, TYPE_PIPE);
    if (sink != NULL) {
      uv_accept (&s->h.stream, &sink->h.stream);
      stream_close (sink);
    }
    return;
  }
  anode_stream_t *c = stream_new (st, type);
  if (c == NULL)
    return;
  int err = uv_accept (&s->h.stream, &c->h.stream);
  if (err < 0) {
    stream_close (c);
    return;
  }
  int id = c->id;
  args[0] = num (st->js, id);
  args[1] = num (st->js, type);
  call_js (s, CB_CONNECTION, 2, args);
  /* JS takes the connection by giving it an owner, or closes it. */
  anode_stream_t *still = anode_stream_lookup (st->rt, id);
  if (still == c && c->owner == NULL)
    stream_close (c);
}

static void
connection_cb (uv_stream_t *server, int status)
{
  anode_stream_t *s = server->data;
  if (status < 0) {
    JSValueRef args[1] = { num (s->state->js, status) };
    call_js (s, CB_CONNECTION, 1, args);
    return;
  }
  accept_into (s, s->type);
}

static void
connect_cb (uv_connect_t *req, int status)
{
  stream_req_t *r = (stream_req_t *) req;
  anode_stream_t *s = r->s;
  g_free (r);
  if (s->state->torn_down)
    return;
  JSValueRef args[1] = { num (s->state->js, status) };
  call_js (s, CB_CONNECT, 1, args);
}

static void
shutdown_cb (uv_shutdown_t *req, int status)
{
  stream_req_t *r = (stream_req_t *) req;
  anode_stream_t *s = r->s;
  g_free (r);
  if (s->state->torn_down)
    return;
  JSValueRef args[1] = { num (s->state->js, status) };
  call_js (s, CB_SHUTDOWN, 1, args);
}

/* Parses `ip` (v4 or v6, with an optional %scope) and `port`. */
static int
make_addr (const char *ip, int port, struct sockaddr_storage *addr)
{
  if (ip == NULL)
    return UV_EINVAL;
  if (strchr (ip, ':') != NULL)
    return uv_ip6_addr (ip, port, (struct sockaddr_in6 *) addr);
  return uv_ip4_addr (ip, port, (struct sockaddr_in *) addr);
}

/* create(type, owner) -> id or a negative uv error */
static JSValueRef
create_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  stream_state_t *st = data;
  int type = (int) anode_capi_arg_number (ctx, argc, argv, 0, 0);
  if (type != TYPE_PIPE && type != TYPE_IPC)
    type = TYPE_TCP;
  anode_stream_t *s = stream_new (st, type);
  if (s == NULL)
    return num (ctx, UV_ENOMEM);
  set_owner (s, ctx, argc > 1 ? argv[1] : NULL);
  return num (ctx, s->id);
}

/* setOwner(id, owner) for an accepted connection. */
static JSValueRef
set_owner_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  set_owner (s, ctx, argc > 1 ? argv[1] : NULL);
  return num (ctx, 0);
}

/* open(id, fd) */
static JSValueRef
open_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  int fd = (int) anode_capi_arg_number (ctx, argc, argv, 1, -1);
  int err = s->type == TYPE_TCP ? uv_tcp_open (&s->h.tcp, fd) : uv_pipe_open (&s->h.pipe, fd);
  return num (ctx, err);
}

/* bind(id, ip, port, ipv6only) or, for pipes, bind(id, path) */
static JSValueRef
bind_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  g_autofree char *where = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (where == NULL)
    return num (ctx, UV_EINVAL);
  if (s->type == TYPE_PIPE)
    return num (ctx, uv_pipe_bind (&s->h.pipe, where));
  struct sockaddr_storage addr;
  int port = (int) anode_capi_arg_number (ctx, argc, argv, 2, 0);
  int err = make_addr (where, port, &addr);
  if (err == 0) {
    gboolean v6only = argc > 3 && JSValueToBoolean (ctx, argv[3]);
    err = uv_tcp_bind (&s->h.tcp, (struct sockaddr *) &addr, v6only ? UV_TCP_IPV6ONLY : 0);
  }
  return num (ctx, err);
}

/* listen(id, backlog) */
static JSValueRef
listen_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  int backlog = (int) anode_capi_arg_number (ctx, argc, argv, 1, 511);
  return num (ctx, uv_listen (&s->h.stream, backlog, connection_cb));
}

/* connect(id, ip, port) or, for pipes, connect(id, path) */
static JSValueRef
connect_js_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  g_autofree char *where = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (where == NULL)
    return num (ctx, UV_EINVAL);
  stream_req_t *r = g_new0 (stream_req_t, 1);
  r->s = s;
  if (s->type == TYPE_PIPE) {
    uv_pipe_connect (&r->u.connect, &s->h.pipe, where, connect_cb);
    return num (ctx, 0);
  }
  struct sockaddr_storage addr;
  int err = make_addr (where, (int) anode_capi_arg_number (ctx, argc, argv, 2, 0), &addr);
  if (err == 0)
    err = uv_tcp_connect (&r->u.connect, &s->h.tcp, (struct sockaddr *) &addr, connect_cb);
  if (err < 0)
    g_free (r);
  return num (ctx, err);
}

static JSValueRef
read_start_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (s->filter != NULL)
    return num (ctx, s->filter->read_start (s->filter_data));
  return num (ctx, uv_read_start (&s->h.stream, alloc_cb, read_cb));
}

static JSValueRef
read_stop_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (s->filter != NULL)
    return num (ctx, s->filter->read_stop (s->filter_data));
  return num (ctx, uv_read_stop (&s->h.stream));
}

int
anode_stream_raw_shutdown (anode_stream_t *s)
{
  stream_req_t *r = g_new0 (stream_req_t, 1);
  r->s = s;
  int err = uv_shutdown (&r->u.shutdown, &s->h.stream, shutdown_cb);
  if (err < 0)
    g_free (r);
  return err;
}

static JSValueRef
shutdown_js_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (s->filter != NULL)
    return num (ctx, s->filter->shutdown (s->filter_data));
  return num (ctx, anode_stream_raw_shutdown (s));
}

static JSValueRef
close_js_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  stream_close (s);
  return num (ctx, 0);
}

/* setNoDelay(id, on) */
static JSValueRef
set_no_delay_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL || s->type != TYPE_TCP)
    return num (ctx, UV_EBADF);
  return num (ctx, uv_tcp_nodelay (&s->h.tcp, argc > 1 && JSValueToBoolean (ctx, argv[1])));
}

/* setKeepAlive(id, on, delaySeconds) */
static JSValueRef
set_keep_alive_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL || s->type != TYPE_TCP)
    return num (ctx, UV_EBADF);
  gboolean on = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  unsigned delay = (unsigned) anode_capi_arg_number (ctx, argc, argv, 2, 0);
  return num (ctx, uv_tcp_keepalive (&s->h.tcp, on, on && delay == 0 ? 1 : delay));
}

/* ref(id, on) */
static JSValueRef
ref_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (argc > 1 && JSValueToBoolean (ctx, argv[1]))
    uv_ref (&s->h.handle);
  else
    uv_unref (&s->h.handle);
  return num (ctx, 0);
}

static JSValueRef
has_ref_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  return JSValueMakeBoolean (ctx, s != NULL && uv_has_ref (&s->h.handle));
}

/* [address, family, port] for a TCP name, [path] for a pipe, or a
 * negative uv error. */
static JSValueRef
name_cb (JSContextRef ctx, anode_stream_t *s, gboolean peer)
{
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (s->type == TYPE_PIPE) {
    char path[4096];
    size_t len = sizeof path;
    int err = peer ? uv_pipe_getpeername (&s->h.pipe, path, &len)
                   : uv_pipe_getsockname (&s->h.pipe, path, &len);
    if (err < 0)
      return num (ctx, err);
    JSStringRef str = anode_capi_latin1_string (path, len);
    JSValueRef v = JSValueMakeString (ctx, str);
    JSStringRelease (str);
    return JSObjectMakeArray (ctx, 1, &v, NULL);
  }
  struct sockaddr_storage addr;
  int len = sizeof addr;
  int err = peer ? uv_tcp_getpeername (&s->h.tcp, (struct sockaddr *) &addr, &len)
                 : uv_tcp_getsockname (&s->h.tcp, (struct sockaddr *) &addr, &len);
  if (err < 0)
    return num (ctx, err);
  char ip[INET6_ADDRSTRLEN + 16] = "";
  int port;
  const char *family;
  if (addr.ss_family == AF_INET6) {
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *) &addr;
    uv_ip6_name (a6, ip, sizeof ip);
    port = ntohs (a6->sin6_port);
    family = "IPv6";
  } else {
    struct sockaddr_in *a4 = (struct sockaddr_in *) &addr;
    uv_ip4_name (a4, ip, sizeof ip);
    port = ntohs (a4->sin_port);
    family = "IPv4";
  }
  JSStringRef ips = JSStringCreateWithUTF8CString (ip);
  JSStringRef fams = JSStringCreateWithUTF8CString (family);
  JSValueRef v[3] = { JSValueMakeString (ctx, ips), JSValueMakeString (ctx, fams), num (ctx, port) };
  JSStringRelease (ips);
  JSStringRelease (fams);
  return JSObjectMakeArray (ctx, 3, v, NULL);
}

static JSValueRef
sockname_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  return name_cb (ctx, lookup (data, ctx, argc, argv), FALSE);
}

static JSValueRef
peername_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  return name_cb (ctx, lookup (data, ctx, argc, argv), TRUE);
}

/* bytesRead(id) */
static JSValueRef
bytes_read_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  return num (ctx, s ? s->bytes_read : 0);
}

/* writeQueueSize(id) */
static JSValueRef
write_queue_size_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  return num (ctx, s ? (double) queue_size (s) : 0);
}

/* fd(id): the OS descriptor, or -1 */
static JSValueRef
fd_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  anode_stream_t *s = lookup (data, ctx, argc, argv);
  uv_os_fd_t fd = -1;
  if (s == NULL || uv_fileno (&s->h.handle, &fd) < 0)
    return num (ctx, -1);
  return num (ctx, fd);
}

/* setup(onread, onconnection, onafterwrite, onconnect, onshutdown, onclose, info) */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  stream_state_t *st = data;
  if (argc < CB_COUNT + 1 || JSValueGetTypedArrayType (ctx, argv[CB_COUNT], NULL) != kJSTypedArrayTypeFloat64Array)
    return num (ctx, UV_EINVAL);
  for (int i = 0; i < CB_COUNT; i++) {
    if (st->cb[i] != NULL)
      JSValueUnprotect (ctx, st->cb[i]);
    st->cb[i] = (JSObjectRef) argv[i];
    JSValueProtect (ctx, argv[i]);
  }
  if (st->info_array != NULL)
    JSValueUnprotect (ctx, st->info_array);
  st->info_array = (JSObjectRef) argv[CB_COUNT];
  JSValueProtect (ctx, st->info_array);
  if (JSObjectGetTypedArrayByteLength (ctx, st->info_array, NULL) < INFO_LEN * sizeof (double))
    return num (ctx, UV_EINVAL);
  st->info = JSObjectGetTypedArrayBytesPtr (ctx, st->info_array, NULL);
  return num (ctx, 0);
}

static void
teardown_walk (gpointer item, gpointer user)
{
  anode_stream_t *s = item;
  if (s != NULL && !uv_is_closing (&s->h.handle))
    uv_close (&s->h.handle, close_cb);
}

/* The context is going away: close every handle without calling JS (its
 * heap is gone); the close callbacks free the structs, the last one the
 * state (the runtime runs the loop once more to finish closing). */
static void
state_free (gpointer data)
{
  stream_state_t *st = data;
  st->torn_down = TRUE;
  g_ptr_array_foreach (st->handles, teardown_walk, NULL);
  if (st->live == 0)
    state_destroy (st);
}

JSCValue *
anode_binding_stream_init (anode_runtime_t *rt)
{
  stream_state_t *st = g_new0 (stream_state_t, 1);
  st->rt = rt;
  st->js = anode_capi_context (rt->ctx);
  st->handles = g_ptr_array_new ();
  st->free_ids = g_array_new (FALSE, FALSE, sizeof (int));
  st->info = st->no_info;
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-stream-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb },
    { "create", create_cb },
    { "setOwner", set_owner_cb },
    { "open", open_cb },
    { "bind", bind_cb },
    { "listen", listen_cb },
    { "connect", connect_js_cb },
    { "readStart", read_start_cb },
    { "readStop", read_stop_cb },
    { "writeBuffer", write_buffer_cb },
    { "writeString", write_string_cb },
    { "writev", writev_cb },
    { "writeHandle", write_handle_cb },
    { "shutdown", shutdown_js_cb },
    { "close", close_js_cb },
    { "setNoDelay", set_no_delay_cb },
    { "setKeepAlive", set_keep_alive_cb },
    { "ref", ref_cb },
    { "hasRef", has_ref_cb },
    { "sockname", sockname_cb },
    { "peername", peername_cb },
    { "bytesRead", bytes_read_cb },
    { "writeQueueSize", write_queue_size_cb },
    { "fd", fd_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  anode_set_int (b, "TCP", TYPE_TCP);
  anode_set_int (b, "PIPE", TYPE_PIPE);
  anode_set_int (b, "IPC", TYPE_IPC);
  return b;
}
