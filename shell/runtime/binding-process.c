/* Child processes for child_process.spawn, with stdio made of stream
 * handles (binding-stream.c pipes, IPC pipes included), inherited
 * descriptors or nothing; kill, ref/unref and the exit callback to JS.
 * JS names a process by a small integer id; the struct pins the owning JS
 * object until its handle's close callback.
 *
 * Children start with posix_spawn (glibc's is a CLONE_VM|CLONE_VFORK
 * clone): libuv 1.44's uv_spawn forks, which copies the page tables of a
 * JavaScriptCore heap and makes the parent take a copy-on-write fault on
 * every page it writes afterwards (most of a spawn's cost here). Exits are
 * reaped on SIGCHLD by pid; a uv_async_t per child, never sent, is what
 * keeps the loop alive (ref/unref). uv_spawn remains for uid/gid, which
 * posix_spawn cannot set. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "js-util.h"
#include "stream-private.h"

enum {
  STDIO_IGNORE = 0,
  STDIO_INHERIT = 1, /* the parent's descriptor `value` */
  STDIO_PIPE = 2,    /* the stream handle with id `value` */
};

enum {
  INFO_PID,
  INFO_LEN,
};

typedef struct {
  anode_runtime_t *rt;
  JSGlobalContextRef js;
  GPtrArray *handles; /* id -> proc_t*, NULL when free */
  GArray *free_ids;
  JSObjectRef onexit;
  JSObjectRef info_array;
  double *info;
  double no_info[INFO_LEN];
  guint live;
  gboolean torn_down;
  uv_signal_t *sigchld; /* reaps the posix_spawn children, made on first use */
  GHashTable *children; /* pid -> proc_t*, posix_spawn children not reaped */
} proc_state_t;

typedef struct {
  union {
    uv_handle_t handle;
    uv_process_t proc; /* uv_spawn children */
    uv_async_t token;  /* posix_spawn children: the loop's reference */
  } h;
  proc_state_t *state;
  JSObjectRef owner; /* protected while set */
  int id;
  int pid;
  gboolean spawned; /* posix_spawn child */
  gboolean reaped;
} proc_t;

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

static proc_t *
lookup (proc_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  double id = anode_capi_arg_number (ctx, argc, argv, 0, -1);
  if (!(id >= 0) || id >= st->handles->len)
    return NULL;
  return g_ptr_array_index (st->handles, (guint) id);
}

static void
state_destroy (proc_state_t *st)
{
  g_ptr_array_unref (st->handles);
  g_array_unref (st->free_ids);
  g_free (st);
}

static void
close_cb (uv_handle_t *handle)
{
  proc_t *p = handle->data;
  proc_state_t *st = p->state;
  if (!st->torn_down && p->owner != NULL)
    JSValueUnprotect (st->js, p->owner);
  g_free (p);
  if (--st->live == 0 && st->torn_down)
    state_destroy (st);
}

static void
proc_close (proc_t *p)
{
  proc_state_t *st = p->state;
  st->handles->pdata[p->id] = NULL;
  g_array_append_val (st->free_ids, p->id);
  p->id = -1;
  if (p->spawned && !p->reaped)
    g_hash_table_remove (st->children, GINT_TO_POINTER (p->pid));
  uv_close (&p->h.handle, close_cb);
}

static void
report_exit (proc_t *p, int64_t status, int term_signal)
{
  proc_state_t *st = p->state;
  if (st->torn_down || p->owner == NULL || st->onexit == NULL)
    return;
  JSValueRef args[3] = { p->owner, num (st->js, (double) status), num (st->js, term_signal) };
  anode_capi_callback (st->rt, st->onexit, 3, args);
}

static void
exit_cb (uv_process_t *proc, int64_t status, int term_signal)
{
  report_exit (proc->data, status, term_signal);
}

