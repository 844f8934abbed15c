/* Notification and Tray over the session bus. Notifications use the
 * org.freedesktop.Notifications interface directly (GNotification needs an
 * installed .desktop file matching the app id, which unpackaged apps lack);
 * the tray is a StatusNotifierItem with a com.canonical.dbusmenu menu, so it
 * needs no GTK3 library (libappindicator). Both tell JS when nobody is
 * there to show them. */
#include <unistd.h>

#include "ui-desk.h"

/* ---- notifications */

typedef struct {
  guint signals[2];
} notify_t;

static notify_t *
notify_get (anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  if (desk->notify == NULL)
    desk->notify = g_new0 (notify_t, 1);
  return desk->notify;
}

static void
notify_signal_cb (GDBusConnection *bus, const char *sender, const char *path,
                  const char *iface, const char *signal, GVariant *params, gpointer data)
{
  anode_ui_t *ui = data;
  JSCContext *ctx = ui->rt->ctx;
  guint32 id = 0;
  if (g_str_equal (signal, "ActionInvoked")) {
    const char *key = NULL;
    g_variant_get (params, "(u&s)", &id, &key);
    g_autoptr (JSCValue) i = jsc_value_new_number (ctx, id);
    g_autoptr (JSCValue) k = jsc_value_new_string (ctx, key);
    anode_desk_emit (ui, "notify-action", i, k);
  } else if (g_str_equal (signal, "NotificationClosed")) {
    guint32 reason = 0;
    g_variant_get (params, "(uu)", &id, &reason);
    g_autoptr (JSCValue) i = jsc_value_new_number (ctx, id);
    g_autoptr (JSCValue) r = jsc_value_new_number (ctx, reason);
    anode_desk_emit (ui, "notify-closed", i, r);
  }
}

static void
notify_subscribe (anode_ui_t *ui, GDBusConnection *bus)
{
  notify_t *n = notify_get (ui);
  if (n->signals[0] != 0)
    return;
  const char *names[] = { "ActionInvoked", "NotificationClosed" };
  for (int i = 0; i < 2; i++)
    n->signals[i] = g_dbus_connection_signal_subscribe (
      bus, NULL, "org.freedesktop.Notifications", names[i], "/org/freedesktop/Notifications",
      NULL, G_DBUS_SIGNAL_FLAGS_NONE, notify_signal_cb, ui, NULL);
}

