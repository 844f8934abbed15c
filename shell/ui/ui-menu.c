/* Menu's native half: a JS menu tree becomes a GMenu plus a GAction per
 * item; a window shows it as a GtkPopoverMenuBar above its view with the
 * accelerators as GTK shortcuts, menu.popup() as a GtkPopoverMenu at the
 * pointer. Also trims WebKit's own context menu to the edit actions, or
 * hands the click to JS ('context-menu') when the app listens. */
#include "ui-desk.h"

typedef enum { ITEM_NORMAL, ITEM_CHECKBOX, ITEM_RADIO, ITEM_SUBMENU } item_kind_t;

typedef struct {
  guint id;
  item_kind_t kind;
  gboolean enabled, checked;
  char *accel; /* GTK syntax, may be NULL */
} menu_item_t;

typedef struct {
  guint id;
  GMenu *model;
  GHashTable *items;  /* item id -> menu_item_t */
  GPtrArray *groups;  /* GSimpleActionGroup per place it is shown */
} anode_menu_t;

static void
item_free (gpointer data)
{
  menu_item_t *it = data;
  g_free (it->accel);
  g_free (it);
}

static void
menu_free (gpointer data)
{
  anode_menu_t *m = data;
  g_object_unref (m->model);
  g_hash_table_unref (m->items);
  g_ptr_array_unref (m->groups);
  g_free (m);
}

void
anode_ui_menu_free (anode_desk_t *desk)
{
  if (desk->popup != NULL) {
    g_signal_handlers_disconnect_by_data (desk->popup, desk);
    gtk_widget_unparent (desk->popup);
    desk->popup = NULL;
  }
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, desk->menus);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    menu_free (value);
  g_hash_table_remove_all (desk->menus);
}

static anode_menu_t *
menu_lookup (anode_ui_t *ui, guint id)
{
  return g_hash_table_lookup (anode_desk_get (ui)->menus, GUINT_TO_POINTER (id));
}

GMenuModel *
anode_ui_menu_model (anode_ui_t *ui, guint menu_id)
{
  anode_menu_t *m = menu_lookup (ui, menu_id);
  return m ? G_MENU_MODEL (m->model) : NULL;
}

/* ---- activation */

/* What an activation is told: which window, and whether a key did it. */
static void
item_activate_cb (GSimpleAction *action, GVariant *param, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "anode-item"));
  guint window = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "anode-window"));
  gboolean accel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (action), "anode-accel"));
  g_autoptr (JSCValue) id = jsc_value_new_number (ctx, item);
  g_autoptr (JSCValue) info = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_int (info, "window", window);
  g_autoptr (JSCValue) by_accel = jsc_value_new_boolean (ctx, accel);
  anode_set_value (info, "triggeredByAccelerator", by_accel);
  anode_desk_emit (ui, "menu-click", id, info);
}

static GVariant *
item_state (menu_item_t *it)
{
  if (it->kind == ITEM_CHECKBOX)
    return g_variant_new_boolean (it->checked);
  if (it->kind == ITEM_RADIO)
    return g_variant_new_string (it->checked ? "on" : "off");
  return NULL;
}

static GSimpleAction *
action_new (anode_ui_t *ui, menu_item_t *it, guint window)
{
  g_autofree char *name = g_strdup_printf ("i%u", it->id);
  GSimpleAction *a;
  if (it->kind == ITEM_CHECKBOX || it->kind == ITEM_SUBMENU)
    a = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (it->checked));
  else if (it->kind == ITEM_RADIO)
    a = g_simple_action_new_stateful (name, G_VARIANT_TYPE_STRING, item_state (it));
  else
    a = g_simple_action_new (name, NULL);
  g_simple_action_set_enabled (a, it->enabled);
  g_object_set_data (G_OBJECT (a), "anode-item", GUINT_TO_POINTER (it->id));
  g_object_set_data (G_OBJECT (a), "anode-window", GUINT_TO_POINTER (window));
  if (it->kind == ITEM_SUBMENU) {
    /* A submenu's action only says whether it opens: let GTK set it. */
    return a;
  }
  g_signal_connect (a, "activate", G_CALLBACK (item_activate_cb), ui);
  return a;
}

/* Brings `group` in line with the menu's items, keeping actions that stay
 * (an open menu keeps working while items change). */
