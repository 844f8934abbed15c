/* The os module's facts about the machine and the user, from libuv: host
 * name, uname, memory, CPUs, network interfaces, passwd entry, priorities,
 * and the errno/dlopen constants. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "anode-runtime.h"
#include "js-util.h"

static JSCValue *
get_hostname_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  char buf[UV_MAXHOSTNAMESIZE];
  size_t size = sizeof buf;
  int err = uv_os_gethostname (buf, &size);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_os_gethostname", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  return anode_string_new_utf8 (rt->ctx, buf, size);
}

static JSCValue *
get_home_directory_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  char buf[4096];
  size_t size = sizeof buf;
  int err = uv_os_homedir (buf, &size);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_os_homedir", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  return anode_string_new_utf8 (rt->ctx, buf, size);
}

/* [sysname, version, release, machine], or undefined with errctx filled. */
static JSCValue *
get_os_information_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  uv_utsname_t info;
  int err = uv_os_uname (&info);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_os_uname", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  g_autoptr (JSCValue) sysname = jsc_value_new_string (rt->ctx, info.sysname);
  g_autoptr (JSCValue) version = jsc_value_new_string (rt->ctx, info.version);
  g_autoptr (JSCValue) release = jsc_value_new_string (rt->ctx, info.release);
  g_autoptr (JSCValue) machine = jsc_value_new_string (rt->ctx, info.machine);
  return jsc_value_new_array (rt->ctx, JSC_TYPE_VALUE, sysname, JSC_TYPE_VALUE, version,
                              JSC_TYPE_VALUE, release, JSC_TYPE_VALUE, machine, G_TYPE_NONE);
}

static double
get_uptime_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  double uptime = 0;
  int err = uv_uptime (&uptime);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_uptime", NULL);
    return -1;
  }
  return uptime;
}

static double
get_total_memory_cb (anode_runtime_t *rt)
{
  return (double) uv_get_total_memory ();
}

/* Node 20 reports available memory (MemAvailable on Linux), which libuv
 * before 1.45 does not offer: read it, falling back to free memory. */
static double
get_free_memory_cb (anode_runtime_t *rt)
{
  FILE *f = fopen ("/proc/meminfo", "re");
  if (f != NULL) {
    char line[256];
    unsigned long long kb = 0;
    gboolean found = FALSE;
    while (!found && fgets (line, sizeof line, f) != NULL)
      found = sscanf (line, "MemAvailable: %llu kB", &kb) == 1;
    fclose (f);
    if (found)
      return (double) kb * 1024;
  }
  return (double) uv_get_free_memory ();
}

static int
available_parallelism_cb (anode_runtime_t *rt)
{
  return (int) uv_available_parallelism ();
}

static void
get_load_avg_cb (JSCValue *out, anode_runtime_t *rt)
{
  double avg[3];
  uv_loadavg (avg);
  for (guint i = 0; i < 3; i++) {
    g_autoptr (JSCValue) v = jsc_value_new_number (rt->ctx, avg[i]);
    jsc_value_object_set_property_at_index (out, i, v);
  }
}

/* Flat [model, speed, user, nice, sys, idle, irq, model, ...]: one crossing
 * for every CPU. */
static JSCValue *
get_cpus_cb (anode_runtime_t *rt)
{
  uv_cpu_info_t *cpus = NULL;
  int count = 0;
  JSCValue *out = jsc_value_new_array (rt->ctx, G_TYPE_NONE);
  if (uv_cpu_info (&cpus, &count) < 0)
    return out;
  guint k = 0;
  for (int i = 0; i < count; i++) {
    const uv_cpu_info_t *c = &cpus[i];
    const double fields[] = { c->speed, c->cpu_times.user, c->cpu_times.nice, c->cpu_times.sys,
                              c->cpu_times.idle, c->cpu_times.irq };
    g_autoptr (JSCValue) model = jsc_value_new_string (rt->ctx, c->model);
    jsc_value_object_set_property_at_index (out, k++, model);
    for (guint f = 0; f < G_N_ELEMENTS (fields); f++) {
      g_autoptr (JSCValue) v = jsc_value_new_number (rt->ctx, fields[f]);
      jsc_value_object_set_property_at_index (out, k++, v);
    }
  }
  uv_free_cpu_info (cpus, count);
  return out;
}

/* Flat [name, address, netmask, family, mac, internal, scopeid, name, ...]
 * (scopeid -1 for IPv4), or undefined with errctx filled. */