/* SIGCHLD: reap whichever of our posix_spawn children are done. */
static void
sigchld_cb (uv_signal_t *handle, int signum)
{
  proc_state_t *st = handle->data;
  GHashTableIter it;
  gpointer key, value;
  g_autoptr (GPtrArray) done = g_ptr_array_new ();
  g_autoptr (GArray) statuses = g_array_new (FALSE, FALSE, sizeof (int));
  g_hash_table_iter_init (&it, st->children);
  while (g_hash_table_iter_next (&it, &key, &value)) {
    proc_t *p = value;
    int status;
    pid_t r;
    do
      r = waitpid (p->pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r != p->pid)
      continue;
    p->reaped = TRUE;
    g_ptr_array_add (done, p);
    g_array_append_val (statuses, status);
    g_hash_table_iter_remove (&it);
  }
  /* JS may spawn or close from the callbacks: the table is not walked then. */
  for (guint i = 0; i < done->len; i++) {
    int status = g_array_index (statuses, int, i);
    proc_t *p = g_ptr_array_index (done, i);
    if (WIFSIGNALED (status))
      report_exit (p, 0, WTERMSIG (status));
    else
      report_exit (p, WEXITSTATUS (status), 0);
  }
}

/* ---- reading arguments ---- */

static JSValueRef
get_prop (JSContextRef ctx, JSObjectRef obj, const char *name)
{
  JSStringRef s = JSStringCreateWithUTF8CString (name);
  JSValueRef v = JSObjectGetProperty (ctx, obj, s, NULL);
  JSStringRelease (s);
  return v;
}

static char *
to_utf8 (JSContextRef ctx, JSValueRef v)
{
  if (v == NULL || !JSValueIsString (ctx, v))
    return NULL;
  JSStringRef s = JSValueToStringCopy (ctx, v, NULL);
  size_t max = JSStringGetMaximumUTF8CStringSize (s);
  char *out = g_malloc (max);
  JSStringGetUTF8CString (s, out, max);
  JSStringRelease (s);
  return out;
}

static guint
array_length (JSContextRef ctx, JSValueRef v)
{
  if (v == NULL || !JSValueIsArray (ctx, v))
    return 0;
  double n = JSValueToNumber (ctx, get_prop (ctx, (JSObjectRef) v, "length"), NULL);
  return n > 0 ? (guint) n : 0;
}

/* A NULL-terminated vector of the array's strings, or NULL when `v` is not
 * an array; entries that are not strings make the call fail (EINVAL). */
static char **
strv_from_array (JSContextRef ctx, JSValueRef v, gboolean *bad)
{
  if (v == NULL || !JSValueIsArray (ctx, v))
    return NULL;
  guint n = array_length (ctx, v);
  char **out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++) {
    out[i] = to_utf8 (ctx, JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) v, i, NULL));
    if (out[i] == NULL) {
      *bad = TRUE;
      out[i] = g_strdup ("");
    }
  }
  return out;
}

/* The program execvp would run for `file` under `env` (its PATH, else
 * ours): a path, or NULL with *err set (ENOENT, or EACCES when only
 * non-executable candidates were found). */
static char *
find_program (const char *file, char **env, int *err)
{
  if (strchr (file, '/') != NULL)
    return g_strdup (file);
  const char *path = NULL;
  if (env != NULL) {
    for (char **e = env; *e != NULL; e++)
      if (g_str_has_prefix (*e, "PATH="))
        path = *e + 5;
  } else {
    path = g_getenv ("PATH");
  }
  if (path == NULL)
    path = "/usr/local/bin:/bin:/usr/bin";
  *err = UV_ENOENT;
  g_auto (GStrv) dirs = g_strsplit (path, ":", -1);
  for (char **d = dirs; *d != NULL; d++) {
    g_autofree char *candidate = g_build_filename (**d ? *d : ".", file, NULL);
    struct stat sb;
    if (stat (candidate, &sb) != 0 || S_ISDIR (sb.st_mode))
      continue;
    if (access (candidate, X_OK) == 0)
      return g_steal_pointer (&candidate);
    *err = UV_EACCES;
  }
  return NULL;
}

/* Starts `file` with posix_spawn. Pipes (UV_CREATE_PIPE containers) get
 * one end of a new socketpair each, opened into their stream; every
 * descriptor the child gets is first duplicated above the stdio range, so
 * the child's dup2s cannot overwrite one another and always clear
 * close-on-exec. Returns 0 and sets *pid, or a negative uv error. */
