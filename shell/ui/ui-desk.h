/* State shared by the desktop-integration files of libanode-ui.so (menus,
 * dialogs, clipboard, shell, nativeTheme, screen, tray, notifications,
 * power, safeStorage) and the entry points they give each other. */
#pragma once

#include "ui-private.h"

G_BEGIN_DECLS

/* Events of the desktop modules go to JS under this id
 * (internal/electron/desk_events.js). */
#define ANODE_UI_DESK_ID 0x7ffffff0u

typedef struct anode_desk anode_desk_t;

struct anode_desk {
  anode_ui_t *ui;
  GHashTable *menus;      /* menu id -> anode_menu_t */
  GtkWidget *popup;       /* the open context menu (GtkPopoverMenu) */
  guint popup_menu;       /* its menu id */
  guint popup_token;      /* told to JS when it closes */
  GPtrArray *dialogs;     /* open dialogs (GtkWindow or GtkNativeDialog) */
  GQueue test_answers;    /* JSCValue answers for the next dialogs (tests) */
  GDBusConnection *bus;   /* the session bus, once asked for */
  gpointer notify;        /* ui-notify.c */
  gpointer tray;          /* ui-tray.c */
  gpointer power;         /* ui-power.c */
  gpointer desktop;       /* ui-desktop.c */
};

/* Made on first use; NULL before GTK started is fine for bookkeeping. */
anode_desk_t *anode_desk_get (anode_ui_t *ui);
/* Emits `event` to internal/electron/desk_events.js. Returns what the JS
 * handler returned as a boolean. */
gboolean anode_desk_emit (anode_ui_t *ui, const char *event, JSCValue *a,
                          JSCValue *b);
/* The session bus, or NULL (with a warning once) when there is none. */
GDBusConnection *anode_desk_bus (anode_ui_t *ui);
/* Throws Error(message); JS wrappers validate first and give codes. */
void anode_desk_throw (JSCContext *ctx, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* JS object readers (NULL/default when absent or of another type). */
char *anode_desk_opt_string (JSCValue *o, const char *name);
gboolean anode_desk_opt_bool (JSCValue *o, const char *name, gboolean dflt);
double anode_desk_opt_number (JSCValue *o, const char *name, double dflt);
/* A JS array of strings as a NULL-terminated vector (caller frees). */
char **anode_desk_strv (JSCValue *array);
JSCValue *anode_desk_strv_to_js (JSCContext *ctx, const char *const *v);

/* A JS {width, height, data} image as a texture, or NULL. */
GdkTexture *anode_desk_texture (JSCValue *img);
/* The pixels of JS image object `img` ({width, height, data}: BGRA,
 * premultiplied, as nativeImage keeps them), borrowed from its data; NULL
 * if malformed. */
const guint8 *anode_desk_pixels (JSCValue *img, int *width, int *height);
/* A copy of `w` x `h` such pixels unpremultiplied, as RGBA or, with
 * `alpha_first`, ARGB bytes (what D-Bus image formats want). g_free it. */
guint8 *anode_desk_unpremultiply (const guint8 *px, int w, int h, gboolean alpha_first);

void anode_ui_menu_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_menu_free (anode_desk_t *desk);
/* The menu's model for a GtkPopoverMenu / GtkPopoverMenuBar. */
GMenuModel *anode_ui_menu_model (anode_ui_t *ui, guint menu_id);
GActionGroup *anode_ui_menu_actions (anode_ui_t *ui, guint menu_id);

void anode_ui_dialog_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_dialog_free (anode_desk_t *desk);

void anode_ui_clipboard_bind (anode_ui_t *ui, JSCValue *binding);

void anode_ui_desktop_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_desktop_start (anode_ui_t *ui);
void anode_ui_desktop_free (anode_desk_t *desk);

void anode_ui_notify_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_notify_free (anode_desk_t *desk);
void anode_ui_tray_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_tray_free (anode_desk_t *desk);

/* ui-xtest.c: synthetic input and screenshots for tests. */
void anode_ui_xtest_bind (anode_ui_t *ui, JSCValue *binding);

void anode_ui_power_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_power_free (anode_desk_t *desk);

G_END_DECLS
