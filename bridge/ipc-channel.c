/* The bridge's channel packets (see ipc-channel.h). */
#include <errno.h>
#include <gio/gio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc-channel.h"
#include "ipc-memfd.h"

#define HEADER_SIZE 8
#define FLAG_PAYLOAD_FD 1

struct anode_ipc_packet {
  guint8 header[HEADER_SIZE]; /* type, flags, u16 oob count, u32 frame id */
  guint8 *data;               /* inline payload, or NULL */
  gsize len;
  int fds[ANODE_IPC_MAX_OOB + 1]; /* the payload's memfd first, if any */
  guint n_fds;
};

static void
put_u16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static void
put_u32 (guint8 *p, guint32 v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

anode_ipc_packet_t *
anode_ipc_packet_new (guint8 type, guint32 frame_id, const void *data, gsize len,
                      GError **error)
{
  anode_ipc_packet_t *p = g_new0 (anode_ipc_packet_t, 1);
  p->header[0] = type;
  put_u32 (p->header + 4, frame_id);
  if (len > ANODE_IPC_INLINE_MAX) {
    int fd = anode_ipc_memfd_new (data, len, error);
    if (fd < 0) {
      g_free (p);
      return NULL;
    }
    p->header[1] = FLAG_PAYLOAD_FD;
    p->fds[p->n_fds++] = fd;
  } else {
    p->data = len > 0 ? g_memdup2 (data, len) : NULL;
    p->len = len;
  }
  return p;
}

gboolean
anode_ipc_packet_add_oob (anode_ipc_packet_t *p, int fd)
{
  guint oob = p->n_fds - (p->header[1] & FLAG_PAYLOAD_FD ? 1 : 0);
  if (oob >= ANODE_IPC_MAX_OOB) {
    close (fd);
    return FALSE;
  }
  p->fds[p->n_fds++] = fd;
  put_u16 (p->header + 2, (guint16) (oob + 1));
  return TRUE;
}

void
anode_ipc_packet_free (anode_ipc_packet_t *p)
{
  if (p == NULL)
    return;
  for (guint i = 0; i < p->n_fds; i++)
    close (p->fds[i]);
  g_free (p->data);
  g_free (p);
}

int
anode_ipc_packet_send (int sock, anode_ipc_packet_t *p, gboolean block, GError **error)
{
  struct iovec iov[2] = { { p->header, HEADER_SIZE }, { p->data, p->len } };
  struct msghdr mh = { 0 };
  mh.msg_iov = iov;
  mh.msg_iovlen = p->len > 0 ? 2 : 1;
  union {
    struct cmsghdr align;
    char data[CMSG_SPACE (sizeof (int) * (ANODE_IPC_MAX_OOB + 1))];
  } control;
  if (p->n_fds > 0) {
    memset (&control, 0, sizeof control);
    mh.msg_control = control.data;
    mh.msg_controllen = CMSG_SPACE (sizeof (int) * p->n_fds);
    struct cmsghdr *c = CMSG_FIRSTHDR (&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN (sizeof (int) * p->n_fds);
    memcpy (CMSG_DATA (c), p->fds, sizeof (int) * p->n_fds);
  }
  for (;;) {
    ssize_t n = sendmsg (sock, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0)
      return 1;
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!block)
        return 0;
      struct pollfd pfd = { sock, POLLOUT, 0 };
      if (poll (&pfd, 1, -1) < 0 && errno != EINTR)
        break;
      continue;
    }
    break;
  }
  int e = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "sending on the IPC channel: %s",
               g_strerror (e));
  return -1;
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

void
anode_ipc_received_clear (anode_ipc_received_t *r)
{
  if (r->payload_fd >= 0)
    close (r->payload_fd);
  r->payload_fd = -1;
  for (guint i = 0; i < r->n_oob; i++)
    close (r->oob[i]);
  r->n_oob = 0;
}

int
anode_ipc_recv (int sock, guint8 *scratch, anode_ipc_received_t *out, GError **error)
{
  union {
    struct cmsghdr align;
    char data[CMSG_SPACE (sizeof (int) * (ANODE_IPC_MAX_OOB + 1))];
  } control;
  struct iovec iov = { scratch, ANODE_IPC_INLINE_MAX + HEADER_SIZE };
  struct msghdr mh = { 0 };
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = control.data;
  mh.msg_controllen = sizeof control.data;
  ssize_t n;
  do
    n = recvmsg (sock, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    return 0;
  if (n <= 0) {
    if (n < 0)
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
    return -1;
  }
  int fds[ANODE_IPC_MAX_OOB + 1];
  guint n_fds = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR (&mh); c != NULL; c = CMSG_NXTHDR (&mh, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
      continue;
    guint k = (c->cmsg_len - CMSG_LEN (0)) / sizeof (int);
    int *in = (int *) CMSG_DATA (c);
    for (guint i = 0; i < k; i++) {
      if (n_fds < G_N_ELEMENTS (fds))
        fds[n_fds++] = in[i];
      else
        close (in[i]);
    }
  }
  memset (out, 0, sizeof *out);
  out->payload_fd = -1;
  gboolean bad = (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || n < HEADER_SIZE;
  guint oob = bad ? 0 : (guint) scratch[2] | (guint) scratch[3] << 8;
  gboolean in_fd = !bad && (scratch[1] & FLAG_PAYLOAD_FD) != 0;
  if (!bad && (oob > ANODE_IPC_MAX_OOB || n_fds != oob + (in_fd ? 1 : 0) ||
               (in_fd && n != HEADER_SIZE)))
    bad = TRUE;
  if (bad) {
    for (guint i = 0; i < n_fds; i++)
      close (fds[i]);
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "a malformed packet on the IPC channel");
    return 2;
  }
  out->type = scratch[0];
  out->frame_id = get_u32 (scratch + 4);
  guint first = 0;
  if (in_fd) {
    out->payload_fd = fds[first++];
    if (!anode_ipc_memfd_check (out->payload_fd, &out->len, error)) {
      for (guint i = 0; i < n_fds; i++)
        close (fds[i]);
      out->payload_fd = -1;
      return 2;
    }
  } else {
    out->data = scratch + HEADER_SIZE;
    out->len = (gsize) n - HEADER_SIZE;
  }
  for (guint i = first; i < n_fds; i++)
    out->oob[out->n_oob++] = fds[i];
  return 1;
}

gboolean
anode_ipc_received_read (anode_ipc_received_t *r, void *dest, GError **error)
{
  if (r->payload_fd < 0) {
    if (r->len > 0)
      memcpy (dest, r->data, r->len);
    return TRUE;
  }
  return anode_ipc_memfd_read (r->payload_fd, dest, r->len, error);
}
