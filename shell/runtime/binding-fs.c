/* The file-system binding: the uv_fs_* calls behind fs and fs/promises
 * (synchronous, or on the threadpool), directory handles, watchers, and the
 * helpers the module loader, the test runner and stdio use. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
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

/* How many UTF-16 units `n` bytes of valid UTF-8 decode to. */
static gsize
utf16_length (const guint8 *s, gsize n)
{
  gsize continuation = 0, four = 0;
  for (gsize i = 0; i < n; i++) {
    continuation += (s[i] & 0xc0) == 0x80;
    four += s[i] >= 0xf0;
  }
  return n - continuation + four;
}

/* The UTF-8 bytes of JS string `str`, NULs included, with each lone
 * surrogate as U+FFFD (EF BF BD), as Node encodes. JSC's conversion stops
 * at a lone surrogate, so a result shorter than the string (in UTF-16
 * units) is redone from str.toWellFormed(). Caller owns. */
static GBytes *
string_utf8_bytes (JSCValue *str)
{
  GBytes *bytes = jsc_value_to_string_as_bytes (str);
  gsize n = 0;
  const guint8 *data = g_bytes_get_data (bytes, &n);
  g_autoptr (JSCValue) lenv = jsc_value_object_get_property (str, "length");
  double length = jsc_value_to_double (lenv);
  if (n >= length * 3 || (double) utf16_length (data, n) == length)
    return bytes;
  g_autoptr (JSCValue) wf = jsc_value_object_invoke_method (str, "toWellFormed", G_TYPE_NONE);
  g_bytes_unref (bytes);
  return jsc_value_to_string_as_bytes (wf);
}

static int
write_string_cb (int fd, JSCValue *str, anode_runtime_t *rt)
{
  gsize len = 0;
  if (!jsc_value_is_string (str))
    return UV_EINVAL;
  g_autoptr (GBytes) bytes = string_utf8_bytes (str);
  const char *data = g_bytes_get_data (bytes, &len);
  return len ? write_all (fd, data, len) : 0;
}

/* writeBytes(fd, uint8array): all of the bytes, synchronously, waiting out
 * EAGAIN (stdio's byte-exact write). Returns the count or a negative uv
 * error. */
static int
write_bytes_cb (int fd, JSCValue *buf, anode_runtime_t *rt)
{
  if (!jsc_value_is_typed_array (buf))
    return UV_EINVAL;
  gsize len = 0;
  const char *data = jsc_value_typed_array_get_data (buf, &len);
  len = jsc_value_typed_array_get_size (buf);
  return len ? write_all (fd, data, len) : 0;
}

/* ---------------------------------------------------------------------------
 * The fs module's primitives. One function per uv_fs_* call; the last
 * argument `req` decides the mode: an errctx object runs the call
 * synchronously and returns its result (or fills errctx), a function runs it
 * on the threadpool and is later called as req(err | null, result). An async
 * call that libuv refuses to start returns the negative error instead. */

enum {
  R_UNDEF,
  R_INT,     /* uv.result as a number (fd, byte count) */
  R_STAT,    /* uv.statbuf as a Float64Array (STAT_FIELDS) */
  R_PTR,     /* uv.ptr as a string (readlink, realpath) */
  R_PATH,    /* uv.path as a string (mkdtemp) */
  R_SCANDIR, /* [names, types] */
  R_OPENDIR, /* a DirHandle */
  R_READDIR, /* [names, types] from a DirHandle read, null at the end */
  R_CLOSEDIR,
  R_STATFS,  /* uv.ptr's uv_statfs_t as a Float64Array (STATFS_FIELDS) */
};

/* dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, then
 * seconds and nanoseconds of atime, mtime, ctime, birthtime. */
#define STAT_FIELDS 18
#define DIR_BATCH 32
/* type, bsize, blocks, bfree, bavail, files, ffree */
#define STATFS_FIELDS 7

typedef struct {
  anode_runtime_t *rt;
  uv_dir_t *dir;
  uv_dirent_t ents[DIR_BATCH];
} dir_handle_t;

typedef struct {
  uv_fs_t uv;
  anode_runtime_t *rt;
  JSCValue *cb;   /* async only, owned */
  JSCValue *keep; /* a buffer or handle the call uses, owned while async */
  GBytes *bytes;  /* string bytes being written, owned */
  uv_buf_t *bufs; /* writev/readv buffers, owned */
  dir_handle_t *dh;
  char *path;
  char *dest;
  const char *syscall;
  int kind;
  int fd;      /* writeUtf8: where the rest goes */
  int64_t pos; /* writeUtf8: the starting position, -1 for current */
  gsize done;  /* writeUtf8: bytes written so far */
} fs_req_t;

static void after_cb (uv_fs_t *uv);
static gboolean write_utf8_continue (void *req);

static fs_req_t *
req_new (anode_runtime_t *rt, JSCValue *req, int kind, const char *syscall,
         const char *path, const char *dest)
{
  fs_req_t *r = g_new0 (fs_req_t, 1);
  r->rt = rt;
  r->kind = kind;
  r->syscall = syscall;
  r->path = g_strdup (path);
  r->dest = g_strdup (dest);
  if (req != NULL && jsc_value_is_function (req))
    r->cb = g_object_ref (req);
  r->uv.data = r;
  return r;
}

static void
req_free (fs_req_t *r)
{
  uv_fs_req_cleanup (&r->uv);
  g_clear_object (&r->cb);
  g_clear_object (&r->keep);
  g_clear_pointer (&r->bytes, g_bytes_unref);
  g_free (r->bufs);
  g_free (r->path);
  g_free (r->dest);
  g_free (r);
}

#define LOOP(r) ((r)->cb ? &(r)->rt->loop : NULL)
#define DONE(r) ((r)->cb ? after_cb : NULL)

static void
fill_stat (double *d, const uv_stat_t *s)
{
  d[0] = s->st_dev;
  d[1] = s->st_mode;
  d[2] = s->st_nlink;
  d[3] = s->st_uid;
  d[4] = s->st_gid;
  d[5] = s->st_rdev;
  d[6] = s->st_blksize;
  d[7] = s->st_ino;
  d[8] = s->st_size;
  d[9] = s->st_blocks;
  d[10] = s->st_atim.tv_sec;
  d[11] = s->st_atim.tv_nsec;
  d[12] = s->st_mtim.tv_sec;
  d[13] = s->st_mtim.tv_nsec;
  d[14] = s->st_ctim.tv_sec;
  d[15] = s->st_ctim.tv_nsec;
  d[16] = s->st_birthtim.tv_sec;
  d[17] = s->st_birthtim.tv_nsec;
}

