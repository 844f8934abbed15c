/* The UI side of `anode dev`: keeps the GTK/WebKit state when the main
 * process's runtime is replaced (its windows stay on screen as orphans
 * until the new runtime's windows, opened at their geometry, paint), learns
 * which files each page loaded (to swap CSS or reload only the windows that
 * use a changed file), and puts an error overlay in pages. */
#include <string.h>

#include "dev.h"
#include "ui-desk.h"
#include "ui-private.h"

/* ui-ipc.c keeps a view's bridge state under this key. */
#define IPC_VIEW_KEY "anode-ipc"
#define RES_KEY "anode-dev-resources"
/* Orphans nobody replaced go after this, unless they show an error. */
#define ORPHAN_GRACE_MS 3000

typedef struct {
  GtkWindow *window;
  WebKitWebView *view;
  int x, y, width, height;
  gboolean has_position, maximized, fullscreen;
  guint replaced_by; /* the new window opened in its place, 0 if none yet */
} orphan_t;

typedef struct {
  GPtrArray *orphans;   /* orphan_t, in the order their windows were made */
  guint next_claim;     /* the orphan the next new window replaces */
  gboolean error_shown; /* orphans keep showing a main-process error */
  guint grace_id;
  GHashTable *waiters;  /* window id -> GPtrArray of anode_ui_pending_t */
  void (*module_free) (gpointer ui); /* ui-module.c's teardown */
} dev_state_t;

/* Runs in every page at document start in dev mode: the error overlay
 * (window.__anodeDevOverlay), uncaught errors reported to the terminal, the
 * first frame of each load, and the in-place CSS swap (__anodeDevSwap).
 * Called with the app folder's file:// URL: WebKit's error stacks ignore
 * sourceURL comments, so the overlay maps app:// URLs to the files. */
