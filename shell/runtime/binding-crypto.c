/* crypto's symmetric half on OpenSSL 3 (EVP): message digests and HMACs,
 * ciphers (AEAD included), random bytes and the KDFs (PBKDF2, scrypt, HKDF),
 * the slow ones also as libuv threadpool jobs. Keys, signatures and key
 * agreement are binding-crypto-keys.c. */
#include <string.h>
#include <sys/mman.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/objects.h>
#include <openssl/rand.h>

#include "anode-runtime.h"
#include "crypto-common.h"
#include "js-util.h"
#include "jsc-capi.h"

typedef struct {
  anode_runtime_t *rt;
  JSClassRef hash_class;
  JSClassRef cipher_class;
  JSObjectRef make_error; /* protected */
  GHashTable *mds;        /* lower-case name -> EVP_MD* (fetched, owned) */
  GHashTable *ciphers;    /* lower-case name -> EVP_CIPHER* (fetched, owned) */
  EVP_MAC *hmac;
} crypto_state_t;

/* --- digests ------------------------------------------------------------ */

/* The provider implementation of digest `name`, OpenSSL's aliases
 * ("RSA-SHA256", "sha512-256", "SHA256") included. Borrowed from the cache. */
static EVP_MD *
md_lookup (crypto_state_t *st, const char *name)
{
  if (name == NULL)
    return NULL;
  g_autofree char *key = g_ascii_strdown (name, -1);
  EVP_MD *md = g_hash_table_lookup (st->mds, key);
  if (md != NULL)
    return md;
  const EVP_MD *legacy = EVP_get_digestbyname (name);
  md = EVP_MD_fetch (NULL, legacy ? EVP_MD_get0_name (legacy) : name, NULL);
  ERR_clear_error ();
  if (md != NULL)
    g_hash_table_insert (st->mds, g_steal_pointer (&key), md);
  return md;
}

static EVP_MD *
md_arg (crypto_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i)
{
  g_autofree char *name = anode_capi_arg_utf8 (ctx, argc, argv, i);
  return md_lookup (st, name);
}

typedef struct {
  EVP_MD_CTX *md;
  EVP_MAC_CTX *mac;
  size_t out_len; /* the XOF length asked for, or the digest's size */
  gboolean xof;
} hash_t;

static void
hash_finalize (JSObjectRef obj)
{
  hash_t *h = JSObjectGetPrivate (obj);
  if (h == NULL)
    return;
  EVP_MD_CTX_free (h->md);
  EVP_MAC_CTX_free (h->mac);
  g_free (h);
}

static hash_t *
hash_arg (crypto_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  if (argc < 1 || !JSValueIsObjectOfClass (ctx, argv[0], st->hash_class))
    return NULL;
  return JSObjectGetPrivate ((JSObjectRef) argv[0]);
}

/* Checks an outputLength against the digest: any length for an XOF, only
 * the digest's own size for the others (OpenSSL's "not XOF" error). */
static gboolean
hash_set_length (hash_t *h, const EVP_MD *md, double want)
{
  h->xof = (EVP_MD_get_flags (md) & EVP_MD_FLAG_XOF) != 0;
  h->out_len = EVP_MD_get_size (md);
  if (want < 0)
    return TRUE;
  if (h->xof) {
    h->out_len = (size_t) want;
    return TRUE;
  }
  if ((size_t) want != h->out_len) {
    ERR_raise (ERR_LIB_EVP, EVP_R_NOT_XOF_OR_INVALID_LENGTH);
    return FALSE;
  }
  return TRUE;
}

/* hashNew(name, outputLength | -1) -> handle, or null for an unknown digest */
static JSValueRef
hash_new_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  EVP_MD *md = md_arg (st, ctx, argc, argv, 0);
  if (md == NULL)
    return JSValueMakeNull (ctx);
  hash_t *h = g_new0 (hash_t, 1);
  if (!hash_set_length (h, md, anode_capi_arg_number (ctx, argc, argv, 1, -1))) {
    g_free (h);
    return cr_throw_openssl (ctx, st->make_error, exc, "Digest method not supported");
  }
  h->md = EVP_MD_CTX_new ();
  if (EVP_DigestInit_ex2 (h->md, md, NULL) != 1) {
    EVP_MD_CTX_free (h->md);
    g_free (h);
    return cr_throw_openssl (ctx, st->make_error, exc, "Digest method not supported");
  }
  return JSObjectMake (ctx, st->hash_class, h);
}

/* hmacNew(digest, key) -> handle, or null for an unknown digest */
static JSValueRef
hmac_new_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  EVP_MD *md = md_arg (st, ctx, argc, argv, 0);
  const guint8 *key;
  size_t key_len;
  if (md == NULL || (EVP_MD_get_flags (md) & EVP_MD_FLAG_XOF))
    return JSValueMakeNull (ctx);
  cr_arg_bytes (ctx, argc, argv, 1, &key, &key_len);
  hash_t *h = g_new0 (hash_t, 1);
  h->out_len = EVP_MD_get_size (md);
  h->mac = EVP_MAC_CTX_new (st->hmac);
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST, (char *) EVP_MD_get0_name (md), 0),
    OSSL_PARAM_construct_end (),
  };
  static const guint8 empty_key[1];
  if (h->mac == NULL || EVP_MAC_init (h->mac, key_len ? key : empty_key, key_len, params) != 1) {
    EVP_MAC_CTX_free (h->mac);
    g_free (h);
    return cr_throw_openssl (ctx, st->make_error, exc, "HMAC initialization failed");
  }
  return JSObjectMake (ctx, st->hash_class, h);
}

static gboolean
hash_update (hash_t *h, const guint8 *p, size_t n)
{
  return h->md ? EVP_DigestUpdate (h->md, p, n) == 1 : EVP_MAC_update (h->mac, p, n) == 1;
}

