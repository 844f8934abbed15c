/* The runtime's view of archives as directories: an absolute path is
 * matched against mounted images (an AppImage's squashfs, mounted at the
 * AppImage's own path) and then against `.asar` segments, archives inside
 * archives included. Open archives are cached per path and reopened when
 * the file on disk changes. Also the app source app:// serves from. */
#include "anode-runtime.h"
#include "archive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct anode_vfs {
  GHashTable *cache;   /* path -> cached_t */
  GPtrArray *mounts;   /* mount_t */
};

typedef struct {
  anode_archive_t *archive;
  anode_archive_t *parent; /* nested: the archive it was read from */
  dev_t dev;               /* on disk: the file it was read from */
  ino_t ino;
  off_t size;
  struct timespec mtime;
} cached_t;

typedef struct {
  char *prefix;
  anode_archive_t *archive;
} mount_t;

static void
cached_free (cached_t *c)
{
  anode_archive_unref (c->archive);
  g_free (c);
}

static void
mount_free (mount_t *m)
{
  anode_archive_unref (m->archive);
  g_free (m->prefix);
  g_free (m);
}

anode_vfs_t *
anode_vfs_new (void)
{
  anode_vfs_t *vfs = g_new0 (anode_vfs_t, 1);
  vfs->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) cached_free);
  vfs->mounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mount_free);
  return vfs;
}

void
anode_vfs_free (anode_vfs_t *vfs)
{
  if (vfs == NULL)
    return;
  g_hash_table_unref (vfs->cache);
  g_ptr_array_unref (vfs->mounts);
  g_free (vfs);
}

anode_vfs_t *
anode_vfs_get (anode_runtime_t *rt)
{
  if (rt->vfs == NULL)
    rt->vfs = anode_vfs_new ();
  return rt->vfs;
}

void
anode_vfs_mount (anode_vfs_t *vfs, const char *prefix, anode_archive_t *archive)
{
  mount_t *m = g_new0 (mount_t, 1);
  m->prefix = g_canonicalize_filename (prefix, "/");
  m->archive = anode_archive_ref (archive);
  g_ptr_array_add (vfs->mounts, m);
}

/* The archive at `path` on disk: NULL without an error when it is not a
 * regular file (a folder named x.asar is a folder). */
static anode_archive_t *
disk_archive (anode_vfs_t *vfs, const char *path, GError **error)
{
  struct stat st;
  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  cached_t *c = g_hash_table_lookup (vfs->cache, path);
  if (c != NULL && c->parent == NULL && c->dev == st.st_dev && c->ino == st.st_ino &&
      c->size == st.st_size && c->mtime.tv_sec == st.st_mtim.tv_sec &&
      c->mtime.tv_nsec == st.st_mtim.tv_nsec)
    return c->archive;
  anode_archive_t *a = anode_archive_open_asar (path, error);
  if (a == NULL)
    return NULL;
  c = g_new0 (cached_t, 1);
  c->archive = a;
  c->dev = st.st_dev;
  c->ino = st.st_ino;
  c->size = st.st_size;
  c->mtime = st.st_mtim;
  g_hash_table_replace (vfs->cache, g_strdup (path), c);
  return a;
}

anode_archive_t *
anode_vfs_open_file (anode_vfs_t *vfs, const char *path, GError **error)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  anode_archive_t *a = disk_archive (vfs, abs, error);
  if (a == NULL && (error == NULL || *error == NULL))
    g_set_error (error, ANODE_ARCHIVE_ERROR, ENOENT, "%s: no such file", path);
  return a;
}

/* The .asar stored as `inner` in `parent`, reached as `path`. */
static anode_archive_t *
nested_archive (anode_vfs_t *vfs, anode_archive_t *parent, const char *inner,
                const char *path, GError **error)
{
  cached_t *c = g_hash_table_lookup (vfs->cache, path);
  if (c != NULL && c->parent == parent)
    return c->archive;
  anode_archive_t *a = anode_archive_open_nested_asar (parent, inner, path, error);
  if (a == NULL)
    return NULL;
  c = g_new0 (cached_t, 1);
  c->archive = a;
  c->parent = parent;
  g_hash_table_replace (vfs->cache, g_strdup (path), c);
  return a;
}

static gboolean
is_asar_segment_end (const char *s, const char *end)
{
  return end - s >= 5 && memcmp (end - 5, ".asar", 5) == 0 && end - s > 5 && end[-6] != '/';
}