static JSCValue *
stat_array_new (JSCContext *ctx, const uv_stat_t *s)
{
  JSCValue *a = jsc_value_new_typed_array (ctx, JSC_TYPED_ARRAY_FLOAT64, STAT_FIELDS);
  gsize n = 0;
  double *d = jsc_value_typed_array_get_data (a, &n);
  fill_stat (d, s);
  return a;
}

/* [names, types] from `n` dirents. */
static JSCValue *
entries_new (JSCContext *ctx, const char **names, const int *types, guint n)
{
  g_autoptr (JSCValue) list = jsc_value_new_array (ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) kinds = jsc_value_new_typed_array (ctx, JSC_TYPED_ARRAY_UINT8, n);
  gsize len = 0;
  guint8 *k = jsc_value_typed_array_get_data (kinds, &len);
  for (guint i = 0; i < n; i++) {
    g_autoptr (JSCValue) s = jsc_value_new_string (ctx, names[i]);
    jsc_value_object_set_property_at_index (list, i, s);
    k[i] = (guint8) types[i];
  }
  return jsc_value_new_array (ctx, JSC_TYPE_VALUE, list, JSC_TYPE_VALUE, kinds, G_TYPE_NONE);
}

static JSCValue *
scandir_result (fs_req_t *r)
{
  JSCContext *ctx = r->rt->ctx;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (int));
  uv_dirent_t ent;
  while (uv_fs_scandir_next (&r->uv, &ent) != UV_EOF) {
    g_ptr_array_add (names, g_strdup (ent.name));
    int t = ent.type;
    g_array_append_val (types, t);
  }
  return entries_new (ctx, (const char **) names->pdata, (const int *) types->data,
                      names->len);
}

static JSCValue *dir_handle_new (anode_runtime_t *rt, uv_dir_t *dir);

static JSCValue *
statfs_array_new (JSCContext *ctx, const uv_statfs_t *s)
{
  JSCValue *a = jsc_value_new_typed_array (ctx, JSC_TYPED_ARRAY_FLOAT64, STATFS_FIELDS);
  gsize n = 0;
  double *d = jsc_value_typed_array_get_data (a, &n);
  d[0] = s->f_type;
  d[1] = s->f_bsize;
  d[2] = s->f_blocks;
  d[3] = s->f_bfree;
  d[4] = s->f_bavail;
  d[5] = s->f_files;
  d[6] = s->f_ffree;
  return a;
}

static JSCValue *
readdir_result (fs_req_t *r)
{
  JSCContext *ctx = r->rt->ctx;
  guint n = (guint) r->uv.result;
  if (n == 0)
    return jsc_value_new_null (ctx);
  const char *names[DIR_BATCH];
  int types[DIR_BATCH];
  for (guint i = 0; i < n; i++) {
    names[i] = r->dh->ents[i].name;
    types[i] = r->dh->ents[i].type;
  }
  return entries_new (ctx, names, types, n);
}

/* The error object JS turns into a UVException. Caller owns. */
static JSCValue *
error_new (fs_req_t *r, JSCValue *errctx)
{
  JSCValue *e = errctx ? g_object_ref (errctx) : jsc_value_new_object (r->rt->ctx, NULL, NULL);
  /* An async mkdtemp names the path it tried, as Node's does. */
  const char *path = r->kind == R_PATH && r->cb && r->uv.path ? r->uv.path : r->path;
  anode_set_uv_error (e, (int) r->uv.result, r->syscall, path);
  if (r->dest != NULL)
    anode_set_string (e, "dest", r->dest);
  return e;
}

static JSCValue *
result_new (fs_req_t *r)
{
  JSCContext *ctx = r->rt->ctx;
  switch (r->kind) {
  case R_INT: return jsc_value_new_number (ctx, (double) r->uv.result);
  case R_STAT: return stat_array_new (ctx, &r->uv.statbuf);
  case R_PTR: return jsc_value_new_string (ctx, r->uv.ptr);
  case R_PATH: return jsc_value_new_string (ctx, r->uv.path);
  case R_SCANDIR: return scandir_result (r);
  case R_OPENDIR: return dir_handle_new (r->rt, r->uv.ptr);
  case R_READDIR: return readdir_result (r);
  case R_STATFS: return statfs_array_new (ctx, r->uv.ptr);
  default: return jsc_value_new_undefined (ctx);
  }
}

static void
after_cb (uv_fs_t *uv)
{
  fs_req_t *r = uv->data;
  anode_runtime_t *rt = r->rt;
  if (rt->ctx != NULL && write_utf8_continue (r))
    return;
  if (rt->ctx == NULL) { /* the runtime is being torn down */
    if (r->kind == R_OPENDIR && uv->result >= 0) {
      uv_fs_t c;
      uv_fs_closedir (NULL, &c, uv->ptr, NULL);
      uv_fs_req_cleanup (&c);
    }
    req_free (r);
    return;
  }
  g_autoptr (JSCValue) err = NULL;
  g_autoptr (JSCValue) res = NULL;
  if (uv->result < 0) {
    err = error_new (r, NULL);
    res = jsc_value_new_undefined (rt->ctx);
  } else {
    err = jsc_value_new_null (rt->ctx);
    res = result_new (r);
  }
  JSCValue *cb = g_steal_pointer (&r->cb);
  req_free (r);
  JSCValue *args[] = { err, res };
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, cb, 2, args);
  g_object_unref (cb);
}

/* Finishes a call started with `err` from uv_fs_*: the result of a sync call,
 * undefined for a started async one, the error number if it did not start. */
static JSCValue *
req_finish (fs_req_t *r, int err, JSCValue *errctx)
{
  JSCContext *ctx = r->rt->ctx;
  if (r->cb != NULL) {
    if (err < 0) {
      r->uv.cb = NULL;
      req_free (r);
      return jsc_value_new_number (ctx, err);
    }
    return jsc_value_new_undefined (ctx);
  }
  JSCValue *res;
  if (r->uv.result < 0) {
    g_autoptr (JSCValue) e = error_new (r, errctx);
    res = jsc_value_new_undefined (ctx);
  } else {
    res = result_new (r);
  }
  req_free (r);
  return res;
}

