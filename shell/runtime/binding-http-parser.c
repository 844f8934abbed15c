/* HTTP/1.x parsing for http, on Debian's http-parser (the parser Node used
 * for years). A parser either consumes a stream in C (the server's and the
 * client's sockets: no JS call per read) or is fed from JS with execute().
 * JS hears one call per message head (url or status text and every header
 * name and value as slices of one Latin-1 string, numbers in a shared
 * Int32Array), one per body chunk and one at the end of a message; a head
 * whose message ends in the same read (a GET) carries the end with it. */
#include <http_parser.h>
#include <string.h>

#include "js-util.h"
#include "stream-private.h"

enum { EV_HEADERS = 1, EV_BODY, EV_COMPLETE, EV_ERROR, EV_UPGRADE };

/* Flags of a head event. */
enum {
  F_KEEP_ALIVE = 1,
  F_IS_UPGRADE = 2,
  F_COMPLETE = 4,
  F_EXPECT_CONTINUE = 8,
  F_EXPECT = 16, /* any Expect header */
};

/* Slots of the shared Int32Array. */
enum {
  I_METHOD,
  I_MAJOR,
  I_MINOR,
  I_STATUS,
  I_FLAGS,
  I_COUNT,  /* strings in the head string: url/status, then name, value... */
  I_UPGRADE,
  I_RESERVED,
  I_OFFSETS, /* then start, end per string */
};
#define MAX_HEADER_PAIRS 2000
#define INFO_INTS (I_OFFSETS + 2 * (1 + 2 * MAX_HEADER_PAIRS))

typedef struct parser parser_t;

typedef struct {
  anode_runtime_t *rt;
  JSGlobalContextRef js;
  GPtrArray *parsers; /* id -> parser_t*, NULL when free */
  GArray *free_ids;
  JSObjectRef on_event;
  JSObjectRef info_array;
  int32_t *info;
  int32_t no_info[INFO_INTS];
  GByteArray *spare_head; /* one idle parser's released head buffers, */
  GArray *spare_offsets;  /* kept for the next message that begins */
} parser_state_t;

struct parser {
  http_parser p;
  parser_state_t *st;
  int id;
  JSObjectRef owner;
  GByteArray *head;  /* NULL between messages: an idle connection */
  GArray *offsets;   /* start, end per string; NULL with head */
  gboolean last_was_value;
  gboolean in_trailers;
  gboolean head_pending;
  gboolean overflow;
  gboolean skip_body; /* the response answers a HEAD */
  gboolean stop;      /* stop parsing this buffer (freed, detached, paused) */
  gboolean free_pending;
  int in_execute;
  gboolean js_mode;   /* events go straight to JS, inside execute() */
  size_t header_bytes;
  size_t max_header_size;
  double headers_start;
  double message_start;
  anode_stream_t *stream;
  JSValueRef exception;
};

static const anode_stream_consumer_t consumer;

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

static void
parser_free (parser_t *pr)
{
  parser_state_t *st = pr->st;
  if (pr->stream != NULL)
    anode_stream_set_consumer (pr->stream, NULL, NULL);
  if (pr->owner != NULL)
    JSValueUnprotect (st->js, pr->owner);
  if (pr->head != NULL) {
    g_byte_array_unref (pr->head);
    g_array_unref (pr->offsets);
  }
  g_free (pr);
}

/* Sends an event to JS: directly while JS is inside execute(), through the
 * dispatch trampoline when the bytes came from the loop. */
static double
emit (parser_t *pr, int kind, JSValueRef a, JSValueRef b)
{
  parser_state_t *st = pr->st;
  JSContextRef ctx = st->js;
  if (pr->owner == NULL || pr->stop)
    return 0;
  JSValueRef args[4] = { pr->owner, num (ctx, kind), a ? a : JSValueMakeUndefined (ctx),
                         b ? b : JSValueMakeUndefined (ctx) };
  JSValueRef r;
  pr->in_execute++;
  if (pr->js_mode) {
    JSValueRef exc = NULL;
    r = JSObjectCallAsFunction (ctx, st->on_event, NULL, 4, args, &exc);
    if (exc != NULL) {
      pr->exception = exc;
      pr->stop = TRUE;
    }
  } else {
    r = anode_capi_callback (st->rt, st->on_event, 4, args);
  }
  pr->in_execute--;
  if (pr->free_pending || pr->owner == NULL)
    pr->stop = TRUE;
  return r != NULL && JSValueIsNumber (ctx, r) ? JSValueToNumber (ctx, r, NULL) : 0;
}

