/* Read-only archives of app files: Electron's .asar format and the squashfs
 * image inside an AppImage, seen as one tree of entries. Also the app
 * source that app:// serves from (a folder or a path inside an archive) and
 * the per-runtime table (vfs) that maps absolute paths into archives. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct anode_runtime anode_runtime_t;
typedef struct anode_archive anode_archive_t;
typedef struct anode_archive_node anode_archive_node_t;
typedef struct anode_vfs anode_vfs_t;

typedef enum {
  ANODE_ARCHIVE_ASAR,
  ANODE_ARCHIVE_SQUASHFS,
} anode_archive_kind_t;

typedef enum {
  ANODE_ENTRY_FILE,
  ANODE_ENTRY_DIR,
  ANODE_ENTRY_LINK,
} anode_entry_kind_t;

/* Errors carry an errno value as their code (ENOENT, ENOTDIR, EISDIR,
 * ELOOP, EINVAL for a corrupt archive, EIO for a failed integrity check). */
#define ANODE_ARCHIVE_ERROR (anode_archive_error_quark ())
GQuark anode_archive_error_quark (void);

/* What stat() reports for an entry. */
typedef struct {
  anode_entry_kind_t kind;
  guint64 size;
  guint32 mode;        /* permission bits */
  guint64 ino;         /* unique within the archive */
  gint64 mtime;        /* seconds */
  gboolean executable;
  gboolean unpacked;   /* asar: stored in ARCHIVE.unpacked/ */
  guint64 dev;         /* the archive file's device, owner and group */
  guint32 uid, gid;
} anode_entry_stat_t;

/* ---- Archives (thread-safe for reads; the tree is immutable once open). */

/* Opens the .asar at `path` on disk, checking the whole header (sizes,
 * offsets, names, links). Caller owns the reference. */
anode_archive_t *anode_archive_open_asar (const char *path, GError **error);

/* Opens the .asar stored as file `inner` of `parent` (an asar inside an
 * AppImage); `path` is how errors and unpacked lookups name it. */
anode_archive_t *anode_archive_open_nested_asar (anode_archive_t *parent,
                                                 const char *inner,
                                                 const char *path,
                                                 GError **error);

/* Opens the squashfs image that starts `offset` bytes into `path`. */
anode_archive_t *anode_archive_open_squashfs (const char *path, guint64 offset,
                                              GError **error);

anode_archive_t *anode_archive_ref (anode_archive_t *a);
void anode_archive_unref (anode_archive_t *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (anode_archive_t, anode_archive_unref)

anode_archive_kind_t anode_archive_get_kind (anode_archive_t *a);
/* The path the archive was opened as (borrowed). */
const char *anode_archive_get_path (anode_archive_t *a);

/* The asar header exactly as stored (the JSON text the integrity hash of
 * Info.plist covers), and the offset where file data starts. */
const char *anode_archive_asar_header (anode_archive_t *a, gsize *len,
                                       guint64 *data_offset);

/* Check each file's SHA-256 blocks (asar "integrity") as it is read. */
void anode_archive_set_verify (anode_archive_t *a, gboolean verify);

/* The entry at `inner` ("" is the root; '/'-separated, "." and ".."
 * allowed but never above the root), following links on the way and, when
 * `follow` is set, at the end. Borrowed: lives as long as the archive. */
anode_archive_node_t *anode_archive_lookup (anode_archive_t *a, const char *inner,
                                            gboolean follow, GError **error);

void anode_archive_node_stat (anode_archive_t *a, anode_archive_node_t *node,
                              anode_entry_stat_t *st);

/* The entry's path from the root ("" for the root). Caller frees. */
char *anode_archive_node_path (anode_archive_node_t *node);

/* A link's target as stored (borrowed), or NULL. */
const char *anode_archive_node_link (anode_archive_node_t *node);

/* The children of a directory in stored order (borrowed array of
 * anode_archive_node_t *), or NULL for other entries. */
GPtrArray *anode_archive_node_children (anode_archive_node_t *node);
const char *anode_archive_node_name (anode_archive_node_t *node);

/* Reads up to `len` bytes at `offset` of a file entry. Returns the count
 * (0 at the end) or -1 with `error` set. */
gssize anode_archive_read (anode_archive_t *a, anode_archive_node_t *node,
                           guint64 offset, void *buf, gsize len, GError **error);

/* The whole content of a file entry (integrity-checked when verifying). */
GBytes *anode_archive_read_all (anode_archive_t *a, anode_archive_node_t *node,
                                GError **error);

/* A stream over a file entry from `offset` to its end (reads happen on
 * whichever thread reads the stream). Caller owns. */
GInputStream *anode_archive_stream_new (anode_archive_t *a,
                                        anode_archive_node_t *node,
                                        guint64 offset);

/* ---- The runtime's path table. */

anode_vfs_t *anode_vfs_new (void);
void anode_vfs_free (anode_vfs_t *vfs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (anode_vfs_t, anode_vfs_free)

/* The runtime's table, created on first use (borrowed). */
anode_vfs_t *anode_vfs_get (anode_runtime_t *rt);

/* Makes `archive` appear as a directory at absolute path `prefix` (how an
 * AppImage's files are reached without FUSE). */
void anode_vfs_mount (anode_vfs_t *vfs, const char *prefix, anode_archive_t *archive);

typedef enum {
  /* `.asar` segments are plain files (process.noAsar); mounts still count. */
  ANODE_VFS_NO_ASAR = 1 << 0,
  /* An archive named by the last segment is the file itself, not the
   * folder of its contents (lstat, open, readFile of x.asar). */
  ANODE_VFS_LAST_AS_FILE = 1 << 1,
} anode_vfs_flags_t;

/* Maps `path` (absolute, or relative to the working directory) into an
 * archive: TRUE with *archive (caller owns) and *inner (caller frees) set;
 * FALSE with no error when the path is outside every archive; FALSE with an
 * error when an archive on the way is unreadable or corrupt. */
gboolean anode_vfs_resolve (anode_vfs_t *vfs, const char *path, anode_vfs_flags_t flags,
                            anode_archive_t **archive, char **inner,
                            GError **error);

/* The .asar file at `path` whatever its name (for `anode asar`), cached
 * like the others. Borrowed. */
anode_archive_t *anode_vfs_open_file (anode_vfs_t *vfs, const char *path, GError **error);

/* The contents of a file at `path`, inside an archive or not. */
gboolean anode_vfs_get_contents (anode_vfs_t *vfs, const char *path,
                                 char **contents, gsize *len, GError **error);

/* Marks the archive holding `path` for integrity checks on every read. */
gboolean anode_vfs_verify (anode_vfs_t *vfs, const char *path, GError **error);

/* ---- The app source: what app:// serves. */

/* Opens the file at `path` (made from the URL by anode_ui_scheme_resolve,
 * so lexically under `root`) from byte `offset`. `root` is a folder, or a
 * folder or archive root inside an archive; a folder yields its index.html.
 * Links may not lead out of the root (G_IO_ERROR_PERMISSION_DENIED); a
 * missing file is G_IO_ERROR_NOT_FOUND. Sets the file's size and its path
 * (for the MIME type; caller frees). */
GInputStream *anode_appsrc_open (anode_vfs_t *vfs, const char *root,
                                 const char *path, guint64 offset,
                                 guint64 *size, char **file_path,
                                 GError **error);

G_END_DECLS
