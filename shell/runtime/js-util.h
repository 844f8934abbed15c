/* Small helpers for building binding objects with the JSC GLib API. */
#pragma once

#include <jsc/jsc.h>

G_BEGIN_DECLS

/* Defines method `name` on `obj`, calling `cb` with typed arguments (see
 * jsc_value_new_functionv); `data` is passed last to `cb`, borrowed. */
void anode_set_method (JSCValue *obj, const char *name, GCallback cb,
                       gpointer data, GType return_type, guint n_params, ...);

/* Same, but `cb` gets every argument as a GPtrArray of JSCValue. */
void anode_set_method_variadic (JSCValue *obj, const char *name, GCallback cb,
                                gpointer data, GType return_type);

void anode_set_int (JSCValue *obj, const char *name, gint64 value);
void anode_set_double (JSCValue *obj, const char *name, double value);
void anode_set_string (JSCValue *obj, const char *name, const char *value);
void anode_set_value (JSCValue *obj, const char *name, JSCValue *value);

/* Reports libuv error `err` (negative) through the `errctx` object the JS
 * caller passed in: sets errno, code and syscall (and path when given), which
 * the JS side turns into Node's system error. */
void anode_set_uv_error (JSCValue *errctx, int err, const char *syscall,
                         const char *path);

/* Fresh pages are expensive to fault in one by one (each fault is a trip
 * through the kernel, dearer still under a hypervisor): buffers of at least
 * ANODE_BIG_ALLOC bytes about to be filled have their whole pages faulted in
 * at once. Smaller ones are left alone. */
#define ANODE_BIG_ALLOC (1 << 20)
void anode_populate (void *p, gsize n);

/* How many bytes of `s` are ASCII before the first that is not. */
gsize anode_ascii_prefix (const guint8 *s, gsize n);

/* The length of the longest valid UTF-8 sequence starting at s[0] (WHATWG's
 * "maximal subpart"): 0 when s[0] cannot start one, the full length (also
 * stored in *need) when it is complete and valid, or less when cut short. */
gsize anode_utf8_valid_prefix (const guint8 *s, gsize avail, gsize *need);

/* Offset of the first byte of `s` that does not belong to a complete valid
 * UTF-8 sequence, or n. */
gsize anode_utf8_valid_len (const guint8 *s, gsize n);

/* A new JS string from `len` bytes of ASCII, copied once into JSC's own
 * one-byte string where it can be reached. Caller owns. */
JSCValue *anode_string_new_ascii (JSCContext *ctx, const char *data, gsize len);

/* A new JS string from `len` bytes of UTF-8 (invalid sequences become
 * U+FFFD). Caller owns. */
JSCValue *anode_string_new_utf8 (JSCContext *ctx, const char *data, gsize len);

G_END_DECLS