/* Is there someone to talk to: an owner now, or a service the bus starts. */
static gboolean
name_available (GDBusConnection *bus, const char *name)
{
  g_autoptr (GVariant) r = g_dbus_connection_call_sync (
    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
    "NameHasOwner", g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
    G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  gboolean has = FALSE;
  if (r != NULL)
    g_variant_get (r, "(b)", &has);
  if (has)
    return TRUE;
  g_autoptr (GVariant) act = g_dbus_connection_call_sync (
    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
    "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (act == NULL)
    return FALSE;
  g_autofree const char **list = NULL;
  g_variant_get (act, "(^a&s)", &list);
  return list != NULL && g_strv_contains (list, name);
}

static gboolean
notify_supported_cb (anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  return bus != NULL && name_available (bus, "org.freedesktop.Notifications");
}

/* (width, height, data BGRA premultiplied) as the spec's image-data
 * (iiibiiay: RGBA, not premultiplied). */
static GVariant *
image_data_variant (JSCValue *img)
{
  int w, h;
  const guint8 *px = anode_desk_pixels (img, &w, &h);
  if (px == NULL)
    return NULL;
  guint8 *rgba = anode_desk_unpremultiply (px, w, h, FALSE);
  GVariant *bytes = g_variant_new_from_data (G_VARIANT_TYPE ("ay"), rgba, (gsize) w * h * 4,
                                             TRUE, g_free, rgba);
  return g_variant_new ("(iiibii@ay)", w, h, w * 4, TRUE, 8, 4, bytes);
}

typedef struct {
  anode_ui_t *ui;
  guint token;
} notify_req_t;

static void
notify_done (GObject *src, GAsyncResult *res, gpointer data)
{
  notify_req_t *req = data;
  anode_ui_t *ui = req->ui;
  JSCContext *ctx = ui->rt->ctx;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) r = g_dbus_connection_call_finish (G_DBUS_CONNECTION (src), res, &error);
  g_autoptr (JSCValue) token = jsc_value_new_number (ctx, req->token);
  if (r == NULL) {
    g_autoptr (JSCValue) msg = jsc_value_new_string (ctx, error->message);
    anode_desk_emit (ui, "notify-failed", token, msg);
  } else {
    guint32 id = 0;
    g_variant_get (r, "(u)", &id);
    g_autoptr (JSCValue) i = jsc_value_new_number (ctx, id);
    anode_desk_emit (ui, "notify-shown", token, i);
  }
  g_free (req);
}

/* notifyShow(token, options): options from notification.js: appName,
 * replacesId, iconPath, image {width, height, data}, title, body,
 * actions [key, label, ...], urgency (0-2), timeout (ms, -1 default, 0
 * never), silent. Answers with 'notify-shown' (token, id) or
 * 'notify-failed' (token, message). */
static void
notify_show_cb (double token, JSCValue *o, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus == NULL) {
    g_autoptr (JSCValue) t = jsc_value_new_number (ctx, token);
    g_autoptr (JSCValue) msg = jsc_value_new_string (ctx, "no session bus");
    anode_desk_emit (ui, "notify-failed", t, msg);
    return;
  }
  notify_subscribe (ui, bus);
  g_autofree char *app = anode_desk_opt_string (o, "appName");
  g_autofree char *icon = anode_desk_opt_string (o, "iconPath");
  g_autofree char *title = anode_desk_opt_string (o, "title");
  g_autofree char *body = anode_desk_opt_string (o, "body");
  g_autoptr (JSCValue) actions_v = jsc_value_object_get_property (o, "actions");
  g_auto (GStrv) actions = anode_desk_strv (actions_v);
  GVariantBuilder hints;
  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&hints, "{sv}", "urgency",
                         g_variant_new_byte ((guint8) anode_desk_opt_number (o, "urgency", 1)));
  if (anode_desk_opt_bool (o, "silent", FALSE))
    g_variant_builder_add (&hints, "{sv}", "suppress-sound", g_variant_new_boolean (TRUE));
  g_autoptr (JSCValue) img = jsc_value_object_get_property (o, "image");
  GVariant *image = jsc_value_is_object (img) ? image_data_variant (img) : NULL;
  if (image != NULL)
    g_variant_builder_add (&hints, "{sv}", "image-data", image);
  g_autofree char *prg = g_strdup (g_get_prgname ());
  if (app != NULL)
    g_variant_builder_add (&hints, "{sv}", "desktop-entry", g_variant_new_string (app));
  notify_req_t *req = g_new0 (notify_req_t, 1);
  req->ui = ui;
  req->token = (guint) token;
  g_dbus_connection_call (
    bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications", "Notify",
    g_variant_new ("(susss^as@a{sv}i)", app ? app : (prg ? prg : "anode"),
                   (guint32) anode_desk_opt_number (o, "replacesId", 0), icon ? icon : "",
                   title ? title : "", body ? body : "", actions,
                   g_variant_builder_end (&hints),
                   (gint32) anode_desk_opt_number (o, "timeout", -1)),
    G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, notify_done, req);
}

static void
notify_close_cb (double id, anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus == NULL || id <= 0)
    return;
  g_dbus_connection_call (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                          "org.freedesktop.Notifications", "CloseNotification",
                          g_variant_new ("(u)", (guint32) id), NULL, G_DBUS_CALL_FLAGS_NONE,
                          5000, NULL, NULL, NULL);
}

void
anode_ui_notify_free (anode_desk_t *desk)
{
  notify_t *n = desk->notify;
  if (n == NULL)
    return;
  for (int i = 0; i < 2; i++)
    if (n->signals[i] != 0 && desk->bus != NULL)
      g_dbus_connection_signal_unsubscribe (desk->bus, n->signals[i]);
  g_free (n);
  desk->notify = NULL;
}

void
anode_ui_notify_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "notifySupported", G_CALLBACK (notify_supported_cb), ui,
                    G_TYPE_BOOLEAN, 0);
  anode_set_method (b, "notifyShow", G_CALLBACK (notify_show_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  anode_set_method (b, "notifyClose", G_CALLBACK (notify_close_cb), ui, G_TYPE_NONE, 1,
                    G_TYPE_DOUBLE);
}
