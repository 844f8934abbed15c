/* Shared state of the GTK/WebKit module (libanode-ui.so): the per-runtime UI
 * struct, windows, and the entry points its files give each other. */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "anode-runtime.h"
#include "js-util.h"

G_BEGIN_DECLS

typedef struct anode_ui anode_ui_t;
typedef struct anode_window anode_window_t;

struct anode_ui {
  anode_runtime_t *rt;
  JSCValue *binding; /* borrowed: owned by the runtime's binding table */
  /* JS (id, event, a, b) -> true when a listener called preventDefault. */
  JSCValue *emit;
  /* JS (scheme, requestId, url, method, headers) for protocol.handle. */
  JSCValue *scheme_handler;

  gboolean started; /* gtk_init done */
  uv_async_t keepalive; /* referenced while the app runs */
  gboolean keepalive_open;

  WebKitWebContext *web_context;
  GHashTable *sessions;    /* partition ("" = default) -> WebKitNetworkSession */
  GHashTable *windows;     /* id -> anode_window_t */
  GHashTable *schemes;     /* scheme name -> TRUE when JS handles it */
  GHashTable *scheme_reqs; /* request id -> WebKitURISchemeRequest */
  guint next_scheme_req;
  char *app_root;          /* what app:// serves, realpath */
  WebKitWebView *spare;    /* a view whose web process is starting, for the
                            * first window (owned) */
  WebKitUserContentManager *spare_ucm;
  GApplication *unique_app; /* single-instance lock holder */
  gboolean trace;          /* ANODE_TRACE_STARTUP */
  gboolean settled;        /* start-up garbage collected */
  gpointer ipc;            /* ui-ipc.c's state */
  gpointer dev;            /* ui-dev.c's state, in an `anode dev` session */
  guint generation;        /* bumped when dev mode replaces the runtime */
  gpointer desk;           /* ui-menu.c and the desktop modules' state */
};

struct anode_window {
  anode_ui_t *ui;
  guint id;
  GtkWindow *window;
  GdkSurface *surface;    /* while realized (weak pointer) */
  WebKitWebView *view;
  WebKitUserContentManager *ucm;
  GHashTable *css;        /* key -> WebKitUserStyleSheet */
  guint next_css;
  char *programmatic_uri; /* loadURL in flight: not a will-navigate */
  int min_w, min_h, max_w, max_h;
  int x, y;               /* last known position (logical pixels) */
  gboolean has_position;
  int reported_x, reported_y; /* last position 'move' was reported for */
  gboolean reported_position;
  gboolean resizable, always_on_top, destroyed, destroying, shown_once, ready_shown;
  gboolean maximized, minimized, fullscreen, focused;
  gboolean devtools_open;
  gboolean load_failed;    /* the current load failed (skip its FINISHED) */
  guint find_request;
  int width, height;      /* last size reported to JS */
  GtkWidget *box;         /* the window's child: menu bar above the view */
  GtkWidget *menubar;     /* GtkPopoverMenuBar while a menu is set */
  guint menu_id;          /* the Menu shown as its menu bar, 0 for none */
  GtkEventController *menu_keys; /* the menu's accelerators */
};

/* ui-module.c */
anode_ui_t *anode_ui_get (JSCContext *ctx);
gboolean anode_ui_emit (anode_window_t *w, const char *event, JSCValue *a,
                        JSCValue *b);
/* Emits an event for window/contents `id`, or for the app when id is 0. */
gboolean anode_ui_emit_id (anode_ui_t *ui, guint id, const char *event,
                           JSCValue *a, JSCValue *b);
/* Same, returning what the JS handler returned (caller owns, may be NULL). */
JSCValue *anode_ui_emit_value (anode_window_t *w, const char *event,
                               JSCValue *a, JSCValue *b);
void anode_ui_trace (anode_ui_t *ui, const char *what);
WebKitNetworkSession *anode_ui_session (anode_ui_t *ui, const char *partition);

/* An async operation that calls back JS (err, value) once. */
typedef struct {
  anode_ui_t *ui;
  JSCValue *cb;
  double x, y, width, height;
  guint generation; /* of the runtime that asked (ui->generation) */
} anode_ui_pending_t;

anode_ui_pending_t *anode_ui_pending_new (anode_ui_t *ui, JSCValue *cb);
/* Calls back (error ? error string : null, value) and frees `p`. */
void anode_ui_pending_finish (anode_ui_pending_t *p, const char *error,
                              JSCValue *value);
