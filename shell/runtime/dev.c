/* `anode dev APPDIR`: runs the app and watches its folder (libuv fs events,
 * one inotify watch per directory). Bursts of events are coalesced into one
 * batch; a batch touching the main process (main script, what it required,
 * preloads, package.json) replaces the app's runtime inside this process,
 * anything else goes to the running app's dev client (internal/dev/
 * client.js), which swaps CSS in place and reloads the windows that loaded
 * a changed file. The session's own loop and watches outlive every runtime;
 * the GTK/WebKit state outlives them too (the UI module hands it over). */
#include "dev.h"

#include <errno.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "js-util.h"
#include "json-tree.h"

/* An editor's save (write, rename, chmod) lands within a few ms: a batch
 * closes after this much quiet, and never later than MAX_WAIT after its
 * first event. During an edit storm the quiet period grows. */
#define QUIET_MS 8
#define MAX_WAIT_MS 60
#define STORM_EVENTS 200 /* events within one second that make a storm */
#define STORM_BATCHES 8  /* or batches: the kernel merges a slow reader's events */
#define STORM_QUIET_MS 250
#define ROOT_POLL_MS 500

typedef struct {
  uv_fs_event_t handle;
  anode_dev_t *dev;
  char *path;
} watch_t;

typedef struct {
  GSource source;
  anode_dev_t *dev;
  gpointer tag;
} dev_source_t;

struct anode_dev {
  char *root;      /* realpath of APPDIR */
  char *root_arg;  /* as given, for messages */
  int argc;
  char **argv;
  GPtrArray *exec_argv, *args; /* borrowed from main() */

  uv_loop_t loop;
  GSource *source;
  GMainLoop *main_loop;
  GHashTable *watches; /* directory path -> watch_t */
  GPtrArray *ignores;  /* GPatternSpec, from package.json anode.devIgnore */
  char *dev_url;       /* package.json anode.devUrl */

  GHashTable *pending; /* changed path -> NULL */
  guint64 batch_start;
  uv_timer_t debounce;
  uv_timer_t root_poll;
  gboolean root_gone;
  guint64 storm_start;
  guint storm_events;
  guint storm_batches;
  gboolean storming;

  anode_runtime_t *rt;
  anode_runtime_t *limbo; /* what the UI points at between runtimes */
  JSCValue *handler;   /* the dev client's (paths, t0): owned, rt's context */
  gboolean failed;     /* the runtime hit a fatal error and is going */
  gboolean stopping;   /* SIGINT or SIGTERM */
  guint teardown_id;
  gpointer ui;
  const anode_dev_ui_class_t *ui_class;

  /* The restart whose first frame is awaited. */
  char *restart_what;
  guint64 restart_t0;
  guint restarts;
};

static void add_tree (anode_dev_t *dev, const char *dir);
static void boot (anode_dev_t *dev);

void
anode_dev_log (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *line = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "[anode dev] %s\n", line);
  fflush (stderr);
}

static double
ms_since (guint64 t0)
{
  return (double) (uv_hrtime () - t0) / 1e6;
}

/* ---- the session's own loop, a GSource like the runtime's */

static gboolean
src_prepare (GSource *source, gint *timeout)
{
  anode_dev_t *dev = ((dev_source_t *) source)->dev;
  uv_update_time (&dev->loop);
  *timeout = uv_backend_timeout (&dev->loop);
  return *timeout == 0;
}

static gboolean
src_check (GSource *source)
{
  dev_source_t *s = (dev_source_t *) source;
  if (g_source_query_unix_fd (source, s->tag) & G_IO_IN)
    return TRUE;
  uv_update_time (&s->dev->loop);
  return uv_backend_timeout (&s->dev->loop) == 0;
}

