/* The AppImage runtime. A type-2 AppImage is an ELF program with "AI\2" at
 * offset 8 followed by a squashfs image; here the program is anode itself.
 * Instead of mounting the image with FUSE, anode reads it in place
 * (archive-squashfs.c) and mounts it in its own path table at the
 * AppImage's path. Only anode's shared objects, which the dynamic loader
 * and WebKit must find on disk, are copied out once to a cache folder. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anode-config.h"
#include "launch.h"

/* What the AppImage holds that must exist as real files. */
static const char *const support_files[] = { "libanode-ui.so", "bridge" };

void
anode_appimage_clear (anode_appimage_t *ai)
{
  g_clear_pointer (&ai->path, g_free);
}

/* Where the ELF image ends: the furthest of its headers, segments and
 * sections. */
static gboolean
elf_end (int fd, guint64 *end)
{
  Elf64_Ehdr eh;
  if (pread (fd, &eh, sizeof eh, 0) != (ssize_t) sizeof eh ||
      memcmp (eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_phentsize != sizeof (Elf64_Phdr) || eh.e_shentsize != sizeof (Elf64_Shdr))
    return FALSE;
  guint64 e = MAX (eh.e_phoff + (guint64) eh.e_phnum * eh.e_phentsize,
                   eh.e_shoff + (guint64) eh.e_shnum * eh.e_shentsize);
  for (guint i = 0; i < eh.e_phnum; i++) {
    Elf64_Phdr ph;
    if (pread (fd, &ph, sizeof ph, (off_t) (eh.e_phoff + i * sizeof ph)) != (ssize_t) sizeof ph)
      return FALSE;
    e = MAX (e, ph.p_offset + ph.p_filesz);
  }
  for (guint i = 0; i < eh.e_shnum; i++) {
    Elf64_Shdr sh;
    if (pread (fd, &sh, sizeof sh, (off_t) (eh.e_shoff + i * sizeof sh)) != (ssize_t) sizeof sh)
      return FALSE;
    if (sh.sh_type != SHT_NOBITS)
      e = MAX (e, sh.sh_offset + sh.sh_size);
  }
  *end = e;
  return TRUE;
}

gboolean
anode_appimage_detect (anode_appimage_t *ai)
{
  memset (ai, 0, sizeof *ai);
  int fd = open ("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  unsigned char ident[16];
  guint64 end = 0;
  char magic[4];
  gboolean ok = pread (fd, ident, sizeof ident, 0) == (ssize_t) sizeof ident &&
                ident[8] == 'A' && ident[9] == 'I' && ident[10] == 2 && elf_end (fd, &end) &&
                pread (fd, magic, 4, (off_t) end) == 4 && memcmp (magic, "hsqs", 4) == 0;
  close (fd);
  if (!ok)
    return FALSE;
  ai->path = g_file_read_link ("/proc/self/exe", NULL);
  ai->offset = end;
  return ai->path != NULL;
}

/* ---- Extraction */

static gboolean
set_errno_error (GError **error, int e, const char *what, const char *path)
{
  g_set_error (error, ANODE_ARCHIVE_ERROR, e, "cannot %s %s: %s", what, path, g_strerror (e));
  return FALSE;
}

/* Removes whatever is at `path` unless it is a real folder (TRUE when one
 * is left there). Links are removed, never followed. */
static gboolean
clear_path (const char *path, gboolean want_dir)
{
  struct stat st;
  if (lstat (path, &st) != 0)
    return FALSE;
  if (want_dir && S_ISDIR (st.st_mode))
    return TRUE;
  if (S_ISDIR (st.st_mode)) {
    g_autoptr (GFile) f = g_file_new_for_path (path);
    g_file_delete (f, NULL, NULL); /* an empty folder; a full one makes open fail */
  } else {
    unlink (path);
  }
  return FALSE;
}

static gboolean
write_file (anode_archive_t *a, anode_archive_node_t *node, const char *path, GError **error)
{
  anode_entry_stat_t st;
  anode_archive_node_stat (a, node, &st);
  clear_path (path, FALSE);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, st.mode & 0777);
  if (fd < 0)
    return set_errno_error (error, errno, "create", path);
  guint8 buf[65536];
  guint64 off = 0;
  for (;;) {
    gssize n = anode_archive_read (a, node, off, buf, sizeof buf, error);
    if (n < 0) {
      close (fd);
      return FALSE;
    }
    if (n == 0)
      break;
    for (gssize done = 0; done < n;) {
      ssize_t w = write (fd, buf + done, (size_t) (n - done));
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0) {
        int e = errno;
        close (fd);
        return set_errno_error (error, e, "write", path);
      }
      done += w;
    }
    off += (guint64) n;
  }
  fchmod (fd, st.mode & 07777);
  if (close (fd) != 0)
    return set_errno_error (error, errno, "write", path);
  return TRUE;
}

