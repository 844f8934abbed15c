/* Child processes for child_process.spawn: uv_spawn with stdio made of
 * stream handles (binding-stream.c pipes, IPC pipes included), inherited
 * descriptors or nothing; kill, ref/unref and the exit callback to JS.
 * JS names a process by a small integer id; the struct embeds the
 * uv_process_t and pins the owning JS object until the close callback. */
#include <string.h>

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
} proc_state_t;

typedef struct {
  uv_process_t proc;
  proc_state_t *state;
  JSObjectRef owner; /* protected while set */
  int id;
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
  uv_close ((uv_handle_t *) &p->proc, close_cb);
}

static void
exit_cb (uv_process_t *proc, int64_t status, int term_signal)
{
  proc_t *p = proc->data;
  proc_state_t *st = p->state;
  if (st->torn_down || p->owner == NULL || st->onexit == NULL)
    return;
  JSValueRef args[3] = { p->owner, num (st->js, (double) status), num (st->js, term_signal) };
  anode_capi_callback (st->rt, st->onexit, 3, args);
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
  p->proc.data = p;
  int err = uv_spawn (&st->rt->loop, &p->proc, &po);
  if (err < 0) {
    /* libuv initialised the handle all the same: it must be closed. */
    st->live++;
    p->id = -1;
    uv_close ((uv_handle_t *) &p->proc, close_cb);
    return num (ctx, err);
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
  st->info[INFO_PID] = p->proc.pid;
  return num (ctx, p->id);
}

/* kill(id, signum) -> 0 or a negative uv error */
static JSValueRef
kill_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  if (p == NULL)
    return num (ctx, UV_ESRCH);
  return num (ctx, uv_process_kill (&p->proc, (int) anode_capi_arg_number (ctx, argc, argv, 1, 15)));
}

/* ref(id, on) */
static JSValueRef
ref_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  if (p == NULL)
    return num (ctx, UV_EBADF);
  if (argc > 1 && JSValueToBoolean (ctx, argv[1]))
    uv_ref ((uv_handle_t *) &p->proc);
  else
    uv_unref ((uv_handle_t *) &p->proc);
  return num (ctx, 0);
}

static JSValueRef
has_ref_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  proc_t *p = lookup (data, ctx, argc, argv);
  return JSValueMakeBoolean (ctx, p != NULL && uv_has_ref ((uv_handle_t *) &p->proc));
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
  if (p != NULL && !uv_is_closing ((uv_handle_t *) &p->proc))
    uv_close ((uv_handle_t *) &p->proc, close_cb);
}

/* The context is going away: stop watching every child (they live on, as
 * under Node) without calling JS; the last close callback frees the state. */
static void
state_free (gpointer data)
{
  proc_state_t *st = data;
  st->torn_down = TRUE;
  g_ptr_array_foreach (st->handles, teardown_walk, NULL);
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
  static const struct {
    const char *name;
    anode_capi_fn fn;
  } methods[] = {
    { "setup", setup_cb },
    { "spawn", spawn_cb },
    { "kill", kill_cb },
    { "ref", ref_cb },
    { "hasRef", has_ref_cb },
    { "close", close_js_cb },
  };
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    anode_capi_set_method (b, methods[i].name, methods[i].fn, st);
  anode_set_int (b, "STDIO_IGNORE", STDIO_IGNORE);
  anode_set_int (b, "STDIO_INHERIT", STDIO_INHERIT);
  anode_set_int (b, "STDIO_PIPE", STDIO_PIPE);
  return b;
}