static const char dev_page_js[] =
  "(appRoot) => {\n"
  "  if (window !== window.top || window.__anodeDevOverlay) return;\n"
  "  const h = window.webkit.messageHandlers.anodeDev;\n"
  "  const post = (m) => { try { h.postMessage(m); } catch {} };\n"
  "  let host = null;\n"
  "  const css = ':host{all:initial}.box{position:fixed;inset:0;z-index:2147483647;overflow:auto;'\n"
  "    + 'background:rgba(24,0,0,.96);color:#fdd;font:14px/1.45 ui-monospace,monospace;padding:28px 32px}'\n"
  "    + '.title{color:#ff6b6b;font-weight:bold;font-size:18px;margin-bottom:10px}'\n"
  "    + '.where{color:#ffd479;margin-bottom:14px}pre{white-space:pre-wrap;margin:0 0 14px}'\n"
  "    + '.stack{color:#caa}.hint{color:#aaa;font-size:12px}';\n"
  "  function show(e) {\n"
  "    const build = () => {\n"
  "      if (host === null) {\n"
  "        host = document.createElement('anode-dev-overlay');\n"
  "        const root = host.attachShadow({ mode: 'open' });\n"
  "        root.innerHTML = `<style>${css}</style><div class=box><div class=title></div>`\n"
  "          + '<div class=where></div><pre class=msg></pre><pre class=stack></pre>'\n"
  "          + '<div class=hint>anode dev: fix the file and save; this goes away on the next good save.</div></div>';\n"
  "      }\n"
  "      const r = host.shadowRoot;\n"
  "      r.querySelector('.title').textContent = e.title || 'Error';\n"
  "      r.querySelector('.where').textContent = e.file ? `${e.file}:${e.line || 0}` : '';\n"
  "      r.querySelector('.msg').textContent = e.message || '';\n"
  "      r.querySelector('.stack').textContent = e.stack || '';\n"
  "      (document.body || document.documentElement).appendChild(host);\n"
  "    };\n"
  "    if (document.documentElement) build();\n"
  "    else document.addEventListener('DOMContentLoaded', build, { once: true });\n"
  "  }\n"
  "  const hide = () => { if (host) host.remove(); };\n"
  "  const shown = () => host !== null && host.isConnected;\n"
  "  Object.defineProperty(window, '__anodeDevOverlay', { value: Object.freeze({ show, hide, shown }) });\n"
  "  const real = (t) => (appRoot && location.protocol === 'app:' && typeof t === 'string'\n"
  "    ? t.split(`${location.origin}/`).join(`${appRoot}/`) : t);\n"
  "  const path = (u) => (u.startsWith('file://') ? decodeURIComponent(u.slice(7)) : u);\n"
  "  const report = (title, file, line, message, stack) => {\n"
  "    show({ title, file: path(real(String(file || ''))), line, message, stack: real(stack) });\n"
  "    post(['error', title, String(file || ''), line | 0, String(message)]);\n"
  "  };\n"
  "  addEventListener('error', (ev) => {\n"
  "    if (!(ev instanceof ErrorEvent)) return;\n"
  "    const err = ev.error;\n"
  "    report('Uncaught error in the page', ev.filename, ev.lineno, ev.message,\n"
  "           err && typeof err.stack === 'string' ? err.stack : '');\n"
  "  }, true);\n"
  "  addEventListener('unhandledrejection', (ev) => {\n"
  "    const r = ev.reason;\n"
  "    const m = r && r.stack ? /@(.*):(\\d+):\\d+/.exec(r.stack) : null;\n"
  "    report('Unhandled rejection in the page', m ? m[1] : '', m ? +m[2] : 0,\n"
  "           r instanceof Error ? `${r.name}: ${r.message}` : String(r), r && r.stack || '');\n"
  "  });\n"
  "  // The task after a rAF runs once that frame is painted.\n"
  "  const frame = () => new Promise((res) => requestAnimationFrame(() => {\n"
  "    const ch = new MessageChannel(); ch.port1.onmessage = () => res(); ch.port2.postMessage(0);\n"
  "  }));\n"
  "  frame().then(() => post(['frame']));\n"
  "  // One replacement in flight per <link>: a newer save supersedes it (else\n"
  "  // overlapping saves would clone the clones).\n"
  "  const inFlight = new Map();\n"
  "  let tag = 0;\n"
  "  const base = (u) => u.split(/[?#]/)[0];\n"
  "  // The top document and the same-origin frames in it, at any depth.\n"
  "  const documents = (doc, out = []) => {\n"
  "    out.push(doc);\n"
  "    for (const f of doc.querySelectorAll('iframe, frame')) {\n"
  "      let inner = null;\n"
  "      try { inner = f.contentDocument; } catch {}\n"
  "      if (inner) documents(inner, out);\n"
  "    }\n"
  "    return out;\n"
  "  };\n"
  "  // Whether one of `want` is pulled in by @import under `sheet`.\n"
  "  const imports = (sheet, want) => {\n"
  "    let rules;\n"
  "    try { rules = sheet.cssRules; } catch { return false; }\n"
  "    for (const rule of rules) {\n"
  "      if (rule.type !== 3) continue; // CSSRule.IMPORT_RULE, from any frame's realm\n"
  "      const inner = rule.styleSheet;\n"
  "      const href = inner && inner.href ? inner.href : new URL(rule.href, sheet.href || document.baseURI).href;\n"
  "      if (want.has(base(href)) || (inner && imports(inner, want))) return true;\n"
  "    }\n"
  "    return false;\n"
  "  };\n"
  "  // A sheet is swapped by loading its <link> (or <style>) again beside it\n"
  "  // and dropping the old one once the new one loaded: the page keeps its\n"
  "  // state. A fresh URL for the <link> makes the document fetch it, and\n"
  "  // what it imports, again (app:// answers no-cache), instead of reusing\n"
  "  // the parsed sheet; changing an @import rule in place through the CSSOM\n"
  "  // loads the new sheet but WebKit does not restyle for it.\n"
  "  const swap = (old) => new Promise((res) => {\n"
  "    const prev = inFlight.get(old);\n"
  "    const fresh = old.cloneNode(true);\n"
  "    const entry = { link: fresh, done: res };\n"
  "    inFlight.set(old, entry);\n"
  "    if (prev) { prev.link.remove(); prev.done(true); }\n"
  "    const settle = (ok) => {\n"
  "      if (inFlight.get(old) !== entry) return;\n"
  "      inFlight.delete(old);\n"
  "      if (ok) old.remove(); else fresh.remove();\n"
  "      res(ok);\n"
  "    };\n"
  "    if (old.localName === 'link') fresh.href = `${base(old.href)}?anode-dev=${Date.now()}-${tag}`;\n"
  "    fresh.onload = () => settle(true);\n"
  "    fresh.onerror = () => settle(false);\n"
  "    setTimeout(() => settle(false), 5000);\n"
  "    old.after(fresh);\n"
  "  });\n"
  "  Object.defineProperty(window, '__anodeDevSwap', { value: (urls) => {\n"
  "    const want = new Set(urls);\n"
  "    const jobs = [];\n"
  "    const taken = new Set([...inFlight.values()].map((f) => f.link));\n"
  "    for (const doc of documents(document)) {\n"
  "      for (const sheet of doc.styleSheets) {\n"
  "        const owner = sheet.ownerNode;\n"
  "        if (!owner || taken.has(owner) || jobs.includes(owner)) continue;\n"
  "        const own = owner.localName === 'link' && sheet.href && want.has(base(sheet.href));\n"
  "        if (own || ((owner.localName === 'link' || owner.localName === 'style') && imports(sheet, want)))\n"
  "          jobs.push(owner);\n"
  "      }\n"
  "    }\n"
  "    if (jobs.length === 0) return Promise.resolve(false);\n"
  "    tag++;\n"
  "    return Promise.all(jobs.map(swap))\n"
  "      .then((ok) => frame().then(() => ok.every(Boolean)));\n"
  "  } });\n"
  "}";

