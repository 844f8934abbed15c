/* The main process's side of the bridge: points WebKit at the web-process
 * extension (bridge/), gives each web view with a preload its user script,
 * and moves batches of IPC records between the views and JS
 * (internal/electron/ipc_main.js). Big ArrayBuffers travel as sealed
 * memfds; sendSync replies go back on a socket the page handed over. */
#include <errno.h>
#include <gio/gunixfdlist.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc-memfd.h"
#include "ui-private.h"

#define MESSAGE_NAME "anode-ipc"
#define SYNC_CHANNEL_NAME "anode-sync"
/* The world the preloads run in (both sides use this name). */
#define WORLD_NAME "anode-preload"
#define EXTENSION_FILE "libanode-bridge.so"
/* What one batch from a page may hold inline; bigger ones are dropped. */
#define MAX_BATCH ((gsize) 512 * 1024 * 1024)
#define MAX_OOB_FDS 64
#define SYNC_INLINE_MAX (60 * 1024)
#define VIEW_KEY "anode-ipc"

typedef struct {
  anode_window_t *w; /* the window owns the view, which owns us */
  int sync_fd;       /* where sendSync replies go, or -1 */
} ipc_view_t;

static void
ipc_view_free (gpointer data)
{
  ipc_view_t *v = data;
  if (v->sync_fd >= 0)
    close (v->sync_fd);
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
map_oob (JSCContext *ctx, GUnixFDList *fds, GError **error)
{
  int n = fds != NULL ? g_unix_fd_list_get_length (fds) : 0;
  if (n > MAX_OOB_FDS) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%d out-of-band buffers", n);
    return NULL;
  }
  g_autoptr (JSCValue) array = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (int i = 0; i < n; i++) {
    int fd = g_unix_fd_list_get (fds, i, error);
    if (fd < 0)
      return NULL;
    anode_ipc_mapping_t *m = anode_ipc_mapping_new (fd, error);
    close (fd);
    if (m == NULL)
      return NULL;
    g_autoptr (JSCValue) buf = m->len > 0
      ? jsc_value_new_array_buffer (ctx, m->addr, m->len, anode_ipc_mapping_free, m)
      : NULL;
    if (buf == NULL) {
      anode_ipc_mapping_free (m);
      buf = empty_buffer (ctx);
    }
    jsc_value_object_set_property_at_index (array, i, buf);
  }
  return g_steal_pointer (&array);
}

static void
receive_batch (ipc_view_t *v, WebKitUserMessage *msg)
{
  anode_window_t *w = v->w;
  JSCContext *ctx = w->ui->rt->ctx;
  GVariant *params = webkit_user_message_get_parameters (msg);
  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(uay)"))) {
    g_warning ("anode: dropped an IPC message from webContents %u: not a batch", w->id);
    return;
  }
  guint32 frame_id = 0;
  g_autoptr (GVariant) bytes = NULL;
  g_variant_get (params, "(u@ay)", &frame_id, &bytes);
  gsize len = 0;
  const void *data = g_variant_get_fixed_array (bytes, &len, 1);
  if (len > MAX_BATCH) {
    g_warning ("anode: dropped an IPC message from webContents %u: %" G_GSIZE_FORMAT
               " bytes, over the limit of %" G_GSIZE_FORMAT, w->id, len, MAX_BATCH);
    return;
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) oob = map_oob (ctx, webkit_user_message_get_fd_list (msg), &error);
  if (oob == NULL) {
    g_warning ("anode: dropped an IPC message from webContents %u: %s", w->id, error->message);
    return;
  }
  /* JS reads the message's own bytes: no copy. */
  g_autoptr (JSCValue) buf = len > 0
    ? jsc_value_new_array_buffer (ctx, (gpointer) data, len, (GDestroyNotify) g_variant_unref,
                                  g_variant_ref (bytes))
    : empty_buffer (ctx);
  g_autoptr (JSCValue) extra = jsc_value_new_array (ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) frame = jsc_value_new_number (ctx, frame_id);
  jsc_value_object_set_property_at_index (extra, 0, frame);
  jsc_value_object_set_property_at_index (extra, 1, oob);
  anode_ui_emit (w, "ipc", buf, extra);
}