static void
sync_group (anode_ui_t *ui, anode_menu_t *m, GSimpleActionGroup *group)
{
  guint window = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "anode-window"));
  g_auto (GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (group));
  for (guint i = 0; names[i] != NULL; i++) {
    guint id = (guint) g_ascii_strtoull (names[i] + 1, NULL, 10);
    menu_item_t *it = g_hash_table_lookup (m->items, GUINT_TO_POINTER (id));
    GAction *a = g_action_map_lookup_action (G_ACTION_MAP (group), names[i]);
    gboolean radio_now = g_action_get_parameter_type (a) != NULL;
    gboolean stateful_now = g_action_get_state_type (a) != NULL;
    if (it == NULL || (it->kind == ITEM_RADIO) != radio_now ||
        (it->kind == ITEM_CHECKBOX || it->kind == ITEM_SUBMENU || it->kind == ITEM_RADIO) != stateful_now)
      g_action_map_remove_action (G_ACTION_MAP (group), names[i]);
  }
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, m->items);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    menu_item_t *it = value;
    g_autofree char *name = g_strdup_printf ("i%u", it->id);
    GAction *a = g_action_map_lookup_action (G_ACTION_MAP (group), name);
    if (a == NULL) {
      g_autoptr (GSimpleAction) na = action_new (ui, it, window);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (na));
      continue;
    }
    g_simple_action_set_enabled (G_SIMPLE_ACTION (a), it->enabled);
    GVariant *state = item_state (it);
    if (state != NULL)
      g_simple_action_set_state (G_SIMPLE_ACTION (a), state);
  }
}

static GSimpleActionGroup *
group_new (anode_ui_t *ui, anode_menu_t *m, guint window)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  g_object_set_data (G_OBJECT (group), "anode-window", GUINT_TO_POINTER (window));
  sync_group (ui, m, group);
  g_ptr_array_add (m->groups, group);
  return group;
}

static void
group_drop (anode_ui_t *ui, guint menu_id, GActionGroup *group)
{
  anode_menu_t *m = menu_lookup (ui, menu_id);
  if (m != NULL && group != NULL)
    g_ptr_array_remove (m->groups, group);
}

/* ---- building the model */

static void
build_level (anode_menu_t *m, JSCValue *array, GMenu *out, GError **error)
{
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (array, "length");
  int len = jsc_value_to_int32 (len_v);
  g_autoptr (GMenu) section = g_menu_new ();
  for (int i = 0; i < len && *error == NULL; i++) {
    g_autoptr (JSCValue) o = jsc_value_object_get_property_at_index (array, i);
    if (!jsc_value_is_object (o))
      continue;
    g_autofree char *type = anode_desk_opt_string (o, "type");
    guint id = (guint) anode_desk_opt_number (o, "id", 0);
    if (!anode_desk_opt_bool (o, "visible", TRUE))
      continue;
    if (type != NULL && g_str_equal (type, "separator")) {
      if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0) {
        g_menu_append_section (out, NULL, G_MENU_MODEL (section));
        g_object_unref (section);
        section = g_menu_new ();
      }
      continue;
    }
    menu_item_t *it = g_new0 (menu_item_t, 1);
    it->id = id;
    it->enabled = anode_desk_opt_bool (o, "enabled", TRUE);
    it->checked = anode_desk_opt_bool (o, "checked", FALSE);
    it->accel = anode_desk_opt_string (o, "accel");
    if (it->accel != NULL) {
      guint key = 0;
      GdkModifierType mods = 0;
      if (!gtk_accelerator_parse (it->accel, &key, &mods)) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "GTK cannot use the accelerator '%s'", it->accel);
        item_free (it);
        break;
      }
    }
    g_hash_table_replace (m->items, GUINT_TO_POINTER (id), it);
    g_autofree char *label = anode_desk_opt_string (o, "label");
    g_autofree char *detailed = g_strdup_printf ("menu.i%u", id);
    g_autoptr (JSCValue) sub = jsc_value_object_get_property (o, "submenu");
    g_autoptr (GMenuItem) item = NULL;
    if (jsc_value_is_array (sub)) {
      it->kind = ITEM_SUBMENU;
      g_autoptr (GMenu) submodel = g_menu_new ();
      build_level (m, sub, submodel, error);
      item = g_menu_item_new_submenu (label, G_MENU_MODEL (submodel));
      g_menu_item_set_attribute (item, "submenu-action", "s", detailed);
    } else {
      item = g_menu_item_new (label, NULL);
      if (type != NULL && g_str_equal (type, "checkbox")) {
        it->kind = ITEM_CHECKBOX;
        g_menu_item_set_action_and_target_value (item, detailed, NULL);
      } else if (type != NULL && g_str_equal (type, "radio")) {
        it->kind = ITEM_RADIO;
        g_menu_item_set_action_and_target_value (item, detailed, g_variant_new_string ("on"));
      } else {
        g_menu_item_set_action_and_target_value (item, detailed, NULL);
      }
      if (it->accel != NULL)
        g_menu_item_set_attribute (item, "accel", "s", it->accel);
    }
    g_menu_append_item (section, item);
  }
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (out, NULL, G_MENU_MODEL (section));
}

