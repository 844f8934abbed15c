/* The runtime: creates the JS context, boots the built-in JS, and runs the
 * libuv loop inside the GLib main loop with Node's exit semantics. */
#include "anode-runtime.h"

#include <stdio.h>
#include <string.h>

#include "anode-builtins.h"
#include "archive.h"
#include "js-util.h"

anode_runtime_t *
anode_runtime_from_context (JSCContext *ctx)
{
  return g_object_get_data (G_OBJECT (ctx), "anode-runtime");
}

JSCValue *
anode_runtime_get_binding (anode_runtime_t *rt, const char *name)
{
  JSCValue *binding = g_hash_table_lookup (rt->bindings, name);
  if (binding != NULL)
    return binding;
  for (const anode_binding_entry_t *e = anode_binding_table; e->name; e++) {
    if (strcmp (e->name, name) == 0) {
      binding = e->init (rt);
      g_hash_table_insert (rt->bindings, g_strdup (name), binding);
      return binding;
    }
  }
  return NULL;
}

static JSCValue *
internal_binding_cb (const char *name, anode_runtime_t *rt)
{
  JSCValue *binding = name ? anode_runtime_get_binding (rt, name) : NULL;
  if (binding == NULL)
    return jsc_value_new_undefined (rt->ctx);
  return g_object_ref (binding);
}

static void
set_tick_info_cb (JSCValue *array, anode_runtime_t *rt)
{
  gsize len = 0;
  if (!jsc_value_is_typed_array (array) ||
      jsc_value_typed_array_get_type (array) != JSC_TYPED_ARRAY_INT32) {
    jsc_context_throw_with_name (rt->ctx, "TypeError", "tick info must be an Int32Array");
    return;
  }
  int32_t *data = jsc_value_typed_array_get_data (array, &len);
  if (len < ANODE_TICK_INFO_LEN) {
    jsc_context_throw_with_name (rt->ctx, "RangeError", "tick info too short");
    return;
  }
  /* Keeping the array referenced keeps its storage alive and in place. */
  g_set_object (&rt->tick_info_array, array);
  rt->tick_info = data;
}

static void
set_entry_points_cb (JSCValue *dispatch, JSCValue *process_ticks,
                     anode_runtime_t *rt)
{
  g_set_object (&rt->dispatch, dispatch);
  g_set_object (&rt->process_ticks, process_ticks);
}

static gboolean
set_unhandled_rejection_cb (JSCValue *fn, anode_runtime_t *rt)
{
  return anode_jsc_set_unhandled_rejection_callback (rt->ctx, fn);
}

anode_runtime_t *
anode_runtime_new (int argc, char **argv)
{
  anode_runtime_t *rt = g_new0 (anode_runtime_t, 1);

  rt->start_time_ns = uv_hrtime ();
  rt->argc = argc;
  rt->argv = argv;
  rt->bindings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        g_object_unref);
  int err = uv_loop_init (&rt->loop);
  if (err != 0)
    g_error ("uv_loop_init: %s", uv_strerror (err));
  rt->loop.data = rt;

  /* Referencing the resource keeps the linker from dropping it (and its
   * registering constructor) out of the static library. */
  g_assert (anode_builtins_get_resource () != NULL);

  anode_jsc_init_main_thread ();
  rt->ctx = jsc_context_new ();
  g_object_set_data (G_OBJECT (rt->ctx), "anode-runtime", rt);

  /* The C half of the bootstrap: what JS needs to find its way in. */
  JSCValue *rt_binding = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (rt_binding, "setTickInfo", G_CALLBACK (set_tick_info_cb),
                    rt, G_TYPE_NONE, 1, JSC_TYPE_VALUE);
  anode_set_method (rt_binding, "setEntryPoints",
                    G_CALLBACK (set_entry_points_cb), rt, G_TYPE_NONE, 2,
                    JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (rt_binding, "setUnhandledRejectionCallback",
                    G_CALLBACK (set_unhandled_rejection_cb), rt,
                    G_TYPE_BOOLEAN, 1, JSC_TYPE_VALUE);
  g_hash_table_insert (rt->bindings, g_strdup ("runtime"), rt_binding);

  /* A worker's thread pushes its own main context first. */
  GMainContext *main_context = g_main_context_get_thread_default ();
  rt->uv_source = anode_loop_source_new (rt);
  g_source_attach (rt->uv_source, main_context);
  rt->main_loop = g_main_loop_new (main_context, FALSE);
  return rt;
}

