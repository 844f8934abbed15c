/* Entry of the web-process extension: one ab_process_t per web process, one
 * ab_page_t per page; batches of IPC records to and from the main process as
 * WebKitUserMessages (big ArrayBuffers as sealed memfds in the fd list), and
 * the socket sendSync blocks on. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bridge-private.h"
#include "ipc-memfd.h"

/* The generated resource bundle (bridge.gresource.xml). */
GResource *anode_bridge_get_resource (void);

G_MODULE_EXPORT void webkit_web_process_extension_initialize_with_user_data (
  WebKitWebProcessExtension *extension, GVariant *data);

#define MESSAGE_NAME "anode-ipc"
#define SYNC_CHANNEL_NAME "anode-sync"
#define SYNC_INLINE_MAX (60 * 1024)

GBytes *
ab_process_source (ab_process_t *process, const char *name)
{
  g_autofree char *path = g_strconcat ("/org/anode/bridge/", name, NULL);
  return g_resource_lookup_data (process->resources, path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                 NULL);
}

/* ---- out-of-band buffers */

/* A GUnixFDList with one sealed memfd per ArrayBuffer of the JS array. */
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
    gsize size = 0;
    if (!jsc_value_is_array_buffer (buf)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "out-of-band entry %d is not an ArrayBuffer", i);
      return NULL;
    }
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

JSCValue *
ab_oob_map (JSCContext *ctx, GUnixFDList *fds, GError **error)
{
  int n = fds != NULL ? g_unix_fd_list_get_length (fds) : 0;
  JSCValue *array = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (int i = 0; i < n; i++) {
    int fd = g_unix_fd_list_get (fds, i, error);
    if (fd < 0) {
      g_object_unref (array);
      return NULL;
    }
    gsize len;
    void *dest;
    g_autoptr (JSCValue) buf = NULL;
    gboolean ok = anode_ipc_memfd_check (fd, &len, error);
    if (ok) {
      buf = ab_buffer_new (ctx, len, &dest);
      ok = anode_ipc_memfd_read (fd, dest, len, error);
    }
    close (fd);
    if (!ok) {
      g_object_unref (array);
      return NULL;
    }
    jsc_value_object_set_property_at_index (array, i, buf);
  }
  return array;
}

/* ---- messages to the main process */

static WebKitUserMessage *
batch_message (guint frame_id, const guint8 *data, gsize len, JSCValue *oob, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GUnixFDList) fds = oob_fds (oob, &local);
  if (local != NULL) {
    g_propagate_error (error, g_steal_pointer (&local));
    return NULL;
  }
  GVariant *bytes = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, len, 1);
  GVariant *params = g_variant_new ("(u@ay)", frame_id, bytes);
  return webkit_user_message_new_with_fd_list (MESSAGE_NAME, params, fds);
}

gboolean
ab_page_post (ab_page_t *page, guint frame_id, const guint8 *data, gsize len,
              JSCValue *oob, GError **error)
{
  WebKitUserMessage *msg = batch_message (frame_id, data, len, oob, error);
  if (msg == NULL)
    return FALSE;
  webkit_web_page_send_message_to_view (page->page, msg, NULL, NULL, NULL);
  return TRUE;
}

/* The socket sendSync's replies come back on: created on first use and
 * handed to the main process ahead of the first sync record. */
static gboolean
ensure_sync_socket (ab_page_t *page, GError **error)
{
  if (page->sync_fd >= 0)
    return TRUE;
  int sv[2];
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                 "socketpair: %s", g_strerror (errno));
    return FALSE;
  }
  g_autoptr (GUnixFDList) fds = g_unix_fd_list_new ();
  int r = g_unix_fd_list_append (fds, sv[1], error);
  close (sv[1]);
  if (r < 0) {
    close (sv[0]);
    return FALSE;
  }
  WebKitUserMessage *msg = webkit_user_message_new_with_fd_list (SYNC_CHANNEL_NAME, NULL, fds);
  webkit_web_page_send_message_to_view (page->page, msg, NULL, NULL, NULL);
  page->sync_fd = sv[0];
  return TRUE;
}

/* One reply: a flag byte, then the bytes inline (flag 0) or in the memfd
 * passed along (flag 1). */
