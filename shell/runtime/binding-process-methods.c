/* process.* primitives: cwd, env, hrtime, memory and CPU usage, kill, exit. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anode-runtime.h"
#include "anode-config.h"
#include "js-util.h"

extern char **environ;

static JSCValue *
cwd_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  char buf[4096];
  size_t len = sizeof buf;
  int err = uv_cwd (buf, &len);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_cwd", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  return jsc_value_new_string (rt->ctx, buf);
}

static int
chdir_cb (const char *dir, anode_runtime_t *rt)
{
  return uv_chdir (dir);
}

/* umask(mask): sets and returns the old mask; mask < 0 only reads it. */
static int
umask_cb (int mask, anode_runtime_t *rt)
{
  mode_t old = umask (mask < 0 ? 0 : (mode_t) mask);
  if (mask < 0)
    umask (old);
  return (int) old;
}

/* Fills the caller's Uint32Array [sec_hi, sec_lo, nsec]: nanoseconds since
 * an arbitrary point do not fit a double. */
static void
hrtime_cb (JSCValue *array, anode_runtime_t *rt)
{
  gsize len = 0;
  uint32_t *out = jsc_value_typed_array_get_data (array, &len);
  if (out == NULL || len < 3)
    return;
  uint64_t t = uv_hrtime ();
  uint64_t sec = t / 1000000000u;
  out[0] = (uint32_t) (sec >> 32);
  out[1] = (uint32_t) sec;
  out[2] = (uint32_t) (t % 1000000000u);
}

static double
uptime_cb (anode_runtime_t *rt)
{
  return (double) (uv_hrtime () - rt->start_time_ns) / 1e9;
}

/* Fills a Float64Array [rss, heapTotal, heapUsed, external, arrayBuffers]. */
static void
memory_usage_cb (JSCValue *array, anode_runtime_t *rt)
{
  gsize len = 0;
  double *out = jsc_value_typed_array_get_data (array, &len);
  size_t rss = 0;
  if (out == NULL || len < 5)
    return;
  uv_resident_set_memory (&rss);
  double size = 0, capacity = 0, extra = 0;
  anode_jsc_heap_stats (rt->ctx, &size, &capacity, &extra);
  out[0] = (double) rss;
  out[1] = capacity;
  out[2] = size;
  out[3] = extra;
  out[4] = 0;
}

static double
rss_cb (anode_runtime_t *rt)
{
  size_t rss = 0;
  uv_resident_set_memory (&rss);
  return (double) rss;
}

/* Fills a Float64Array [user_us, system_us, maxrss_kb]. */
static void
cpu_usage_cb (JSCValue *array, anode_runtime_t *rt)
{
  gsize len = 0;
  double *out = jsc_value_typed_array_get_data (array, &len);
  uv_rusage_t ru;
  if (out == NULL || len < 3 || uv_getrusage (&ru) < 0)
    return;
  out[0] = ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec;
  out[1] = ru.ru_stime.tv_sec * 1e6 + ru.ru_stime.tv_usec;
  out[2] = (double) ru.ru_maxrss;
}

static int
kill_cb (int pid, int sig, anode_runtime_t *rt)
{
  return uv_kill (pid, sig);
}

static void
really_exit_cb (int code, anode_runtime_t *rt)
{
  if (rt->worker != NULL) {
    anode_worker_exit (rt, code);
    return;
  }
  anode_workers_stop (rt);
  exit (code);
}

static JSCValue *
get_env_cb (const char *key, anode_runtime_t *rt)
{
  const char *v = key ? g_getenv (key) : NULL;
  return v ? jsc_value_new_string (rt->ctx, v) : jsc_value_new_undefined (rt->ctx);
}

static gboolean
set_env_cb (const char *key, const char *value, anode_runtime_t *rt)
{
  if (key == NULL || *key == '\0' || strchr (key, '=') != NULL)
    return FALSE;
  return g_setenv (key, value ? value : "", TRUE);
}

static void
unset_env_cb (const char *key, anode_runtime_t *rt)
{
  if (key != NULL)
    g_unsetenv (key);
}

static JSCValue *
env_keys_cb (anode_runtime_t *rt)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  for (char **e = environ; e && *e; e++) {
    const char *eq = strchr (*e, '=');
    g_ptr_array_add (keys, eq ? g_strndup (*e, eq - *e) : g_strdup (*e));
  }
  g_ptr_array_add (keys, NULL);
  return jsc_value_new_array_from_strv (rt->ctx, (const char *const *) keys->pdata);
}

