/* Electron's .asar format, read side. The file starts with two Pickles: one
 * holding the UInt32 size of the next, which holds the header as a string
 * (UInt32 length, UTF-8 JSON, padding to 4 bytes). File data follows; each
 * file's "offset" (a decimal string) counts from there. Files marked
 * "unpacked" live beside the archive in ARCHIVE.unpacked/. The whole header
 * is checked on open, so later reads need no bounds checks of their own. */
#include "archive-private.h"
#include "json-tree.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each directory level is two JSON levels ({"files": {name: {...}}}). */
#define MAX_JSON_DEPTH 1024
#define MAX_HEADER_SIZE (G_GUINT64_CONSTANT (1) << 30)
/* Integers a JSON number (a double) holds exactly. */
#define MAX_SAFE_INTEGER 9007199254740991.0

typedef struct {
  int fd;                            /* on disk; -1 when nested */
  anode_archive_t *parent;           /* nested: the archive holding this one */
  anode_archive_node_t *parent_node;
  char *parent_inner;
  guint64 data_offset;
  guint64 data_size;
  char *header;                      /* the JSON text as stored */
  gsize header_len;
} asar_t;

static gboolean
fail (GError **error, anode_archive_t *a, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError **error, anode_archive_t *a, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL, "invalid asar archive %s: %s", a->path, msg);
  return FALSE;
}

/* Reads exactly `len` bytes at `offset` of the archive's own bytes. */
static gboolean
source_read (anode_archive_t *a, guint64 offset, void *buf, gsize len, GError **error)
{
  asar_t *s = a->priv;
  gsize done = 0;
  while (done < len) {
    gssize n;
    if (s->fd >= 0) {
      n = pread (s->fd, (char *) buf + done, len - done, (off_t) (offset + done));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0) {
        int e = errno;
        g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot read %s: %s", a->path,
                     g_strerror (e));
        return FALSE;
      }
    } else {
      n = anode_archive_read (s->parent, s->parent_node, offset + done, (char *) buf + done,
                              len - done, error);
      if (n < 0)
        return FALSE;
    }
    if (n == 0) {
      g_set_error (error, ANODE_ARCHIVE_ERROR, EIO, "%s is truncated", a->path);
      return FALSE;
    }
    done += (gsize) n;
  }
  return TRUE;
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static gboolean
read_header (anode_archive_t *a, guint64 total, GError **error)
{
  asar_t *s = a->priv;
  guint8 head[8];
  if (total < sizeof head)
    return fail (error, a, "the file is too short (%" G_GUINT64_FORMAT " bytes)", total);
  if (!source_read (a, 0, head, sizeof head, error))
    return FALSE;
  if (le32 (head) != 4)
    return fail (error, a, "the file does not start with an asar size pickle");
  guint64 size = le32 (head + 4);
  if (size < 8 || size > MAX_HEADER_SIZE || 8 + size > total)
    return fail (error, a, "the header size (%" G_GUINT64_FORMAT " bytes) runs past the end of "
                 "the file (%" G_GUINT64_FORMAT " bytes)", size, total);
  g_autofree guint8 *pickle = g_malloc (size);
  if (!source_read (a, 8, pickle, size, error))
    return FALSE;
  guint64 payload = le32 (pickle);
  guint64 len = le32 (pickle + 4);
  if (payload > size - 4 || payload < 4 || len > payload - 4)
    return fail (error, a, "the header pickle's sizes (%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
                 ") do not fit its %" G_GUINT64_FORMAT " bytes", payload, len, size);
  s->header = g_malloc (len + 1);
  memcpy (s->header, pickle + 8, len);
  s->header[len] = '\0';
  s->header_len = len;
  s->data_offset = 8 + size;
  s->data_size = total - s->data_offset;
  return TRUE;
}

static gboolean
json_uint (const anode_json_t *j, guint64 *out)
{
  if (j == NULL || j->type != ANODE_JSON_NUMBER || j->number < 0 ||
      j->number > MAX_SAFE_INTEGER || j->number != (double) (guint64) j->number)
    return FALSE;
  *out = (guint64) j->number;
  return TRUE;
}