static JSCValue *
fs_open_cb (const char *path, int flags, int mode, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_INT, "open", path, NULL);
  int err = uv_fs_open (LOOP (r), &r->uv, path, flags | O_CLOEXEC, mode, DONE (r));
  return req_finish (r, err, req);
}

static JSCValue *
fs_close_cb (int fd, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "close", NULL, NULL);
  return req_finish (r, uv_fs_close (LOOP (r), &r->uv, fd, DONE (r)), req);
}

/* Bytes [off, off + len) of typed array `buf`, or NULL when out of range. */
static char *
buffer_range (JSCValue *buf, double off, double len)
{
  if (!jsc_value_is_typed_array (buf))
    return NULL;
  gsize n = 0;
  char *data = jsc_value_typed_array_get_data (buf, &n);
  gsize size = jsc_value_typed_array_get_size (buf);
  if (!(off >= 0 && len >= 0 && off + len <= (double) size))
    return NULL;
  return data + (gsize) off;
}

/* read(fd, buffer, offset, length, position, req); position < 0: current. */
static JSCValue *
fs_read_cb (int fd, JSCValue *buf, double off, double len, double pos, JSCValue *req,
            anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_INT, "read", NULL, NULL);
  char *data = buffer_range (buf, off, len);
  if (data == NULL) {
    r->uv.result = UV_EINVAL;
    return req_finish (r, r->cb ? UV_EINVAL : 0, req);
  }
  if (r->cb)
    r->keep = g_object_ref (buf);
  uv_buf_t b = uv_buf_init (data, (unsigned int) MIN (len, (double) G_MAXINT32));
  int err = uv_fs_read (LOOP (r), &r->uv, fd, &b, 1, pos < 0 ? -1 : (int64_t) pos, DONE (r));
  return req_finish (r, err, req);
}

static JSCValue *
fs_write_cb (int fd, JSCValue *buf, double off, double len, double pos, JSCValue *req,
             anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_INT, "write", NULL, NULL);
  char *data = buffer_range (buf, off, len);
  if (data == NULL) {
    r->uv.result = UV_EINVAL;
    return req_finish (r, r->cb ? UV_EINVAL : 0, req);
  }
  if (r->cb)
    r->keep = g_object_ref (buf);
  uv_buf_t b = uv_buf_init (data, (unsigned int) MIN (len, (double) G_MAXINT32));
  int err = uv_fs_write (LOOP (r), &r->uv, fd, &b, 1, pos < 0 ? -1 : (int64_t) pos, DONE (r));
  return req_finish (r, err, req);
}

/* writeUtf8(fd, string, position, req): all of the string's UTF-8 bytes
 * (short writes are continued, on the threadpool for an async call). */
static int
write_utf8_next (fs_req_t *r)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (r->bytes, &len);
  uv_buf_t b = uv_buf_init ((char *) (data ? data : "") + r->done,
                            (unsigned int) MIN (len - r->done, (gsize) G_MAXINT32));
  int64_t pos = r->pos < 0 ? -1 : r->pos + (int64_t) r->done;
  uv_fs_req_cleanup (&r->uv);
  return uv_fs_write (LOOP (r), &r->uv, r->fd, &b, 1, pos, DONE (r));
}

/* After a write of r->bytes: TRUE when more remains and was started. */
static gboolean
write_utf8_continue (void *req)
{
  fs_req_t *r = req;
  if (r->bytes == NULL || r->uv.fs_type != UV_FS_WRITE || r->uv.result <= 0)
    return FALSE;
  r->done += r->uv.result;
  if (r->done >= g_bytes_get_size (r->bytes)) {
    r->uv.result = (ssize_t) r->done;
    return FALSE;
  }
  int err = write_utf8_next (r);
  if (err < 0) {
    r->uv.result = err;
    return FALSE;
  }
  return r->cb != NULL;
}

static JSCValue *
fs_write_utf8_cb (int fd, JSCValue *str, double pos, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_INT, "write", NULL, NULL);
  r->bytes = string_utf8_bytes (str);
  r->fd = fd;
  r->pos = pos < 0 ? -1 : (int64_t) pos;
  int err = write_utf8_next (r);
  gsize total = g_bytes_get_size (r->bytes);
  while (r->cb == NULL && r->uv.result > 0) {
    r->done += r->uv.result;
    if (r->done >= total) {
      r->uv.result = (ssize_t) r->done;
      break;
    }
    write_utf8_next (r);
  }
  return req_finish (r, err, req);
}

/* writev/readv(fd, [typed arrays], position, req). */
static JSCValue *
fs_vector (int fd, JSCValue *list, double pos, JSCValue *req, anode_runtime_t *rt,
           gboolean write)
{
  fs_req_t *r = req_new (rt, req, R_INT, write ? "write" : "read", NULL, NULL);
  g_autoptr (JSCValue) lenv = jsc_value_object_get_property (list, "length");
  guint n = (guint) MIN (jsc_value_to_int32 (lenv), 1024);
  r->bufs = g_new0 (uv_buf_t, MAX (n, 1));
  for (guint i = 0; i < n; i++) {
    g_autoptr (JSCValue) b = jsc_value_object_get_property_at_index (list, i);
    double size = jsc_value_is_typed_array (b) ? jsc_value_typed_array_get_size (b) : 0;
    char *data = buffer_range (b, 0, size);
    r->bufs[i] = uv_buf_init (data ? data : (char *) "", data ? (unsigned int) size : 0);
  }
  if (r->cb)
    r->keep = g_object_ref (list);
  int64_t off = pos < 0 ? -1 : (int64_t) pos;
  int err = write ? uv_fs_write (LOOP (r), &r->uv, fd, r->bufs, n, off, DONE (r))
                  : uv_fs_read (LOOP (r), &r->uv, fd, r->bufs, n, off, DONE (r));
  return req_finish (r, err, req);
}

static JSCValue *
fs_writev_cb (int fd, JSCValue *list, double pos, JSCValue *req, anode_runtime_t *rt)
{
  return fs_vector (fd, list, pos, req, rt, TRUE);
}

static JSCValue *
fs_readv_cb (int fd, JSCValue *list, double pos, JSCValue *req, anode_runtime_t *rt)
{
  return fs_vector (fd, list, pos, req, rt, FALSE);
}