static JSCValue *
argv_cb (anode_runtime_t *rt)
{
  g_autoptr (GPtrArray) a = g_ptr_array_new ();
  for (int i = 0; i < rt->argc; i++)
    g_ptr_array_add (a, rt->argv[i]);
  g_ptr_array_add (a, NULL);
  return jsc_value_new_array_from_strv (rt->ctx, (const char *const *) a->pdata);
}

static char *
exec_path_cb (anode_runtime_t *rt)
{
  char buf[4096];
  size_t len = sizeof buf;
  if (uv_exepath (buf, &len) < 0)
    return g_strdup (rt->argv[0]);
  return g_strndup (buf, len);
}

static double
getuid_cb (anode_runtime_t *rt)
{
  return getuid ();
}

static double
geteuid_cb (anode_runtime_t *rt)
{
  return geteuid ();
}

static double
getgid_cb (anode_runtime_t *rt)
{
  return getgid ();
}

static double
getegid_cb (anode_runtime_t *rt)
{
  return getegid ();
}

static JSCValue *
getgroups_cb (anode_runtime_t *rt)
{
  int n = getgroups (0, NULL);
  g_autofree gid_t *groups = g_new0 (gid_t, MAX (n, 1));
  n = getgroups (n, groups);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n; i++)
    g_ptr_array_add (items, jsc_value_new_number (rt->ctx, groups[i]));
  return jsc_value_new_array_from_garray (rt->ctx, items);
}

JSCValue *
anode_binding_process_methods_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "cwd", G_CALLBACK (cwd_cb), rt, JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "chdir", G_CALLBACK (chdir_cb), rt, G_TYPE_INT, 1, G_TYPE_STRING);
  anode_set_method (b, "umask", G_CALLBACK (umask_cb), rt, G_TYPE_INT, 1, G_TYPE_INT);
  anode_set_method (b, "hrtime", G_CALLBACK (hrtime_cb), rt, G_TYPE_NONE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "uptime", G_CALLBACK (uptime_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "memoryUsage", G_CALLBACK (memory_usage_cb), rt, G_TYPE_NONE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "rss", G_CALLBACK (rss_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "cpuUsage", G_CALLBACK (cpu_usage_cb), rt, G_TYPE_NONE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "kill", G_CALLBACK (kill_cb), rt, G_TYPE_INT, 2, G_TYPE_INT, G_TYPE_INT);
  anode_set_method (b, "reallyExit", G_CALLBACK (really_exit_cb), rt, G_TYPE_NONE, 1, G_TYPE_INT);
  anode_set_method (b, "getEnv", G_CALLBACK (get_env_cb), rt, JSC_TYPE_VALUE, 1, G_TYPE_STRING);
  anode_set_method (b, "setEnv", G_CALLBACK (set_env_cb), rt, G_TYPE_BOOLEAN, 2, G_TYPE_STRING, G_TYPE_STRING);
  anode_set_method (b, "unsetEnv", G_CALLBACK (unset_env_cb), rt, G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_set_method (b, "envKeys", G_CALLBACK (env_keys_cb), rt, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "argv", G_CALLBACK (argv_cb), rt, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "execPath", G_CALLBACK (exec_path_cb), rt, G_TYPE_STRING, 0);
  anode_set_method (b, "getuid", G_CALLBACK (getuid_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "geteuid", G_CALLBACK (geteuid_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "getgid", G_CALLBACK (getgid_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "getegid", G_CALLBACK (getegid_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "getgroups", G_CALLBACK (getgroups_cb), rt, JSC_TYPE_VALUE, 0);
  anode_set_int (b, "pid", uv_os_getpid ());
  anode_set_int (b, "ppid", uv_os_getppid ());
  anode_set_string (b, "versionAnode", ANODE_VERSION);
  anode_set_string (b, "versionNode", ANODE_NODE_COMPAT_VERSION);
  anode_set_string (b, "versionJsc", ANODE_JSC_VERSION);
  anode_set_string (b, "versionUv", uv_version_string ());
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);
  anode_set_string (b, "versionGlib", glib);

  uv_utsname_t uts;
  if (uv_os_uname (&uts) == 0) {
    anode_set_string (b, "machine", uts.machine);
    anode_set_string (b, "sysname", uts.sysname);
  }
  return b;
}