/* Frees `p` without calling back. */
void anode_ui_pending_drop (anode_ui_pending_t *p);

/* ui-session.c: cookies and stored data of a partition. */
void anode_ui_session_bind (anode_ui_t *ui, JSCValue *binding);

/* ui-window.c: window objects and their binding methods. */
void anode_ui_window_bind (anode_ui_t *ui, JSCValue *binding);
anode_window_t *anode_ui_window_lookup (anode_ui_t *ui, guint id);
void anode_ui_window_free (anode_window_t *w);

/* ui-webview.c: the web view of a window and webContents methods. */
WebKitWebView *anode_ui_webview_new (anode_window_t *w, JSCValue *options,
                                     WebKitWebView *related);
void anode_ui_webview_bind (anode_ui_t *ui, JSCValue *binding);
/* Starts a web process ahead of the first window (ui->spare). */
void anode_ui_webview_prewarm (anode_ui_t *ui);

/* ui-scheme.c: app:// and protocol.handle schemes. */
void anode_ui_scheme_init (anode_ui_t *ui);
void anode_ui_scheme_bind (anode_ui_t *ui, JSCValue *binding);
/* The file for app:// path `url_path` (percent-encoded) under `root`, or
 * NULL when it would leave the root. Caller frees. */
char *anode_ui_scheme_resolve (const char *root, const char *url_path);

/* ui-image.c: nativeImage encode/decode/resize. */
void anode_ui_image_bind (anode_ui_t *ui, JSCValue *binding);
/* A JS {width, height, data (BGRA premultiplied Uint8Array)} from a texture
 * (caller owns). */
JSCValue *anode_ui_image_from_texture (JSCContext *ctx, GdkTexture *texture);

/* ui-x11.c: what GTK4 no longer exposes, done through X11 when on X11.
 * Each returns FALSE on other backends. */
gboolean anode_ui_x11_move (GtkWindow *window, int x, int y);
gboolean anode_ui_x11_get_position (GtkWindow *window, int *x, int *y);
gboolean anode_ui_x11_set_above (GtkWindow *window, gboolean above);
gboolean anode_ui_x11_set_max_size (GtkWindow *window, int w, int h);
gboolean anode_ui_x11_set_urgent (GtkWindow *window, gboolean urgent);
gboolean anode_ui_x11_get_work_area (GdkDisplay *display, GdkRectangle *area);
void anode_ui_x11_watch_moves (anode_ui_t *ui);

/* ui-ipc.c: the bridge's main side (IPC with the web-process extension). */
void anode_ui_ipc_bind (anode_ui_t *ui, JSCValue *binding);
/* Points WebKit at the extension: before the first web process starts. */
void anode_ui_ipc_start (anode_ui_t *ui);
/* Listens to `view`'s messages and adds its preload's user script. */
void anode_ui_ipc_attach (anode_window_t *w, WebKitWebView *view, JSCValue *prefs);
void anode_ui_ipc_free (anode_ui_t *ui);

/* ui-desk.c and the files of ui-desk.h: menus, dialogs, clipboard, shell,
 * nativeTheme, screen, tray, notifications, power, safeStorage. */
void anode_ui_desk_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_desk_start (anode_ui_t *ui);
void anode_ui_desk_free (anode_ui_t *ui);
/* A window's menu bar and context menu hooks. */
void anode_ui_menu_window_created (anode_window_t *w);
void anode_ui_menu_window_destroyed (anode_window_t *w);
/* Its menu bar left inert: the window outlives its runtime (dev mode). */
void anode_ui_menu_window_orphaned (anode_window_t *w);

/* ui-dev.c: `anode dev` (see dev.h). */
/* The UI state of a previous runtime of the session, now `rt`'s, or NULL. */
anode_ui_t *anode_ui_dev_adopt (anode_runtime_t *rt);
void anode_ui_dev_register (anode_ui_t *ui, void (*free_fn) (gpointer ui));
void anode_ui_dev_bind (anode_ui_t *ui, JSCValue *binding);
void anode_ui_dev_attach (anode_window_t *w, WebKitWebView *view);
/* The comment that names `file` on disk, to append to a script or
 * stylesheet app:// serves (NULL outside dev mode or for other types). */
char *anode_ui_dev_source_url (anode_ui_t *ui, const char *file, const char *mime);
void anode_ui_dev_window_created (anode_window_t *w);

/* ui-app.c: single instance lock. */
void anode_ui_app_bind (anode_ui_t *ui, JSCValue *binding);

G_END_DECLS