static gboolean
hex_digest (const anode_json_t *j, guint8 *out)
{
  if (j == NULL || j->type != ANODE_JSON_STRING || j->len != 2 * ANODE_SHA256_LEN)
    return FALSE;
  for (int i = 0; i < ANODE_SHA256_LEN; i++) {
    int hi = g_ascii_xdigit_value (j->string[2 * i]);
    int lo = g_ascii_xdigit_value (j->string[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return FALSE;
    out[i] = (guint8) (hi << 4 | lo);
  }
  return TRUE;
}

static anode_integrity_t *
parse_integrity (anode_archive_t *a, const anode_json_t *j, guint64 size, const char *path,
                 GError **error)
{
  const anode_json_t *alg = anode_json_get (j, "algorithm");
  guint64 bs = 0;
  const anode_json_t *blocks = anode_json_get (j, "blocks");
  if (j->type != ANODE_JSON_OBJECT || alg == NULL || alg->type != ANODE_JSON_STRING ||
      strcmp (alg->string, "SHA256") != 0 || !json_uint (anode_json_get (j, "blockSize"), &bs) ||
      bs == 0 || bs > G_MAXUINT32 || blocks == NULL || blocks->type != ANODE_JSON_ARRAY) {
    fail (error, a, "entry '%s' has a malformed integrity record", path);
    return NULL;
  }
  /* Writers differ on a trailing empty block (@electron/asar adds one when
   * the size is a multiple of the block size); both are accepted. */
  guint64 full = size / bs, need = (size + bs - 1) / bs;
  if (blocks->n < MAX (need, 1) || blocks->n > full + 1) {
    fail (error, a, "entry '%s' lists %u integrity blocks for %" G_GUINT64_FORMAT " bytes",
          path, blocks->n, size);
    return NULL;
  }
  anode_integrity_t *in = g_new0 (anode_integrity_t, 1);
  in->block_size = (guint32) bs;
  in->n_blocks = blocks->n;
  in->blocks = g_malloc ((gsize) blocks->n * ANODE_SHA256_LEN);
  gboolean ok = hex_digest (anode_json_get (j, "hash"), in->hash);
  for (guint i = 0; ok && i < blocks->n; i++)
    ok = hex_digest (blocks->items[i], in->blocks + (gsize) i * ANODE_SHA256_LEN);
  if (!ok) {
    g_free (in->blocks);
    g_free (in);
    fail (error, a, "entry '%s' has a malformed SHA-256 in its integrity record", path);
    return NULL;
  }
  return in;
}

/* A link's target as a clean path from the root, or NULL when it climbs
 * out of the archive. */
static char *
normalize_link (const char *target)
{
  g_auto (GStrv) segs = g_strsplit (target, "/", -1);
  g_autoptr (GPtrArray) out = g_ptr_array_new ();
  for (guint i = 0; segs[i] != NULL; i++) {
    if (*segs[i] == '\0' || strcmp (segs[i], ".") == 0)
      continue;
    if (strcmp (segs[i], "..") == 0) {
      if (out->len == 0)
        return NULL;
      g_ptr_array_remove_index (out, out->len - 1);
      continue;
    }
    g_ptr_array_add (out, segs[i]);
  }
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("/", (char **) out->pdata);
}

static gboolean add_entries (anode_archive_t *a, anode_archive_node_t *dir,
                             const anode_json_t *files, const char *dir_path,
                             GError **error);

static gboolean
add_entry (anode_archive_t *a, anode_archive_node_t *dir, const char *name,
           const anode_json_t *e, const char *path, GError **error)
{
  asar_t *s = a->priv;
  if (e->type != ANODE_JSON_OBJECT)
    return fail (error, a, "entry '%s' is not an object", path);
  const anode_json_t *unpacked = anode_json_get (e, "unpacked");
  gboolean is_unpacked = unpacked != NULL && unpacked->type == ANODE_JSON_BOOL && unpacked->boolean;
  const anode_json_t *files = anode_json_get (e, "files");
  const anode_json_t *link = anode_json_get (e, "link");
  if (files != NULL) {
    if (files->type != ANODE_JSON_OBJECT)
      return fail (error, a, "entry '%s' has a \"files\" that is not an object", path);
    anode_archive_node_t *node = anode_archive_node_new (a, dir, name, ANODE_ENTRY_DIR);
    node->unpacked = is_unpacked;
    return add_entries (a, node, files, path, error);
  }
  if (link != NULL) {
    if (link->type != ANODE_JSON_STRING || link->len == 0 || strlen (link->string) != link->len)
      return fail (error, a, "entry '%s' has a malformed link", path);
    g_autofree char *target = normalize_link (link->string);
    if (target == NULL)
      return fail (error, a, "link '%s' points outside the archive (%s)", path, link->string);
    anode_archive_node_t *node = anode_archive_node_new (a, dir, name, ANODE_ENTRY_LINK);
    node->link = g_steal_pointer (&target);
    return TRUE;
  }
  guint64 size = 0;
  if (!json_uint (anode_json_get (e, "size"), &size))
    return fail (error, a, "entry '%s' has no valid \"size\"", path);
  guint64 offset = 0;
  if (!is_unpacked) {
    const anode_json_t *off = anode_json_get (e, "offset");
    if (off == NULL || off->type != ANODE_JSON_STRING || off->len == 0 || off->len > 19 ||
        strspn (off->string, "0123456789") != off->len)
      return fail (error, a, "entry '%s' has no valid \"offset\"", path);
    offset = g_ascii_strtoull (off->string, NULL, 10);
    if (offset > s->data_size || size > s->data_size - offset)
      return fail (error, a, "entry '%s' (offset %" G_GUINT64_FORMAT ", size %" G_GUINT64_FORMAT
                   ") runs past the end of the archive's %" G_GUINT64_FORMAT " bytes of data",
                   path, offset, size, s->data_size);
  }
  anode_integrity_t *integrity = NULL;
  const anode_json_t *ij = anode_json_get (e, "integrity");
  if (ij != NULL && (integrity = parse_integrity (a, ij, size, path, error)) == NULL)
    return FALSE;
  anode_archive_node_t *node = anode_archive_node_new (a, dir, name, ANODE_ENTRY_FILE);
  node->size = size;
  node->offset = offset;
  node->unpacked = is_unpacked;
  node->integrity = integrity;
  const anode_json_t *x = anode_json_get (e, "executable");
  node->executable = x != NULL && x->type == ANODE_JSON_BOOL && x->boolean;
  node->mode = node->executable ? 0755 : 0644;
  return TRUE;
}

static gboolean
add_entries (anode_archive_t *a, anode_archive_node_t *dir, const anode_json_t *files,
             const char *dir_path, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < files->n; i++) {
    const char *name = files->keys[i];
    g_autofree char *path = *dir_path ? g_strconcat (dir_path, "/", name, NULL) : g_strdup (name);
    if (!anode_archive_name_ok (name, strlen (name)))
      return fail (error, a, "entry name '%s' is not allowed", path);
    if (!g_hash_table_add (seen, (gpointer) name))
      return fail (error, a, "entry '%s' appears twice", path);
    if (!add_entry (a, dir, name, files->items[i], path, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
build_tree (anode_archive_t *a, GError **error)
{
  asar_t *s = a->priv;
  g_autoptr (GError) json_error = NULL;
  g_autoptr (anode_json_t) json = anode_json_parse (s->header, s->header_len, MAX_JSON_DEPTH,
                                                    &json_error);
  if (json == NULL)
    return fail (error, a, "the header is not valid JSON (%s)", json_error->message);
  const anode_json_t *files = anode_json_get (json, "files");
  if (files == NULL || files->type != ANODE_JSON_OBJECT)
    return fail (error, a, "the header has no \"files\" object");
  a->root = anode_archive_node_new (a, NULL, "", ANODE_ENTRY_DIR);
  if (!add_entries (a, a->root, files, "", error))
    return FALSE;
  anode_archive_finish_tree (a->root);
  return TRUE;
}

/* Where an unpacked entry lives: ARCHIVE.unpacked/PATH, on disk or (for a
 * nested archive) beside it in the parent. */
static gssize
read_unpacked (anode_archive_t *a, anode_archive_node_t *node, guint64 offset, void *buf,
               gsize len, GError **error)
{
  asar_t *s = a->priv;
  g_autofree char *rel = anode_archive_node_path (node);
  if (s->fd < 0) {
    g_autofree char *inner = g_strconcat (s->parent_inner, ".unpacked/", rel, NULL);
    anode_archive_node_t *n = anode_archive_lookup (s->parent, inner, TRUE, error);
    return n ? anode_archive_read (s->parent, n, offset, buf, len, error) : -1;
  }
  g_autofree char *file = g_strconcat (a->path, ".unpacked/", rel, NULL);
  int fd = open (file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot open unpacked file %s: %s", file,
                 g_strerror (e));
    return -1;
  }
  gssize n;
  do
    n = pread (fd, buf, len, (off_t) offset);
  while (n < 0 && errno == EINTR);
  int e = errno;
  close (fd);
  if (n < 0)
    g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot read %s: %s", file, g_strerror (e));
  return n;
}

static gssize
asar_read (anode_archive_t *a, anode_archive_node_t *node, guint64 offset, void *buf,
           gsize len, GError **error)
{
  asar_t *s = a->priv;
  if (node->unpacked)
    return read_unpacked (a, node, offset, buf, len, error);
  guint64 at = s->data_offset + node->offset + offset;
  if (s->fd < 0)
    return anode_archive_read (s->parent, s->parent_node, at, buf, len, error);
  gssize n;
  do
    n = pread (s->fd, buf, len, (off_t) at);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    int e = errno;
    g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot read %s: %s", a->path, g_strerror (e));
  }
  return n;
}

static void
asar_finalize (anode_archive_t *a)
{
  asar_t *s = a->priv;
  if (s == NULL)
    return;
  if (s->fd >= 0)
    close (s->fd);
  if (s->parent != NULL)
    anode_archive_unref (s->parent);
  g_free (s->parent_inner);
  g_free (s->header);
  g_free (s);
}

static const anode_archive_ops_t asar_ops = {
  .read = asar_read,
  .finalize = asar_finalize,
};

anode_archive_t *
anode_archive_open_asar (const char *path, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot open %s: %s", path, g_strerror (e));
    return NULL;
  }
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    close (fd);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL, "%s is not a file", path);
    return NULL;
  }
  g_autoptr (anode_archive_t) a = anode_archive_new (ANODE_ARCHIVE_ASAR, &asar_ops, path);
  asar_t *s = g_new0 (asar_t, 1);
  s->fd = fd;
  a->priv = s;
  a->dev = st.st_dev;
  a->uid = st.st_uid;
  a->gid = st.st_gid;
  a->mtime = st.st_mtim.tv_sec;
  if (!read_header (a, (guint64) st.st_size, error) || !build_tree (a, error))
    return NULL;
  return g_steal_pointer (&a);
}

