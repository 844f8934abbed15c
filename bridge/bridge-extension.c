/* Entry of the web-process extension: one ab_process_t per web process, one
 * ab_page_t per page, and each page's channel to the main process (a socket
 * handed over once through WebKit): batches of IPC records both ways, big
 * ArrayBuffers as sealed memfds, and the replies sendSync blocks on. */
#include <errno.h>
#include <glib-unix.h>
#include <poll.h>
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bridge-private.h"
#include "ipc-channel.h"
#include "ipc-memfd.h"

/* The generated resource bundle (bridge.gresource.xml). */
GResource *anode_bridge_get_resource (void);

G_MODULE_EXPORT void webkit_web_process_extension_initialize_with_user_data (
  WebKitWebProcessExtension *extension, GVariant *data);

#define MESSAGE_NAME "anode-ipc"
#define CHANNEL_NAME "anode-channel"

GBytes *
ab_process_source (ab_process_t *process, const char *name)
{
  g_autofree char *path = g_strconcat ("/org/anode/bridge/", name, NULL);
  return g_resource_lookup_data (process->resources, path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                 NULL);
}

/* ---- out-of-band buffers */

/* Fresh engine memory about to be filled whole: every page mapped in one
 * call. In a VM with shadow page tables, filling 64 MB page by page costs
 * ~200 ms here (a fault per page), populated first ~80 ms. (Huge pages
 * filled in ~20 ms when the region had been used before but took ~150 ms to
 * populate when it had not, which is most of the time for a new buffer.) */
void
ab_prefault (void *data, gsize len)
{
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);
  guintptr first = ((guintptr) data + page - 1) & ~(page - 1);
  guintptr last = ((guintptr) data + len) & ~(page - 1);
  if (last > first + 16 * page)
    madvise ((void *) first, last - first, MADV_POPULATE_WRITE);
}

static int
oob_count (JSCValue *oob)
{
  g_autoptr (JSCValue) len = jsc_value_object_get_property (oob, "length");
  return jsc_value_to_int32 (len);
}

/* A sealed memfd holding ArrayBuffer `i` of the JS array `oob`. */
static int
oob_memfd (JSCValue *oob, int i, GError **error)
{
  g_autoptr (JSCValue) buf = jsc_value_object_get_property_at_index (oob, i);
  if (!jsc_value_is_array_buffer (buf)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "out-of-band entry %d is not an ArrayBuffer", i);
    return -1;
  }
  gsize size = 0;
  const void *data = jsc_value_array_buffer_get_data (buf, &size);
  return anode_ipc_memfd_new (data, size, error);
}

JSCValue *
ab_oob_map (JSCContext *ctx, const int *fds, guint n, GError **error)
{
  g_autoptr (JSCValue) array = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < n; i++) {
    gsize len;
    void *dest;
    if (!anode_ipc_memfd_check (fds[i], &len, error))
      return NULL;
    g_autoptr (JSCValue) buf = ab_buffer_new (ctx, len, &dest);
    ab_prefault (dest, len);
    if (!anode_ipc_memfd_read (fds[i], dest, len, error))
      return NULL;
    jsc_value_object_set_property_at_index (array, i, buf);
  }
  return g_steal_pointer (&array);
}

/* ---- the channel to the main process */

/* A batch that arrived while sendSync waited. */
typedef struct {
  anode_ipc_received_t r;
  guint8 *owned; /* r.data when inline */
} pending_t;

static void deliver_pending (ab_page_t *page);

/* The frame with a live bridge that id names (0: the main frame). A frame
 * WebKit replaced stays listed, without a bridge, until the page goes. */
static ab_frame_t *
frame_by_id (ab_page_t *page, guint id)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, page->frames);
  while (g_hash_table_iter_next (&it, NULL, &value)) {
    ab_frame_t *f = value;
    if (f->bridge != NULL && (id == 0 ? webkit_frame_is_main_frame (f->frame) : f->id == id))
      return f;
  }
  return NULL;
}

/* A batch from the main process for frame `frame_id`. A document without a
 * bridge (between navigations, or a frame without a preload) drops it, as a
 * renderer without listeners would. Takes the packet's fds. */
static void
deliver (ab_page_t *page, anode_ipc_received_t *r)
{
  ab_frame_t *frame = frame_by_id (page, r->frame_id);
  if (r->type == ANODE_IPC_BATCH && frame != NULL && frame->bridge != NULL)
    ab_frame_receive (frame, r);
  anode_ipc_received_clear (r);
}

static void
close_channel (ab_page_t *page)
{
  g_clear_handle_id (&page->channel_watch, g_source_remove);
  if (page->channel >= 0)
    close (page->channel);
  page->channel = -1;
}

/* Reads what is there, a bounded number of packets per wake-up so one busy
 * page does not starve the rest of the process. */
static gboolean
channel_readable_cb (int fd, GIOCondition condition, gpointer data)
{
  ab_page_t *page = data;
  deliver_pending (page);
  for (int i = 0; i < 256; i++) {
    g_autoptr (GError) error = NULL;
    anode_ipc_received_t r;
    int got = anode_ipc_recv (fd, page->scratch, &r, &error);
    if (got == 0)
      return G_SOURCE_CONTINUE;
    if (got == 2) {
      g_warning ("anode bridge: %s", error->message);
      continue;
    }
    if (got < 0) {
      page->channel_watch = 0;
      close_channel (page);
      return G_SOURCE_REMOVE;
    }
    deliver (page, &r);
  }
  return G_SOURCE_CONTINUE;
}

