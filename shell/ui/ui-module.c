/* Entry of libanode-ui.so: creates the per-runtime UI state and its binding
 * (internalBinding('ui')), starts GTK on demand and keeps the process alive
 * while the app runs. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>

#include "ui-private.h"

/* The module's exported entry points (looked up by binding-ui.c). */
G_MODULE_EXPORT JSCValue *anode_ui_module_init (anode_runtime_t *rt,
                                                GError **error);
G_MODULE_EXPORT void anode_ui_module_prefetch (void);

anode_ui_t *
anode_ui_get (JSCContext *ctx)
{
  anode_runtime_t *rt = anode_runtime_from_context (ctx);
  return rt != NULL ? rt->ui : NULL;
}

static JSCValue *
emit_value (anode_ui_t *ui, guint window_id, const char *event, JSCValue *a,
            JSCValue *b)
{
  if (ui->emit == NULL)
    return NULL;
  JSCContext *ctx = ui->rt->ctx;
  g_autoptr (JSCValue) id = jsc_value_new_number (ctx, window_id);
  g_autoptr (JSCValue) name = jsc_value_new_string (ctx, event);
  g_autoptr (JSCValue) undef = jsc_value_new_undefined (ctx);
  JSCValue *args[] = { id, name, a ? a : undef, b ? b : undef };
  return anode_runtime_callback (ui->rt, ui->emit, 4, args);
}

JSCValue *
anode_ui_emit_value (anode_window_t *w, const char *event, JSCValue *a,
                     JSCValue *b)
{
  return emit_value (w->ui, w->id, event, a, b);
}

gboolean
anode_ui_emit_id (anode_ui_t *ui, guint id, const char *event, JSCValue *a,
                  JSCValue *b)
{
  g_autoptr (JSCValue) r = emit_value (ui, id, event, a, b);
  return r != NULL && jsc_value_to_boolean (r);
}

gboolean
anode_ui_emit (anode_window_t *w, const char *event, JSCValue *a, JSCValue *b)
{
  g_autoptr (JSCValue) r = anode_ui_emit_value (w, event, a, b);
  return r != NULL && jsc_value_to_boolean (r);
}

anode_ui_pending_t *
anode_ui_pending_new (anode_ui_t *ui, JSCValue *cb)
{
  anode_ui_pending_t *p = g_new0 (anode_ui_pending_t, 1);
  p->ui = ui;
  p->cb = g_object_ref (cb);
  p->generation = ui->generation;
  return p;
}

void
anode_ui_pending_drop (anode_ui_pending_t *p)
{
  g_object_unref (p->cb);
  g_free (p);
}

void
anode_ui_pending_finish (anode_ui_pending_t *p, const char *error, JSCValue *value)
{
  /* Asked by a runtime dev mode has since replaced. */
  if (p->generation != p->ui->generation) {
    anode_ui_pending_drop (p);
    return;
  }
  JSCContext *ctx = p->ui->rt->ctx;
  g_autoptr (JSCValue) err = error ? jsc_value_new_string (ctx, error)
                                   : jsc_value_new_null (ctx);
  g_autoptr (JSCValue) undef = jsc_value_new_undefined (ctx);
  JSCValue *args[] = { err, value ? value : undef };
  g_autoptr (JSCValue) r = anode_runtime_callback (p->ui->rt, p->cb, 2, args);
  g_object_unref (p->cb);
  g_free (p);
}

void
anode_ui_trace (anode_ui_t *ui, const char *what)
{
  if (!ui->trace)
    return;
  double ms = (double) (uv_hrtime () - ui->rt->start_time_ns) / 1e6;
  fprintf (stderr, "anode-trace %8.1f ms  %s\n", ms, what);
}

WebKitNetworkSession *
anode_ui_session (anode_ui_t *ui, const char *partition)
{
  if (partition == NULL)
    partition = "";
  WebKitNetworkSession *session = g_hash_table_lookup (ui->sessions, partition);
  if (session != NULL)
    return session;
  if (*partition == '\0') {
    session = g_object_ref (webkit_network_session_get_default ());
  } else if (g_str_has_prefix (partition, "persist:")) {
    /* Electron keeps persistent partitions under userData/Partitions. */
    g_autofree char *name = g_uri_escape_string (partition + 8, NULL, FALSE);
    g_autofree char *data = g_build_filename (g_get_user_data_dir (), "anode",
                                              "Partitions", name, NULL);
    g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "anode",
                                               "Partitions", name, NULL);
    session = webkit_network_session_new (data, cache);
  } else {
    session = webkit_network_session_new_ephemeral ();
  }
  g_hash_table_insert (ui->sessions, g_strdup (partition), session);
  return session;
}

static void
keepalive_cb (uv_async_t *handle)
{
}

static void
keepalive_closed_cb (uv_handle_t *handle)
{
}

static void
stop_keepalive (anode_ui_t *ui)
{
  if (ui->keepalive_open) {
    ui->keepalive_open = FALSE;
    uv_close ((uv_handle_t *) &ui->keepalive, keepalive_closed_cb);
  }
}