static JSCValue *
get_interface_addresses_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  uv_interface_address_t *addrs = NULL;
  int count = 0;
  int err = uv_interface_addresses (&addrs, &count);
  if (err == UV_ENOSYS)
    return jsc_value_new_array (rt->ctx, G_TYPE_NONE);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_interface_addresses", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  JSCValue *out = jsc_value_new_array (rt->ctx, G_TYPE_NONE);
  guint k = 0;
  for (int i = 0; i < count; i++) {
    const uv_interface_address_t *a = &addrs[i];
    char ip[INET6_ADDRSTRLEN] = "";
    char mask[INET6_ADDRSTRLEN] = "";
    char mac[18];
    gboolean v4 = a->address.address4.sin_family == AF_INET;
    if (v4) {
      uv_ip4_name (&a->address.address4, ip, sizeof ip);
      uv_ip4_name (&a->netmask.netmask4, mask, sizeof mask);
    } else if (a->address.address4.sin_family == AF_INET6) {
      uv_ip6_name (&a->address.address6, ip, sizeof ip);
      uv_ip6_name (&a->netmask.netmask6, mask, sizeof mask);
    } else {
      continue;
    }
    const unsigned char *p = (const unsigned char *) a->phys_addr;
    g_snprintf (mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4], p[5]);
    JSCValue *row[] = {
      jsc_value_new_string (rt->ctx, a->name),
      jsc_value_new_string (rt->ctx, ip),
      jsc_value_new_string (rt->ctx, mask),
      jsc_value_new_string (rt->ctx, v4 ? "IPv4" : "IPv6"),
      jsc_value_new_string (rt->ctx, mac),
      jsc_value_new_boolean (rt->ctx, a->is_internal),
      jsc_value_new_number (rt->ctx, v4 ? -1 : (double) a->address.address6.sin6_scope_id),
    };
    for (guint f = 0; f < G_N_ELEMENTS (row); f++) {
      jsc_value_object_set_property_at_index (out, k++, row[f]);
      g_object_unref (row[f]);
    }
  }
  uv_free_interface_addresses (addrs, count);
  return out;
}

/* The current user's passwd entry as {uid, gid, username, homedir, shell};
 * shell is null where the system has none. */
static JSCValue *
get_user_info_cb (JSCValue *errctx, anode_runtime_t *rt)
{
  uv_passwd_t pwd;
  int err = uv_os_get_passwd (&pwd);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_os_get_passwd", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  JSCValue *out = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_int (out, "uid", (gint64) pwd.uid);
  anode_set_int (out, "gid", (gint64) pwd.gid);
  g_autoptr (JSCValue) username = anode_string_new_utf8 (rt->ctx, pwd.username, strlen (pwd.username));
  g_autoptr (JSCValue) homedir = anode_string_new_utf8 (rt->ctx, pwd.homedir, strlen (pwd.homedir));
  g_autoptr (JSCValue) shell = pwd.shell != NULL
                                 ? anode_string_new_utf8 (rt->ctx, pwd.shell, strlen (pwd.shell))
                                 : jsc_value_new_null (rt->ctx);
  anode_set_value (out, "username", username);
  anode_set_value (out, "homedir", homedir);
  anode_set_value (out, "shell", shell);
  uv_os_free_passwd (&pwd);
  return out;
}

static int
set_priority_cb (int pid, int priority, JSCValue *errctx, anode_runtime_t *rt)
{
  int err = uv_os_setpriority (pid, priority);
  if (err < 0)
    anode_set_uv_error (errctx, err, "uv_os_setpriority", NULL);
  return err;
}

/* The priority, or a value below -20 after filling errctx. */
static int
get_priority_cb (int pid, JSCValue *errctx, anode_runtime_t *rt)
{
  int priority = 0;
  int err = uv_os_getpriority (pid, &priority);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "uv_os_getpriority", NULL);
    return G_MININT;
  }
  return priority;
}