/* hashUpdate(handle, view | string, stringEncoding: 0 utf8, 1 latin1) -> ok */
static JSValueRef
hash_update_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  hash_t *h = hash_arg (data, ctx, argc, argv);
  if (h == NULL || argc < 2)
    return JSValueMakeBoolean (ctx, false);
  const guint8 *p;
  size_t n;
  gboolean ok;
  if (cr_bytes (ctx, argv[1], &p, &n)) {
    ok = hash_update (h, p, n);
  } else {
    GByteArray *bytes = g_byte_array_new ();
    int enc = (int) anode_capi_arg_number (ctx, argc, argv, 2, 0);
    ok = anode_capi_string_bytes (ctx, argv[1], enc, bytes) && hash_update (h, bytes->data, bytes->len);
    g_byte_array_unref (bytes);
  }
  return JSValueMakeBoolean (ctx, ok);
}

/* hashDigest(handle) -> ArrayBuffer */
static JSValueRef
hash_digest_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  hash_t *h = hash_arg (st, ctx, argc, argv);
  if (h == NULL)
    return JSValueMakeNull (ctx);
  guint8 *out = g_malloc (MAX (h->out_len, 1));
  gboolean ok;
  if (h->mac) {
    size_t len = 0;
    ok = EVP_MAC_final (h->mac, out, &len, h->out_len) == 1;
  } else if (h->xof) {
    ok = h->out_len == 0 || EVP_DigestFinalXOF (h->md, out, h->out_len) == 1;
  } else {
    ok = EVP_DigestFinal_ex (h->md, out, NULL) == 1;
  }
  if (!ok) {
    g_free (out);
    return cr_throw_openssl (ctx, st->make_error, exc, "Digest failed");
  }
  return cr_array_buffer_take (ctx, out, h->out_len);
}

/* hashCopy(handle, outputLength | -1) -> a new handle in the same state */
static JSValueRef
hash_copy_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  hash_t *h = hash_arg (st, ctx, argc, argv);
  if (h == NULL || h->md == NULL)
    return JSValueMakeNull (ctx);
  hash_t *c = g_new0 (hash_t, 1);
  c->md = EVP_MD_CTX_new ();
  if (EVP_MD_CTX_copy_ex (c->md, h->md) != 1 ||
      !hash_set_length (c, EVP_MD_CTX_get0_md (h->md), anode_capi_arg_number (ctx, argc, argv, 1, -1))) {
    EVP_MD_CTX_free (c->md);
    g_free (c);
    return cr_throw_openssl (ctx, st->make_error, exc, "Digest copy failed");
  }
  return JSObjectMake (ctx, st->hash_class, c);
}

/* digestOnce(name, view | string, stringEncoding, outputLength | -1) ->
 * ArrayBuffer, or null for an unknown digest: crypto.hash() in one call. */
static JSValueRef
digest_once_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  EVP_MD *md = md_arg (st, ctx, argc, argv, 0);
  if (md == NULL)
    return JSValueMakeNull (ctx);
  hash_t h = { 0 };
  if (!hash_set_length (&h, md, anode_capi_arg_number (ctx, argc, argv, 3, -1)))
    return cr_throw_openssl (ctx, st->make_error, exc, "Digest failed");
  const guint8 *p;
  size_t n;
  GByteArray *bytes = NULL;
  if (!cr_arg_bytes (ctx, argc, argv, 1, &p, &n)) {
    bytes = g_byte_array_new ();
    anode_capi_string_bytes (ctx, argc > 1 ? argv[1] : JSValueMakeUndefined (ctx),
                             (int) anode_capi_arg_number (ctx, argc, argv, 2, 0), bytes);
    p = bytes->data;
    n = bytes->len;
  }
  guint8 *out = g_malloc (MAX (h.out_len, 1));
  EVP_MD_CTX *mc = EVP_MD_CTX_new ();
  gboolean ok = EVP_DigestInit_ex2 (mc, md, NULL) == 1 && EVP_DigestUpdate (mc, p, n) == 1 &&
                (h.xof ? h.out_len == 0 || EVP_DigestFinalXOF (mc, out, h.out_len) == 1
                       : EVP_DigestFinal_ex (mc, out, NULL) == 1);
  EVP_MD_CTX_free (mc);
  if (bytes)
    g_byte_array_unref (bytes);
  if (!ok) {
    g_free (out);
    return cr_throw_openssl (ctx, st->make_error, exc, "Digest failed");
  }
  return cr_array_buffer_take (ctx, out, h.out_len);
}

/* digestInfo(name) -> [size, blockSize, isXOF, canonical name] or null */
static JSValueRef
digest_info_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  EVP_MD *md = md_arg (data, ctx, argc, argv, 0);
  if (md == NULL)
    return JSValueMakeNull (ctx);
  JSValueRef v[] = {
    JSValueMakeNumber (ctx, EVP_MD_get_size (md)),
    JSValueMakeNumber (ctx, EVP_MD_get_block_size (md)),
    JSValueMakeBoolean (ctx, (EVP_MD_get_flags (md) & EVP_MD_FLAG_XOF) != 0),
    cr_str (ctx, EVP_MD_get0_name (md)),
  };
  return JSObjectMakeArray (ctx, G_N_ELEMENTS (v), v, NULL);
}

/* --- ciphers ------------------------------------------------------------ */

static EVP_CIPHER *
cipher_lookup (crypto_state_t *st, const char *name)
{
  if (name == NULL)
    return NULL;
  g_autofree char *key = g_ascii_strdown (name, -1);
  EVP_CIPHER *c = g_hash_table_lookup (st->ciphers, key);
  if (c != NULL)
    return c;
  const EVP_CIPHER *legacy = EVP_get_cipherbyname (name);
  c = EVP_CIPHER_fetch (NULL, legacy ? EVP_CIPHER_get0_name (legacy) : name, NULL);
  ERR_clear_error ();
  if (c != NULL)
    g_hash_table_insert (st->ciphers, g_steal_pointer (&key), c);
  return c;
}

