/* webContents' native half: the WebKitWebView of a window, its settings,
 * load and navigation events, and the page operations JS asks for. */
#include <libsoup/soup.h>
#include <malloc.h>
#include <math.h>

#include "ui-private.h"

/* Runs in every page at document start: reports console calls, DOM ready
 * and the first painted frame to the main process. Pages can call the same
 * handler; they gain nothing they could not do with console.log. */
static const char page_hooks_js[] =
  "(() => {\n"
  "  const h = window.webkit.messageHandlers.anodeInternal;\n"
  "  const post = h.postMessage.bind(h);\n"
  "  const where = () => {\n"
  "    const f = (new Error().stack || '').split('\\n')[2] || '';\n"
  "    const at = f.indexOf('@');\n"
  "    const m = /^(.*):(\\d+):\\d+$/.exec(at >= 0 ? f.slice(at + 1) : f);\n"
  "    return m ? [m[1], +m[2]] : [location.href, 0];\n"
  "  };\n"
  "  const levels = { debug: 0, log: 1, info: 1, warn: 2, error: 3 };\n"
  "  for (const name of Object.keys(levels)) {\n"
  "    const orig = console[name];\n"
  "    console[name] = function (...args) {\n"
  "      const [src, line] = where();\n"
  "      let text;\n"
  "      try { text = args.map(String).join(' '); } catch { text = '[unprintable]'; }\n"
  "      post(['console', levels[name], text, line, src]);\n"
  "      return orig.apply(this, args);\n"
  "    };\n"
  "  }\n"
  "  if (window === window.top) {\n"
  "    document.addEventListener('DOMContentLoaded', () => post(['dom-ready']), { once: true });\n"
  "    requestAnimationFrame(() => requestAnimationFrame(() => post(['frame'])));\n"
  "  }\n"
  "})();\n";

static JSCValue *
opt (JSCValue *o, const char *name)
{
  return o != NULL && jsc_value_is_object (o) ? jsc_value_object_get_property (o, name)
                                              : NULL;
}

static gboolean
opt_bool (JSCValue *o, const char *name, gboolean dflt)
{
  g_autoptr (JSCValue) v = opt (o, name);
  return v != NULL && jsc_value_is_boolean (v) ? jsc_value_to_boolean (v) : dflt;
}

static anode_window_t *
window_of (anode_ui_t *ui, double id)
{
  return anode_ui_window_lookup (ui, (guint) id);
}

static JSCValue *
str (anode_window_t *w, const char *s)
{
  return s ? jsc_value_new_string (w->ui->rt->ctx, s)
           : jsc_value_new_undefined (w->ui->rt->ctx);
}

static JSCValue *
num (anode_window_t *w, double n)
{
  return jsc_value_new_number (w->ui->rt->ctx, n);
}

/* Chromium's net error numbers, which did-fail-load reports in Electron. */
static int
net_error_code (GError *error)
{
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    return -3;
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_FILE_DOES_NOT_EXIST) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return -6;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return -10;
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_UNKNOWN_PROTOCOL))
    return -301;
  return -2;
}

static void
load_changed_cb (WebKitWebView *view, WebKitLoadEvent event, anode_window_t *w)
{
  g_autoptr (JSCValue) uri = str (w, webkit_web_view_get_uri (view));
  switch (event) {
  case WEBKIT_LOAD_STARTED:
    w->load_failed = FALSE;
    anode_ui_trace (w->ui, "load started");
    anode_ui_emit (w, "did-start-loading", NULL, NULL);
    break;
  case WEBKIT_LOAD_COMMITTED:
    anode_ui_trace (w->ui, "load committed");
    anode_ui_emit (w, "did-navigate", uri, NULL);
    break;
  case WEBKIT_LOAD_FINISHED:
    /* WebKit ends a failed load with FINISHED too; did-fail-load said it. */
    if (w->load_failed)
      break;
    anode_ui_trace (w->ui, "load finished");
    anode_ui_emit (w, "load-finished", uri, NULL);
    break;
  default:
    break;
  }
}

