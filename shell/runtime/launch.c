/* Finding and checking the app of a packaged launch: resources/app.asar
 * beside the binary or inside a bundle, the expected hash of its header
 * (Info.plist's ElectronAsarIntegrity, or the one `anode pack` wrote into
 * the binary), and its package.json "main", so a broken package stops with
 * one clear error before any JavaScript runs. */
#include <errno.h>
#include <string.h>

#include "json-tree.h"
#include "launch.h"

#define HASH_MARKER "ANODE-ASAR-INTEGRITY:v1:"
#define HASH_HEX 64

/* `anode pack` finds the marker in its copy of the binary and writes the
 * archive header's SHA-256 over the zeros. Read through volatile, so the
 * compiler cannot assume the zeros. */
__attribute__ ((used)) static volatile const char own_hash[] =
  HASH_MARKER "0000000000000000000000000000000000000000000000000000000000000000";

void
anode_launch_clear (anode_launch_t *l)
{
  g_clear_pointer (&l->app_path, g_free);
  g_clear_pointer (&l->resources_path, g_free);
  g_clear_pointer (&l->expected_header, g_free);
  g_clear_pointer (&l->expected_from, g_free);
}

void
anode_launch_expect_own_hash (anode_launch_t *l)
{
  char hex[HASH_HEX + 1];
  gboolean set = FALSE;
  for (int i = 0; i < HASH_HEX; i++) {
    hex[i] = own_hash[sizeof HASH_MARKER - 1 + i];
    if (!g_ascii_isxdigit (hex[i]))
      return;
    set |= hex[i] != '0';
  }
  hex[HASH_HEX] = '\0';
  if (!set)
    return;
  g_free (l->expected_header);
  g_free (l->expected_from);
  l->expected_header = g_ascii_strdown (hex, -1);
  l->expected_from = g_strdup ("the app's executable");
}

/* ---- Info.plist: the string at ElectronAsarIntegrity/Resources/app.asar/hash */

typedef struct {
  GPtrArray *keys;   /* the keys of the enclosing dicts */
  char *pending_key; /* the last <key> read */
  GString *text;
  char *hash;
} plist_t;

static void
plist_start (GMarkupParseContext *ctx, const char *name, const char **attr_names,
             const char **attr_values, gpointer data, GError **error)
{
  plist_t *p = data;
  g_string_truncate (p->text, 0);
  if (strcmp (name, "dict") == 0) {
    g_ptr_array_add (p->keys, p->pending_key ? p->pending_key : g_strdup (""));
    p->pending_key = NULL;
  }
}

static void
plist_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  plist_t *p = data;
  if (strcmp (name, "key") == 0) {
    g_free (p->pending_key);
    p->pending_key = g_strdup (p->text->str);
  } else if (strcmp (name, "dict") == 0 && p->keys->len > 0) {
    g_ptr_array_remove_index (p->keys, p->keys->len - 1);
  } else if (strcmp (name, "string") == 0 && p->pending_key != NULL) {
    if (p->keys->len == 4 && strcmp (g_ptr_array_index (p->keys, 2), "ElectronAsarIntegrity") == 0 &&
        strcmp (g_ptr_array_index (p->keys, 3), "Resources/app.asar") == 0 &&
        strcmp (p->pending_key, "hash") == 0) {
      g_free (p->hash);
      p->hash = g_ascii_strdown (p->text->str, -1);
    }
    g_clear_pointer (&p->pending_key, g_free);
  } else if (strcmp (name, "key") != 0) {
    g_clear_pointer (&p->pending_key, g_free);
  }
}

static void
plist_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  plist_t *p = data;
  g_string_append_len (p->text, text, (gssize) len);
}

