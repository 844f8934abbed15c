/* The asar reader and the JSON reader under it: well-formed archives read
 * back exactly, and broken or hostile ones (truncated, sizes and offsets
 * past the end, bad names, links out of the archive or in a loop, deep
 * nesting, wrong integrity) fail with an error naming the archive and the
 * entry, never a crash. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "archive.h"
#include "json-tree.h"

/* Writes an archive: the two Pickles around `header`, then `data`. */
static char *
write_asar (const char *header, const char *data, gsize data_len)
{
  gsize len = strlen (header);
  gsize padded = (len + 3) & ~(gsize) 3;
  g_autoptr (GByteArray) b = g_byte_array_new ();
  guint32 words[4] = { 4, (guint32) (8 + padded), (guint32) (4 + padded), (guint32) len };
  for (int i = 0; i < 4; i++) {
    guint32 le = GUINT32_TO_LE (words[i]);
    g_byte_array_append (b, (const guint8 *) &le, 4);
  }
  g_byte_array_append (b, (const guint8 *) header, (guint) len);
  static const guint8 zeros[4] = { 0 };
  g_byte_array_append (b, zeros, (guint) (padded - len));
  g_byte_array_append (b, (const guint8 *) data, (guint) data_len);
  g_autofree char *dir = g_dir_make_tmp ("anode-archive-XXXXXX", NULL);
  char *path = g_build_filename (dir, "t.asar", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) b->data, (gssize) b->len, NULL));
  return path;
}

static void
remove_asar (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_unlink (path);
  g_rmdir (dir);
}

/* Opening fails, and the message holds `what`. */
static void
assert_invalid (const char *header, const char *data, gsize data_len, const char *what)
{
  g_autofree char *path = write_asar (header, data, data_len);
  g_autoptr (GError) error = NULL;
  g_autoptr (anode_archive_t) a = anode_archive_open_asar (path, &error);
  g_assert_null (a);
  g_assert_error (error, ANODE_ARCHIVE_ERROR, EINVAL);
  if (strstr (error->message, what) == NULL || strstr (error->message, path) == NULL)
    g_error ("message \"%s\" lacks \"%s\" or the archive's path", error->message, what);
  remove_asar (path);
}

static void
test_reads_files_dirs_links (void)
{
  g_autofree char *path = write_asar (
    "{\"files\":{\"a.txt\":{\"size\":5,\"offset\":\"0\"},"
    "\"dir\":{\"files\":{\"b.js\":{\"size\":3,\"offset\":\"5\",\"executable\":true}}},"
    "\"link\":{\"link\":\"dir/b.js\"},\"dirlink\":{\"link\":\"dir\"}}}",
    "hello123", 8);
  g_autoptr (GError) error = NULL;
  g_autoptr (anode_archive_t) a = anode_archive_open_asar (path, &error);
  g_assert_no_error (error);

  anode_archive_node_t *root = anode_archive_lookup (a, "", TRUE, &error);
  GPtrArray *kids = anode_archive_node_children (root);
  g_assert_cmpuint (kids->len, ==, 4);
  g_assert_cmpstr (anode_archive_node_name (g_ptr_array_index (kids, 0)), ==, "a.txt");
  g_assert_cmpstr (anode_archive_node_name (g_ptr_array_index (kids, 3)), ==, "dirlink");

  anode_archive_node_t *n = anode_archive_lookup (a, "dir/b.js", TRUE, &error);
  g_assert_no_error (error);
  char buf[8] = { 0 };
  g_assert_cmpint (anode_archive_read (a, n, 0, buf, sizeof buf, &error), ==, 3);
  g_assert_cmpstr (buf, ==, "123");
  anode_entry_stat_t st;
  anode_archive_node_stat (a, n, &st);
  g_assert_true (st.executable);
  g_assert_cmpuint (st.mode, ==, 0755);

  /* Through links: at the end, and on the way. */
  n = anode_archive_lookup (a, "link", TRUE, &error);
  g_autofree char *p = anode_archive_node_path (n);
  g_assert_cmpstr (p, ==, "dir/b.js");
  n = anode_archive_lookup (a, "dirlink/b.js", TRUE, &error);
  g_assert_no_error (error);
  n = anode_archive_lookup (a, "link", FALSE, &error);
  g_assert_cmpstr (anode_archive_node_link (n), ==, "dir/b.js");

  g_assert_null (anode_archive_lookup (a, "nope", TRUE, &error));
  g_assert_error (error, ANODE_ARCHIVE_ERROR, ENOENT);
  g_clear_error (&error);
  g_assert_null (anode_archive_lookup (a, "a.txt/x", TRUE, &error));
  g_assert_error (error, ANODE_ARCHIVE_ERROR, ENOTDIR);
  g_clear_error (&error);
  g_assert_null (anode_archive_lookup (a, "../x", TRUE, &error));
  g_assert_error (error, ANODE_ARCHIVE_ERROR, ENOENT);
  g_clear_error (&error);

  g_autoptr (GBytes) all = anode_archive_read_all (a, anode_archive_lookup (a, "a.txt", TRUE, NULL), &error);
  g_assert_cmpmem (g_bytes_get_data (all, NULL), g_bytes_get_size (all), "hello", 5);
  remove_asar (path);
}

