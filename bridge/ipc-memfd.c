/* Sealed memfds for the bridge's out-of-band buffers (see ipc-memfd.h). */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipc-memfd.h"

int
anode_ipc_memfd_new (const void *data, gsize len, GError **error)
{
  int fd = memfd_create ("anode-ipc", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) {
    int e = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "memfd_create: %s", g_strerror (e));
    return -1;
  }
  const guint8 *p = data;
  gsize left = len;
  while (left > 0) {
    ssize_t n = write (fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int e = n < 0 ? errno : ENOSPC;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "writing a memfd: %s",
                   g_strerror (e));
      close (fd);
      return -1;
    }
    p += n;
    left -= (gsize) n;
  }
  /* A receiver maps it: it must never shrink (SIGBUS) or change under it. */
  if (fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0) {
    int e = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "sealing a memfd: %s",
                 g_strerror (e));
    close (fd);
    return -1;
  }
  return fd;
}

gboolean
anode_ipc_memfd_check (int fd, gsize *len, GError **error)
{
  struct stat st;
  int seals = fcntl (fd, F_GET_SEALS);
  const int needed = F_SEAL_SHRINK | F_SEAL_WRITE;
  if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode) || seals < 0 || (seals & needed) != needed) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "an out-of-band buffer is not a sealed memfd");
    return FALSE;
  }
  if ((guint64) st.st_size > ANODE_IPC_MAX_MAPPED) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "an out-of-band buffer of %" G_GUINT64_FORMAT " bytes is over the limit",
                 (guint64) st.st_size);
    return FALSE;
  }
  *len = (gsize) st.st_size;
  return TRUE;
}

gboolean
anode_ipc_memfd_read (int fd, void *dest, gsize len, GError **error)
{
  gsize got = 0;
  while (got < len) {
    ssize_t r = pread (fd, (guint8 *) dest + got, len - got, (off_t) got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "an out-of-band buffer ended early");
      return FALSE;
    }
    got += (gsize) r;
  }
  return TRUE;
}

gboolean
anode_ipc_memfd_map (int fd, void **addr, gsize *len, GError **error)
{
  *addr = NULL;
  if (!anode_ipc_memfd_check (fd, len, error))
    return FALSE;
  if (*len == 0)
    return TRUE;
  void *p = mmap (NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) {
    int e = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "mmap: %s", g_strerror (e));
    return FALSE;
  }
  /* Mapped in one call rather than a fault per page when read (reading
   * keeps the pages shared: no copy is made). */
  madvise (p, *len, MADV_POPULATE_READ);
  *addr = p;
  return TRUE;
}

/* Kept memfds cost a file descriptor each: past this many live mappings,
 * new ones keep none (and their buffers are copied when sent on). */
#define MAX_KEPT 256

anode_ipc_mapping_t *
anode_ipc_mapping_new (int fd, GHashTable *registry, GError **error)
{
  anode_ipc_mapping_t *m = g_new0 (anode_ipc_mapping_t, 1);
  m->fd = -1;
  if (!anode_ipc_memfd_map (fd, &m->addr, &m->len, error)) {
    g_free (m);
    return NULL;
  }
  if (registry != NULL && m->len > 0 && g_hash_table_size (registry) < MAX_KEPT) {
    m->fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
    if (m->fd >= 0) {
      m->registry = g_hash_table_ref (registry);
      g_hash_table_insert (registry, m->addr, m);
    }
  }
  return m;
}

void
anode_ipc_mapping_free (gpointer mapping)
{
  anode_ipc_mapping_t *m = mapping;
  if (m->registry != NULL) {
    g_hash_table_remove (m->registry, m->addr);
    g_hash_table_unref (m->registry);
  }
  if (m->fd >= 0)
    close (m->fd);
  if (m->len > 0)
    munmap (m->addr, m->len);
  g_free (m);
}

/* /proc/self/pagemap: bit 63 present, 62 swapped, 61 file page. A page
 * present but not a file page (or swapped) is a private copy: written. */
static gboolean
pages_untouched (int pagemap, const void *addr, gsize len)
{
  const gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guint64 first = (guintptr) addr / page;
  gsize n = (len + page - 1) / page;
  guint64 buf[512];
  for (gsize done = 0; done < n;) {
    gsize k = MIN (n - done, G_N_ELEMENTS (buf));
    ssize_t r = pread (pagemap, buf, k * sizeof buf[0], (off_t) ((first + done) * sizeof buf[0]));
    if (r != (ssize_t) (k * sizeof buf[0]))
      return FALSE;
    for (gsize i = 0; i < k; i++) {
      gboolean present = (buf[i] >> 63) & 1, swapped = (buf[i] >> 62) & 1;
      gboolean file = (buf[i] >> 61) & 1;
      if (swapped || (present && !file))
        return FALSE;
    }
    done += k;
  }
  return TRUE;
}

int
anode_ipc_memfd_reuse (GHashTable *registry, int pagemap, const void *data, gsize len)
{
  if (registry == NULL || pagemap < 0 || data == NULL)
    return -1;
  anode_ipc_mapping_t *m = g_hash_table_lookup (registry, data);
  if (m == NULL || m->len != len || m->fd < 0 || !pages_untouched (pagemap, m->addr, m->len))
    return -1;
  return fcntl (m->fd, F_DUPFD_CLOEXEC, 0);
}
