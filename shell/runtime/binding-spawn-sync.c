/* Running a child to completion on a private loop: feeding its input,
 * collecting its output, enforcing a timeout and an output limit. The base
 * of child_process.spawnSync (run) and of the test runner and pack
 * (spawnSync, with output as strings). */
#include <signal.h>
#include <string.h>

#include "anode-runtime.h"
#include "js-util.h"

enum {
  STDIO_IGNORE = 0,
  STDIO_INHERIT = 1, /* the parent's descriptor `fd` */
  STDIO_PIPE = 2,
};

typedef struct sync_run sync_run_t;

typedef struct {
  uv_pipe_t pipe;
  sync_run_t *run;
  GByteArray *out;  /* what the child wrote, for output pipes */
  GBytes *input;    /* what to write, for input pipes (or NULL) */
  int fd;           /* the parent's descriptor, for STDIO_INHERIT */
  uv_write_t write_req;
  uv_shutdown_t shutdown_req;
  gboolean is_input;
} sync_pipe_t;

struct sync_run {
  uv_loop_t loop;
  uv_process_t proc;
  uv_timer_t timer;
  sync_pipe_t *pipes; /* one per stdio slot; `pipe` used only for pipes */
  int *kinds;
  int nstdio;
  double max_buffer; /* 0: no limit */
  double buffered;
  int kill_signal;
  int64_t exit_status;
  int term_signal;
  gboolean exited, timed_out, over_max;
  char buf[65536];
};

static void
pipe_close (sync_pipe_t *p)
{
  if (!uv_is_closing ((uv_handle_t *) &p->pipe))
    uv_close ((uv_handle_t *) &p->pipe, NULL);
}

static void
kill_child (sync_run_t *r)
{
  if (!r->exited)
    uv_process_kill (&r->proc, r->kill_signal);
}

static void
alloc_cb (uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
  sync_pipe_t *p = h->data;
  *buf = uv_buf_init (p->run->buf, sizeof p->run->buf);
}

static void
read_cb (uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
  sync_pipe_t *p = s->data;
  sync_run_t *r = p->run;
  if (n > 0) {
    g_byte_array_append (p->out, (const guint8 *) buf->base, n);
    r->buffered += n;
    if (r->max_buffer > 0 && r->buffered > r->max_buffer && !r->over_max) {
      r->over_max = TRUE;
      kill_child (r);
    }
  } else if (n < 0) {
    pipe_close (p);
  }
}

static void
shutdown_cb (uv_shutdown_t *req, int status)
{
  pipe_close (req->data);
}

static void
write_cb (uv_write_t *req, int status)
{
  sync_pipe_t *p = req->data;
  if (status < 0 || uv_shutdown (&p->shutdown_req, (uv_stream_t *) &p->pipe, shutdown_cb) < 0)
    pipe_close (p);
}

static void
exit_cb (uv_process_t *proc, int64_t status, int sig)
{
  sync_run_t *r = proc->data;
  r->exit_status = status;
  r->term_signal = sig;
  r->exited = TRUE;
  uv_close ((uv_handle_t *) proc, NULL);
  uv_close ((uv_handle_t *) &r->timer, NULL);
}

static void
timeout_cb (uv_timer_t *t)
{
  sync_run_t *r = t->data;
  r->timed_out = TRUE;
  kill_child (r);
}

/* Runs `file` with `argv` and `stdio` set up in `r` (kinds, inputs);
 * returns 0 once the child is gone and every pipe drained, or the uv error
 * of uv_spawn. */
