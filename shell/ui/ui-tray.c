/* Tray's native half: a StatusNotifierItem (org.kde.StatusNotifierItem, what
 * KDE, GNOME's AppIndicator extension and most panels host) with its menu as
 * com.canonical.dbusmenu, registered with the StatusNotifierWatcher and
 * registered again whenever a watcher (re)appears. */
#include <unistd.h>

#include "ui-desk.h"

static const char item_xml[] =
  "<node><interface name='org.kde.StatusNotifierItem'>"
  "<property name='Category' type='s' access='read'/>"
  "<property name='Id' type='s' access='read'/>"
  "<property name='Title' type='s' access='read'/>"
  "<property name='Status' type='s' access='read'/>"
  "<property name='WindowId' type='i' access='read'/>"
  "<property name='IconName' type='s' access='read'/>"
  "<property name='IconPixmap' type='a(iiay)' access='read'/>"
  "<property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "<property name='ItemIsMenu' type='b' access='read'/>"
  "<property name='Menu' type='o' access='read'/>"
  "<method name='Activate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "<method name='SecondaryActivate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "<method name='ContextMenu'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "<method name='Scroll'><arg type='i' direction='in'/><arg type='s' direction='in'/></method>"
  "<signal name='NewTitle'/><signal name='NewIcon'/><signal name='NewToolTip'/>"
  "<signal name='NewStatus'><arg type='s'/></signal>"
  "</interface></node>";

static const char menu_xml[] =
  "<node><interface name='com.canonical.dbusmenu'>"
  "<property name='Version' type='u' access='read'/>"
  "<property name='TextDirection' type='s' access='read'/>"
  "<property name='Status' type='s' access='read'/>"
  "<property name='IconThemePath' type='as' access='read'/>"
  "<method name='GetLayout'><arg type='i' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='u' direction='out'/>"
  "<arg type='(ia{sv}av)' direction='out'/></method>"
  "<method name='GetGroupProperties'><arg type='ai' direction='in'/><arg type='as' direction='in'/>"
  "<arg type='a(ia{sv})' direction='out'/></method>"
  "<method name='GetProperty'><arg type='i' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<method name='Event'><arg type='i' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='in'/><arg type='u' direction='in'/></method>"
  "<method name='EventGroup'><arg type='a(isvu)' direction='in'/><arg type='ai' direction='out'/></method>"
  "<method name='AboutToShow'><arg type='i' direction='in'/><arg type='b' direction='out'/></method>"
  "<method name='AboutToShowGroup'><arg type='ai' direction='in'/><arg type='ai' direction='out'/>"
  "<arg type='ai' direction='out'/></method>"
  "<signal name='LayoutUpdated'><arg type='u'/><arg type='i'/></signal>"
  "<signal name='ItemsPropertiesUpdated'><arg type='a(ia{sv})'/><arg type='a(ias)'/></signal>"
  "</interface></node>";

typedef struct menu_node menu_node_t;
struct menu_node {
  gint32 id;
  GVariant *props;   /* a{sv}, owned (sunk) */
  GPtrArray *children;
};

typedef struct {
  anode_ui_t *ui;
  guint id;
  char *path, *menu_path, *bus_name;
  guint item_reg, menu_reg, name_own, watch;
  char *title, *tooltip;
  GVariant *pixmaps;   /* a(iiay), owned */
  menu_node_t *menu;   /* root (id 0) */
  guint32 revision;
  gboolean registered;
} tray_t;

typedef struct {
  GHashTable *trays; /* id -> tray_t */
  GDBusNodeInfo *item_info, *menu_info;
} trays_t;

static void
node_free (menu_node_t *n)
{
  if (n == NULL)
    return;
  g_variant_unref (n->props);
  g_ptr_array_unref (n->children);
  g_free (n);
}

static menu_node_t *
node_new (gint32 id, GVariant *props)
{
  menu_node_t *n = g_new0 (menu_node_t, 1);
  n->id = id;
  n->props = g_variant_ref_sink (props);
  n->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return n;
}