static dev_state_t *
state_of (anode_ui_t *ui)
{
  return ui->dev;
}

static void
orphan_free (gpointer data)
{
  orphan_t *o = data;
  if (o->window != NULL) {
    g_signal_handlers_disconnect_by_data (o->window, o);
    gtk_window_destroy (o->window);
    g_object_unref (o->window);
  }
  g_clear_object (&o->view);
  g_free (o);
}

static gboolean
orphan_close_cb (GtkWindow *window, gpointer data)
{
  /* The user closed an orphan: it goes, its place stays for a new window. */
  orphan_t *o = data;
  g_signal_handlers_disconnect_by_data (o->window, o);
  gtk_widget_set_visible (GTK_WIDGET (o->window), FALSE);
  return TRUE;
}

static void
drop_orphans (dev_state_t *st)
{
  g_ptr_array_set_size (st->orphans, 0);
  st->next_claim = 0;
  st->error_shown = FALSE;
}

static gboolean
grace_cb (gpointer data)
{
  anode_ui_t *ui = data;
  dev_state_t *st = state_of (ui);
  st->grace_id = 0;
  if (!st->error_shown)
    drop_orphans (st);
  return G_SOURCE_REMOVE;
}

static int
by_id (gconstpointer a, gconstpointer b)
{
  const anode_window_t *wa = *(anode_window_t *const *) a, *wb = *(anode_window_t *const *) b;
  return wa->id < wb->id ? -1 : wa->id > wb->id;
}

/* The window leaves the runtime but stays on screen with its page. */
static orphan_t *
orphan_window (anode_window_t *w)
{
  orphan_t *o = g_new0 (orphan_t, 1);
  o->window = g_object_ref (w->window);
  o->view = g_object_ref (w->view);
  o->has_position = anode_ui_x11_get_position (w->window, &o->x, &o->y) || w->has_position;
  if (!o->has_position) {
    o->x = w->x;
    o->y = w->y;
  }
  o->width = gtk_widget_get_width (GTK_WIDGET (w->window));
  o->height = gtk_widget_get_height (GTK_WIDGET (w->window));
  if (o->width <= 0 || o->height <= 0)
    gtk_window_get_default_size (w->window, &o->width, &o->height);
  o->maximized = gtk_window_is_maximized (w->window);
  o->fullscreen = gtk_window_is_fullscreen (w->window);
  /* Nothing of the page may reach the next runtime: its bridge state and
   * our own handlers go (the window's are cut when `w` is freed). */
  anode_ui_menu_window_orphaned (w);
  gpointer ipc = g_object_get_data (G_OBJECT (w->view), IPC_VIEW_KEY);
  if (ipc != NULL) {
    g_signal_handlers_disconnect_by_data (w->view, ipc);
    g_object_set_data (G_OBJECT (w->view), IPC_VIEW_KEY, NULL);
  }
  g_signal_connect (o->window, "close-request", G_CALLBACK (orphan_close_cb), o);
  return o;
}