/* The head string and its offsets into the shared array. */
static JSValueRef
head_string (parser_t *pr)
{
  parser_state_t *st = pr->st;
  guint n = MIN (pr->offsets->len / 2, 1 + 2 * MAX_HEADER_PAIRS);
  st->info[I_COUNT] = n;
  memcpy (st->info + I_OFFSETS, pr->offsets->data, n * 2 * sizeof (int32_t));
  JSStringRef s = anode_capi_latin1_string ((const char *) pr->head->data, pr->head->len);
  JSValueRef v = JSValueMakeString (st->js, s);
  JSStringRelease (s);
  return v;
}

static void
ensure_head (parser_t *pr)
{
  parser_state_t *st = pr->st;
  if (pr->head != NULL)
    return;
  if (st->spare_head != NULL) {
    pr->head = st->spare_head;
    pr->offsets = st->spare_offsets;
    st->spare_head = NULL;
    st->spare_offsets = NULL;
  } else {
    pr->head = g_byte_array_new ();
    pr->offsets = g_array_new (FALSE, FALSE, sizeof (int32_t));
  }
}

static void
reset_head (parser_t *pr)
{
  ensure_head (pr);
  g_byte_array_set_size (pr->head, 0);
  g_array_set_size (pr->offsets, 0);
  pr->last_was_value = TRUE;
}

/* Between messages a parser holds no buffers, so thousands of idle
 * keep-alive connections hold none; one set is kept for the next message. */
static void
release_head (parser_t *pr)
{
  parser_state_t *st = pr->st;
  if (pr->head == NULL)
    return;
  if (st->spare_head == NULL && pr->head->len <= 4096) {
    st->spare_head = pr->head;
    st->spare_offsets = pr->offsets;
  } else {
    g_byte_array_unref (pr->head);
    g_array_unref (pr->offsets);
  }
  pr->head = NULL;
  pr->offsets = NULL;
}

static double
emit_head (parser_t *pr, int extra_flags)
{
  parser_state_t *st = pr->st;
  http_parser *p = &pr->p;
  int flags = extra_flags;
  pr->head_pending = FALSE;
  if (http_should_keep_alive (p))
    flags |= F_KEEP_ALIVE;
  if (p->upgrade)
    flags |= F_IS_UPGRADE;
  /* Expect: 100-continue, found among the names (odd strings after the first). */
  for (guint i = 1; i + 1 < pr->offsets->len / 2; i += 2) {
    int32_t *o = &g_array_index (pr->offsets, int32_t, 2 * i);
    const char *name = (const char *) pr->head->data + o[0];
    if (o[1] - o[0] == 6 && g_ascii_strncasecmp (name, "expect", 6) == 0) {
      flags |= F_EXPECT;
      const char *v = (const char *) pr->head->data + o[2];
      if (o[3] - o[2] == 12 && g_ascii_strncasecmp (v, "100-continue", 12) == 0)
        flags |= F_EXPECT_CONTINUE;
    }
  }
  st->info[I_METHOD] = p->type == HTTP_REQUEST ? (int) p->method : -1;
  st->info[I_MAJOR] = p->http_major;
  st->info[I_MINOR] = p->http_minor;
  st->info[I_STATUS] = p->type == HTTP_RESPONSE ? (int) p->status_code : 0;
  st->info[I_FLAGS] = flags;
  JSValueRef head = head_string (pr);
  reset_head (pr); /* what follows the head is body or trailers */
  return emit (pr, EV_HEADERS, head, num (st->js, flags));
}

/* Appends a piece of the current string (a new one when `fresh`). */
static int
add_piece (parser_t *pr, const char *at, size_t len, gboolean fresh)
{
  if (fresh) {
    int32_t o[2] = { (int32_t) pr->head->len, (int32_t) pr->head->len };
    g_array_append_vals (pr->offsets, o, 2);
  }
  g_byte_array_append (pr->head, (const guint8 *) at, len);
  g_array_index (pr->offsets, int32_t, pr->offsets->len - 1) = pr->head->len;
  pr->header_bytes += len;
  if (pr->header_bytes > pr->max_header_size) {
    pr->overflow = TRUE;
    return 1;
  }
  return 0;
}

