/* Test hooks on X11 (used only when ANODE_TEST_HOOKS=1): real key presses
 * and mouse clicks through the XTEST extension, which the X server delivers
 * like a keyboard's, and screenshots of the whole screen. libXtst is opened
 * at run time so the product does not link a test library. */
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xutil.h>
#include <cairo.h>

#include "ui-desk.h"

typedef int (*fake_key_fn) (Display *, unsigned int, Bool, unsigned long);
typedef int (*fake_button_fn) (Display *, unsigned int, Bool, unsigned long);
typedef int (*fake_motion_fn) (Display *, int, int, int, unsigned long);

static Display *
x_display (void)
{
  GdkDisplay *d = gdk_display_get_default ();
  return d != NULL && GDK_IS_X11_DISPLAY (d) ? gdk_x11_display_get_xdisplay (d) : NULL;
}

static void *
xtst (const char *symbol)
{
  static void *lib; /* a process-wide library handle, never closed */
  if (lib == NULL)
    lib = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);
  return lib != NULL ? dlsym (lib, symbol) : NULL;
}

/* Synthetic input only for test runs. */
static gboolean
hooks_allowed (anode_ui_t *ui)
{
  if (g_strcmp0 (g_getenv ("ANODE_TEST_HOOKS"), "1") == 0)
    return TRUE;
  jsc_context_throw (ui->rt->ctx, "test hooks need ANODE_TEST_HOOKS=1");
  return FALSE;
}

static KeySym
keysym_for (const char *name)
{
  static const struct { const char *alias, *x; } aliases[] = {
    { "ctrl", "Control_L" }, { "control", "Control_L" }, { "shift", "Shift_L" },
    { "alt", "Alt_L" }, { "super", "Super_L" }, { "meta", "Super_L" },
    { "enter", "Return" }, { "esc", "Escape" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (name, aliases[i].alias) == 0)
      return XStringToKeysym (aliases[i].x);
  return XStringToKeysym (name);
}

/* testKey("ctrl+shift+s"): presses the keys in order, releases them in
 * reverse. False when XTEST or a key is missing. */
static gboolean
test_key_cb (const char *combo, anode_ui_t *ui)
{
  if (!hooks_allowed (ui))
    return FALSE;
  Display *dpy = x_display ();
  fake_key_fn fake = (fake_key_fn) xtst ("XTestFakeKeyEvent");
  if (dpy == NULL || fake == NULL)
    return FALSE;
  g_auto (GStrv) keys = g_strsplit (combo, "+", -1);
  guint n = g_strv_length (keys);
  g_autofree KeyCode *codes = g_new0 (KeyCode, n);
  for (guint i = 0; i < n; i++) {
    KeySym sym = keysym_for (keys[i]);
    codes[i] = sym != NoSymbol ? XKeysymToKeycode (dpy, sym) : 0;
    if (codes[i] == 0)
      return FALSE;
  }
  for (guint i = 0; i < n; i++)
    fake (dpy, codes[i], True, CurrentTime);
  for (guint i = n; i-- > 0;)
    fake (dpy, codes[i], False, CurrentTime);
  XFlush (dpy);
  return TRUE;
}

/* testClick(x, y, button): moves the pointer to screen (x, y) and clicks. */
static gboolean
test_click_cb (double x, double y, double button, anode_ui_t *ui)
{
  if (!hooks_allowed (ui))
    return FALSE;
  Display *dpy = x_display ();
  fake_motion_fn motion = (fake_motion_fn) xtst ("XTestFakeMotionEvent");
  fake_button_fn press = (fake_button_fn) xtst ("XTestFakeButtonEvent");
  if (dpy == NULL || motion == NULL || press == NULL)
    return FALSE;
  motion (dpy, -1, (int) x, (int) y, CurrentTime);
  if (button > 0) {
    press (dpy, (unsigned) button, True, CurrentTime);
    press (dpy, (unsigned) button, False, CurrentTime);
  }
  XFlush (dpy);
  return TRUE;
}

/* testScreenshot(path): the whole screen as a PNG. */
static gboolean
test_screenshot_cb (const char *path, anode_ui_t *ui)
{
  if (!hooks_allowed (ui))
    return FALSE;
  Display *dpy = x_display ();
  if (dpy == NULL)
    return FALSE;
  Window root = DefaultRootWindow (dpy);
  XWindowAttributes attrs;
  XGetWindowAttributes (dpy, root, &attrs);
  XImage *img = XGetImage (dpy, root, 0, 0, attrs.width, attrs.height, AllPlanes, ZPixmap);
  if (img == NULL)
    return FALSE;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, attrs.width, attrs.height);
  guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  for (int y = 0; y < attrs.height; y++)
    for (int x = 0; x < attrs.width; x++)
      ((guint32 *) (data + y * stride))[x] = (guint32) XGetPixel (img, x, y) & 0xffffff;
  cairo_surface_mark_dirty (s);
  gboolean ok = cairo_surface_write_to_png (s, path) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (s);
  XDestroyImage (img);
  return ok;
}