/* The JS menu tree (as for menuSet) as dbusmenu nodes. */
static void
build_nodes (menu_node_t *parent, JSCValue *items)
{
  if (items == NULL || !jsc_value_is_array (items))
    return;
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (items, "length");
  for (int i = 0; i < jsc_value_to_int32 (len_v); i++) {
    g_autoptr (JSCValue) o = jsc_value_object_get_property_at_index (items, i);
    GVariantBuilder b;
    g_variant_builder_init (&b, G_VARIANT_TYPE ("a{sv}"));
    g_autofree char *type = anode_desk_opt_string (o, "type");
    g_autofree char *label = anode_desk_opt_string (o, "label");
    if (type != NULL && g_str_equal (type, "separator")) {
      g_variant_builder_add (&b, "{sv}", "type", g_variant_new_string ("separator"));
    } else {
      g_variant_builder_add (&b, "{sv}", "label", g_variant_new_string (label ? label : ""));
      if (type != NULL && (g_str_equal (type, "checkbox") || g_str_equal (type, "radio"))) {
        g_variant_builder_add (&b, "{sv}", "toggle-type",
                               g_variant_new_string (g_str_equal (type, "radio") ? "radio" : "checkmark"));
        g_variant_builder_add (&b, "{sv}", "toggle-state",
                               g_variant_new_int32 (anode_desk_opt_bool (o, "checked", FALSE)));
      }
    }
    g_variant_builder_add (&b, "{sv}", "enabled", g_variant_new_boolean (anode_desk_opt_bool (o, "enabled", TRUE)));
    g_variant_builder_add (&b, "{sv}", "visible", g_variant_new_boolean (anode_desk_opt_bool (o, "visible", TRUE)));
    g_autoptr (JSCValue) sub = jsc_value_object_get_property (o, "submenu");
    if (jsc_value_is_array (sub))
      g_variant_builder_add (&b, "{sv}", "children-display", g_variant_new_string ("submenu"));
    menu_node_t *n = node_new ((gint32) anode_desk_opt_number (o, "id", 0), g_variant_builder_end (&b));
    build_nodes (n, sub);
    g_ptr_array_add (parent->children, n);
  }
}

static menu_node_t *
node_find (menu_node_t *n, gint32 id)
{
  if (n == NULL)
    return NULL;
  if (n->id == id)
    return n;
  for (guint i = 0; i < n->children->len; i++) {
    menu_node_t *f = node_find (n->children->pdata[i], id);
    if (f != NULL)
      return f;
  }
  return NULL;
}

static GVariant *
node_layout (menu_node_t *n, int depth)
{
  GVariantBuilder kids;
  g_variant_builder_init (&kids, G_VARIANT_TYPE ("av"));
  if (depth != 0)
    for (guint i = 0; i < n->children->len; i++)
      g_variant_builder_add (&kids, "v", node_layout (n->children->pdata[i], depth - 1));
  return g_variant_new ("(i@a{sv}av)", n->id, n->props, &kids);
}

static trays_t *
trays_get (anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  if (desk->tray == NULL) {
    trays_t *t = g_new0 (trays_t, 1);
    t->trays = g_hash_table_new (NULL, NULL);
    t->item_info = g_dbus_node_info_new_for_xml (item_xml, NULL);
    t->menu_info = g_dbus_node_info_new_for_xml (menu_xml, NULL);
    desk->tray = t;
  }
  return desk->tray;
}

static void
emit_click (tray_t *t, const char *event, int x, int y)
{
  JSCContext *ctx = t->ui->rt->ctx;
  g_autoptr (JSCValue) id = jsc_value_new_number (ctx, t->id);
  g_autoptr (JSCValue) o = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_string (o, "event", event);
  anode_set_int (o, "x", x);
  anode_set_int (o, "y", y);
  anode_desk_emit (t->ui, "tray-event", id, o);
}

static void
item_call (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
           const char *method, GVariant *params, GDBusMethodInvocation *inv, gpointer data)
{
  tray_t *t = data;
  int x = 0, y = 0;
  if (g_str_equal (method, "Scroll")) {
    g_dbus_method_invocation_return_value (inv, NULL);
    return;
  }
  g_variant_get (params, "(ii)", &x, &y);
  g_dbus_method_invocation_return_value (inv, NULL);
  emit_click (t, g_str_equal (method, "Activate") ? "click"
                 : g_str_equal (method, "SecondaryActivate") ? "middle-click" : "right-click", x, y);
}

static GVariant *
empty_pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

