/* internalBinding('ui'): loads the GTK/WebKit layer (libanode-ui.so) on first
 * use and returns its binding. Linking WebKit costs ~95 ms before main(), so
 * the core never links it; a headless script never loads it. */
#include <gio/gio.h>
#include <gmodule.h>
#include <string.h>

#include "anode-runtime.h"
#include "archive.h"
#include "js-util.h"

#define UI_MODULE_NAME "libanode-ui.so"

typedef JSCValue *(*ui_init_fn) (anode_runtime_t *rt, GError **error);

/* The module in `support_dir` (an AppImage's cache) when given, else
 * beside the binary (build tree, packed folder, .app bundle), else in
 * ../lib/anode/ (installed). Caller frees. */
static char *
find_module (const char *support_dir)
{
  if (support_dir != NULL) {
    char *path = g_build_filename (support_dir, UI_MODULE_NAME, NULL);
    if (g_file_test (path, G_FILE_TEST_EXISTS))
      return path;
    g_free (path);
  }
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return NULL;
  g_autofree char *dir = g_path_get_dirname (exe);
  char *path = g_build_filename (dir, UI_MODULE_NAME, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  path = g_build_filename (dir, "..", "lib", "anode", UI_MODULE_NAME, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return NULL;
}

/* Opens the module; a second open only bumps the refcount. The module stays
 * loaded for the process's life (GTK cannot be unloaded). */
static GModule *
open_module (const char *support_dir, GError **error)
{
  g_autofree char *path = find_module (support_dir);
  if (path == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "cannot find %s beside the anode binary", UI_MODULE_NAME);
    return NULL;
  }
  GModule *module = g_module_open (path, 0);
  if (module == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot load %s: %s",
                 path, g_module_error ());
    return NULL;
  }
  g_module_make_resident (module);
  return module;
}

static gpointer
prefetch_thread (gpointer data)
{
  g_autofree char *support_dir = data;
  GModule *module = open_module (support_dir, NULL);
  if (module != NULL) {
    /* Warm what the first window needs most (fonts, GTK types) off the main
     * thread; the module exports this for exactly that. */
    void (*warm) (void) = NULL;
    if (g_module_symbol (module, "anode_ui_module_prefetch", (gpointer *) &warm))
      warm ();
  }
  return NULL;
}

void
anode_ui_prefetch (anode_runtime_t *rt)
{
  if (rt->ui_prefetch == NULL && rt->ui == NULL)
    rt->ui_prefetch = g_thread_new ("anode-ui-prefetch", prefetch_thread,
                                    g_strdup (rt->support_dir));
}

/* The text of the file `anode ENTRY` will run: ENTRY itself, or for an app
 * folder (or archive) its package.json "main" (default index.js), read
 * through the runtime's archive table. */
static gboolean
entry_source (anode_vfs_t *vfs, const char *entry, char **source, gsize *len)
{
  g_autofree char *pkg_path = g_build_filename (entry, "package.json", NULL);
  g_autofree char *pkg = NULL;
  g_autofree char *main = NULL;
  if (!anode_vfs_get_contents (vfs, pkg_path, &pkg, NULL, NULL)) {
    g_autofree char *index = g_build_filename (entry, "index.js", NULL);
    return anode_vfs_get_contents (vfs, entry, source, len, NULL) ||
           anode_vfs_get_contents (vfs, index, source, len, NULL);
  }
  g_autoptr (GRegex) re = g_regex_new ("\"main\"\\s*:\\s*\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  if (g_regex_match (re, pkg, 0, &m))
    main = g_match_info_fetch (m, 1);
  g_autofree char *file = g_build_filename (entry, main ? main : "index.js", NULL);
  g_autofree char *with_ext = g_strconcat (file, ".js", NULL);
  return anode_vfs_get_contents (vfs, file, source, len, NULL) ||
         anode_vfs_get_contents (vfs, with_ext, source, len, NULL);
}

gboolean
anode_ui_entry_wants_ui (anode_runtime_t *rt, const char *entry)
{
  g_autofree char *source = NULL;
  gsize len = 0;
  if (entry == NULL || !entry_source (anode_vfs_get (rt), entry, &source, &len))
    return FALSE;
  g_autoptr (GRegex) re = g_regex_new (
    "(?:require\\s*\\(|from\\s*|import\\s*\\()\\s*['\"](?:electron|anode)(?:/main)?['\"]",
    G_REGEX_RAW, 0, NULL);
  return g_regex_match_full (re, source, (gssize) MIN (len, 1 << 20), 0, 0, NULL, NULL);
}

JSCValue *
anode_binding_ui_init (anode_runtime_t *rt)
{
  g_autoptr (GError) error = NULL;
  ui_init_fn init = NULL;

  gboolean trace = g_getenv ("ANODE_TRACE_STARTUP") != NULL;
  if (trace)
    g_printerr ("anode-trace %8.1f ms  ui module wanted%s\n",
                (double) (uv_hrtime () - rt->start_time_ns) / 1e6,
                rt->ui_prefetch ? " (prefetching)" : "");
  if (rt->ui_prefetch != NULL)
    g_thread_join (g_steal_pointer (&rt->ui_prefetch));
  GModule *module = open_module (rt->support_dir, &error);
  if (module != NULL &&
      !g_module_symbol (module, "anode_ui_module_init", (gpointer *) &init))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s",
                 g_module_name (module), g_module_error ());
  JSCValue *binding = init != NULL ? init (rt, &error) : NULL;
  if (binding != NULL)
    return binding;
  /* JS turns this into an Error at the call that needed the UI. */
  binding = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_string (binding, "loadError", error->message);
  return binding;
}
