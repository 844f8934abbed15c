/* powerMonitor, powerSaveBlocker, globalShortcut and safeStorage:
 * - power events from logind (system bus: PrepareForSleep) and the
 *   screensaver (session bus: ActiveChanged), idle time from the
 *   screensaver interface or X11's MIT-SCREEN-SAVER extension;
 * - inhibition through org.freedesktop.ScreenSaver.Inhibit;
 * - global shortcuts as X11 passive key grabs on the root window (the
 *   GlobalShortcuts portal is not in Debian 12's xdg-desktop-portal);
 * - safeStorage: AES-256-GCM (OpenSSL) under a random key that libsecret
 *   keeps in the Secret Service (gnome-keyring, KWallet). */
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <libsecret/secret.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "ui-desk.h"

typedef struct {
  guint signals[3];
  GDBusConnection *system;
  GHashTable *grabs;    /* accelerator string -> grab_t */
  gulong xevent_handler;
  GBytes *key;          /* safeStorage key, once fetched */
  gboolean key_failed;
} power_t;

typedef struct {
  guint keycode;
  guint mods;
  char *accel;
} grab_t;

static power_t *
power_get (anode_ui_t *ui)
{
  anode_desk_t *desk = anode_desk_get (ui);
  if (desk->power == NULL) {
    power_t *p = g_new0 (power_t, 1);
    p->grabs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
    desk->power = p;
  }
  return desk->power;
}

/* ---- powerMonitor */

static void
power_signal_cb (GDBusConnection *bus, const char *sender, const char *path,
                 const char *iface, const char *signal, GVariant *params, gpointer data)
{
  anode_ui_t *ui = data;
  gboolean on = FALSE;
  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (params, "(b)", &on);
  if (g_str_equal (signal, "PrepareForSleep"))
    anode_desk_emit (ui, on ? "power-suspend" : "power-resume", NULL, NULL);
  else
    anode_desk_emit (ui, on ? "power-lock-screen" : "power-unlock-screen", NULL, NULL);
}

/* powerWatch(): subscribes once; false when neither bus is there. */
static gboolean
power_watch_cb (anode_ui_t *ui)
{
  power_t *p = power_get (ui);
  GDBusConnection *session = anode_desk_bus (ui);
  if (p->signals[0] != 0 || p->signals[2] != 0)
    return TRUE;
  if (session != NULL) {
    p->signals[0] = g_dbus_connection_signal_subscribe (
      session, NULL, "org.freedesktop.ScreenSaver", "ActiveChanged", NULL, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, power_signal_cb, ui, NULL);
    p->signals[1] = g_dbus_connection_signal_subscribe (
      session, NULL, "org.gnome.ScreenSaver", "ActiveChanged", NULL, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, power_signal_cb, ui, NULL);
  }
  p->system = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (p->system != NULL)
    p->signals[2] = g_dbus_connection_signal_subscribe (
      p->system, "org.freedesktop.login1", "org.freedesktop.login1.Manager", "PrepareForSleep",
      "/org/freedesktop/login1", NULL, G_DBUS_SIGNAL_FLAGS_NONE, power_signal_cb, ui, NULL);
  return session != NULL || p->system != NULL;
}

/* XScreenSaverInfo's layout (libXss is opened at run time). */
typedef struct {
  Window window;
  int state;
  int kind;
  unsigned long til_or_since;
  unsigned long idle;
  unsigned long event_mask;
} xss_info_t;

/* powerIdleTime(): seconds since the last input; -1 when unknown. */
static double
power_idle_cb (anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus != NULL) {
    g_autoptr (GVariant) r = g_dbus_connection_call_sync (
      bus, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
      "GetSessionIdleTime", NULL, G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 500, NULL, NULL);
    if (r != NULL) {
      guint32 secs;
      g_variant_get (r, "(u)", &secs);
      return secs;
    }
  }
  GdkDisplay *display = gdk_display_get_default ();
  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return -1;
  static void *lib; /* process-wide, never closed */
  if (lib == NULL)
    lib = dlopen ("libXss.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL)
    return -1;
  void *(*alloc) (void) = (void *(*) (void)) dlsym (lib, "XScreenSaverAllocInfo");
  int (*query) (Display *, Window, void *) = (int (*) (Display *, Window, void *)) dlsym (lib, "XScreenSaverQueryInfo");
  if (alloc == NULL || query == NULL)
    return -1;
  Display *dpy = gdk_x11_display_get_xdisplay (display);
  xss_info_t *info = alloc ();
  double secs = -1;
  if (info != NULL && query (dpy, DefaultRootWindow (dpy), info))
    secs = (double) (info->idle / 1000);
  XFree (info);
  return secs;
}