static int
run_child (sync_run_t *r, const char *file, char **argv, char **env, const char *cwd,
           double timeout, unsigned flags, uv_uid_t uid, uv_gid_t gid)
{
  uv_loop_init (&r->loop);
  uv_timer_init (&r->loop, &r->timer);
  r->timer.data = r;
  r->proc.data = r;
  g_autofree uv_stdio_container_t *stdio = g_new0 (uv_stdio_container_t, MAX (r->nstdio, 1));
  for (int i = 0; i < r->nstdio; i++) {
    sync_pipe_t *p = &r->pipes[i];
    p->run = r;
    switch (r->kinds[i]) {
    case STDIO_PIPE:
      uv_pipe_init (&r->loop, &p->pipe, 0);
      p->pipe.data = p;
      p->write_req.data = p;
      p->shutdown_req.data = p;
      p->is_input = p->input != NULL || i == 0;
      if (!p->is_input)
        p->out = g_byte_array_new ();
      stdio[i].flags = UV_CREATE_PIPE | UV_READABLE_PIPE | UV_WRITABLE_PIPE;
      stdio[i].data.stream = (uv_stream_t *) &p->pipe;
      break;
    case STDIO_INHERIT:
      stdio[i].flags = UV_INHERIT_FD;
      stdio[i].data.fd = p->fd;
      break;
    default:
      stdio[i].flags = UV_IGNORE;
      break;
    }
  }
  uv_process_options_t po = {
    .exit_cb = exit_cb,
    .file = file,
    .args = argv,
    .env = env,
    .cwd = cwd,
    .flags = flags,
    .uid = uid,
    .gid = gid,
    .stdio_count = r->nstdio,
    .stdio = stdio,
  };
  int err = uv_spawn (&r->loop, &r->proc, &po);
  if (err < 0) {
    uv_close ((uv_handle_t *) &r->proc, NULL);
    uv_close ((uv_handle_t *) &r->timer, NULL);
    for (int i = 0; i < r->nstdio; i++)
      if (r->kinds[i] == STDIO_PIPE)
        pipe_close (&r->pipes[i]);
  } else {
    for (int i = 0; i < r->nstdio; i++) {
      sync_pipe_t *p = &r->pipes[i];
      if (r->kinds[i] != STDIO_PIPE)
        continue;
      if (!p->is_input) {
        uv_read_start ((uv_stream_t *) &p->pipe, alloc_cb, read_cb);
        continue;
      }
      gsize len = 0;
      const char *data = p->input ? g_bytes_get_data (p->input, &len) : NULL;
      uv_buf_t b = uv_buf_init ((char *) data, len);
      int werr = len > 0 ? uv_write (&p->write_req, (uv_stream_t *) &p->pipe, &b, 1, write_cb)
                         : uv_shutdown (&p->shutdown_req, (uv_stream_t *) &p->pipe, shutdown_cb);
      if (werr < 0)
        pipe_close (p);
    }
    if (timeout > 0)
      uv_timer_start (&r->timer, timeout_cb, (uint64_t) timeout, 0);
  }
  uv_run (&r->loop, UV_RUN_DEFAULT);
  uv_loop_close (&r->loop);
  return err;
}

static void
run_free (sync_run_t *r)
{
  for (int i = 0; i < r->nstdio; i++) {
    if (r->pipes[i].out != NULL)
      g_byte_array_unref (r->pipes[i].out);
    if (r->pipes[i].input != NULL)
      g_bytes_unref (r->pipes[i].input);
  }
  g_free (r->pipes);
  g_free (r->kinds);
  g_free (r);
}

static char **
strv_from_array (JSCValue *array)
{
  if (array == NULL || !jsc_value_is_array (array))
    return NULL;
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (array, "length");
  gint32 n = jsc_value_to_int32 (len_v);
  char **v = g_new0 (char *, MAX (n, 0) + 1);
  for (gint32 i = 0; i < n; i++) {
    g_autoptr (JSCValue) item = jsc_value_object_get_property_at_index (array, i);
    v[i] = jsc_value_to_string (item);
  }
  return v;
}

static double
number_prop (JSCValue *obj, const char *name, double fallback)
{
  g_autoptr (JSCValue) v = jsc_value_object_get_property (obj, name);
  return jsc_value_is_number (v) ? jsc_value_to_double (v) : fallback;
}

static char *
string_prop (JSCValue *obj, const char *name)
{
  g_autoptr (JSCValue) v = jsc_value_object_get_property (obj, name);
  return jsc_value_is_string (v) ? jsc_value_to_string (v) : NULL;
}

/* The bytes of a typed array or ArrayBuffer `v` (a copy), or NULL. */
static GBytes *
bytes_of (JSCValue *v)
{
  gsize len = 0;
  if (jsc_value_is_typed_array (v)) {
    const guint8 *data = jsc_value_typed_array_get_data (v, NULL);
    return g_bytes_new (data, jsc_value_typed_array_get_size (v));
  }
  if (jsc_value_is_array_buffer (v)) {
    const guint8 *data = jsc_value_array_buffer_get_data (v, &len);
    return g_bytes_new (data, len);
  }
  return NULL;
}