/* Within `archive` (seen at `base`), looks for archives in the rest of the
 * path, then reports where the path ends up. */
static gboolean
descend (anode_vfs_t *vfs, anode_archive_t *archive, const char *base, const char *rest,
         anode_vfs_flags_t flags, anode_archive_t **out, char **inner, GError **error)
{
  if (!(flags & ANODE_VFS_NO_ASAR)) {
    for (const char *p = rest; *p != '\0';) {
      const char *end = strchrnul (p, '/');
      if (is_asar_segment_end (rest, end) && !(*end == '\0' && (flags & ANODE_VFS_LAST_AS_FILE))) {
        g_autofree char *sub = g_strndup (rest, (gsize) (end - rest));
        anode_archive_node_t *node = anode_archive_lookup (archive, sub, TRUE, NULL);
        if (node != NULL) {
          anode_entry_stat_t st;
          anode_archive_node_stat (archive, node, &st);
          if (st.kind == ANODE_ENTRY_FILE) {
            g_autofree char *path = g_strconcat (base, "/", sub, NULL);
            anode_archive_t *nested = nested_archive (vfs, archive, sub, path, error);
            if (nested == NULL)
              return FALSE;
            return descend (vfs, nested, path, *end ? end + 1 : end, flags, out, inner, error);
          }
        }
      }
      p = *end ? end + 1 : end;
    }
  }
  *out = anode_archive_ref (archive);
  *inner = g_strdup (rest);
  return TRUE;
}

gboolean
anode_vfs_resolve (anode_vfs_t *vfs, const char *path, anode_vfs_flags_t flags,
                   anode_archive_t **archive, char **inner, GError **error)
{
  *archive = NULL;
  *inner = NULL;
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < vfs->mounts->len; i++) {
    mount_t *m = g_ptr_array_index (vfs->mounts, i);
    gsize n = strlen (m->prefix);
    if (strncmp (abs, m->prefix, n) != 0 || (abs[n] != '\0' && abs[n] != '/'))
      continue;
    /* The AppImage file itself stays a file to lstat, open and read. */
    if (abs[n] == '\0' && (flags & ANODE_VFS_LAST_AS_FILE))
      return FALSE;
    return descend (vfs, m->archive, m->prefix, abs[n] ? abs + n + 1 : abs + n, flags,
                    archive, inner, error);
  }
  if (flags & ANODE_VFS_NO_ASAR)
    return FALSE;
  for (const char *p = abs + 1; *p != '\0';) {
    const char *end = strchrnul (p, '/');
    if (is_asar_segment_end (abs, end) && !(*end == '\0' && (flags & ANODE_VFS_LAST_AS_FILE))) {
      g_autofree char *prefix = g_strndup (abs, (gsize) (end - abs));
      anode_archive_t *a = disk_archive (vfs, prefix, error);
      if (a != NULL)
        return descend (vfs, a, prefix, *end ? end + 1 : end, flags, archive, inner, error);
      if (error != NULL && *error != NULL)
        return FALSE;
    }
    p = *end ? end + 1 : end;
  }
  return FALSE;
}

gboolean
anode_vfs_get_contents (anode_vfs_t *vfs, const char *path, char **contents, gsize *len,
                        GError **error)
{
  g_autoptr (anode_archive_t) a = NULL;
  g_autofree char *inner = NULL;
  if (!anode_vfs_resolve (vfs, path, 0, &a, &inner, error)) {
    if (error != NULL && *error != NULL)
      return FALSE;
    return g_file_get_contents (path, contents, len, error);
  }
  anode_archive_node_t *node = anode_archive_lookup (a, inner, TRUE, error);
  g_autoptr (GBytes) bytes = node ? anode_archive_read_all (a, node, error) : NULL;
  if (bytes == NULL)
    return FALSE;
  gsize n = g_bytes_get_size (bytes);
  char *data = g_malloc (n + 1);
  memcpy (data, g_bytes_get_data (bytes, NULL), n);
  data[n] = '\0';
  *contents = data;
  if (len != NULL)
    *len = n;
  return TRUE;
}