static gboolean
same_attributes (GMenuModel *a, int i, GMenuModel *b, int j)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GMenuAttributeIter) it = g_menu_model_iterate_item_attributes (a, i);
  const char *name;
  GVariant *value;
  while (g_menu_attribute_iter_get_next (it, &name, &value)) {
    g_autoptr (GVariant) v = value;
    g_autoptr (GVariant) other = g_menu_model_get_item_attribute_value (b, j, name, NULL);
    if (other == NULL || !g_variant_equal (v, other))
      return FALSE;
    g_hash_table_add (seen, g_strdup (name));
  }
  g_autoptr (GMenuAttributeIter) it2 = g_menu_model_iterate_item_attributes (b, j);
  while (g_menu_attribute_iter_get_next (it2, &name, &value)) {
    g_variant_unref (value);
    if (!g_hash_table_contains (seen, name))
      return FALSE;
  }
  return TRUE;
}

/* Makes `target` (ours, with GMenu links) show what `fresh` holds,
 * replacing only the items that differ. */
static void
sync_model (GMenu *target, GMenuModel *fresh)
{
  int n_new = g_menu_model_get_n_items (fresh);
  for (int i = 0; i < n_new; i++) {
    gboolean keep = FALSE;
    if (i < g_menu_model_get_n_items (G_MENU_MODEL (target)) &&
        same_attributes (G_MENU_MODEL (target), i, fresh, i)) {
      keep = TRUE;
      const char *links[] = { G_MENU_LINK_SECTION, G_MENU_LINK_SUBMENU };
      for (int k = 0; k < 2 && keep; k++) {
        g_autoptr (GMenuModel) old_link = g_menu_model_get_item_link (G_MENU_MODEL (target), i, links[k]);
        g_autoptr (GMenuModel) new_link = g_menu_model_get_item_link (fresh, i, links[k]);
        if ((old_link == NULL) != (new_link == NULL) || (old_link != NULL && !G_IS_MENU (old_link)))
          keep = FALSE;
      }
      for (int k = 0; k < 2 && keep; k++) {
        g_autoptr (GMenuModel) old_link = g_menu_model_get_item_link (G_MENU_MODEL (target), i, links[k]);
        g_autoptr (GMenuModel) new_link = g_menu_model_get_item_link (fresh, i, links[k]);
        if (old_link != NULL)
          sync_model (G_MENU (old_link), new_link);
      }
    }
    if (keep)
      continue;
    g_autoptr (GMenuItem) item = g_menu_item_new_from_model (fresh, i);
    if (i < g_menu_model_get_n_items (G_MENU_MODEL (target)))
      g_menu_remove (target, i);
    g_menu_insert_item (target, i, item);
  }
  while (g_menu_model_get_n_items (G_MENU_MODEL (target)) > n_new)
    g_menu_remove (target, n_new);
}

static void rebuild_window_keys (anode_window_t *w);

/* menuSet(menuId, items): makes or replaces menu `menuId`; every place it
 * is shown follows. Throws when GTK refuses an accelerator. */
static void
menu_set_cb (double id_d, JSCValue *items, anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  guint id = (guint) id_d;
  anode_menu_t *m = menu_lookup (ui, id);
  if (m == NULL) {
    m = g_new0 (anode_menu_t, 1);
    m->id = id;
    m->model = g_menu_new ();
    m->items = g_hash_table_new_full (NULL, NULL, NULL, item_free);
    m->groups = g_ptr_array_new_with_free_func (g_object_unref);
    g_hash_table_insert (desk->menus, GUINT_TO_POINTER (id), m);
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (GMenu) fresh = g_menu_new ();
  g_hash_table_remove_all (m->items);
  if (jsc_value_is_array (items))
    build_level (m, items, fresh, &error);
  if (error != NULL) {
    anode_desk_throw (ui->rt->ctx, "%s", error->message);
    return;
  }
  /* The shown model object stays: menu bars and open popups follow it.
   * Only what changed is replaced: GTK 4.8's menu bar touches items it
   * has dropped when they were active. */
  sync_model (m->model, G_MENU_MODEL (fresh));
  for (guint i = 0; i < m->groups->len; i++)
    sync_group (ui, m, m->groups->pdata[i]);
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, ui->windows);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    anode_window_t *w = value;
    if (!w->destroyed && w->menu_id == id)
      rebuild_window_keys (w);
  }
}