static gboolean
load_failed_cb (WebKitWebView *view, WebKitLoadEvent event, const char *uri,
                GError *error, anode_window_t *w)
{
  /* A navigation JS vetoed (will-navigate) is not a failure. */
  if (g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;
  JSCContext *ctx = w->ui->rt->ctx;
  w->load_failed = TRUE;
  g_autoptr (JSCValue) info = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_int (info, "errorCode", net_error_code (error));
  anode_set_string (info, "errorDescription", error->message);
  anode_set_string (info, "validatedURL", uri);
  anode_ui_emit (w, "did-fail-load", info, NULL);
  /* No WebKit error page: like Electron, the page stays blank and the app
   * decides (the error page would also be a load of its own). */
  return TRUE;
}

static void
title_cb (GObject *obj, GParamSpec *pspec, anode_window_t *w)
{
  const char *title = webkit_web_view_get_title (w->view);
  if (title == NULL)
    return;
  g_autoptr (JSCValue) t = str (w, title);
  anode_ui_emit (w, "page-title-updated", t, NULL);
}

static gboolean
decide_policy_cb (WebKitWebView *view, WebKitPolicyDecision *decision,
                  WebKitPolicyDecisionType type, anode_window_t *w)
{
  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    return FALSE;
  WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  /* Electron: loadURL, reloads and history moves are not will-navigate. */
  if (w->programmatic_uri != NULL && g_strcmp0 (uri, w->programmatic_uri) == 0) {
    g_clear_pointer (&w->programmatic_uri, g_free);
    return FALSE;
  }
  switch (webkit_navigation_action_get_navigation_type (action)) {
  case WEBKIT_NAVIGATION_TYPE_BACK_FORWARD:
  case WEBKIT_NAVIGATION_TYPE_RELOAD:
  case WEBKIT_NAVIGATION_TYPE_FORM_RESUBMITTED:
    return FALSE;
  default:
    break;
  }
  g_autoptr (JSCValue) u = str (w, uri);
  if (anode_ui_emit (w, "will-navigate", u, NULL)) {
    webkit_policy_decision_ignore (decision);
    return TRUE;
  }
  return FALSE;
}

/* window.open / target=_blank: JS's window open handler answers with the id
 * of a new window (whose view is related to ours) or nothing to deny. */
static GtkWidget *
create_cb (WebKitWebView *view, WebKitNavigationAction *action, anode_window_t *w)
{
  const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  g_autoptr (JSCValue) u = str (w, uri);
  g_autoptr (JSCValue) name = str (w, webkit_navigation_action_get_frame_name (action));
  g_autoptr (JSCValue) r = anode_ui_emit_value (w, "window-open", u, name);
  if (r == NULL || !jsc_value_is_number (r))
    return NULL;
  anode_window_t *child = anode_ui_window_lookup (w->ui, jsc_value_to_int32 (r));
  return child != NULL ? GTK_WIDGET (child->view) : NULL;
}

static void
ready_to_show_cb (WebKitWebView *view, anode_window_t *w)
{
  anode_ui_emit (w, "opened-window-ready", NULL, NULL);
}

static void
web_process_terminated_cb (WebKitWebView *view,
                           WebKitWebProcessTerminationReason reason,
                           anode_window_t *w)
{
  const char *why = reason == WEBKIT_WEB_PROCESS_CRASHED ? "crashed"
                  : reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT ? "oom"
                  : "killed";
  g_autoptr (JSCValue) r = str (w, why);
  anode_ui_emit (w, "render-process-gone", r, NULL);
}

static gboolean
settle_cb (gpointer data)
{
  anode_ui_t *ui = data;
  anode_jsc_collect (ui->rt->ctx);
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}

static void
internal_message_cb (WebKitUserContentManager *ucm, JSCValue *msg,
                     anode_window_t *w)
{
  if (!jsc_value_is_array (msg))
    return;
  g_autoptr (JSCValue) kind_v = jsc_value_object_get_property_at_index (msg, 0);
  g_autofree char *kind = jsc_value_to_string (kind_v);
  if (g_str_equal (kind, "frame")) {
    anode_ui_trace (w->ui, "first frame");
    if (!w->ui->settled) {
      /* Start-up garbage (module sources, option objects) goes once the
       * first window shows, when nobody waits on us. */
      w->ui->settled = TRUE;
      g_timeout_add_seconds (1, settle_cb, w->ui);
    }
    anode_ui_emit (w, "first-frame", NULL, NULL);
  } else if (g_str_equal (kind, "dom-ready")) {
    anode_ui_emit (w, "dom-ready", NULL, NULL);
  } else if (g_str_equal (kind, "console")) {
    JSCContext *ctx = w->ui->rt->ctx;
    g_autoptr (JSCValue) info = jsc_value_new_object (ctx, NULL, NULL);
    g_autoptr (JSCValue) level = jsc_value_object_get_property_at_index (msg, 1);
    g_autoptr (JSCValue) text = jsc_value_object_get_property_at_index (msg, 2);
    g_autoptr (JSCValue) line = jsc_value_object_get_property_at_index (msg, 3);
    g_autoptr (JSCValue) src = jsc_value_object_get_property_at_index (msg, 4);
    g_autofree char *text_s = jsc_value_to_string (text);
    g_autofree char *src_s = jsc_value_to_string (src);
    anode_set_int (info, "level", jsc_value_to_int32 (level));
    anode_set_string (info, "message", text_s);
    anode_set_int (info, "line", jsc_value_to_int32 (line));
    anode_set_string (info, "sourceId", src_s);
    anode_ui_emit (w, "console-message", info, NULL);
  }
}

static WebKitSettings *
settings_from (JSCValue *prefs)
{
  WebKitSettings *s = webkit_settings_new ();
  webkit_settings_set_enable_developer_extras (s, opt_bool (prefs, "devTools", TRUE));
  webkit_settings_set_enable_javascript (s, opt_bool (prefs, "javascript", TRUE));
  webkit_settings_set_auto_load_images (s, opt_bool (prefs, "images", TRUE));
  webkit_settings_set_enable_webgl (s, opt_bool (prefs, "webgl", TRUE));
  if (!opt_bool (prefs, "webSecurity", TRUE)) {
    webkit_settings_set_allow_file_access_from_file_urls (s, TRUE);
    webkit_settings_set_allow_universal_access_from_file_urls (s, TRUE);
  }
  webkit_settings_set_javascript_can_open_windows_automatically (s, TRUE);
  return s;
}

/* A view of the same network session already on screen: a new window's
 * view shares its web process (WebKit's related views), so a second window
 * needs no process start-up and no second copy of a renderer's memory. */
static WebKitWebView *
view_sharing_session (anode_ui_t *ui, WebKitNetworkSession *session, anode_window_t *self)
{
  GHashTableIter it;
  anode_window_t *other;
  g_hash_table_iter_init (&it, ui->windows);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &other))
    if (other != self && !other->destroyed && other->view != NULL &&
        webkit_web_view_get_network_session (other->view) == session)
      return other->view;
  return NULL;
}