static GVariant *
item_get (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
          const char *prop, GError **error, gpointer data)
{
  tray_t *t = data;
  if (g_str_equal (prop, "Category"))
    return g_variant_new_string ("ApplicationStatus");
  if (g_str_equal (prop, "Id"))
    return g_variant_new_string (g_get_application_name () ? g_get_application_name () : "anode");
  if (g_str_equal (prop, "Title"))
    return g_variant_new_string (t->title ? t->title : "");
  if (g_str_equal (prop, "Status"))
    return g_variant_new_string ("Active");
  if (g_str_equal (prop, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (prop, "IconName"))
    return g_variant_new_string ("");
  if (g_str_equal (prop, "IconPixmap"))
    return t->pixmaps ? g_variant_ref (t->pixmaps) : empty_pixmaps ();
  if (g_str_equal (prop, "ToolTip"))
    return g_variant_new ("(s@a(iiay)ss)", "", empty_pixmaps (), t->tooltip ? t->tooltip : "", "");
  if (g_str_equal (prop, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (prop, "Menu"))
    return g_variant_new_object_path (t->menu_path);
  return NULL;
}

static void
menu_call (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
           const char *method, GVariant *params, GDBusMethodInvocation *inv, gpointer data)
{
  tray_t *t = data;
  if (g_str_equal (method, "GetLayout")) {
    gint32 parent = 0, depth = -1;
    g_variant_get (params, "(ii@as)", &parent, &depth, NULL);
    menu_node_t *n = node_find (t->menu, parent);
    if (n == NULL) {
      g_dbus_method_invocation_return_error (inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "no menu item %d", parent);
      return;
    }
    g_dbus_method_invocation_return_value (inv, g_variant_new ("(u@(ia{sv}av))", t->revision,
                                                               node_layout (n, depth)));
  } else if (g_str_equal (method, "GetGroupProperties")) {
    g_autoptr (GVariant) ids = g_variant_get_child_value (params, 0);
    GVariantBuilder b;
    g_variant_builder_init (&b, G_VARIANT_TYPE ("a(ia{sv})"));
    for (gsize i = 0; i < g_variant_n_children (ids); i++) {
      gint32 id;
      g_variant_get_child (ids, i, "i", &id);
      menu_node_t *n = node_find (t->menu, id);
      if (n != NULL)
        g_variant_builder_add (&b, "(i@a{sv})", id, n->props);
    }
    g_dbus_method_invocation_return_value (inv, g_variant_new ("(a(ia{sv}))", &b));
  } else if (g_str_equal (method, "GetProperty")) {
    gint32 id;
    const char *name;
    g_variant_get (params, "(i&s)", &id, &name);
    menu_node_t *n = node_find (t->menu, id);
    g_autoptr (GVariant) v = n ? g_variant_lookup_value (n->props, name, NULL) : NULL;
    if (v == NULL)
      g_dbus_method_invocation_return_error (inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "no property %s", name);
    else
      g_dbus_method_invocation_return_value (inv, g_variant_new ("(v)", v));
  } else if (g_str_equal (method, "Event") || g_str_equal (method, "EventGroup")) {
    GVariantIter iter;
    gint32 id;
    const char *event;
    JSCContext *ctx = t->ui->rt->ctx;
    if (g_str_equal (method, "Event")) {
      g_variant_get (params, "(i&s@vu)", &id, &event, NULL, NULL);
      g_dbus_method_invocation_return_value (inv, NULL);
      if (g_str_equal (event, "clicked") && id != 0) {
        /* Clicks take Menu's path: item ids are its command ids. */
        g_autoptr (JSCValue) item = jsc_value_new_number (ctx, id);
        g_autoptr (JSCValue) info = jsc_value_new_object (ctx, NULL, NULL);
        anode_set_int (info, "window", 0);
        anode_desk_emit (t->ui, "menu-click", item, info);
      }
      return;
    }
    g_autoptr (GVariant) events = g_variant_get_child_value (params, 0);
    g_variant_iter_init (&iter, events);
    GArray *clicked = g_array_new (FALSE, FALSE, sizeof (gint32));
    while (g_variant_iter_next (&iter, "(i&s@vu)", &id, &event, NULL, NULL))
      if (g_str_equal (event, "clicked") && id != 0)
        g_array_append_val (clicked, id);
    g_dbus_method_invocation_return_value (inv, g_variant_new ("(@ai)",
      g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, NULL, 0, sizeof (gint32))));
    for (guint i = 0; i < clicked->len; i++) {
      g_autoptr (JSCValue) item = jsc_value_new_number (ctx, g_array_index (clicked, gint32, i));
      g_autoptr (JSCValue) info = jsc_value_new_object (ctx, NULL, NULL);
      anode_set_int (info, "window", 0);
      anode_desk_emit (t->ui, "menu-click", item, info);
    }
    g_array_unref (clicked);
  } else if (g_str_equal (method, "AboutToShow")) {
    g_dbus_method_invocation_return_value (inv, g_variant_new ("(b)", FALSE));
  } else {
    GVariant *none = g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, NULL, 0, sizeof (gint32));
    GVariant *none2 = g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, NULL, 0, sizeof (gint32));
    g_dbus_method_invocation_return_value (inv, g_variant_new ("(@ai@ai)", none, none2));
  }
}

