/* The tree every archive presents (entries, links, lookups), integrity
 * checked reads, and a GInputStream over an entry. The formats themselves
 * are in archive-asar.c and archive-squashfs.c. */
#include "archive-private.h"

#include <errno.h>
#include <string.h>

/* Links followed in one lookup before giving up, as the kernel does. */
#define MAX_LINK_HOPS 40
/* Directories with more entries than this get a hash index. */
#define INDEX_THRESHOLD 12

G_DEFINE_QUARK (anode-archive-error-quark, anode_archive_error)

anode_archive_t *
anode_archive_new (anode_archive_kind_t kind, const anode_archive_ops_t *ops,
                   const char *path)
{
  anode_archive_t *a = g_new0 (anode_archive_t, 1);
  a->refs = 1;
  a->kind = kind;
  a->ops = ops;
  a->path = g_strdup (path);
  g_mutex_init (&a->lock);
  return a;
}

static void
node_free (anode_archive_node_t *node)
{
  if (node->children != NULL)
    g_ptr_array_unref (node->children);
  if (node->index != NULL)
    g_hash_table_unref (node->index);
  if (node->integrity != NULL) {
    g_free (node->integrity->blocks);
    g_free (node->integrity->verified);
    g_free (node->integrity);
  }
  g_free (node->link);
  g_free (node->name);
  g_free (node);
}

anode_archive_node_t *
anode_archive_node_new (anode_archive_t *a, anode_archive_node_t *parent,
                        const char *name, anode_entry_kind_t kind)
{
  anode_archive_node_t *node = g_new0 (anode_archive_node_t, 1);
  node->name = g_strdup (name);
  node->kind = kind;
  node->parent = parent;
  node->ino = ++a->n_nodes;
  node->mode = kind == ANODE_ENTRY_DIR ? 0755 : kind == ANODE_ENTRY_LINK ? 0777 : 0644;
  if (kind == ANODE_ENTRY_DIR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  return node;
}

void
anode_archive_finish_tree (anode_archive_node_t *root)
{
  /* Iterative, so a deep (hostile) tree cannot exhaust the stack. */
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  g_ptr_array_add (todo, root);
  while (todo->len > 0) {
    anode_archive_node_t *n = g_ptr_array_steal_index_fast (todo, todo->len - 1);
    if (n->children == NULL)
      continue;
    if (n->children->len > INDEX_THRESHOLD && n->index == NULL) {
      n->index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n->children->len; i++) {
        anode_archive_node_t *c = g_ptr_array_index (n->children, i);
        g_hash_table_insert (n->index, c->name, c);
      }
    }
    for (guint i = 0; i < n->children->len; i++) {
      anode_archive_node_t *c = g_ptr_array_index (n->children, i);
      if (c->children != NULL)
        g_ptr_array_add (todo, c);
    }
  }
}

gboolean
anode_archive_name_ok (const char *name, gsize len)
{
  if (len == 0 || memchr (name, '/', len) != NULL || memchr (name, '\0', len) != NULL)
    return FALSE;
  return !(len == 1 && name[0] == '.') && !(len == 2 && name[0] == '.' && name[1] == '.');
}

anode_archive_t *
anode_archive_ref (anode_archive_t *a)
{
  g_atomic_int_inc (&a->refs);
  return a;
}

/* Frees a tree without recursion (a hostile archive may nest deeply). */
static void
tree_free (anode_archive_node_t *root)
{
  if (root == NULL)
    return;
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  g_ptr_array_add (todo, root);
  while (todo->len > 0) {
    anode_archive_node_t *n = g_ptr_array_steal_index_fast (todo, todo->len - 1);
    if (n->children != NULL) {
      /* Detach the children so freeing `n` leaves them to the loop. */
      g_ptr_array_set_free_func (n->children, NULL);
      for (guint i = 0; i < n->children->len; i++)
        g_ptr_array_add (todo, g_ptr_array_index (n->children, i));
    }
    node_free (n);
  }
}

void
anode_archive_unref (anode_archive_t *a)
{
  if (a == NULL || !g_atomic_int_dec_and_test (&a->refs))
    return;
  if (a->ops->finalize != NULL)
    a->ops->finalize (a);
  tree_free (a->root);
  g_mutex_clear (&a->lock);
  g_free (a->path);
  g_free (a);
}

