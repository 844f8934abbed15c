/* The anode runtime: one JSCContext on one libuv loop driven from GLib. */
#pragma once

#include <glib.h>
#include <jsc/jsc.h>
#include <uv.h>

G_BEGIN_DECLS

/* Slots of the Int32Array shared with internal/process/task_queues.js: JS sets
 * them so C learns, without a call, that ticks or rejections are pending. */
enum {
  ANODE_TICK_HAS_SCHEDULED = 0,
  ANODE_TICK_HAS_REJECTION = 1,
  ANODE_TICK_INFO_LEN = 2,
};

typedef struct anode_runtime anode_runtime_t;

/* Everything one JS realm owns. There is no other global mutable state: a
 * second context (worker, dev-mode restart) gets its own runtime. */
struct anode_runtime {
  JSCContext *ctx;
  uv_loop_t loop;
  GSource *uv_source;
  GMainLoop *main_loop;

  GHashTable *bindings; /* name -> JSCValue (binding object), owned */

  /* Entry points the bootstrap hands back to C (all owned). */
  JSCValue *dispatch;      /* (fn, ...args): calls fn, routes throws to fatal */
  JSCValue *process_ticks; /* runs nextTicks and reports rejections */
  JSCValue *tick_info_array;
  int32_t *tick_info;

  /* Timers and immediates (binding-timers.c). */
  uv_timer_t timer;
  uv_check_t immediate_check;
  uv_idle_t immediate_idle;
  JSCValue *process_timers;
  JSCValue *process_immediate;
  gboolean immediate_pending;

  JSCValue *emit_signal; /* (signame) */
  GHashTable *signals;   /* signum -> uv_signal_t*, owned */

  /* The GTK/WebKit module (binding-ui.c): a thread that loads it ahead of
   * first use, and the module's own state, torn down with the runtime. */
  GThread *ui_prefetch;
  gpointer ui;
  void (*ui_free) (gpointer ui);

  /* The `anode dev` session this runtime runs in (dev.c), or NULL. */
  struct anode_dev *dev;

  /* Archives seen as directories (vfs.c, archive.h), made on first use. */
  struct anode_vfs *vfs;
  /* Where anode's own shared objects are when not beside the binary: the
   * cache an AppImage copies them to (appimage.c). Owned, may be NULL. */
  char *support_dir;

  /* A worker_threads Worker's runtime (binding-worker.c): NULL in the
   * main thread's. `terminating` ends its loop without exit events. */
  struct anode_worker *worker;
  gboolean terminating;

  int argc;
  char **argv;
  uint64_t start_time_ns;
  int exit_code;
};

/* Creates the runtime: JS context, loop and GSource on the default main
 * context. argv is borrowed and must outlive the runtime. */
anode_runtime_t *anode_runtime_new (int argc, char **argv);

/* Tears everything down; safe with NULL. */
void anode_runtime_free (anode_runtime_t *rt);

/* Runs the bootstrap, then hands `options` (what the command line asked
 * for: mode, script, code, args, execArgv...) to the JS entry point. Returns
 * FALSE when bootstrap itself failed (already reported on stderr). */
gboolean anode_runtime_start (anode_runtime_t *rt, JSCValue *options);

/* Spins the loop until nothing keeps it alive, with Node's beforeExit/exit
 * semantics. Returns the process exit code. */
int anode_runtime_run (anode_runtime_t *rt);

/* Calls JS `fn` from C the way every libuv callback must: through the
 * dispatch trampoline (exceptions become uncaughtException), then drains the
 * nextTick queue and rejections. Returns the result (caller owns) or NULL. */
JSCValue *anode_runtime_callback (anode_runtime_t *rt, JSCValue *fn,
                                  guint n_args, JSCValue **args);

/* Runs pending nextTicks/rejections until both queues are empty. */
void anode_runtime_drain_ticks (anode_runtime_t *rt);

/* Returns the binding object `name`, creating it on first use (borrowed), or
 * NULL if no such binding exists. */
JSCValue *anode_runtime_get_binding (anode_runtime_t *rt, const char *name);

/* The runtime that owns `ctx` (borrowed). */
anode_runtime_t *anode_runtime_from_context (JSCContext *ctx);

/* Is anything keeping the loop alive? */
gboolean anode_runtime_loop_alive (anode_runtime_t *rt);

/* Makes `uv_backend_fd()` a GSource (attached by the caller). */
GSource *anode_loop_source_new (anode_runtime_t *rt);
/* Pauses (nesting) or resumes the loop source: a synchronous dialog's
 * nested main loop runs GTK but no JS callbacks. */
void anode_loop_source_pause (GSource *source, gboolean pause);