static void
fail_scheme_request (gpointer key, gpointer value, gpointer data)
{
  g_autoptr (GError) e = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              "anode dev: the main process restarted");
  webkit_uri_scheme_request_finish_error (value, e);
}

static void
detach (gpointer data, anode_runtime_t *limbo)
{
  anode_ui_t *ui = data;
  dev_state_t *st = state_of (ui);
  /* Callbacks still in flight belong to the old context: dropped. */
  ui->generation++;
  g_clear_object (&ui->emit);
  g_clear_object (&ui->scheme_handler);
  ui->binding = NULL;
  g_hash_table_foreach (ui->scheme_reqs, fail_scheme_request, NULL);
  g_hash_table_remove_all (ui->scheme_reqs);
  g_hash_table_remove_all (st->waiters); /* drops them: generation changed */
  if (ui->keepalive_open) {
    ui->keepalive_open = FALSE;
    uv_close ((uv_handle_t *) &ui->keepalive, NULL);
  }
  g_clear_handle_id (&st->grace_id, g_source_remove);
  /* Tray icons (with their menus), notification subscriptions and menus
   * belong to the app that made them: they go with it, and the next
   * runtime makes its own (its ids restart at 1). */
  if (ui->desk != NULL) {
    anode_ui_tray_free (ui->desk);
    anode_ui_notify_free (ui->desk);
  }

  g_autoptr (GPtrArray) live = g_ptr_array_new ();
  GHashTableIter it;
  anode_window_t *w;
  g_hash_table_iter_init (&it, ui->windows);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &w))
    if (!w->destroyed && !w->destroying)
      g_ptr_array_add (live, w);
  /* The windows on screen now are what the next runtime replaces; older
   * orphans (from a run that failed before opening windows) stay only
   * when there is nothing newer. */
  if (live->len > 0)
    drop_orphans (st);
  g_ptr_array_sort (live, by_id);
  for (guint i = 0; i < live->len; i++)
    g_ptr_array_add (st->orphans, orphan_window (g_ptr_array_index (live, i)));
  /* Orphans keep their menu bars drawn but inert; every menu record goes. */
  if (ui->desk != NULL)
    anode_ui_menu_free (ui->desk);
  st->next_claim = 0;
  for (guint i = 0; i < st->orphans->len; i++)
    ((orphan_t *) g_ptr_array_index (st->orphans, i))->replaced_by = 0;
  g_hash_table_remove_all (ui->windows);
  /* The next runtime's first window shares the orphans' web process
   * (a fresh process, even started now, paints ~2-3x later). */
  if (ui->spare == NULL && st->orphans->len > 0) {
    orphan_t *o = g_ptr_array_index (st->orphans, 0);
    ui->spare_ucm = webkit_user_content_manager_new ();
    ui->spare = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW, "related-view", o->view,
                                                 "user-content-manager", ui->spare_ucm, NULL));
  }
  ui->rt = limbo;
}

