/* What the archive backends (archive-asar.c, archive-squashfs.c) share with
 * the generic tree code (archive.c). */
#pragma once

#include "archive.h"

G_BEGIN_DECLS

#define ANODE_SHA256_LEN 32

/* asar "integrity": SHA-256 of the whole file and of each block. */
typedef struct {
  guint32 block_size;
  guint8 hash[ANODE_SHA256_LEN];
  guint n_blocks;
  guint8 *blocks;   /* n_blocks * ANODE_SHA256_LEN */
  guint8 *verified; /* one bit per block, under the archive lock */
} anode_integrity_t;

struct anode_archive_node {
  char *name;
  anode_archive_node_t *parent;
  anode_entry_kind_t kind;
  gboolean executable;
  gboolean unpacked;
  guint32 mode;
  gint64 mtime;
  guint64 size;
  guint64 offset;          /* asar: from the start of the file data */
  guint64 ino;
  char *link;
  GPtrArray *children;     /* directories: owned nodes, stored order */
  GHashTable *index;       /* large directories: name -> node */
  anode_integrity_t *integrity;
  gpointer backend;        /* squashfs: its inode (owned by the backend) */
};

typedef struct {
  /* Reads [offset, offset + len) of a file entry, within its size. */
  gssize (*read) (anode_archive_t *a, anode_archive_node_t *node, guint64 offset,
                  void *buf, gsize len, GError **error);
  void (*finalize) (anode_archive_t *a);
} anode_archive_ops_t;

struct anode_archive {
  gint refs;
  anode_archive_kind_t kind;
  const anode_archive_ops_t *ops;
  char *path;
  anode_archive_node_t *root;
  guint64 n_nodes;
  GMutex lock;            /* backend reads that are not thread-safe, and
                           * the integrity bitmaps */
  gboolean verify;
  /* What stat() shows for entries: the archive file's owner and times. */
  guint64 dev;
  guint32 uid, gid;
  gint64 mtime;
  gpointer priv;          /* the backend's state */
};

anode_archive_t *anode_archive_new (anode_archive_kind_t kind,
                                    const anode_archive_ops_t *ops,
                                    const char *path);

/* A new node, appended to `parent`'s children (when given). */
anode_archive_node_t *anode_archive_node_new (anode_archive_t *a,
                                              anode_archive_node_t *parent,
                                              const char *name,
                                              anode_entry_kind_t kind);

/* Indexes large directories; call once the tree is complete. */
void anode_archive_finish_tree (anode_archive_node_t *root);

/* Is `name` usable as one path segment (not empty, ".", ".." and free of
 * '/' and NUL)? */
gboolean anode_archive_name_ok (const char *name, gsize len);

G_END_DECLS