/* Does a file under `rel` (a folder) match `pattern`? */
static gboolean
subtree_matches (anode_archive_node_t *node, const char *rel, GPatternSpec *pattern)
{
  GPtrArray *kids = anode_archive_node_children (node);
  for (guint i = 0; kids != NULL && i < kids->len; i++) {
    anode_archive_node_t *c = g_ptr_array_index (kids, i);
    g_autofree char *crel = g_strconcat (rel, "/", anode_archive_node_name (c), NULL);
    if (g_pattern_spec_match_string (pattern, crel) || subtree_matches (c, crel, pattern))
      return TRUE;
  }
  return FALSE;
}

gboolean
anode_archive_extract (anode_archive_t *a, const char *inner, const char *dest,
                       const char *pattern, gboolean print, const char *label, GError **error)
{
  anode_archive_node_t *top = anode_archive_lookup (a, inner, TRUE, error);
  if (top == NULL)
    return FALSE;
  if (!clear_path (dest, TRUE) && mkdir (dest, 0755) != 0)
    return set_errno_error (error, errno, "create", dest);
  g_autoptr (GPatternSpec) spec = pattern ? g_pattern_spec_new (pattern) : NULL;
  /* (node, path relative to dest) pairs, depth first in stored order; the
   * paths are owned. */
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  GPtrArray *kids = anode_archive_node_children (top);
  for (guint i = kids ? kids->len : 0; i > 0; i--) {
    anode_archive_node_t *c = g_ptr_array_index (kids, i - 1);
    g_ptr_array_add (todo, c);
    g_ptr_array_add (todo, g_strdup (anode_archive_node_name (c)));
  }
  gboolean ok = TRUE;
  while (ok && todo->len > 0) {
    g_autofree char *rel = g_ptr_array_steal_index (todo, todo->len - 1);
    anode_archive_node_t *node = g_ptr_array_steal_index (todo, todo->len - 1);
    anode_entry_stat_t st;
    anode_archive_node_stat (a, node, &st);
    gboolean wanted = spec == NULL || g_pattern_spec_match_string (spec, rel) ||
                      (st.kind == ANODE_ENTRY_DIR && subtree_matches (node, rel, spec));
    if (!wanted)
      continue;
    g_autofree char *path = g_build_filename (dest, rel, NULL);
    if (print)
      printf ("%s/%s\n", label, rel);
    if (st.kind == ANODE_ENTRY_DIR) {
      if (!clear_path (path, TRUE) && mkdir (path, 0755) != 0)
        ok = set_errno_error (error, errno, "create", path);
      else
        chmod (path, (st.mode & 07777) | 0700);
      kids = anode_archive_node_children (node);
      for (guint i = kids->len; ok && i > 0; i--) {
        anode_archive_node_t *c = g_ptr_array_index (kids, i - 1);
        g_ptr_array_add (todo, c);
        g_ptr_array_add (todo, g_strconcat (rel, "/", anode_archive_node_name (c), NULL));
      }
    } else if (st.kind == ANODE_ENTRY_LINK) {
      clear_path (path, FALSE);
      if (symlink (anode_archive_node_link (node), path) != 0)
        ok = set_errno_error (error, errno, "create", path);
    } else {
      ok = write_file (a, node, path, error);
    }
  }
  /* After a failure, the paths not reached. */
  for (guint i = 0; i + 1 < todo->len; i += 2)
    g_free (g_ptr_array_index (todo, i + 1));
  return ok;
}

/* ---- Options */