static JSCValue *
fs_stat_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_STAT, "stat", path, NULL);
  return req_finish (r, uv_fs_stat (LOOP (r), &r->uv, path, DONE (r)), req);
}

static JSCValue *
fs_lstat_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_STAT, "lstat", path, NULL);
  return req_finish (r, uv_fs_lstat (LOOP (r), &r->uv, path, DONE (r)), req);
}

static JSCValue *
fs_fstat_cb (int fd, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_STAT, "fstat", NULL, NULL);
  return req_finish (r, uv_fs_fstat (LOOP (r), &r->uv, fd, DONE (r)), req);
}

static JSCValue *
fs_statfs_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_STATFS, "statfs", path, NULL);
  return req_finish (r, uv_fs_statfs (LOOP (r), &r->uv, path, DONE (r)), req);
}

/* Two-path calls: rename, link, symlink, copyfile. */
static JSCValue *
fs_rename_cb (const char *from, const char *to, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "rename", from, to);
  return req_finish (r, uv_fs_rename (LOOP (r), &r->uv, from, to, DONE (r)), req);
}

static JSCValue *
fs_link_cb (const char *from, const char *to, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "link", from, to);
  return req_finish (r, uv_fs_link (LOOP (r), &r->uv, from, to, DONE (r)), req);
}

static JSCValue *
fs_symlink_cb (const char *target, const char *path, int flags, JSCValue *req,
               anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "symlink", target, path);
  return req_finish (r, uv_fs_symlink (LOOP (r), &r->uv, target, path, flags, DONE (r)),
                     req);
}

static JSCValue *
fs_copyfile_cb (const char *from, const char *to, int flags, JSCValue *req,
                anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "copyfile", from, to);
  return req_finish (r, uv_fs_copyfile (LOOP (r), &r->uv, from, to, flags, DONE (r)), req);
}

static JSCValue *
fs_readlink_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_PTR, "readlink", path, NULL);
  return req_finish (r, uv_fs_readlink (LOOP (r), &r->uv, path, DONE (r)), req);
}

static JSCValue *
fs_unlink_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "unlink", path, NULL);
  return req_finish (r, uv_fs_unlink (LOOP (r), &r->uv, path, DONE (r)), req);
}

static JSCValue *
fs_rmdir_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "rmdir", path, NULL);
  return req_finish (r, uv_fs_rmdir (LOOP (r), &r->uv, path, DONE (r)), req);
}

static JSCValue *
fs_mkdir_cb (const char *path, int mode, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "mkdir", path, NULL);
  return req_finish (r, uv_fs_mkdir (LOOP (r), &r->uv, path, mode, DONE (r)), req);
}

static JSCValue *
fs_mkdtemp_cb (const char *prefix, JSCValue *req, anode_runtime_t *rt)
{
  g_autofree char *tpl = g_strconcat (prefix, "XXXXXX", NULL);
  fs_req_t *r = req_new (rt, req, R_PATH, "mkdtemp", tpl, NULL);
  return req_finish (r, uv_fs_mkdtemp (LOOP (r), &r->uv, tpl, DONE (r)), req);
}

static JSCValue *
fs_scandir_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_SCANDIR, "scandir", path, NULL);
  return req_finish (r, uv_fs_scandir (LOOP (r), &r->uv, path, 0, DONE (r)), req);
}

static JSCValue *
fs_access_cb (const char *path, int mode, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "access", path, NULL);
  return req_finish (r, uv_fs_access (LOOP (r), &r->uv, path, mode, DONE (r)), req);
}

static JSCValue *
fs_chmod_cb (const char *path, int mode, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "chmod", path, NULL);
  return req_finish (r, uv_fs_chmod (LOOP (r), &r->uv, path, mode, DONE (r)), req);
}

static JSCValue *
fs_fchmod_cb (int fd, int mode, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "fchmod", NULL, NULL);
  return req_finish (r, uv_fs_fchmod (LOOP (r), &r->uv, fd, mode, DONE (r)), req);
}

static JSCValue *
fs_chown_cb (const char *path, double uid, double gid, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "chown", path, NULL);
  return req_finish (r, uv_fs_chown (LOOP (r), &r->uv, path, (uv_uid_t) uid, (uv_gid_t) gid,
                                     DONE (r)), req);
}

static JSCValue *
fs_lchown_cb (const char *path, double uid, double gid, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "lchown", path, NULL);
  return req_finish (r, uv_fs_lchown (LOOP (r), &r->uv, path, (uv_uid_t) uid, (uv_gid_t) gid,
                                      DONE (r)), req);
}

static JSCValue *
fs_fchown_cb (int fd, double uid, double gid, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "fchown", NULL, NULL);
  return req_finish (r, uv_fs_fchown (LOOP (r), &r->uv, fd, (uv_uid_t) uid, (uv_gid_t) gid,
                                      DONE (r)), req);
}

static JSCValue *
fs_utime_cb (const char *path, double atime, double mtime, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "utime", path, NULL);
  return req_finish (r, uv_fs_utime (LOOP (r), &r->uv, path, atime, mtime, DONE (r)), req);
}

static JSCValue *
fs_lutime_cb (const char *path, double atime, double mtime, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "lutime", path, NULL);
  return req_finish (r, uv_fs_lutime (LOOP (r), &r->uv, path, atime, mtime, DONE (r)), req);
}

static JSCValue *
fs_futime_cb (int fd, double atime, double mtime, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "futime", NULL, NULL);
  return req_finish (r, uv_fs_futime (LOOP (r), &r->uv, fd, atime, mtime, DONE (r)), req);
}

static JSCValue *
fs_ftruncate_cb (int fd, double len, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "ftruncate", NULL, NULL);
  return req_finish (r, uv_fs_ftruncate (LOOP (r), &r->uv, fd, (int64_t) len, DONE (r)), req);
}

static JSCValue *
fs_fsync_cb (int fd, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "fsync", NULL, NULL);
  return req_finish (r, uv_fs_fsync (LOOP (r), &r->uv, fd, DONE (r)), req);
}

static JSCValue *
fs_fdatasync_cb (int fd, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_UNDEF, "fdatasync", NULL, NULL);
  return req_finish (r, uv_fs_fdatasync (LOOP (r), &r->uv, fd, DONE (r)), req);
}

/* realpath(path, req): the loader calls it with an errctx; fs with either. */
static JSCValue *
realpath_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  fs_req_t *r = req_new (rt, req, R_PTR, "realpath", path, NULL);
  return req_finish (r, uv_fs_realpath (LOOP (r), &r->uv, path, DONE (r)), req);
}