static int
posix_spawn_child (const char *file, char **args, char **env, const char *cwd, gboolean detached,
                   uv_stdio_container_t *stdio, int nstdio, pid_t *pid)
{
  int err = 0;
  g_autofree char *program = find_program (file, env, &err);
  if (program == NULL)
    return err;
  int n = MAX (nstdio, 3);
  g_autofree int *child_fds = g_new (int, n);
  g_autofree int *parent_fds = g_new (int, n);
  for (int i = 0; i < n; i++)
    child_fds[i] = parent_fds[i] = -1;
  err = 0;
  for (int i = 0; i < nstdio && err == 0; i++) {
    if (stdio[i].flags & UV_CREATE_PIPE) {
      int sv[2];
      if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        err = -errno;
        break;
      }
      parent_fds[i] = sv[0];
      child_fds[i] = fcntl (sv[1], F_DUPFD_CLOEXEC, n);
      close (sv[1]);
    } else if (stdio[i].flags & UV_INHERIT_FD) {
      child_fds[i] = fcntl (stdio[i].data.fd, F_DUPFD_CLOEXEC, n);
    } else {
      continue;
    }
    if (child_fds[i] < 0)
      err = -errno;
  }

  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init (&fa);
  posix_spawnattr_init (&attr);
  if (err == 0) {
    for (int i = 0; i < n; i++) {
      if (child_fds[i] >= 0)
        posix_spawn_file_actions_adddup2 (&fa, child_fds[i], i);
      else if (i < 3)
        /* As libuv does: the standard descriptors are never left closed. */
        posix_spawn_file_actions_addopen (&fa, i, "/dev/null", i == 0 ? O_RDONLY : O_RDWR, 0);
    }
    if (cwd != NULL)
      posix_spawn_file_actions_addchdir_np (&fa, cwd);
    sigset_t all, none;
    sigfillset (&all);
    sigdelset (&all, SIGKILL);
    sigdelset (&all, SIGSTOP);
    sigemptyset (&none);
    posix_spawnattr_setsigdefault (&attr, &all);
    posix_spawnattr_setsigmask (&attr, &none);
    short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    if (detached)
      flags |= POSIX_SPAWN_SETSID;
    posix_spawnattr_setflags (&attr, flags);
    extern char **environ;
    int r = posix_spawn (pid, program, &fa, &attr, args, env != NULL ? env : environ);
    if (r != 0)
      err = -r;
  }
  posix_spawn_file_actions_destroy (&fa);
  posix_spawnattr_destroy (&attr);

  for (int i = 0; i < n; i++) {
    if (child_fds[i] >= 0)
      close (child_fds[i]);
    if (parent_fds[i] < 0)
      continue;
    if (err == 0)
      err = uv_pipe_open ((uv_pipe_t *) stdio[i].data.stream, parent_fds[i]);
    if (err != 0)
      close (parent_fds[i]);
  }
  if (err != 0 && *pid > 0) {
    /* The child runs but its pipes could not be opened: it goes. */
    kill (*pid, SIGKILL);
    waitpid (*pid, NULL, 0);
  }
  return err;
}

/* spawn(owner, options) -> id, or a negative uv error. options: file,
 * args, envPairs (or null: the parent's environment), cwd, stdio
 * ([[kind, value], ...]), detached, uid, gid (numbers or undefined). */