anode_archive_t *
anode_archive_open_nested_asar (anode_archive_t *parent, const char *inner,
                                const char *path, GError **error)
{
  anode_archive_node_t *pnode = anode_archive_lookup (parent, inner, TRUE, error);
  if (pnode == NULL)
    return NULL;
  if (pnode->kind != ANODE_ENTRY_FILE) {
    g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL, "%s is not a file", path);
    return NULL;
  }
  g_autoptr (anode_archive_t) a = anode_archive_new (ANODE_ARCHIVE_ASAR, &asar_ops, path);
  asar_t *s = g_new0 (asar_t, 1);
  s->fd = -1;
  s->parent = anode_archive_ref (parent);
  s->parent_node = pnode;
  s->parent_inner = anode_archive_node_path (pnode);
  a->priv = s;
  a->dev = parent->dev;
  a->uid = parent->uid;
  a->gid = parent->gid;
  a->mtime = pnode->mtime ? pnode->mtime : parent->mtime;
  if (!read_header (a, pnode->size, error) || !build_tree (a, error))
    return NULL;
  return g_steal_pointer (&a);
}

const char *
anode_archive_asar_header (anode_archive_t *a, gsize *len, guint64 *data_offset)
{
  if (a->kind != ANODE_ARCHIVE_ASAR)
    return NULL;
  asar_t *s = a->priv;
  if (len != NULL)
    *len = s->header_len;
  if (data_offset != NULL)
    *data_offset = s->data_offset;
  return s->header;
}