typedef struct {
  EVP_CIPHER_CTX *ctx;
  int mode;
  gboolean encrypt;
  gboolean aead;
  int tag_len;
  guint8 tag[16];
  gboolean have_tag; /* encrypt: final gave one; decrypt: setAuthTag passed one */
} cipher_t;

static void
cipher_finalize (JSObjectRef obj)
{
  cipher_t *c = JSObjectGetPrivate (obj);
  if (c == NULL)
    return;
  EVP_CIPHER_CTX_free (c->ctx);
  g_free (c);
}

static cipher_t *
cipher_arg (crypto_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  if (argc < 1 || !JSValueIsObjectOfClass (ctx, argv[0], st->cipher_class))
    return NULL;
  return JSObjectGetPrivate ((JSObjectRef) argv[0]);
}

static gboolean
valid_tag_len (int mode, int len)
{
  switch (mode) {
  case EVP_CIPH_GCM_MODE: return len == 4 || len == 8 || (len >= 12 && len <= 16);
  case EVP_CIPH_CCM_MODE: return len >= 4 && len <= 16 && len % 2 == 0;
  case EVP_CIPH_OCB_MODE: return len >= 1 && len <= 16;
  default: return len >= 1 && len <= 16; /* chacha20-poly1305 */
  }
}

/* cipherNew(name, key, iv | null, encrypt, authTagLength | -1) -> handle;
 * throws Node's errors for unknown ciphers and bad key, IV or tag lengths. */
static JSValueRef
cipher_new_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  g_autofree char *name = anode_capi_arg_utf8 (ctx, argc, argv, 0);
  EVP_CIPHER *cipher = cipher_lookup (st, name);
  if (cipher == NULL)
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_UNKNOWN_CIPHER", NULL);
  const guint8 *key, *iv = NULL;
  size_t key_len, iv_len = 0;
  cr_arg_bytes (ctx, argc, argv, 1, &key, &key_len);
  gboolean have_iv = cr_arg_bytes (ctx, argc, argv, 2, &iv, &iv_len);
  gboolean encrypt = argc > 3 && JSValueToBoolean (ctx, argv[3]);
  int tag_len = (int) anode_capi_arg_number (ctx, argc, argv, 4, -1);

  int mode = EVP_CIPHER_get_mode (cipher);
  gboolean aead = (EVP_CIPHER_get_flags (cipher) & EVP_CIPH_FLAG_AEAD_CIPHER) != 0;
  int want_iv = EVP_CIPHER_get_iv_length (cipher);
  gboolean chacha_poly = aead && mode == EVP_CIPH_STREAM_CIPHER;
  /* GCM, CCM and OCB take other IV lengths than their default. */
  gboolean flexible_iv = mode == EVP_CIPH_GCM_MODE || mode == EVP_CIPH_CCM_MODE || mode == EVP_CIPH_OCB_MODE;
  if (want_iv == 0 ? iv_len != 0
                   : (!have_iv || (flexible_iv ? iv_len == 0 : (int) iv_len != want_iv) ||
                      (mode == EVP_CIPH_CCM_MODE && (iv_len < 7 || iv_len > 13)) ||
                      (mode == EVP_CIPH_OCB_MODE && iv_len > 15)))
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_IV", NULL);
  if (aead) {
    if (tag_len < 0 && (mode == EVP_CIPH_CCM_MODE || (mode == EVP_CIPH_OCB_MODE && !encrypt))) {
      g_autofree char *msg = g_strdup_printf ("authTagLength required for %s", name);
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_AUTH_TAG", msg);
    }
    if (tag_len >= 0 && !valid_tag_len (mode, tag_len)) {
      g_autofree char *msg = g_strdup_printf ("Invalid authentication tag length: %d", tag_len);
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_AUTH_TAG", msg);
    }
  }

  cipher_t *c = g_new0 (cipher_t, 1);
  c->ctx = EVP_CIPHER_CTX_new ();
  c->mode = mode;
  c->encrypt = encrypt;
  c->aead = aead;
  c->tag_len = tag_len >= 0 ? tag_len : 16;
  gboolean ok = EVP_CipherInit_ex2 (c->ctx, cipher, NULL, NULL, encrypt, NULL) == 1;
  if (ok && (int) key_len != EVP_CIPHER_get_key_length (cipher) &&
      EVP_CIPHER_CTX_set_key_length (c->ctx, key_len) != 1) {
    EVP_CIPHER_CTX_free (c->ctx);
    g_free (c);
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_KEYLEN", NULL);
  }
  if (ok && aead && !chacha_poly && (int) iv_len != want_iv)
    ok = EVP_CIPHER_CTX_ctrl (c->ctx, EVP_CTRL_AEAD_SET_IVLEN, iv_len, NULL) == 1;
  if (ok && aead && (mode == EVP_CIPH_CCM_MODE || mode == EVP_CIPH_OCB_MODE))
    ok = EVP_CIPHER_CTX_ctrl (c->ctx, EVP_CTRL_AEAD_SET_TAG, c->tag_len, NULL) == 1;
  if (ok)
    ok = EVP_CipherInit_ex2 (c->ctx, NULL, key, iv_len ? iv : NULL, encrypt, NULL) == 1;
  if (!ok) {
    EVP_CIPHER_CTX_free (c->ctx);
    g_free (c);
    return cr_throw_openssl (ctx, st->make_error, exc, "Cipher initialization failed");
  }
  return JSObjectMake (ctx, st->cipher_class, c);
}