static void
receive_sync_channel (ipc_view_t *v, WebKitUserMessage *msg)
{
  GUnixFDList *fds = webkit_user_message_get_fd_list (msg);
  if (fds == NULL || g_unix_fd_list_get_length (fds) != 1)
    return;
  int fd = g_unix_fd_list_get (fds, 0, NULL);
  if (fd < 0)
    return;
  if (v->sync_fd >= 0)
    close (v->sync_fd);
  v->sync_fd = fd;
}

static gboolean
message_cb (WebKitWebView *view, WebKitUserMessage *msg, ipc_view_t *v)
{
  const char *name = webkit_user_message_get_name (msg);
  /* A page still sending after its window closed is ignored. */
  if (v->w->destroyed)
    return TRUE;
  if (g_strcmp0 (name, MESSAGE_NAME) == 0)
    receive_batch (v, msg);
  else if (g_strcmp0 (name, SYNC_CHANNEL_NAME) == 0)
    receive_sync_channel (v, msg);
  else
    return FALSE;
  return TRUE;
}

void
anode_ui_ipc_attach (anode_window_t *w, WebKitWebView *view, JSCValue *prefs)
{
  ipc_view_t *v = g_new0 (ipc_view_t, 1);
  v->w = w;
  v->sync_fd = -1;
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

static GUnixFDList *
oob_fds (JSCValue *oob, GError **error)
{
  if (oob == NULL || !jsc_value_is_array (oob))
    return NULL;
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (oob, "length");
  int n = jsc_value_to_int32 (len_v);
  if (n <= 0)
    return NULL;
  g_autoptr (GUnixFDList) fds = g_unix_fd_list_new ();
  for (int i = 0; i < n; i++) {
    g_autoptr (JSCValue) buf = jsc_value_object_get_property_at_index (oob, i);
    if (!jsc_value_is_array_buffer (buf)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "out-of-band entry %d is not an ArrayBuffer", i);
      return NULL;
    }
    gsize size = 0;
    const void *data = jsc_value_array_buffer_get_data (buf, &size);
    int fd = anode_ipc_memfd_new (data, size, error);
    if (fd < 0)
      return NULL;
    int r = g_unix_fd_list_append (fds, fd, error);
    close (fd);
    if (r < 0)
      return NULL;
  }
  return g_steal_pointer (&fds);
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
  g_autoptr (GError) error = NULL;
  g_autoptr (GUnixFDList) fds = oob_fds (oob, &error);
  if (error != NULL) {
    jsc_context_throw_with_name (ui->rt->ctx, "Error", error->message);
    return FALSE;
  }
  GVariant *array = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, len, 1);
  GVariant *params = g_variant_new ("(u@ay)", (guint32) frame_id, array);
  WebKitUserMessage *msg = webkit_user_message_new_with_fd_list (MESSAGE_NAME, params, fds);
  webkit_web_view_send_message_to_page (w->view, msg, NULL, NULL, NULL);
  return TRUE;
}

/* One datagram: flag 0 and the bytes, or flag 1 and a memfd holding them. */
static gboolean
send_reply (int fd, const guint8 *data, gsize len, GError **error)
{
  guint8 flag = len <= SYNC_INLINE_MAX ? 0 : 1;
  struct iovec iov[2] = { { &flag, 1 }, { (void *) data, flag == 0 ? len : 0 } };
  struct msghdr mh = { 0 };
  mh.msg_iov = iov;
  mh.msg_iovlen = 2;
  union {
    struct cmsghdr align;
    char data[CMSG_SPACE (sizeof (int))];
  } control;
  int memfd = -1;
  if (flag == 1) {
    memfd = anode_ipc_memfd_new (data, len, error);
    if (memfd < 0)
      return FALSE;
    memset (&control, 0, sizeof control);
    mh.msg_control = control.data;
    mh.msg_controllen = sizeof control.data;
    struct cmsghdr *c = CMSG_FIRSTHDR (&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN (sizeof (int));
    memcpy (CMSG_DATA (c), &memfd, sizeof memfd);
  }
  ssize_t n;
  do
    n = sendmsg (fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  int e = errno;
  if (memfd >= 0)
    close (memfd);
  if (n < 0) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "%s", g_strerror (e));
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
  if (v == NULL || v->sync_fd < 0 || data == NULL)
    return FALSE;
  g_autoptr (GError) error = NULL;
  if (!send_reply (v->sync_fd, data, len, &error)) {
    g_warning ("anode: the sendSync reply to webContents %u was lost: %s", w->id, error->message);
    return FALSE;
  }
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