static void
spare_ready_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (JSCValue) v = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source),
                                                                      res, NULL);
}

void
anode_ui_webview_prewarm (anode_ui_t *ui)
{
  if (ui->spare != NULL)
    return;
  ui->spare_ucm = webkit_user_content_manager_new ();
  ui->spare = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
    "web-context", ui->web_context, "network-session", anode_ui_session (ui, ""),
    "user-content-manager", ui->spare_ucm, NULL));
  /* Running a script makes WebKit start the view's web process now, while
   * the main script runs; a load would add a history entry. */
  webkit_web_view_evaluate_javascript (ui->spare, "0", -1, NULL, NULL, NULL,
                                       spare_ready_cb, NULL);
  anode_ui_trace (ui, "web process prewarming");
}

WebKitWebView *
anode_ui_webview_new (anode_window_t *w, JSCValue *prefs, WebKitWebView *related)
{
  anode_ui_t *ui = w->ui;
  g_autoptr (WebKitSettings) settings = settings_from (prefs);
  WebKitWebView *view = NULL;
  if (related == NULL) {
    g_autoptr (JSCValue) part_v = opt (prefs, "partition");
    g_autofree char *partition = part_v && jsc_value_is_string (part_v)
      ? jsc_value_to_string (part_v) : NULL;
    WebKitNetworkSession *session = anode_ui_session (ui, partition);
    related = view_sharing_session (ui, session, w);
    if (related == NULL && ui->spare != NULL &&
        webkit_web_view_get_network_session (ui->spare) == session) {
      view = g_steal_pointer (&ui->spare);
      w->ucm = g_steal_pointer (&ui->spare_ucm);
      webkit_web_view_set_settings (view, settings);
      /* Our reference becomes the floating one the caller sinks. */
      g_object_force_floating (G_OBJECT (view));
    } else if (related == NULL) {
      w->ucm = webkit_user_content_manager_new ();
      view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "web-context", ui->web_context,
                           "network-session", session, "settings", settings,
                           "user-content-manager", w->ucm, NULL);
    }
  }
  if (view == NULL) {
    w->ucm = webkit_user_content_manager_new ();
    view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "related-view", related,
                         "settings", settings, "user-content-manager", w->ucm, NULL);
  }
  webkit_user_content_manager_register_script_message_handler (w->ucm, "anodeInternal", NULL);
  g_signal_connect (w->ucm, "script-message-received::anodeInternal",
                    G_CALLBACK (internal_message_cb), w);
  WebKitUserScript *hooks = webkit_user_script_new (page_hooks_js,
    WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES, WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
    NULL, NULL);
  webkit_user_content_manager_add_script (w->ucm, hooks);
  webkit_user_script_unref (hooks);

  g_autoptr (JSCValue) zoom = opt (prefs, "zoomFactor");
  if (zoom != NULL && jsc_value_is_number (zoom))
    webkit_web_view_set_zoom_level (view, jsc_value_to_double (zoom));
  webkit_web_context_set_spell_checking_enabled (ui->web_context,
                                                 opt_bool (prefs, "spellcheck", TRUE));
  g_signal_connect (view, "load-changed", G_CALLBACK (load_changed_cb), w);
  g_signal_connect (view, "load-failed", G_CALLBACK (load_failed_cb), w);
  g_signal_connect (view, "notify::title", G_CALLBACK (title_cb), w);
  g_signal_connect (view, "decide-policy", G_CALLBACK (decide_policy_cb), w);
  g_signal_connect (view, "create", G_CALLBACK (create_cb), w);
  g_signal_connect (view, "ready-to-show", G_CALLBACK (ready_to_show_cb), w);
  g_signal_connect (view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), w);
  anode_ui_ipc_attach (w, view, prefs);
  anode_ui_dev_attach (w, view);
  return view;
}