/* Binding constructors: shell/runtime/binding-NAME.c defines
 * anode_binding_NAME_init, returning a new object (caller owns); the table is
 * generated at build time (gen-bindings.py). */
typedef JSCValue *(*anode_binding_init_fn) (anode_runtime_t *rt);
typedef struct {
  const char *name;
  anode_binding_init_fn init;
} anode_binding_entry_t;
extern const anode_binding_entry_t anode_binding_table[];

/* Starts loading the GTK/WebKit module on a thread, so a UI app's library
 * loading overlaps its JS start-up (binding-ui.c). */
void anode_ui_prefetch (anode_runtime_t *rt);

/* Does the script `anode ENTRY` runs (a file, or an app folder's or
 * archive's main) ask for electron/anode? A cheap look at its text, to
 * decide on prefetching. */
gboolean anode_ui_entry_wants_ui (anode_runtime_t *rt, const char *entry);

void anode_timers_close (anode_runtime_t *rt);
/* Terminates the runtime's worker_threads and waits (briefly) for them. */
void anode_workers_stop (anode_runtime_t *rt);
/* Closes the runtime's ports and lets go of its workers (runtime teardown). */
void anode_worker_host_release (anode_runtime_t *rt);
/* process.exit() inside a worker: ends that worker's runtime only. */
void anode_worker_exit (anode_runtime_t *rt, int code);
void anode_signals_close (anode_runtime_t *rt);

/* Compiles `source` as the body of a function with the given parameters and
 * source URI, keeping line numbers. Returns the function (caller owns), or
 * NULL with a GError describing the syntax error (file:line: message). */
JSCValue *anode_compile_function (JSCContext *ctx, const char *source,
                                  gssize len, const char *uri,
                                  const char *const *params, GError **error);

/* The error domain of anode_compile_function. */
#define ANODE_COMPILE_ERROR (anode_compile_error_quark ())
GQuark anode_compile_error_quark (void);

/* Installs JSC's unhandled-rejection hook (jsc-private.c). */
gboolean anode_jsc_set_unhandled_rejection_callback (JSCContext *ctx,
                                                     JSCValue *fn);

/* dispatch(fn, arg) through JSC's C API, for the per-callback hot paths
 * (timers, immediates); the result as a number, NAN if not a number/boolean.
 * Does not drain ticks (jsc-private.c). */
double anode_jsc_dispatch_scalar (JSCContext *ctx, JSCValue *dispatch,
                                  JSCValue *fn, double arg, gboolean arg_is_bool);

/* Like anode_runtime_callback, for one scalar argument and result. */
double anode_runtime_callback_scalar (anode_runtime_t *rt, JSCValue *fn,
                                      double arg, gboolean arg_is_bool);

/* Marks the calling thread as WTF's main thread, so WebKit loaded later
 * shares our GLib main context (jsc-private.c). Call before the first
 * JSCContext. */
void anode_jsc_init_main_thread (void);

/* A full garbage collection now (jsc-private.c). */
void anode_jsc_collect (JSCContext *ctx);

/* JSC heap figures for process.memoryUsage() (jsc-private.c). */
void anode_jsc_heap_stats (JSCContext *ctx, double *heap_size,
                           double *heap_capacity, double *extra_memory);

/* Asks `should_terminate(data)` whenever JS has run `seconds` in one entry;
 * TRUE ends the script with an uncatchable exception. `wd` must outlive the
 * context (jsc-private.c). */
typedef struct {
  gboolean (*should_terminate) (gpointer data);
  gpointer data;
  double seconds;
} anode_watchdog_t;
void anode_jsc_set_watchdog (JSCContext *ctx, double seconds, anode_watchdog_t *wd);

/* One-byte (Latin-1) strings straight in and out of JSC, skipping the GLib
 * API's UTF-8 copies (jsc-private.c). anode_jsc_latin1_new gives `length`
 * writable characters, or FALSE when the fast path is unavailable (then use
 * the GLib API); finish turns them into a JS string (NULL if JSC refused).
 * anode_jsc_string_peek shows a JS string's characters when it is stored one
 * byte per character (FALSE otherwise); they stay valid until unpeek. */
typedef struct {
  gpointer impl;
  guint8 *chars;
  gsize length;
} anode_latin1_t;
gboolean anode_jsc_latin1_new (JSCContext *ctx, gsize length, anode_latin1_t *out);
JSCValue *anode_jsc_latin1_finish (JSCContext *ctx, anode_latin1_t *s);

typedef struct {
  gpointer keep;
  const guint8 *chars;
  gsize length;
} anode_string_view_t;
gboolean anode_jsc_string_peek (JSCContext *ctx, JSCValue *value, anode_string_view_t *out);
void anode_jsc_string_unpeek (anode_string_view_t *view);

G_END_DECLS