static JSValueRef
spawn_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_state_t *st = data;
  if (argc < 2 || !JSValueIsObject (ctx, argv[0]) || !JSValueIsObject (ctx, argv[1]))
    return num (ctx, UV_EINVAL);
  JSObjectRef opts = (JSObjectRef) argv[1];
  gboolean bad = FALSE;
  g_autofree char *file = to_utf8 (ctx, get_prop (ctx, opts, "file"));
  g_autofree char *cwd = to_utf8 (ctx, get_prop (ctx, opts, "cwd"));
  g_auto (GStrv) args = strv_from_array (ctx, get_prop (ctx, opts, "args"), &bad);
  g_auto (GStrv) env = strv_from_array (ctx, get_prop (ctx, opts, "envPairs"), &bad);
  if (file == NULL || bad)
    return num (ctx, UV_EINVAL);
  if (args == NULL || args[0] == NULL) {
    g_strfreev (args);
    args = g_new0 (char *, 2);
    args[0] = g_strdup (file);
  }

  JSValueRef stdio_v = get_prop (ctx, opts, "stdio");
  guint nstdio = array_length (ctx, stdio_v);
  g_autofree uv_stdio_container_t *stdio = g_new0 (uv_stdio_container_t, MAX (nstdio, 1));
  for (guint i = 0; i < nstdio; i++) {
    JSValueRef e = JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) stdio_v, i, NULL);
    if (!JSValueIsArray (ctx, e))
      return num (ctx, UV_EINVAL);
    int kind = (int) JSValueToNumber (ctx, JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) e, 0, NULL), NULL);
    double value = JSValueToNumber (ctx, JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) e, 1, NULL), NULL);
    switch (kind) {
    case STDIO_IGNORE:
      stdio[i].flags = UV_IGNORE;
      break;
    case STDIO_INHERIT:
      if (!(value >= 0))
        return num (ctx, UV_EINVAL);
      stdio[i].flags = UV_INHERIT_FD;
      stdio[i].data.fd = (int) value;
      break;
    case STDIO_PIPE: {
      anode_stream_t *s = value >= 0 ? anode_stream_lookup (st->rt, (int) value) : NULL;
      uv_stream_t *us = s ? anode_stream_uv (s) : NULL;
      if (us == NULL || us->type != UV_NAMED_PIPE)
        return num (ctx, UV_EINVAL);
      stdio[i].flags = UV_CREATE_PIPE | UV_READABLE_PIPE | UV_WRITABLE_PIPE;
      stdio[i].data.stream = us;
      break;
    }
    default:
      return num (ctx, UV_EINVAL);
    }
  }

  uv_process_options_t po = {
    .exit_cb = exit_cb,
    .file = file,
    .args = args,
    .env = env,
    .cwd = cwd,
    .stdio_count = (int) nstdio,
    .stdio = stdio,
  };
  if (JSValueToBoolean (ctx, get_prop (ctx, opts, "detached")))
    po.flags |= UV_PROCESS_DETACHED;
  JSValueRef uid = get_prop (ctx, opts, "uid");
  JSValueRef gid = get_prop (ctx, opts, "gid");
  if (JSValueIsNumber (ctx, uid)) {
    po.flags |= UV_PROCESS_SETUID;
    po.uid = (uv_uid_t) JSValueToNumber (ctx, uid, NULL);
  }
  if (JSValueIsNumber (ctx, gid)) {
    po.flags |= UV_PROCESS_SETGID;
    po.gid = (uv_gid_t) JSValueToNumber (ctx, gid, NULL);
  }

  proc_t *p = g_new0 (proc_t, 1);
  p->state = st;
  int err = (-ENOEXEC);
  if (!(po.flags & (UV_PROCESS_SETUID | UV_PROCESS_SETGID))) {
    if (st->sigchld == NULL) {
      st->sigchld = g_new0 (uv_signal_t, 1);
      uv_signal_init (&st->rt->loop, st->sigchld);
      st->sigchld->data = st;
      uv_signal_start (st->sigchld, sigchld_cb, SIGCHLD);
      uv_unref ((uv_handle_t *) st->sigchld);
      st->children = g_hash_table_new (NULL, NULL);
    }
    pid_t pid = 0;
    err = posix_spawn_child (file, args, env, cwd, (po.flags & UV_PROCESS_DETACHED) != 0, stdio,
                             (int) nstdio, &pid);
    if (err == 0) {
      p->spawned = TRUE;
      p->pid = pid;
      uv_async_init (&st->rt->loop, &p->h.token, NULL);
      p->h.token.data = p;
      g_hash_table_insert (st->children, GINT_TO_POINTER (pid), p);
    } else if (err != (-ENOEXEC)) {
      g_free (p);
      return num (ctx, err);
    }
  }
  /* uid/gid, or a file without #! that execvp would hand to /bin/sh. */
  if (err == (-ENOEXEC)) {
    p->h.proc.data = p;
    err = uv_spawn (&st->rt->loop, &p->h.proc, &po);
    if (err < 0) {
      /* libuv initialised the handle all the same: it must be closed. */
      st->live++;
      p->id = -1;
      uv_close (&p->h.handle, close_cb);
      return num (ctx, err);
    }
    p->pid = p->h.proc.pid;
  }
  st->live++;
  p->owner = (JSObjectRef) argv[0];
  JSValueProtect (ctx, p->owner);
  if (st->free_ids->len > 0) {
    p->id = g_array_index (st->free_ids, int, st->free_ids->len - 1);
    g_array_set_size (st->free_ids, st->free_ids->len - 1);
    st->handles->pdata[p->id] = p;
  } else {
    p->id = st->handles->len;
    g_ptr_array_add (st->handles, p);
  }
  st->info[INFO_PID] = p->pid;
  return num (ctx, p->id);
}