/* cipherUpdate(handle, view) -> ArrayBuffer */
static JSValueRef
cipher_update_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  cipher_t *c = cipher_arg (st, ctx, argc, argv);
  const guint8 *in;
  size_t in_len;
  if (c == NULL || !cr_arg_bytes (ctx, argc, argv, 1, &in, &in_len))
    return JSValueMakeNull (ctx);
  if (in_len > INT_MAX - 64)
    return cr_throw_code (ctx, st->make_error, exc, "ERR_OUT_OF_RANGE", "data is too large");
  /* CCM decryption authenticates in the one update; a wrong tag shows here. */
  int block = EVP_CIPHER_CTX_get_block_size (c->ctx);
  guint8 *out = g_malloc (in_len + block + 1);
  int out_len = 0;
  if (EVP_CipherUpdate (c->ctx, out, &out_len, in, (int) in_len) != 1) {
    g_free (out);
    if (c->mode == EVP_CIPH_CCM_MODE && !c->encrypt) {
      ERR_clear_error ();
      return cr_throw_openssl (ctx, st->make_error, exc, "Unsupported state or unable to authenticate data");
    }
    return cr_throw_openssl (ctx, st->make_error, exc, "Trying to add data in unsupported state");
  }
  return cr_array_buffer_take (ctx, out, out_len);
}

/* cipherFinal(handle) -> ArrayBuffer; an AEAD encryption keeps its tag */
static JSValueRef
cipher_final_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  cipher_t *c = cipher_arg (st, ctx, argc, argv);
  if (c == NULL)
    return JSValueMakeNull (ctx);
  guint8 *out = g_malloc (EVP_CIPHER_CTX_get_block_size (c->ctx) + 1);
  int out_len = 0;
  if (c->aead && !c->encrypt && !c->have_tag && c->mode != EVP_CIPH_CCM_MODE) {
    g_free (out);
    return cr_throw_openssl (ctx, st->make_error, exc, "Unsupported state or unable to authenticate data");
  }
  /* CCM has authenticated (or refused) in update already. */
  int ok = c->mode == EVP_CIPH_CCM_MODE && !c->encrypt ? 1 : EVP_CipherFinal_ex (c->ctx, out, &out_len);
  if (ok != 1) {
    g_free (out);
    if (c->aead) {
      ERR_clear_error ();
      return cr_throw_openssl (ctx, st->make_error, exc, "Unsupported state or unable to authenticate data");
    }
    return cr_throw_openssl (ctx, st->make_error, exc, "Unsupported state");
  }
  if (c->aead && c->encrypt) {
    if (EVP_CIPHER_CTX_ctrl (c->ctx, EVP_CTRL_AEAD_GET_TAG, c->tag_len, c->tag) == 1)
      c->have_tag = TRUE;
    ERR_clear_error ();
  }
  return cr_array_buffer_take (ctx, out, out_len);
}

/* cipherSetAAD(handle, view, plaintextLength | -1) -> ok */
static JSValueRef
cipher_set_aad_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  cipher_t *c = cipher_arg (st, ctx, argc, argv);
  const guint8 *aad;
  size_t len;
  if (c == NULL || !c->aead || !cr_arg_bytes (ctx, argc, argv, 1, &aad, &len))
    return JSValueMakeBoolean (ctx, false);
  int out_len;
  if (c->mode == EVP_CIPH_CCM_MODE) {
    double pt = anode_capi_arg_number (ctx, argc, argv, 2, -1);
    if (pt < 0)
      return cr_throw_code (ctx, st->make_error, exc, "ERR_MISSING_OPTION",
                            "options.plaintextLength");
    if (EVP_CipherUpdate (c->ctx, NULL, &out_len, NULL, (int) pt) != 1) {
      ERR_clear_error ();
      return JSValueMakeBoolean (ctx, false);
    }
  }
  gboolean ok = EVP_CipherUpdate (c->ctx, NULL, &out_len, aad, (int) len) == 1;
  ERR_clear_error ();
  return JSValueMakeBoolean (ctx, ok);
}

/* cipherSetLength(handle, plaintextLength): CCM wants the length first */
static JSValueRef
cipher_set_length_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  cipher_t *c = cipher_arg (data, ctx, argc, argv);
  int out_len;
  if (c == NULL || c->mode != EVP_CIPH_CCM_MODE)
    return JSValueMakeBoolean (ctx, false);
  gboolean ok = EVP_CipherUpdate (c->ctx, NULL, &out_len, NULL,
                                  (int) anode_capi_arg_number (ctx, argc, argv, 1, 0)) == 1;
  ERR_clear_error ();
  return JSValueMakeBoolean (ctx, ok);
}

/* cipherSetAutoPadding(handle, on) -> ok */
static JSValueRef
cipher_set_padding_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  cipher_t *c = cipher_arg (data, ctx, argc, argv);
  if (c == NULL)
    return JSValueMakeBoolean (ctx, false);
  return JSValueMakeBoolean (ctx, EVP_CIPHER_CTX_set_padding (c->ctx, argc > 1 && JSValueToBoolean (ctx, argv[1])) == 1);
}

/* cipherGetAuthTag(handle) -> ArrayBuffer, or null before final */
static JSValueRef
cipher_get_tag_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  cipher_t *c = cipher_arg (data, ctx, argc, argv);
  if (c == NULL || !c->encrypt || !c->have_tag)
    return JSValueMakeNull (ctx);
  return cr_array_buffer_copy (ctx, c->tag, c->tag_len);
}

/* cipherSetAuthTag(handle, view) -> ok; throws for a length the mode
 * refuses or that differs from authTagLength. */