static int
on_message_begin (http_parser *p)
{
  parser_t *pr = p->data;
  double now = (double) uv_now (&pr->st->rt->loop);
  reset_head (pr);
  pr->in_trailers = FALSE;
  pr->header_bytes = 0;
  pr->headers_start = now;
  pr->message_start = now;
  return 0;
}

static int
on_url (http_parser *p, const char *at, size_t len)
{
  parser_t *pr = p->data;
  ensure_head (pr);
  gboolean fresh = pr->offsets->len == 0;
  pr->last_was_value = FALSE;
  int r = add_piece (pr, at, len, fresh);
  pr->last_was_value = TRUE;
  return r;
}

static int
on_header_field (http_parser *p, const char *at, size_t len)
{
  parser_t *pr = p->data;
  ensure_head (pr);
  if (pr->offsets->len == 0) {
    /* No url or status text (trailers, or a response without a reason). */
    int32_t o[2] = { 0, 0 };
    g_array_append_vals (pr->offsets, o, 2);
  }
  gboolean fresh = pr->last_was_value;
  pr->last_was_value = FALSE;
  pr->header_bytes += 4; /* ": " and CRLF count against the limit too */
  return add_piece (pr, at, len, fresh);
}

static int
on_header_value (http_parser *p, const char *at, size_t len)
{
  parser_t *pr = p->data;
  ensure_head (pr);
  gboolean fresh = !pr->last_was_value;
  pr->last_was_value = TRUE;
  return add_piece (pr, at, len, fresh);
}

static int
on_headers_complete (http_parser *p)
{
  parser_t *pr = p->data;
  ensure_head (pr);
  if (pr->offsets->len == 0) {
    int32_t o[2] = { 0, 0 };
    g_array_append_vals (pr->offsets, o, 2);
  }
  /* A value-less last header still needs its (empty) value string. */
  if (!pr->last_was_value) {
    int32_t o[2] = { (int32_t) pr->head->len, (int32_t) pr->head->len };
    g_array_append_vals (pr->offsets, o, 2);
  }
  pr->headers_start = 0;
  pr->in_trailers = TRUE;
  if (p->type == HTTP_REQUEST && !p->upgrade) {
    /* Sent with the end of the message when it comes in the same read. */
    pr->head_pending = TRUE;
    return 0;
  }
  int r = (int) emit_head (pr, 0);
  if (pr->stop)
    return 0;
  if (p->type == HTTP_REQUEST) {
    /* JS says whether it takes the upgrade (2); otherwise a normal request. */
    if (r != 2 && p->method != HTTP_CONNECT)
      p->upgrade = 0;
    return 0;
  }
  if (pr->skip_body)
    return 1;
  return r == 1 || r == 2 ? r : 0;
}

static void
free_bytes_cb (void *bytes, void *context)
{
  g_free (bytes);
}

static JSValueRef
array_buffer (JSContextRef ctx, const char *at, size_t len)
{
  void *copy = g_memdup2 (at, MAX (len, 1));
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, copy, len, free_bytes_cb, NULL, NULL);
}

static int
on_body (http_parser *p, const char *at, size_t len)
{
  parser_t *pr = p->data;
  if (pr->head_pending)
    emit_head (pr, 0);
  emit (pr, EV_BODY, array_buffer (pr->st->js, at, len), NULL);
  if (pr->stop)
    http_parser_pause (p, 1);
  return 0;
}

static int
on_message_complete (http_parser *p)
{
  parser_t *pr = p->data;
  pr->message_start = 0;
  pr->headers_start = 0;
  if (pr->head_pending) {
    emit_head (pr, F_COMPLETE);
  } else if (pr->in_trailers && pr->offsets != NULL && pr->offsets->len > 2) {
    /* Trailers came as header callbacks after the body. */
    emit (pr, EV_COMPLETE, head_string (pr), NULL);
  } else {
    pr->st->info[I_COUNT] = 0;
    emit (pr, EV_COMPLETE, NULL, NULL);
  }
  pr->in_trailers = FALSE;
  release_head (pr);
  if (pr->stop)
    http_parser_pause (p, 1);
  return 0;
}