/* ---- powerSaveBlocker */

/* powerInhibit(reason): a ScreenSaver cookie, or 0 when nothing inhibits. */
static double
power_inhibit_cb (const char *reason, anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus == NULL)
    return 0;
  const char *app = g_get_application_name () ? g_get_application_name () : "anode";
  g_autoptr (GVariant) r = g_dbus_connection_call_sync (
    bus, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
    "Inhibit", g_variant_new ("(ss)", app, reason), G_VARIANT_TYPE ("(u)"),
    G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  guint32 cookie = 0;
  if (r != NULL)
    g_variant_get (r, "(u)", &cookie);
  return cookie;
}

static void
power_uninhibit_cb (double cookie, anode_ui_t *ui)
{
  GDBusConnection *bus = anode_desk_bus (ui);
  if (bus == NULL || cookie <= 0)
    return;
  g_dbus_connection_call (bus, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                          "org.freedesktop.ScreenSaver", "UnInhibit",
                          g_variant_new ("(u)", (guint32) cookie), NULL, G_DBUS_CALL_FLAGS_NONE,
                          2000, NULL, NULL, NULL);
}

/* ---- globalShortcut */

static guint
x11_mods (GdkModifierType mods)
{
  guint m = 0;
  if (mods & GDK_SHIFT_MASK)
    m |= ShiftMask;
  if (mods & GDK_CONTROL_MASK)
    m |= ControlMask;
  if (mods & GDK_ALT_MASK)
    m |= Mod1Mask;
  if (mods & GDK_SUPER_MASK)
    m |= Mod4Mask;
  return m;
}

/* Lock keys must not stop a shortcut: grab each combination of them. */
static const guint lock_masks[] = { 0, LockMask, Mod2Mask, LockMask | Mod2Mask };

static gboolean
xevent_cb (GdkX11Display *display, XEvent *ev, anode_ui_t *ui)
{
  power_t *p = power_get (ui);
  if (ev->type != KeyPress)
    return FALSE;
  guint state = ev->xkey.state & ~(LockMask | Mod2Mask);
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, p->grabs);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    grab_t *g = value;
    if (g->keycode == ev->xkey.keycode && g->mods == state) {
      g_autoptr (JSCValue) accel = jsc_value_new_string (ui->rt->ctx, g->accel);
      anode_desk_emit (ui, "global-shortcut", accel, NULL);
      return TRUE;
    }
  }
  return FALSE;
}

/* shortcutRegister(accel, gtkAccel): false when the key is taken (another
 * client grabbed it) or there is no way to grab (not X11). */
static gboolean
shortcut_register_cb (const char *accel, const char *gtk_accel, anode_ui_t *ui)
{
  power_t *p = power_get (ui);
  GdkDisplay *display = gdk_display_get_default ();
  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return FALSE;
  if (g_hash_table_contains (p->grabs, accel))
    return FALSE;
  guint keyval = 0;
  GdkModifierType mods = 0;
  if (!gtk_accelerator_parse (gtk_accel, &keyval, &mods))
    return FALSE;
  Display *dpy = gdk_x11_display_get_xdisplay (display);
  KeyCode code = XKeysymToKeycode (dpy, keyval);
  if (code == 0)
    return FALSE;
  grab_t *g = g_new0 (grab_t, 1);
  g->keycode = code;
  g->mods = x11_mods (mods);
  g->accel = g_strdup (accel);
  gdk_x11_display_error_trap_push (display);
  for (guint i = 0; i < G_N_ELEMENTS (lock_masks); i++)
    XGrabKey (dpy, code, g->mods | lock_masks[i], DefaultRootWindow (dpy), False,
              GrabModeAsync, GrabModeAsync);
  XSync (dpy, False);
  if (gdk_x11_display_error_trap_pop (display) != 0) {
    /* BadAccess: someone else has it. Release what we got. */
    gdk_x11_display_error_trap_push (display);
    for (guint i = 0; i < G_N_ELEMENTS (lock_masks); i++)
      XUngrabKey (dpy, code, g->mods | lock_masks[i], DefaultRootWindow (dpy));
    gdk_x11_display_error_trap_pop_ignored (display);
    g_free (g->accel);
    g_free (g);
    return FALSE;
  }
  g_hash_table_insert (p->grabs, g->accel, g);
  if (p->xevent_handler == 0)
    p->xevent_handler = g_signal_connect (display, "xevent", G_CALLBACK (xevent_cb), ui);
  return TRUE;
}