/* The channel is made on a page's first message and handed to the main
 * process through WebKit; WebKit carries that message ahead of the page's
 * later events (its load finishing...), so the main process knows the
 * channel before it has a reason to use it. */
static gboolean
ensure_channel (ab_page_t *page, GError **error)
{
  if (page->channel >= 0)
    return TRUE;
  int sv[2];
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) < 0) {
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
  WebKitUserMessage *msg = webkit_user_message_new_with_fd_list (CHANNEL_NAME, NULL, fds);
  webkit_web_page_send_message_to_view (page->page, msg, NULL, NULL, NULL);
  page->channel = sv[0];
  if (page->scratch == NULL)
    page->scratch = g_malloc (ANODE_IPC_INLINE_MAX + 64);
  page->channel_watch = g_unix_fd_add (page->channel, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                       channel_readable_cb, page);
  return TRUE;
}

/* One packet for the main process with a memfd per out-of-band buffer. */
static gboolean
send_batch (ab_page_t *page, guint frame_id, const guint8 *data, gsize len, JSCValue *oob,
            GError **error)
{
  if (!ensure_channel (page, error))
    return FALSE;
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_BATCH, frame_id, data, len, error);
  if (p == NULL)
    return FALSE;
  int n = oob != NULL && jsc_value_is_array (oob) ? oob_count (oob) : 0;
  for (int i = 0; i < n; i++) {
    int fd = oob_memfd (oob, i, error);
    if (fd < 0 || !anode_ipc_packet_add_oob (p, fd)) {
      if (fd >= 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many large buffers");
      anode_ipc_packet_free (p);
      return FALSE;
    }
  }
  /* Blocks when the main process is behind: back-pressure on the page. The
   * main process never blocks on the channel, so this always ends. */
  int sent = anode_ipc_packet_send (page->channel, p, TRUE, error);
  anode_ipc_packet_free (p);
  if (sent < 0) {
    close_channel (page);
    return FALSE;
  }
  return TRUE;
}

gboolean
ab_page_post (ab_page_t *page, guint frame_id, const guint8 *data, gsize len,
              JSCValue *oob, GError **error)
{
  return send_batch (page, frame_id, data, len, oob, error);
}

static gboolean
pending_cb (gpointer data)
{
  ab_page_t *page = data;
  page->pending_idle = 0;
  deliver_pending (page);
  return G_SOURCE_REMOVE;
}

static void
deliver_pending (ab_page_t *page)
{
  while (!g_queue_is_empty (&page->pending)) {
    pending_t *k = g_queue_pop_head (&page->pending);
    deliver (page, &k->r);
    g_free (k->owned);
    g_free (k);
  }
}

GBytes *
ab_page_send_sync (ab_page_t *page, guint frame_id, const guint8 *data, gsize len,
                   JSCValue *oob, GError **error)
{
  if (!send_batch (page, frame_id, data, len, oob, error))
    return NULL;
  /* Blocks the whole page, as sendSync does in Electron. Batches arriving
   * meanwhile wait until the call returns. */
  for (;;) {
    struct pollfd pfd = { page->channel, POLLIN, 0 };
    if (poll (&pfd, 1, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    g_autoptr (GError) local = NULL;
    anode_ipc_received_t r;
    int got = anode_ipc_recv (page->channel, page->scratch, &r, &local);
    if (got == 0)
      continue;
    if (got == 2) {
      g_warning ("anode bridge: %s", local->message);
      continue;
    }
    if (got < 0)
      break;
    if (r.type == ANODE_IPC_SYNC_REPLY) {
      guint8 *copy = g_malloc (r.len > 0 ? r.len : 1);
      gboolean ok = anode_ipc_received_read (&r, copy, error);
      anode_ipc_received_clear (&r);
      if (!ok) {
        g_free (copy);
        return NULL;
      }
      return g_bytes_new_take (copy, r.len);
    }
    /* Inline payloads live in the scratch buffer the next read reuses. */
    pending_t *kept = g_new0 (pending_t, 1);
    kept->r = r;
    if (r.payload_fd < 0 && r.len > 0) {
      kept->owned = g_memdup2 (r.data, r.len);
      kept->r.data = kept->owned;
    }
    g_queue_push_tail (&page->pending, kept);
    if (page->pending_idle == 0)
      page->pending_idle = g_idle_add_full (G_PRIORITY_HIGH, pending_cb, page, NULL);
  }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
               "the main process closed the channel before replying");
  close_channel (page);
  return NULL;
}

/* ---- pages */

/* Before the page's channel reached it, the main process sends batches as
 * WebKit user messages. */
static gboolean
page_message_cb (WebKitWebPage *web_page, WebKitUserMessage *msg, ab_page_t *page)
{
  if (g_strcmp0 (webkit_user_message_get_name (msg), MESSAGE_NAME) != 0)
    return FALSE;
  GVariant *params = webkit_user_message_get_parameters (msg);
  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(uay)")))
    return TRUE;
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
  deliver (page, &r);
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
  close_channel (page);
  g_clear_handle_id (&page->pending_idle, g_source_remove);
  while (!g_queue_is_empty (&page->pending)) {
    pending_t *k = g_queue_pop_head (&page->pending);
    anode_ipc_received_clear (&k->r);
    g_free (k->owned);
    g_free (k);
  }
  g_free (page->scratch);
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
  page->channel = -1;
  g_queue_init (&page->pending);
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
