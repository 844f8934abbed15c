/* The main process's side of the bridge: points WebKit at the web-process
 * extension (bridge/), gives each web view with a preload its user script,
 * and moves batches of IPC records between the pages and JS
 * (internal/electron/ipc_main.js) over each page's channel (bridge/
 * ipc-channel.h), a socket the page hands over through WebKit: a direct
 * socket costs a fifth of WebKit's own message round trip here. Big
 * ArrayBuffers travel as sealed memfds. The main process never blocks on a
 * page: what a full channel cannot take waits in a queue. */
#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <gio/gunixfdlist.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc-channel.h"
#include "ipc-memfd.h"
#include "jsc-capi.h"
#include "ui-private.h"

/* JavaScriptCore exports it without a header (JSBasePrivate.h). */
extern void JSReportExtraMemoryCost (JSContextRef ctx, size_t size);


#define MESSAGE_NAME "anode-ipc"
#define CHANNEL_NAME "anode-channel"
/* The world the preloads run in (both sides use this name). */
#define WORLD_NAME "anode-preload"
#define EXTENSION_FILE "libanode-bridge.so"
/* What one batch from a page may hold inline; bigger ones are dropped. */
#define MAX_BATCH ((gsize) 512 * 1024 * 1024)
#define MAX_OOB_FDS 64
#define VIEW_KEY "anode-ipc"
/* Packets read per wake-up, so a flooding page leaves room for the others. */
#define READ_BUDGET 128

typedef struct {
  /* The view owns us and may outlive its window: the window is looked up
   * by id, never kept. */
  anode_ui_t *ui;
  guint id;
  WebKitWebView *view;
  int channel;        /* the page's channel, or -1 */
  pid_t pid;          /* the web process at its other end (SO_PEERCRED) */
  guint watch_in, watch_out;
  GQueue out;         /* anode_ipc_packet_t the channel could not take yet */
  guint8 *scratch;
} ipc_view_t;

/* Per runtime: the memfd mappings JS holds buffers of (to send them on
 * without a copy) and /proc/self/pagemap to tell whether they changed. */
typedef struct {
  GHashTable *mappings;
  int pagemap;
} ipc_state_t;

static ipc_state_t *
state_of (anode_ui_t *ui)
{
  if (ui->ipc == NULL) {
    ipc_state_t *st = g_new0 (ipc_state_t, 1);
    st->mappings = g_hash_table_new (NULL, NULL);
    st->pagemap = open ("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    ui->ipc = st;
  }
  return ui->ipc;
}

void
anode_ui_ipc_free (anode_ui_t *ui)
{
  ipc_state_t *st = ui->ipc;
  if (st == NULL)
    return;
  /* Mappings still alive keep the table. */
  g_hash_table_unref (st->mappings);
  if (st->pagemap >= 0)
    close (st->pagemap);
  g_free (st);
  ui->ipc = NULL;
}

static void
close_channel (ipc_view_t *v)
{
  g_clear_handle_id (&v->watch_in, g_source_remove);
  g_clear_handle_id (&v->watch_out, g_source_remove);
  if (v->channel >= 0)
    close (v->channel);
  v->channel = -1;
  g_queue_clear_full (&v->out, (GDestroyNotify) anode_ipc_packet_free);
}

static void
ipc_view_free (gpointer data)
{
  ipc_view_t *v = data;
  close_channel (v);
  g_free (v->scratch);
  g_free (v);
}

/* bridge/ in the support folder (where an AppImage copies it), beside the
 * binary (build tree, packed app), else ../lib/anode/bridge (installed, as
 * meson puts it). Caller frees. */
static char *
find_extension_dir (anode_ui_t *ui)
{
  if (ui->rt->support_dir != NULL) {
    g_autofree char *d = g_build_filename (ui->rt->support_dir, "bridge", NULL);
    g_autofree char *so = g_build_filename (d, EXTENSION_FILE, NULL);
    if (g_file_test (so, G_FILE_TEST_EXISTS))
      return realpath (d, NULL);
  }
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return NULL;
  g_autofree char *dir = g_path_get_dirname (exe);
  const char *candidates[] = { "bridge", "../lib/anode/bridge" };
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++) {
    g_autofree char *d = g_build_filename (dir, candidates[i], NULL);
    g_autofree char *so = g_build_filename (d, EXTENSION_FILE, NULL);
    if (g_file_test (so, G_FILE_TEST_EXISTS))
      return realpath (d, NULL);
  }
  return NULL;
}