static void
show_error (gpointer data, const char *json)
{
  anode_ui_t *ui = data;
  dev_state_t *st = state_of (ui);
  g_autofree char *script = g_strdup_printf (
    "window.__anodeDevOverlay && window.__anodeDevOverlay.show(%s)", json);
  GHashTableIter it;
  anode_window_t *w;
  g_hash_table_iter_init (&it, ui->windows);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &w))
    if (!w->destroyed)
      webkit_web_view_evaluate_javascript (w->view, script, -1, NULL, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < st->orphans->len; i++) {
    orphan_t *o = g_ptr_array_index (st->orphans, i);
    webkit_web_view_evaluate_javascript (o->view, script, -1, NULL, NULL, NULL, NULL, NULL);
  }
  st->error_shown = TRUE;
  g_clear_handle_id (&st->grace_id, g_source_remove);
}

static void
dev_free (gpointer data)
{
  anode_ui_t *ui = data;
  dev_state_t *st = state_of (ui);
  g_clear_handle_id (&st->grace_id, g_source_remove);
  g_ptr_array_unref (st->orphans);
  g_hash_table_unref (st->waiters);
  void (*module_free) (gpointer ui) = st->module_free;
  g_free (st);
  ui->dev = NULL;
  module_free (ui);
}

static const anode_dev_ui_class_t dev_class = {
  .detach = detach,
  .free = dev_free,
  .show_error = show_error,
};

anode_ui_t *
anode_ui_dev_adopt (anode_runtime_t *rt)
{
  anode_ui_t *ui = anode_dev_kept_ui (rt);
  if (ui == NULL)
    return NULL;
  dev_state_t *st = state_of (ui);
  ui->rt = rt;
  if (ui->started && uv_async_init (&rt->loop, &ui->keepalive, NULL) == 0)
    ui->keepalive_open = TRUE;
  if (st->orphans->len > 0 && !st->error_shown)
    st->grace_id = g_timeout_add (ORPHAN_GRACE_MS, grace_cb, ui);
  return ui;
}

void
anode_ui_dev_register (anode_ui_t *ui, void (*free_fn) (gpointer ui))
{
  if (anode_dev_of (ui->rt) == NULL || ui->dev != NULL)
    return;
  dev_state_t *st = g_new0 (dev_state_t, 1);
  st->orphans = g_ptr_array_new_with_free_func (orphan_free);
  st->waiters = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  ui->dev = st;
  st->module_free = free_fn;
  anode_dev_keep_ui (ui->rt, ui, &dev_class);
}

/* ---- pages */

static void
toggle_inspector (anode_window_t *w)
{
  WebKitWebInspector *insp = webkit_web_view_get_inspector (w->view);
  if (webkit_web_inspector_get_web_view (insp) != NULL)
    webkit_web_inspector_close (insp);
  else
    webkit_web_inspector_show (insp);
}

static gboolean
inspector_key_cb (GtkWidget *widget, GVariant *args, gpointer data)
{
  anode_window_t *w = data;
  if (!w->destroyed && w->view != NULL)
    toggle_inspector (w);
  return TRUE;
}

void
anode_ui_dev_window_created (anode_window_t *w)
{
  dev_state_t *st = state_of (w->ui);
  if (st == NULL)
    return;
  /* F12 and Ctrl+Shift+I open the Web Inspector, as in browsers. */
  GtkEventController *keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_GLOBAL);
  const char *triggers[] = { "F12", "<Control><Shift>i" };
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (triggers[i]),
                        gtk_callback_action_new (inspector_key_cb, w, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (w->window), keys);

  while (st->next_claim < st->orphans->len) {
    orphan_t *o = g_ptr_array_index (st->orphans, st->next_claim++);
    if (o->replaced_by != 0 || !gtk_widget_get_visible (GTK_WIDGET (o->window)))
      continue;
    o->replaced_by = w->id;
    gtk_window_set_default_size (w->window, o->width, o->height);
    w->width = o->width;
    w->height = o->height;
    if (o->has_position) {
      w->x = o->x;
      w->y = o->y;
      w->has_position = TRUE;
    }
    if (o->maximized)
      gtk_window_maximize (w->window);
    if (o->fullscreen)
      gtk_window_fullscreen (w->window);
    break;
  }
}

/* The file behind a page's request: app:// under the app's folder, or a
 * file:// URL. Caller frees; NULL for anything else. */