static JSValueRef
cipher_set_tag_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  cipher_t *c = cipher_arg (st, ctx, argc, argv);
  const guint8 *tag;
  size_t len;
  if (c == NULL || c->encrypt || !c->aead || !cr_arg_bytes (ctx, argc, argv, 1, &tag, &len))
    return JSValueMakeBoolean (ctx, false);
  gboolean fixed = argc > 2 && JSValueToBoolean (ctx, argv[2]); /* authTagLength was given */
  if (len > 16 || !valid_tag_len (c->mode, len) || (fixed && (int) len != c->tag_len)) {
    g_autofree char *msg = g_strdup_printf ("Invalid authentication tag length: %zu", len);
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_AUTH_TAG", msg);
  }
  c->tag_len = len;
  memcpy (c->tag, tag, len);
  gboolean ok = EVP_CIPHER_CTX_ctrl (c->ctx, EVP_CTRL_AEAD_SET_TAG, len, c->tag) == 1;
  ERR_clear_error ();
  c->have_tag = ok;
  return JSValueMakeBoolean (ctx, ok);
}

static const char *
mode_name (int mode, gboolean aead)
{
  switch (mode) {
  case EVP_CIPH_ECB_MODE: return "ecb";
  case EVP_CIPH_CBC_MODE: return "cbc";
  case EVP_CIPH_CFB_MODE: return "cfb";
  case EVP_CIPH_OFB_MODE: return "ofb";
  case EVP_CIPH_CTR_MODE: return "ctr";
  case EVP_CIPH_GCM_MODE: return "gcm";
  case EVP_CIPH_CCM_MODE: return "ccm";
  case EVP_CIPH_XTS_MODE: return "xts";
  case EVP_CIPH_WRAP_MODE: return "wrap";
  case EVP_CIPH_OCB_MODE: return "ocb";
  case EVP_CIPH_STREAM_CIPHER: return "stream";
  default: return NULL;
  }
}

/* cipherInfo(name | nid) -> [name, nid, blockSize, ivLength, keyLength, mode] or null */
static JSValueRef
cipher_info_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  EVP_CIPHER *c;
  if (argc > 0 && JSValueIsNumber (ctx, argv[0])) {
    const EVP_CIPHER *legacy = EVP_get_cipherbynid ((int) JSValueToNumber (ctx, argv[0], NULL));
    c = legacy ? cipher_lookup (st, EVP_CIPHER_get0_name (legacy)) : NULL;
  } else {
    g_autofree char *name = anode_capi_arg_utf8 (ctx, argc, argv, 0);
    c = cipher_lookup (st, name);
  }
  if (c == NULL)
    return JSValueMakeNull (ctx);
  int mode = EVP_CIPHER_get_mode (c);
  const char *mname = mode_name (mode, FALSE);
  g_autofree char *lname = g_ascii_strdown (OBJ_nid2sn (EVP_CIPHER_get_nid (c)), -1);
  JSValueRef v[] = {
    cr_str (ctx, lname),
    JSValueMakeNumber (ctx, EVP_CIPHER_get_nid (c)),
    JSValueMakeNumber (ctx, EVP_CIPHER_get_block_size (c)),
    JSValueMakeNumber (ctx, EVP_CIPHER_get_iv_length (c)),
    JSValueMakeNumber (ctx, EVP_CIPHER_get_key_length (c)),
    mname ? cr_str (ctx, mname) : JSValueMakeUndefined (ctx),
  };
  return JSObjectMakeArray (ctx, G_N_ELEMENTS (v), v, NULL);
}

/* --- name lists --------------------------------------------------------- */

static void
collect_name (const OBJ_NAME *on, void *arg)
{
  g_ptr_array_add (arg, g_strdup (on->name));
}

static gint
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names OpenSSL knows (aliases too) that the default provider can
 * actually fetch, sorted. */
static JSValueRef
names_array (crypto_state_t *st, JSContextRef ctx, int type)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);
  OBJ_NAME_do_all (type, collect_name, all);
  g_ptr_array_sort (all, cmp_str);
  JSValueRef *vals = g_new (JSValueRef, MAX (all->len, 1));
  size_t n = 0;
  for (guint i = 0; i < all->len; i++) {
    const char *name = all->pdata[i];
    if (i > 0 && strcmp (name, all->pdata[i - 1]) == 0)
      continue;
    gboolean usable = type == OBJ_NAME_TYPE_MD_METH ? md_lookup (st, name) != NULL
                                                    : cipher_lookup (st, name) != NULL;
    if (usable)
      vals[n++] = cr_str (ctx, name);
  }
  JSValueRef arr = JSObjectMakeArray (ctx, n, vals, NULL);
  g_free (vals);
  g_ptr_array_unref (all);
  return arr;
}

static JSValueRef
get_hashes_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  return names_array (data, ctx, OBJ_NAME_TYPE_MD_METH);
}

static JSValueRef
get_ciphers_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  return names_array (data, ctx, OBJ_NAME_TYPE_CIPHER_METH);
}

/* --- random bytes and KDF jobs ------------------------------------------
 * A job copies its inputs and writes into memory of its own, so a worker
 * thread never touches the JS heap; the result is copied or handed over on
 * the loop thread. OpenSSL's error queue is per thread: a worker's error is
 * carried back as its packed code. */

typedef enum { JOB_RANDOM, JOB_RANDOM_NEW, JOB_PBKDF2, JOB_SCRYPT, JOB_HKDF } job_kind_t;

typedef struct {
  uv_work_t work;
  anode_runtime_t *rt;
  job_kind_t kind;
  guint8 *in1, *in2, *in3;
  size_t in1_len, in2_len, in3_len;
  guint8 *out;
  size_t out_len;
  gboolean out_mapped; /* out is a fresh_bytes() mapping */
  EVP_MD *md; /* a reference of its own */
  double iter;
  uint64_t n, r, p, maxmem;
  gboolean ok;
  unsigned long err;
  JSObjectRef cb;     /* protected while queued */
  JSObjectRef target; /* randomFill's view, protected while queued */
  size_t target_off;
} job_t;