void
anode_ui_ipc_start (anode_ui_t *ui)
{
  g_autofree char *dir = find_extension_dir (ui);
  if (dir == NULL) {
    g_warning ("anode: %s not found beside the binary: preload scripts and IPC are off",
               EXTENSION_FILE);
    return;
  }
  webkit_web_context_set_web_process_extensions_directory (ui->web_context, dir);
  /* Outside the system library directories the web process sandbox hides
   * the directory unless it is shared before the first web process. */
  webkit_web_context_add_path_to_sandbox (ui->web_context, dir, TRUE);
  GVariantDict dict;
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "world", "s", WORLD_NAME);
  webkit_web_context_set_web_process_extensions_initialization_user_data (
    ui->web_context, g_variant_dict_end (&dict));
}

/* ---- from the pages */

static JSCValue *
empty_buffer (JSCContext *ctx)
{
  void *p = g_malloc (1);
  return jsc_value_new_array_buffer (ctx, p, 0, g_free, p);
}

static JSCValue *
map_oob (anode_ui_t *ui, const int *fds, guint n, GError **error)
{
  JSCContext *ctx = ui->rt->ctx;
  g_autoptr (JSCValue) array = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < n; i++) {
    anode_ipc_mapping_t *m = anode_ipc_mapping_new (fds[i], state_of (ui)->mappings, error);
    if (m == NULL)
      return NULL;
    g_autoptr (JSCValue) buf = m->len > 0
      ? jsc_value_new_array_buffer (ctx, m->addr, m->len, anode_ipc_mapping_free, m)
      : NULL;
    if (buf == NULL) {
      anode_ipc_mapping_free (m);
      buf = empty_buffer (ctx);
    } else {
      /* The collector does not see memory it did not allocate: told, it
       * collects dropped buffers (and their memfds) soon enough. */
      JSReportExtraMemoryCost (anode_capi_context (ctx), m->len);
    }
    jsc_value_object_set_property_at_index (array, i, buf);
  }
  return g_steal_pointer (&array);
}

/* The payload of a batch as a JS ArrayBuffer: a copy of an inline one, the
 * mapping of a memfd one. */
static JSCValue *
payload_buffer (JSCContext *ctx, anode_ipc_received_t *r, GError **error)
{
  if (r->payload_fd >= 0) {
    anode_ipc_mapping_t *m = anode_ipc_mapping_new (r->payload_fd, NULL, error);
    if (m == NULL)
      return NULL;
    if (m->len > 0)
      return jsc_value_new_array_buffer (ctx, m->addr, m->len, anode_ipc_mapping_free, m);
    anode_ipc_mapping_free (m);
    return empty_buffer (ctx);
  }
  if (r->len == 0)
    return empty_buffer (ctx);
  void *copy = g_memdup2 (r->data, r->len);
  return jsc_value_new_array_buffer (ctx, copy, r->len, g_free, copy);
}

/* Hands a batch to JS; closes the packet's fds. */
static void
deliver (ipc_view_t *v, anode_ipc_received_t *r)
{
  anode_window_t *w = anode_ui_window_lookup (v->ui, v->id);
  JSCContext *ctx = v->ui->rt->ctx;
  g_autoptr (GError) error = NULL;
  if (w == NULL) {
    /* A page still sending after its window closed is ignored. */
  } else if (r->type != ANODE_IPC_BATCH) {
    g_warning ("anode: dropped an IPC packet of type %u from webContents %u", r->type, w->id);
  } else if (r->len > MAX_BATCH) {
    g_warning ("anode: dropped an IPC message from webContents %u: %" G_GSIZE_FORMAT
               " bytes, over the limit of %" G_GSIZE_FORMAT, w->id, r->len, MAX_BATCH);
  } else {
    g_autoptr (JSCValue) buf = payload_buffer (ctx, r, &error);
    g_autoptr (JSCValue) oob = buf != NULL ? map_oob (w->ui, r->oob, r->n_oob, &error) : NULL;
    if (oob == NULL) {
      g_warning ("anode: dropped an IPC message from webContents %u: %s", w->id, error->message);
    } else {
      g_autoptr (JSCValue) extra = jsc_value_new_array (ctx, G_TYPE_NONE);
      g_autoptr (JSCValue) frame = jsc_value_new_number (ctx, r->frame_id);
      g_autoptr (JSCValue) pid = jsc_value_new_number (ctx, v->pid);
      jsc_value_object_set_property_at_index (extra, 0, frame);
      jsc_value_object_set_property_at_index (extra, 1, oob);
      jsc_value_object_set_property_at_index (extra, 2, pid);
      anode_ui_emit (w, "ipc", buf, extra);
    }
  }
  anode_ipc_received_clear (r);
}