/* --- Directory handles (opendir) ----------------------------------------- */

static void
dir_handle_finalize (gpointer data)
{
  dir_handle_t *dh = data;
  if (dh->dir != NULL) {
    uv_fs_t c;
    uv_fs_closedir (NULL, &c, dh->dir, NULL);
    uv_fs_req_cleanup (&c);
  }
  g_free (dh);
}

/* read(req): [names, types] of the next entries, null at the end. The JS
 * side serialises calls, so one batch buffer per handle is enough. */
static JSCValue *
dir_read_cb (dir_handle_t *dh, JSCValue *req)
{
  anode_runtime_t *rt = dh->rt;
  fs_req_t *r = req_new (rt, req, R_READDIR, "scandir", NULL, NULL);
  r->dh = dh;
  if (dh->dir == NULL) {
    r->uv.result = UV_EBADF;
    return req_finish (r, r->cb ? UV_EBADF : 0, req);
  }
  /* The JS callback holds the wrapper, which owns dh, until completion. */
  dh->dir->dirents = dh->ents;
  dh->dir->nentries = DIR_BATCH;
  return req_finish (r, uv_fs_readdir (LOOP (r), &r->uv, dh->dir, DONE (r)), req);
}

static JSCValue *
dir_close_cb (dir_handle_t *dh, JSCValue *req)
{
  anode_runtime_t *rt = dh->rt;
  fs_req_t *r = req_new (rt, req, R_CLOSEDIR, "closedir", NULL, NULL);
  r->dh = dh;
  if (dh->dir == NULL) {
    r->uv.result = UV_EBADF;
    return req_finish (r, r->cb ? UV_EBADF : 0, req);
  }
  uv_dir_t *dir = g_steal_pointer (&dh->dir);
  return req_finish (r, uv_fs_closedir (LOOP (r), &r->uv, dir, DONE (r)), req);
}

static JSCClass *
dir_class (anode_runtime_t *rt)
{
  JSCClass *klass = g_object_get_data (G_OBJECT (rt->ctx), "anode-fs-dir-class");
  if (klass == NULL) {
    klass = jsc_context_register_class (rt->ctx, "DirHandle", NULL, NULL,
                                        dir_handle_finalize);
    jsc_class_add_method (klass, "read", G_CALLBACK (dir_read_cb), NULL, NULL,
                          JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
    jsc_class_add_method (klass, "close", G_CALLBACK (dir_close_cb), NULL, NULL,
                          JSC_TYPE_VALUE, 1, JSC_TYPE_VALUE);
    g_object_set_data (G_OBJECT (rt->ctx), "anode-fs-dir-class", klass);
  }
  return klass;
}

static JSCValue *
dir_handle_new (anode_runtime_t *rt, uv_dir_t *dir)
{
  dir_handle_t *dh = g_new0 (dir_handle_t, 1);
  dh->rt = rt;
  dh->dir = dir;
  return jsc_value_new_object (rt->ctx, dh, dir_class (rt));
}

static JSCValue *
fs_opendir_cb (const char *path, JSCValue *req, anode_runtime_t *rt)
{
  /* Node 20 names the path in the errors of async opendir only. */
  const char *named = jsc_value_is_function (req) ? path : NULL;
  fs_req_t *r = req_new (rt, req, R_OPENDIR, "opendir", named, NULL);
  return req_finish (r, uv_fs_opendir (LOOP (r), &r->uv, path, DONE (r)), req);
}

/* --- Whole files in one threadpool job -----------------------------------
 * readFile(path | fd, flags, utf8, req) opens, sizes, reads and closes
 * without a JS round trip per step; the bytes become an ArrayBuffer that
 * owns the allocation (no copy) or, with utf8, a string. */

#define IO_MAX_LENGTH 2147483647.0

typedef struct {
  uv_work_t work;
  anode_runtime_t *rt;
  JSCValue *cb;
  char *path; /* NULL: read `fd` from its current position */
  int fd;
  int flags;
  gboolean utf8;
  char *data;
  gsize len;
  double too_large; /* the size, when over IO_MAX_LENGTH */
  int err;
  const char *syscall;
} read_all_t;

static int
read_into (int fd, char *data, gsize len)
{
  uv_fs_t req;
  uv_buf_t b = uv_buf_init (data, (unsigned int) MIN (len, (gsize) G_MAXINT32));
  int n = uv_fs_read (NULL, &req, fd, &b, 1, -1, NULL);
  uv_fs_req_cleanup (&req);
  return n;
}

static void
read_all_run (read_all_t *a)
{
  uv_fs_t req;
  int fd = a->fd;
  if (a->path != NULL) {
    fd = uv_fs_open (NULL, &req, a->path, a->flags | O_CLOEXEC, 0666, NULL);
    uv_fs_req_cleanup (&req);
    if (fd < 0) {
      a->err = fd;
      a->syscall = "open";
      return;
    }
  }
  int err = uv_fs_fstat (NULL, &req, fd, NULL);
  uint64_t size = S_ISREG (req.statbuf.st_mode) ? req.statbuf.st_size : 0;
  uv_fs_req_cleanup (&req);
  if (err < 0) {
    a->err = err;
    a->syscall = "fstat";
  } else if ((double) size > IO_MAX_LENGTH) {
    a->too_large = (double) size;
  } else {
    /* A regular file's size is known; anything else grows until EOF. */
    gsize cap = size > 0 ? size : 65536;
    a->data = g_try_malloc (cap);
    if (a->data != NULL)
      anode_populate (a->data, cap);
    if (a->data == NULL) {
      a->err = UV_ENOMEM;
      a->syscall = "read";
    }
    while (a->data != NULL) {
      if (a->len == cap) {
        if (size > 0)
          break;
        cap *= 2;
        a->data = g_realloc (a->data, cap);
      }
      int n = read_into (fd, a->data + a->len, cap - a->len);
      if (n < 0) {
        a->err = n;
        a->syscall = "read";
        break;
      }
      if (n == 0)
        break;
      a->len += n;
      if ((double) a->len > IO_MAX_LENGTH) {
        a->too_large = (double) a->len;
        break;
      }
    }
  }
  if (a->path != NULL) {
    uv_fs_close (NULL, &req, fd, NULL);
    uv_fs_req_cleanup (&req);
  }
}

static void
read_all_free (read_all_t *a)
{
  g_clear_object (&a->cb);
  g_free (a->data);
  g_free (a->path);
  g_free (a);
}

/* Sets the error on `e` and returns FALSE, or returns TRUE with *res set. */
static gboolean
read_all_result (read_all_t *a, JSCValue *e, JSCValue **res)
{
  JSCContext *ctx = a->rt->ctx;
  if (a->too_large > 0) {
    anode_set_double (e, "tooLarge", a->too_large);
    return FALSE;
  }
  if (a->err < 0) {
    /* Node names the path only for the open. */
    anode_set_uv_error (e, a->err, a->syscall, a->err < 0 && a->syscall[0] == 'o' ? a->path : NULL);
    return FALSE;
  }
  if (a->utf8 && a->data != NULL) {
    const guint8 *text = (const guint8 *) a->data;
    gsize ascii = anode_ascii_prefix (text, a->len);
    if (ascii == a->len) {
      *res = anode_string_new_ascii (ctx, a->data, a->len);
      return TRUE;
    }
    if (anode_utf8_valid_len (text + ascii, a->len - ascii) == a->len - ascii) {
      g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&a->data), a->len);
      *res = jsc_value_new_string_from_bytes (ctx, bytes);
      return TRUE;
    }
  }
  if (a->utf8) {
    *res = anode_string_new_utf8 (ctx, a->data ? a->data : "", a->len);
  } else {
    char *data = a->data ? g_steal_pointer (&a->data) : g_malloc (1);
    *res = jsc_value_new_array_buffer (ctx, data, a->len, g_free, data);
  }
  return TRUE;
}