static gboolean
src_dispatch (GSource *source, GSourceFunc cb, gpointer data)
{
  uv_run (&((dev_source_t *) source)->dev->loop, UV_RUN_NOWAIT);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs src_funcs = { .prepare = src_prepare, .check = src_check,
                                  .dispatch = src_dispatch };

/* ---- package.json: anode.devUrl and anode.devIgnore */

/* FALSE with a message when package.json exists but is not a JSON object. */
static gboolean
read_config (anode_dev_t *dev, char **problem)
{
  g_autofree char *path = g_build_filename (dev->root, "package.json", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &text, &len, &error)) {
    if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
      *problem = g_strdup_printf ("cannot read package.json: %s", error->message);
      return FALSE;
    }
    return TRUE;
  }
  g_autoptr (anode_json_t) json = anode_json_parse (text, len, 64, &error);
  if (json == NULL || json->type != ANODE_JSON_OBJECT) {
    *problem = g_strdup_printf ("package.json is not a JSON object%s%s", error ? ": " : "",
                                error ? error->message : "");
    return FALSE;
  }
  g_clear_pointer (&dev->dev_url, g_free);
  g_ptr_array_set_size (dev->ignores, 0);
  anode_json_t *cfg = anode_json_get (json, "anode");
  if (cfg == NULL || cfg->type != ANODE_JSON_OBJECT)
    return TRUE;
  anode_json_t *url = anode_json_get (cfg, "devUrl");
  if (url != NULL && url->type == ANODE_JSON_STRING && *url->string)
    dev->dev_url = g_strdup (url->string);
  anode_json_t *ign = anode_json_get (cfg, "devIgnore");
  for (guint i = 0; ign != NULL && ign->type == ANODE_JSON_ARRAY && i < ign->n; i++)
    if (ign->items[i]->type == ANODE_JSON_STRING)
      g_ptr_array_add (dev->ignores, g_pattern_spec_new (ign->items[i]->string));
  return TRUE;
}

/* Dot files and folders, node_modules, editor backups (name~, vim's 4913
 * probe) and the app's own globs, matched against the path under the root
 * and against the name. */
static gboolean
ignored (anode_dev_t *dev, const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  if (base[0] == '.' || g_str_equal (base, "node_modules") || g_str_has_suffix (base, "~") ||
      g_str_equal (base, "4913"))
    return TRUE;
  gsize n = strlen (dev->root);
  const char *rel = strncmp (path, dev->root, n) == 0 && path[n] == '/' ? path + n + 1 : path;
  /* A dot folder or node_modules anywhere on the way. */
  if (strstr (rel, "/.") != NULL || g_str_has_prefix (rel, "node_modules/") ||
      strstr (rel, "/node_modules/") != NULL)
    return TRUE;
  for (guint i = 0; i < dev->ignores->len; i++) {
    GPatternSpec *p = g_ptr_array_index (dev->ignores, i);
    if (g_pattern_spec_match_string (p, rel) || g_pattern_spec_match_string (p, base))
      return TRUE;
  }
  return FALSE;
}

/* ---- watches */

static void
watch_closed_cb (uv_handle_t *h)
{
  watch_t *w = h->data;
  g_free (w->path);
  g_free (w);
}

static void
watch_free (gpointer data)
{
  watch_t *w = data;
  uv_close ((uv_handle_t *) &w->handle, watch_closed_cb);
}

/* Stops watching `dir` and every folder under it. */
static void
unwatch_tree (anode_dev_t *dev, const char *dir)
{
  g_autofree char *prefix = g_strconcat (dir, "/", NULL);
  GHashTableIter it;
  const char *path;
  g_hash_table_iter_init (&it, dev->watches);
  while (g_hash_table_iter_next (&it, (gpointer *) &path, NULL))
    if (g_str_equal (path, dir) || g_str_has_prefix (path, prefix))
      g_hash_table_iter_remove (&it);
}

static void batch_cb (uv_timer_t *t);

/* Counts events (or batches) in one-second windows: a storm lengthens
 * the quiet period until a second passes calmly. */
static void
count_storm (anode_dev_t *dev, gboolean batch)
{
  guint64 now = uv_hrtime ();
  if (now - dev->storm_start > 1000000000ull) {
    if (dev->storming && dev->storm_events < STORM_EVENTS && dev->storm_batches < 2)
      dev->storming = FALSE;
    dev->storm_start = now;
    dev->storm_events = 0;
    dev->storm_batches = 0;
  }
  if (batch)
    dev->storm_batches++;
  else
    dev->storm_events++;
  if (!dev->storming && (dev->storm_events >= STORM_EVENTS || dev->storm_batches >= STORM_BATCHES)) {
    dev->storming = TRUE;
    anode_dev_log ("edit storm: %u file events in %u batches within a second; changes are "
                   "coalesced and applied once it calms down", dev->storm_events,
                   dev->storm_batches);
  }
}