static gboolean
channel_readable_cb (int fd, GIOCondition condition, gpointer data)
{
  ipc_view_t *v = data;
  /* JS may close the window while it handles a batch: the view (and so we)
   * must live until this returns. */
  g_autoptr (WebKitWebView) keep = g_object_ref (v->view);
  for (int i = 0; i < READ_BUDGET; i++) {
    if (anode_ui_window_lookup (v->ui, v->id) == NULL) {
      /* The window is gone: nothing will read this channel again. */
      v->watch_in = 0;
      close_channel (v);
      return G_SOURCE_REMOVE;
    }
    g_autoptr (GError) error = NULL;
    anode_ipc_received_t r;
    int got = anode_ipc_recv (fd, v->scratch, &r, &error);
    if (got == 0)
      return G_SOURCE_CONTINUE;
    if (got == 2) {
      g_warning ("anode: webContents %u: %s", v->id, error->message);
      continue;
    }
    if (got < 0) {
      v->watch_in = 0;
      close_channel (v);
      return G_SOURCE_REMOVE;
    }
    deliver (v, &r);
    /* JS may have closed the window (and freed the channel) meanwhile. */
    if (v->channel != fd)
      return v->watch_in != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

/* Batches a page sent as user messages (none in practice: pages use their
 * channel; kept for a page whose channel failed). */
static void
receive_batch (ipc_view_t *v, WebKitUserMessage *msg)
{
  GVariant *params = webkit_user_message_get_parameters (msg);
  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(uay)"))) {
    g_warning ("anode: dropped an IPC message from webContents %u: not a batch", v->id);
    return;
  }
  anode_ipc_received_t r = { 0 };
  r.type = ANODE_IPC_BATCH;
  r.payload_fd = -1;
  g_autoptr (GVariant) bytes = NULL;
  g_variant_get (params, "(u@ay)", &r.frame_id, &bytes);
  r.data = g_variant_get_fixed_array (bytes, &r.len, 1);
  GUnixFDList *fds = webkit_user_message_get_fd_list (msg);
  int n = fds != NULL ? g_unix_fd_list_get_length (fds) : 0;
  for (int i = 0; i < n && r.n_oob < ANODE_IPC_MAX_OOB; i++) {
    int fd = g_unix_fd_list_get (fds, i, NULL);
    if (fd >= 0)
      r.oob[r.n_oob++] = fd;
  }
  deliver (v, &r);
}

static void
receive_channel (ipc_view_t *v, WebKitUserMessage *msg)
{
  GUnixFDList *fds = webkit_user_message_get_fd_list (msg);
  if (fds == NULL || g_unix_fd_list_get_length (fds) != 1)
    return;
  int fd = g_unix_fd_list_get (fds, 0, NULL);
  if (fd < 0)
    return;
  /* A page that moved to another web process brings a new channel. */
  close_channel (v);
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  v->channel = fd;
  /* The page made the socket: its credentials name the web process, with
   * the pid as this process sees it (not the sandbox's own numbering). */
  struct ucred cred;
  socklen_t cred_len = sizeof cred;
  v->pid = getsockopt (fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) == 0 ? cred.pid : 0;
  if (v->scratch == NULL)
    v->scratch = g_malloc (ANODE_IPC_INLINE_MAX + 64);
  v->watch_in = g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR, channel_readable_cb, v);
}

static gboolean
message_cb (WebKitWebView *view, WebKitUserMessage *msg, ipc_view_t *v)
{
  const char *name = webkit_user_message_get_name (msg);
  if (anode_ui_window_lookup (v->ui, v->id) == NULL)
    return g_str_has_prefix (name, "anode-");
  if (g_strcmp0 (name, MESSAGE_NAME) == 0)
    receive_batch (v, msg);
  else if (g_strcmp0 (name, CHANNEL_NAME) == 0)
    receive_channel (v, msg);
  else
    return FALSE;
  return TRUE;
}