static void
read_all_work_cb (uv_work_t *w)
{
  read_all_run (w->data);
}

static void
read_all_after_cb (uv_work_t *w, int status)
{
  read_all_t *a = w->data;
  anode_runtime_t *rt = a->rt;
  if (rt->ctx == NULL) {
    read_all_free (a);
    return;
  }
  g_autoptr (JSCValue) err = jsc_value_new_object (rt->ctx, NULL, NULL);
  JSCValue *res = NULL;
  if (!read_all_result (a, err, &res)) {
    res = jsc_value_new_undefined (rt->ctx);
  } else {
    g_object_unref (err);
    err = jsc_value_new_null (rt->ctx);
  }
  JSCValue *cb = g_steal_pointer (&a->cb);
  read_all_free (a);
  JSCValue *args[] = { err, res };
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, cb, 2, args);
  g_object_unref (res);
  g_object_unref (cb);
}

static JSCValue *
fs_read_file_cb (JSCValue *target, int flags, gboolean utf8, JSCValue *req,
                 anode_runtime_t *rt)
{
  read_all_t *a = g_new0 (read_all_t, 1);
  a->rt = rt;
  a->flags = flags;
  a->utf8 = utf8;
  a->work.data = a;
  if (jsc_value_is_number (target))
    a->fd = jsc_value_to_int32 (target);
  else
    a->path = jsc_value_to_string (target);
  if (jsc_value_is_function (req)) {
    a->cb = g_object_ref (req);
    int err = uv_queue_work (&rt->loop, &a->work, read_all_work_cb, read_all_after_cb);
    if (err < 0) {
      read_all_free (a);
      return jsc_value_new_number (rt->ctx, err);
    }
    return jsc_value_new_undefined (rt->ctx);
  }
  read_all_run (a);
  JSCValue *res = NULL;
  if (!read_all_result (a, req, &res))
    res = jsc_value_new_undefined (rt->ctx);
  read_all_free (a);
  return res;
}

/* --- Watchers: fs.watch (uv_fs_event) and fs.watchFile (uv_fs_poll) -----
 * The handle lives in a C struct owned jointly by its JS wrapper and libuv:
 * close() starts uv_close, and the struct is freed once both the close
 * callback has run and the wrapper is finalized. The JS callback holds the
 * watcher object (and so the wrapper) while the handle is open. */

typedef struct {
  union {
    uv_handle_t handle;
    uv_fs_event_t event;
    uv_fs_poll_t poll;
  } h;
  anode_runtime_t *rt;
  JSCValue *cb;
  gboolean closing;
  gboolean closed;
  gboolean finalized;
} watcher_t;

static void
watcher_close_cb (uv_handle_t *handle)
{
  watcher_t *w = handle->data;
  g_clear_object (&w->cb);
  w->closed = TRUE;
  if (w->finalized)
    g_free (w);
}

static void
watcher_close (watcher_t *w)
{
  if (w->closing)
    return;
  w->closing = TRUE;
  uv_close (&w->h.handle, watcher_close_cb);
}

static void
watcher_finalize (gpointer data)
{
  watcher_t *w = data;
  w->finalized = TRUE;
  if (w->closed)
    g_free (w);
  else
    watcher_close (w);
}

static void
watcher_set_ref (watcher_t *w, gboolean ref)
{
  if (w->closing)
    return;
  if (ref)
    uv_ref (&w->h.handle);
  else
    uv_unref (&w->h.handle);
}

static gboolean
watcher_has_ref (watcher_t *w)
{
  return !w->closing && uv_has_ref (&w->h.handle);
}

static JSCClass *
watcher_class (anode_runtime_t *rt)
{
  JSCClass *klass = g_object_get_data (G_OBJECT (rt->ctx), "anode-fs-watcher-class");
  if (klass == NULL) {
    klass = jsc_context_register_class (rt->ctx, "FSWatcherHandle", NULL, NULL,
                                        watcher_finalize);
    jsc_class_add_method (klass, "close", G_CALLBACK (watcher_close), NULL, NULL,
                          G_TYPE_NONE, 0);
    jsc_class_add_method (klass, "setRef", G_CALLBACK (watcher_set_ref), NULL, NULL,
                          G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
    jsc_class_add_method (klass, "hasRef", G_CALLBACK (watcher_has_ref), NULL, NULL,
                          G_TYPE_BOOLEAN, 0);
    g_object_set_data (G_OBJECT (rt->ctx), "anode-fs-watcher-class", klass);
  }
  return klass;
}

static void
fs_event_cb (uv_fs_event_t *handle, const char *filename, int events, int status)
{
  watcher_t *w = handle->data;
  anode_runtime_t *rt = w->rt;
  if (w->cb == NULL)
    return;
  g_autoptr (JSCValue) st = jsc_value_new_number (rt->ctx, status);
  g_autoptr (JSCValue) type =
    jsc_value_new_string (rt->ctx, (events & UV_RENAME) ? "rename" : "change");
  g_autoptr (JSCValue) name =
    filename ? jsc_value_new_string (rt->ctx, filename) : jsc_value_new_null (rt->ctx);
  JSCValue *args[] = { st, type, name };
  g_autoptr (JSCValue) cb = g_object_ref (w->cb);
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, cb, 3, args);
}