static void
schedule_batch (anode_dev_t *dev)
{
  guint64 now = uv_hrtime ();
  count_storm (dev, FALSE);
  guint64 quiet = dev->storming ? STORM_QUIET_MS : QUIET_MS;
  if (!dev->storming) {
    guint64 waited = (now - dev->batch_start) / 1000000;
    quiet = waited >= MAX_WAIT_MS ? 0 : MIN (quiet, MAX_WAIT_MS - waited);
  }
  uv_timer_start (&dev->debounce, batch_cb, quiet, 0);
}

static void
fs_event_cb (uv_fs_event_t *handle, const char *filename, int events, int status)
{
  watch_t *w = handle->data;
  anode_dev_t *dev = w->dev;
  if (status < 0)
    return;
  g_autofree char *path = filename != NULL ? g_build_filename (w->path, filename, NULL)
                                           : g_strdup (w->path);
  if (ignored (dev, path))
    return;
  /* A new folder (made, moved in) is watched with what it already holds;
   * a folder that went stops being watched. */
  struct stat st;
  gboolean exists = lstat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode)) {
    if (!g_hash_table_contains (dev->watches, path))
      add_tree (dev, path);
    return;
  }
  if (!exists && g_hash_table_contains (dev->watches, path)) {
    unwatch_tree (dev, path);
    if (!g_str_equal (path, dev->root))
      return;
  }
  if (g_hash_table_size (dev->pending) == 0)
    dev->batch_start = uv_hrtime ();
  if (g_getenv ("ANODE_DEV_TRACE"))
    anode_dev_log ("trace event %s %d +%.1f ms", filename, events, ms_since (dev->batch_start));
  g_hash_table_add (dev->pending, g_steal_pointer (&path));
  schedule_batch (dev);
}

static void
add_tree (anode_dev_t *dev, const char *dir)
{
  if (g_hash_table_contains (dev->watches, dir) ||
      (!g_str_equal (dir, dev->root) && ignored (dev, dir)))
    return;
  watch_t *w = g_new0 (watch_t, 1);
  w->dev = dev;
  w->path = g_strdup (dir);
  w->handle.data = w;
  uv_fs_event_init (&dev->loop, &w->handle);
  int err = uv_fs_event_start (&w->handle, fs_event_cb, dir, 0);
  if (err != 0) {
    if (err == UV_ENOSPC)
      anode_dev_log ("cannot watch %s: the inotify watch limit is reached "
                     "(raise fs.inotify.max_user_watches)", dir);
    else if (err != UV_ENOENT)
      anode_dev_log ("cannot watch %s: %s", dir, uv_strerror (err));
    uv_close ((uv_handle_t *) &w->handle, watch_closed_cb);
    return;
  }
  g_hash_table_insert (dev->watches, w->path, w);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL) {
    g_autofree char *child = g_build_filename (dir, name, NULL);
    struct stat st;
    /* Links are not followed: a link to a parent would never end. */
    if (lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
      add_tree (dev, child);
  }
}

/* ---- the app's runtime */

static void
describe (anode_dev_t *dev, GPtrArray *paths, GString *out)
{
  gsize n = strlen (dev->root);
  for (guint i = 0; i < paths->len && i < 3; i++) {
    const char *p = g_ptr_array_index (paths, i);
    if (i > 0)
      g_string_append (out, ", ");
    g_string_append (out, strncmp (p, dev->root, n) == 0 && p[n] == '/' ? p + n + 1 : p);
  }
  if (paths->len > 3)
    g_string_append_printf (out, " (+%u more)", paths->len - 3);
}

static void
teardown (anode_dev_t *dev)
{
  g_clear_handle_id (&dev->teardown_id, g_source_remove);
  anode_runtime_t *rt = g_steal_pointer (&dev->rt);
  g_clear_object (&dev->handler);
  dev->failed = FALSE;
  if (rt == NULL)
    return;
  if (rt->ui != NULL && dev->ui_class != NULL) {
    if (dev->limbo == NULL) {
      dev->limbo = anode_runtime_new (dev->argc, dev->argv);
      /* Its loop never runs (an idle loop's source would spin). */
      g_source_destroy (dev->limbo->uv_source);
    }
    dev->ui_class->detach (rt->ui, dev->limbo);
    rt->ui = NULL;
  }
  rt->dev = NULL;
  anode_runtime_free (rt);
}