/* menuFree(menuId): the JS Menu was collected. A menu still shown keeps
 * its record (its window or popup holds the JS object too, so this is
 * a safety net). */
static void
menu_free_cb (double id_d, anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  anode_menu_t *m = menu_lookup (ui, (guint) id_d);
  if (m == NULL || m->groups->len > 0)
    return;
  g_hash_table_remove (desk->menus, GUINT_TO_POINTER (m->id));
  menu_free (m);
}

/* ---- menu bars and accelerators */

typedef struct {
  anode_ui_t *ui;
  guint window, item;
} accel_target_t;

static gboolean
accel_cb (GtkWidget *widget, GVariant *args, gpointer data)
{
  accel_target_t *t = data;
  anode_window_t *w = anode_ui_window_lookup (t->ui, t->window);
  if (w == NULL || w->menubar == NULL)
    return FALSE;
  GActionGroup *group = g_object_get_data (G_OBJECT (w->menubar), "anode-group");
  g_autofree char *name = g_strdup_printf ("i%u", t->item);
  GAction *a = group ? g_action_map_lookup_action (G_ACTION_MAP (group), name) : NULL;
  if (a == NULL || !g_action_get_enabled (a))
    return FALSE;
  g_object_set_data (G_OBJECT (a), "anode-accel", GINT_TO_POINTER (TRUE));
  g_action_activate (a, g_action_get_parameter_type (a) ? g_variant_new_string ("on") : NULL);
  /* The action may be gone now (a click handler replaced the menu). */
  a = g_action_map_lookup_action (G_ACTION_MAP (group), name);
  if (a != NULL)
    g_object_set_data (G_OBJECT (a), "anode-accel", NULL);
  return TRUE;
}

static void
rebuild_window_keys (anode_window_t *w)
{
  anode_ui_t *ui = w->ui;
  if (w->menu_keys != NULL) {
    gtk_widget_remove_controller (GTK_WIDGET (w->window), w->menu_keys);
    w->menu_keys = NULL;
  }
  anode_menu_t *m = menu_lookup (ui, w->menu_id);
  if (m == NULL || w->menubar == NULL)
    return;
  GtkEventController *keys = gtk_shortcut_controller_new ();
  /* Menu accelerators win over the page, as in Electron. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_LOCAL);
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, m->items);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    menu_item_t *it = value;
    if (it->accel == NULL || it->kind == ITEM_SUBMENU)
      continue;
    GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (it->accel);
    if (trigger == NULL)
      continue;
    accel_target_t *t = g_new (accel_target_t, 1);
    *t = (accel_target_t) { ui, w->id, it->id };
    GtkShortcutAction *action = gtk_callback_action_new (accel_cb, t, g_free);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (trigger, action));
  }
  gtk_widget_add_controller (GTK_WIDGET (w->window), keys);
  w->menu_keys = keys;
}

static void
remove_menubar (anode_window_t *w)
{
  if (w->menubar == NULL)
    return;
  GActionGroup *group = g_object_get_data (G_OBJECT (w->menubar), "anode-group");
  group_drop (w->ui, w->menu_id, group);
  gtk_widget_insert_action_group (GTK_WIDGET (w->window), "menu", NULL);
  /* GTK 4.8's menu bar items keep state that outlives them when the bar
   * goes while it holds the focus or an item is active: give the focus
   * back to the page and hide the bar first. */
  GtkWidget *focus = gtk_window_get_focus (w->window);
  if (focus != NULL && (focus == w->menubar || gtk_widget_is_ancestor (focus, w->menubar)))
    gtk_window_set_focus (w->window, GTK_WIDGET (w->view));
  gtk_widget_set_visible (w->menubar, FALSE);
  gtk_box_remove (GTK_BOX (w->box), w->menubar);
  w->menubar = NULL;
  w->menu_id = 0;
  rebuild_window_keys (w);
}

/* setMenuBar(windowId, menuId): 0 removes it. */
static void
set_menubar_cb (double win_id, double menu_id, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  if (w == NULL)
    return;
  remove_menubar (w);
  anode_menu_t *m = menu_lookup (ui, (guint) menu_id);
  if (m == NULL)
    return;
  GSimpleActionGroup *group = group_new (ui, m, w->id);
  w->menu_id = m->id;
  w->menubar = gtk_popover_menu_bar_new_from_model (G_MENU_MODEL (m->model));
  g_object_set_data (G_OBJECT (w->menubar), "anode-group", group);
  gtk_widget_insert_action_group (GTK_WIDGET (w->window), "menu", G_ACTION_GROUP (group));
  gtk_box_prepend (GTK_BOX (w->box), w->menubar);
  rebuild_window_keys (w);
}

