/* The bridge's channel packets and memfds (bridge/ipc-channel.c,
 * bridge/ipc-memfd.c): round trips, and what a hostile peer could send
 * instead: short packets, missing or extra fds, unsealed or oversized
 * memfds. None may crash or leak a descriptor. */
#include <dirent.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc-channel.h"
#include "ipc-memfd.h"

static int
open_fds (void)
{
  int n = 0;
  DIR *d = opendir ("/proc/self/fd");
  while (readdir (d) != NULL)
    n++;
  closedir (d);
  return n;
}

static void
pair (int sv[2])
{
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv), ==, 0);
}

/* A raw datagram with `fds` attached, as a broken or hostile peer sends. */
static void
raw_send (int sock, const void *data, gsize len, const int *fds, guint n)
{
  struct iovec iov = { (void *) data, len };
  struct msghdr mh = { 0 };
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  char control[CMSG_SPACE (sizeof (int) * 8)];
  if (n > 0) {
    memset (control, 0, sizeof control);
    mh.msg_control = control;
    mh.msg_controllen = CMSG_SPACE (sizeof (int) * n);
    struct cmsghdr *c = CMSG_FIRSTHDR (&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN (sizeof (int) * n);
    memcpy (CMSG_DATA (c), fds, sizeof (int) * n);
  }
  g_assert_cmpint (sendmsg (sock, &mh, 0), >=, 0);
}

static void
test_round_trip (void)
{
  int before = open_fds ();
  int sv[2];
  pair (sv);
  g_autofree guint8 *scratch = g_malloc (ANODE_IPC_INLINE_MAX + 64);
  g_autoptr (GError) error = NULL;
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_BATCH, 7, "hello", 5, &error);
  g_assert_no_error (error);
  guint8 big[1000];
  memset (big, 9, sizeof big);
  g_assert_true (anode_ipc_packet_add_oob (p, anode_ipc_memfd_new (big, sizeof big, &error)));
  g_assert_cmpint (anode_ipc_packet_send (sv[0], p, FALSE, &error), ==, 1);
  anode_ipc_packet_free (p);

  anode_ipc_received_t r;
  g_assert_cmpint (anode_ipc_recv (sv[1], scratch, &r, &error), ==, 1);
  g_assert_cmpint (r.type, ==, ANODE_IPC_BATCH);
  g_assert_cmpuint (r.frame_id, ==, 7);
  g_assert_cmpuint (r.len, ==, 5);
  g_assert_cmpmem (r.data, 5, "hello", 5);
  g_assert_cmpuint (r.n_oob, ==, 1);
  void *addr;
  gsize len;
  g_assert_true (anode_ipc_memfd_map (r.oob[0], &addr, &len, &error));
  g_assert_cmpuint (len, ==, sizeof big);
  g_assert_cmpmem (addr, len, big, sizeof big);
  munmap (addr, len);
  anode_ipc_received_clear (&r);
  g_assert_cmpint (anode_ipc_recv (sv[1], scratch, &r, &error), ==, 0);
  close (sv[0]);
  close (sv[1]);
  g_assert_cmpint (open_fds (), ==, before);
}

static void
test_big_payload (void)
{
  int sv[2];
  pair (sv);
  g_autofree guint8 *scratch = g_malloc (ANODE_IPC_INLINE_MAX + 64);
  gsize n = ANODE_IPC_INLINE_MAX * 3 + 17;
  g_autofree guint8 *data = g_malloc (n);
  for (gsize i = 0; i < n; i++)
    data[i] = (guint8) (i * 31);
  g_autoptr (GError) error = NULL;
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_SYNC_REPLY, 0, data, n, &error);
  g_assert_cmpint (anode_ipc_packet_send (sv[0], p, TRUE, &error), ==, 1);
  anode_ipc_packet_free (p);
  anode_ipc_received_t r;
  g_assert_cmpint (anode_ipc_recv (sv[1], scratch, &r, &error), ==, 1);
  g_assert_cmpint (r.type, ==, ANODE_IPC_SYNC_REPLY);
  g_assert_cmpint (r.payload_fd, >=, 0);
  g_assert_cmpuint (r.len, ==, n);
  g_autofree guint8 *back = g_malloc (n);
  g_assert_true (anode_ipc_received_read (&r, back, &error));
  g_assert_cmpmem (back, n, data, n);
  anode_ipc_received_clear (&r);
  close (sv[0]);
  close (sv[1]);
}

