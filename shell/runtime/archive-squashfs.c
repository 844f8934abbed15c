/* A squashfs image read in place through libsquashfs (squashfs-tools-ng):
 * the payload of an AppImage, which anode reads straight from its own file
 * instead of mounting it with FUSE. The directory tree is read once on
 * open; file data is decompressed on demand. libsquashfs readers are not
 * thread-safe, so reads hold the archive lock. */
#include "archive-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqfs/compressor.h>
#include <sqfs/data_reader.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/io.h>
#include <sqfs/super.h>

/* The image as a libsquashfs file: `size` bytes from `offset` of `fd`. */
typedef struct {
  sqfs_file_t base;
  int fd;
  guint64 offset;
  guint64 size;
} image_file_t;

typedef struct {
  image_file_t *file;
  sqfs_compressor_t *cmp;
  sqfs_data_reader_t *data;
  sqfs_tree_node_t *tree; /* owns the inodes the nodes point at */
} squashfs_t;

static int
image_read_at (sqfs_file_t *f, sqfs_u64 offset, void *buffer, size_t size)
{
  image_file_t *im = (image_file_t *) f;
  if (offset > im->size || size > im->size - offset)
    return SQFS_ERROR_OUT_OF_BOUNDS;
  size_t done = 0;
  while (done < size) {
    ssize_t n = pread (im->fd, (char *) buffer + done, size - done,
                       (off_t) (im->offset + offset + done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return SQFS_ERROR_IO;
    if (n == 0)
      return SQFS_ERROR_OUT_OF_BOUNDS;
    done += (size_t) n;
  }
  return 0;
}

static int
image_write_at (sqfs_file_t *f, sqfs_u64 offset, const void *buffer, size_t size)
{
  return SQFS_ERROR_UNSUPPORTED;
}

static sqfs_u64
image_get_size (const sqfs_file_t *f)
{
  return ((const image_file_t *) f)->size;
}

static int
image_truncate (sqfs_file_t *f, sqfs_u64 size)
{
  return SQFS_ERROR_UNSUPPORTED;
}

static void
image_destroy (sqfs_object_t *obj)
{
  image_file_t *im = (image_file_t *) obj;
  if (im->fd >= 0)
    close (im->fd);
  g_free (im);
}

static const char *
sqfs_error_text (int err)
{
  switch (err) {
  case SQFS_ERROR_ALLOC: return "out of memory";
  case SQFS_ERROR_IO: return "input/output error";
  case SQFS_ERROR_COMPRESSOR: return "cannot decompress";
  case SQFS_ERROR_CORRUPTED: return "the image is corrupted";
  case SQFS_ERROR_UNSUPPORTED: return "unsupported feature (compressor?)";
  case SQFS_ERROR_OUT_OF_BOUNDS: return "data past the end of the image";
  case -9: return "no squashfs superblock"; /* spelt SFQS_ERROR_SUPER_MAGIC in 1.2 */
  case -10: return "unsupported squashfs version";
  case SQFS_ERROR_SUPER_BLOCK_SIZE: return "invalid block size";
  case SQFS_ERROR_LINK_LOOP: return "directory loop";
  default: return "cannot read the image";
  }
}

static void
set_sqfs_error (GError **error, anode_archive_t *a, const char *what, int err)
{
  g_set_error (error, ANODE_ARCHIVE_ERROR, err == SQFS_ERROR_IO ? EIO : EINVAL,
               "invalid squashfs image %s: %s: %s", a->path, what, sqfs_error_text (err));
}

/* Copies libsquashfs's tree into archive nodes, iteratively (the image may
 * be hostile and deep). */
static gboolean
build_tree (anode_archive_t *a, sqfs_tree_node_t *root, GError **error)
{
  a->root = anode_archive_node_new (a, NULL, "", ANODE_ENTRY_DIR);
  a->root->mode = root->inode->base.mode & 07777;
  a->root->mtime = root->inode->base.mod_time;
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  g_ptr_array_add (todo, root);
  g_ptr_array_add (todo, a->root);
  while (todo->len > 0) {
    anode_archive_node_t *dir = g_ptr_array_steal_index (todo, todo->len - 1);
    sqfs_tree_node_t *sdir = g_ptr_array_steal_index (todo, todo->len - 1);
    for (sqfs_tree_node_t *c = sdir->children; c != NULL; c = c->next) {
      const char *name = (const char *) c->name;
      sqfs_inode_generic_t *ino = c->inode;
      anode_entry_kind_t kind;
      switch (ino->base.type) {
      case SQFS_INODE_DIR: case SQFS_INODE_EXT_DIR: kind = ANODE_ENTRY_DIR; break;
      case SQFS_INODE_FILE: case SQFS_INODE_EXT_FILE: kind = ANODE_ENTRY_FILE; break;
      case SQFS_INODE_SLINK: case SQFS_INODE_EXT_SLINK: kind = ANODE_ENTRY_LINK; break;
      default: continue; /* devices, fifos, sockets: not app content */
      }
      if (!anode_archive_name_ok (name, strlen (name))) {
        g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL,
                     "invalid squashfs image %s: entry name '%s' is not allowed", a->path, name);
        return FALSE;
      }
      anode_archive_node_t *node = anode_archive_node_new (a, dir, name, kind);
      node->mode = ino->base.mode & 07777;
      node->mtime = ino->base.mod_time;
      node->executable = (node->mode & 0111) != 0;
      node->backend = ino;
      if (kind == ANODE_ENTRY_FILE) {
        sqfs_u64 size = 0;
        sqfs_inode_get_file_size (ino, &size);
        node->size = size;
      } else if (kind == ANODE_ENTRY_LINK) {
        guint32 n = ino->base.type == SQFS_INODE_SLINK ? ino->data.slink.target_size
                                                       : ino->data.slink_ext.target_size;
        if (n == 0 || n > ino->payload_bytes_used || memchr (ino->extra, '\0', n) != NULL) {
          g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL,
                       "invalid squashfs image %s: link '%s' is malformed", a->path, name);
          return FALSE;
        }
        node->link = g_strndup ((const char *) ino->extra, n);
      } else {
        g_ptr_array_add (todo, c);
        g_ptr_array_add (todo, node);
      }
    }
  }
  anode_archive_finish_tree (a->root);
  return TRUE;
}