static void
set_menubar_visible_cb (double win_id, gboolean visible, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  if (w != NULL && w->menubar != NULL)
    gtk_widget_set_visible (w->menubar, visible);
}

/* menuActivate(windowId, itemId): as a click on the window's menu bar item,
 * through GTK's action machinery. False when there is no such enabled item. */
static gboolean
menu_activate_cb (double win_id, double item_id, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  anode_desk_t *desk = anode_desk_get (ui);
  g_autofree char *name = g_strdup_printf ("i%u", (guint) item_id);
  g_autofree char *detailed = g_strdup_printf ("menu.%s", name);
  GtkWidget *target = NULL;
  GActionGroup *group = NULL;
  if (desk->popup != NULL) {
    target = desk->popup;
    group = g_object_get_data (G_OBJECT (desk->popup), "anode-group");
  }
  if (group == NULL || !g_action_group_has_action (group, name)) {
    if (w == NULL || w->menubar == NULL)
      return FALSE;
    target = GTK_WIDGET (w->window);
    group = g_object_get_data (G_OBJECT (w->menubar), "anode-group");
  }
  if (!g_action_group_has_action (group, name) ||
      !g_action_group_get_action_enabled (group, name))
    return FALSE;
  const GVariantType *pt = g_action_group_get_action_parameter_type (group, name);
  if (desk->popup != NULL && target == desk->popup)
    gtk_popover_popdown (GTK_POPOVER (desk->popup));
  return gtk_widget_activate_action_variant (target, detailed,
                                             pt ? g_variant_new_string ("on") : NULL);
}

/* ---- popups */

static gboolean
unparent_later_cb (gpointer data)
{
  GtkWidget *popover = data;
  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
popup_closed_cb (GtkPopover *popover, anode_desk_t *desk)
{
  anode_ui_t *ui = desk->ui;
  if (desk->popup != GTK_WIDGET (popover))
    return;
  guint token = desk->popup_token;
  GActionGroup *group = g_object_get_data (G_OBJECT (popover), "anode-group");
  group_drop (ui, desk->popup_menu, group);
  g_signal_handlers_disconnect_by_data (popover, desk);
  desk->popup = NULL;
  /* The clicked item's action runs after 'closed': unparent after it. */
  g_idle_add (unparent_later_cb, g_object_ref (popover));
  g_autoptr (JSCValue) t = jsc_value_new_number (ui->rt->ctx, token);
  anode_desk_emit (ui, "menu-closed", t, NULL);
}

static void
close_popup (anode_desk_t *desk)
{
  if (desk->popup != NULL)
    gtk_popover_popdown (GTK_POPOVER (desk->popup));
}

/* menuPopup(menuId, windowId, x, y, token): x < 0 means at the pointer.
 * Returns false when there is no such window or menu. */
static gboolean
menu_popup_cb (double menu_id, double win_id, double x, double y, double token,
               anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  anode_menu_t *m = menu_lookup (ui, (guint) menu_id);
  if (w == NULL || m == NULL)
    return FALSE;
  close_popup (desk);
  if (desk->popup != NULL)
    popup_closed_cb (GTK_POPOVER (desk->popup), desk);
  if (x < 0 || y < 0) {
    GdkSurface *s = gtk_native_get_surface (GTK_NATIVE (w->window));
    GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (GTK_WIDGET (w->window)));
    double px = 0, py = 0, tx = 0, ty = 0;
    if (s != NULL && seat != NULL)
      gdk_surface_get_device_position (s, gdk_seat_get_pointer (seat), &px, &py, NULL);
    gtk_native_get_surface_transform (GTK_NATIVE (w->window), &tx, &ty);
    x = px - tx;
    y = py - ty;
  }
  GtkWidget *popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (m->model));
  GSimpleActionGroup *group = group_new (ui, m, w->id);
  g_object_set_data (G_OBJECT (popover), "anode-group", group);
  gtk_widget_insert_action_group (popover, "menu", G_ACTION_GROUP (group));
  gtk_widget_set_parent (popover, w->box);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  GdkRectangle at = { (int) x, (int) y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &at);
  desk->popup = popover;
  desk->popup_menu = m->id;
  desk->popup_token = (guint) token;
  g_signal_connect (popover, "closed", G_CALLBACK (popup_closed_cb), desk);
  gtk_popover_popup (GTK_POPOVER (popover));
  return TRUE;
}