anode_archive_kind_t
anode_archive_get_kind (anode_archive_t *a)
{
  return a->kind;
}

const char *
anode_archive_get_path (anode_archive_t *a)
{
  return a->path;
}

void
anode_archive_set_verify (anode_archive_t *a, gboolean verify)
{
  a->verify = verify;
}

/* ---- Lookups */

static anode_archive_node_t *
child_named (anode_archive_node_t *dir, const char *name)
{
  if (dir->index != NULL)
    return g_hash_table_lookup (dir->index, name);
  for (guint i = 0; i < dir->children->len; i++) {
    anode_archive_node_t *c = g_ptr_array_index (dir->children, i);
    if (strcmp (c->name, name) == 0)
      return c;
  }
  return NULL;
}

char *
anode_archive_node_path (anode_archive_node_t *node)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (anode_archive_node_t *n = node; n != NULL && n->parent != NULL; n = n->parent)
    g_ptr_array_add (names, n->name);
  GString *s = g_string_new (NULL);
  for (guint i = names->len; i > 0; i--) {
    if (s->len > 0)
      g_string_append_c (s, '/');
    g_string_append (s, g_ptr_array_index (names, i - 1));
  }
  return g_string_free (s, FALSE);
}

static anode_archive_node_t *walk (anode_archive_t *a, anode_archive_node_t *start,
                                   const char *path, gboolean follow, guint *hops,
                                   GError **error);

/* Where link `node` leads. asar links name a path from the archive's
 * root; squashfs links are relative to their directory (absolute ones lead
 * out of the image and are refused). */
static anode_archive_node_t *
follow_link (anode_archive_t *a, anode_archive_node_t *node, guint *hops, GError **error)
{
  if (++*hops > MAX_LINK_HOPS) {
    g_autofree char *p = anode_archive_node_path (node);
    g_set_error (error, ANODE_ARCHIVE_ERROR, ELOOP,
                 "too many levels of links at '%s' in %s", p, a->path);
    return NULL;
  }
  if (a->kind == ANODE_ARCHIVE_SQUASHFS && node->link[0] == '/') {
    g_autofree char *p = anode_archive_node_path (node);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EXDEV,
                 "link '%s' in %s points outside it (%s)", p, a->path, node->link);
    return NULL;
  }
  anode_archive_node_t *base = a->kind == ANODE_ARCHIVE_ASAR ? a->root : node->parent;
  return walk (a, base, node->link, TRUE, hops, error);
}

static anode_archive_node_t *
walk (anode_archive_t *a, anode_archive_node_t *start, const char *path,
      gboolean follow, guint *hops, GError **error)
{
  anode_archive_node_t *node = start;
  const char *p = path;
  while (*p != '\0') {
    while (*p == '/')
      p++;
    if (*p == '\0')
      break;
    const char *end = strchrnul (p, '/');
    gsize n = (gsize) (end - p);
    /* A link on the way is followed before descending. */
    if (node->kind == ANODE_ENTRY_LINK) {
      node = follow_link (a, node, hops, error);
      if (node == NULL)
        return NULL;
    }
    if (node->kind != ANODE_ENTRY_DIR) {
      g_autofree char *np = anode_archive_node_path (node);
      g_set_error (error, ANODE_ARCHIVE_ERROR, ENOTDIR,
                   "'%s' in %s is not a directory", np, a->path);
      return NULL;
    }
    if (n == 1 && p[0] == '.') {
      /* stays */
    } else if (n == 2 && p[0] == '.' && p[1] == '.') {
      if (node->parent == NULL) {
        g_set_error (error, ANODE_ARCHIVE_ERROR, ENOENT,
                     "'%s' leads above the root of %s", path, a->path);
        return NULL;
      }
      node = node->parent;
    } else {
      g_autofree char *name = g_strndup (p, n);
      anode_archive_node_t *c = child_named (node, name);
      if (c == NULL) {
        g_autofree char *np = anode_archive_node_path (node);
        g_set_error (error, ANODE_ARCHIVE_ERROR, ENOENT, "no entry '%s%s%s' in %s",
                     np, *np ? "/" : "", name, a->path);
        return NULL;
      }
      node = c;
    }
    p = end;
  }
  if (follow && node->kind == ANODE_ENTRY_LINK)
    return follow_link (a, node, hops, error);
  return node;
}