static guint8 *
dup_bytes (const guint8 *p, size_t n)
{
  guint8 *d = g_malloc (MAX (n, 1));
  if (n)
    memcpy (d, p, n);
  return d;
}

/* Memory for a big new random buffer: its pages faulted in by the kernel in
 * one go (MAP_POPULATE), which costs a fraction of faulting them one by one
 * as the generator writes. Small sizes come from malloc. */
#define FRESH_MAP_MIN (1 << 20)

static guint8 *
fresh_bytes (size_t n, gboolean *mapped)
{
  *mapped = FALSE;
  if (n >= FRESH_MAP_MIN) {
    void *p = mmap (NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p != MAP_FAILED) {
      *mapped = TRUE;
      return p;
    }
  }
  return g_malloc (MAX (n, 1));
}

static void
unmap_bytes (void *bytes, void *context)
{
  munmap (bytes, GPOINTER_TO_SIZE (context));
}

static JSValueRef
fresh_array_buffer (JSContextRef ctx, guint8 *p, size_t n, gboolean mapped)
{
  if (!mapped)
    return cr_array_buffer_take (ctx, p, n);
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, p, n, unmap_bytes, GSIZE_TO_POINTER (n), NULL);
}

static void
job_free (job_t *j)
{
  g_free (j->in1);
  if (j->in2)
    OPENSSL_cleanse (j->in2, j->in2_len);
  g_free (j->in2);
  g_free (j->in3);
  if (j->out_mapped)
    munmap (j->out, j->out_len);
  else
    g_free (j->out);
  EVP_MD_free (j->md);
  g_free (j);
}

static gboolean
fill_random (guint8 *p, size_t n)
{
  while (n > 0) {
    int chunk = n > (1u << 30) ? (1 << 30) : (int) n;
    if (RAND_bytes (p, chunk) != 1)
      return FALSE;
    p += chunk;
    n -= chunk;
  }
  return TRUE;
}

static void
job_run (job_t *j)
{
  /* in1: password / key material, in2: salt, in3: info */
  switch (j->kind) {
  case JOB_RANDOM:
    j->ok = fill_random (j->out, j->out_len);
    break;
  case JOB_RANDOM_NEW:
    j->out = fresh_bytes (j->out_len, &j->out_mapped);
    j->ok = fill_random (j->out, j->out_len);
    break;
  case JOB_PBKDF2:
    j->ok = PKCS5_PBKDF2_HMAC ((const char *) j->in1, j->in1_len, j->in2, j->in2_len, (int) j->iter,
                               j->md, j->out_len, j->out) == 1;
    break;
  case JOB_SCRYPT:
    j->ok = EVP_PBE_scrypt ((const char *) j->in1, j->in1_len, j->in2, j->in2_len, j->n, j->r, j->p,
                            j->maxmem, j->out, j->out_len) == 1;
    break;
  case JOB_HKDF: {
    EVP_KDF *kdf = EVP_KDF_fetch (NULL, "HKDF", NULL);
    EVP_KDF_CTX *kc = kdf ? EVP_KDF_CTX_new (kdf) : NULL;
    OSSL_PARAM params[5];
    int i = 0;
    params[i++] = OSSL_PARAM_construct_utf8_string (OSSL_KDF_PARAM_DIGEST, (char *) EVP_MD_get0_name (j->md), 0);
    params[i++] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_KEY, j->in1, j->in1_len);
    /* An empty salt means HashLen zeros (RFC 5869); OpenSSL wants it spelled out. */
    guint8 zeros[EVP_MAX_MD_SIZE] = { 0 };
    if (j->in2_len)
      params[i++] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT, j->in2, j->in2_len);
    else
      params[i++] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT, zeros, EVP_MD_get_size (j->md));
    params[i++] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_INFO, j->in3, j->in3_len);
    params[i] = OSSL_PARAM_construct_end ();
    j->ok = kc != NULL && EVP_KDF_derive (kc, j->out, j->out_len, params) == 1;
    EVP_KDF_CTX_free (kc);
    EVP_KDF_free (kdf);
    break;
  }
  }
  if (!j->ok)
    j->err = ERR_peek_last_error ();
  ERR_clear_error ();
}

static void
job_work_cb (uv_work_t *w)
{
  job_run (w->data);
}

/* The job's result as a JS value (an ArrayBuffer, or undefined for a
 * randomFill, whose bytes went into the caller's view), or NULL with *err. */
static JSValueRef
job_result (crypto_state_t *st, JSContextRef ctx, job_t *j, JSValueRef *err)
{
  if (!j->ok) {
    if (j->err)
      ERR_raise (ERR_GET_LIB (j->err), ERR_GET_REASON (j->err));
    *err = cr_openssl_error (ctx, st->make_error, j->kind == JOB_SCRYPT ? "Invalid scrypt params"
                                                                          : "Key derivation failed");
    return NULL;
  }
  if (j->kind == JOB_RANDOM) {
    const guint8 *p;
    size_t n;
    if (j->target && cr_bytes (ctx, j->target, &p, &n) && j->target_off + j->out_len <= n)
      memcpy ((guint8 *) p + j->target_off, j->out, j->out_len);
    return JSValueMakeUndefined (ctx);
  }
  JSValueRef ab = fresh_array_buffer (ctx, j->out, j->out_len, j->out_mapped);
  j->out = NULL;
  j->out_mapped = FALSE;
  return ab;
}

