/* spawnSync: runs a child to completion on a private loop, collecting its
 * output (the test runner's, and later child_process.spawnSync's, base). */
#include <signal.h>
#include <string.h>

#include "anode-runtime.h"
#include "js-util.h"

typedef struct {
  uv_loop_t loop;
  uv_process_t proc;
  uv_pipe_t out, err;
  uv_timer_t timer;
  GString *out_buf, *err_buf;
  gint64 exit_status;
  int term_signal;
  gboolean exited, timed_out;
} spawn_t;

static void
alloc_cb (uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
  buf->base = g_malloc (65536);
  buf->len = 65536;
}

static void
read_cb (uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
  if (n > 0)
    g_string_append_len (s->data, buf->base, n);
  else if (n < 0)
    uv_close ((uv_handle_t *) s, NULL);
  g_free (buf->base);
}

static void
exit_cb (uv_process_t *p, int64_t status, int sig)
{
  spawn_t *s = p->data;
  s->exit_status = status;
  s->term_signal = sig;
  s->exited = TRUE;
  uv_close ((uv_handle_t *) p, NULL);
  uv_close ((uv_handle_t *) &s->timer, NULL);
}

static void
timeout_cb (uv_timer_t *t)
{
  spawn_t *s = t->data;
  s->timed_out = TRUE;
  uv_process_kill (&s->proc, SIGTERM);
}

static char **
strv_from_array (JSCValue *array)
{
  if (array == NULL || !jsc_value_is_array (array))
    return NULL;
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (array, "length");
  gint32 n = jsc_value_to_int32 (len_v);
  char **v = g_new0 (char *, n + 1);
  for (gint32 i = 0; i < n; i++) {
    g_autoptr (JSCValue) item = jsc_value_object_get_property_at_index (array, i);
    v[i] = jsc_value_to_string (item);
  }
  return v;
}

static JSCValue *
spawn_sync_cb (const char *file, JSCValue *args, JSCValue *opts, anode_runtime_t *rt)
{
  g_auto (GStrv) argv = strv_from_array (args);
  g_auto (GStrv) env = NULL;
  g_autofree char *cwd = NULL;
  double timeout = 0;
  gboolean inherit = FALSE;

  if (opts != NULL && jsc_value_is_object (opts)) {
    g_autoptr (JSCValue) e = jsc_value_object_get_property (opts, "env");
    g_autoptr (JSCValue) c = jsc_value_object_get_property (opts, "cwd");
    g_autoptr (JSCValue) t = jsc_value_object_get_property (opts, "timeout");
    g_autoptr (JSCValue) i = jsc_value_object_get_property (opts, "inherit");
    env = strv_from_array (e);
    if (jsc_value_is_string (c))
      cwd = jsc_value_to_string (c);
    if (jsc_value_is_number (t))
      timeout = jsc_value_to_double (t);
    inherit = jsc_value_to_boolean (i);
  }
  if (argv == NULL || argv[0] == NULL) {
    g_strfreev (argv);
    argv = g_new0 (char *, 2);
    argv[0] = g_strdup (file);
  }

  spawn_t s = { 0 };
  s.out_buf = g_string_new (NULL);
  s.err_buf = g_string_new (NULL);
  uv_loop_init (&s.loop);
  uv_pipe_init (&s.loop, &s.out, 0);
  uv_pipe_init (&s.loop, &s.err, 0);
  uv_timer_init (&s.loop, &s.timer);
  s.out.data = s.out_buf;
  s.err.data = s.err_buf;
  s.proc.data = &s;
  s.timer.data = &s;

  uv_stdio_container_t stdio[3] = {
    { .flags = UV_IGNORE },
    { .flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE, .data.stream = (uv_stream_t *) &s.out },
    { .flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE, .data.stream = (uv_stream_t *) &s.err },
  };
  if (inherit) {
    for (int i = 0; i < 3; i++) {
      stdio[i].flags = UV_INHERIT_FD;
      stdio[i].data.fd = i;
    }
  }
  uv_process_options_t po = {
    .exit_cb = exit_cb,
    .file = file,
    .args = argv,
    .env = env,
    .cwd = cwd,
    .stdio_count = 3,
    .stdio = stdio,
  };

  JSCValue *result = jsc_value_new_object (rt->ctx, NULL, NULL);
  int err = uv_spawn (&s.loop, &s.proc, &po);
  if (err < 0) {
    g_autoptr (JSCValue) e = jsc_value_new_object (rt->ctx, NULL, NULL);
    anode_set_uv_error (e, err, "spawnSync", file);
    anode_set_value (result, "error", e);
    uv_close ((uv_handle_t *) &s.proc, NULL);
    uv_close ((uv_handle_t *) &s.timer, NULL);
    uv_close ((uv_handle_t *) &s.out, NULL);
    uv_close ((uv_handle_t *) &s.err, NULL);
  } else {
    if (!inherit) {
      uv_read_start ((uv_stream_t *) &s.out, alloc_cb, read_cb);
      uv_read_start ((uv_stream_t *) &s.err, alloc_cb, read_cb);
    } else {
      uv_close ((uv_handle_t *) &s.out, NULL);
      uv_close ((uv_handle_t *) &s.err, NULL);
    }
    if (timeout > 0)
      uv_timer_start (&s.timer, timeout_cb, (uint64_t) timeout, 0);
  }
  uv_run (&s.loop, UV_RUN_DEFAULT);
  uv_loop_close (&s.loop);

  g_autoptr (JSCValue) null_v = jsc_value_new_null (rt->ctx);
  if (s.exited && s.term_signal == 0) {
    anode_set_int (result, "status", s.exit_status);
    anode_set_value (result, "signal", null_v);
  } else if (s.exited) {
    anode_set_value (result, "status", null_v);
    anode_set_int (result, "signalNumber", s.term_signal);
  } else {
    anode_set_value (result, "status", null_v);
    anode_set_value (result, "signal", null_v);
  }
  if (s.timed_out) {
    g_autoptr (JSCValue) e = jsc_value_new_object (rt->ctx, NULL, NULL);
    anode_set_uv_error (e, UV_ETIMEDOUT, "spawnSync", file);
    anode_set_value (result, "error", e);
  }
  g_autoptr (JSCValue) out = anode_string_new_utf8 (rt->ctx, s.out_buf->str, s.out_buf->len);
  g_autoptr (JSCValue) errs = anode_string_new_utf8 (rt->ctx, s.err_buf->str, s.err_buf->len);
  anode_set_value (result, "stdout", out);
  anode_set_value (result, "stderr", errs);
  g_string_free (s.out_buf, TRUE);
  g_string_free (s.err_buf, TRUE);
  return result;
}

JSCValue *
anode_binding_spawn_sync_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "spawnSync", G_CALLBACK (spawn_sync_cb), rt, JSC_TYPE_VALUE,
                    3, G_TYPE_STRING, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  return b;
}