/* kill(id, signum) -> 0 or a negative uv error */
static JSValueRef
kill_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  if (p == NULL || p->reaped)
    return num (ctx, UV_ESRCH);
  int sig = (int) anode_capi_arg_number (ctx, argc, argv, 1, SIGTERM);
  if (!p->spawned)
    return num (ctx, uv_process_kill (&p->h.proc, sig));
  return num (ctx, uv_kill (p->pid, sig));
}

/* ref(id, on) */
static JSValueRef
ref_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  if (p == NULL)
    return num (ctx, UV_EBADF);
  if (argc > 1 && JSValueToBoolean (ctx, argv[1]))
    uv_ref (&p->h.handle);
  else
    uv_unref (&p->h.handle);
  return num (ctx, 0);
}

static JSValueRef
has_ref_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  return JSValueMakeBoolean (ctx, p != NULL && uv_has_ref (&p->h.handle));
}

static JSValueRef
close_js_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  if (p == NULL)
    return num (ctx, UV_EBADF);
  proc_close (p);
  return num (ctx, 0);
}

/* setup(onexit, info): onexit(owner, exitStatus, termSignal); info is a
 * Float64Array whose slot 0 receives the pid of the last spawn. */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_state_t *st = data;
  if (argc < 2 || !JSValueIsObject (ctx, argv[0]) ||
      JSValueGetTypedArrayType (ctx, argv[1], NULL) != kJSTypedArrayTypeFloat64Array ||
      JSObjectGetTypedArrayByteLength (ctx, (JSObjectRef) argv[1], NULL) < INFO_LEN * sizeof (double))
    return num (ctx, UV_EINVAL);
  if (st->onexit != NULL)
    JSValueUnprotect (ctx, st->onexit);
  st->onexit = (JSObjectRef) argv[0];
  JSValueProtect (ctx, st->onexit);
  if (st->info_array != NULL)
    JSValueUnprotect (ctx, st->info_array);
  st->info_array = (JSObjectRef) argv[1];
  JSValueProtect (ctx, st->info_array);
  st->info = JSObjectGetTypedArrayBytesPtr (ctx, st->info_array, NULL);
  return num (ctx, 0);
}

static void
teardown_walk (gpointer item, gpointer user)
{
  proc_t *p = item;
  if (p != NULL && !uv_is_closing (&p->h.handle))
    uv_close (&p->h.handle, close_cb);
}

static void
free_handle_cb (uv_handle_t *handle)
{
  g_free (handle);
}

/* The context is going away: stop watching every child (they live on, as
 * under Node) without calling JS; the last close callback frees the state. */
static void
state_free (gpointer data)
{
  proc_state_t *st = data;
  st->torn_down = TRUE;
  g_ptr_array_foreach (st->handles, teardown_walk, NULL);
  if (st->sigchld != NULL) {
    uv_close ((uv_handle_t *) st->sigchld, free_handle_cb);
    st->sigchld = NULL;
  }
  g_clear_pointer (&st->children, g_hash_table_unref);
  if (st->live == 0)
    state_destroy (st);
}

JSCValue *
anode_binding_process_init (anode_runtime_t *rt)
{
  proc_state_t *st = g_new0 (proc_state_t, 1);
  st->rt = rt;
  st->js = anode_capi_context (rt->ctx);
  st->handles = g_ptr_array_new ();
  st->free_ids = g_array_new (FALSE, FALSE, sizeof (int));
  st->info = st->no_info;
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-process-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb },
    { "spawn", spawn_cb },
    { "kill", kill_cb },
    { "ref", ref_cb },
    { "hasRef", has_ref_cb },
    { "close", close_js_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  anode_set_int (b, "STDIO_IGNORE", STDIO_IGNORE);
  anode_set_int (b, "STDIO_INHERIT", STDIO_INHERIT);
  anode_set_int (b, "STDIO_PIPE", STDIO_PIPE);
  return b;
}