static void
job_after_cb (uv_work_t *w, int status)
{
  job_t *j = w->data;
  anode_runtime_t *rt = j->rt;
  if (rt->ctx == NULL) { /* torn down: the JS heap is gone with its values */
    job_free (j);
    return;
  }
  crypto_state_t *st = g_object_get_data (G_OBJECT (rt->ctx), "anode-crypto-state");
  JSGlobalContextRef ctx = anode_capi_context (rt->ctx);
  JSValueRef err = JSValueMakeNull (ctx);
  JSValueRef res = job_result (st, ctx, j, &err);
  JSObjectRef cb = j->cb;
  if (j->target)
    JSValueUnprotect (ctx, j->target);
  job_free (j);
  JSValueRef args[2] = { err, res ? res : JSValueMakeUndefined (ctx) };
  anode_capi_callback (rt, cb, 2, args);
  JSValueUnprotect (ctx, cb);
}

/* Runs the job now (no callback: returns its result or throws) or queues
 * it (returns undefined; the callback gets (err, result)). Takes `j`. */
static JSValueRef
job_start (crypto_state_t *st, JSContextRef ctx, job_t *j, JSValueRef cb, JSValueRef *exc)
{
  j->rt = st->rt;
  if (cb != NULL && JSValueIsObject (ctx, cb)) {
    j->cb = (JSObjectRef) cb;
    JSValueProtect (ctx, j->cb);
    if (j->target)
      JSValueProtect (ctx, j->target);
    j->work.data = j;
    int r = uv_queue_work (&st->rt->loop, &j->work, job_work_cb, job_after_cb);
    if (r < 0) {
      JSValueUnprotect (ctx, j->cb);
      if (j->target)
        JSValueUnprotect (ctx, j->target);
      job_free (j);
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_OPERATION_FAILED", uv_strerror (r));
    }
    return JSValueMakeUndefined (ctx);
  }
  job_run (j);
  JSValueRef err = NULL;
  JSValueRef res = job_result (st, ctx, j, &err);
  job_free (j);
  if (res == NULL) {
    *exc = err;
    return JSValueMakeUndefined (ctx);
  }
  return res;
}

/* randomFill(view, offset, size, cb?) */
static JSValueRef
random_fill_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  const guint8 *p;
  size_t len;
  if (!cr_arg_bytes (ctx, argc, argv, 0, &p, &len))
    return JSValueMakeBoolean (ctx, false);
  double off = anode_capi_arg_number (ctx, argc, argv, 1, 0);
  double size = anode_capi_arg_number (ctx, argc, argv, 2, len - off);
  if (!(off >= 0) || !(size >= 0) || off + size > len)
    return cr_throw_code (ctx, st->make_error, exc, "ERR_OUT_OF_RANGE", "offset + size");
  if (argc < 4 || !JSValueIsObject (ctx, argv[3])) {
    /* The common case, synchronous, writes straight into the view. */
    if (!fill_random ((guint8 *) p + (size_t) off, (size_t) size))
      return cr_throw_openssl (ctx, st->make_error, exc, "Random bytes generation failed");
    return JSValueMakeBoolean (ctx, true);
  }
  job_t *j = g_new0 (job_t, 1);
  j->kind = JOB_RANDOM;
  j->out_len = (size_t) size;
  j->out = g_malloc (MAX (j->out_len, 1));
  j->target = (JSObjectRef) argv[0];
  j->target_off = (size_t) off;
  return job_start (st, ctx, j, argv[3], exc);
}

/* randomBytes(size, cb?) -> a new ArrayBuffer of random bytes (or, with
 * cb, made and filled on the threadpool and handed to cb) */
static JSValueRef
random_bytes_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  size_t n = (size_t) anode_capi_arg_number (ctx, argc, argv, 0, 0);
  if (argc > 1 && JSValueIsObject (ctx, argv[1])) {
    job_t *j = g_new0 (job_t, 1);
    j->kind = JOB_RANDOM_NEW;
    j->out_len = n;
    return job_start (st, ctx, j, argv[1], exc);
  }
  gboolean mapped;
  guint8 *p = fresh_bytes (n, &mapped);
  if (!fill_random (p, n)) {
    if (mapped)
      munmap (p, n);
    else
      g_free (p);
    return cr_throw_openssl (ctx, st->make_error, exc, "Random bytes generation failed");
  }
  return fresh_array_buffer (ctx, p, n, mapped);
}

static gboolean
bytes_or_string (JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i, guint8 **out, size_t *len)
{
  const guint8 *p;
  if (cr_arg_bytes (ctx, argc, argv, i, &p, len)) {
    *out = dup_bytes (p, *len);
    return TRUE;
  }
  *out = g_malloc (1);
  *len = 0;
  return FALSE;
}

/* pbkdf2(password, salt, iterations, keylen, digest, cb?) */
static JSValueRef
pbkdf2_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  g_autofree char *name = anode_capi_arg_utf8 (ctx, argc, argv, 4);
  EVP_MD *md = md_lookup (st, name);
  if (md == NULL || (EVP_MD_get_flags (md) & EVP_MD_FLAG_XOF))
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_DIGEST", name ? name : "");
  job_t *j = g_new0 (job_t, 1);
  j->kind = JOB_PBKDF2;
  bytes_or_string (ctx, argc, argv, 0, &j->in1, &j->in1_len);
  bytes_or_string (ctx, argc, argv, 1, &j->in2, &j->in2_len);
  j->iter = anode_capi_arg_number (ctx, argc, argv, 2, 1);
  j->out_len = (size_t) anode_capi_arg_number (ctx, argc, argv, 3, 0);
  j->out = g_malloc (MAX (j->out_len, 1));
  EVP_MD_up_ref (md);
  j->md = md;
  return job_start (st, ctx, j, argc > 5 ? argv[5] : NULL, exc);
}

/* scryptCheck(N, r, p, maxmem) -> null when acceptable, else what OpenSSL
 * said ("" when it said nothing) */