/* run(options) for child_process.spawnSync. options: file, args, envPairs,
 * cwd, stdio ([[kind, fd or input], ...]: input a Uint8Array for pipes),
 * timeout, killSignal, maxBuffer, detached, uid, gid. Returns { pid,
 * status, signal (a number or null), output: [ArrayBuffer | null, ...],
 * error (an errctx: ENOENT..., ETIMEDOUT, ENOBUFS) }. */
static JSCValue *
run_cb (JSCValue *opts, anode_runtime_t *rt)
{
  JSCContext *ctx = rt->ctx;
  JSCValue *result = jsc_value_new_object (ctx, NULL, NULL);
  g_autoptr (JSCValue) null_v = jsc_value_new_null (ctx);
  if (!jsc_value_is_object (opts))
    return result;
  g_autofree char *file = string_prop (opts, "file");
  g_autofree char *cwd = string_prop (opts, "cwd");
  g_autoptr (JSCValue) args_v = jsc_value_object_get_property (opts, "args");
  g_autoptr (JSCValue) env_v = jsc_value_object_get_property (opts, "envPairs");
  g_autoptr (JSCValue) stdio_v = jsc_value_object_get_property (opts, "stdio");
  g_auto (GStrv) argv = strv_from_array (args_v);
  g_auto (GStrv) env = strv_from_array (env_v);
  if (file == NULL) {
    g_autoptr (JSCValue) e = jsc_value_new_object (ctx, NULL, NULL);
    anode_set_uv_error (e, UV_EINVAL, "spawnSync", NULL);
    anode_set_value (result, "error", e);
    return result;
  }
  if (argv == NULL || argv[0] == NULL) {
    g_strfreev (argv);
    argv = g_new0 (char *, 2);
    argv[0] = g_strdup (file);
  }

  sync_run_t *r = g_new0 (sync_run_t, 1);
  r->nstdio = 0;
  if (jsc_value_is_array (stdio_v)) {
    g_autoptr (JSCValue) len_v = jsc_value_object_get_property (stdio_v, "length");
    r->nstdio = MAX (jsc_value_to_int32 (len_v), 0);
  }
  r->pipes = g_new0 (sync_pipe_t, MAX (r->nstdio, 1));
  r->kinds = g_new0 (int, MAX (r->nstdio, 1));
  for (int i = 0; i < r->nstdio; i++) {
    g_autoptr (JSCValue) e = jsc_value_object_get_property_at_index (stdio_v, i);
    g_autoptr (JSCValue) k = jsc_value_object_get_property_at_index (e, 0);
    g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (e, 1);
    r->kinds[i] = jsc_value_to_int32 (k);
    if (r->kinds[i] == STDIO_INHERIT)
      r->pipes[i].fd = jsc_value_to_int32 (v);
    else if (r->kinds[i] == STDIO_PIPE)
      r->pipes[i].input = bytes_of (v);
  }
  r->max_buffer = number_prop (opts, "maxBuffer", 0);
  r->kill_signal = (int) number_prop (opts, "killSignal", SIGTERM);
  double timeout = number_prop (opts, "timeout", 0);
  unsigned flags = 0;
  g_autoptr (JSCValue) detached = jsc_value_object_get_property (opts, "detached");
  if (jsc_value_to_boolean (detached))
    flags |= UV_PROCESS_DETACHED;
  double uid = number_prop (opts, "uid", -1), gid = number_prop (opts, "gid", -1);
  if (uid >= 0)
    flags |= UV_PROCESS_SETUID;
  if (gid >= 0)
    flags |= UV_PROCESS_SETGID;

  int err = run_child (r, file, argv, env, cwd, timeout, flags, (uv_uid_t) uid, (uv_gid_t) gid);
  if (err == 0)
    anode_set_int (result, "pid", r->proc.pid);
  else
    anode_set_int (result, "pid", 0);

  const char *error = NULL;
  int errnum = err;
  if (err < 0)
    error = "spawnSync";
  else if (r->timed_out)
    errnum = UV_ETIMEDOUT, error = "spawnSync";
  else if (r->over_max)
    errnum = UV_ENOBUFS, error = "spawnSync";
  if (error != NULL) {
    g_autoptr (JSCValue) e = jsc_value_new_object (ctx, NULL, NULL);
    anode_set_uv_error (e, errnum, error, NULL);
    anode_set_value (result, "error", e);
  }
  if (r->exited && r->term_signal == 0) {
    anode_set_int (result, "status", r->exit_status);
    anode_set_value (result, "signal", null_v);
  } else {
    anode_set_value (result, "status", null_v);
    if (r->exited)
      anode_set_int (result, "signal", r->term_signal);
    else
      anode_set_value (result, "signal", null_v);
  }
  g_autoptr (GPtrArray) outs = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < r->nstdio; i++) {
    sync_pipe_t *p = &r->pipes[i];
    if (r->kinds[i] == STDIO_PIPE && p->out != NULL && err == 0) {
      gsize len = p->out->len;
      guint8 *data = g_byte_array_free (p->out, FALSE);
      p->out = NULL;
      /* JSC takes an ArrayBuffer without bytes for a detached one. */
      if (data == NULL)
        data = g_malloc (1);
      g_ptr_array_add (outs, jsc_value_new_array_buffer (ctx, data, len, g_free, data));
    } else {
      g_ptr_array_add (outs, jsc_value_new_null (ctx));
    }
  }
  g_autoptr (JSCValue) output = jsc_value_new_array_from_garray (ctx, outs);
  anode_set_value (result, "output", output);
  run_free (r);
  return result;
}