static const char help[] =
  "This AppImage's runtime is anode %s: it reads the app from the squashfs\n"
  "image inside this file, without FUSE and without unpacking it.\n"
  "\n"
  "  --appimage-extract [pattern]   write the contents to ./squashfs-root\n"
  "  --appimage-extract-and-run     extract to a temporary folder, run AppRun\n"
  "                                 from there, then remove the folder\n"
  "  --appimage-offset              print the offset of the squashfs image\n"
  "  --appimage-version             print the runtime's version\n"
  "  --appimage-help                print this help\n"
  "\n"
  "Every other argument goes to the app.\n";

/* Removes what it can and carries on: a temporary folder on its way out. */
static int
rm_cb (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  remove (path);
  return 0;
}

static void
set_env (anode_appimage_t *ai, const char *appdir, const char *argv0)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_setenv ("APPIMAGE", ai->path, TRUE);
  g_setenv ("APPDIR", appdir, TRUE);
  g_setenv ("ARGV0", argv0, TRUE);
  g_setenv ("OWD", cwd, TRUE);
}

static int
extract_and_run (anode_appimage_t *ai, anode_archive_t *a, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("appimage_extracted_XXXXXX", &error);
  if (tmp == NULL) {
    fprintf (stderr, "anode: %s\n", error->message);
    return 1;
  }
  g_autofree char *root = g_build_filename (tmp, "squashfs-root", NULL);
  int status = 1;
  if (!anode_archive_extract (a, "", root, NULL, FALSE, NULL, &error)) {
    fprintf (stderr, "anode: cannot extract %s: %s\n", ai->path, error->message);
  } else {
    set_env (ai, root, argv[0]);
    g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (args, g_build_filename (root, "AppRun", NULL));
    for (int i = 2; i < argc; i++)
      g_ptr_array_add (args, g_strdup (argv[i]));
    g_ptr_array_add (args, NULL);
    int wait_status = 0;
    if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                       NULL, NULL, NULL, &wait_status, &error)) {
      fprintf (stderr, "anode: cannot run AppRun: %s\n", error->message);
    } else if (WIFEXITED (wait_status)) {
      status = WEXITSTATUS (wait_status);
    } else if (WIFSIGNALED (wait_status)) {
      status = 128 + WTERMSIG (wait_status);
    }
  }
  nftw (tmp, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
  return status;
}

