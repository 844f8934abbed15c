/* Terminal and stdio facts (isatty, handle type, window size) and reading
 * stdin as a stream without blocking the loop. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <stdlib.h>

#include "anode-runtime.h"
#include "js-util.h"

static gboolean
isatty_cb (int fd, anode_runtime_t *rt)
{
  return fd >= 0 && isatty (fd);
}

static char *
guess_handle_type_cb (int fd, anode_runtime_t *rt)
{
  switch (fd < 0 ? UV_UNKNOWN_HANDLE : uv_guess_handle (fd)) {
  case UV_TTY: return g_strdup ("TTY");
  case UV_FILE: return g_strdup ("FILE");
  case UV_NAMED_PIPE: return g_strdup ("PIPE");
  case UV_TCP: return g_strdup ("TCP");
  case UV_UDP: return g_strdup ("UDP");
  default: return g_strdup ("UNKNOWN");
  }
}

static JSCValue *
get_window_size_cb (int fd, anode_runtime_t *rt)
{
  uv_tty_t tty;
  int w = 0, h = 0;
  if (uv_tty_init (&rt->loop, &tty, fd, 0) < 0)
    return jsc_value_new_undefined (rt->ctx);
  int err = uv_tty_get_winsize (&tty, &w, &h);
  /* The handle was never started: closing it needs no loop turn to matter,
   * but libuv still wants the close callback to run before the loop closes. */
  uv_close ((uv_handle_t *) &tty, NULL);
  uv_run (&rt->loop, UV_RUN_NOWAIT);
  if (err < 0)
    return jsc_value_new_undefined (rt->ctx);
  g_autoptr (JSCValue) cols = jsc_value_new_number (rt->ctx, w);
  g_autoptr (JSCValue) rows = jsc_value_new_number (rt->ctx, h);
  return jsc_value_new_array (rt->ctx, JSC_TYPE_VALUE, cols, JSC_TYPE_VALUE, rows,
                              G_TYPE_NONE);
}

/* stdin as a stream: a pipe or tty handle, or threadpool reads for a file. */
typedef struct {
  union {
    uv_handle_t handle;
    uv_stream_t stream;
    uv_pipe_t pipe;
    uv_tty_t tty;
  } h;
  uv_fs_t req;
  anode_runtime_t *rt;
  JSCValue *on_data;
  char buf[65536];
  gboolean is_file;
  gboolean reading;
} stdin_reader_t;

/* Hands JS one chunk of bytes (a fresh ArrayBuffer), or null at the end. */
static void
deliver (stdin_reader_t *r, const char *data, gssize n, int err)
{
  anode_runtime_t *rt = r->rt;
  g_autoptr (JSCValue) chunk = NULL;
  if (n > 0) {
    gpointer copy = g_memdup2 (data, (gsize) n);
    chunk = jsc_value_new_array_buffer (rt->ctx, copy, (gsize) n, g_free, copy);
  } else {
    chunk = jsc_value_new_null (rt->ctx);
  }
  g_autoptr (JSCValue) errv = jsc_value_new_number (rt->ctx, err);
  JSCValue *args[] = { chunk, errv };
  g_autoptr (JSCValue) res = anode_runtime_callback (rt, r->on_data, 2, args);
}

static void
stream_alloc_cb (uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
  stdin_reader_t *r = handle->data;
  *buf = uv_buf_init (r->buf, sizeof r->buf);
}

static void
stream_read_cb (uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
  stdin_reader_t *r = stream->data;
  if (nread == 0)
    return;
  if (nread < 0) {
    uv_read_stop (stream);
    r->reading = FALSE;
    deliver (r, NULL, 0, nread == UV_EOF ? 0 : (int) nread);
    return;
  }
  deliver (r, buf->base, nread, 0);
}

static void file_read_cb (uv_fs_t *req);

static void
file_read_next (stdin_reader_t *r)
{
  uv_buf_t b = uv_buf_init (r->buf, sizeof r->buf);
  uv_fs_read (&r->rt->loop, &r->req, 0, &b, 1, -1, file_read_cb);
}

static void
file_read_cb (uv_fs_t *req)
{
  stdin_reader_t *r = req->data;
  ssize_t n = req->result;
  uv_fs_req_cleanup (req);
  if (n > 0) {
    deliver (r, r->buf, n, 0);
    if (r->reading)
      file_read_next (r);
    return;
  }
  r->reading = FALSE;
  deliver (r, NULL, 0, (int) n);
}

static void
reader_close_cb (uv_handle_t *handle)
{
  stdin_reader_t *r = handle->data;
  g_clear_object (&r->on_data);
  g_free (r);
}