/* spawnSync(file, argv, { env, cwd, timeout, inherit }) for the test runner
 * and pack: stdin ignored, stdout and stderr as strings (or inherited). */
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
    g_autoptr (JSCValue) i = jsc_value_object_get_property (opts, "inherit");
    env = strv_from_array (e);
    cwd = string_prop (opts, "cwd");
    timeout = number_prop (opts, "timeout", 0);
    inherit = jsc_value_to_boolean (i);
  }
  if (argv == NULL || argv[0] == NULL) {
    g_strfreev (argv);
    argv = g_new0 (char *, 2);
    argv[0] = g_strdup (file);
  }

  sync_run_t *r = g_new0 (sync_run_t, 1);
  r->nstdio = 3;
  r->pipes = g_new0 (sync_pipe_t, 3);
  r->kinds = g_new0 (int, 3);
  r->kill_signal = SIGTERM;
  for (int i = 1; i < 3; i++) {
    r->kinds[i] = inherit ? STDIO_INHERIT : STDIO_PIPE;
    if (inherit)
      r->pipes[i].fd = i;
  }
  int err = run_child (r, file, argv, env, cwd, timeout, 0, 0, 0);

  JSCValue *result = jsc_value_new_object (rt->ctx, NULL, NULL);
  g_autoptr (JSCValue) null_v = jsc_value_new_null (rt->ctx);
  if (err < 0) {
    g_autoptr (JSCValue) e = jsc_value_new_object (rt->ctx, NULL, NULL);
    anode_set_uv_error (e, err, "spawnSync", file);
    anode_set_value (result, "error", e);
  }
  if (r->exited && r->term_signal == 0) {
    anode_set_int (result, "status", r->exit_status);
    anode_set_value (result, "signal", null_v);
  } else if (r->exited) {
    anode_set_value (result, "status", null_v);
    anode_set_int (result, "signalNumber", r->term_signal);
  } else {
    anode_set_value (result, "status", null_v);
    anode_set_value (result, "signal", null_v);
  }
  if (r->timed_out) {
    g_autoptr (JSCValue) e = jsc_value_new_object (rt->ctx, NULL, NULL);
    anode_set_uv_error (e, UV_ETIMEDOUT, "spawnSync", file);
    anode_set_value (result, "error", e);
  }
  const char *names[3] = { NULL, "stdout", "stderr" };
  for (int i = 1; i < 3; i++) {
    GByteArray *out = r->pipes[i].out;
    g_autoptr (JSCValue) s = out && err == 0 ? anode_string_new_utf8 (rt->ctx, (const char *) out->data, out->len)
                                             : jsc_value_new_string (rt->ctx, "");
    anode_set_value (result, names[i], s);
  }
  run_free (r);
  return result;
}

JSCValue *
anode_binding_spawn_sync_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "spawnSync", G_CALLBACK (spawn_sync_cb), rt, JSC_TYPE_VALUE,
                    3, G_TYPE_STRING, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "run", G_CALLBACK (run_cb), rt, JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
  anode_set_int (b, "STDIO_IGNORE", STDIO_IGNORE);
  anode_set_int (b, "STDIO_INHERIT", STDIO_INHERIT);
  anode_set_int (b, "STDIO_PIPE", STDIO_PIPE);
  return b;
}