static GVariant *
menu_get (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
          const char *prop, GError **error, gpointer data)
{
  if (g_str_equal (prop, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (prop, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (prop, "Status"))
    return g_variant_new_string ("normal");
  return g_variant_new_strv (NULL, 0);
}

static const GDBusInterfaceVTable item_vtable = { item_call, item_get, NULL, { 0 } };
static const GDBusInterfaceVTable menu_vtable = { menu_call, menu_get, NULL, { 0 } };

static void
register_done (GObject *src, GAsyncResult *res, gpointer data)
{
  anode_ui_t *ui = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) r = g_dbus_connection_call_finish (G_DBUS_CONNECTION (src), res, &error);
  (void) ui;
  if (r == NULL)
    g_debug ("anode: tray registration failed: %s", error->message);
}

static void
tray_register (tray_t *t, GDBusConnection *bus)
{
  g_dbus_connection_call (bus, "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                          "org.kde.StatusNotifierWatcher", "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", t->path), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          5000, NULL, register_done, t->ui);
}

static void
tray_state (tray_t *t, gboolean registered)
{
  JSCContext *ctx = t->ui->rt->ctx;
  t->registered = registered;
  g_autoptr (JSCValue) id = jsc_value_new_number (ctx, t->id);
  g_autoptr (JSCValue) v = jsc_value_new_boolean (ctx, registered);
  anode_desk_emit (t->ui, "tray-host", id, v);
}

static void
watcher_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer data)
{
  tray_t *t = data;
  tray_register (t, bus);
  tray_state (t, TRUE);
}

static void
watcher_vanished (GDBusConnection *bus, const char *name, gpointer data)
{
  tray_state (data, FALSE);
}

/* trayCreate(id): exports the item and its menu and registers with the
 * watcher; 'tray-host' (id, true/false) follows, and again whenever a tray
 * host comes or goes. False without a session bus. */
static gboolean
tray_create_cb (double id_d, anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  trays_t *ts = trays_get (ui);
  if (bus == NULL || ts->item_info == NULL || ts->menu_info == NULL)
    return FALSE;
  tray_t *t = g_new0 (tray_t, 1);
  t->ui = ui;
  t->id = (guint) id_d;
  t->path = g_strdup_printf ("/org/anode/tray%u", t->id);
  t->menu_path = g_strdup_printf ("/org/anode/tray%u/menu", t->id);
  t->menu = node_new (0, g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  t->revision = 1;
  t->item_reg = g_dbus_connection_register_object (bus, t->path, ts->item_info->interfaces[0],
                                                   &item_vtable, t, NULL, NULL);
  t->menu_reg = g_dbus_connection_register_object (bus, t->menu_path, ts->menu_info->interfaces[0],
                                                   &menu_vtable, t, NULL, NULL);
  /* The conventional name, so hosts that look names up find the item. */
  t->bus_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-%u", (int) getpid (), t->id);
  t->name_own = g_bus_own_name_on_connection (bus, t->bus_name, G_BUS_NAME_OWNER_FLAGS_NONE,
                                              NULL, NULL, NULL, NULL);
  g_hash_table_insert (ts->trays, GUINT_TO_POINTER (t->id), t);
  t->watch = g_bus_watch_name_on_connection (bus, "org.kde.StatusNotifierWatcher",
                                             G_BUS_NAME_WATCHER_FLAGS_NONE, watcher_appeared,
                                             watcher_vanished, t, NULL);
  return TRUE;
}

static tray_t *
tray_lookup (anode_ui_t *ui, double id)
{
  return g_hash_table_lookup (trays_get (ui)->trays, GUINT_TO_POINTER ((guint) id));
}

static void
emit_item_signal (tray_t *t, const char *signal)
{
  GDBusConnection *bus = anode_desk_bus (t->ui);
  if (bus != NULL)
    g_dbus_connection_emit_signal (bus, NULL, t->path, "org.kde.StatusNotifierItem", signal,
                                   NULL, NULL);
}

/* trayUpdate(id, what, value): what = "title" | "tooltip" (strings),
 * "image" ({width, height, data} or null), "menu" (a menu tree or null). */
static void
tray_update_cb (double id, const char *what, JSCValue *value, anode_ui_t *ui)
{
  tray_t *t = tray_lookup (ui, id);
  if (t == NULL)
    return;
  if (g_str_equal (what, "title") || g_str_equal (what, "tooltip")) {
    char **field = g_str_equal (what, "title") ? &t->title : &t->tooltip;
    g_free (*field);
    *field = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
    emit_item_signal (t, g_str_equal (what, "title") ? "NewTitle" : "NewToolTip");
  } else if (g_str_equal (what, "image")) {
    g_clear_pointer (&t->pixmaps, g_variant_unref);
    int w, h;
    const guint8 *px = anode_desk_pixels (value, &w, &h);
    if (px != NULL) {
      /* ARGB32 in network byte order, not premultiplied, as the spec asks. */
      guint8 *argb = anode_desk_unpremultiply (px, w, h, TRUE);
      GVariant *bytes = g_variant_new_from_data (G_VARIANT_TYPE ("ay"), argb, (gsize) w * h * 4,
                                                 TRUE, g_free, argb);
      GVariant *one = g_variant_new ("(ii@ay)", w, h, bytes);
      t->pixmaps = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), &one, 1));
    }
    emit_item_signal (t, "NewIcon");
  } else if (g_str_equal (what, "menu")) {
    node_free (t->menu);
    t->menu = node_new (0, g_variant_new_parsed ("{'children-display': <'submenu'>}"));
    build_nodes (t->menu, value);
    t->revision++;
    GDBusConnection *bus = anode_desk_bus (ui);
    if (bus != NULL)
      g_dbus_connection_emit_signal (bus, NULL, t->menu_path, "com.canonical.dbusmenu",
                                     "LayoutUpdated", g_variant_new ("(ui)", t->revision, 0), NULL);
  }
}