static char *
file_of (anode_ui_t *ui, const char *uri)
{
  if (g_str_has_prefix (uri, "file:"))
    return g_filename_from_uri (uri, NULL, NULL);
  if (!g_str_has_prefix (uri, "app:") || ui->app_root == NULL)
    return NULL;
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  return parsed ? anode_ui_scheme_resolve (ui->app_root, g_uri_get_path (parsed)) : NULL;
}

static char *
strip_query (const char *uri)
{
  return g_strndup (uri, strcspn (uri, "?#"));
}

static void
remember (anode_window_t *w, WebKitWebView *view, const char *uri)
{
  if (uri == NULL)
    return;
  g_autofree char *bare = strip_query (uri);
  GHashTable *res = g_object_get_data (G_OBJECT (view), RES_KEY);
  if (g_hash_table_contains (res, bare))
    return;
  char *file = file_of (w->ui, bare);
  if (file != NULL)
    g_hash_table_insert (res, g_steal_pointer (&bare), file);
}

static void
resource_cb (WebKitWebView *view, WebKitWebResource *resource, WebKitURIRequest *request,
             anode_window_t *w)
{
  remember (w, view, webkit_uri_request_get_uri (request));
}

static void
committed_cb (WebKitWebView *view, WebKitLoadEvent event, anode_window_t *w)
{
  if (event == WEBKIT_LOAD_COMMITTED)
    remember (w, view, webkit_web_view_get_uri (view));
}

static void
frame_painted (anode_window_t *w)
{
  anode_ui_t *ui = w->ui;
  dev_state_t *st = state_of (ui);
  for (guint i = 0; i < st->orphans->len; i++) {
    orphan_t *o = g_ptr_array_index (st->orphans, i);
    if (o->replaced_by == w->id) {
      g_ptr_array_remove_index (st->orphans, i);
      break;
    }
  }
  GPtrArray *waiting = g_hash_table_lookup (st->waiters, GUINT_TO_POINTER (w->id));
  if (waiting == NULL)
    return;
  g_hash_table_steal (st->waiters, GUINT_TO_POINTER (w->id));
  double now = (double) uv_hrtime () / 1e6;
  for (guint i = 0; i < waiting->len; i++) {
    g_autoptr (JSCValue) t = jsc_value_new_number (ui->rt->ctx, now);
    anode_ui_pending_finish (g_ptr_array_index (waiting, i), NULL, t);
  }
  /* Each was freed by finishing it. */
  g_ptr_array_set_free_func (waiting, NULL);
  g_ptr_array_unref (waiting);
}

static void
dev_message_cb (WebKitUserContentManager *ucm, JSCValue *msg, anode_window_t *w)
{
  if (!jsc_value_is_array (msg))
    return;
  g_autoptr (JSCValue) kind_v = jsc_value_object_get_property_at_index (msg, 0);
  g_autofree char *kind = jsc_value_to_string (kind_v);
  if (g_str_equal (kind, "frame")) {
    frame_painted (w);
  } else if (g_str_equal (kind, "error")) {
    g_autoptr (JSCValue) title = jsc_value_object_get_property_at_index (msg, 1);
    g_autoptr (JSCValue) file = jsc_value_object_get_property_at_index (msg, 2);
    g_autoptr (JSCValue) line = jsc_value_object_get_property_at_index (msg, 3);
    g_autoptr (JSCValue) text = jsc_value_object_get_property_at_index (msg, 4);
    g_autofree char *title_s = jsc_value_to_string (title);
    g_autofree char *file_s = jsc_value_to_string (file);
    g_autofree char *text_s = jsc_value_to_string (text);
    g_autofree char *path = *file_s ? file_of (w->ui, file_s) : NULL;
    anode_dev_log ("error in window %u: %s: %s:%d: %s", w->id, title_s,
                   path ? path : file_s, jsc_value_to_int32 (line), text_s);
  }
}

