/* The bridge's channel: one SOCK_SEQPACKET socket per page between the web
 * process and the main process, handed over once through a WebKit user
 * message. A packet is a header, a payload (inline, or a sealed memfd when
 * big) and the memfds of the batch's out-of-band buffers. Both sides
 * compile this file (bridge/ and shell/ui/ui-ipc.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Packet types. */
enum {
  ANODE_IPC_BATCH = 1,      /* records (ipc_wire.js), either way */
  ANODE_IPC_SYNC_REPLY = 2, /* main to page: the value a sendSync waits for */
};

/* Payloads up to this size travel inline. */
#define ANODE_IPC_INLINE_MAX (64 * 1024)
/* Out-of-band buffers a packet may carry. */
#define ANODE_IPC_MAX_OOB 64

typedef struct anode_ipc_packet anode_ipc_packet_t;

/* A packet of `type` for frame `frame_id` holding a copy of `data` (put in
 * a sealed memfd when over ANODE_IPC_INLINE_MAX). NULL with `error` set
 * when the memfd cannot be made. Free with anode_ipc_packet_free. */
anode_ipc_packet_t *anode_ipc_packet_new (guint8 type, guint32 frame_id, const void *data,
                                          gsize len, GError **error);
/* Adds out-of-band memfd `fd` (the packet takes it). FALSE past
 * ANODE_IPC_MAX_OOB (the fd is closed). */
gboolean anode_ipc_packet_add_oob (anode_ipc_packet_t *packet, int fd);
void anode_ipc_packet_free (anode_ipc_packet_t *packet);

/* Sends `packet` on `sock`. Returns 1 when sent, 0 when the socket is full
 * and `block` is FALSE (nothing was sent), -1 with `error` set otherwise.
 * With `block`, waits until the socket takes it. */
int anode_ipc_packet_send (int sock, anode_ipc_packet_t *packet, gboolean block,
                           GError **error);

/* A received packet. */
typedef struct {
  guint8 type;
  guint32 frame_id;
  const guint8 *data; /* inline payload (in the caller's scratch), or NULL */
  gsize len;          /* payload size, inline or in payload_fd */
  int payload_fd;     /* the payload's memfd, or -1 */
  int oob[ANODE_IPC_MAX_OOB];
  guint n_oob;
} anode_ipc_received_t;

/* Reads one packet from `sock` into `scratch` (at least
 * ANODE_IPC_INLINE_MAX + 8 bytes) without blocking. Returns 1 with `out`
 * filled (the caller owns its fds: anode_ipc_received_clear closes them), 0
 * when there is nothing to read, 2 with `error` set when a malformed packet
 * was dropped (read on), -1 at the end of the channel or on an error. */
int anode_ipc_recv (int sock, guint8 *scratch, anode_ipc_received_t *out, GError **error);
void anode_ipc_received_clear (anode_ipc_received_t *r);

/* Reads the payload of `r` into `dest` (r->len bytes). */
gboolean anode_ipc_received_read (anode_ipc_received_t *r, void *dest, GError **error);

G_END_DECLS