/* The hash Info.plist records for Resources/app.asar, or NULL. */
static char *
plist_asar_hash (const char *plist_path, GError **error)
{
  g_autofree char *xml = NULL;
  gsize len = 0;
  if (!g_file_get_contents (plist_path, &xml, &len, error))
    return NULL;
  plist_t p = { .keys = g_ptr_array_new_with_free_func (g_free), .text = g_string_new (NULL) };
  /* <plist> holds the top <dict>; each dict level pushes one key. */
  g_ptr_array_add (p.keys, g_strdup ("plist"));
  static const GMarkupParser parser = { plist_start, plist_end, plist_text, NULL, NULL };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &p,
                                                         NULL);
  gboolean ok = g_markup_parse_context_parse (ctx, xml, (gssize) len, error) &&
                g_markup_parse_context_end_parse (ctx, error);
  g_markup_parse_context_free (ctx);
  g_ptr_array_unref (p.keys);
  g_string_free (p.text, TRUE);
  g_free (p.pending_key);
  if (!ok) {
    g_free (p.hash);
    return NULL;
  }
  return p.hash;
}

/* ---- Where the app is */

static void
set_app (anode_launch_t *l, const char *resources, gboolean self)
{
  l->packaged = TRUE;
  l->self = self;
  l->resources_path = g_strdup (resources);
  char *asar = g_build_filename (resources, "app.asar", NULL);
  if (!g_file_test (asar, G_FILE_TEST_EXISTS)) {
    g_free (asar);
    asar = g_build_filename (resources, "app", NULL);
  }
  l->app_path = asar;
}

static gboolean
has_app (const char *resources)
{
  g_autofree char *asar = g_build_filename (resources, "app.asar", NULL);
  g_autofree char *pkg = g_build_filename (resources, "app", "package.json", NULL);
  return g_file_test (asar, G_FILE_TEST_IS_REGULAR) || g_file_test (pkg, G_FILE_TEST_IS_REGULAR);
}

static gboolean
from_bundle (const char *contents, anode_launch_t *l, gboolean self, GError **error)
{
  g_autofree char *resources = g_build_filename (contents, "Resources", NULL);
  g_autofree char *plist = g_build_filename (contents, "Info.plist", NULL);
  set_app (l, resources, self);
  if (self)
    anode_launch_expect_own_hash (l);
  if (l->expected_header == NULL && g_file_test (plist, G_FILE_TEST_EXISTS)) {
    g_autoptr (GError) e = NULL;
    l->expected_header = plist_asar_hash (plist, &e);
    if (e != NULL) {
      g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL, "cannot read %s: %s", plist, e->message);
      return FALSE;
    }
    if (l->expected_header != NULL)
      l->expected_from = g_steal_pointer (&plist);
  }
  return TRUE;
}

gboolean
anode_launch_for_binary (anode_launch_t *l)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return FALSE;
  g_autofree char *dir = g_path_get_dirname (exe);
  g_autofree char *resources = g_build_filename (dir, "resources", NULL);
  if (has_app (resources)) {
    set_app (l, resources, TRUE);
    anode_launch_expect_own_hash (l);
    return TRUE;
  }
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *contents = g_path_get_dirname (dir);
  g_autofree char *cbase = g_path_get_basename (contents);
  g_autofree char *bundle_resources = g_build_filename (contents, "Resources", NULL);
  if (strcmp (base, "MacOS") == 0 && strcmp (cbase, "Contents") == 0 &&
      has_app (bundle_resources))
    return from_bundle (contents, l, TRUE, NULL);
  return FALSE;
}

gboolean
anode_launch_for_target (const char *target, anode_launch_t *l, GError **error)
{
  g_autofree char *abs = g_canonicalize_filename (target, NULL);
  if (g_file_test (abs, G_FILE_TEST_IS_DIR)) {
    g_autofree char *contents = g_build_filename (abs, "Contents", NULL);
    g_autofree char *plist = g_build_filename (contents, "Info.plist", NULL);
    g_autofree char *bundle_resources = g_build_filename (contents, "Resources", NULL);
    if (g_file_test (plist, G_FILE_TEST_EXISTS) || g_str_has_suffix (abs, ".app")) {
      if (!has_app (bundle_resources)) {
        g_set_error (error, ANODE_ARCHIVE_ERROR, ENOENT,
                     "%s looks like an app bundle but has no Contents/Resources/app.asar", abs);
        return FALSE;
      }
      return from_bundle (contents, l, FALSE, error);
    }
    g_autofree char *pkg = g_build_filename (abs, "package.json", NULL);
    g_autofree char *resources = g_build_filename (abs, "resources", NULL);
    if (!g_file_test (pkg, G_FILE_TEST_EXISTS) && has_app (resources)) {
      set_app (l, resources, FALSE);
      return TRUE;
    }
    return FALSE;
  }
  if (g_str_has_suffix (abs, ".asar") && g_file_test (abs, G_FILE_TEST_IS_REGULAR)) {
    l->packaged = TRUE;
    l->app_path = g_strdup (abs);
    l->resources_path = g_path_get_dirname (abs);
    return TRUE;
  }
  return FALSE;
}