static void
test_truncated_and_bad_sizes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("anode-archive-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "short.asar", NULL);
  g_file_set_contents (path, "\4\0\0\0\xff", 5, NULL);
  g_autoptr (GError) error = NULL;
  g_assert_null (anode_archive_open_asar (path, &error));
  g_assert_nonnull (strstr (error->message, "too short"));
  g_clear_error (&error);

  /* The header's size points past the end. */
  g_file_set_contents (path, "\4\0\0\0\0\1\0\0{}", 10, NULL);
  g_assert_null (anode_archive_open_asar (path, &error));
  g_assert_nonnull (strstr (error->message, "runs past the end of the file"));
  g_clear_error (&error);

  /* Not an asar at all. */
  g_file_set_contents (path, "PK\3\4 not an asar, a zip", -1, NULL);
  g_assert_null (anode_archive_open_asar (path, &error));
  g_assert_nonnull (strstr (error->message, "does not start with an asar size pickle"));
  g_clear_error (&error);
  g_unlink (path);
  g_rmdir (dir);

  /* Header fine, file data missing. */
  assert_invalid ("{\"files\":{\"x\":{\"size\":100,\"offset\":\"0\"}}}", "short", 5,
                  "entry 'x' (offset 0, size 100) runs past the end");
  assert_invalid ("{\"files\":{\"d\":{\"files\":{\"y\":{\"size\":1,\"offset\":\"99999999999\"}}}}}",
                  "", 0, "entry 'd/y'");
  assert_invalid ("{\"files\":{\"x\":{\"size\":-1,\"offset\":\"0\"}}}", "", 0, "no valid \"size\"");
  assert_invalid ("{\"files\":{\"x\":{\"size\":1.5,\"offset\":\"0\"}}}", "ab", 2, "no valid \"size\"");
  assert_invalid ("{\"files\":{\"x\":{\"size\":1,\"offset\":\"1e3\"}}}", "ab", 2, "no valid \"offset\"");
  assert_invalid ("{\"files\":{\"x\":{\"size\":1}}}", "ab", 2, "no valid \"offset\"");
  assert_invalid ("{\"files\":{\"x\":{\"size\":1,\"offset\":\"0\"", "ab", 2, "not valid JSON");
  assert_invalid ("{\"nofiles\":{}}", "", 0, "no \"files\" object");
  assert_invalid ("[1,2]", "", 0, "no \"files\" object");
}