static watcher_t *
watcher_new (anode_runtime_t *rt, JSCValue *cb)
{
  watcher_t *w = g_new0 (watcher_t, 1);
  w->rt = rt;
  w->cb = g_object_ref (cb);
  return w;
}

/* watch(path, onchange, errctx): onchange(status, eventType, filename). */
static JSCValue *
fs_watch_cb (const char *path, JSCValue *onchange, JSCValue *errctx, anode_runtime_t *rt)
{
  watcher_t *w = watcher_new (rt, onchange);
  uv_fs_event_init (&rt->loop, &w->h.event);
  w->h.handle.data = w;
  int err = uv_fs_event_start (&w->h.event, fs_event_cb, path, 0);
  JSCValue *obj = jsc_value_new_object (rt->ctx, w, watcher_class (rt));
  if (err < 0) {
    anode_set_uv_error (errctx, err, "watch", path);
    watcher_close (w);
  }
  return obj;
}

static void
fs_poll_cb (uv_fs_poll_t *handle, int status, const uv_stat_t *prev, const uv_stat_t *curr)
{
  watcher_t *w = handle->data;
  anode_runtime_t *rt = w->rt;
  if (w->cb == NULL)
    return;
  g_autoptr (JSCValue) st = jsc_value_new_number (rt->ctx, status);
  g_autoptr (JSCValue) c = stat_array_new (rt->ctx, curr);
  g_autoptr (JSCValue) p = stat_array_new (rt->ctx, prev);
  JSCValue *args[] = { st, c, p };
  g_autoptr (JSCValue) cb = g_object_ref (w->cb);
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, cb, 3, args);
}

/* watchFile(path, interval, onchange): onchange(status, curr, prev). */
static JSCValue *
fs_watch_file_cb (const char *path, double interval, JSCValue *onchange, anode_runtime_t *rt)
{
  watcher_t *w = watcher_new (rt, onchange);
  uv_fs_poll_init (&rt->loop, &w->h.poll);
  w->h.handle.data = w;
  uv_fs_poll_start (&w->h.poll, fs_poll_cb, path, (unsigned int) MAX (interval, 1));
  return jsc_value_new_object (rt->ctx, w, watcher_class (rt));
}