static JSCValue *
errno_constants (anode_runtime_t *rt)
{
  JSCValue *o = jsc_value_new_object (rt->ctx, NULL, NULL);
#define E(name) anode_set_int (o, #name, name);
  E (E2BIG) E (EACCES) E (EADDRINUSE) E (EADDRNOTAVAIL) E (EAFNOSUPPORT) E (EAGAIN)
  E (EALREADY) E (EBADF) E (EBADMSG) E (EBUSY) E (ECANCELED) E (ECHILD) E (ECONNABORTED)
  E (ECONNREFUSED) E (ECONNRESET) E (EDEADLK) E (EDESTADDRREQ) E (EDOM) E (EDQUOT) E (EEXIST)
  E (EFAULT) E (EFBIG) E (EHOSTUNREACH) E (EIDRM) E (EILSEQ) E (EINPROGRESS) E (EINTR)
  E (EINVAL) E (EIO) E (EISCONN) E (EISDIR) E (ELOOP) E (EMFILE) E (EMLINK) E (EMSGSIZE)
  E (EMULTIHOP) E (ENAMETOOLONG) E (ENETDOWN) E (ENETRESET) E (ENETUNREACH) E (ENFILE)
  E (ENOBUFS) E (ENODATA) E (ENODEV) E (ENOENT) E (ENOEXEC) E (ENOLCK) E (ENOLINK) E (ENOMEM)
  E (ENOMSG) E (ENOPROTOOPT) E (ENOSPC) E (ENOSR) E (ENOSTR) E (ENOSYS) E (ENOTCONN)
  E (ENOTDIR) E (ENOTEMPTY) E (ENOTSOCK) E (ENOTSUP) E (ENOTTY) E (ENXIO) E (EOPNOTSUPP)
  E (EOVERFLOW) E (EPERM) E (EPIPE) E (EPROTO) E (EPROTONOSUPPORT) E (EPROTOTYPE) E (ERANGE)
  E (EROFS) E (ESPIPE) E (ESRCH) E (ESTALE) E (ETIME) E (ETIMEDOUT) E (ETXTBSY)
  E (EWOULDBLOCK) E (EXDEV)
#undef E
  return o;
}

static JSCValue *
dlopen_constants (anode_runtime_t *rt)
{
  JSCValue *o = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_int (o, "RTLD_LAZY", RTLD_LAZY);
  anode_set_int (o, "RTLD_NOW", RTLD_NOW);
  anode_set_int (o, "RTLD_GLOBAL", RTLD_GLOBAL);
  anode_set_int (o, "RTLD_LOCAL", RTLD_LOCAL);
#ifdef RTLD_DEEPBIND
  anode_set_int (o, "RTLD_DEEPBIND", RTLD_DEEPBIND);
#endif
  return o;
}

JSCValue *
anode_binding_os_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "getHostname", G_CALLBACK (get_hostname_cb), rt, JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "getHomeDirectory", G_CALLBACK (get_home_directory_cb), rt, JSC_TYPE_VALUE, 1,
                    JSC_TYPE_VALUE);
  anode_set_method (b, "getOSInformation", G_CALLBACK (get_os_information_cb), rt, JSC_TYPE_VALUE, 1,
                    JSC_TYPE_VALUE);
  anode_set_method (b, "getUptime", G_CALLBACK (get_uptime_cb), rt, G_TYPE_DOUBLE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "getTotalMem", G_CALLBACK (get_total_memory_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "getFreeMem", G_CALLBACK (get_free_memory_cb), rt, G_TYPE_DOUBLE, 0);
  anode_set_method (b, "getAvailableParallelism", G_CALLBACK (available_parallelism_cb), rt, G_TYPE_INT, 0);
  anode_set_method (b, "getLoadAvg", G_CALLBACK (get_load_avg_cb), rt, G_TYPE_NONE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "getCPUs", G_CALLBACK (get_cpus_cb), rt, JSC_TYPE_VALUE, 0);
  anode_set_method (b, "getInterfaceAddresses", G_CALLBACK (get_interface_addresses_cb), rt,
                    JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "getUserInfo", G_CALLBACK (get_user_info_cb), rt, JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "setPriority", G_CALLBACK (set_priority_cb), rt, G_TYPE_INT, 3, G_TYPE_INT,
                    G_TYPE_INT, JSC_TYPE_VALUE);
  anode_set_method (b, "getPriority", G_CALLBACK (get_priority_cb), rt, G_TYPE_INT, 2, G_TYPE_INT,
                    JSC_TYPE_VALUE);
  g_autoptr (JSCValue) errnos = errno_constants (rt);
  g_autoptr (JSCValue) dl = dlopen_constants (rt);
  anode_set_value (b, "errno", errnos);
  anode_set_value (b, "dlopen", dl);
  return b;
}