static GBytes *
read_sync_reply (int fd, GError **error)
{
  g_autofree guint8 *buf = g_malloc (SYNC_INLINE_MAX + 1);
  union {
    struct cmsghdr align;
    char data[CMSG_SPACE (sizeof (int))];
  } control;
  struct iovec iov = { buf, SYNC_INLINE_MAX + 1 };
  struct msghdr mh = { 0 };
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = control.data;
  mh.msg_controllen = sizeof control.data;
  ssize_t n;
  do
    n = recvmsg (fd, &mh, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                 "the main process closed the connection before replying");
    return NULL;
  }
  int passed = -1;
  for (struct cmsghdr *c = CMSG_FIRSTHDR (&mh); c != NULL; c = CMSG_NXTHDR (&mh, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
      memcpy (&passed, CMSG_DATA (c), sizeof passed);
  }
  if (buf[0] == 0) {
    if (passed >= 0)
      close (passed);
    return g_bytes_new (buf + 1, (gsize) n - 1);
  }
  gsize len = 0;
  if (passed < 0 || !anode_ipc_memfd_check (passed, &len, error)) {
    if (passed >= 0)
      close (passed);
    else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a malformed sendSync reply");
    return NULL;
  }
  guint8 *data = g_malloc (len > 0 ? len : 1);
  gboolean ok = anode_ipc_memfd_read (passed, data, len, error);
  close (passed);
  if (!ok) {
    g_free (data);
    return NULL;
  }
  return g_bytes_new_take (data, len);
}

GBytes *
ab_page_send_sync (ab_page_t *page, guint frame_id, const guint8 *data, gsize len,
                   JSCValue *oob, GError **error)
{
  if (!ensure_sync_socket (page, error))
    return NULL;
  if (!ab_page_post (page, frame_id, data, len, oob, error))
    return NULL;
  /* Blocks the whole page, as sendSync does in Electron. */
  return read_sync_reply (page->sync_fd, error);
}

/* ---- pages */

static ab_frame_t *
frame_by_id (ab_page_t *page, guint id)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, page->frames);
  while (g_hash_table_iter_next (&it, NULL, &value)) {
    ab_frame_t *f = value;
    if (id == 0 ? webkit_frame_is_main_frame (f->frame) : f->id == id)
      return f;
  }
  return NULL;
}

static gboolean
page_message_cb (WebKitWebPage *web_page, WebKitUserMessage *msg, ab_page_t *page)
{
  if (g_strcmp0 (webkit_user_message_get_name (msg), MESSAGE_NAME) != 0)
    return FALSE;
  GVariant *params = webkit_user_message_get_parameters (msg);
  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(uay)")))
    return TRUE;
  guint32 frame_id = 0;
  g_autoptr (GVariant) bytes = NULL;
  g_variant_get (params, "(u@ay)", &frame_id, &bytes);
  ab_frame_t *frame = frame_by_id (page, frame_id);
  /* A document without a bridge (between navigations, or a frame without a
   * preload) drops the message, as a renderer without listeners would. */
  if (frame != NULL && frame->bridge != NULL)
    ab_frame_receive (frame, bytes, webkit_user_message_get_fd_list (msg));
  return TRUE;
}

static void
window_cleared_cb (WebKitScriptWorld *world, WebKitWebPage *web_page, WebKitFrame *frame,
                   ab_process_t *process)
{
  ab_page_t *page = g_hash_table_lookup (process->pages, &(guint64) { webkit_web_page_get_id (web_page) });
  if (page != NULL)
    ab_frame_window_cleared (page, frame);
}

static void
page_free (ab_page_t *page)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, page->frames);
  while (g_hash_table_iter_next (&it, NULL, &value))
    ab_frame_detach (value);
  g_hash_table_unref (page->frames);
  if (page->sync_fd >= 0)
    close (page->sync_fd);
  g_free (page);
}

static void
page_gone_cb (gpointer data, GObject *where_the_page_was)
{
  ab_page_t *page = data;
  g_hash_table_remove (page->process->pages, &page->id);
}

static void
page_created_cb (WebKitWebProcessExtension *extension, WebKitWebPage *web_page,
                 ab_process_t *process)
{
  ab_page_t *page = g_new0 (ab_page_t, 1);
  page->process = process;
  page->page = web_page;
  page->id = webkit_web_page_get_id (web_page);
  page->sync_fd = -1;
  page->frames = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) ab_frame_unref);
  g_hash_table_replace (process->pages, &page->id, page);
  g_signal_connect (web_page, "user-message-received", G_CALLBACK (page_message_cb), page);
  g_object_weak_ref (G_OBJECT (web_page), page_gone_cb, page);
}

void
webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                        GVariant *data)
{
  /* Lives as long as the web process. */
  ab_process_t *process = g_new0 (ab_process_t, 1);
  process->extension = extension;
  process->resources = anode_bridge_get_resource ();
  process->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) page_free);
  const char *world = "anode-preload";
  if (data != NULL && g_variant_is_of_type (data, G_VARIANT_TYPE ("a{sv}")))
    g_variant_lookup (data, "world", "&s", &world);
  /* The UI process injects each preload's user script into the world of
   * this name: both sides then mean the same world. */
  process->world = webkit_script_world_new_with_name (world);
  g_signal_connect (process->world, "window-object-cleared", G_CALLBACK (window_cleared_cb),
                    process);
  g_signal_connect (extension, "page-created", G_CALLBACK (page_created_cb), process);
}