/* ---- webContents methods (id first; unknown ids are ignored: JS checks
 * isDestroyed() and throws its own error first). */

static void
load_url_cb (double id, const char *uri, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return;
  g_free (w->programmatic_uri);
  w->programmatic_uri = g_strdup (uri);
  webkit_web_view_load_uri (w->view, uri);
}

static void
nav_cb (double id, const char *op, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return;
  if (g_str_equal (op, "reload"))
    webkit_web_view_reload (w->view);
  else if (g_str_equal (op, "reloadIgnoringCache"))
    webkit_web_view_reload_bypass_cache (w->view);
  else if (g_str_equal (op, "stop"))
    webkit_web_view_stop_loading (w->view);
  else if (g_str_equal (op, "goBack"))
    webkit_web_view_go_back (w->view);
  else if (g_str_equal (op, "goForward"))
    webkit_web_view_go_forward (w->view);
  else if (g_str_equal (op, "openDevTools"))
    webkit_web_inspector_show (webkit_web_view_get_inspector (w->view));
  else if (g_str_equal (op, "closeDevTools"))
    webkit_web_inspector_close (webkit_web_view_get_inspector (w->view));
  else if (g_str_equal (op, "terminate"))
    webkit_web_view_terminate_web_process (w->view);
  else if (g_str_equal (op, "stopFindInPage"))
    webkit_find_controller_search_finish (webkit_web_view_get_find_controller (w->view));
}

/* info(id): [url, title, isLoading, canGoBack, canGoForward, zoom,
 * devToolsOpened]. */