static int
on_chunk_header (http_parser *p)
{
  parser_t *pr = p->data;
  /* Trailers start afresh after the last chunk. */
  if (p->content_length == 0)
    reset_head (pr);
  return 0;
}

static const http_parser_settings settings = {
  .on_message_begin = on_message_begin,
  .on_url = on_url,
  .on_status = on_url,
  .on_header_field = on_header_field,
  .on_header_value = on_header_value,
  .on_headers_complete = on_headers_complete,
  .on_body = on_body,
  .on_message_complete = on_message_complete,
  .on_chunk_header = on_chunk_header,
};

static const char *
error_name (parser_t *pr)
{
  if (pr->overflow)
    return "HPE_HEADER_OVERFLOW";
  static const char *const names[] = {
#define XX(n, s) "HPE_" #n,
    HTTP_ERRNO_MAP (XX)
#undef XX
  };
  enum http_errno e = HTTP_PARSER_ERRNO (&pr->p);
  return (guint) e < G_N_ELEMENTS (names) ? names[e] : "HPE_UNKNOWN";
}

/* Runs the parser over `data`. Returns the bytes parsed, or -1 after a
 * parse error (reported as an error event with the error's name). */
static gssize
run (parser_t *pr, const char *data, size_t len)
{
  pr->stop = FALSE;
  pr->in_execute++;
  size_t n = http_parser_execute (&pr->p, &settings, data, len);
  enum http_errno e = HTTP_PARSER_ERRNO (&pr->p);
  if (e == HPE_PAUSED) {
    http_parser_pause (&pr->p, 0);
    e = HPE_OK;
  }
  if (!pr->stop && pr->head_pending && e == HPE_OK)
    emit_head (pr, 0);
  pr->in_execute--;
  if (pr->stop)
    return n;
  if (e != HPE_OK) {
    JSStringRef s = JSStringCreateWithUTF8CString (error_name (pr));
    JSValueRef name = JSValueMakeString (pr->st->js, s);
    JSStringRelease (s);
    pr->stop = FALSE;
    emit (pr, EV_ERROR, name, num (pr->st->js, (double) n));
    return -1;
  }
  return n;
}

static void
finish_free (parser_t *pr)
{
  if (pr->free_pending && pr->in_execute == 0)
    parser_free (pr);
}

static void
consume_data (void *user, const char *buf, size_t len)
{
  parser_t *pr = user;
  gssize n = run (pr, buf, len);
  if (n >= 0 && pr->p.upgrade && !pr->free_pending && pr->stream != NULL) {
    /* The rest belongs to the new protocol: JS reads the stream itself. */
    anode_stream_set_consumer (pr->stream, NULL, NULL);
    pr->stop = FALSE;
    emit (pr, EV_UPGRADE, array_buffer (pr->st->js, buf + n, len - n), num (pr->st->js, (double) (len - n)));
  }
  finish_free (pr);
}

static void
consume_eof (void *user, int status)
{
  parser_t *pr = user;
  if (status == UV_EOF)
    run (pr, NULL, 0);
  finish_free (pr);
}

static void
consume_detach (void *user)
{
  parser_t *pr = user;
  pr->stream = NULL;
  pr->stop = TRUE;
}

static const anode_stream_consumer_t consumer = {
  .data = consume_data,
  .eof = consume_eof,
  .detach = consume_detach,
};

static parser_t *
lookup (parser_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  double id = anode_capi_arg_number (ctx, argc, argv, 0, -1);
  if (!(id >= 0) || id >= st->parsers->len)
    return NULL;
  return g_ptr_array_index (st->parsers, (guint) id);
}