/* start(emit): initialises GTK and WebKit once; afterwards the app keeps the
 * process alive until quit. Throws when there is no display. */
static void
start_cb (JSCValue *emit, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  if (ui->started) {
    /* A runtime `anode dev` restarted, on the UI the last one started. */
    g_set_object (&ui->emit, emit);
    return;
  }
  anode_ui_trace (ui, "ui module loaded");
  if (!gtk_init_check ()) {
    jsc_context_throw_with_name (ctx, "Error",
      "cannot open a display: anode needs a graphical session for windows "
      "(DISPLAY or WAYLAND_DISPLAY unset or unreachable)");
    return;
  }
  anode_ui_trace (ui, "gtk initialised");
  ui->started = TRUE;
  g_set_object (&ui->emit, emit);
  ui->web_context = g_object_ref (webkit_web_context_get_default ());
  anode_ui_scheme_init (ui);
  anode_ui_ipc_start (ui);
  anode_ui_webview_prewarm (ui);
  if (uv_async_init (&ui->rt->loop, &ui->keepalive, keepalive_cb) == 0)
    ui->keepalive_open = TRUE;
  anode_ui_x11_watch_moves (ui);
  anode_ui_desk_start (ui);
}

/* quit(): the app ends; what still runs in libuv decides when the loop
 * stops (JS calls process.exit right after, as Electron does). */
static void
quit_cb (anode_ui_t *ui)
{
  stop_keepalive (ui);
}

static void
set_app_root_cb (const char *root, anode_ui_t *ui)
{
  g_free (ui->app_root);
  ui->app_root = realpath (root, NULL);
  if (ui->app_root == NULL)
    ui->app_root = g_strdup (root);
}

static JSCValue *
versions_cb (anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  JSCValue *o = jsc_value_new_object (ctx, NULL, NULL);
  g_autofree char *webkit = g_strdup_printf ("%u.%u.%u", webkit_get_major_version (),
                                             webkit_get_minor_version (),
                                             webkit_get_micro_version ());
  g_autofree char *gtk = g_strdup_printf ("%u.%u.%u", gtk_get_major_version (),
                                          gtk_get_minor_version (),
                                          gtk_get_micro_version ());
  anode_set_string (o, "webkit", webkit);
  anode_set_string (o, "gtk", gtk);
  return o;
}

static void
ui_free (gpointer data)
{
  anode_ui_t *ui = data;
  stop_keepalive (ui);
  g_clear_pointer (&ui->windows, g_hash_table_unref);
  g_clear_pointer (&ui->scheme_reqs, g_hash_table_unref);
  g_clear_pointer (&ui->schemes, g_hash_table_unref);
  g_clear_pointer (&ui->sessions, g_hash_table_unref);
  g_clear_object (&ui->unique_app);
  g_clear_object (&ui->emit);
  g_clear_object (&ui->scheme_handler);
  g_clear_object (&ui->spare);
  g_clear_object (&ui->spare_ucm);
  g_clear_object (&ui->web_context);
  anode_ui_ipc_free (ui);
  anode_ui_desk_free (ui);
  g_free (ui->app_root);
  g_free (ui);
}

JSCValue *
anode_ui_module_init (anode_runtime_t *rt, GError **error)
{
  anode_ui_t *ui = anode_ui_dev_adopt (rt);
  if (ui == NULL) {
    ui = g_new0 (anode_ui_t, 1);
    ui->rt = rt;
    ui->trace = g_getenv ("ANODE_TRACE_STARTUP") != NULL;
    ui->windows = g_hash_table_new_full (NULL, NULL, NULL,
                                         (GDestroyNotify) anode_ui_window_free);
    ui->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          g_object_unref);
    ui->schemes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    ui->scheme_reqs = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
    anode_ui_dev_register (ui, ui_free);
  }
  rt->ui = ui;
  rt->ui_free = ui_free;

  JSCValue *binding = jsc_value_new_object (rt->ctx, NULL, NULL);
  ui->binding = binding;
  anode_set_method (binding, "start", G_CALLBACK (start_cb), ui, G_TYPE_NONE,
                    1, JSC_TYPE_VALUE);
  anode_set_method (binding, "quit", G_CALLBACK (quit_cb), ui, G_TYPE_NONE, 0);
  anode_set_method (binding, "setAppRoot", G_CALLBACK (set_app_root_cb), ui,
                    G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_set_method (binding, "versions", G_CALLBACK (versions_cb), ui,
                    JSC_TYPE_VALUE, 0);
  anode_ui_window_bind (ui, binding);
  anode_ui_webview_bind (ui, binding);
  anode_ui_scheme_bind (ui, binding);
  anode_ui_image_bind (ui, binding);
  anode_ui_app_bind (ui, binding);
  anode_ui_session_bind (ui, binding);
  anode_ui_ipc_bind (ui, binding);
  anode_ui_dev_bind (ui, binding);
  anode_ui_desk_bind (ui, binding);
  return binding;
}

void
anode_ui_module_prefetch (void)
{
  /* Reading the font configuration is the slowest part of the first text
   * layout and is thread-safe: do it while the main thread runs JS. */
  FcInit ();
}
