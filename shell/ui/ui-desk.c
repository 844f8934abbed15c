/* The common part of the desktop-integration modules: their shared state,
 * events to JS, the session bus, option readers, and one bind/start/free
 * for all of them (so ui-module.c needs three calls only). */
#include <stdarg.h>

#include "ui-desk.h"

anode_desk_t *
anode_desk_get (anode_ui_t *ui)
{
  if (ui->desk == NULL) {
    anode_desk_t *desk = g_new0 (anode_desk_t, 1);
    desk->ui = ui;
    desk->menus = g_hash_table_new (NULL, NULL);
    desk->dialogs = g_ptr_array_new ();
    g_queue_init (&desk->test_answers);
    ui->desk = desk;
  }
  return ui->desk;
}

gboolean
anode_desk_emit (anode_ui_t *ui, const char *event, JSCValue *a, JSCValue *b)
{
  return anode_ui_emit_id (ui, ANODE_UI_DESK_ID, event, a, b);
}

GDBusConnection *
anode_desk_bus (anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  if (desk->bus == NULL) {
    g_autoptr (GError) error = NULL;
    desk->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
    if (desk->bus == NULL)
      g_debug ("anode: no session bus: %s", error->message);
  }
  return desk->bus;
}

void
anode_desk_throw (JSCContext *ctx, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  jsc_context_throw_with_name (ctx, "Error", msg);
}

char *
anode_desk_opt_string (JSCValue *o, const char *name)
{
  if (o == NULL || !jsc_value_is_object (o))
    return NULL;
  g_autoptr (JSCValue) v = jsc_value_object_get_property (o, name);
  return jsc_value_is_string (v) ? jsc_value_to_string (v) : NULL;
}

gboolean
anode_desk_opt_bool (JSCValue *o, const char *name, gboolean dflt)
{
  if (o == NULL || !jsc_value_is_object (o))
    return dflt;
  g_autoptr (JSCValue) v = jsc_value_object_get_property (o, name);
  return jsc_value_is_boolean (v) ? jsc_value_to_boolean (v) : dflt;
}

double
anode_desk_opt_number (JSCValue *o, const char *name, double dflt)
{
  if (o == NULL || !jsc_value_is_object (o))
    return dflt;
  g_autoptr (JSCValue) v = jsc_value_object_get_property (o, name);
  return jsc_value_is_number (v) ? jsc_value_to_double (v) : dflt;
}

char **
anode_desk_strv (JSCValue *array)
{
  GPtrArray *out = g_ptr_array_new ();
  if (array != NULL && jsc_value_is_array (array)) {
    g_autoptr (JSCValue) len_v = jsc_value_object_get_property (array, "length");
    int len = jsc_value_to_int32 (len_v);
    for (int i = 0; i < len; i++) {
      g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (array, i);
      if (jsc_value_is_string (v))
        g_ptr_array_add (out, jsc_value_to_string (v));
    }
  }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

JSCValue *
anode_desk_strv_to_js (JSCContext *ctx, const char *const *v)
{
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; v != NULL && v[i] != NULL; i++) {
    g_autoptr (JSCValue) s = jsc_value_new_string (ctx, v[i]);
    jsc_value_object_set_property_at_index (a, i, s);
  }
  return a;
}

const guint8 *
anode_desk_pixels (JSCValue *img, int *width, int *height)
{
  if (img == NULL || !jsc_value_is_object (img))
    return NULL;
  int w = (int) anode_desk_opt_number (img, "width", 0);
  int h = (int) anode_desk_opt_number (img, "height", 0);
  g_autoptr (JSCValue) data = jsc_value_object_get_property (img, "data");
  gsize len = 0;
  if (w <= 0 || h <= 0 || !jsc_value_is_typed_array (data))
    return NULL;
  const guint8 *px = jsc_value_typed_array_get_data (data, &len);
  if (len < (gsize) w * h * 4)
    return NULL;
  *width = w;
  *height = h;
  return px;
}

guint8 *
anode_desk_unpremultiply (const guint8 *px, int w, int h, gboolean alpha_first)
{
  guint8 *out = g_malloc ((gsize) w * h * 4);
  for (gsize i = 0; i < (gsize) w * h; i++) {
    guint8 b = px[i * 4], g = px[i * 4 + 1], r = px[i * 4 + 2], a = px[i * 4 + 3];
    if (a != 0 && a != 255) {
      r = (guint8) MIN (255, r * 255 / a);
      g = (guint8) MIN (255, g * 255 / a);
      b = (guint8) MIN (255, b * 255 / a);
    }
    guint8 *o = out + i * 4;
    if (alpha_first) {
      o[0] = a, o[1] = r, o[2] = g, o[3] = b;
    } else {
      o[0] = r, o[1] = g, o[2] = b, o[3] = a;
    }
  }
  return out;
}

GdkTexture *
anode_desk_texture (JSCValue *img)
{
  int w, h;
  const guint8 *px = anode_desk_pixels (img, &w, &h);
  if (px == NULL)
    return NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (px, (gsize) w * h * 4);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, (gsize) w * 4);
}

/* setApplicationName(name): what GTK files recent documents and
 * notifications under; GLib takes it once. */
static void
set_app_name_cb (const char *name, anode_ui_t *ui)
{
  if (g_get_application_name () == NULL || g_strcmp0 (g_get_application_name (), g_get_prgname ()) == 0)
    g_set_application_name (name);
}

void
anode_ui_desk_bind (anode_ui_t *ui, JSCValue *binding)
{
  anode_set_method (binding, "setApplicationName", G_CALLBACK (set_app_name_cb), ui,
                    G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_ui_menu_bind (ui, binding);
  anode_ui_xtest_bind (ui, binding);
  anode_ui_dialog_bind (ui, binding);
  anode_ui_clipboard_bind (ui, binding);
  anode_ui_desktop_bind (ui, binding);
  anode_ui_notify_bind (ui, binding);
  anode_ui_tray_bind (ui, binding);
  anode_ui_power_bind (ui, binding);
}

void
anode_ui_desk_start (anode_ui_t *ui)
{
  /* GTK 4 takes no argv: without a program name GTK's recent-files list
   * (which the file chooser writes) has no command and GLib complains. */
  if (g_get_prgname () == NULL)
    g_set_prgname ("anode");
  anode_ui_desktop_start (ui);
}

void
anode_ui_desk_free (anode_ui_t *ui)
{
  anode_desk_t *desk = ui->desk;
  if (desk == NULL)
    return;
  anode_ui_power_free (desk);
  anode_ui_tray_free (desk);
  anode_ui_notify_free (desk);
  anode_ui_desktop_free (desk);
  anode_ui_dialog_free (desk);
  anode_ui_menu_free (desk);
  g_queue_clear_full (&desk->test_answers, g_object_unref);
  g_ptr_array_unref (desk->dialogs);
  g_hash_table_unref (desk->menus);
  g_clear_object (&desk->bus);
  g_free (desk);
  ui->desk = NULL;
}