/* create(type 0 request / 1 response, owner, maxHeaderSize, lenient) -> id */
static JSValueRef
create_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_state_t *st = data;
  parser_t *pr = g_new0 (parser_t, 1);
  int type = anode_capi_arg_number (ctx, argc, argv, 0, 0) == 1 ? HTTP_RESPONSE : HTTP_REQUEST;
  http_parser_init (&pr->p, type);
  pr->p.data = pr;
  pr->st = st;
  pr->last_was_value = TRUE;
  double max = anode_capi_arg_number (ctx, argc, argv, 2, 16384);
  pr->max_header_size = max > 0 ? (size_t) max : 16384;
  pr->p.lenient_http_headers = argc > 3 && JSValueToBoolean (ctx, argv[3]);
  if (argc > 1 && JSValueIsObject (ctx, argv[1])) {
    pr->owner = (JSObjectRef) argv[1];
    JSValueProtect (ctx, pr->owner);
  }
  if (st->free_ids->len > 0) {
    pr->id = g_array_index (st->free_ids, int, st->free_ids->len - 1);
    g_array_set_size (st->free_ids, st->free_ids->len - 1);
    st->parsers->pdata[pr->id] = pr;
  } else {
    pr->id = st->parsers->len;
    g_ptr_array_add (st->parsers, pr);
  }
  return num (ctx, pr->id);
}

/* reinitialize(id, type): a parser reused for another connection. */
static JSValueRef
reinit_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_t *pr = lookup (data, ctx, argc, argv);
  if (pr == NULL)
    return num (ctx, UV_EBADF);
  int type = anode_capi_arg_number (ctx, argc, argv, 1, 0) == 1 ? HTTP_RESPONSE : HTTP_REQUEST;
  gboolean lenient = pr->p.lenient_http_headers;
  http_parser_init (&pr->p, type);
  pr->p.data = pr;
  pr->p.lenient_http_headers = lenient;
  release_head (pr);
  pr->last_was_value = TRUE;
  pr->head_pending = pr->overflow = pr->skip_body = FALSE;
  pr->headers_start = pr->message_start = 0;
  return num (ctx, 0);
}

/* free(id) */
static JSValueRef
free_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_state_t *st = data;
  parser_t *pr = lookup (st, ctx, argc, argv);
  if (pr == NULL)
    return num (ctx, UV_EBADF);
  st->parsers->pdata[pr->id] = NULL;
  g_array_append_val (st->free_ids, pr->id);
  if (pr->stream != NULL)
    anode_stream_set_consumer (pr->stream, NULL, NULL);
  pr->stream = NULL;
  pr->stop = TRUE;
  if (pr->in_execute > 0) {
    pr->free_pending = TRUE;
    return num (ctx, 0);
  }
  parser_free (pr);
  return num (ctx, 0);
}

/* execute(id, view) -> bytes parsed, or -1 after an error event. Events
 * are delivered before it returns; info[I_UPGRADE] says if the parser
 * stopped at an upgrade. */
static JSValueRef
execute_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_state_t *st = data;
  parser_t *pr = lookup (st, ctx, argc, argv);
  if (pr == NULL || pr->stream != NULL)
    return num (ctx, UV_EBADF);
  const char *bytes = NULL;
  size_t len = 0;
  if (argc > 1) {
    JSTypedArrayType t = JSValueGetTypedArrayType (ctx, argv[1], NULL);
    if (t == kJSTypedArrayTypeNone || t == kJSTypedArrayTypeArrayBuffer)
      return num (ctx, UV_EINVAL);
    char *base = JSObjectGetTypedArrayBytesPtr (ctx, (JSObjectRef) argv[1], NULL);
    bytes = base + JSObjectGetTypedArrayByteOffset (ctx, (JSObjectRef) argv[1], NULL);
    len = JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) argv[1], NULL);
  }
  /* Events may call execute() again only after this one returns. */
  pr->js_mode = TRUE;
  pr->exception = NULL;
  gssize n = run (pr, argc > 1 ? bytes : NULL, len);
  pr->js_mode = FALSE;
  JSValueRef thrown = pr->exception;
  pr->exception = NULL;
  st->info[I_UPGRADE] = pr->p.upgrade;
  finish_free (pr);
  if (thrown != NULL) {
    *exc = thrown;
    return NULL;
  }
  return num (ctx, (double) n);
}