static JSValueRef
scrypt_check_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  uint64_t n = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 0, 0);
  uint64_t r = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 1, 0);
  uint64_t p = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 2, 0);
  uint64_t maxmem = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 3, 0);
  if (EVP_PBE_scrypt (NULL, 0, NULL, 0, n, r, p, maxmem, NULL, 0) == 1)
    return JSValueMakeNull (ctx);
  char buf[256] = "";
  unsigned long e = ERR_peek_last_error ();
  if (e != 0)
    ERR_error_string_n (e, buf, sizeof buf);
  ERR_clear_error ();
  return cr_str (ctx, buf);
}

/* scrypt(password, salt, keylen, N, r, p, maxmem, cb?) */
static JSValueRef
scrypt_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  job_t *j = g_new0 (job_t, 1);
  j->kind = JOB_SCRYPT;
  bytes_or_string (ctx, argc, argv, 0, &j->in1, &j->in1_len);
  bytes_or_string (ctx, argc, argv, 1, &j->in2, &j->in2_len);
  j->out_len = (size_t) anode_capi_arg_number (ctx, argc, argv, 2, 0);
  j->n = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 3, 16384);
  j->r = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 4, 8);
  j->p = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 5, 1);
  j->maxmem = (uint64_t) anode_capi_arg_number (ctx, argc, argv, 6, 32 << 20);
  j->out = g_malloc (MAX (j->out_len, 1));
  return job_start (st, ctx, j, argc > 7 ? argv[7] : NULL, exc);
}

/* hkdf(digest, key, salt, info, keylen, cb?) */
static JSValueRef
hkdf_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  g_autofree char *name = anode_capi_arg_utf8 (ctx, argc, argv, 0);
  EVP_MD *md = md_lookup (st, name);
  if (md == NULL || (EVP_MD_get_flags (md) & EVP_MD_FLAG_XOF))
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_DIGEST", name ? name : "");
  job_t *j = g_new0 (job_t, 1);
  j->kind = JOB_HKDF;
  bytes_or_string (ctx, argc, argv, 1, &j->in1, &j->in1_len);
  bytes_or_string (ctx, argc, argv, 2, &j->in2, &j->in2_len);
  bytes_or_string (ctx, argc, argv, 3, &j->in3, &j->in3_len);
  j->out_len = (size_t) anode_capi_arg_number (ctx, argc, argv, 4, 0);
  if (j->out_len > 255 * (size_t) EVP_MD_get_size (md)) {
    job_free (j);
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_KEYLEN", NULL);
  }
  j->out = g_malloc (MAX (j->out_len, 1));
  EVP_MD_up_ref (md);
  j->md = md;
  return job_start (st, ctx, j, argc > 5 ? argv[5] : NULL, exc);
}

/* timingSafeEqual(a, b) -> equal? (lengths checked by the caller) */
static JSValueRef
timing_safe_equal_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  const guint8 *a, *b;
  size_t alen, blen;
  if (!cr_arg_bytes (ctx, argc, argv, 0, &a, &alen) || !cr_arg_bytes (ctx, argc, argv, 1, &b, &blen) ||
      alen != blen)
    return JSValueMakeBoolean (ctx, false);
  return JSValueMakeBoolean (ctx, CRYPTO_memcmp (a, b, alen) == 0);
}

/* setup(makeError) */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  crypto_state_t *st = data;
  return cr_setup (ctx, &st->make_error, argc, argv);
}

static void
state_free (gpointer data)
{
  crypto_state_t *st = data;
  /* The heap (and make_error with it) is already going away. */
  g_hash_table_unref (st->mds);
  g_hash_table_unref (st->ciphers);
  EVP_MAC_free (st->hmac);
  JSClassRelease (st->hash_class);
  JSClassRelease (st->cipher_class);
  g_free (st);
}

JSCValue *
anode_binding_crypto_init (anode_runtime_t *rt)
{
  crypto_state_t *st = g_new0 (crypto_state_t, 1);
  st->rt = rt;
  st->mds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) EVP_MD_free);
  st->ciphers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) EVP_CIPHER_free);
  st->hmac = EVP_MAC_fetch (NULL, "HMAC", NULL);
  JSClassDefinition def = { 0 };
  def.className = "Hash";
  def.finalize = hash_finalize;
  st->hash_class = JSClassCreate (&def);
  def.className = "CipherBase";
  def.finalize = cipher_finalize;
  st->cipher_class = JSClassCreate (&def);
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-crypto-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb },
    { "hashNew", hash_new_cb },
    { "hmacNew", hmac_new_cb },
    { "hashUpdate", hash_update_cb },
    { "hashDigest", hash_digest_cb },
    { "hashCopy", hash_copy_cb },
    { "digestOnce", digest_once_cb },
    { "digestInfo", digest_info_cb },
    { "cipherNew", cipher_new_cb },
    { "cipherUpdate", cipher_update_cb },
    { "cipherFinal", cipher_final_cb },
    { "cipherSetAAD", cipher_set_aad_cb },
    { "cipherSetLength", cipher_set_length_cb },
    { "cipherSetAutoPadding", cipher_set_padding_cb },
    { "cipherGetAuthTag", cipher_get_tag_cb },
    { "cipherSetAuthTag", cipher_set_tag_cb },
    { "cipherInfo", cipher_info_cb },
    { "getHashes", get_hashes_cb },
    { "getCiphers", get_ciphers_cb },
    { "randomFill", random_fill_cb },
    { "randomBytes", random_bytes_cb },
    { "pbkdf2", pbkdf2_cb },
    { "scryptCheck", scrypt_check_cb },
    { "scrypt", scrypt_cb },
    { "hkdf", hkdf_cb },
    { "timingSafeEqual", timing_safe_equal_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  anode_set_string (b, "OPENSSL_VERSION", OpenSSL_version (OPENSSL_VERSION_STRING));
  anode_set_double (b, "OPENSSL_VERSION_NUMBER", OPENSSL_VERSION_NUMBER);
  return b;
}
