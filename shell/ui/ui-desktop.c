/* shell, nativeTheme and screen: opening URLs and files with the desktop's
 * handlers (GIO), FileManager1 over D-Bus, the trash; the colour scheme
 * (the Settings portal's org.freedesktop.appearance color-scheme, else the
 * GTK theme) applied to GTK and so to pages' prefers-color-scheme; monitors
 * as GdkMonitor with their events. */
#include <gdk/x11/gdkx.h>

#include "ui-desk.h"

typedef struct {
  char *source;          /* themeSource: "system" | "light" | "dark" */
  int system_dark;       /* -1 unknown, else what the desktop says */
  gboolean dark;         /* in effect */
  guint portal_signal;
  GListModel *monitors;  /* watched (borrowed from the display) */
  guint n_monitors;
} desktop_t;

static desktop_t *
desktop_get (anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  if (desk->desktop == NULL) {
    desktop_t *d = g_new0 (desktop_t, 1);
    d->source = g_strdup ("system");
    d->system_dark = -1;
    desk->desktop = d;
  }
  return desk->desktop;
}

/* ---- nativeTheme */

static gboolean
theme_name_is_dark (void)
{
  GtkSettings *s = gtk_settings_get_default ();
  if (s == NULL)
    return FALSE;
  g_autofree char *name = NULL;
  g_object_get (s, "gtk-theme-name", &name, NULL);
  return name != NULL && g_str_has_suffix (name, "-dark");
}

static void
apply_theme (anode_ui_t *ui, gboolean emit)
{
  desktop_t *d = desktop_get (ui);
  gboolean dark;
  if (g_str_equal (d->source, "dark"))
    dark = TRUE;
  else if (g_str_equal (d->source, "light"))
    dark = FALSE;
  else
    dark = d->system_dark >= 0 ? d->system_dark : theme_name_is_dark ();
  GtkSettings *s = gtk_settings_get_default ();
  /* GTK widgets and WebKit's prefers-color-scheme both follow it. */
  if (s != NULL)
    g_object_set (s, "gtk-application-prefer-dark-theme", dark, NULL);
  gboolean changed = dark != d->dark;
  d->dark = dark;
  if (emit && changed)
    anode_desk_emit (ui, "theme-updated", NULL, NULL);
}

static void
portal_setting_cb (GDBusConnection *bus, const char *sender, const char *path,
                   const char *iface, const char *signal, GVariant *params,
                   gpointer data)
{
  anode_ui_t *ui = data;
  const char *ns = NULL, *key = NULL;
  g_autoptr (GVariant) value = NULL;
  g_variant_get (params, "(&s&sv)", &ns, &key, &value);
  if (!g_str_equal (ns, "org.freedesktop.appearance") || !g_str_equal (key, "color-scheme"))
    return;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    desktop_get (ui)->system_dark = g_variant_get_uint32 (value) == 1;
  apply_theme (ui, TRUE);
}

/* The desktop's colour scheme from the Settings portal, if there is one. */
static void
read_portal_scheme (anode_ui_t *ui)
{
  desktop_t *d = desktop_get (ui);
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus == NULL)
    return;
  g_autoptr (GVariant) r = g_dbus_connection_call_sync (
    bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Settings", "Read",
    g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"),
    G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 500, NULL, NULL);
  if (r != NULL) {
    g_autoptr (GVariant) v = NULL;
    g_variant_get (r, "(v)", &v);
    /* Read wraps the value in one more variant. */
    while (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT)) {
      GVariant *inner = g_variant_get_variant (v);
      g_variant_unref (v);
      v = inner;
    }
    if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
      d->system_dark = g_variant_get_uint32 (v) == 1;
  }
  d->portal_signal = g_dbus_connection_signal_subscribe (
    bus, NULL, "org.freedesktop.portal.Settings", "SettingChanged",
    "/org/freedesktop/portal/desktop", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
    portal_setting_cb, ui, NULL);
}

/* themeSet(source): "system" | "light" | "dark"; returns dark or not. */
static gboolean
theme_set_cb (const char *source, anode_ui_t *ui)
{
  desktop_t *d = desktop_get (ui);
  g_free (d->source);
  d->source = g_strdup (source);
  apply_theme (ui, TRUE);
  return d->dark;
}