static void
tray_free (tray_t *t, GDBusConnection *bus)
{
  if (bus != NULL) {
    g_dbus_connection_unregister_object (bus, t->item_reg);
    g_dbus_connection_unregister_object (bus, t->menu_reg);
  }
  g_bus_unwatch_name (t->watch);
  g_bus_unown_name (t->name_own);
  node_free (t->menu);
  g_clear_pointer (&t->pixmaps, g_variant_unref);
  g_free (t->title);
  g_free (t->tooltip);
  g_free (t->path);
  g_free (t->menu_path);
  g_free (t->bus_name);
  g_free (t);
}

static void
tray_destroy_cb (double id, anode_ui_t *ui)
{
  tray_t *t = tray_lookup (ui, id);
  if (t == NULL)
    return;
  g_hash_table_remove (trays_get (ui)->trays, GUINT_TO_POINTER (t->id));
  tray_free (t, anode_desk_bus (ui));
}

void
anode_ui_tray_free (anode_desk_t *desk)
{
  trays_t *ts = desk->tray;
  if (ts == NULL)
    return;
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, ts->trays);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    tray_free (value, desk->bus);
  g_hash_table_unref (ts->trays);
  g_clear_pointer (&ts->item_info, g_dbus_node_info_unref);
  g_clear_pointer (&ts->menu_info, g_dbus_node_info_unref);
  g_free (ts);
  desk->tray = NULL;
}

void
anode_ui_tray_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "trayCreate", G_CALLBACK (tray_create_cb), ui, G_TYPE_BOOLEAN, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "trayUpdate", G_CALLBACK (tray_update_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_DOUBLE, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "trayDestroy", G_CALLBACK (tray_destroy_cb), ui, G_TYPE_NONE, 1,
                    G_TYPE_DOUBLE);
}