static void
menu_close_popup_cb (anode_ui_t *ui)
{
  close_popup (anode_desk_get (ui));
}

/* ---- describing what GTK shows (for tests and menu inspection) */

static JSCValue *describe_model (anode_ui_t *ui, GMenuModel *model, GActionGroup *group);

static void
describe_into (anode_ui_t *ui, GMenuModel *model, GActionGroup *group, JSCValue *out)
{
  JSCContext *ctx = ui->rt->ctx;
  for (int i = 0; i < g_menu_model_get_n_items (model); i++) {
    g_autoptr (GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
    if (section != NULL) {
      g_autoptr (JSCValue) len_v = jsc_value_object_get_property (out, "length");
      if (jsc_value_to_int32 (len_v) > 0) {
        g_autoptr (JSCValue) sep = jsc_value_new_object (ctx, NULL, NULL);
        anode_set_string (sep, "type", "separator");
        jsc_value_object_set_property_at_index (out, jsc_value_to_int32 (len_v), sep);
      }
      describe_into (ui, section, group, out);
      continue;
    }
    g_autoptr (JSCValue) o = jsc_value_new_object (ctx, NULL, NULL);
    g_autofree char *label = NULL, *action = NULL, *accel = NULL;
    g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
    if (!g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
      g_menu_model_get_item_attribute (model, i, "submenu-action", "s", &action);
    g_menu_model_get_item_attribute (model, i, "accel", "s", &accel);
    anode_set_string (o, "label", label ? label : "");
    if (accel != NULL)
      anode_set_string (o, "accel", accel);
    if (action != NULL && group != NULL) {
      const char *name = g_str_has_prefix (action, "menu.") ? action + 5 : action;
      gboolean enabled = g_action_group_has_action (group, name) &&
                         g_action_group_get_action_enabled (group, name);
      g_autoptr (JSCValue) e = jsc_value_new_boolean (ctx, enabled);
      anode_set_value (o, "enabled", e);
      g_autoptr (GVariant) st = g_action_group_has_action (group, name)
        ? g_action_group_get_action_state (group, name) : NULL;
      g_autoptr (GMenuModel) sub0 = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      if (st != NULL && sub0 == NULL) {
        gboolean on = g_variant_is_of_type (st, G_VARIANT_TYPE_BOOLEAN)
          ? g_variant_get_boolean (st) : g_str_equal (g_variant_get_string (st, NULL), "on");
        g_autoptr (JSCValue) c = jsc_value_new_boolean (ctx, on);
        anode_set_value (o, "checked", c);
      }
    }
    g_autoptr (GMenuModel) sub = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
    if (sub != NULL) {
      g_autoptr (JSCValue) s = describe_model (ui, sub, group);
      anode_set_value (o, "submenu", s);
    }
    g_autoptr (JSCValue) len_v = jsc_value_object_get_property (out, "length");
    jsc_value_object_set_property_at_index (out, jsc_value_to_int32 (len_v), o);
  }
}

static JSCValue *
describe_model (anode_ui_t *ui, GMenuModel *model, GActionGroup *group)
{
  JSCValue *out = jsc_value_new_array (ui->rt->ctx, G_TYPE_NONE);
  describe_into (ui, model, group, out);
  return out;
}

static GtkWidget *
find_open_popover_menu (GtkWidget *widget)
{
  if (GTK_IS_POPOVER_MENU (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c)) {
    GtkWidget *found = find_open_popover_menu (c);
    if (found != NULL)
      return found;
  }
  return NULL;
}

/* menuDescribe(windowId, popup): what the window's menu bar (or the open
 * popup) shows: labels, accelerators, enabled and checked as GTK has them;
 * null when there is none. */
static JSCValue *
menu_describe_cb (double win_id, gboolean popup, anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  if (popup) {
    if (desk->popup == NULL) {
      /* Someone else's menu (WebKit's context menu): labels only. */
      GtkWidget *open = w ? find_open_popover_menu (GTK_WIDGET (w->window)) : NULL;
      if (open == NULL)
        return jsc_value_new_null (ui->rt->ctx);
      return describe_model (ui, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (open)), NULL);
    }
    GMenuModel *model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (desk->popup));
    return describe_model (ui, model, g_object_get_data (G_OBJECT (desk->popup), "anode-group"));
  }
  if (w == NULL || w->menubar == NULL || !gtk_widget_get_visible (w->menubar))
    return jsc_value_new_null (ui->rt->ctx);
  GMenuModel *model = gtk_popover_menu_bar_get_menu_model (GTK_POPOVER_MENU_BAR (w->menubar));
  return describe_model (ui, model, g_object_get_data (G_OBJECT (w->menubar), "anode-group"));
}