static void
reader_finalize (gpointer data)
{
  stdin_reader_t *r = data;
  if (r->is_file) {
    if (!r->reading) {
      r->h.handle.data = r;
      reader_close_cb (&r->h.handle);
    }
    return;
  }
  if (!uv_is_closing (&r->h.handle))
    uv_close (&r->h.handle, reader_close_cb);
}

static int
reader_start (stdin_reader_t *r)
{
  if (r->reading)
    return 0;
  r->reading = TRUE;
  if (r->is_file) {
    file_read_next (r);
    return 0;
  }
  return uv_read_start (&r->h.stream, stream_alloc_cb, stream_read_cb);
}

static void
reader_stop (stdin_reader_t *r)
{
  /* A file read in flight finishes; the next one is not started. */
  r->reading = FALSE;
  if (!r->is_file)
    uv_read_stop (&r->h.stream);
}

static void
reader_set_ref (stdin_reader_t *r, gboolean ref)
{
  if (r->is_file)
    return;
  if (ref)
    uv_ref (&r->h.handle);
  else
    uv_unref (&r->h.handle);
}

static void
reset_mode_at_exit (void)
{
  uv_tty_reset_mode ();
}

/* Raw mode for a terminal stdin; returns 0 or a negative uv error (EBADF
 * when stdin is not a terminal). The terminal is put back at exit even if
 * the script never turns raw mode off, as Node does. */
static int
reader_set_raw_mode (stdin_reader_t *r, gboolean raw)
{
  static gboolean hooked;
  if (r->is_file || r->h.handle.type != UV_TTY)
    return UV_EBADF;
  if (raw && !hooked) {
    hooked = TRUE;
    atexit (reset_mode_at_exit);
  }
  return uv_tty_set_mode (&r->h.tty, raw ? UV_TTY_MODE_RAW : UV_TTY_MODE_NORMAL);
}

static JSCClass *
reader_class (anode_runtime_t *rt)
{
  JSCClass *klass = g_object_get_data (G_OBJECT (rt->ctx), "anode-stdin-class");
  if (klass == NULL) {
    klass = jsc_context_register_class (rt->ctx, "StdinReader", NULL, NULL, reader_finalize);
    jsc_class_add_method (klass, "start", G_CALLBACK (reader_start), NULL, NULL,
                          G_TYPE_INT, 0);
    jsc_class_add_method (klass, "stop", G_CALLBACK (reader_stop), NULL, NULL,
                          G_TYPE_NONE, 0);
    jsc_class_add_method (klass, "setRef", G_CALLBACK (reader_set_ref), NULL, NULL,
                          G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
    jsc_class_add_method (klass, "setRawMode", G_CALLBACK (reader_set_raw_mode), NULL,
                          NULL, G_TYPE_INT, 1, G_TYPE_BOOLEAN);
    g_object_set_data (G_OBJECT (rt->ctx), "anode-stdin-class", klass);
  }
  return klass;
}

/* openStdin(onData): onData(ArrayBuffer | null at end, errno). Returns a reader
 * with start()/stop()/setRef(), or a negative uv error. */
static JSCValue *
open_stdin_cb (JSCValue *on_data, anode_runtime_t *rt)
{
  stdin_reader_t *r = g_new0 (stdin_reader_t, 1);
  r->rt = rt;
  r->on_data = g_object_ref (on_data);
  r->req.data = r;
  int err = 0;

  switch (uv_guess_handle (0)) {
  case UV_TTY:
    err = uv_tty_init (&rt->loop, &r->h.tty, 0, 1);
    break;
  case UV_NAMED_PIPE:
  case UV_TCP:
    err = uv_pipe_init (&rt->loop, &r->h.pipe, 0);
    if (err == 0)
      err = uv_pipe_open (&r->h.pipe, 0);
    break;
  default:
    r->is_file = TRUE;
    break;
  }
  r->h.handle.data = r;
  if (err < 0) {
    g_clear_object (&r->on_data);
      g_free (r);
    return jsc_value_new_number (rt->ctx, err);
  }
  return jsc_value_new_object (rt->ctx, r, reader_class (rt));
}

JSCValue *
anode_binding_tty_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "isatty", G_CALLBACK (isatty_cb), rt, G_TYPE_BOOLEAN, 1, G_TYPE_INT);
  anode_set_method (b, "guessHandleType", G_CALLBACK (guess_handle_type_cb), rt,
                    G_TYPE_STRING, 1, G_TYPE_INT);
  anode_set_method (b, "getWindowSize", G_CALLBACK (get_window_size_cb), rt,
                    JSC_TYPE_VALUE, 1, G_TYPE_INT);
  anode_set_method (b, "openStdin", G_CALLBACK (open_stdin_cb), rt, JSC_TYPE_VALUE,
                    1, JSC_TYPE_VALUE);
  return b;
}