/* themeInfo(): [shouldUseDarkColors, systemDark (-1 unknown), highContrast] */
static JSCValue *
theme_info_cb (anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  desktop_t *d = desktop_get (ui);
  GtkSettings *s = gtk_settings_get_default ();
  g_autofree char *name = NULL;
  if (s != NULL)
    g_object_get (s, "gtk-theme-name", &name, NULL);
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) v0 = jsc_value_new_boolean (ctx, d->dark);
  g_autoptr (JSCValue) v1 = jsc_value_new_number (ctx, d->system_dark);
  g_autoptr (JSCValue) v2 = jsc_value_new_boolean (ctx, name && g_str_has_prefix (name, "HighContrast"));
  jsc_value_object_set_property_at_index (a, 0, v0);
  jsc_value_object_set_property_at_index (a, 1, v1);
  jsc_value_object_set_property_at_index (a, 2, v2);
  return a;
}

/* ---- screen */

static JSCValue *
rect_js (JSCContext *ctx, GdkRectangle *r)
{
  JSCValue *o = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_int (o, "x", r->x);
  anode_set_int (o, "y", r->y);
  anode_set_int (o, "width", r->width);
  anode_set_int (o, "height", r->height);
  return o;
}

static JSCValue *
monitor_js (JSCContext *ctx, GdkMonitor *m, guint index)
{
  JSCValue *o = jsc_value_new_object (ctx, NULL, NULL);
  GdkRectangle geo, work;
  gdk_monitor_get_geometry (m, &geo);
  work = geo;
  if (GDK_IS_X11_MONITOR (m))
    gdk_x11_monitor_get_workarea (m, &work);
  const char *connector = gdk_monitor_get_connector (m);
  const char *model = gdk_monitor_get_model (m);
  /* Stable across calls: from the connector where GDK knows it. */
  anode_set_int (o, "id", connector ? (gint64) g_str_hash (connector) : (gint64) index + 1);
  anode_set_string (o, "label", model ? model : connector ? connector : "");
  g_autoptr (JSCValue) bounds = rect_js (ctx, &geo);
  g_autoptr (JSCValue) wa = rect_js (ctx, &work);
  anode_set_value (o, "bounds", bounds);
  anode_set_value (o, "workArea", wa);
  anode_set_double (o, "scaleFactor", gdk_monitor_get_scale_factor (m));
  anode_set_double (o, "displayFrequency", gdk_monitor_get_refresh_rate (m) / 1000.0);
  anode_set_int (o, "widthMm", gdk_monitor_get_width_mm (m));
  anode_set_int (o, "heightMm", gdk_monitor_get_height_mm (m));
  return o;
}

/* screenDisplays(): every monitor, the primary first. */
static JSCValue *
displays_cb (anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  GdkDisplay *display = gdk_display_get_default ();
  if (display == NULL)
    return a;
  GListModel *list = gdk_display_get_monitors (display);
  GdkMonitor *primary = NULL;
  if (GDK_IS_X11_DISPLAY (display))
    primary = gdk_x11_display_get_primary_monitor (display);
  guint out = 0;
  if (primary != NULL) {
    for (guint i = 0; i < g_list_model_get_n_items (list); i++) {
      g_autoptr (GdkMonitor) m = g_list_model_get_item (list, i);
      if (m == primary) {
        g_autoptr (JSCValue) o = monitor_js (ctx, m, i);
        jsc_value_object_set_property_at_index (a, out++, o);
      }
    }
  }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++) {
    g_autoptr (GdkMonitor) m = g_list_model_get_item (list, i);
    if (m == primary)
      continue;
    g_autoptr (JSCValue) o = monitor_js (ctx, m, i);
    jsc_value_object_set_property_at_index (a, out++, o);
  }
  return a;
}

/* screenCursor(): [x, y] on X11, null elsewhere (Wayland keeps it). */
static JSCValue *
cursor_cb (anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  GdkDisplay *display = gdk_display_get_default ();
  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return jsc_value_new_null (ctx);
  Display *dpy = gdk_x11_display_get_xdisplay (display);
  Window root_ret, child;
  int rx = 0, ry = 0, wx, wy;
  unsigned int mask;
  XQueryPointer (dpy, DefaultRootWindow (dpy), &root_ret, &child, &rx, &ry, &wx, &wy, &mask);
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) x = jsc_value_new_number (ctx, rx);
  g_autoptr (JSCValue) y = jsc_value_new_number (ctx, ry);
  jsc_value_object_set_property_at_index (a, 0, x);
  jsc_value_object_set_property_at_index (a, 1, y);
  return a;
}

static void
monitors_changed_cb (GListModel *list, guint pos, guint removed, guint added, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  for (guint i = 0; i < added; i++) {
    g_autoptr (GdkMonitor) m = g_list_model_get_item (list, pos + i);
    g_autoptr (JSCValue) o = monitor_js (ctx, m, pos + i);
    anode_desk_emit (ui, "display-added", o, NULL);
  }
  if (removed > 0) {
    g_autoptr (JSCValue) n = jsc_value_new_number (ctx, removed);
    anode_desk_emit (ui, "display-removed", n, NULL);
  }
}