static void
test_hostile_names_and_links (void)
{
  assert_invalid ("{\"files\":{\"..\":{\"size\":0,\"offset\":\"0\"}}}", "", 0, "entry name '..'");
  assert_invalid ("{\"files\":{\"a/b\":{\"size\":0,\"offset\":\"0\"}}}", "", 0, "entry name 'a/b'");
  assert_invalid ("{\"files\":{\"\":{\"size\":0,\"offset\":\"0\"}}}", "", 0, "is not allowed");
  assert_invalid ("{\"files\":{\"a\\u0000b\":{\"size\":0,\"offset\":\"0\"}}}", "", 0, "not valid JSON");
  assert_invalid ("{\"files\":{\"x\":{\"size\":0,\"offset\":\"0\"},\"x\":{\"size\":0,\"offset\":\"0\"}}}",
                  "", 0, "entry 'x' appears twice");
  assert_invalid ("{\"files\":{\"d\":{\"files\":{\"l\":{\"link\":\"../../etc/passwd\"}}}}}", "", 0,
                  "link 'd/l' points outside the archive");
  assert_invalid ("{\"files\":{\"l\":{\"link\":\"a/../..\"}}}", "", 0, "points outside");

  /* An absolute link is a path from the archive's root: it stays inside. */
  g_autofree char *path = write_asar ("{\"files\":{\"l\":{\"link\":\"/etc/passwd\"},"
                                      "\"p\":{\"link\":\"q\"},\"q\":{\"link\":\"p\"}}}", "", 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (anode_archive_t) a = anode_archive_open_asar (path, &error);
  g_assert_no_error (error);
  g_assert_null (anode_archive_lookup (a, "l", TRUE, &error));
  g_assert_error (error, ANODE_ARCHIVE_ERROR, ENOENT);
  g_assert_nonnull (strstr (error->message, "etc"));
  g_clear_error (&error);
  /* A loop ends with ELOOP, not a hang. */
  g_assert_null (anode_archive_lookup (a, "p/x", TRUE, &error));
  g_assert_error (error, ANODE_ARCHIVE_ERROR, ELOOP);
  remove_asar (path);
}

static void
test_deep_nesting (void)
{
  /* 5,000 nested folders: refused by the JSON depth limit, no stack
   * overflow. */
  GString *h = g_string_new ("{\"files\":");
  for (int i = 0; i < 5000; i++)
    g_string_append (h, "{\"d\":{\"files\":");
  g_string_append (h, "{}");
  for (int i = 0; i < 5000; i++)
    g_string_append (h, "}}");
  g_string_append (h, "}");
  assert_invalid (h->str, "", 0, "nesting too deep");
  g_string_free (h, TRUE);
}

static const char hello_sha[] = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

static void
test_integrity (void)
{
  g_autofree char *header = g_strdup_printf (
    "{\"files\":{\"h\":{\"size\":5,\"offset\":\"0\",\"integrity\":{\"algorithm\":\"SHA256\","
    "\"hash\":\"%s\",\"blockSize\":4194304,\"blocks\":[\"%s\"]}}}}", hello_sha, hello_sha);
  /* Stored bytes differ from what the header promises. */
  g_autofree char *path = write_asar (header, "jello", 5);
  g_autoptr (GError) error = NULL;
  g_autoptr (anode_archive_t) a = anode_archive_open_asar (path, &error);
  g_assert_no_error (error);
  anode_archive_node_t *n = anode_archive_lookup (a, "h", TRUE, &error);
  g_autoptr (GBytes) unchecked = anode_archive_read_all (a, n, &error);
  g_assert_no_error (error);
  anode_archive_set_verify (a, TRUE);
  g_autoptr (GBytes) checked = anode_archive_read_all (a, n, &error);
  g_assert_null (checked);
  g_assert_error (error, ANODE_ARCHIVE_ERROR, EIO);
  g_assert_nonnull (strstr (error->message, "integrity check failed for 'h'"));
  remove_asar (path);

  g_free (path);
  path = write_asar (header, "hello", 5);
  g_clear_pointer (&a, anode_archive_unref);
  g_clear_error (&error);
  a = anode_archive_open_asar (path, &error);
  anode_archive_set_verify (a, TRUE);
  n = anode_archive_lookup (a, "h", TRUE, &error);
  char buf[3];
  /* A partial read checks the whole block. */
  g_assert_cmpint (anode_archive_read (a, n, 1, buf, 3, &error), ==, 3);
  g_assert_cmpmem (buf, 3, "ell", 3);
  remove_asar (path);

  assert_invalid ("{\"files\":{\"h\":{\"size\":5,\"offset\":\"0\",\"integrity\":{\"algorithm\":\"MD5\"}}}}",
                  "hello", 5, "malformed integrity record");
  g_autofree char *wrong_count = g_strdup_printf (
    "{\"files\":{\"h\":{\"size\":5,\"offset\":\"0\",\"integrity\":{\"algorithm\":\"SHA256\","
    "\"hash\":\"%s\",\"blockSize\":2,\"blocks\":[\"%s\"]}}}}", hello_sha, hello_sha);
  assert_invalid (wrong_count, "hello", 5, "lists 1 integrity blocks for 5 bytes");
}

static void
test_vfs_paths (void)
{
  g_autofree char *path = write_asar ("{\"files\":{\"m.js\":{\"size\":2,\"offset\":\"0\"}}}", "42", 2);
  g_autoptr (anode_vfs_t) vfs = anode_vfs_new ();
  g_autoptr (anode_archive_t) a = NULL;
  g_autofree char *inner = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *inside = g_strconcat (path, "/./x/../m.js", NULL);
  g_assert_true (anode_vfs_resolve (vfs, inside, 0, &a, &inner, &error));
  g_assert_cmpstr (inner, ==, "m.js");
  g_clear_pointer (&a, anode_archive_unref);
  g_clear_pointer (&inner, g_free);
  /* The archive's own path, seen as the file. */
  g_assert_false (anode_vfs_resolve (vfs, path, ANODE_VFS_LAST_AS_FILE, &a, &inner, &error));
  g_assert_no_error (error);
  g_assert_true (anode_vfs_resolve (vfs, path, 0, &a, &inner, &error));
  g_assert_cmpstr (inner, ==, "");
  g_clear_pointer (&a, anode_archive_unref);
  g_clear_pointer (&inner, g_free);
  /* process.noAsar */
  g_assert_false (anode_vfs_resolve (vfs, inside, ANODE_VFS_NO_ASAR, &a, &inner, &error));
  g_assert_no_error (error);
  /* A folder named x.asar is a folder; x.asar.unpacked is not an archive. */
  g_autofree char *dir = g_dir_make_tmp ("anode-vfs-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "f.asar", NULL);
  g_mkdir (folder, 0700);
  g_autofree char *in_folder = g_build_filename (folder, "y", NULL);
  g_assert_false (anode_vfs_resolve (vfs, in_folder, 0, &a, &inner, &error));
  g_assert_no_error (error);
  g_autofree char *unpacked = g_strconcat (path, ".unpacked/z", NULL);
  g_assert_false (anode_vfs_resolve (vfs, unpacked, 0, &a, &inner, &error));
  g_assert_no_error (error);
  /* A file named .asar that is not one: an error naming it. */
  g_autofree char *fake = g_build_filename (dir, "fake.asar", NULL);
  g_file_set_contents (fake, "plain text", -1, NULL);
  g_autofree char *in_fake = g_build_filename (fake, "x", NULL);
  g_assert_false (anode_vfs_resolve (vfs, in_fake, 0, &a, &inner, &error));
  g_assert_error (error, ANODE_ARCHIVE_ERROR, EINVAL);
  g_assert_nonnull (strstr (error->message, "fake.asar"));
  g_unlink (fake);
  g_rmdir (folder);
  g_rmdir (dir);
  remove_asar (path);
}

static void
test_json (void)
{
  g_autoptr (GError) error = NULL;
  const char *text = " {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\\ud800\",\"n\":-1.5e2,"
                     "\"t\":true,\"z\":null,\"a\":[1,[],{}]} ";
  g_autoptr (anode_json_t) j = anode_json_parse (text, strlen (text), 8, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anode_json_get (j, "s")->string, ==, "a\"b\\c/\n\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd");
  g_assert_cmpfloat (anode_json_get (j, "n")->number, ==, -150);
  g_assert_true (anode_json_get (j, "t")->boolean);
  g_assert_cmpint (anode_json_get (j, "z")->type, ==, ANODE_JSON_NULL);
  g_assert_cmpuint (anode_json_get (j, "a")->n, ==, 3);

  static const char *const bad[] = {
    "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"a", "tru",
    "\"\x01\"", "{} x", "\"\xff\"", "[[[[[[[[[[1]]]]]]]]]]",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) e = NULL;
    g_autoptr (anode_json_t) r = anode_json_parse (bad[i], strlen (bad[i]), 8, &e);
    if (r != NULL)
      g_error ("parsed bad JSON: %s", bad[i]);
    g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/reads-files-dirs-links", test_reads_files_dirs_links);
  g_test_add_func ("/archive/truncated-and-bad-sizes", test_truncated_and_bad_sizes);
  g_test_add_func ("/archive/hostile-names-and-links", test_hostile_names_and_links);
  g_test_add_func ("/archive/deep-nesting", test_deep_nesting);
  g_test_add_func ("/archive/integrity", test_integrity);
  g_test_add_func ("/archive/vfs-paths", test_vfs_paths);
  g_test_add_func ("/archive/json", test_json);
  return g_test_run ();
}