static JSCValue *
info_cb (double id, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return jsc_value_new_undefined (ctx);
  WebKitWebInspector *inspector = webkit_web_view_get_inspector (w->view);
  JSCValue *items[] = {
    str (w, webkit_web_view_get_uri (w->view) ?: ""),
    str (w, webkit_web_view_get_title (w->view) ?: ""),
    jsc_value_new_boolean (ctx, webkit_web_view_is_loading (w->view)),
    jsc_value_new_boolean (ctx, webkit_web_view_can_go_back (w->view)),
    jsc_value_new_boolean (ctx, webkit_web_view_can_go_forward (w->view)),
    num (w, webkit_web_view_get_zoom_level (w->view)),
    jsc_value_new_boolean (ctx, webkit_web_inspector_get_web_view (inspector) != NULL),
  };
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++) {
    jsc_value_object_set_property_at_index (a, i, items[i]);
    g_object_unref (items[i]);
  }
  return a;
}

static void
set_zoom_cb (double id, double factor, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w != NULL)
    webkit_web_view_set_zoom_level (w->view, factor);
}

static void
execute_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  anode_ui_pending_t *p = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) v = webkit_web_view_call_async_javascript_function_finish (
    WEBKIT_WEB_VIEW (source), res, &error);
  if (v == NULL) {
    anode_ui_pending_finish (p, error->message, NULL);
    return;
  }
  /* The value lives in WebKit's own context: it crosses as JSON. */
  g_autofree char *json = jsc_value_is_undefined (v) ? NULL : jsc_value_to_json (v, 0);
  g_autoptr (JSCValue) ours = json ? jsc_value_new_from_json (p->ui->rt->ctx, json) : NULL;
  anode_ui_pending_finish (p, NULL, ours);
}

/* executeJavaScript(id, code, cb): evaluates in the page's global scope,
 * awaiting a promise result. */
static void
execute_js_cb (double id, const char *code, JSCValue *cb, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return;
  GVariantDict dict;
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "code", "s", code);
  webkit_web_view_call_async_javascript_function (
    w->view, "return (0, eval)(code);", -1, g_variant_dict_end (&dict), NULL,
    NULL, NULL, execute_done_cb, anode_ui_pending_new (ui, cb));
}

/* insertCSS(id, css, user): returns its key for removeInsertedCSS. */
static double
insert_css_cb (double id, const char *css, gboolean user, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return 0;
  WebKitUserStyleSheet *sheet = webkit_user_style_sheet_new (
    css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
    user ? WEBKIT_USER_STYLE_LEVEL_USER : WEBKIT_USER_STYLE_LEVEL_AUTHOR, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (w->ucm, sheet);
  guint key = ++w->next_css;
  g_hash_table_insert (w->css, GUINT_TO_POINTER (key), sheet);
  return key;
}

static gboolean
remove_css_cb (double id, double key, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return FALSE;
  WebKitUserStyleSheet *sheet = g_hash_table_lookup (w->css, GUINT_TO_POINTER ((guint) key));
  if (sheet == NULL)
    return FALSE;
  webkit_user_content_manager_remove_style_sheet (w->ucm, sheet);
  g_hash_table_remove (w->css, GUINT_TO_POINTER ((guint) key));
  return TRUE;
}

static void
snapshot_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  anode_ui_pending_t *p = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = webkit_web_view_get_snapshot_finish (
    WEBKIT_WEB_VIEW (source), res, &error);
  if (texture == NULL) {
    anode_ui_pending_finish (p, error->message, NULL);
    return;
  }
  int tw = gdk_texture_get_width (texture), th = gdk_texture_get_height (texture);
  if (!isnan (p->width)) {
    /* Crop to the requested rectangle, clamped to the page. */
    int x = CLAMP ((int) p->x, 0, tw), y = CLAMP ((int) p->y, 0, th);
    int cw = CLAMP ((int) p->width, 0, tw - x), ch = CLAMP ((int) p->height, 0, th - y);
    gsize stride = (gsize) tw * 4;
    g_autofree guchar *all = g_malloc ((gsize) th * stride);
    gdk_texture_download (texture, all, stride);
    GBytes *bytes = g_bytes_new (all + (gsize) y * stride + (gsize) x * 4,
                                 ch > 0 ? (gsize) (ch - 1) * stride + (gsize) cw * 4 : 0);
    g_autoptr (GdkTexture) crop = cw > 0 && ch > 0
      ? gdk_memory_texture_new (cw, ch, GDK_MEMORY_DEFAULT, bytes, stride) : NULL;
    g_bytes_unref (bytes);
    g_autoptr (JSCValue) img = crop ? anode_ui_image_from_texture (p->ui->rt->ctx, crop)
                                    : NULL;
    anode_ui_pending_finish (p, NULL, img);
    return;
  }
  g_autoptr (JSCValue) img = anode_ui_image_from_texture (p->ui->rt->ctx, texture);
  anode_ui_pending_finish (p, NULL, img);
}