void
anode_ui_ipc_attach (anode_window_t *w, WebKitWebView *view, JSCValue *prefs)
{
  ipc_view_t *v = g_new0 (ipc_view_t, 1);
  v->ui = w->ui;
  v->id = w->id;
  v->view = view;
  v->channel = -1;
  g_queue_init (&v->out);
  g_object_set_data_full (G_OBJECT (view), VIEW_KEY, v, ipc_view_free);
  g_signal_connect (view, "user-message-received", G_CALLBACK (message_cb), v);
  if (prefs == NULL || !jsc_value_is_object (prefs))
    return;
  /* The script ipc_main.js made for the preload: it hands the preload and
   * its options to the extension at document start, before page scripts. */
  g_autoptr (JSCValue) script_v = jsc_value_object_get_property (prefs, "bridgeScript");
  if (!jsc_value_is_string (script_v))
    return;
  g_autofree char *script = jsc_value_to_string (script_v);
  g_autoptr (JSCValue) sub_v = jsc_value_object_get_property (prefs, "nodeIntegrationInSubFrames");
  gboolean all_frames = jsc_value_is_boolean (sub_v) && jsc_value_to_boolean (sub_v);
  WebKitUserScript *us = webkit_user_script_new_for_world (
    script, all_frames ? WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES : WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
    WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, WORLD_NAME, NULL, NULL);
  webkit_user_content_manager_add_script (w->ucm, us);
  webkit_user_script_unref (us);
}

/* ---- to the pages */

static gboolean
flush_queue (ipc_view_t *v)
{
  while (!g_queue_is_empty (&v->out)) {
    g_autoptr (GError) error = NULL;
    int sent = anode_ipc_packet_send (v->channel, g_queue_peek_head (&v->out), FALSE, &error);
    if (sent == 0)
      return FALSE;
    anode_ipc_packet_free (g_queue_pop_head (&v->out));
    if (sent < 0) {
      g_warning ("anode: IPC to webContents %u failed: %s", v->id, error->message);
      close_channel (v);
      return TRUE;
    }
  }
  return TRUE;
}

static gboolean
channel_writable_cb (int fd, GIOCondition condition, gpointer data)
{
  ipc_view_t *v = data;
  if (!flush_queue (v))
    return G_SOURCE_CONTINUE;
  v->watch_out = 0;
  return G_SOURCE_REMOVE;
}

/* Sends now when the channel has room and nothing is queued, else queues:
 * order is kept and the main process never waits for a page. */
static void
channel_send (ipc_view_t *v, anode_ipc_packet_t *p)
{
  if (g_queue_is_empty (&v->out)) {
    g_autoptr (GError) error = NULL;
    int sent = anode_ipc_packet_send (v->channel, p, FALSE, &error);
    if (sent != 0) {
      if (sent < 0) {
        g_warning ("anode: IPC to webContents %u failed: %s", v->id, error->message);
        close_channel (v);
      }
      anode_ipc_packet_free (p);
      return;
    }
  }
  g_queue_push_tail (&v->out, p);
  if (v->watch_out == 0)
    v->watch_out = g_unix_fd_add (v->channel, G_IO_OUT, channel_writable_cb, v);
}

static const guint8 *
bytes_of (JSCValue *value, gsize *len)
{
  *len = 0;
  if (value == NULL || !jsc_value_is_typed_array (value))
    return NULL;
  const guint8 *p = jsc_value_typed_array_get_data (value, len);
  return p != NULL ? p : (const guint8 *) "";
}

/* A memfd for ArrayBuffer `i` of `oob`: the one it came in when it is a
 * received buffer nobody changed, else a new copy. */
static int
oob_memfd (anode_ui_t *ui, JSCValue *oob, int i, GError **error)
{
  g_autoptr (JSCValue) buf = jsc_value_object_get_property_at_index (oob, i);
  if (!jsc_value_is_array_buffer (buf)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "out-of-band entry %d is not an ArrayBuffer", i);
    return -1;
  }
  gsize size = 0;
  const void *data = jsc_value_array_buffer_get_data (buf, &size);
  ipc_state_t *st = state_of (ui);
  int fd = anode_ipc_memfd_reuse (st->mappings, st->pagemap, data, size);
  return fd >= 0 ? fd : anode_ipc_memfd_new (data, size, error);
}