void
anode_ui_dev_attach (anode_window_t *w, WebKitWebView *view)
{
  if (state_of (w->ui) == NULL)
    return;
  /* DevTools always, whatever webPreferences.devTools says. */
  webkit_settings_set_enable_developer_extras (webkit_web_view_get_settings (view), TRUE);
  g_object_set_data_full (G_OBJECT (view), RES_KEY,
                          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                          (GDestroyNotify) g_hash_table_unref);
  webkit_user_content_manager_register_script_message_handler (w->ucm, "anodeDev", NULL);
  g_signal_connect (w->ucm, "script-message-received::anodeDev", G_CALLBACK (dev_message_cb), w);
  g_autofree char *root = w->ui->app_root ? g_filename_to_uri (w->ui->app_root, NULL, NULL) : NULL;
  /* An escaped URI holds no quote or backslash; null if it did. */
  gboolean plain = root != NULL && strpbrk (root, "\"\\") == NULL;
  g_autofree char *code = g_strdup_printf ("(%s)(%s%s%s);\n", dev_page_js, plain ? "\"" : "",
                                           plain ? root : "null", plain ? "\"" : "");
  WebKitUserScript *script = webkit_user_script_new (code,
    WEBKIT_USER_CONTENT_INJECT_TOP_FRAME, WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
  webkit_user_content_manager_add_script (w->ucm, script);
  webkit_user_script_unref (script);
  g_signal_connect (view, "resource-load-started", G_CALLBACK (resource_cb), w);
  g_signal_connect (view, "load-changed", G_CALLBACK (committed_cb), w);
}

/* ---- binding: devResources(id) -> [[url, file], ...], devWaitFrame(id, cb) */

static JSCValue *
resources_cb (double id, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  JSCValue *list = jsc_value_new_array (ctx, G_TYPE_NONE);
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) id);
  GHashTable *res = w != NULL ? g_object_get_data (G_OBJECT (w->view), RES_KEY) : NULL;
  if (res == NULL)
    return list;
  GHashTableIter it;
  const char *uri, *file;
  guint i = 0;
  g_hash_table_iter_init (&it, res);
  while (g_hash_table_iter_next (&it, (gpointer *) &uri, (gpointer *) &file)) {
    g_autoptr (JSCValue) pair = jsc_value_new_array (ctx, G_TYPE_STRING, uri, G_TYPE_STRING,
                                                     file, G_TYPE_NONE);
    jsc_value_object_set_property_at_index (list, i++, pair);
  }
  return list;
}

static void
wait_frame_cb (double id, JSCValue *cb, anode_ui_t *ui)
{
  dev_state_t *st = state_of (ui);
  if (st == NULL || anode_ui_window_lookup (ui, (guint) id) == NULL)
    return;
  GPtrArray *waiting = g_hash_table_lookup (st->waiters, GUINT_TO_POINTER ((guint) id));
  if (waiting == NULL) {
    waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) anode_ui_pending_drop);
    g_hash_table_insert (st->waiters, GUINT_TO_POINTER ((guint) id), waiting);
  }
  g_ptr_array_add (waiting, anode_ui_pending_new (ui, cb));
}

void
anode_ui_dev_bind (anode_ui_t *ui, JSCValue *b)
{
  if (state_of (ui) == NULL)
    return;
  anode_set_method (b, "devResources", G_CALLBACK (resources_cb), ui, JSC_TYPE_VALUE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "devWaitFrame", G_CALLBACK (wait_frame_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE);
}

/* ---- sourceURLs: scripts and stylesheets app:// serves name their file */

char *
anode_ui_dev_source_url (anode_ui_t *ui, const char *file, const char *mime)
{
  if (state_of (ui) == NULL || file == NULL || !g_path_is_absolute (file))
    return NULL;
  gboolean js = g_str_equal (mime, "text/javascript");
  if (!js && !g_str_equal (mime, "text/css"))
    return NULL;
  g_autofree char *url = g_filename_to_uri (file, NULL, NULL);
  /* A name that would end the comment early is left out. */
  if (url == NULL || strstr (url, "*/") != NULL)
    return NULL;
  return js ? g_strdup_printf ("\n//# sourceURL=%s\n", url)
            : g_strdup_printf ("\n/*# sourceURL=%s */\n", url);
}