/* ---- Checks before start */

static gboolean
check_main (anode_archive_t *a, const char *inner, const char *app_path, GError **error)
{
  g_autofree char *pkg_inner = g_strconcat (inner, *inner ? "/" : "", "package.json", NULL);
  g_autoptr (GError) e = NULL;
  anode_archive_node_t *pkg = anode_archive_lookup (a, pkg_inner, TRUE, &e);
  g_autoptr (GBytes) bytes = pkg ? anode_archive_read_all (a, pkg, &e) : NULL;
  if (bytes == NULL) {
    g_set_error (error, ANODE_ARCHIVE_ERROR, e->code, "%s has no usable package.json (%s)",
                 app_path, e->message);
    return FALSE;
  }
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);
  g_autoptr (anode_json_t) json = anode_json_parse (text ? text : "", len, 64, &e);
  if (json == NULL || json->type != ANODE_JSON_OBJECT) {
    g_set_error (error, ANODE_ARCHIVE_ERROR, EINVAL, "%s/package.json is not a JSON object%s%s",
                 app_path, e ? ": " : "", e ? e->message : "");
    return FALSE;
  }
  anode_json_t *main = anode_json_get (json, "main");
  const char *name = main && main->type == ANODE_JSON_STRING ? main->string : "index.js";
  static const char *const suffixes[] = { "", ".js", ".mjs", ".cjs", ".json", "/index.js" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++) {
    g_autofree char *p = g_strconcat (inner, *inner ? "/" : "", name, suffixes[i], NULL);
    anode_archive_node_t *n = anode_archive_lookup (a, p, TRUE, NULL);
    if (n == NULL || anode_archive_node_children (n) != NULL)
      continue;
    /* Read once now: with integrity checks on, a modified main script
     * stops the start here, with the archive's own words. */
    g_autoptr (GBytes) main_bytes = anode_archive_read_all (a, n, error);
    return main_bytes != NULL;
  }
  g_set_error (error, ANODE_ARCHIVE_ERROR, ENOENT,
               "%s: package.json's \"main\" (%s) is not in the archive", app_path, name);
  return FALSE;
}

gboolean
anode_launch_check (anode_runtime_t *rt, anode_launch_t *l, GError **error)
{
  g_autoptr (anode_archive_t) a = NULL;
  g_autofree char *inner = NULL;
  if (!anode_vfs_resolve (anode_vfs_get (rt), l->app_path, 0, &a, &inner, error)) {
    if (error != NULL && *error != NULL)
      return FALSE;
    return TRUE; /* a folder app: nothing to check */
  }
  anode_archive_node_t *root = anode_archive_lookup (a, inner, TRUE, error);
  if (root == NULL)
    return FALSE;
  gsize hlen = 0;
  const char *header = *inner == '\0' ? anode_archive_asar_header (a, &hlen, NULL) : NULL;
  if (l->expected_header != NULL && header != NULL) {
    g_autofree char *found = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                          (const guchar *) header, hlen);
    if (strcmp (found, l->expected_header) != 0) {
      g_set_error (error, ANODE_ARCHIVE_ERROR, EIO,
                   "%s has been modified: its header's SHA-256 is %s, but %s expects %s",
                   l->app_path, found, l->expected_from, l->expected_header);
      return FALSE;
    }
  }
  anode_archive_set_verify (a, TRUE);
  return check_main (a, inner, l->app_path, error);
}