anode_archive_node_t *
anode_archive_lookup (anode_archive_t *a, const char *inner, gboolean follow,
                      GError **error)
{
  guint hops = 0;
  return walk (a, a->root, inner ? inner : "", follow, &hops, error);
}

void
anode_archive_node_stat (anode_archive_t *a, anode_archive_node_t *node,
                         anode_entry_stat_t *st)
{
  memset (st, 0, sizeof *st);
  st->kind = node->kind;
  st->size = node->kind == ANODE_ENTRY_FILE ? node->size : 0;
  if (node->kind == ANODE_ENTRY_LINK)
    st->size = strlen (node->link);
  st->mode = node->mode;
  st->ino = node->ino;
  st->mtime = node->mtime ? node->mtime : a->mtime;
  st->executable = node->executable;
  st->unpacked = node->unpacked;
  st->dev = a->dev;
  st->uid = a->uid;
  st->gid = a->gid;
}

const char *
anode_archive_node_link (anode_archive_node_t *node)
{
  return node->link;
}

GPtrArray *
anode_archive_node_children (anode_archive_node_t *node)
{
  return node->children;
}

const char *
anode_archive_node_name (anode_archive_node_t *node)
{
  return node->name;
}

/* ---- Reads */

static gboolean
read_exact (anode_archive_t *a, anode_archive_node_t *node, guint64 offset,
            guint8 *buf, gsize len, GError **error)
{
  gsize done = 0;
  while (done < len) {
    gssize n = a->ops->read (a, node, offset + done, buf + done, len - done, error);
    if (n < 0)
      return FALSE;
    if (n == 0) {
      g_autofree char *p = anode_archive_node_path (node);
      g_set_error (error, ANODE_ARCHIVE_ERROR, EIO,
                   "'%s' in %s is truncated", p, a->path);
      return FALSE;
    }
    done += (gsize) n;
  }
  return TRUE;
}

static gboolean
block_verified (anode_archive_t *a, anode_integrity_t *in, guint64 b)
{
  g_mutex_lock (&a->lock);
  gboolean ok = in->verified != NULL && (in->verified[b / 8] & (1u << (b % 8)));
  g_mutex_unlock (&a->lock);
  return ok;
}

static void
mark_verified (anode_archive_t *a, anode_integrity_t *in, guint64 b)
{
  g_mutex_lock (&a->lock);
  if (in->verified == NULL)
    in->verified = g_malloc0 ((in->n_blocks + 7) / 8);
  in->verified[b / 8] |= (guint8) (1u << (b % 8));
  g_mutex_unlock (&a->lock);
}

/* Reads through the file's block hashes: a block is hashed whole the first
 * time any of it is read. */
static gssize
read_verified (anode_archive_t *a, anode_archive_node_t *node, guint64 offset,
               guint8 *buf, gsize len, GError **error)
{
  anode_integrity_t *in = node->integrity;
  guint64 bs = in->block_size;
  guint64 end = offset + len;
  g_autofree guint8 *block = NULL;
  gsize done = 0;
  for (guint64 b = offset / bs; b * bs < end; b++) {
    guint64 bstart = b * bs;
    guint64 blen = MIN (bs, node->size - bstart);
    guint64 from = MAX (offset, bstart), to = MIN (end, bstart + blen);
    if (block_verified (a, in, b)) {
      if (!read_exact (a, node, from, buf + done, to - from, error))
        return -1;
    } else {
      if (block == NULL)
        block = g_malloc (MIN (bs, node->size));
      if (!read_exact (a, node, bstart, block, blen, error))
        return -1;
      guint8 digest[ANODE_SHA256_LEN];
      gsize dlen = sizeof digest;
      g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      g_checksum_update (sum, block, blen);
      g_checksum_get_digest (sum, digest, &dlen);
      if (memcmp (digest, in->blocks + b * ANODE_SHA256_LEN, ANODE_SHA256_LEN) != 0) {
        g_autofree char *p = anode_archive_node_path (node);
        g_set_error (error, ANODE_ARCHIVE_ERROR, EIO,
                     "integrity check failed for '%s' in %s: block %" G_GUINT64_FORMAT
                     " does not match its SHA-256 in the header", p, a->path, b);
        return -1;
      }
      mark_verified (a, in, b);
      memcpy (buf + done, block + (from - bstart), to - from);
    }
    done += to - from;
  }
  return (gssize) done;
}