static JSCValue *
constants_new (anode_runtime_t *rt)
{
  static const struct {
    const char *name;
    int value;
  } table[] = {
    { "UV_FS_SYMLINK_DIR", UV_FS_SYMLINK_DIR },
    { "UV_FS_SYMLINK_JUNCTION", UV_FS_SYMLINK_JUNCTION },
    { "O_RDONLY", O_RDONLY },
    { "O_WRONLY", O_WRONLY },
    { "O_RDWR", O_RDWR },
    { "UV_DIRENT_UNKNOWN", UV_DIRENT_UNKNOWN },
    { "UV_DIRENT_FILE", UV_DIRENT_FILE },
    { "UV_DIRENT_DIR", UV_DIRENT_DIR },
    { "UV_DIRENT_LINK", UV_DIRENT_LINK },
    { "UV_DIRENT_FIFO", UV_DIRENT_FIFO },
    { "UV_DIRENT_SOCKET", UV_DIRENT_SOCKET },
    { "UV_DIRENT_CHAR", UV_DIRENT_CHAR },
    { "UV_DIRENT_BLOCK", UV_DIRENT_BLOCK },
    { "EXTENSIONLESS_FORMAT_JAVASCRIPT", 0 },
    { "EXTENSIONLESS_FORMAT_WASM", 1 },
    { "S_IFMT", S_IFMT },
    { "S_IFREG", S_IFREG },
    { "S_IFDIR", S_IFDIR },
    { "S_IFCHR", S_IFCHR },
    { "S_IFBLK", S_IFBLK },
    { "S_IFIFO", S_IFIFO },
    { "S_IFLNK", S_IFLNK },
    { "S_IFSOCK", S_IFSOCK },
    { "O_CREAT", O_CREAT },
    { "O_EXCL", O_EXCL },
    { "UV_FS_O_FILEMAP", UV_FS_O_FILEMAP },
    { "O_NOCTTY", O_NOCTTY },
    { "O_TRUNC", O_TRUNC },
    { "O_APPEND", O_APPEND },
    { "O_DIRECTORY", O_DIRECTORY },
    { "O_NOATIME", O_NOATIME },
    { "O_NOFOLLOW", O_NOFOLLOW },
    { "O_SYNC", O_SYNC },
    { "O_DSYNC", O_DSYNC },
    { "O_DIRECT", O_DIRECT },
    { "O_NONBLOCK", O_NONBLOCK },
    { "S_IRWXU", S_IRWXU },
    { "S_IRUSR", S_IRUSR },
    { "S_IWUSR", S_IWUSR },
    { "S_IXUSR", S_IXUSR },
    { "S_IRWXG", S_IRWXG },
    { "S_IRGRP", S_IRGRP },
    { "S_IWGRP", S_IWGRP },
    { "S_IXGRP", S_IXGRP },
    { "S_IRWXO", S_IRWXO },
    { "S_IROTH", S_IROTH },
    { "S_IWOTH", S_IWOTH },
    { "S_IXOTH", S_IXOTH },
    { "F_OK", F_OK },
    { "R_OK", R_OK },
    { "W_OK", W_OK },
    { "X_OK", X_OK },
    { "UV_FS_COPYFILE_EXCL", UV_FS_COPYFILE_EXCL },
    { "COPYFILE_EXCL", UV_FS_COPYFILE_EXCL },
    { "UV_FS_COPYFILE_FICLONE", UV_FS_COPYFILE_FICLONE },
    { "COPYFILE_FICLONE", UV_FS_COPYFILE_FICLONE },
    { "UV_FS_COPYFILE_FICLONE_FORCE", UV_FS_COPYFILE_FICLONE_FORCE },
    { "COPYFILE_FICLONE_FORCE", UV_FS_COPYFILE_FICLONE_FORCE },
  };
  JSCValue *c = jsc_value_new_object (rt->ctx, NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    anode_set_int (c, table[i].name, table[i].value);
  return c;
}

#define PATH_REQ 2, G_TYPE_STRING, JSC_TYPE_VALUE
#define FD_REQ 2, G_TYPE_INT, JSC_TYPE_VALUE
#define TWO_PATHS_REQ 3, G_TYPE_STRING, G_TYPE_STRING, JSC_TYPE_VALUE

JSCValue *
anode_binding_fs_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  const GType V = JSC_TYPE_VALUE, S = G_TYPE_STRING, I = G_TYPE_INT, D = G_TYPE_DOUBLE;

  /* What the loader, the test runner and stdio use. */
  anode_set_method (b, "readFileUtf8", G_CALLBACK (read_file_utf8_cb), rt, V, 2, S, V);
  anode_set_method (b, "readFdUtf8", G_CALLBACK (read_fd_utf8_cb), rt, V, 2, I, V);
  anode_set_method (b, "internalModuleStat", G_CALLBACK (internal_module_stat_cb), rt,
                    I, 1, S);
  anode_set_method (b, "realpath", G_CALLBACK (realpath_cb), rt, V, PATH_REQ);
  anode_set_method (b, "readdir", G_CALLBACK (readdir_cb), rt, V, 2, S, V);
  anode_set_method (b, "writeString", G_CALLBACK (write_string_cb), rt, I, 2, I, V);
  anode_set_method (b, "writeBytes", G_CALLBACK (write_bytes_cb), rt, I, 2, I, V);

  anode_set_method (b, "open", G_CALLBACK (fs_open_cb), rt, V, 4, S, I, I, V);
  anode_set_method (b, "close", G_CALLBACK (fs_close_cb), rt, V, FD_REQ);
  anode_set_method (b, "read", G_CALLBACK (fs_read_cb), rt, V, 6, I, V, D, D, D, V);
  anode_set_method (b, "write", G_CALLBACK (fs_write_cb), rt, V, 6, I, V, D, D, D, V);
  anode_set_method (b, "writeUtf8", G_CALLBACK (fs_write_utf8_cb), rt, V, 4, I, V, D, V);
  anode_set_method (b, "writev", G_CALLBACK (fs_writev_cb), rt, V, 4, I, V, D, V);
  anode_set_method (b, "readv", G_CALLBACK (fs_readv_cb), rt, V, 4, I, V, D, V);
  anode_set_method (b, "readFile", G_CALLBACK (fs_read_file_cb), rt, V, 4, V, I,
                    G_TYPE_BOOLEAN, V);
  anode_set_method (b, "stat", G_CALLBACK (fs_stat_cb), rt, V, PATH_REQ);
  anode_set_method (b, "lstat", G_CALLBACK (fs_lstat_cb), rt, V, PATH_REQ);
  anode_set_method (b, "fstat", G_CALLBACK (fs_fstat_cb), rt, V, FD_REQ);
  anode_set_method (b, "statfs", G_CALLBACK (fs_statfs_cb), rt, V, PATH_REQ);
  anode_set_method (b, "rename", G_CALLBACK (fs_rename_cb), rt, V, TWO_PATHS_REQ);
  anode_set_method (b, "link", G_CALLBACK (fs_link_cb), rt, V, TWO_PATHS_REQ);
  anode_set_method (b, "symlink", G_CALLBACK (fs_symlink_cb), rt, V, 4, S, S, I, V);
  anode_set_method (b, "copyFile", G_CALLBACK (fs_copyfile_cb), rt, V, 4, S, S, I, V);
  anode_set_method (b, "readlink", G_CALLBACK (fs_readlink_cb), rt, V, PATH_REQ);
  anode_set_method (b, "unlink", G_CALLBACK (fs_unlink_cb), rt, V, PATH_REQ);
  anode_set_method (b, "rmdir", G_CALLBACK (fs_rmdir_cb), rt, V, PATH_REQ);
  anode_set_method (b, "mkdir", G_CALLBACK (fs_mkdir_cb), rt, V, 3, S, I, V);
  anode_set_method (b, "mkdtemp", G_CALLBACK (fs_mkdtemp_cb), rt, V, PATH_REQ);
  anode_set_method (b, "scandir", G_CALLBACK (fs_scandir_cb), rt, V, PATH_REQ);
  anode_set_method (b, "opendir", G_CALLBACK (fs_opendir_cb), rt, V, PATH_REQ);
  anode_set_method (b, "access", G_CALLBACK (fs_access_cb), rt, V, 3, S, I, V);
  anode_set_method (b, "chmod", G_CALLBACK (fs_chmod_cb), rt, V, 3, S, I, V);
  anode_set_method (b, "fchmod", G_CALLBACK (fs_fchmod_cb), rt, V, 3, I, I, V);
  anode_set_method (b, "chown", G_CALLBACK (fs_chown_cb), rt, V, 4, S, D, D, V);
  anode_set_method (b, "lchown", G_CALLBACK (fs_lchown_cb), rt, V, 4, S, D, D, V);
  anode_set_method (b, "fchown", G_CALLBACK (fs_fchown_cb), rt, V, 4, I, D, D, V);
  anode_set_method (b, "utimes", G_CALLBACK (fs_utime_cb), rt, V, 4, S, D, D, V);
  anode_set_method (b, "lutimes", G_CALLBACK (fs_lutime_cb), rt, V, 4, S, D, D, V);
  anode_set_method (b, "futimes", G_CALLBACK (fs_futime_cb), rt, V, 4, I, D, D, V);
  anode_set_method (b, "ftruncate", G_CALLBACK (fs_ftruncate_cb), rt, V, 3, I, D, V);
  anode_set_method (b, "fsync", G_CALLBACK (fs_fsync_cb), rt, V, FD_REQ);
  anode_set_method (b, "fdatasync", G_CALLBACK (fs_fdatasync_cb), rt, V, FD_REQ);
  anode_set_method (b, "watch", G_CALLBACK (fs_watch_cb), rt, V, 3, S, V, V);
  anode_set_method (b, "watchFile", G_CALLBACK (fs_watch_file_cb), rt, V, 3, S, D, V);

  g_autoptr (JSCValue) constants = constants_new (rt);
  anode_set_value (b, "constants", constants);
  return b;
}
