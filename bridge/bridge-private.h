/* Shared state of the web-process extension (libanode-bridge.so): the
 * process, its pages and the frames whose documents run a preload. */
#pragma once

#include <webkit/webkit-web-process-extension.h>

#include "ipc-channel.h"

G_BEGIN_DECLS

typedef struct ab_process ab_process_t;
typedef struct ab_page ab_page_t;
typedef struct ab_frame ab_frame_t;

/* What one web process holds: lives as long as the process. */
struct ab_process {
  WebKitWebProcessExtension *extension;
  WebKitScriptWorld *world; /* the preloads' isolated world */
  GResource *resources;     /* the JS of the bridge (borrowed) */
  GHashTable *pages;        /* page id -> ab_page_t */
};

/* One WebKitWebPage (one BrowserWindow's web view in this process). */
struct ab_page {
  ab_process_t *process;
  WebKitWebPage *page;      /* weak: the page owns us */
  guint64 id;
  GHashTable *frames;       /* WebKit frame id -> ab_frame_t (ref) */
  guint next_frame_id;
  int channel;              /* our end of the channel to the main process, or -1 */
  guint channel_watch;
  guint8 *scratch;          /* where packets are read */
  GQueue pending;           /* batches that arrived during a sendSync */
  guint pending_idle;
};

/* A document's bridge: the preload world's JS and, once contextBridge is
 * used, the page world's helper. Native functions in both worlds hold a
 * reference, so a frame outlives its document until the JS is collected;
 * ab_frame_detach() drops the JS side when the document goes. */
struct ab_frame {
  gint ref;
  ab_page_t *page;          /* NULL once detached */
  guint id;                 /* the frameId the main process sees */
  WebKitFrame *frame;
  gboolean context_isolation;
  JSCContext *ctx;          /* where the preload runs */
  JSCValue *bridge;         /* renderer.js's object: receive, call, ... */
  JSCContext *page_ctx;     /* the page's world (contextBridge) */
  JSCValue *page_helper;    /* page.js's object */
};

/* bridge-extension.c */
/* The source of bridge JS file `name` (e.g. "renderer.js"), or NULL. */
GBytes *ab_process_source (ab_process_t *process, const char *name);
/* Sends a batch of records from `frame` to the main process. `oob` holds
 * the out-of-band ArrayBuffers (JSCValue, may be NULL). FALSE with `error`
 * set when a buffer could not be handed over. */
gboolean ab_page_post (ab_page_t *page, guint frame_id, const guint8 *data,
                       gsize len, JSCValue *oob, GError **error);
/* Sends a batch ending in a sendSync record and blocks for the reply, which
 * is returned (caller owns) or NULL with `error` set. */
GBytes *ab_page_send_sync (ab_page_t *page, guint frame_id, const guint8 *data,
                           gsize len, JSCValue *oob, GError **error);
/* Prepares `len` bytes of fresh memory at `data` for being written whole. */
void ab_prefault (void *data, gsize len);
/* The ArrayBuffers of a batch's memfds `fds`, read into new buffers (a new
 * JS array in `ctx`), or NULL with `error` set. */
JSCValue *ab_oob_map (JSCContext *ctx, const int *fds, guint n, GError **error);

/* bridge-frame.c */
ab_frame_t *ab_frame_ref (ab_frame_t *frame);
void ab_frame_unref (ab_frame_t *frame);
/* Drops the frame's JS (its document is gone or replaced). */
void ab_frame_detach (ab_frame_t *frame);
/* A new document in the preload world of `frame`: installs the entry the
 * preload's user script calls. */
void ab_frame_window_cleared (ab_page_t *page, WebKitFrame *frame);
/* Hands a batch from the main process to the frame's renderer.js. */
void ab_frame_receive (ab_frame_t *frame, anode_ipc_received_t *r);
/* A new ArrayBuffer of `len` bytes in `ctx` (caller owns); `data` points
 * at its bytes. */
JSCValue *ab_buffer_new (JSCContext *ctx, gsize len, void **data);
/* Copies `len` bytes into a new ArrayBuffer in `ctx` (caller owns). */
JSCValue *ab_buffer_copy (JSCContext *ctx, const void *data, gsize len);
/* Calls `fn` on `self` in its context with `args`; on an exception,
 * returns NULL and sets `error` to its text. Caller owns the result. */
JSCValue *ab_call (JSCValue *self, const char *method, GError **error,
                   guint n_args, JSCValue **args);
/* The bytes of a Uint8Array (or ArrayBuffer) argument, or NULL. */
const guint8 *ab_bytes_of (JSCValue *value, gsize *len);
/* Defines native method `name` on `obj`: `cb` gets its typed arguments (see
 * jsc_value_new_functionv), then `f`, which the function keeps a reference
 * to. */
void ab_set_method (JSCValue *obj, const char *name, GCallback cb, ab_frame_t *f,
                    GType ret, guint n, ...);
/* Evaluates bridge file `name` in `ctx` as a CommonJS-style module body and
 * returns its function (caller owns), or NULL with `error` set. */
JSCValue *ab_module_compile (ab_process_t *process, JSCContext *ctx,
                             const char *name, GError **error);

/* bridge-world.c: contextBridge, between the preload world and the page. */
/* Installs the native functions contextBridge needs on `native` (the object
 * renderer.js receives). */
void ab_world_bind (ab_frame_t *frame, JSCValue *native);

G_END_DECLS