static void
restart (anode_dev_t *dev, const char *what, guint64 t0)
{
  teardown (dev);
  if (g_getenv ("ANODE_DEV_TRACE"))
    anode_dev_log ("trace torn down +%.1f ms", ms_since (t0));
  g_free (dev->restart_what);
  dev->restart_what = g_strdup (what);
  dev->restart_t0 = t0;
  dev->restarts++;
  boot (dev);
  if (g_getenv ("ANODE_DEV_TRACE"))
    anode_dev_log ("trace booted +%.1f ms", ms_since (t0));
}

static gboolean
teardown_idle_cb (gpointer data)
{
  anode_dev_t *dev = data;
  dev->teardown_id = 0;
  teardown (dev);
  return G_SOURCE_REMOVE;
}

/* The dev client's verdict on a batch: "restart" (a main-process file),
 * or anything else when it dealt with it (or had nothing to do). */
static gboolean
client_wants_restart (anode_dev_t *dev, GPtrArray *paths, guint64 t0)
{
  if (dev->rt == NULL || dev->failed || dev->handler == NULL)
    return TRUE;
  JSCContext *ctx = dev->rt->ctx;
  g_autoptr (JSCValue) list = jsc_value_new_array (ctx, G_TYPE_NONE);
  for (guint i = 0; i < paths->len; i++) {
    g_autoptr (JSCValue) s = jsc_value_new_string (ctx, g_ptr_array_index (paths, i));
    jsc_value_object_set_property_at_index (list, i, s);
  }
  g_autoptr (JSCValue) when = jsc_value_new_number (ctx, (double) t0 / 1e6);
  JSCValue *args[] = { list, when };
  g_autoptr (JSCValue) handler = g_object_ref (dev->handler);
  g_autoptr (JSCValue) r = anode_runtime_callback (dev->rt, handler, 2, args);
  if (r == NULL || !jsc_value_is_string (r))
    return dev->failed;
  g_autofree char *verdict = jsc_value_to_string (r);
  return g_str_equal (verdict, "restart");
}