/* menuBarHeight(windowId): the menu bar's height in pixels (0 if none). */
static double
menubar_height_cb (double win_id, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  if (w == NULL || w->menubar == NULL || !gtk_widget_get_visible (w->menubar))
    return 0;
  return gtk_widget_get_height (w->menubar);
}

static int
count_open_popovers (GtkWidget *widget)
{
  int n = GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget) ? 1 : 0;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += count_open_popovers (c);
  return n;
}

/* menuOpenPopovers(windowId): how many menus are open (mapped) in it. */
static double
open_popovers_cb (double win_id, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  return w != NULL ? count_open_popovers (GTK_WIDGET (w->window)) : 0;
}

/* ---- the page's context menu */

static gboolean
keep_action (WebKitContextMenuAction a)
{
  switch (a) {
  case WEBKIT_CONTEXT_MENU_ACTION_COPY:
  case WEBKIT_CONTEXT_MENU_ACTION_CUT:
  case WEBKIT_CONTEXT_MENU_ACTION_PASTE:
  case WEBKIT_CONTEXT_MENU_ACTION_PASTE_AS_PLAIN_TEXT:
  case WEBKIT_CONTEXT_MENU_ACTION_DELETE:
  case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
  case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
  case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
  case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
  case WEBKIT_CONTEXT_MENU_ACTION_SPELLING_GUESS:
  case WEBKIT_CONTEXT_MENU_ACTION_NO_GUESSES_FOUND:
  case WEBKIT_CONTEXT_MENU_ACTION_IGNORE_SPELLING:
  case WEBKIT_CONTEXT_MENU_ACTION_LEARN_SPELLING:
  case WEBKIT_CONTEXT_MENU_ACTION_INSERT_EMOJI:
  case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean
context_menu_cb (WebKitWebView *view, WebKitContextMenu *menu,
                 WebKitHitTestResult *hit, anode_window_t *w)
{
  anode_ui_t *ui = w->ui;
  JSCContext *ctx = ui->rt->ctx;
  g_autoptr (JSCValue) params = jsc_value_new_object (ctx, NULL, NULL);
  double x = 0, y = 0;
  GdkEvent *event = webkit_context_menu_get_event (menu);
  if (event != NULL)
    gdk_event_get_position (event, &x, &y);
  anode_set_int (params, "x", (gint64) x);
  anode_set_int (params, "y", (gint64) y);
  const char *link = webkit_hit_test_result_get_link_uri (hit);
  const char *link_text = webkit_hit_test_result_get_link_label (hit);
  const char *src = webkit_hit_test_result_get_image_uri (hit);
  if (src == NULL)
    src = webkit_hit_test_result_get_media_uri (hit);
  anode_set_string (params, "linkURL", link ? link : "");
  anode_set_string (params, "linkText", link_text ? link_text : "");
  anode_set_string (params, "srcURL", src ? src : "");
  anode_set_string (params, "pageURL", webkit_web_view_get_uri (view) ? webkit_web_view_get_uri (view) : "");
  anode_set_string (params, "mediaType",
                    webkit_hit_test_result_context_is_image (hit) ? "image"
                    : webkit_hit_test_result_context_is_media (hit) ? "video" : "none");
  gboolean editable = webkit_hit_test_result_context_is_editable (hit);
  gboolean selection = webkit_hit_test_result_context_is_selection (hit);
  g_autoptr (JSCValue) ed = jsc_value_new_boolean (ctx, editable);
  anode_set_value (params, "isEditable", ed);
  g_autoptr (JSCValue) sel = jsc_value_new_boolean (ctx, selection);
  anode_set_value (params, "hasSelection", sel);
  g_autoptr (JSCValue) img = jsc_value_new_boolean (ctx, webkit_hit_test_result_context_is_image (hit));
  anode_set_value (params, "hasImageContents", img);
  /* JS answers true when the app listens to 'context-menu': it shows its
   * own menu (or none). */
  if (anode_ui_emit (w, "context-menu", params, NULL))
    return TRUE;
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));
  gboolean last_sep = TRUE;
  for (GList *l = items; l != NULL; l = l->next) {
    WebKitContextMenuItem *item = l->data;
    if (webkit_context_menu_item_is_separator (item)) {
      if (last_sep)
        webkit_context_menu_remove (menu, item);
      last_sep = TRUE;
      continue;
    }
    WebKitContextMenuAction a = webkit_context_menu_item_get_stock_action (item);
    if (keep_action (a))
      last_sep = FALSE;
    else
      webkit_context_menu_remove (menu, item);
  }
  g_list_free (items);
  guint n = webkit_context_menu_get_n_items (menu);
  if (n > 0) {
    WebKitContextMenuItem *last = webkit_context_menu_get_item_at_position (menu, n - 1);
    if (webkit_context_menu_item_is_separator (last))
      webkit_context_menu_remove (menu, last);
  }
  return webkit_context_menu_get_n_items (menu) == 0;
}

