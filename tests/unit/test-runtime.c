/* The runtime end to end from C: bootstrap, a script's timers and ticks on
 * the GLib-driven loop, exit codes, and the binding registry. */
#include <string.h>

#include "anode-runtime.h"
#include "js-util.h"

static int
run_eval (const char *code)
{
  char *argv[] = { (char *) "anode", NULL };
  anode_runtime_t *rt = anode_runtime_new (1, argv);
  g_autoptr (JSCValue) opts = jsc_value_new_object (rt->ctx, NULL, NULL);
  g_autoptr (JSCValue) empty = jsc_value_new_array (rt->ctx, G_TYPE_NONE);
  anode_set_string (opts, "mode", "eval");
  anode_set_string (opts, "code", code);
  anode_set_value (opts, "execArgv", empty);
  anode_set_value (opts, "args", empty);
  g_assert_true (anode_runtime_start (rt, opts));
  int status = anode_runtime_run (rt);
  g_clear_object (&opts);
  g_clear_object (&empty);
  anode_runtime_free (rt);
  return status;
}

static void
test_exit_code_after_timers (void)
{
  /* The loop stays alive for the timer; beforeExit and exit run in order. */
  g_assert_cmpint (run_eval ("let order = '';"
                             "setTimeout(() => { order += 't'; }, 5);"
                             "process.nextTick(() => { order += 'n'; });"
                             "Promise.resolve().then(() => { order += 'p'; });"
                             "process.on('beforeExit', () => { order += 'b'; });"
                             "process.on('exit', () => {"
                             "  process.exitCode = order === 'nptb' ? 3 : 99;"
                             "});"),
                   ==, 3);
}

static void
test_nothing_pending_exits_zero (void)
{
  g_assert_cmpint (run_eval ("1 + 1"), ==, 0);
}

static void
test_unref_timer_does_not_keep_alive (void)
{
  g_assert_cmpint (run_eval ("setTimeout(() => { process.exitCode = 9; }, 10000).unref();"), ==, 0);
}

static void
test_binding_registry (void)
{
  char *argv[] = { (char *) "anode", NULL };
  anode_runtime_t *rt = anode_runtime_new (1, argv);
  JSCValue *uv = anode_runtime_get_binding (rt, "uv");
  g_assert_nonnull (uv);
  g_assert_true (anode_runtime_get_binding (rt, "uv") == uv); /* cached */
  g_autoptr (JSCValue) name = jsc_value_object_invoke_method (uv, "errname", G_TYPE_INT,
                                                              UV_ENOENT, G_TYPE_NONE);
  g_autofree char *s = jsc_value_to_string (name);
  g_assert_cmpstr (s, ==, "ENOENT");
  g_assert_null (anode_runtime_get_binding (rt, "no-such-binding"));
  anode_runtime_free (rt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runtime/exit-code-after-timers", test_exit_code_after_timers);
  g_test_add_func ("/runtime/nothing-pending", test_nothing_pending_exits_zero);
  g_test_add_func ("/runtime/unref-timer", test_unref_timer_does_not_keep_alive);
  g_test_add_func ("/runtime/binding-registry", test_binding_registry);
  return g_test_run ();
}