static void
root_poll_cb (uv_timer_t *t)
{
  anode_dev_t *dev = t->data;
  if (!g_file_test (dev->root, G_FILE_TEST_IS_DIR))
    return;
  uv_timer_stop (t);
  dev->root_gone = FALSE;
  anode_dev_log ("%s is back: watching it again", dev->root_arg);
  g_hash_table_remove_all (dev->watches);
  add_tree (dev, dev->root);
  g_autofree char *problem = NULL;
  if (!read_config (dev, &problem)) {
    anode_dev_log ("%s; the app restarts once it is valid", problem);
    return;
  }
  restart (dev, "the app folder", uv_hrtime ());
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
batch_cb (uv_timer_t *t)
{
  anode_dev_t *dev = t->data;
  guint64 t0 = dev->batch_start;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  char *path;
  g_hash_table_iter_init (&it, dev->pending);
  while (g_hash_table_iter_next (&it, (gpointer *) &path, NULL)) {
    g_hash_table_iter_steal (&it);
    g_ptr_array_add (paths, path);
  }
  g_ptr_array_sort (paths, cmp_str);
  count_storm (dev, TRUE);
  if (g_getenv ("ANODE_DEV_TRACE"))
    anode_dev_log ("trace batch +%.1f ms", ms_since (t0));
  if (paths->len == 0 || dev->root_gone)
    return;

  if (!g_file_test (dev->root, G_FILE_TEST_IS_DIR)) {
    dev->root_gone = TRUE;
    anode_dev_log ("%s was deleted or moved away: the app keeps running as it is; "
                   "watching for the folder to come back", dev->root_arg);
    g_hash_table_remove_all (dev->watches);
    uv_timer_start (&dev->root_poll, root_poll_cb, ROOT_POLL_MS, ROOT_POLL_MS);
    return;
  }

  gboolean want_restart = FALSE;
  g_autofree char *pkg = g_build_filename (dev->root, "package.json", NULL);
  for (guint i = 0; i < paths->len; i++) {
    if (!g_str_equal (g_ptr_array_index (paths, i), pkg))
      continue;
    g_autofree char *problem = NULL;
    if (!read_config (dev, &problem)) {
      anode_dev_log ("%s; the app keeps running as it is and restarts once it is valid",
                     problem);
      g_ptr_array_remove_index (paths, i);
      if (paths->len == 0)
        return;
    } else {
      want_restart = TRUE;
    }
    break;
  }
  if (!want_restart)
    want_restart = client_wants_restart (dev, paths, t0);
  if (!want_restart)
    return;
  g_autoptr (GString) what = g_string_new (NULL);
  describe (dev, paths, what);
  restart (dev, what->str, t0);
}

static void
boot (anode_dev_t *dev)
{
  anode_runtime_t *rt = anode_runtime_new (dev->argc, dev->argv);
  dev->rt = rt;
  rt->dev = dev;
  /* The runtime's loop source quits this loop when nothing keeps the app
   * alive any more: the session then sees the app finished. */
  g_main_loop_unref (rt->main_loop);
  rt->main_loop = g_main_loop_ref (dev->main_loop);
  if (dev->restarts == 0 && anode_ui_entry_wants_ui (rt, dev->root))
    anode_ui_prefetch (rt);
  JSCContext *ctx = rt->ctx;
  g_autoptr (JSCValue) opts = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_string (opts, "mode", "script");
  anode_set_string (opts, "script", dev->root);
  g_ptr_array_add (dev->exec_argv, NULL);
  g_ptr_array_add (dev->args, NULL);
  g_autoptr (JSCValue) ea = jsc_value_new_array_from_strv (ctx, (const char *const *) dev->exec_argv->pdata);
  g_autoptr (JSCValue) aa = jsc_value_new_array_from_strv (ctx, (const char *const *) dev->args->pdata);
  g_ptr_array_set_size (dev->exec_argv, dev->exec_argv->len - 1);
  g_ptr_array_set_size (dev->args, dev->args->len - 1);
  anode_set_value (opts, "execArgv", ea);
  anode_set_value (opts, "args", aa);
  g_autoptr (JSCValue) yes = jsc_value_new_boolean (ctx, TRUE);
  anode_set_value (opts, "dev", yes);
  if (!anode_runtime_start (rt, opts)) {
    anode_dev_log ("the runtime failed to start; fix the app and save to retry");
    dev->failed = TRUE;
  }
}

/* ---- what the UI module and internalBinding('dev') call */

anode_dev_t *
anode_dev_of (anode_runtime_t *rt)
{
  return rt != NULL ? rt->dev : NULL;
}

gpointer
anode_dev_kept_ui (anode_runtime_t *rt)
{
  return rt->dev != NULL ? rt->dev->ui : NULL;
}

void
anode_dev_keep_ui (anode_runtime_t *rt, gpointer ui, const anode_dev_ui_class_t *klass)
{
  if (rt->dev == NULL)
    return;
  rt->dev->ui = ui;
  rt->dev->ui_class = klass;
}

const char *
anode_dev_root (anode_dev_t *dev)
{
  return dev->root;
}

const char *
anode_dev_url (anode_dev_t *dev)
{
  return dev->dev_url;
}

void
anode_dev_set_handler (anode_dev_t *dev, JSCValue *fn)
{
  g_set_object (&dev->handler, fn);
}

void
anode_dev_fatal (anode_dev_t *dev, const char *json)
{
  if (dev->failed)
    return;
  dev->failed = TRUE;
  g_clear_pointer (&dev->restart_what, g_free);
  anode_dev_log ("the main process stopped on this error; fix it and save to restart");
  /* In the runtime's windows, or in the orphans of the last good run when
   * this one failed before opening any. */
  if (dev->ui != NULL && dev->ui_class != NULL)
    dev->ui_class->show_error (dev->ui, json);
  /* Not from inside the runtime's own call stack. */
  if (dev->teardown_id == 0)
    dev->teardown_id = g_idle_add_full (G_PRIORITY_HIGH, teardown_idle_cb, dev, NULL);
}

void
anode_dev_painted (anode_dev_t *dev, gboolean window)
{
  if (dev->restart_what == NULL)
    return;
  anode_dev_log ("restart %s -> main process restarted, %s %.1f ms", dev->restart_what,
                 window ? "first frame" : "no window, script ran in", ms_since (dev->restart_t0));
  g_clear_pointer (&dev->restart_what, g_free);
}

/* ---- the session */

static gboolean
stop_cb (gpointer data)
{
  anode_dev_t *dev = data;
  dev->stopping = TRUE;
  g_main_loop_quit (dev->main_loop);
  return G_SOURCE_CONTINUE;
}

static void
dev_free (anode_dev_t *dev)
{
  teardown (dev);
  if (dev->ui != NULL && dev->ui_class != NULL)
    dev->ui_class->free (dev->ui);
  g_clear_pointer (&dev->limbo, anode_runtime_free);
  g_hash_table_remove_all (dev->watches);
  uv_close ((uv_handle_t *) &dev->debounce, NULL);
  uv_close ((uv_handle_t *) &dev->root_poll, NULL);
  uv_run (&dev->loop, UV_RUN_DEFAULT);
  if (uv_loop_close (&dev->loop) != 0)
    g_warning ("anode dev: the session's loop still had handles");
  g_source_destroy (dev->source);
  g_source_unref (dev->source);
  g_main_loop_unref (dev->main_loop);
  g_hash_table_unref (dev->watches);
  g_hash_table_unref (dev->pending);
  g_ptr_array_unref (dev->ignores);
  g_free (dev->dev_url);
  g_free (dev->restart_what);
  g_free (dev->root);
  g_free (dev->root_arg);
  g_free (dev);
}

int
anode_dev_main (int argc, char **argv, const char *appdir, GPtrArray *exec_argv,
                GPtrArray *args)
{
  char *root = realpath (appdir, NULL);
  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR)) {
    fprintf (stderr, "anode dev: %s is not a folder%s%s\n", appdir, root ? "" : ": ",
             root ? "" : g_strerror (errno));
    free (root);
    return 9;
  }
  anode_dev_t *dev = g_new0 (anode_dev_t, 1);
  dev->root = g_strdup (root);
  free (root);
  dev->root_arg = g_strdup (appdir);
  dev->argc = argc;
  dev->argv = argv;
  dev->exec_argv = exec_argv;
  dev->args = args;
  dev->ignores = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  dev->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dev->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, watch_free);
  g_autofree char *problem = NULL;
  if (!read_config (dev, &problem))
    anode_dev_log ("%s", problem);

  int err = uv_loop_init (&dev->loop);
  if (err != 0)
    g_error ("uv_loop_init: %s", uv_strerror (err));
  uv_timer_init (&dev->loop, &dev->debounce);
  dev->debounce.data = dev;
  uv_timer_init (&dev->loop, &dev->root_poll);
  dev->root_poll.data = dev;
  dev->source = g_source_new (&src_funcs, sizeof (dev_source_t));
  ((dev_source_t *) dev->source)->dev = dev;
  ((dev_source_t *) dev->source)->tag = g_source_add_unix_fd (dev->source,
                                                               uv_backend_fd (&dev->loop), G_IO_IN);
  g_source_attach (dev->source, NULL);
  add_tree (dev, dev->root);
  anode_dev_log ("watching %s (%u folders); saves reload the app", dev->root,
                 g_hash_table_size (dev->watches));

  /* The session ends with the process (process.exit, app.quit) or on
   * Ctrl-C / SIGTERM; an app that finished waits for the next save. */
  dev->main_loop = g_main_loop_new (NULL, FALSE);
  guint sigint = g_unix_signal_add (SIGINT, stop_cb, dev);
  guint sigterm = g_unix_signal_add (SIGTERM, stop_cb, dev);
  boot (dev);
  for (;;) {
    if (dev->rt == NULL || anode_runtime_loop_alive (dev->rt))
      g_main_loop_run (dev->main_loop);
    if (dev->stopping)
      break;
    if (dev->rt != NULL && !anode_runtime_loop_alive (dev->rt)) {
      anode_dev_log ("the app finished (nothing keeps its main process running); "
                     "save a file to run it again");
      teardown (dev);
    }
  }
  g_source_remove (sigint);
  g_source_remove (sigterm);
  anode_dev_log ("stopped");
  /* As for a script, teardown is left to the kernel unless leak checks
   * ask for it. */
  if (g_getenv ("ANODE_FULL_TEARDOWN") == NULL)
    exit (0);
  dev_free (dev);
  return 0;
}