static void
close_walk_cb (uv_handle_t *handle, void *arg)
{
  if (!uv_is_closing (handle))
    uv_close (handle, NULL);
}

void
anode_runtime_free (anode_runtime_t *rt)
{
  if (rt == NULL)
    return;
  if (rt->ui_prefetch != NULL)
    g_thread_join (g_steal_pointer (&rt->ui_prefetch));
  if (rt->ui != NULL)
    rt->ui_free (g_steal_pointer (&rt->ui));
  anode_worker_host_release (rt);
  g_clear_pointer (&rt->bindings, g_hash_table_unref);
  g_clear_pointer (&rt->vfs, anode_vfs_free);
  g_clear_pointer (&rt->support_dir, g_free);
  g_clear_object (&rt->dispatch);
  g_clear_object (&rt->process_ticks);
  g_clear_object (&rt->tick_info_array);
  rt->tick_info = NULL;
  g_clear_object (&rt->process_timers);
  g_clear_object (&rt->process_immediate);
  g_clear_object (&rt->emit_signal);
  /* Dropping the context runs the finalizers of handle-owning objects, which
   * close their handles; then whatever is left is closed and the loop ends. */
  g_object_set_data (G_OBJECT (rt->ctx), "anode-runtime", NULL);
  g_clear_object (&rt->ctx);
  anode_timers_close (rt);
  anode_signals_close (rt);
  uv_walk (&rt->loop, close_walk_cb, NULL);
  /* A uv_stop() outside uv_run (a worker's process.exit() during start-up)
   * ends the first run after one turn. */
  for (int i = 0; i < 3 && uv_run (&rt->loop, UV_RUN_DEFAULT) != 0; i++)
    ;
  if (uv_loop_close (&rt->loop) != 0)
    g_warning ("libuv loop still had handles at exit");

  g_source_destroy (rt->uv_source);
  g_clear_pointer (&rt->uv_source, g_source_unref);
  g_clear_pointer (&rt->main_loop, g_main_loop_unref);
  g_free (rt);
}

static gboolean
ticks_pending (anode_runtime_t *rt)
{
  return rt->tick_info != NULL && (rt->tick_info[ANODE_TICK_HAS_SCHEDULED] ||
                                   rt->tick_info[ANODE_TICK_HAS_REJECTION]);
}

void
anode_runtime_drain_ticks (anode_runtime_t *rt)
{
  /* Each call returns to C, so JSC drains promise jobs in between: that is
   * Node's order (ticks, then microtasks, then ticks they queued...). */
  while (ticks_pending (rt) && !rt->terminating)
    anode_jsc_dispatch_scalar (rt->ctx, rt->dispatch, rt->process_ticks, 0, FALSE);
}

JSCValue *
anode_runtime_callback (anode_runtime_t *rt, JSCValue *fn, guint n_args,
                        JSCValue **args)
{
  JSCValue *argv[8];

  g_assert (n_args < G_N_ELEMENTS (argv));
  argv[0] = fn;
  for (guint i = 0; i < n_args; i++)
    argv[i + 1] = args[i];
  JSCValue *result = jsc_value_function_callv (rt->dispatch, n_args + 1, argv);
  anode_runtime_drain_ticks (rt);
  return result;
}

double
anode_runtime_callback_scalar (anode_runtime_t *rt, JSCValue *fn, double arg,
                               gboolean arg_is_bool)
{
  double r = anode_jsc_dispatch_scalar (rt->ctx, rt->dispatch, fn, arg, arg_is_bool);
  anode_runtime_drain_ticks (rt);
  return r;
}

/* Reports an exception that escaped JS without the dispatch trampoline (only
 * possible during bootstrap). */