/* editCommand(windowId, command): WebKit's editing commands (Undo, Cut...). */
static void
edit_command_cb (double win_id, const char *command, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) win_id);
  if (w != NULL && w->view != NULL)
    webkit_web_view_execute_editing_command (w->view, command);
}

void
anode_ui_menu_window_created (anode_window_t *w)
{
  g_signal_connect (w->view, "context-menu", G_CALLBACK (context_menu_cb), w);
}

void
anode_ui_menu_window_destroyed (anode_window_t *w)
{
  anode_desk_t *desk = w->ui->desk;
  if (desk != NULL && desk->popup != NULL &&
      gtk_widget_get_root (desk->popup) == GTK_ROOT (w->window)) {
    GtkWidget *popover = desk->popup;
    popup_closed_cb (GTK_POPOVER (popover), desk);
  }
  if (w->menubar != NULL) {
    GActionGroup *group = g_object_get_data (G_OBJECT (w->menubar), "anode-group");
    group_drop (w->ui, w->menu_id, group);
  }
}

/* `anode dev` replaces the runtime: the window stays on screen until the
 * next runtime's window replaces it, its menu bar still drawn but inert
 * (no actions, no accelerators). Its actions would otherwise reach the
 * next runtime, whose window and menu item ids start over. */
void
anode_ui_menu_window_orphaned (anode_window_t *w)
{
  if (w->menubar != NULL) {
    GActionGroup *group = g_object_get_data (G_OBJECT (w->menubar), "anode-group");
    group_drop (w->ui, w->menu_id, group);
    gtk_widget_insert_action_group (GTK_WIDGET (w->window), "menu", NULL);
    w->menubar = NULL;
  }
  w->menu_id = 0;
  if (w->menu_keys != NULL) {
    gtk_widget_remove_controller (GTK_WIDGET (w->window), w->menu_keys);
    w->menu_keys = NULL;
  }
}

/* menuStats(): the native menus alive and the places showing them. */
static JSCValue *
menu_stats_cb (anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  guint places = 0;
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, desk->menus);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    places += ((anode_menu_t *) value)->groups->len;
  JSCValue *out = jsc_value_new_object (ui->rt->ctx, NULL, NULL);
  anode_set_int (out, "menus", g_hash_table_size (desk->menus));
  anode_set_int (out, "places", places);
  return out;
}

void
anode_ui_menu_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "menuStats", G_CALLBACK (menu_stats_cb), ui, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "menuSet", G_CALLBACK (menu_set_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, JSC_TYPE_VALUE);
  anode_set_method (b, "menuFree", G_CALLBACK (menu_free_cb), ui, G_TYPE_NONE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "setMenuBar", G_CALLBACK (set_menubar_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  anode_set_method (b, "setMenuBarVisible", G_CALLBACK (set_menubar_visible_cb), ui,
                    G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
  anode_set_method (b, "menuActivate", G_CALLBACK (menu_activate_cb), ui, G_TYPE_BOOLEAN,
                    2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  anode_set_method (b, "menuPopup", G_CALLBACK (menu_popup_cb), ui, G_TYPE_BOOLEAN, 5,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "menuClosePopup", G_CALLBACK (menu_close_popup_cb), ui,
                    G_TYPE_NONE, 0);
  anode_set_method (b, "menuDescribe", G_CALLBACK (menu_describe_cb), ui, JSC_TYPE_VALUE,
                    2, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
  anode_set_method (b, "menuBarHeight", G_CALLBACK (menubar_height_cb), ui, G_TYPE_DOUBLE,
                    1, G_TYPE_DOUBLE);
  anode_set_method (b, "menuOpenPopovers", G_CALLBACK (open_popovers_cb), ui,
                    G_TYPE_DOUBLE, 1, G_TYPE_DOUBLE);
  anode_set_method (b, "editCommand", G_CALLBACK (edit_command_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_DOUBLE, G_TYPE_STRING);
}
