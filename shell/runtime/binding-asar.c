/* internalBinding('asar'): fs primitives for paths inside archives (.asar
 * files and a mounted AppImage), in the shapes binding-fs.c returns, so
 * internal/asar/fs.js can put them in front of the fs binding. Each call
 * returns null when the path is not inside an archive (the caller then
 * asks the real file system), undefined after filling `errctx`, or the
 * result. Plus what `anode asar` needs to list and read an archive. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anode-runtime.h"
#include "archive.h"
#include "js-util.h"

#define STAT_FIELDS 18

/* Fills errctx from an archive error: errno and code as for the syscall;
 * the archive's own words replace the generic text for what is particular
 * to archives (corruption, integrity, links leading out). */
static void
set_error (JSCValue *errctx, const GError *error, const char *syscall, const char *path)
{
  int code = error->domain == ANODE_ARCHIVE_ERROR ? error->code : EIO;
  anode_set_uv_error (errctx, -code, syscall, path);
  if (code != ENOENT && code != ENOTDIR && code != EISDIR)
    anode_set_string (errctx, "message", error->message);
}

typedef struct {
  anode_archive_t *archive;
  char *inner;
} target_t;

static void
target_clear (target_t *t)
{
  g_clear_pointer (&t->archive, anode_archive_unref);
  g_clear_pointer (&t->inner, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (target_t, target_clear)

typedef enum { NOT_MINE, FAILED, FOUND } outcome_t;

/* How an operation sees an archive's own path: as the folder of its
 * contents (stat, readdir, require), or as the file it is (lstat, open,
 * readFile, access), so tools that copy, hash or remove files keep
 * working on archives. */
typedef enum { ROOT_IS_DIR, ROOT_IS_FILE } root_view_t;

/* Resolves `path` to an entry. */
static outcome_t
resolve (anode_runtime_t *rt, const char *path, gboolean no_asar, gboolean follow,
         target_t *t, anode_archive_node_t **node, JSCValue *errctx, const char *syscall,
         root_view_t view)
{
  g_autoptr (GError) error = NULL;
  anode_vfs_flags_t flags = (no_asar ? ANODE_VFS_NO_ASAR : 0) |
                            (view == ROOT_IS_FILE ? ANODE_VFS_LAST_AS_FILE : 0);
  if (!anode_vfs_resolve (anode_vfs_get (rt), path, flags, &t->archive, &t->inner, &error)) {
    if (error == NULL)
      return NOT_MINE;
    set_error (errctx, error, syscall, path);
    return FAILED;
  }
  *node = anode_archive_lookup (t->archive, t->inner, follow, &error);
  if (*node == NULL) {
    set_error (errctx, error, syscall, path);
    return FAILED;
  }
  return FOUND;
}

static JSCValue *
outcome_value (anode_runtime_t *rt, outcome_t o)
{
  return o == NOT_MINE ? jsc_value_new_null (rt->ctx) : jsc_value_new_undefined (rt->ctx);
}

static JSCValue *
stat_array (anode_runtime_t *rt, anode_archive_t *a, anode_archive_node_t *node)
{
  anode_entry_stat_t st;
  anode_archive_node_stat (a, node, &st);
  JSCValue *arr = jsc_value_new_typed_array (rt->ctx, JSC_TYPED_ARRAY_FLOAT64, STAT_FIELDS);
  gsize n = 0;
  double *d = jsc_value_typed_array_get_data (arr, &n);
  guint32 type = st.kind == ANODE_ENTRY_DIR ? S_IFDIR : st.kind == ANODE_ENTRY_LINK ? S_IFLNK
                                                                                    : S_IFREG;
  d[0] = (double) st.dev;
  d[1] = type | st.mode;
  d[2] = 1;
  d[3] = st.uid;
  d[4] = st.gid;
  d[5] = 0;
  d[6] = 4096;
  d[7] = (double) st.ino;
  d[8] = (double) st.size;
  d[9] = (double) ((st.size + 511) / 512);
  for (int i = 10; i < STAT_FIELDS; i += 2) {
    d[i] = (double) st.mtime;
    d[i + 1] = 0;
  }
  return arr;
}

/* stat(path, noAsar, follow, errctx) */
static JSCValue *
stat_cb (const char *path, gboolean no_asar, gboolean follow, JSCValue *errctx,
         anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  outcome_t o = resolve (rt, path, no_asar, follow, &t, &node, errctx, follow ? "stat" : "lstat",
                         follow ? ROOT_IS_DIR : ROOT_IS_FILE);
  return o == FOUND ? stat_array (rt, t.archive, node) : outcome_value (rt, o);
}

/* internalModuleStat(path, noAsar): null, 0 file, 1 directory, or -errno. */
static JSCValue *
module_stat_cb (const char *path, gboolean no_asar, anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  g_autoptr (JSCValue) errctx = jsc_value_new_object (rt->ctx, NULL, NULL);
  outcome_t o = resolve (rt, path, no_asar, TRUE, &t, &node, errctx, "stat", ROOT_IS_DIR);
  if (o == NOT_MINE)
    return jsc_value_new_null (rt->ctx);
  if (o == FAILED) {
    g_autoptr (JSCValue) e = jsc_value_object_get_property (errctx, "errno");
    return jsc_value_new_number (rt->ctx, jsc_value_to_double (e));
  }
  return jsc_value_new_number (rt->ctx, anode_archive_node_children (node) != NULL ? 1 : 0);
}

/* realpath(path, noAsar, errctx): links inside the archive resolved, and
 * the archive's own location made real. */
static JSCValue *
realpath_cb (const char *path, gboolean no_asar, JSCValue *errctx, anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  outcome_t o = resolve (rt, path, no_asar, TRUE, &t, &node, errctx, "realpath", ROOT_IS_DIR);
  if (o != FOUND)
    return outcome_value (rt, o);
  /* The archive path is as resolved (canonical, on disk or under a mount);
   * only an on-disk prefix can hold symlinks of its own. */
  const char *apath = anode_archive_get_path (t.archive);
  g_autofree char *real = realpath (apath, NULL);
  g_autofree char *inner = anode_archive_node_path (node);
  g_autofree char *full = g_strconcat (real ? real : apath, *inner ? "/" : "", inner, NULL);
  return jsc_value_new_string (rt->ctx, full);
}

/* scandir(path, noAsar, errctx): [names, types] as binding-fs returns. */
static JSCValue *
scandir_cb (const char *path, gboolean no_asar, JSCValue *errctx, anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  outcome_t o = resolve (rt, path, no_asar, TRUE, &t, &node, errctx, "scandir", ROOT_IS_DIR);
  if (o != FOUND)
    return outcome_value (rt, o);
  GPtrArray *children = anode_archive_node_children (node);
  if (children == NULL) {
    anode_set_uv_error (errctx, UV_ENOTDIR, "scandir", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  g_autoptr (JSCValue) names = jsc_value_new_array (rt->ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) types = jsc_value_new_typed_array (rt->ctx, JSC_TYPED_ARRAY_UINT8,
                                                          children->len);
  gsize n = 0;
  guint8 *k = jsc_value_typed_array_get_data (types, &n);
  for (guint i = 0; i < children->len; i++) {
    anode_archive_node_t *c = g_ptr_array_index (children, i);
    g_autoptr (JSCValue) s = jsc_value_new_string (rt->ctx, anode_archive_node_name (c));
    jsc_value_object_set_property_at_index (names, i, s);
    anode_entry_stat_t st;
    anode_archive_node_stat (t.archive, c, &st);
    k[i] = st.kind == ANODE_ENTRY_DIR ? UV_DIRENT_DIR
         : st.kind == ANODE_ENTRY_LINK ? UV_DIRENT_LINK : UV_DIRENT_FILE;
  }
  return jsc_value_new_array (rt->ctx, JSC_TYPE_VALUE, names, JSC_TYPE_VALUE, types, G_TYPE_NONE);
}

/* readlink(path, noAsar, errctx) */
static JSCValue *
readlink_cb (const char *path, gboolean no_asar, JSCValue *errctx, anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  outcome_t o = resolve (rt, path, no_asar, FALSE, &t, &node, errctx, "readlink", ROOT_IS_FILE);
  if (o != FOUND)
    return outcome_value (rt, o);
  const char *link = anode_archive_node_link (node);
  if (link == NULL) {
    anode_set_uv_error (errctx, UV_EINVAL, "readlink", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  return jsc_value_new_string (rt->ctx, link);
}

/* access(path, noAsar, mode, errctx): true when allowed. Archives are
 * read-only. */
static JSCValue *
access_cb (const char *path, gboolean no_asar, int mode, JSCValue *errctx, anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  outcome_t o = resolve (rt, path, no_asar, TRUE, &t, &node, errctx, "access", ROOT_IS_FILE);
  if (o != FOUND)
    return outcome_value (rt, o);
  anode_entry_stat_t st;
  anode_archive_node_stat (t.archive, node, &st);
  int err = 0;
  if (mode & W_OK)
    err = UV_EROFS;
  else if ((mode & X_OK) && st.kind == ANODE_ENTRY_FILE && !(st.mode & 0111))
    err = UV_EACCES;
  if (err != 0) {
    anode_set_uv_error (errctx, err, "access", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  return jsc_value_new_boolean (rt->ctx, TRUE);
}

static JSCValue *
bytes_value (anode_runtime_t *rt, GBytes *bytes, gboolean utf8)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  if (utf8)
    return anode_string_new_utf8 (rt->ctx, data ? data : "", len);
  char *copy = g_malloc (len ? len : 1);
  if (len)
    memcpy (copy, data, len);
  return jsc_value_new_array_buffer (rt->ctx, copy, len, g_free, copy);
}

typedef struct {
  uv_work_t work;
  anode_runtime_t *rt;
  anode_archive_t *archive;
  anode_archive_node_t *node;
  char *path;
  gboolean utf8;
  JSCValue *cb;
  GBytes *bytes;
  GError *error;
} read_req_t;

static void
read_work_cb (uv_work_t *w)
{
  read_req_t *r = w->data;
  r->bytes = anode_archive_read_all (r->archive, r->node, &r->error);
}

static void
read_after_cb (uv_work_t *w, int status)
{
  read_req_t *r = w->data;
  anode_runtime_t *rt = r->rt;
  if (rt->ctx != NULL) {
    g_autoptr (JSCValue) err = NULL;
    g_autoptr (JSCValue) res = NULL;
    if (r->bytes == NULL) {
      err = jsc_value_new_object (rt->ctx, NULL, NULL);
      set_error (err, r->error, "read", r->path);
      res = jsc_value_new_undefined (rt->ctx);
    } else {
      err = jsc_value_new_null (rt->ctx);
      res = bytes_value (rt, r->bytes, r->utf8);
    }
    JSCValue *args[] = { err, res };
    g_autoptr (JSCValue) ret = anode_runtime_callback (rt, r->cb, 2, args);
  }
  g_clear_pointer (&r->bytes, g_bytes_unref);
  g_clear_error (&r->error);
  g_object_unref (r->cb);
  anode_archive_unref (r->archive);
  g_free (r->path);
  g_free (r);
}

/* readFile(path, noAsar, utf8, req): req is an errctx (synchronous) or a
 * callback(err, data) (read on the threadpool). */
static JSCValue *
read_file_cb (const char *path, gboolean no_asar, gboolean utf8, JSCValue *req,
              anode_runtime_t *rt)
{
  gboolean async = jsc_value_is_function (req);
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  g_autoptr (JSCValue) errctx = async ? jsc_value_new_object (rt->ctx, NULL, NULL)
                                      : g_object_ref (req);
  outcome_t o = resolve (rt, path, no_asar, TRUE, &t, &node, errctx, "open", ROOT_IS_FILE);
  if (o == FOUND && anode_archive_node_children (node) != NULL) {
    anode_set_uv_error (errctx, UV_EISDIR, "read", NULL);
    o = FAILED;
  }
  if (o == NOT_MINE)
    return jsc_value_new_null (rt->ctx);
  if (async) {
    if (o == FAILED) {
      /* Delivered on a later turn, as every fs callback is. */
      return g_object_ref (errctx);
    }
    read_req_t *r = g_new0 (read_req_t, 1);
    r->work.data = r;
    r->rt = rt;
    r->archive = anode_archive_ref (t.archive);
    r->node = node;
    r->path = g_strdup (path);
    r->utf8 = utf8;
    r->cb = g_object_ref (req);
    int err = uv_queue_work (&rt->loop, &r->work, read_work_cb, read_after_cb);
    if (err < 0) {
      anode_archive_unref (r->archive);
      g_object_unref (r->cb);
      g_free (r->path);
      g_free (r);
      anode_set_uv_error (errctx, err, "read", path);
      return g_object_ref (errctx);
    }
    return jsc_value_new_undefined (rt->ctx);
  }
  if (o == FAILED)
    return jsc_value_new_undefined (rt->ctx);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = anode_archive_read_all (t.archive, node, &error);
  if (bytes == NULL) {
    set_error (errctx, error, "read", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  return bytes_value (rt, bytes, utf8);
}

/* openMemfd(path, noAsar, errctx): a read-only view of an entry as a real
 * file descriptor (an anonymous memory file), for fs.open and the streams
 * and FileHandles built on it. */
static JSCValue *
open_memfd_cb (const char *path, gboolean no_asar, JSCValue *errctx, anode_runtime_t *rt)
{
  g_auto (target_t) t = { 0 };
  anode_archive_node_t *node = NULL;
  outcome_t o = resolve (rt, path, no_asar, TRUE, &t, &node, errctx, "open", ROOT_IS_FILE);
  if (o != FOUND)
    return outcome_value (rt, o);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = anode_archive_read_all (t.archive, node, &error);
  if (bytes == NULL) {
    set_error (errctx, error, "open", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  int fd = memfd_create (anode_archive_node_name (node), MFD_CLOEXEC);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize done = 0;
  while (fd >= 0 && done < len) {
    ssize_t n = write (fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      close (fd);
      fd = -1;
      break;
    }
    done += (gsize) n;
  }
  if (fd < 0 || lseek (fd, 0, SEEK_SET) < 0) {
    int e = errno ? errno : EIO;
    if (fd >= 0)
      close (fd);
    anode_set_uv_error (errctx, -e, "open", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  return jsc_value_new_number (rt->ctx, fd);
}

/* verify(path): check integrity on every read of the archive holding it. */
static JSCValue *
verify_cb (const char *path, JSCValue *errctx, anode_runtime_t *rt)
{
  g_autoptr (GError) error = NULL;
  if (!anode_vfs_verify (anode_vfs_get (rt), path, &error)) {
    set_error (errctx, error, "open", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  return jsc_value_new_boolean (rt->ctx, TRUE);
}

/* integrity(data | path, blockSize, errctx): [sha256 of all, sha256 of each
 * block..., size] in hex, as the asar header records them: a final
 * (possibly empty) block follows the last full one. Hashing here costs one
 * call per file instead of several Hash objects (the packer's hot loop). */
static JSCValue *
integrity_cb (JSCValue *source, double block_size, JSCValue *errctx, anode_runtime_t *rt)
{
  gsize bs = block_size >= 1 ? (gsize) block_size : 4 * 1024 * 1024;
  g_autoptr (GChecksum) whole = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GPtrArray) hex = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (hex, NULL); /* the whole file's, set last */
  guint64 total = 0;
  if (jsc_value_is_typed_array (source)) {
    gsize len = 0;
    const guint8 *data = jsc_value_typed_array_get_data (source, &len);
    for (gsize off = 0;; off += bs) {
      gsize n = MIN (bs, len - off);
      g_checksum_update (whole, data + off, (gssize) n);
      g_ptr_array_add (hex, g_compute_checksum_for_data (G_CHECKSUM_SHA256, data + off, n));
      if (n < bs)
        break;
    }
    total = len;
  } else {
    g_autofree char *path = jsc_value_to_string (source);
    int fd = open (path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      anode_set_uv_error (errctx, -errno, "open", path);
      return jsc_value_new_undefined (rt->ctx);
    }
    g_autofree guint8 *buf = g_malloc (bs);
    for (;;) {
      gsize fill = 0;
      while (fill < bs) {
        ssize_t n = read (fd, buf + fill, bs - fill);
        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0) {
          int e = errno;
          close (fd);
          anode_set_uv_error (errctx, -e, "read", path);
          return jsc_value_new_undefined (rt->ctx);
        }
        if (n == 0)
          break;
        fill += (gsize) n;
      }
      g_checksum_update (whole, buf, (gssize) fill);
      g_ptr_array_add (hex, g_compute_checksum_for_data (G_CHECKSUM_SHA256, buf, fill));
      total += fill;
      if (fill < bs)
        break;
    }
    close (fd);
  }
  g_ptr_array_index (hex, 0) = g_strdup (g_checksum_get_string (whole));
  g_ptr_array_add (hex, g_strdup_printf ("%" G_GUINT64_FORMAT, total));
  g_ptr_array_add (hex, NULL);
  return jsc_value_new_array_from_strv (rt->ctx, (const char *const *) hex->pdata);
}

/* ---- `anode asar`: an archive opened by file name, whatever the name. */

/* entries(file, errctx): the header's text and data offset, and one row per
 * entry in stored order: [path, kind (0 file, 1 dir, 2 link), size,
 * unpacked, executable, link target]. */
static JSCValue *
entries_cb (const char *file, JSCValue *errctx, anode_runtime_t *rt)
{
  g_autoptr (GError) error = NULL;
  anode_archive_t *a = anode_vfs_open_file (anode_vfs_get (rt), file, &error);
  if (a == NULL) {
    set_error (errctx, error, "open", file);
    return jsc_value_new_undefined (rt->ctx);
  }
  JSCContext *ctx = rt->ctx;
  g_autoptr (JSCValue) rows = jsc_value_new_array (ctx, G_TYPE_NONE);
  guint row = 0;
  /* Depth first in stored order, without recursion. */
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  GPtrArray *top = anode_archive_node_children (anode_archive_lookup (a, "", FALSE, NULL));
  for (guint i = top->len; i > 0; i--)
    g_ptr_array_add (todo, g_ptr_array_index (top, i - 1));
  while (todo->len > 0) {
    anode_archive_node_t *n = g_ptr_array_steal_index (todo, todo->len - 1);
    anode_entry_stat_t st;
    anode_archive_node_stat (a, n, &st);
    g_autofree char *path = anode_archive_node_path (n);
    const char *link = anode_archive_node_link (n);
    g_autoptr (JSCValue) r = jsc_value_new_array (
      ctx, G_TYPE_STRING, path, G_TYPE_INT, (int) st.kind, G_TYPE_DOUBLE, (double) st.size,
      G_TYPE_BOOLEAN, st.unpacked, G_TYPE_BOOLEAN, st.executable,
      G_TYPE_STRING, link ? link : "", G_TYPE_NONE);
    jsc_value_object_set_property_at_index (rows, row++, r);
    GPtrArray *kids = anode_archive_node_children (n);
    for (guint i = kids ? kids->len : 0; i > 0; i--)
      g_ptr_array_add (todo, g_ptr_array_index (kids, i - 1));
  }
  gsize hlen = 0;
  guint64 data_offset = 0;
  const char *header = anode_archive_asar_header (a, &hlen, &data_offset);
  g_autoptr (JSCValue) out = jsc_value_new_object (ctx, NULL, NULL);
  g_autoptr (JSCValue) hv = anode_string_new_utf8 (ctx, header, hlen);
  anode_set_value (out, "header", hv);
  anode_set_double (out, "dataOffset", (double) data_offset);
  anode_set_value (out, "entries", rows);
  return g_object_ref (out);
}

/* readEntry(file, inner, errctx): an entry's bytes as an ArrayBuffer. */
static JSCValue *
read_entry_cb (const char *file, const char *inner, JSCValue *errctx, anode_runtime_t *rt)
{
  g_autoptr (GError) error = NULL;
  anode_archive_t *a = anode_vfs_open_file (anode_vfs_get (rt), file, &error);
  anode_archive_node_t *node = a ? anode_archive_lookup (a, inner, TRUE, &error) : NULL;
  g_autoptr (GBytes) bytes = node ? anode_archive_read_all (a, node, &error) : NULL;
  if (bytes == NULL) {
    g_autofree char *where = a ? g_build_filename (file, inner, NULL) : g_strdup (file);
    set_error (errctx, error, "read", where);
    return jsc_value_new_undefined (rt->ctx);
  }
  return bytes_value (rt, bytes, FALSE);
}

JSCValue *
anode_binding_asar_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  const GType V = JSC_TYPE_VALUE, S = G_TYPE_STRING, B = G_TYPE_BOOLEAN, I = G_TYPE_INT;
  anode_set_method (b, "stat", G_CALLBACK (stat_cb), rt, V, 4, S, B, B, V);
  anode_set_method (b, "internalModuleStat", G_CALLBACK (module_stat_cb), rt, V, 2, S, B);
  anode_set_method (b, "realpath", G_CALLBACK (realpath_cb), rt, V, 3, S, B, V);
  anode_set_method (b, "scandir", G_CALLBACK (scandir_cb), rt, V, 3, S, B, V);
  anode_set_method (b, "readlink", G_CALLBACK (readlink_cb), rt, V, 3, S, B, V);
  anode_set_method (b, "access", G_CALLBACK (access_cb), rt, V, 4, S, B, I, V);
  anode_set_method (b, "readFile", G_CALLBACK (read_file_cb), rt, V, 4, S, B, B, V);
  anode_set_method (b, "openMemfd", G_CALLBACK (open_memfd_cb), rt, V, 3, S, B, V);
  anode_set_method (b, "verify", G_CALLBACK (verify_cb), rt, V, 2, S, V);
  anode_set_method (b, "integrity", G_CALLBACK (integrity_cb), rt, V, 3, V, G_TYPE_DOUBLE, V);
  anode_set_method (b, "entries", G_CALLBACK (entries_cb), rt, V, 2, S, V);
  anode_set_method (b, "readEntry", G_CALLBACK (read_entry_cb), rt, V, 3, S, S, V);
  return b;
}