/* capturePage(id, x, y, width, height, cb): NaN width means the whole
 * visible page. */
static void
capture_cb (double id, double x, double y, double width, double height,
            JSCValue *cb, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return;
  anode_ui_pending_t *p = anode_ui_pending_new (ui, cb);
  p->x = x;
  p->y = y;
  p->width = width;
  p->height = height;
  webkit_web_view_get_snapshot (w->view, WEBKIT_SNAPSHOT_REGION_VISIBLE,
                                WEBKIT_SNAPSHOT_OPTIONS_NONE, NULL, snapshot_done_cb, p);
}

/* WebKit emits "failed" (maybe) and then always "finished". */
static void
print_failed_cb (WebKitPrintOperation *op, GError *error, anode_ui_pending_t *p)
{
  g_object_set_data_full (G_OBJECT (op), "anode-error", g_strdup (error->message), g_free);
}

static void
print_finished_cb (WebKitPrintOperation *op, anode_ui_pending_t *p)
{
  anode_ui_pending_finish (p, g_object_get_data (G_OBJECT (op), "anode-error"), NULL);
  g_signal_handlers_disconnect_by_data (op, p);
  g_object_unref (op);
}

/* print(id, options, cb): silent prints straight to the named (or default)
 * printer; otherwise GTK's print dialog. cb(err). */
static void
print_cb (double id, JSCValue *o, JSCValue *cb, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return;
  WebKitPrintOperation *op = webkit_print_operation_new (w->view);
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr (JSCValue) device = opt (o, "deviceName");
  if (device && jsc_value_is_string (device)) {
    g_autofree char *d = jsc_value_to_string (device);
    gtk_print_settings_set_printer (settings, d);
  }
  g_autoptr (JSCValue) out = opt (o, "outputFile");
  if (out && jsc_value_is_string (out)) {
    g_autofree char *path = jsc_value_to_string (out);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  }
  if (opt_bool (o, "landscape", FALSE))
    gtk_print_settings_set_orientation (settings, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_autoptr (JSCValue) copies = opt (o, "copies");
  if (copies && jsc_value_is_number (copies))
    gtk_print_settings_set_n_copies (settings, jsc_value_to_int32 (copies));
  webkit_print_operation_set_print_settings (op, settings);
  anode_ui_pending_t *p = anode_ui_pending_new (ui, cb);
  g_signal_connect (op, "finished", G_CALLBACK (print_finished_cb), p);
  g_signal_connect (op, "failed", G_CALLBACK (print_failed_cb), p);
  if (opt_bool (o, "silent", FALSE))
    webkit_print_operation_print (op);
  else
    webkit_print_operation_run_dialog (op, w->window);
}

static void
found_cb (WebKitFindController *fc, guint count, anode_window_t *w)
{
  g_autoptr (JSCValue) r = jsc_value_new_object (w->ui->rt->ctx, NULL, NULL);
  int ordinal = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fc), "anode-ordinal"));
  /* WebKit counts all matches only for a new search; a step to the next
   * one reports 1, so the first count stands for the whole search. */
  if (g_object_get_data (G_OBJECT (fc), "anode-stepping"))
    count = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fc), "anode-count"));
  else
    g_object_set_data (G_OBJECT (fc), "anode-count", GUINT_TO_POINTER (count));
  anode_set_int (r, "requestId", w->find_request);
  anode_set_int (r, "matches", count);
  anode_set_int (r, "activeMatchOrdinal", count ? ((ordinal % (int) count) + (int) count) % (int) count + 1 : 0);
  g_autoptr (JSCValue) sel = jsc_value_new_boolean (w->ui->rt->ctx, TRUE);
  anode_set_value (r, "finalUpdate", sel);
  anode_ui_emit (w, "found-in-page", r, NULL);
}

