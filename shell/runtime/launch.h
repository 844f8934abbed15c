/* How `anode` was asked to start a packaged app: as the packed binary
 * itself (a `dir` target, a Name.app's MacOS binary, an AppImage), or as
 * `anode path/to/app.asar | Name.app | dir-target`; and the AppImage
 * runtime that the binary becomes when it carries a squashfs. */
#pragma once

#include "anode-runtime.h"
#include "archive.h"

G_BEGIN_DECLS

typedef struct {
  gboolean packaged;
  gboolean self;          /* the packed binary runs its own app: argv has no script */
  char *app_path;         /* resources/app.asar (or resources/app) */
  char *resources_path;   /* its folder (process.resourcesPath) */
  char *expected_header;  /* SHA-256 (hex) the archive's header must have, or NULL */
  char *expected_from;    /* where that hash came from, for the error */
} anode_launch_t;

void anode_launch_clear (anode_launch_t *l);

/* Is this binary a packed app's (resources/app.asar beside it, or in
 * ../Resources of a Name.app/Contents/MacOS)? Fills `l`. */
gboolean anode_launch_for_binary (anode_launch_t *l);

/* Is `target` (what `anode TARGET` names) an .asar file, a Name.app bundle
 * or a packed folder? Fills `l`; FALSE with an error when it looks like one
 * but cannot be used. */
gboolean anode_launch_for_target (const char *target, anode_launch_t *l, GError **error);

/* Takes the header hash `anode pack` wrote into this binary, if any. */
void anode_launch_expect_own_hash (anode_launch_t *l);

/* Opens the app's archive through the runtime's table, checks its header
 * against the expected hash and turns on integrity checks for its files.
 * FALSE with an error naming the archive when it is unusable. */
gboolean anode_launch_check (anode_runtime_t *rt, anode_launch_t *l, GError **error);

/* ---- The AppImage runtime (appimage.c). */

typedef struct {
  char *path;      /* the AppImage file (realpath) */
  guint64 offset;  /* where its squashfs starts */
} anode_appimage_t;

/* Does /proc/self/exe carry the AppImage magic (AI\2 at offset 8) and a
 * squashfs right after its ELF image? */
gboolean anode_appimage_detect (anode_appimage_t *ai);

void anode_appimage_clear (anode_appimage_t *ai);

/* Handles --appimage-extract [pattern], --appimage-extract-and-run,
 * --appimage-offset, --appimage-help and --appimage-version in argv[1].
 * Returns an exit status, or -1 when argv[1] is none of them. */
int anode_appimage_run_option (anode_appimage_t *ai, int argc, char **argv);

/* Sets APPIMAGE, APPDIR, ARGV0 and OWD, mounts the squashfs at the
 * AppImage's own path, copies anode's shared objects to a per-version cache
 * (rt->support_dir) and fills `l` for the app inside. */
gboolean anode_appimage_start (anode_appimage_t *ai, anode_runtime_t *rt, const char *argv0,
                               anode_launch_t *l, GError **error);

/* Writes the tree under `inner` of `a` to `dest` (created), never following
 * a link on the way; with `pattern`, only paths matching it (and their
 * folders). `print` lists each path written, prefixed with `label`. */
gboolean anode_archive_extract (anode_archive_t *a, const char *inner, const char *dest,
                                const char *pattern, gboolean print, const char *label,
                                GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (anode_launch_t, anode_launch_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (anode_appimage_t, anode_appimage_clear)

G_END_DECLS