int
anode_appimage_run_option (anode_appimage_t *ai, int argc, char **argv)
{
  const char *opt = argc > 1 ? argv[1] : "";
  if (!g_str_has_prefix (opt, "--appimage-"))
    return -1;
  if (strcmp (opt, "--appimage-offset") == 0) {
    printf ("%" G_GUINT64_FORMAT "\n", ai->offset);
    return 0;
  }
  if (strcmp (opt, "--appimage-help") == 0) {
    printf (help, ANODE_VERSION);
    return 0;
  }
  if (strcmp (opt, "--appimage-version") == 0) {
    printf ("anode AppImage runtime %s\n", ANODE_VERSION);
    return 0;
  }
  gboolean extract = strcmp (opt, "--appimage-extract") == 0;
  gboolean run = strcmp (opt, "--appimage-extract-and-run") == 0;
  if (!extract && !run) {
    fprintf (stderr, "anode: unknown AppImage option %s (see --appimage-help)\n", opt);
    return 2;
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (anode_archive_t) a = anode_archive_open_squashfs (ai->path, ai->offset, &error);
  if (a == NULL) {
    fprintf (stderr, "anode: %s\n", error->message);
    return 1;
  }
  if (run)
    return extract_and_run (ai, a, argc, argv);
  if (!anode_archive_extract (a, "", "squashfs-root", argc > 2 ? argv[2] : NULL, TRUE,
                              "squashfs-root", &error)) {
    fprintf (stderr, "anode: cannot extract %s: %s\n", ai->path, error->message);
    return 1;
  }
  return 0;
}

/* ---- Start-up */

/* Hashes the support files' contents, to name their cache folder. */
static gboolean
hash_tree (anode_archive_t *a, anode_archive_node_t *node, const char *rel, GChecksum *sum,
           GError **error)
{
  anode_entry_stat_t st;
  anode_archive_node_stat (a, node, &st);
  g_checksum_update (sum, (const guchar *) rel, (gssize) strlen (rel) + 1);
  if (st.kind == ANODE_ENTRY_FILE) {
    g_autoptr (GBytes) b = anode_archive_read_all (a, node, error);
    if (b == NULL)
      return FALSE;
    gsize n = 0;
    const guchar *d = g_bytes_get_data (b, &n);
    g_checksum_update (sum, d, (gssize) n);
  } else if (st.kind == ANODE_ENTRY_LINK) {
    g_checksum_update (sum, (const guchar *) anode_archive_node_link (node), -1);
  }
  GPtrArray *kids = anode_archive_node_children (node);
  for (guint i = 0; kids != NULL && i < kids->len; i++) {
    anode_archive_node_t *c = g_ptr_array_index (kids, i);
    g_autofree char *crel = g_strconcat (rel, "/", anode_archive_node_name (c), NULL);
    if (!hash_tree (a, c, crel, sum, error))
      return FALSE;
  }
  return TRUE;
}

/* Copies libanode-ui.so and the web-process extension out of the image
 * into $XDG_CACHE_HOME/anode/support-VERSION-HASH, once: later starts find
 * the folder and only hash. */
static char *
support_dir (anode_archive_t *a, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GPtrArray) present = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (support_files); i++) {
    anode_archive_node_t *n = anode_archive_lookup (a, support_files[i], TRUE, NULL);
    if (n == NULL)
      continue;
    g_ptr_array_add (present, (gpointer) support_files[i]);
    if (!hash_tree (a, n, support_files[i], sum, error))
      return NULL;
  }
  if (present->len == 0)
    return NULL;
  g_autofree char *name = g_strdup_printf ("support-%s-%.16s", ANODE_VERSION,
                                           g_checksum_get_string (sum));
  char *dir = g_build_filename (g_get_user_cache_dir (), "anode", name, NULL);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return dir;
  g_autofree char *parent = g_path_get_dirname (dir);
  g_mkdir_with_parents (parent, 0700);
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-%d", dir, (int) getpid ());
  gboolean ok = mkdir (tmp, 0700) == 0 || set_errno_error (error, errno, "create", tmp);
  for (guint i = 0; ok && i < present->len; i++) {
    const char *f = g_ptr_array_index (present, i);
    anode_archive_node_t *n = anode_archive_lookup (a, f, TRUE, NULL);
    g_autofree char *out = g_build_filename (tmp, f, NULL);
    if (anode_archive_node_children (n) != NULL)
      ok = anode_archive_extract (a, f, out, NULL, FALSE, NULL, error);
    else
      ok = write_file (a, n, out, error);
  }
  /* Another process may have won the race: its copy is as good. */
  if (ok && rename (tmp, dir) != 0 && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    ok = set_errno_error (error, errno, "create", dir);
  nftw (tmp, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
  if (!ok) {
    g_free (dir);
    return NULL;
  }
  return dir;
}

gboolean
anode_appimage_start (anode_appimage_t *ai, anode_runtime_t *rt, const char *argv0,
                      anode_launch_t *l, GError **error)
{
  anode_archive_t *a = anode_archive_open_squashfs (ai->path, ai->offset, error);
  if (a == NULL)
    return FALSE;
  anode_vfs_mount (anode_vfs_get (rt), ai->path, a);
  g_autoptr (GError) support_error = NULL;
  rt->support_dir = support_dir (a, &support_error);
  /* Without the cache, a window cannot open; a headless app still runs. */
  if (support_error != NULL)
    g_printerr ("anode: cannot copy the UI module out of %s: %s\n", ai->path,
                support_error->message);
  set_env (ai, ai->path, argv0);
  l->packaged = TRUE;
  l->self = TRUE;
  l->resources_path = g_build_filename (ai->path, "resources", NULL);
  l->app_path = g_build_filename (l->resources_path, "app.asar", NULL);
  if (anode_archive_lookup (a, "resources/app.asar", TRUE, NULL) == NULL) {
    g_free (l->app_path);
    l->app_path = g_build_filename (l->resources_path, "app", NULL);
  }
  anode_archive_unref (a);
  anode_launch_expect_own_hash (l);
  return TRUE;
}