static void
not_found_cb (WebKitFindController *fc, anode_window_t *w)
{
  found_cb (fc, 0, w);
}

/* findInPage(id, text, forward, findNext, matchCase): the request id. WebKit
 * reports the match count; the active match's ordinal follows the moves. */
static double
find_cb (double id, const char *text, gboolean forward, gboolean find_next,
         gboolean match_case, anode_ui_t *ui)
{
  anode_window_t *w = window_of (ui, id);
  if (w == NULL)
    return 0;
  WebKitFindController *fc = webkit_web_view_get_find_controller (w->view);
  if (!g_object_get_data (G_OBJECT (fc), "anode-connected")) {
    g_object_set_data (G_OBJECT (fc), "anode-connected", GINT_TO_POINTER (1));
    g_signal_connect (fc, "found-text", G_CALLBACK (found_cb), w);
    g_signal_connect (fc, "failed-to-find-text", G_CALLBACK (not_found_cb), w);
  }
  guint32 flags = WEBKIT_FIND_OPTIONS_WRAP_AROUND;
  if (!match_case)
    flags |= WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE;
  if (!forward)
    flags |= WEBKIT_FIND_OPTIONS_BACKWARDS;
  int ordinal = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fc), "anode-ordinal"));
  const char *current = g_object_get_data (G_OBJECT (fc), "anode-text");
  w->find_request++;
  if (find_next && g_strcmp0 (current, text) == 0) {
    ordinal += forward ? 1 : -1;
    g_object_set_data (G_OBJECT (fc), "anode-ordinal", GINT_TO_POINTER (ordinal));
    g_object_set_data (G_OBJECT (fc), "anode-stepping", GINT_TO_POINTER (1));
    if (forward)
      webkit_find_controller_search_next (fc);
    else
      webkit_find_controller_search_previous (fc);
  } else {
    g_object_set_data (G_OBJECT (fc), "anode-ordinal", GINT_TO_POINTER (forward ? 0 : -1));
    g_object_set_data_full (G_OBJECT (fc), "anode-text", g_strdup (text), g_free);
    g_object_set_data (G_OBJECT (fc), "anode-stepping", NULL);
    webkit_find_controller_search (fc, text, flags, G_MAXUINT);
  }
  return w->find_request;
}

void
anode_ui_webview_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "loadURL", G_CALLBACK (load_url_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_STRING);
  anode_set_method (b, "navigate", G_CALLBACK (nav_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_STRING);
  anode_set_method (b, "contentsInfo", G_CALLBACK (info_cb), ui, JSC_TYPE_VALUE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "setZoomFactor", G_CALLBACK (set_zoom_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  anode_set_method (b, "executeJavaScript", G_CALLBACK (execute_js_cb), ui, G_TYPE_NONE,
                    3, G_TYPE_DOUBLE, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "insertCSS", G_CALLBACK (insert_css_cb), ui, G_TYPE_DOUBLE, 3,
                    G_TYPE_DOUBLE, G_TYPE_STRING, G_TYPE_BOOLEAN);
  anode_set_method (b, "removeInsertedCSS", G_CALLBACK (remove_css_cb), ui,
                    G_TYPE_BOOLEAN, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  anode_set_method (b, "capturePage", G_CALLBACK (capture_cb), ui, G_TYPE_NONE, 6,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  anode_set_method (b, "print", G_CALLBACK (print_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "findInPage", G_CALLBACK (find_cb), ui, G_TYPE_DOUBLE, 5,
                    G_TYPE_DOUBLE, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN,
                    G_TYPE_BOOLEAN);
}