/* Before the page's channel arrived: a WebKit user message. */
static void
post_as_message (anode_window_t *w, guint32 frame_id, const guint8 *data, gsize len,
                 JSCValue *oob, int n_oob, GError **error)
{
  g_autoptr (GUnixFDList) fds = n_oob > 0 ? g_unix_fd_list_new () : NULL;
  for (int i = 0; i < n_oob; i++) {
    int fd = oob_memfd (w->ui, oob, i, error);
    if (fd < 0)
      return;
    int r = g_unix_fd_list_append (fds, fd, error);
    close (fd);
    if (r < 0)
      return;
  }
  GVariant *array = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, len, 1);
  GVariant *params = g_variant_new ("(u@ay)", frame_id, array);
  WebKitUserMessage *msg = webkit_user_message_new_with_fd_list (MESSAGE_NAME, params, fds);
  webkit_web_view_send_message_to_page (w->view, msg, NULL, NULL, NULL);
}

/* ipcPost(id, frameId, bytes, oob): a batch for frame `frameId` (0: the
 * main frame) of window `id`. False when the window is gone. Throws when an
 * out-of-band buffer cannot be made. */
static gboolean
ipc_post_cb (double id, double frame_id, JSCValue *bytes, JSCValue *oob, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) id);
  gsize len;
  const guint8 *data = bytes_of (bytes, &len);
  if (w == NULL || data == NULL)
    return FALSE;
  ipc_view_t *v = g_object_get_data (G_OBJECT (w->view), VIEW_KEY);
  g_autoptr (GError) error = NULL;
  int n_oob = 0;
  if (oob != NULL && jsc_value_is_array (oob)) {
    g_autoptr (JSCValue) n = jsc_value_object_get_property (oob, "length");
    n_oob = jsc_value_to_int32 (n);
  }
  if (v == NULL || v->channel < 0) {
    post_as_message (w, (guint32) frame_id, data, len, oob, n_oob, &error);
  } else {
    anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_BATCH, (guint32) frame_id, data,
                                                  len, &error);
    for (int i = 0; p != NULL && i < n_oob; i++) {
      int fd = oob_memfd (ui, oob, i, &error);
      if (fd < 0 || !anode_ipc_packet_add_oob (p, fd)) {
        g_clear_pointer (&p, anode_ipc_packet_free);
        if (error == NULL)
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "too many large buffers");
      }
    }
    if (p != NULL)
      channel_send (v, p);
  }
  if (error != NULL) {
    jsc_context_throw_with_name (ui->rt->ctx, "Error", error->message);
    return FALSE;
  }
  return TRUE;
}

/* ipcSyncReply(id, bytes): the returnValue of the sendSync window `id` is
 * blocked in. False when the window or its page is gone. */
static gboolean
ipc_sync_reply_cb (double id, JSCValue *bytes, anode_ui_t *ui)
{
  anode_window_t *w = anode_ui_window_lookup (ui, (guint) id);
  if (w == NULL)
    return FALSE;
  ipc_view_t *v = g_object_get_data (G_OBJECT (w->view), VIEW_KEY);
  gsize len;
  const guint8 *data = bytes_of (bytes, &len);
  if (v == NULL || v->channel < 0 || data == NULL)
    return FALSE;
  g_autoptr (GError) error = NULL;
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_SYNC_REPLY, 0, data, len, &error);
  if (p == NULL) {
    g_warning ("anode: the sendSync reply to webContents %u was lost: %s", w->id, error->message);
    return FALSE;
  }
  channel_send (v, p);
  return TRUE;
}

void
anode_ui_ipc_bind (anode_ui_t *ui, JSCValue *binding)
{
  anode_set_method (binding, "ipcPost", G_CALLBACK (ipc_post_cb), ui, G_TYPE_BOOLEAN, 4,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (binding, "ipcSyncReply", G_CALLBACK (ipc_sync_reply_cb), ui,
                    G_TYPE_BOOLEAN, 2, G_TYPE_DOUBLE, JSC_TYPE_VALUE);
}
