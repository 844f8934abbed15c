/* Message digests (GLib's GChecksum and GHmac: MD5, SHA-1, SHA-256,
 * SHA-384, SHA-512) and the kernel's random bytes, for the part of crypto
 * that http libraries lean on (ETags, WebSocket handshakes, masks). */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "anode-runtime.h"
#include "js-util.h"

typedef struct {
  GChecksum *checksum;
  GHmac *hmac;
  GChecksumType type;
} digest_t;

static gboolean
type_from_name (const char *name, GChecksumType *type)
{
  static const struct {
    const char *name;
    GChecksumType type;
  } names[] = {
    { "md5", G_CHECKSUM_MD5 },       { "sha1", G_CHECKSUM_SHA1 },
    { "sha256", G_CHECKSUM_SHA256 }, { "sha384", G_CHECKSUM_SHA384 },
    { "sha512", G_CHECKSUM_SHA512 }, { "sha-1", G_CHECKSUM_SHA1 },
    { "sha-256", G_CHECKSUM_SHA256 }, { "sha-384", G_CHECKSUM_SHA384 },
    { "sha-512", G_CHECKSUM_SHA512 }, { "rsa-md5", G_CHECKSUM_MD5 },
    { "rsa-sha1", G_CHECKSUM_SHA1 }, { "rsa-sha256", G_CHECKSUM_SHA256 },
    { "rsa-sha384", G_CHECKSUM_SHA384 }, { "rsa-sha512", G_CHECKSUM_SHA512 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    if (g_ascii_strcasecmp (name, names[i].name) == 0) {
      *type = names[i].type;
      return TRUE;
    }
  }
  return FALSE;
}

static void
digest_free (gpointer data)
{
  digest_t *d = data;
  g_clear_pointer (&d->checksum, g_checksum_free);
  g_clear_pointer (&d->hmac, g_hmac_unref);
  g_free (d);
}

static void
digest_update (digest_t *d, JSCValue *view)
{
  gsize len = 0;
  if (!jsc_value_is_typed_array (view))
    return;
  const guchar *data = jsc_value_typed_array_get_data (view, &len);
  len = jsc_value_typed_array_get_size (view);
  if (d->hmac)
    g_hmac_update (d->hmac, data, len);
  else
    g_checksum_update (d->checksum, data, len);
}

/* digest() -> an ArrayBuffer with the raw digest; the object is spent. */
static JSCValue *
digest_digest (digest_t *d, JSCContext *ctx_unused)
{
  JSCContext *ctx = jsc_context_get_current ();
  gsize len = g_checksum_type_get_length (d->type);
  guint8 *buf = g_malloc (len);
  if (d->hmac)
    g_hmac_get_digest (d->hmac, buf, &len);
  else
    g_checksum_get_digest (d->checksum, buf, &len);
  return jsc_value_new_array_buffer (ctx, buf, len, g_free, buf);
}

static JSCClass *digest_class (JSCContext *ctx);

static JSCValue *
digest_copy (digest_t *d)
{
  JSCContext *ctx = jsc_context_get_current ();
  digest_t *c = g_new0 (digest_t, 1);
  c->type = d->type;
  if (d->hmac)
    c->hmac = g_hmac_copy (d->hmac);
  else
    c->checksum = g_checksum_copy (d->checksum);
  return jsc_value_new_object (ctx, c, digest_class (ctx));
}

static JSCClass *
digest_class (JSCContext *ctx)
{
  JSCClass *klass = g_object_get_data (G_OBJECT (ctx), "anode-digest-class");
  if (klass == NULL) {
    klass = jsc_context_register_class (ctx, "Digest", NULL, NULL, digest_free);
    jsc_class_add_method (klass, "update", G_CALLBACK (digest_update), NULL, NULL, G_TYPE_NONE, 1,
                          JSC_TYPE_VALUE);
    jsc_class_add_method (klass, "digest", G_CALLBACK (digest_digest), NULL, NULL, JSC_TYPE_VALUE, 0);
    jsc_class_add_method (klass, "copy", G_CALLBACK (digest_copy), NULL, NULL, JSC_TYPE_VALUE, 0);
    g_object_set_data (G_OBJECT (ctx), "anode-digest-class", klass);
  }
  return klass;
}

/* create(algorithm, hmacKey | undefined) -> a digest object, or null for
 * an unknown algorithm. */
static JSCValue *
create_cb (const char *name, JSCValue *key, anode_runtime_t *rt)
{
  GChecksumType type;
  if (name == NULL || !type_from_name (name, &type))
    return jsc_value_new_null (rt->ctx);
  digest_t *d = g_new0 (digest_t, 1);
  d->type = type;
  if (jsc_value_is_typed_array (key)) {
    gsize len = jsc_value_typed_array_get_size (key);
    const guchar *data = jsc_value_typed_array_get_data (key, NULL);
    d->hmac = g_hmac_new (type, len ? data : (const guchar *) "", len);
  } else {
    d->checksum = g_checksum_new (type);
  }
  return jsc_value_new_object (rt->ctx, d, digest_class (rt->ctx));
}

/* randomFill(view, offset, size) -> 0 or a negative errno */
static int
random_fill_cb (JSCValue *view, double offset, double size, anode_runtime_t *rt)
{
  if (!jsc_value_is_typed_array (view) && !jsc_value_is_array_buffer (view))
    return -EINVAL;
  gsize len = 0;
  guint8 *data = jsc_value_is_typed_array (view) ? jsc_value_typed_array_get_data (view, NULL)
                                                 : jsc_value_array_buffer_get_data (view, &len);
  len = jsc_value_is_typed_array (view) ? jsc_value_typed_array_get_size (view) : len;
  if (offset < 0 || size < 0 || offset + size > len)
    return -ERANGE;
  guint8 *p = data + (gsize) offset;
  gsize left = (gsize) size;
  while (left > 0) {
    ssize_t n = getrandom (p, left, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -errno;
    }
    p += n;
    left -= n;
  }
  return 0;
}

JSCValue *
anode_binding_hash_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "create", G_CALLBACK (create_cb), rt, JSC_TYPE_VALUE, 2, G_TYPE_STRING,
                    JSC_TYPE_VALUE);
  /* An instance held by the binding keeps the class's prototype (and its
   * methods) alive while no digest object exists. */
  digest_t *k = g_new0 (digest_t, 1);
  k->type = G_CHECKSUM_MD5;
  k->checksum = g_checksum_new (k->type);
  g_autoptr (JSCValue) keeper = jsc_value_new_object (rt->ctx, k, digest_class (rt->ctx));
  anode_set_value (b, "prototypeKeeper", keeper);
  anode_set_method (b, "randomFill", G_CALLBACK (random_fill_cb), rt, G_TYPE_INT, 3, JSC_TYPE_VALUE,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  return b;
}