static void
ungrab (GdkDisplay *display, grab_t *g)
{
  Display *dpy = gdk_x11_display_get_xdisplay (display);
  gdk_x11_display_error_trap_push (display);
  for (guint i = 0; i < G_N_ELEMENTS (lock_masks); i++)
    XUngrabKey (dpy, g->keycode, g->mods | lock_masks[i], DefaultRootWindow (dpy));
  gdk_x11_display_error_trap_pop_ignored (display);
  g_free (g->accel);
  g_free (g);
}

static void
shortcut_unregister_cb (const char *accel, anode_ui_t *ui)
{
  power_t *p = power_get (ui);
  grab_t *g = g_hash_table_lookup (p->grabs, accel);
  GdkDisplay *display = gdk_display_get_default ();
  if (g == NULL || display == NULL)
    return;
  g_hash_table_remove (p->grabs, accel);
  ungrab (display, g);
}

/* ---- safeStorage */

static const SecretSchema *
storage_schema (void)
{
  static const SecretSchema schema = {
    "org.anode.SafeStorage", SECRET_SCHEMA_NONE,
    { { "application", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
    0, 0, 0, 0, 0, 0, 0, 0,
  };
  return &schema;
}

/* The app's key from the Secret Service, made on first use. */
static GBytes *
storage_key (anode_ui_t *ui, const char *app, GError **error)
{
  power_t *p = power_get (ui);
  if (p->key != NULL)
    return p->key;
  g_autofree char *hex = secret_password_lookup_sync (storage_schema (), NULL, error,
                                                      "application", app, NULL);
  if (hex == NULL && error != NULL && *error != NULL)
    return NULL;
  guint8 key[32];
  if (hex != NULL && strlen (hex) == 64) {
    for (int i = 0; i < 32; i++) {
      char byte[3] = { hex[i * 2], hex[i * 2 + 1], 0 };
      key[i] = (guint8) strtoul (byte, NULL, 16);
    }
  } else {
    if (RAND_bytes (key, sizeof key) != 1) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no random bytes for a key");
      return NULL;
    }
    char out[65];
    for (int i = 0; i < 32; i++)
      g_snprintf (out + i * 2, 3, "%02x", key[i]);
    g_autofree char *label = g_strdup_printf ("%s Safe Storage", app);
    if (!secret_password_store_sync (storage_schema (), SECRET_COLLECTION_DEFAULT, label, out,
                                     NULL, error, "application", app, NULL))
      return NULL;
    memset (out, 0, sizeof out);
  }
  p->key = g_bytes_new (key, sizeof key);
  memset (key, 0, sizeof key);
  return p->key;
}

/* storageAvailable(app): the Secret Service answers and keeps our key. */
static gboolean
storage_available_cb (const char *app, anode_ui_t *ui)
{
  power_t *p = power_get (ui);
  if (p->key_failed)
    return FALSE;
  g_autoptr (GError) error = NULL;
  if (storage_key (ui, app, &error) == NULL) {
    p->key_failed = TRUE;
    return FALSE;
  }
  return TRUE;
}

#define MAGIC "ANS1"

/* storageCrypt(app, encrypt, data): AES-256-GCM; the output is
 * "ANS1" + 12-byte nonce + ciphertext + 16-byte tag. Throws on failure
 * (no key, or data that is not ours or was altered). */
static JSCValue *
storage_crypt_cb (const char *app, gboolean encrypt, JSCValue *data, anode_ui_t *ui)
{
  JSCContext *ctx = ui->rt->ctx;
  g_autoptr (GError) error = NULL;
  GBytes *key = storage_key (ui, app, &error);
  if (key == NULL) {
    anode_desk_throw (ctx, "safeStorage: the Secret Service is not available: %s",
                      error ? error->message : "no key");
    return NULL;
  }
  gsize len = 0;
  const guint8 *in = jsc_value_typed_array_get_data (data, &len);
  const guint8 *k = g_bytes_get_data (key, NULL);
  EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new ();
  guint8 *out = NULL;
  gsize out_len = 0;
  int n = 0, fin = 0;
  gboolean ok = FALSE;
  if (encrypt) {
    out_len = 4 + 12 + len + 16;
    out = g_malloc (out_len);
    memcpy (out, MAGIC, 4);
    ok = RAND_bytes (out + 4, 12) == 1 &&
         EVP_EncryptInit_ex (c, EVP_aes_256_gcm (), NULL, k, out + 4) == 1 &&
         EVP_EncryptUpdate (c, out + 16, &n, in, (int) len) == 1 &&
         EVP_EncryptFinal_ex (c, out + 16 + n, &fin) == 1 &&
         EVP_CIPHER_CTX_ctrl (c, EVP_CTRL_GCM_GET_TAG, 16, out + 16 + len) == 1;
  } else if (len >= 32 && memcmp (in, MAGIC, 4) == 0) {
    out_len = len - 32;
    out = g_malloc (out_len + 1);
    ok = EVP_DecryptInit_ex (c, EVP_aes_256_gcm (), NULL, k, in + 4) == 1 &&
         EVP_DecryptUpdate (c, out, &n, in + 16, (int) out_len) == 1 &&
         EVP_CIPHER_CTX_ctrl (c, EVP_CTRL_GCM_SET_TAG, 16, (void *) (in + len - 16)) == 1 &&
         EVP_DecryptFinal_ex (c, out + n, &fin) == 1;
  }
  EVP_CIPHER_CTX_free (c);
  if (!ok) {
    g_free (out);
    anode_desk_throw (ctx, encrypt ? "safeStorage: encryption failed"
                                   : "safeStorage: Error while decrypting the ciphertext provided to "
                                     "safeStorage.decryptString (not ours, or altered)");
    return NULL;
  }
  g_autoptr (JSCValue) buf = jsc_value_new_array_buffer (ctx, out, out_len, g_free, out);
  return jsc_value_new_typed_array_with_buffer (buf, JSC_TYPED_ARRAY_UINT8, 0, -1);
}

void
anode_ui_power_free (anode_desk_t *desk)
{
  power_t *p = desk->power;
  if (p == NULL)
    return;
  GdkDisplay *display = gdk_display_get_default ();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, p->grabs);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    if (display != NULL)
      ungrab (display, value);
  }
  g_hash_table_unref (p->grabs);
  if (p->xevent_handler != 0 && display != NULL)
    g_signal_handler_disconnect (display, p->xevent_handler);
  for (int i = 0; i < 2; i++)
    if (p->signals[i] != 0 && desk->bus != NULL)
      g_dbus_connection_signal_unsubscribe (desk->bus, p->signals[i]);
  if (p->signals[2] != 0 && p->system != NULL)
    g_dbus_connection_signal_unsubscribe (p->system, p->signals[2]);
  g_clear_object (&p->system);
  g_clear_pointer (&p->key, g_bytes_unref);
  g_free (p);
  desk->power = NULL;
}

void
anode_ui_power_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "powerWatch", G_CALLBACK (power_watch_cb), ui, G_TYPE_BOOLEAN, 0);
  anode_set_method (b, "powerIdleTime", G_CALLBACK (power_idle_cb), ui, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "powerInhibit", G_CALLBACK (power_inhibit_cb), ui, G_TYPE_DOUBLE, 1,
                    G_TYPE_STRING);
  anode_set_method (b, "powerUninhibit", G_CALLBACK (power_uninhibit_cb), ui, G_TYPE_NONE, 1,
                    G_TYPE_DOUBLE);
  anode_set_method (b, "shortcutRegister", G_CALLBACK (shortcut_register_cb), ui,
                    G_TYPE_BOOLEAN, 2, G_TYPE_STRING, G_TYPE_STRING);
  anode_set_method (b, "shortcutUnregister", G_CALLBACK (shortcut_unregister_cb), ui,
                    G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_set_method (b, "storageAvailable", G_CALLBACK (storage_available_cb), ui,
                    G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  anode_set_method (b, "storageCrypt", G_CALLBACK (storage_crypt_cb), ui, JSC_TYPE_VALUE, 3,
                    G_TYPE_STRING, G_TYPE_BOOLEAN, JSC_TYPE_VALUE);
}