gboolean
anode_vfs_verify (anode_vfs_t *vfs, const char *path, GError **error)
{
  g_autoptr (anode_archive_t) a = NULL;
  g_autofree char *inner = NULL;
  if (!anode_vfs_resolve (vfs, path, 0, &a, &inner, error))
    return error == NULL || *error == NULL;
  anode_archive_set_verify (a, TRUE);
  return TRUE;
}

/* ---- The app source */

static void
set_io_error (GError **error, const GError *archive_error)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (archive_error->code),
                       archive_error->message);
}

/* Is `path` at or under `root` (both canonical)? */
static gboolean
under (const char *root, const char *path)
{
  gsize n = strlen (root);
  if (n == 0)
    return TRUE;
  return strncmp (path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static GInputStream *
open_in_archive (anode_vfs_t *vfs, const char *root, anode_archive_t *a, const char *inner,
                 guint64 offset, guint64 *size, char **file_path, GError **error)
{
  g_autoptr (GError) e = NULL;
  anode_archive_node_t *node = anode_archive_lookup (a, inner, TRUE, &e);
  if (node != NULL && anode_archive_node_children (node) != NULL) {
    g_autofree char *index = g_strconcat (inner, *inner ? "/" : "", "index.html", NULL);
    node = anode_archive_lookup (a, index, TRUE, &e);
  }
  if (node == NULL) {
    set_io_error (error, e);
    return NULL;
  }
  /* The root is inside the same archive, or the archive inside the root. */
  g_autoptr (anode_archive_t) ra = NULL;
  g_autofree char *rinner = NULL;
  gboolean contained;
  if (anode_vfs_resolve (vfs, root, 0, &ra, &rinner, NULL)) {
    anode_archive_node_t *rnode = anode_archive_lookup (ra, rinner, TRUE, NULL);
    g_autofree char *rpath = rnode ? anode_archive_node_path (rnode) : NULL;
    g_autofree char *npath = anode_archive_node_path (node);
    contained = ra == a && rpath != NULL && under (rpath, npath);
  } else {
    g_autofree char *real_root = realpath (root, NULL);
    g_autofree char *real_archive = realpath (anode_archive_get_path (a), NULL);
    contained = real_root && real_archive && under (real_root, real_archive);
  }
  if (!contained) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 "the path leaves the app's folder");
    return NULL;
  }
  anode_entry_stat_t st;
  anode_archive_node_stat (a, node, &st);
  if (st.kind != ANODE_ENTRY_FILE) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "not a file");
    return NULL;
  }
  *size = st.size;
  g_autofree char *npath = anode_archive_node_path (node);
  *file_path = g_build_filename (anode_archive_get_path (a), npath, NULL);
  return anode_archive_stream_new (a, node, offset);
}

GInputStream *
anode_appsrc_open (anode_vfs_t *vfs, const char *root, const char *path, guint64 offset,
                   guint64 *size, char **file_path, GError **error)
{
  g_autoptr (anode_archive_t) a = NULL;
  g_autofree char *inner = NULL;
  g_autoptr (GError) e = NULL;
  if (anode_vfs_resolve (vfs, path, 0, &a, &inner, &e))
    return open_in_archive (vfs, root, a, inner, offset, size, file_path, error);
  if (e != NULL) {
    set_io_error (error, e);
    return NULL;
  }
  g_autofree char *file = g_strdup (path);
  if (g_file_test (file, G_FILE_TEST_IS_DIR)) {
    g_free (file);
    file = g_build_filename (path, "index.html", NULL);
  }
  /* Symlinks inside the app may not lead out of it either. */
  g_autofree char *real_root = realpath (root, NULL);
  g_autofree char *real = realpath (file, NULL);
  if (real != NULL && (real_root == NULL || !under (real_root, real))) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 "the path leaves the app's folder");
    return NULL;
  }
  g_autoptr (GFile) gfile = g_file_new_for_path (file);
  g_autoptr (GFileInfo) info = g_file_query_info (gfile, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                  G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "not a file");
    return NULL;
  }
  g_autoptr (GFileInputStream) in = g_file_read (gfile, NULL, error);
  if (in == NULL)
    return NULL;
  if (offset > 0 && !g_seekable_seek (G_SEEKABLE (in), (goffset) offset, G_SEEK_SET, NULL, error))
    return NULL;
  *size = (guint64) g_file_info_get_size (info);
  *file_path = g_steal_pointer (&file);
  return G_INPUT_STREAM (g_steal_pointer (&in));
}