/* testContentOrigin(windowId): where the window's content (its menu bar, or
 * the page when there is none) starts on the screen, [x, y]. */
static JSCValue *
test_content_origin_cb (double id, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  Display *dpy = x_display ();
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) id);
  GdkSurface *s = w ? gtk_native_get_surface (GTK_NATIVE (w->window)) : NULL;
  if (!hooks_allowed (ui) || dpy == NULL || s == NULL)
    return jsc_value_new_null (ctx);
  int x = 0, y = 0;
  Window child;
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (s), DefaultRootWindow (dpy), 0, 0,
                         &x, &y, &child);
  double tx = 0, ty = 0;
  gtk_native_get_surface_transform (GTK_NATIVE (w->window), &tx, &ty);
  JSCValue *a = jsc_value_new_array (ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) vx = jsc_value_new_number (ctx, x + tx);
  g_autoptr (JSCValue) vy = jsc_value_new_number (ctx, y + ty);
  jsc_value_object_set_property_at_index (a, 0, vx);
  jsc_value_object_set_property_at_index (a, 1, vy);
  return a;
}

typedef struct {
  anode_ui_t *ui;
  JSCValue *cb;
} bus_call_t;

static void
bus_call_done (GObject *src, GAsyncResult *res, gpointer data)
{
  bus_call_t *c = data;
  JSCContext *ctx = c->ui->rt->ctx;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) r = g_dbus_connection_call_finish (G_DBUS_CONNECTION (src), res, &error);
  const char *text = NULL;
  if (r != NULL)
    g_variant_get (r, "(&s)", &text);
  g_autofree char *fallback = error ? g_strdup_printf ("{\"error\":\"%s\"}", "no test desk service") : NULL;
  g_autoptr (JSCValue) v = jsc_value_new_string (ctx, text ? text : fallback);
  JSCValue *args[] = { v };
  g_autoptr (JSCValue) ret = anode_runtime_callback (c->ui->rt, c->cb, 1, args);
  g_object_unref (c->cb);
  g_free (c);
}

/* testDesk(json, cb): calls the integration tests' D-Bus stand-ins
 * (tests/integration/desk-services.py) and hands back their JSON. */
static void
test_desk_cb (const char *json, JSCValue *cb, anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  if (!hooks_allowed (ui))
    return;
  if (bus == NULL) {
    jsc_context_throw (ui->rt->ctx, "no session bus");
    return;
  }
  bus_call_t *c = g_new0 (bus_call_t, 1);
  c->ui = ui;
  c->cb = g_object_ref (cb);
  g_dbus_connection_call (bus, "org.anode.TestDesk", "/org/anode/TestDesk", "org.anode.TestDesk",
                          "Call", g_variant_new ("(s)", json), G_VARIANT_TYPE ("(s)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, bus_call_done, c);
}

void
anode_ui_xtest_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "testKey", G_CALLBACK (test_key_cb), ui, G_TYPE_BOOLEAN, 1,
                    G_TYPE_STRING);
  anode_set_method (b, "testClick", G_CALLBACK (test_click_cb), ui, G_TYPE_BOOLEAN, 3,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  anode_set_method (b, "testContentOrigin", G_CALLBACK (test_content_origin_cb), ui,
                    JSC_TYPE_VALUE, 1, G_TYPE_DOUBLE);
  anode_set_method (b, "testDesk", G_CALLBACK (test_desk_cb), ui, G_TYPE_NONE, 2,
                    G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "testScreenshot", G_CALLBACK (test_screenshot_cb), ui,
                    G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}