/* ---- shell */

typedef struct {
  anode_ui_t *ui;
  JSCValue *cb;
} shell_req_t;

static void
shell_req_finish (shell_req_t *r, GError *error)
{
  JSCContext *ctx = r->ui->rt->ctx;
  g_autoptr (JSCValue) err = error ? jsc_value_new_string (ctx, error->message)
                                   : jsc_value_new_null (ctx);
  JSCValue *args[] = { err };
  g_autoptr (JSCValue) ret = anode_runtime_callback (r->ui->rt, r->cb, 1, args);
  g_object_unref (r->cb);
  g_free (r);
}

static shell_req_t *
shell_req_new (anode_ui_t *ui, JSCValue *cb)
{
  shell_req_t *r = g_new0 (shell_req_t, 1);
  r->ui = ui;
  r->cb = g_object_ref (cb);
  return r;
}

static void
launch_done (GObject *src, GAsyncResult *res, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_app_info_launch_default_for_uri_finish (res, &error);
  shell_req_finish (data, error);
}

/* shellOpen(uri, cb): the desktop's default handler for `uri`; cb(err). */
static void
open_cb (const char *uri, JSCValue *cb, anode_ui_t *ui)
{
  g_autoptr (GAppLaunchContext) lc = G_APP_LAUNCH_CONTEXT (
    gdk_display_get_app_launch_context (gdk_display_get_default ()));
  g_app_info_launch_default_for_uri_async (uri, lc, NULL, launch_done, shell_req_new (ui, cb));
}

static void
trash_done (GObject *src, GAsyncResult *res, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_file_trash_finish (G_FILE (src), res, &error);
  shell_req_finish (data, error);
}

/* shellTrash(path, cb) */
static void
trash_cb (const char *path, JSCValue *cb, anode_ui_t *ui)
{
  g_autoptr (GFile) f = g_file_new_for_path (path);
  g_file_trash_async (f, G_PRIORITY_DEFAULT, NULL, trash_done, shell_req_new (ui, cb));
}

/* shellShowItem(path): FileManager1.ShowItems on the session bus; false
 * when no file manager answers (JS then opens the folder). */
static gboolean
show_item_cb (const char *path, anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus == NULL)
    return FALSE;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  if (uri == NULL)
    return FALSE;
  const char *uris[] = { uri, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) r = g_dbus_connection_call_sync (
    bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
    "org.freedesktop.FileManager1", "ShowItems",
    g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 2000, NULL, &error);
  return r != NULL;
}

static void
beep_cb (anode_ui_t *ui)
{
  GdkDisplay *display = gdk_display_get_default ();
  if (display != NULL)
    gdk_display_beep (display);
}

void
anode_ui_desktop_start (anode_ui_t *ui)
{
  desktop_t *d = desktop_get (ui);
  read_portal_scheme (ui);
  apply_theme (ui, FALSE);
  GdkDisplay *display = gdk_display_get_default ();
  if (display != NULL) {
    d->monitors = gdk_display_get_monitors (display);
    g_signal_connect (d->monitors, "items-changed", G_CALLBACK (monitors_changed_cb), ui);
  }
}

void
anode_ui_desktop_free (anode_desk_t *desk)
{
  desktop_t *d = desk->desktop;
  if (d == NULL)
    return;
  if (d->monitors != NULL)
    g_signal_handlers_disconnect_by_data (d->monitors, desk->ui);
  if (d->portal_signal != 0 && desk->bus != NULL)
    g_dbus_connection_signal_unsubscribe (desk->bus, d->portal_signal);
  g_free (d->source);
  g_free (d);
  desk->desktop = NULL;
}

void
anode_ui_desktop_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "themeSet", G_CALLBACK (theme_set_cb), ui, G_TYPE_BOOLEAN, 1,
                    G_TYPE_STRING);
  anode_set_method (b, "themeInfo", G_CALLBACK (theme_info_cb), ui, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "screenDisplays", G_CALLBACK (displays_cb), ui, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "screenCursor", G_CALLBACK (cursor_cb), ui, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "shellOpen", G_CALLBACK (open_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "shellTrash", G_CALLBACK (trash_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "shellShowItem", G_CALLBACK (show_item_cb), ui, G_TYPE_BOOLEAN, 1,
                    G_TYPE_STRING);
  anode_set_method (b, "shellBeep", G_CALLBACK (beep_cb), ui, G_TYPE_NONE, 0);
}
