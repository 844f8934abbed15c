/* process.on('SIGINT') and friends: one unrefed uv_signal_t per watched
 * signal (listening for a signal does not keep the process alive, as Node). */
#include <signal.h>

#include "anode-runtime.h"
#include "js-util.h"

static void
signal_cb (uv_signal_t *handle, int signum)
{
  anode_runtime_t *rt = handle->loop->data;
  if (rt->emit_signal == NULL)
    return;
  g_autoptr (JSCValue) arg = jsc_value_new_number (rt->ctx, signum);
  g_autoptr (JSCValue) r = anode_runtime_callback (rt, rt->emit_signal, 1, &arg);
}

static void
free_signal_cb (uv_handle_t *handle)
{
  g_free (handle);
}

static void
close_signal (gpointer data)
{
  uv_signal_t *h = data;
  if (!uv_is_closing ((uv_handle_t *) h))
    uv_close ((uv_handle_t *) h, free_signal_cb);
}

/* watch(signum): 0 or a negative uv error. */
static int
watch_cb (int signum, anode_runtime_t *rt)
{
  if (rt->signals == NULL)
    rt->signals = g_hash_table_new_full (NULL, NULL, NULL, close_signal);
  if (g_hash_table_contains (rt->signals, GINT_TO_POINTER (signum)))
    return 0;
  uv_signal_t *h = g_new0 (uv_signal_t, 1);
  uv_signal_init (&rt->loop, h);
  int err = uv_signal_start (h, signal_cb, signum);
  if (err < 0) {
    uv_close ((uv_handle_t *) h, free_signal_cb);
    return err;
  }
  uv_unref ((uv_handle_t *) h);
  g_hash_table_insert (rt->signals, GINT_TO_POINTER (signum), h);
  return 0;
}

static void
unwatch_cb (int signum, anode_runtime_t *rt)
{
  if (rt->signals != NULL)
    g_hash_table_remove (rt->signals, GINT_TO_POINTER (signum));
}

static void
set_emitter_cb (JSCValue *fn, anode_runtime_t *rt)
{
  g_set_object (&rt->emit_signal, fn);
}

void
anode_signals_close (anode_runtime_t *rt)
{
  g_clear_pointer (&rt->signals, g_hash_table_unref);
}

JSCValue *
anode_binding_signals_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "watch", G_CALLBACK (watch_cb), rt, G_TYPE_INT, 1, G_TYPE_INT);
  anode_set_method (b, "unwatch", G_CALLBACK (unwatch_cb), rt, G_TYPE_NONE, 1, G_TYPE_INT);
  anode_set_method (b, "setEmitter", G_CALLBACK (set_emitter_cb), rt, G_TYPE_NONE,
                    1, JSC_TYPE_VALUE);
  g_autoptr (JSCValue) names = jsc_value_new_object (rt->ctx, NULL, NULL);
#define SIG(name) anode_set_int (names, #name, name);
  SIG (SIGHUP) SIG (SIGINT) SIG (SIGQUIT) SIG (SIGILL) SIG (SIGTRAP)
  SIG (SIGABRT) SIG (SIGIOT) SIG (SIGBUS) SIG (SIGFPE) SIG (SIGKILL)
  SIG (SIGUSR1) SIG (SIGSEGV) SIG (SIGUSR2) SIG (SIGPIPE) SIG (SIGALRM)
  SIG (SIGTERM) SIG (SIGCHLD) SIG (SIGSTKFLT) SIG (SIGCONT) SIG (SIGSTOP)
  SIG (SIGTSTP) SIG (SIGTTIN) SIG (SIGTTOU) SIG (SIGURG) SIG (SIGXCPU)
  SIG (SIGXFSZ) SIG (SIGVTALRM) SIG (SIGPROF) SIG (SIGWINCH) SIG (SIGIO)
  SIG (SIGPOLL) SIG (SIGPWR) SIG (SIGSYS)
#undef SIG
  anode_set_value (b, "signals", names);
  return b;
}