/* consume(id, streamId): the parser reads the stream in C from now on. */
static JSValueRef
consume_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_state_t *st = data;
  parser_t *pr = lookup (st, ctx, argc, argv);
  anode_stream_t *s = anode_stream_lookup (st->rt, (int) anode_capi_arg_number (ctx, argc, argv, 1, -1));
  if (pr == NULL || s == NULL)
    return num (ctx, UV_EBADF);
  anode_stream_set_consumer (s, &consumer, pr);
  pr->stream = s;
  return num (ctx, 0);
}

/* unconsume(id): JS reads the stream again. */
static JSValueRef
unconsume_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_t *pr = lookup (data, ctx, argc, argv);
  if (pr == NULL)
    return num (ctx, UV_EBADF);
  if (pr->stream != NULL)
    anode_stream_set_consumer (pr->stream, NULL, NULL);
  pr->stream = NULL;
  return num (ctx, 0);
}

/* setSkipBody(id, on): the next response answers a HEAD request. */
static JSValueRef
set_skip_body_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_t *pr = lookup (data, ctx, argc, argv);
  if (pr == NULL)
    return num (ctx, UV_EBADF);
  pr->skip_body = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  return num (ctx, 0);
}

/* times(id) -> [headersStart, messageStart] in loop ms, 0 when not
 * waiting for them; the server's timeout checks read these. */
static JSValueRef
times_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_t *pr = lookup (data, ctx, argc, argv);
  if (pr == NULL)
    return num (ctx, UV_EBADF);
  JSValueRef v[3] = { num (ctx, pr->headers_start), num (ctx, pr->message_start),
                      num (ctx, (double) uv_now (&pr->st->rt->loop)) };
  return JSObjectMakeArray (ctx, 3, v, NULL);
}

/* setup(onEvent, info Int32Array) */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  parser_state_t *st = data;
  if (argc < 2 || JSValueGetTypedArrayType (ctx, argv[1], NULL) != kJSTypedArrayTypeInt32Array ||
      JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) argv[1], NULL) < INFO_INTS * sizeof (int32_t))
    return num (ctx, UV_EINVAL);
  if (st->on_event != NULL)
    JSValueUnprotect (ctx, st->on_event);
  if (st->info_array != NULL)
    JSValueUnprotect (ctx, st->info_array);
  st->on_event = (JSObjectRef) argv[0];
  st->info_array = (JSObjectRef) argv[1];
  JSValueProtect (ctx, st->on_event);
  JSValueProtect (ctx, st->info_array);
  st->info = JSObjectGetTypedArrayBytesPtr (ctx, st->info_array, NULL);
  return num (ctx, 0);
}

static void
state_free (gpointer data)
{
  parser_state_t *st = data;
  /* The JS heap is gone: drop owners without unprotecting. */
  for (guint i = 0; i < st->parsers->len; i++) {
    parser_t *pr = g_ptr_array_index (st->parsers, i);
    if (pr == NULL)
      continue;
    pr->owner = NULL;
    pr->stream = NULL;
    parser_free (pr);
  }
  g_ptr_array_unref (st->parsers);
  g_array_unref (st->free_ids);
  if (st->spare_head != NULL) {
    g_byte_array_unref (st->spare_head);
    g_array_unref (st->spare_offsets);
  }
  g_free (st);
}

JSCValue *
anode_binding_http_parser_init (anode_runtime_t *rt)
{
  parser_state_t *st = g_new0 (parser_state_t, 1);
  st->rt = rt;
  st->js = anode_capi_context (rt->ctx);
  st->parsers = g_ptr_array_new ();
  st->free_ids = g_array_new (FALSE, FALSE, sizeof (int));
  st->info = st->no_info;
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-http-parser-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb },
    { "create", create_cb },
    { "reinitialize", reinit_cb },
    { "free", free_cb },
    { "execute", execute_cb },
    { "consume", consume_cb },
    { "unconsume", unconsume_cb },
    { "setSkipBody", set_skip_body_cb },
    { "times", times_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  anode_set_int (b, "INFO_INTS", INFO_INTS);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
#define XX(num, name, string) g_ptr_array_add (names, (gpointer) #string);
  HTTP_METHOD_MAP (XX)
#undef XX
  g_ptr_array_add (names, NULL);
  g_autoptr (JSCValue) methods_v = jsc_value_new_array_from_strv (rt->ctx, (const char *const *) names->pdata);
  anode_set_value (b, "methods", methods_v);
  return b;
}
