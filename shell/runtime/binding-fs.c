/* The synchronous file primitives the module loader, the test runner and
 * stdio need. The full fs module builds on its own binding later. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "anode-runtime.h"
#include "js-util.h"

/* Reads all of `fd` into `out`; returns 0 or a negative uv error. */
static int
read_all (uv_file fd, GString *out)
{
  char buf[65536];
  for (;;) {
    uv_fs_t req;
    uv_buf_t b = uv_buf_init (buf, sizeof buf);
    int n = uv_fs_read (NULL, &req, fd, &b, 1, -1, NULL);
    uv_fs_req_cleanup (&req);
    if (n == UV_EAGAIN) {
      struct pollfd p = { .fd = fd, .events = POLLIN };
      poll (&p, 1, -1);
      continue;
    }
    if (n < 0)
      return n;
    if (n == 0)
      return 0;
    g_string_append_len (out, buf, n);
  }
}

static JSCValue *
read_file_utf8_cb (const char *path, JSCValue *errctx, anode_runtime_t *rt)
{
  uv_fs_t req;
  int fd = uv_fs_open (NULL, &req, path, O_RDONLY | O_CLOEXEC, 0, NULL);
  uv_fs_req_cleanup (&req);
  if (fd < 0) {
    anode_set_uv_error (errctx, fd, "open", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  g_autoptr (GString) s = g_string_new (NULL);
  int err = read_all (fd, s);
  uv_fs_close (NULL, &req, fd, NULL);
  uv_fs_req_cleanup (&req);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "read", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  return anode_string_new_utf8 (rt->ctx, s->str, s->len);
}

static JSCValue *
read_fd_utf8_cb (int fd, JSCValue *errctx, anode_runtime_t *rt)
{
  g_autoptr (GString) s = g_string_new (NULL);
  int err = read_all (fd, s);
  if (err < 0) {
    anode_set_uv_error (errctx, err, "read", NULL);
    return jsc_value_new_undefined (rt->ctx);
  }
  return anode_string_new_utf8 (rt->ctx, s->str, s->len);
}

/* 0: file, 1: directory, negative uv error otherwise (Node's contract). */
static int
internal_module_stat_cb (const char *path, anode_runtime_t *rt)
{
  uv_fs_t req;
  int err = uv_fs_stat (NULL, &req, path, NULL);
  int r = err < 0 ? err : S_ISDIR (req.statbuf.st_mode) ? 1 : 0;
  uv_fs_req_cleanup (&req);
  return r;
}

static JSCValue *
realpath_cb (const char *path, JSCValue *errctx, anode_runtime_t *rt)
{
  uv_fs_t req;
  int err = uv_fs_realpath (NULL, &req, path, NULL);
  JSCValue *r;
  if (err < 0) {
    anode_set_uv_error (errctx, err, "realpath", path);
    r = jsc_value_new_undefined (rt->ctx);
  } else {
    r = jsc_value_new_string (rt->ctx, req.ptr);
  }
  uv_fs_req_cleanup (&req);
  return r;
}

static JSCValue *
readdir_cb (const char *path, JSCValue *errctx, anode_runtime_t *rt)
{
  uv_fs_t req;
  uv_dirent_t ent;
  int err = uv_fs_scandir (NULL, &req, path, 0, NULL);
  if (err < 0) {
    uv_fs_req_cleanup (&req);
    anode_set_uv_error (errctx, err, "scandir", path);
    return jsc_value_new_undefined (rt->ctx);
  }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  while (uv_fs_scandir_next (&req, &ent) != UV_EOF)
    g_ptr_array_add (names, g_strdup (ent.name));
  uv_fs_req_cleanup (&req);
  g_ptr_array_add (names, NULL);
  return jsc_value_new_array_from_strv (rt->ctx, (const char *const *) names->pdata);
}

/* Writes all of `data`, waiting out EAGAIN on non-blocking fds, as Node's
 * synchronous stdout/stderr do on Linux. Returns bytes written or a negative
 * uv error. */
static int
write_all (int fd, const char *data, gsize len)
{
  gsize done = 0;
  while (done < len) {
    ssize_t n = write (fd, data + done, len - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN) {
        struct pollfd p = { .fd = fd, .events = POLLOUT };
        poll (&p, 1, -1);
        continue;
      }
      return -errno;
    }
    done += n;
  }
  return (int) MIN (done, G_MAXINT);
}

/* The string's UTF-8 bytes, NULs included (a char* argument would stop at
 * the first one). */
static int
write_string_cb (int fd, JSCValue *str, anode_runtime_t *rt)
{
  gsize len = 0;
  if (!jsc_value_is_string (str))
    return UV_EINVAL;
  g_autoptr (GBytes) bytes = jsc_value_to_string_as_bytes (str);
  const char *data = g_bytes_get_data (bytes, &len);
  return len ? write_all (fd, data, len) : 0;
}

JSCValue *
anode_binding_fs_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "readFileUtf8", G_CALLBACK (read_file_utf8_cb), rt,
                    JSC_TYPE_VALUE, 2, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "readFdUtf8", G_CALLBACK (read_fd_utf8_cb), rt,
                    JSC_TYPE_VALUE, 2, G_TYPE_INT, JSC_TYPE_VALUE);
  anode_set_method (b, "internalModuleStat", G_CALLBACK (internal_module_stat_cb),
                    rt, G_TYPE_INT, 1, G_TYPE_STRING);
  anode_set_method (b, "realpath", G_CALLBACK (realpath_cb), rt, JSC_TYPE_VALUE,
                    2, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "readdir", G_CALLBACK (readdir_cb), rt, JSC_TYPE_VALUE, 2,
                    G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "writeString", G_CALLBACK (write_string_cb), rt, G_TYPE_INT,
                    2, G_TYPE_INT, JSC_TYPE_VALUE);
  return b;
}