gssize
anode_archive_read (anode_archive_t *a, anode_archive_node_t *node, guint64 offset,
                    void *buf, gsize len, GError **error)
{
  if (node->kind != ANODE_ENTRY_FILE) {
    g_autofree char *p = anode_archive_node_path (node);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EISDIR, "'%s' in %s is not a file", p, a->path);
    return -1;
  }
  if (offset >= node->size || len == 0)
    return 0;
  len = MIN (len, MIN (node->size - offset, (guint64) G_MAXSSIZE));
  if (a->verify && node->integrity != NULL)
    return read_verified (a, node, offset, buf, len, error);
  return a->ops->read (a, node, offset, buf, len, error);
}

GBytes *
anode_archive_read_all (anode_archive_t *a, anode_archive_node_t *node, GError **error)
{
  if (node->size > G_MAXINT32) {
    g_autofree char *p = anode_archive_node_path (node);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EFBIG, "'%s' in %s is too large to read at once",
                 p, a->path);
    return NULL;
  }
  if (node->kind != ANODE_ENTRY_FILE) {
    g_autofree char *p = anode_archive_node_path (node);
    g_set_error (error, ANODE_ARCHIVE_ERROR, EISDIR, "'%s' in %s is not a file", p, a->path);
    return NULL;
  }
  gsize size = (gsize) node->size;
  guint8 *data = g_malloc (size ? size : 1);
  gsize done = 0;
  while (done < size) {
    gssize n = anode_archive_read (a, node, done, data + done, size - done, error);
    if (n < 0) {
      g_free (data);
      return NULL;
    }
    if (n == 0) {
      g_autofree char *p = anode_archive_node_path (node);
      g_set_error (error, ANODE_ARCHIVE_ERROR, EIO, "'%s' in %s is truncated", p, a->path);
      g_free (data);
      return NULL;
    }
    done += (gsize) n;
  }
  return g_bytes_new_take (data, size);
}

/* ---- A GInputStream over one entry */

#define ANODE_TYPE_ARCHIVE_STREAM (anode_archive_stream_get_type ())
G_DECLARE_FINAL_TYPE (AnodeArchiveStream, anode_archive_stream, ANODE, ARCHIVE_STREAM,
                      GInputStream)

struct _AnodeArchiveStream {
  GInputStream parent;
  anode_archive_t *archive;
  anode_archive_node_t *node;
  guint64 pos;
};

G_DEFINE_TYPE (AnodeArchiveStream, anode_archive_stream, G_TYPE_INPUT_STREAM)

static gssize
stream_read (GInputStream *stream, void *buf, gsize count, GCancellable *cancellable,
             GError **error)
{
  AnodeArchiveStream *s = ANODE_ARCHIVE_STREAM (stream);
  gssize n = anode_archive_read (s->archive, s->node, s->pos, buf, count, error);
  if (n > 0)
    s->pos += (guint64) n;
  return n;
}

static void
stream_finalize (GObject *object)
{
  AnodeArchiveStream *s = ANODE_ARCHIVE_STREAM (object);
  anode_archive_unref (s->archive);
  G_OBJECT_CLASS (anode_archive_stream_parent_class)->finalize (object);
}

static void
anode_archive_stream_class_init (AnodeArchiveStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = stream_read;
}

static void
anode_archive_stream_init (AnodeArchiveStream *s)
{
}

GInputStream *
anode_archive_stream_new (anode_archive_t *a, anode_archive_node_t *node, guint64 offset)
{
  AnodeArchiveStream *s = g_object_new (ANODE_TYPE_ARCHIVE_STREAM, NULL);
  s->archive = anode_archive_ref (a);
  s->node = node;
  s->pos = offset;
  return G_INPUT_STREAM (s);
}
