/* app's single-instance lock: GApplication uniqueness on the D-Bus session
 * bus. The first instance owns the name; later ones forward their argv and
 * cwd to it ('second-instance') and learn they must quit. */
#include "ui-private.h"

static void
second_instance_cb (GSimpleAction *action, GVariant *param, anode_ui_t *ui)
{
  /* Between two runtimes of `anode dev` nobody listens. */
  if (ui->emit == NULL)
    return;
  JSCContext *ctx = ui->rt->ctx;
  g_autofree const char **argv = NULL;
  const char *cwd = NULL, *data = NULL;
  g_variant_get (param, "(^a&s&s&s)", &argv, &cwd, &data);
  g_autoptr (JSCValue) args = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; argv[i] != NULL; i++) {
    g_autoptr (JSCValue) s = jsc_value_new_string (ctx, argv[i]);
    jsc_value_object_set_property_at_index (args, i, s);
  }
  g_autoptr (JSCValue) info = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_value (info, "argv", args);
  anode_set_string (info, "cwd", cwd);
  anode_set_string (info, "data", data);
  anode_ui_emit_id (ui, 0, "second-instance", info, NULL);
}

/* An application id GLib accepts, from the app's name. Caller frees. */
static char *
app_id_for (const char *name)
{
  GString *id = g_string_new ("io.anode.app_");
  for (const char *p = name; *p; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) ? *p : '_');
  return g_string_free (id, FALSE);
}

/* requestSingleInstanceLock(name, argv[], cwd, dataJSON): true if we hold
 * the lock. Throws if there is no session bus to hold it on. */
static gboolean
request_lock_cb (const char *name, JSCValue *argv_v, const char *cwd,
                 const char *data, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  if (ui->unique_app != NULL)
    return TRUE;
  g_autofree char *id = app_id_for (name);
  g_autoptr (GApplication) app = g_application_new (id, G_APPLICATION_DEFAULT_FLAGS);
  g_autoptr (GError) error = NULL;
  GSimpleAction *action = g_simple_action_new ("second-instance", G_VARIANT_TYPE ("(asss)"));
  g_signal_connect (action, "activate", G_CALLBACK (second_instance_cb), ui);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
  g_object_unref (action);
  if (!g_application_register (app, NULL, &error)) {
    g_autofree char *msg = g_strdup_printf (
      "requestSingleInstanceLock: no D-Bus session bus to hold the lock on: %s",
      error->message);
    jsc_context_throw (ctx, msg);
    return FALSE;
  }
  if (!g_application_get_is_remote (app)) {
    ui->unique_app = g_steal_pointer (&app);
    return TRUE;
  }
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (argv_v, "length");
  for (int i = 0, n = jsc_value_to_int32 (len_v); i < n; i++) {
    g_autoptr (JSCValue) a = jsc_value_object_get_property_at_index (argv_v, i);
    g_ptr_array_add (argv, jsc_value_to_string (a));
  }
  g_ptr_array_add (argv, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "second-instance",
    g_variant_new ("(^asss)", (char **) argv->pdata, cwd, data));
  GDBusConnection *bus = g_application_get_dbus_connection (app);
  if (bus != NULL)
    g_dbus_connection_flush_sync (bus, NULL, NULL);
  return FALSE;
}

static void
release_lock_cb (anode_ui_t *ui)
{
  g_clear_object (&ui->unique_app);
}

/* spawnDetached(file, args[], cwd): app.relaunch's new instance, started
 * as the old one exits. */
static gboolean
spawn_detached_cb (const char *file, JSCValue *args_v, const char *cwd, anode_ui_t *ui)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup (file));
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (args_v, "length");
  for (int i = 0, n = jsc_value_to_int32 (len_v); i < n; i++) {
    g_autoptr (JSCValue) a = jsc_value_object_get_property_at_index (args_v, i);
    g_ptr_array_add (argv, jsc_value_to_string (a));
  }
  g_ptr_array_add (argv, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_spawn_async (cwd, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                      NULL, &error)) {
    g_printerr ("anode: app.relaunch: cannot start %s: %s\n", file, error->message);
    return FALSE;
  }
  return TRUE;
}

/* setProgress(appName, progress, visible): the launcher progress bar of
 * Unity's LauncherEntry D-Bus API, which docks and taskbars (Dash to Dock,
 * Plank, KDE's task manager) follow, as Electron does on Linux. */
static void
set_progress_cb (const char *name, double progress, gboolean visible, anode_ui_t *ui)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return;
  g_autofree char *app_uri = g_strdup_printf ("application://%s.desktop", name);
  GVariantBuilder props;
  g_variant_builder_init (&props, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&props, "{sv}", "progress", g_variant_new_double (CLAMP (progress, 0, 1)));
  g_variant_builder_add (&props, "{sv}", "progress-visible", g_variant_new_boolean (visible));
  g_dbus_connection_emit_signal (bus, NULL, "/com/canonical/unity/launcherentry/anode",
                                 "com.canonical.Unity.LauncherEntry", "Update",
                                 g_variant_new ("(sa{sv})", app_uri, &props), NULL);
  g_dbus_connection_flush_sync (bus, NULL, NULL);
}

void
anode_ui_app_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "spawnDetached", G_CALLBACK (spawn_detached_cb), ui, G_TYPE_BOOLEAN,
                    3, G_TYPE_STRING, JSC_TYPE_VALUE, G_TYPE_STRING);
  anode_set_method (b, "setProgress", G_CALLBACK (set_progress_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
  anode_set_method (b, "requestSingleInstanceLock", G_CALLBACK (request_lock_cb), ui,
                    G_TYPE_BOOLEAN, 4, G_TYPE_STRING, JSC_TYPE_VALUE, G_TYPE_STRING,
                    G_TYPE_STRING);
  anode_set_method (b, "releaseSingleInstanceLock", G_CALLBACK (release_lock_cb), ui,
                    G_TYPE_NONE, 0);
}
