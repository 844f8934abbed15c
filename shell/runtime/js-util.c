/* Small helpers for building binding objects with the JSC GLib API. */
#include "js-util.h"
#include "anode-runtime.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <uv.h>

void
anode_set_method (JSCValue *obj, const char *name, GCallback cb, gpointer data,
                  GType return_type, guint n_params, ...)
{
  GType types[8];
  va_list ap;

  g_assert (n_params <= G_N_ELEMENTS (types));
  va_start (ap, n_params);
  for (guint i = 0; i < n_params; i++)
    types[i] = va_arg (ap, GType);
  va_end (ap);

  JSCContext *ctx = jsc_value_get_context (obj);
  g_autoptr (JSCValue) fn = jsc_value_new_functionv (ctx, name, cb, data, NULL,
                                                     return_type, n_params,
                                                     n_params ? types : NULL);
  jsc_value_object_set_property (obj, name, fn);
}

void
anode_set_method_variadic (JSCValue *obj, const char *name, GCallback cb,
                           gpointer data, GType return_type)
{
  JSCContext *ctx = jsc_value_get_context (obj);
  g_autoptr (JSCValue) fn = jsc_value_new_function_variadic (ctx, name, cb, data,
                                                             NULL, return_type);
  jsc_value_object_set_property (obj, name, fn);
}

void
anode_set_int (JSCValue *obj, const char *name, gint64 value)
{
  g_autoptr (JSCValue) v =
    jsc_value_new_number (jsc_value_get_context (obj), (double) value);
  jsc_value_object_set_property (obj, name, v);
}

void
anode_set_double (JSCValue *obj, const char *name, double value)
{
  g_autoptr (JSCValue) v = jsc_value_new_number (jsc_value_get_context (obj), value);
  jsc_value_object_set_property (obj, name, v);
}

void
anode_set_string (JSCValue *obj, const char *name, const char *value)
{
  g_autoptr (JSCValue) v = jsc_value_new_string (jsc_value_get_context (obj), value);
  jsc_value_object_set_property (obj, name, v);
}

void
anode_set_value (JSCValue *obj, const char *name, JSCValue *value)
{
  jsc_value_object_set_property (obj, name, value);
}

void
anode_set_uv_error (JSCValue *errctx, int err, const char *syscall,
                    const char *path)
{
  if (errctx == NULL || !jsc_value_is_object (errctx))
    return;
  anode_set_int (errctx, "errno", err);
  anode_set_string (errctx, "code", uv_err_name (err));
  anode_set_string (errctx, "syscall", syscall);
  if (path != NULL)
    anode_set_string (errctx, "path", path);
}

void
anode_populate (void *p, gsize n)
{
  if (n < ANODE_BIG_ALLOC)
    return;
  uintptr_t page = (uintptr_t) sysconf (_SC_PAGESIZE);
  uintptr_t from = ((uintptr_t) p + page - 1) & ~(page - 1);
  uintptr_t to = ((uintptr_t) p + n) & ~(page - 1);
  if (to > from)
    madvise ((void *) from, to - from, MADV_POPULATE_WRITE);
}

gsize
anode_ascii_prefix (const guint8 *s, gsize n)
{
  gsize i = 0;
  for (; i + 8 <= n; i += 8) {
    guint64 w;
    memcpy (&w, s + i, 8);
    if (w & 0x8080808080808080ull)
      break;
  }
  while (i < n && s[i] < 0x80)
    i++;
  return i;
}

gsize
anode_utf8_valid_prefix (const guint8 *s, gsize avail, gsize *need)
{
  guint8 c = s[0];
  guint8 lo = 0x80, hi = 0xbf;
  gsize n;
  if (c >= 0xc2 && c <= 0xdf)
    n = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0)
      lo = 0xa0;
    else if (c == 0xed)
      hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0)
      lo = 0x90;
    else if (c == 0xf4)
      hi = 0x8f;
  } else {
    *need = 1;
    return 0;
  }
  *need = n;
  gsize i = 1;
  for (; i < n && i < avail; i++) {
    guint8 b = s[i];
    if (b < lo || b > hi)
      return i;
    lo = 0x80;
    hi = 0xbf;
  }
  return i;
}

gsize
anode_utf8_valid_len (const guint8 *s, gsize n)
{
  gsize i = 0;
  while (i < n) {
    i += anode_ascii_prefix (s + i, n - i);
    if (i >= n)
      break;
    gsize need;
    gsize got = anode_utf8_valid_prefix (s + i, n - i, &need);
    if (got != need)
      return i;
    i += need;
  }
  return n;
}

JSCValue *
anode_string_new_ascii (JSCContext *ctx, const char *data, gsize len)
{
  anode_latin1_t out;
  if (anode_jsc_latin1_new (ctx, len, &out)) {
    memcpy (out.chars, data, len);
    JSCValue *v = anode_jsc_latin1_finish (ctx, &out);
    if (v != NULL)
      return v;
  }
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, len);
  return jsc_value_new_string_from_bytes (ctx, bytes);
}

JSCValue *
anode_string_new_utf8 (JSCContext *ctx, const char *data, gsize len)
{
  gsize ascii = anode_ascii_prefix ((const guint8 *) data, len);
  if (ascii == len)
    return anode_string_new_ascii (ctx, data, len);
  if (g_utf8_validate_len (data + ascii, len - ascii, NULL)) {
    g_autoptr (GBytes) bytes = g_bytes_new (data, len);
    return jsc_value_new_string_from_bytes (ctx, bytes);
  }
  g_autofree char *valid = g_utf8_make_valid (data, len);
  return jsc_value_new_string (ctx, valid);
}