static gssize
squashfs_read (anode_archive_t *a, anode_archive_node_t *node, guint64 offset, void *buf,
               gsize len, GError **error)
{
  squashfs_t *s = a->priv;
  len = MIN (len, (gsize) G_MAXINT32);
  g_mutex_lock (&a->lock);
  sqfs_s32 n = sqfs_data_reader_read (s->data, node->backend, offset, buf, (sqfs_u32) len);
  g_mutex_unlock (&a->lock);
  if (n < 0) {
    g_autofree char *p = anode_archive_node_path (node);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EIO, "cannot read '%s' in %s: %s", p, a->path,
                 sqfs_error_text (n));
    return -1;
  }
  return n;
}

static void
squashfs_finalize (anode_archive_t *a)
{
  squashfs_t *s = a->priv;
  if (s == NULL)
    return;
  if (s->tree != NULL)
    sqfs_dir_tree_destroy (s->tree);
  sqfs_destroy (s->data);
  sqfs_destroy (s->cmp);
  sqfs_destroy (s->file);
  g_free (s);
}

static const anode_archive_ops_t squashfs_ops = {
  .read = squashfs_read,
  .finalize = squashfs_finalize,
};

static image_file_t *
image_open (const char *path, guint64 offset, struct stat *st, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, st) != 0) {
    int e = errno;
    if (fd >= 0)
      close (fd);
    g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot open %s: %s", path, g_strerror (e));
    return NULL;
  }
  if ((guint64) st->st_size < offset) {
    close (fd);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL,
                 "%s is shorter than the offset of its squashfs image", path);
    return NULL;
  }
  image_file_t *im = g_new0 (image_file_t, 1);
  im->base.base.destroy = image_destroy;
  im->base.read_at = image_read_at;
  im->base.write_at = image_write_at;
  im->base.get_size = image_get_size;
  im->base.truncate = image_truncate;
  im->fd = fd;
  im->offset = offset;
  im->size = (guint64) st->st_size - offset;
  return im;
}

anode_archive_t *
anode_archive_open_squashfs (const char *path, guint64 offset, GError **error)
{
  struct stat st;
  image_file_t *im = image_open (path, offset, &st, error);
  if (im == NULL)
    return NULL;
  g_autoptr (anode_archive_t) a = anode_archive_new (ANODE_ARCHIVE_SQUASHFS, &squashfs_ops, path);
  squashfs_t *s = g_new0 (squashfs_t, 1);
  s->file = im;
  a->priv = s;
  a->dev = st.st_dev;
  a->uid = st.st_uid;
  a->gid = st.st_gid;
  a->mtime = st.st_mtim.tv_sec;

  sqfs_super_t super;
  sqfs_compressor_config_t cfg;
  int err = sqfs_super_read (&super, &im->base);
  if (err != 0) {
    set_sqfs_error (error, a, "superblock", err);
    return NULL;
  }
  err = sqfs_compressor_config_init (&cfg, super.compression_id, super.block_size,
                                     SQFS_COMP_FLAG_UNCOMPRESS);
  if (err == 0)
    err = sqfs_compressor_create (&cfg, &s->cmp);
  if (err != 0) {
    set_sqfs_error (error, a, "compressor", err);
    return NULL;
  }
  s->data = sqfs_data_reader_create (&im->base, super.block_size, s->cmp, 0);
  if (s->data == NULL || (err = sqfs_data_reader_load_fragment_table (s->data, &super)) != 0) {
    set_sqfs_error (error, a, "fragment table", s->data ? err : SQFS_ERROR_ALLOC);
    return NULL;
  }
  sqfs_id_table_t *ids = sqfs_id_table_create (0);
  sqfs_dir_reader_t *dirs = sqfs_dir_reader_create (&super, s->cmp, &im->base, 0);
  err = ids == NULL || dirs == NULL ? SQFS_ERROR_ALLOC : sqfs_id_table_read (ids, &im->base, &super, s->cmp);
  if (err == 0)
    err = sqfs_dir_reader_get_full_hierarchy (dirs, ids, NULL,
                                              SQFS_TREE_NO_DEVICES | SQFS_TREE_NO_SOCKETS |
                                              SQFS_TREE_NO_FIFO, &s->tree);
  sqfs_destroy (dirs);
  sqfs_destroy (ids);
  if (err != 0) {
    set_sqfs_error (error, a, "directory tree", err);
    return NULL;
  }
  if (!build_tree (a, s->tree, error))
    return NULL;
  return g_steal_pointer (&a);
}
