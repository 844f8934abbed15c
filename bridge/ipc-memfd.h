/* Out-of-band ArrayBuffers of the bridge's wire format: sealed memfds, the
 * one piece of C both sides compile (bridge/ and shell/ui/ui-ipc.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest buffer a receiver maps. */
#define ANODE_IPC_MAX_MAPPED ((gsize) 2 * 1024 * 1024 * 1024)

/* A new memfd holding a copy of `data`, sealed against any change, so a
 * receiver can map it safely. Returns the fd (caller closes) or -1 with
 * `error` set. */
int anode_ipc_memfd_new (const void *data, gsize len, GError **error);

/* Checks that `fd` is a sealed regular file of at most
 * ANODE_IPC_MAX_MAPPED bytes and returns its size in `len`. */
gboolean anode_ipc_memfd_check (int fd, gsize *len, GError **error);

/* Reads all `len` bytes of memfd `fd` into `dest`. */
gboolean anode_ipc_memfd_read (int fd, void *dest, gsize len, GError **error);

/* Maps memfd `fd` privately (writes stay the receiver's own copy) after
 * checking it is a sealed regular file of at most ANODE_IPC_MAX_MAPPED
 * bytes. Does not close `fd`. On success `addr` and `len` describe the
 * mapping (addr NULL when len is 0); munmap it when done. */
gboolean anode_ipc_memfd_map (int fd, void **addr, gsize *len, GError **error);

/* A mapping made by anode_ipc_mapping_new. */
typedef struct {
  void *addr;
  gsize len;
  int fd;          /* the memfd, kept for resending (or -1) */
  GHashTable *registry; /* where it is listed by addr, or NULL */
} anode_ipc_mapping_t;

/* Maps `fd` as above into a new mapping record (caller frees with
 * anode_ipc_mapping_free), or NULL with `error` set. With `registry`, the
 * mapping keeps a duplicate of `fd` and lists itself there by address while
 * it lives, so anode_ipc_memfd_reuse can send the same memfd on. */
anode_ipc_mapping_t *anode_ipc_mapping_new (int fd, GHashTable *registry, GError **error);
void anode_ipc_mapping_free (gpointer mapping);

/* A memfd with the `len` bytes at `data` without copying them when they are
 * a whole mapping from `registry` that nobody wrote to since (its pages
 * still the memfd's own, says /proc/self/pagemap): a duplicate of that
 * mapping's memfd, or -1. `pagemap` is an open /proc/self/pagemap. */
int anode_ipc_memfd_reuse (GHashTable *registry, int pagemap, const void *data, gsize len);

G_END_DECLS