static void
report_bootstrap_exception (anode_runtime_t *rt, const char *what)
{
  JSCException *exc = jsc_context_get_exception (rt->ctx);
  if (exc == NULL)
    return;
  g_autofree char *report = jsc_exception_report (exc);
  fprintf (stderr, "anode: %s failed:\n%s\n", what, report);
  jsc_context_clear_exception (rt->ctx);
}

static JSCValue *
require_builtin_raw (anode_runtime_t *rt, const char *id)
{
  /* Only for the loader itself: every other module goes through it. */
  JSCValue *builtins = anode_runtime_get_binding (rt, "builtins");
  g_autoptr (JSCValue) fn = jsc_value_object_invoke_method (
    builtins, "compileBuiltin", G_TYPE_STRING, id, G_TYPE_NONE);
  if (fn == NULL || !jsc_value_is_function (fn)) {
    report_bootstrap_exception (rt, id);
    return NULL;
  }
  g_autoptr (JSCValue) exports = jsc_value_new_object (rt->ctx, NULL, NULL);
  g_autoptr (JSCValue) module = jsc_value_new_object (rt->ctx, NULL, NULL);
  jsc_value_object_set_property (module, "exports", exports);
  g_autoptr (JSCValue) ib = jsc_value_new_function (
    rt->ctx, "internalBinding", G_CALLBACK (internal_binding_cb), rt, NULL,
    JSC_TYPE_VALUE, 1, G_TYPE_STRING);
  g_autoptr (JSCValue) undef = jsc_value_new_undefined (rt->ctx);
  g_autoptr (JSCValue) r = jsc_value_function_call (
    fn, JSC_TYPE_VALUE, exports, JSC_TYPE_VALUE, undef, JSC_TYPE_VALUE, module,
    JSC_TYPE_VALUE, ib, G_TYPE_NONE);
  if (jsc_context_get_exception (rt->ctx) != NULL) {
    report_bootstrap_exception (rt, id);
    return NULL;
  }
  return jsc_value_object_get_property (module, "exports");
}

gboolean
anode_runtime_start (anode_runtime_t *rt, JSCValue *options)
{
  g_autoptr (JSCValue) require = require_builtin_raw (rt, "internal/bootstrap/realm");
  if (require == NULL)
    return FALSE;
  g_autoptr (JSCValue) node = jsc_value_function_call (
    require, G_TYPE_STRING, "internal/bootstrap/node", G_TYPE_NONE);
  if (node == NULL || jsc_context_get_exception (rt->ctx) != NULL ||
      rt->dispatch == NULL) {
    report_bootstrap_exception (rt, "bootstrap");
    return FALSE;
  }
  g_autoptr (JSCValue) start = jsc_value_object_get_property (node, "start");
  g_autoptr (JSCValue) r = anode_runtime_callback (rt, start, 1, &options);
  return TRUE;
}

gboolean
anode_runtime_loop_alive (anode_runtime_t *rt)
{
  return uv_loop_alive (&rt->loop);
}

static gboolean
emit_process_event (anode_runtime_t *rt, const char *entry)
{
  JSCValue *rt_binding = anode_runtime_get_binding (rt, "runtime");
  g_autoptr (JSCValue) fn = jsc_value_object_get_property (rt_binding, entry);
  if (!jsc_value_is_function (fn))
    return FALSE;
  g_autoptr (JSCValue) r = anode_runtime_callback (rt, fn, 0, NULL);
  return TRUE;
}

int
anode_runtime_run (anode_runtime_t *rt)
{
  for (;;) {
    if (anode_runtime_loop_alive (rt))
      g_main_loop_run (rt->main_loop);
    if (rt->terminating)
      return rt->exit_code;
    /* Node: beforeExit may schedule more work, which keeps us going. */
    emit_process_event (rt, "emitBeforeExit");
    if (!anode_runtime_loop_alive (rt))
      break;
  }
  emit_process_event (rt, "emitExit");
  JSCValue *rt_binding = anode_runtime_get_binding (rt, "runtime");
  g_autoptr (JSCValue) code = jsc_value_object_get_property (rt_binding, "exitCode");
  return jsc_value_is_number (code) ? jsc_value_to_int32 (code) : rt->exit_code;
}