static void
expect_dropped (int sock, guint8 *scratch)
{
  g_autoptr (GError) error = NULL;
  anode_ipc_received_t r;
  g_assert_cmpint (anode_ipc_recv (sock, scratch, &r, &error), ==, 2);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_malformed (void)
{
  int before = open_fds ();
  int sv[2];
  pair (sv);
  g_autofree guint8 *scratch = g_malloc (ANODE_IPC_INLINE_MAX + 64);
  g_autoptr (GError) error = NULL;

  /* Shorter than a header. */
  raw_send (sv[0], "\1\0", 2, NULL, 0);
  expect_dropped (sv[1], scratch);

  /* Claims two out-of-band buffers, carries none. */
  guint8 header[8] = { ANODE_IPC_BATCH, 0, 2, 0, 0, 0, 0, 0 };
  raw_send (sv[0], header, sizeof header, NULL, 0);
  expect_dropped (sv[1], scratch);

  /* Carries an fd it does not declare (the fd must not leak). */
  int extra = anode_ipc_memfd_new ("x", 1, &error);
  header[2] = 0;
  raw_send (sv[0], header, sizeof header, &extra, 1);
  close (extra);
  expect_dropped (sv[1], scratch);

  /* A payload "in a memfd" that is an unsealed memfd: could shrink under
   * the receiver (SIGBUS). */
  int loose = memfd_create ("loose", MFD_CLOEXEC);
  g_assert_cmpint (write (loose, "abc", 3), ==, 3);
  header[1] = 1;
  raw_send (sv[0], header, sizeof header, &loose, 1);
  close (loose);
  expect_dropped (sv[1], scratch);

  /* A payload flag with inline bytes as well. */
  int sealed = anode_ipc_memfd_new ("abc", 3, &error);
  guint8 both[12] = { ANODE_IPC_BATCH, 1, 0, 0, 0, 0, 0, 0, 'x', 'y', 'z', 'w' };
  raw_send (sv[0], both, sizeof both, &sealed, 1);
  close (sealed);
  expect_dropped (sv[1], scratch);

  /* Over the inline size: truncated, dropped. */
  gsize n = ANODE_IPC_INLINE_MAX + 100;
  g_autofree guint8 *huge = g_malloc0 (n);
  huge[0] = ANODE_IPC_BATCH;
  raw_send (sv[0], huge, n, NULL, 0);
  expect_dropped (sv[1], scratch);

  /* Still usable after all that. */
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_BATCH, 1, "ok", 2, &error);
  g_assert_cmpint (anode_ipc_packet_send (sv[0], p, FALSE, &error), ==, 1);
  anode_ipc_packet_free (p);
  anode_ipc_received_t r;
  g_assert_cmpint (anode_ipc_recv (sv[1], scratch, &r, &error), ==, 1);
  g_assert_cmpmem (r.data, r.len, "ok", 2);
  anode_ipc_received_clear (&r);

  /* The other end goes away. */
  close (sv[0]);
  g_assert_cmpint (anode_ipc_recv (sv[1], scratch, &r, &error), ==, -1);
  close (sv[1]);
  g_assert_cmpint (open_fds (), ==, before);
}

static void
test_full_socket (void)
{
  int sv[2];
  pair (sv);
  g_autoptr (GError) error = NULL;
  guint8 chunk[4096] = { 0 };
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_BATCH, 0, chunk, sizeof chunk, &error);
  int sent, count = 0;
  while ((sent = anode_ipc_packet_send (sv[0], p, FALSE, &error)) == 1)
    count++;
  g_assert_cmpint (sent, ==, 0);
  g_assert_cmpint (count, >, 0);
  g_assert_no_error (error);
  anode_ipc_packet_free (p);
  close (sv[0]);
  close (sv[1]);
}

static void
test_oob_limit (void)
{
  g_autoptr (GError) error = NULL;
  anode_ipc_packet_t *p = anode_ipc_packet_new (ANODE_IPC_BATCH, 0, "", 0, &error);
  for (int i = 0; i < ANODE_IPC_MAX_OOB; i++)
    g_assert_true (anode_ipc_packet_add_oob (p, anode_ipc_memfd_new ("x", 1, &error)));
  int before = open_fds ();
  g_assert_false (anode_ipc_packet_add_oob (p, anode_ipc_memfd_new ("x", 1, &error)));
  g_assert_cmpint (open_fds (), ==, before);
  anode_ipc_packet_free (p);
}

/* A received buffer sent on: the same memfd while untouched, none once
 * written to. */
static void
test_reuse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) registry = g_hash_table_new (NULL, NULL);
  int pagemap = open ("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  gsize n = 1 << 20;
  g_autofree guint8 *data = g_malloc (n);
  memset (data, 5, n);
  int fd = anode_ipc_memfd_new (data, n, &error);
  anode_ipc_mapping_t *m = anode_ipc_mapping_new (fd, registry, &error);
  close (fd);
  g_assert_nonnull (m);
  g_assert_cmpuint (g_hash_table_size (registry), ==, 1);
  guint8 sum = 0;
  for (gsize i = 0; i < n; i += 4096)
    sum += ((guint8 *) m->addr)[i];
  g_assert_cmpuint (sum, ==, (guint8) (5 * (n / 4096)));
  int again = anode_ipc_memfd_reuse (registry, pagemap, m->addr, m->len);
  g_assert_cmpint (again, >=, 0);
  close (again);
  g_assert_cmpint (anode_ipc_memfd_reuse (registry, pagemap, m->addr, m->len - 1), ==, -1);
  ((guint8 *) m->addr)[n / 2] = 1;
  g_assert_cmpint (anode_ipc_memfd_reuse (registry, pagemap, m->addr, m->len), ==, -1);
  anode_ipc_mapping_free (m);
  g_assert_cmpuint (g_hash_table_size (registry), ==, 0);
  close (pagemap);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ipc-channel/round-trip", test_round_trip);
  g_test_add_func ("/ipc-channel/big-payload", test_big_payload);
  g_test_add_func ("/ipc-channel/malformed", test_malformed);
  g_test_add_func ("/ipc-channel/full-socket", test_full_socket);
  g_test_add_func ("/ipc-channel/oob-limit", test_oob_limit);
  g_test_add_func ("/ipc-channel/reuse", test_reuse);
  return g_test_run ();
}
