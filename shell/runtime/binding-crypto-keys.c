/* crypto's asymmetric half on OpenSSL 3: key objects (parse, generate,
 * export to PEM/DER/JWK parts, details), signatures, RSA encryption, key
 * agreement (EVP_PKEY_derive), classic DiffieHellman and ECDH objects, and
 * primes. Key generation and prime work can run on the libuv threadpool. */
#include <math.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "anode-runtime.h"
#include "crypto-common.h"
#include "js-util.h"
#include "jsc-capi.h"

typedef struct {
  anode_runtime_t *rt;
  JSClassRef key_class;
  JSClassRef dh_class;
  JSClassRef ecdh_class;
  JSObjectRef make_error; /* protected */
} keys_state_t;

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

/* --- key handles -------------------------------------------------------- */

static void
key_finalize (JSObjectRef obj)
{
  EVP_PKEY *pkey = JSObjectGetPrivate (obj);
  if (pkey != NULL)
    EVP_PKEY_free (pkey);
}

static JSValueRef
key_wrap (keys_state_t *st, JSContextRef ctx, EVP_PKEY *pkey)
{
  return JSObjectMake (ctx, st->key_class, pkey);
}

static EVP_PKEY *
key_arg (keys_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i)
{
  if (i >= argc || !JSValueIsObjectOfClass (ctx, argv[i], st->key_class))
    return NULL;
  return JSObjectGetPrivate ((JSObjectRef) argv[i]);
}

static char *
str_arg (JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i)
{
  return anode_capi_arg_utf8 (ctx, argc, argv, i);
}

/* The name Node gives the key's algorithm (asymmetricKeyType). */
static const char *
key_type_name (const EVP_PKEY *pkey)
{
  static const struct {
    const char *ossl, *node;
  } names[] = {
    { "RSA-PSS", "rsa-pss" }, { "RSA", "rsa" },       { "EC", "ec" },       { "ED25519", "ed25519" },
    { "ED448", "ed448" },     { "X25519", "x25519" }, { "X448", "x448" },   { "DSA", "dsa" },
    { "DHX", "dh" },          { "DH", "dh" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (EVP_PKEY_is_a (pkey, names[i].ossl))
      return names[i].node;
  return NULL;
}

typedef struct {
  gboolean asked;
} pass_state_t;

/* Asked for a passphrase nobody gave: remember, and refuse. */
static int
no_passphrase_cb (char *pass, size_t size, size_t *len, const OSSL_PARAM params[], void *arg)
{
  ((pass_state_t *) arg)->asked = TRUE;
  return 0;
}

static EVP_PKEY *
decode (const guint8 *data, size_t len, const char *input, const char *structure, const char *keytype,
        int selection, const guint8 *pass, size_t pass_len, gboolean have_pass, pass_state_t *ps)
{
  EVP_PKEY *pkey = NULL;
  OSSL_DECODER_CTX *dctx =
    OSSL_DECODER_CTX_new_for_pkey (&pkey, input, structure, keytype, selection, NULL, NULL);
  if (dctx == NULL)
    return NULL;
  if (have_pass)
    OSSL_DECODER_CTX_set_passphrase (dctx, pass_len ? pass : (const guint8 *) "", pass_len);
  else
    OSSL_DECODER_CTX_set_passphrase_cb (dctx, no_passphrase_cb, ps);
  const unsigned char *p = data;
  size_t left = len;
  if (OSSL_DECODER_from_data (dctx, &p, &left) != 1) {
    EVP_PKEY_free (pkey);
    pkey = NULL;
  }
  OSSL_DECODER_CTX_free (dctx);
  return pkey;
}

/* A copy of `pkey` holding its public half only. */
static EVP_PKEY *
public_only (EVP_PKEY *pkey)
{
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (pkey, &der);
  if (n <= 0)
    return NULL;
  const unsigned char *p = der;
  EVP_PKEY *pub = d2i_PUBKEY (NULL, &p, n);
  OPENSSL_free (der);
  return pub;
}

static gboolean
has_pem_label (const guint8 *data, size_t len, const char *label)
{
  return g_strstr_len ((const char *) data, len, label) != NULL;
}

static const char *
der_structure (const char *type, const char **keytype)
{
  *keytype = NULL;
  if (type == NULL)
    return NULL;
  if (strcmp (type, "spki") == 0)
    return "SubjectPublicKeyInfo";
  if (strcmp (type, "pkcs1") == 0) {
    *keytype = "RSA";
    return "type-specific";
  }
  if (strcmp (type, "sec1") == 0) {
    *keytype = "EC";
    return "type-specific";
  }
  return NULL; /* pkcs8, encrypted or not: let the decoders find out */
}

/* parseKey(data, isPublic, format 'pem'|'der', type | null, passphrase | null)
 * -> handle. A public key can come from a public key, a certificate or a
 * private key (whose public half is kept). Throws OpenSSL's error. */
static JSValueRef
parse_key_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  const guint8 *in, *pass = NULL;
  size_t len, pass_len = 0;
  if (!cr_arg_bytes (ctx, argc, argv, 0, &in, &len))
    return JSValueMakeNull (ctx);
  gboolean want_public = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  g_autofree char *format = str_arg (ctx, argc, argv, 2);
  g_autofree char *type = str_arg (ctx, argc, argv, 3);
  gboolean have_pass = cr_arg_bytes (ctx, argc, argv, 4, &pass, &pass_len);
  gboolean pem = format == NULL || strcmp (format, "pem") == 0;
  const char *keytype = NULL;
  const char *structure = pem ? NULL : der_structure (type, &keytype);
  pass_state_t ps = { FALSE };
  EVP_PKEY *pkey = NULL;
  ERR_clear_error ();

  if (want_public) {
    if (pem && has_pem_label (in, len, "-----BEGIN CERTIFICATE-----")) {
      BIO *bio = BIO_new_mem_buf (in, len);
      X509 *x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
      BIO_free (bio);
      if (x509 != NULL) {
        pkey = X509_get_pubkey (x509);
        X509_free (x509);
      }
    } else if (pem ? !has_pem_label (in, len, "PRIVATE KEY-----")
                   : (type == NULL || strcmp (type, "spki") == 0 || strcmp (type, "pkcs1") == 0)) {
      pkey = decode (in, len, pem ? "PEM" : "DER", structure, keytype, EVP_PKEY_PUBLIC_KEY, NULL, 0, FALSE,
                     &ps);
    }
    if (pkey == NULL && (pem || (type != NULL && strcmp (type, "spki") != 0))) {
      /* A private key stands for its public half. */
      EVP_PKEY *priv = decode (in, len, pem ? "PEM" : "DER", structure, keytype, EVP_PKEY_KEYPAIR, pass,
                               pass_len, have_pass, &ps);
      if (priv != NULL) {
        ERR_clear_error ();
        pkey = public_only (priv);
        EVP_PKEY_free (priv);
      }
    }
  } else {
    pkey = decode (in, len, pem ? "PEM" : "DER", structure, keytype, EVP_PKEY_KEYPAIR, pass, pass_len,
                   have_pass, &ps);
  }
  if (pkey == NULL) {
    /* A missing passphrase is OpenSSL's "interrupted or cancelled" in Node
     * too (ps.asked); no error of Node's own. */
    if (ERR_peek_error () == 0)
      ERR_raise (ERR_LIB_OSSL_DECODER, ERR_R_UNSUPPORTED);
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to read asymmetric key");
  }
  ERR_clear_error ();
  return key_wrap (st, ctx, pkey);
}

/* publicOf(handle) -> a handle of the public half */
static JSValueRef
public_of_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  EVP_PKEY *pub = pkey ? public_only (pkey) : NULL;
  if (pub == NULL)
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to get the public key");
  return key_wrap (st, ctx, pub);
}

/* keyType(handle) -> asymmetricKeyType */
static JSValueRef
key_type_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  EVP_PKEY *pkey = key_arg (data, ctx, argc, argv, 0);
  const char *name = pkey ? key_type_name (pkey) : NULL;
  return name ? cr_str (ctx, name) : JSValueMakeUndefined (ctx);
}

static void
set_prop (JSContextRef ctx, JSObjectRef obj, const char *name, JSValueRef v)
{
  JSStringRef key = JSStringCreateWithUTF8CString (name);
  JSObjectSetProperty (ctx, obj, key, v, 0, NULL);
  JSStringRelease (key);
}

static JSValueRef
get_prop (JSContextRef ctx, JSObjectRef obj, const char *name)
{
  JSStringRef key = JSStringCreateWithUTF8CString (name);
  JSValueRef v = JSObjectGetProperty (ctx, obj, key, NULL);
  JSStringRelease (key);
  return v;
}

static JSObjectRef
new_object (JSContextRef ctx)
{
  return JSObjectMake (ctx, NULL, NULL);
}

static int
bn_param_bits (EVP_PKEY *pkey, const char *name)
{
  BIGNUM *bn = NULL;
  if (EVP_PKEY_get_bn_param (pkey, name, &bn) != 1)
    return -1;
  int bits = BN_num_bits (bn);
  BN_free (bn);
  return bits;
}

/* Node names digests by their short OID names ("sha256"), OpenSSL 3's
 * providers by theirs ("SHA2-256"). */
static char *
md_node_name (const char *name)
{
  EVP_MD *md = EVP_MD_fetch (NULL, name, NULL);
  const char *sn = md ? OBJ_nid2sn (EVP_MD_get_type (md)) : NULL;
  char *r = g_ascii_strdown (sn && EVP_MD_get_type (md) != NID_undef ? sn : name, -1);
  EVP_MD_free (md);
  ERR_clear_error ();
  return r;
}

/* keyDetails(handle) -> asymmetricKeyDetails, publicExponent as a hex
 * string (JS makes it a BigInt) */
static JSValueRef
key_details_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  EVP_PKEY *pkey = key_arg (data, ctx, argc, argv, 0);
  JSObjectRef o = new_object (ctx);
  if (pkey == NULL)
    return o;
  if (EVP_PKEY_is_a (pkey, "RSA") || EVP_PKEY_is_a (pkey, "RSA-PSS")) {
    set_prop (ctx, o, "modulusLength", num (ctx, EVP_PKEY_get_bits (pkey)));
    BIGNUM *e = NULL;
    if (EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1) {
      char *hex = BN_bn2hex (e);
      set_prop (ctx, o, "publicExponent", cr_str (ctx, hex));
      OPENSSL_free (hex);
      BN_free (e);
    }
    if (EVP_PKEY_is_a (pkey, "RSA-PSS")) {
      char md[64], mgf[64];
      int salt;
      /* Only a key restricted to PSS parameters has them. */
      if (EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_RSA_DIGEST, md, sizeof md, NULL) == 1) {
        g_autofree char *lmd = md_node_name (md);
        set_prop (ctx, o, "hashAlgorithm", cr_str (ctx, lmd));
        if (EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_RSA_MGF1_DIGEST, mgf, sizeof mgf, NULL) == 1) {
          g_autofree char *lmgf = md_node_name (mgf);
          set_prop (ctx, o, "mgf1HashAlgorithm", cr_str (ctx, lmgf));
        } else {
          set_prop (ctx, o, "mgf1HashAlgorithm", cr_str (ctx, lmd));
        }
        if (EVP_PKEY_get_int_param (pkey, OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, &salt) == 1)
          set_prop (ctx, o, "saltLength", num (ctx, salt));
      }
    }
  } else if (EVP_PKEY_is_a (pkey, "EC")) {
    char curve[80];
    if (EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, NULL) == 1) {
      int nid = OBJ_sn2nid (curve);
      if (nid == NID_undef)
        nid = EC_curve_nist2nid (curve);
      set_prop (ctx, o, "namedCurve", cr_str (ctx, nid != NID_undef ? OBJ_nid2sn (nid) : curve));
    }
  } else if (EVP_PKEY_is_a (pkey, "DSA")) {
    set_prop (ctx, o, "modulusLength", num (ctx, EVP_PKEY_get_bits (pkey)));
    set_prop (ctx, o, "divisorLength", num (ctx, bn_param_bits (pkey, OSSL_PKEY_PARAM_FFC_Q)));
  }
  ERR_clear_error ();
  return o;
}

/* exportKey(handle, isPublic, format 'pem'|'der', type, cipher | null,
 * passphrase | null) -> string (PEM) or ArrayBuffer (DER) */
static JSValueRef
export_key_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  if (pkey == NULL)
    return JSValueMakeNull (ctx);
  gboolean pub = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  g_autofree char *format = str_arg (ctx, argc, argv, 2);
  g_autofree char *type = str_arg (ctx, argc, argv, 3);
  g_autofree char *cipher = str_arg (ctx, argc, argv, 4);
  const guint8 *pass = NULL;
  size_t pass_len = 0;
  gboolean have_pass = cr_arg_bytes (ctx, argc, argv, 5, &pass, &pass_len);
  gboolean pem = format == NULL || strcmp (format, "der") != 0;
  const char *structure;
  if (type == NULL || strcmp (type, "spki") == 0)
    structure = pub ? "SubjectPublicKeyInfo" : "PrivateKeyInfo";
  else if (strcmp (type, "pkcs8") == 0)
    structure = cipher ? "EncryptedPrivateKeyInfo" : "PrivateKeyInfo";
  else
    structure = "type-specific"; /* pkcs1, sec1 */
  if (cipher && strcmp (structure, "type-specific") == 0 && pem)
    structure = "type-specific";
  int selection = pub ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR;
  /* sec1 holds the curve's parameters and the public point too. */
  if (!pub && type != NULL && strcmp (type, "sec1") == 0)
    selection = EVP_PKEY_KEYPAIR | EVP_PKEY_KEY_PARAMETERS;
  if (pub && type != NULL && strcmp (type, "pkcs1") == 0)
    selection = EVP_PKEY_PUBLIC_KEY;
  OSSL_ENCODER_CTX *ectx =
    OSSL_ENCODER_CTX_new_for_pkey (pkey, selection, pem ? "PEM" : "DER", structure, NULL);
  if (ectx == NULL || OSSL_ENCODER_CTX_get_num_encoders (ectx) == 0) {
    OSSL_ENCODER_CTX_free (ectx);
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to encode the key");
  }
  if (cipher != NULL) {
    if (OSSL_ENCODER_CTX_set_cipher (ectx, cipher, NULL) != 1) {
      OSSL_ENCODER_CTX_free (ectx);
      ERR_clear_error ();
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_UNKNOWN_CIPHER", NULL);
    }
    OSSL_ENCODER_CTX_set_passphrase (ectx, have_pass && pass_len ? pass : (const guint8 *) "", pass_len);
  }
  unsigned char *out = NULL;
  size_t out_len = 0;
  int ok = OSSL_ENCODER_to_data (ectx, &out, &out_len);
  OSSL_ENCODER_CTX_free (ectx);
  if (ok != 1)
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to encode the key");
  JSValueRef result;
  if (pem) {
    char *s = g_strndup ((const char *) out, out_len);
    result = cr_str (ctx, s);
    g_free (s);
  } else {
    result = cr_array_buffer_copy (ctx, out, out_len);
  }
  OPENSSL_clear_free (out, out_len);
  return result;
}

static JSValueRef
bn_buffer (JSContextRef ctx, EVP_PKEY *pkey, const char *name, int pad)
{
  BIGNUM *bn = NULL;
  if (EVP_PKEY_get_bn_param (pkey, name, &bn) != 1)
    return JSValueMakeUndefined (ctx);
  int n = pad > 0 ? pad : BN_num_bytes (bn);
  guint8 *buf = g_malloc0 (MAX (n, 1));
  BN_bn2binpad (bn, buf, n);
  BN_clear_free (bn);
  return cr_array_buffer_take (ctx, buf, n);
}

/* The JWK "crv" of a curve Node can export, or NULL. */
static const char *
jwk_curve (const char *group)
{
  if (strcmp (group, "prime256v1") == 0 || strcmp (group, "P-256") == 0)
    return "P-256";
  if (strcmp (group, "secp384r1") == 0 || strcmp (group, "P-384") == 0)
    return "P-384";
  if (strcmp (group, "secp521r1") == 0 || strcmp (group, "P-521") == 0)
    return "P-521";
  if (strcmp (group, "secp256k1") == 0)
    return "secp256k1";
  return NULL;
}

static const char *
curve_from_jwk (const char *crv)
{
  if (strcmp (crv, "P-256") == 0)
    return "prime256v1";
  if (strcmp (crv, "P-384") == 0)
    return "secp384r1";
  if (strcmp (crv, "P-521") == 0)
    return "secp521r1";
  if (strcmp (crv, "secp256k1") == 0)
    return "secp256k1";
  return NULL;
}

/* jwkParts(handle, withPrivate) -> { kty, crv?, n, e, d, ... } with raw
 * big-endian ArrayBuffers (JS base64url-encodes them), or a string naming
 * why the key has no JWK form. */
static JSValueRef
jwk_parts_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  gboolean priv = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  JSObjectRef o = JSObjectMake (ctx, NULL, NULL);
  if (pkey == NULL)
    return JSValueMakeNull (ctx);
  if (EVP_PKEY_is_a (pkey, "RSA")) {
    set_prop (ctx, o, "kty", cr_str (ctx, "RSA"));
    set_prop (ctx, o, "n", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_N, 0));
    set_prop (ctx, o, "e", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_E, 0));
    if (priv) {
      set_prop (ctx, o, "d", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_D, 0));
      set_prop (ctx, o, "p", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_FACTOR1, 0));
      set_prop (ctx, o, "q", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_FACTOR2, 0));
      set_prop (ctx, o, "dp", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1, 0));
      set_prop (ctx, o, "dq", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2, 0));
      set_prop (ctx, o, "qi", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, 0));
    }
  } else if (EVP_PKEY_is_a (pkey, "EC")) {
    char group[80] = "";
    EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL);
    const char *crv = jwk_curve (group);
    if (crv == NULL) {
      ERR_clear_error ();
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_JWK_UNSUPPORTED_CURVE", group);
    }
    int size = (EVP_PKEY_get_bits (pkey) + 7) / 8;
    /* Node's property order. */
    set_prop (ctx, o, "kty", cr_str (ctx, "EC"));
    set_prop (ctx, o, "x", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_EC_PUB_X, size));
    set_prop (ctx, o, "y", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_EC_PUB_Y, size));
    set_prop (ctx, o, "crv", cr_str (ctx, crv));
    if (priv)
      set_prop (ctx, o, "d", bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_PRIV_KEY, size));
  } else if (EVP_PKEY_is_a (pkey, "ED25519") || EVP_PKEY_is_a (pkey, "ED448") ||
             EVP_PKEY_is_a (pkey, "X25519") || EVP_PKEY_is_a (pkey, "X448")) {
    static const char *crvs[][2] = {
      { "ED25519", "Ed25519" }, { "ED448", "Ed448" }, { "X25519", "X25519" }, { "X448", "X448" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (crvs); i++)
      if (EVP_PKEY_is_a (pkey, crvs[i][0]))
        set_prop (ctx, o, "crv", cr_str (ctx, crvs[i][1]));
    guint8 buf[64];
    size_t len = sizeof buf;
    if (priv && EVP_PKEY_get_raw_private_key (pkey, buf, &len) == 1)
      set_prop (ctx, o, "d", cr_array_buffer_copy (ctx, buf, len));
    len = sizeof buf;
    if (EVP_PKEY_get_raw_public_key (pkey, buf, &len) == 1)
      set_prop (ctx, o, "x", cr_array_buffer_copy (ctx, buf, len));
    set_prop (ctx, o, "kty", cr_str (ctx, "OKP"));
    OPENSSL_cleanse (buf, sizeof buf);
  } else {
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE", NULL);
  }
  ERR_clear_error ();
  return o;
}

static BIGNUM *
prop_bn (JSContextRef ctx, JSObjectRef o, const char *name)
{
  const guint8 *p;
  size_t n;
  if (!cr_bytes (ctx, get_prop (ctx, o, name), &p, &n))
    return NULL;
  return BN_bin2bn (p, n, NULL);
}

static EVP_PKEY *
from_data (const char *type, int selection, OSSL_PARAM_BLD *bld)
{
  OSSL_PARAM *params = OSSL_PARAM_BLD_to_param (bld);
  EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name (NULL, type, NULL);
  EVP_PKEY *pkey = NULL;
  if (params == NULL || pctx == NULL || EVP_PKEY_fromdata_init (pctx) != 1 ||
      EVP_PKEY_fromdata (pctx, &pkey, selection, params) != 1)
    pkey = NULL;
  EVP_PKEY_CTX_free (pctx);
  OSSL_PARAM_free (params);
  return pkey;
}

/* An EC key from a curve name, an encoded point and maybe a private
 * scalar; NULL unless the point is on the curve (and matches d). */
static EVP_PKEY *
ec_key_from (const char *curve, const guint8 *point, size_t point_len, const BIGNUM *d)
{
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new ();
  OSSL_PARAM_BLD_push_utf8_string (bld, OSSL_PKEY_PARAM_GROUP_NAME, curve, 0);
  if (point)
    OSSL_PARAM_BLD_push_octet_string (bld, OSSL_PKEY_PARAM_PUB_KEY, point, point_len);
  if (d)
    OSSL_PARAM_BLD_push_BN (bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
  EVP_PKEY *pkey = from_data ("EC", d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld);
  OSSL_PARAM_BLD_free (bld);
  if (pkey == NULL)
    return NULL;
  EVP_PKEY_CTX *cctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);
  gboolean ok = cctx && (d ? EVP_PKEY_pairwise_check (cctx) : EVP_PKEY_public_check (cctx)) == 1;
  EVP_PKEY_CTX_free (cctx);
  if (!ok) {
    EVP_PKEY_free (pkey);
    return NULL;
  }
  return pkey;
}

/* jwkImport({ kty, crv, n, e, d, ..., x, y } with raw ArrayBuffers,
 * isPrivate) -> handle, or null when the parts make no valid key */
static JSValueRef
jwk_import_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  if (argc < 1 || !JSValueIsObject (ctx, argv[0]))
    return JSValueMakeNull (ctx);
  JSObjectRef o = (JSObjectRef) argv[0];
  gboolean priv = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  JSStringRef s;
  char kty[16] = "", crv[16] = "";
  JSValueRef v = get_prop (ctx, o, "kty");
  if (JSValueIsString (ctx, v)) {
    s = JSValueToStringCopy (ctx, v, NULL);
    JSStringGetUTF8CString (s, kty, sizeof kty);
    JSStringRelease (s);
  }
  v = get_prop (ctx, o, "crv");
  if (JSValueIsString (ctx, v)) {
    s = JSValueToStringCopy (ctx, v, NULL);
    JSStringGetUTF8CString (s, crv, sizeof crv);
    JSStringRelease (s);
  }
  EVP_PKEY *pkey = NULL;
  if (strcmp (kty, "RSA") == 0) {
    static const char *names[][2] = {
      { "n", OSSL_PKEY_PARAM_RSA_N },          { "e", OSSL_PKEY_PARAM_RSA_E },
      { "d", OSSL_PKEY_PARAM_RSA_D },          { "p", OSSL_PKEY_PARAM_RSA_FACTOR1 },
      { "q", OSSL_PKEY_PARAM_RSA_FACTOR2 },    { "dp", OSSL_PKEY_PARAM_RSA_EXPONENT1 },
      { "dq", OSSL_PKEY_PARAM_RSA_EXPONENT2 }, { "qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
    };
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new ();
    BIGNUM *bns[G_N_ELEMENTS (names)] = { 0 };
    gboolean ok = TRUE;
    for (guint i = 0; i < (priv ? G_N_ELEMENTS (names) : 2); i++) {
      bns[i] = prop_bn (ctx, o, names[i][0]);
      if (bns[i] == NULL) {
        ok = FALSE;
        break;
      }
      OSSL_PARAM_BLD_push_BN (bld, names[i][1], bns[i]);
    }
    if (ok)
      pkey = from_data ("RSA", priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld);
    OSSL_PARAM_BLD_free (bld);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      BN_clear_free (bns[i]);
  } else if (strcmp (kty, "EC") == 0) {
    const char *curve = curve_from_jwk (crv);
    if (curve == NULL)
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_JWK_UNSUPPORTED_CURVE", crv);
    const guint8 *x, *y;
    size_t xl, yl;
    if (cr_bytes (ctx, get_prop (ctx, o, "x"), &x, &xl) && cr_bytes (ctx, get_prop (ctx, o, "y"), &y, &yl) &&
        xl == yl) {
      guint8 *point = g_malloc (1 + xl + yl);
      point[0] = POINT_CONVERSION_UNCOMPRESSED;
      memcpy (point + 1, x, xl);
      memcpy (point + 1 + xl, y, yl);
      BIGNUM *d = priv ? prop_bn (ctx, o, "d") : NULL;
      if (!priv || d != NULL)
        pkey = ec_key_from (curve, point, 1 + xl + yl, d);
      BN_clear_free (d);
      g_free (point);
    }
  } else if (strcmp (kty, "OKP") == 0) {
    const char *type = strcmp (crv, "Ed25519") == 0 ? "ED25519" : strcmp (crv, "Ed448") == 0 ? "ED448"
                     : strcmp (crv, "X25519") == 0  ? "X25519"
                     : strcmp (crv, "X448") == 0    ? "X448"
                                                    : NULL;
    const guint8 *x, *d;
    size_t xl, dl;
    /* Node takes the private key from d alone; x is not checked. */
    if (type == NULL)
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_JWK_UNSUPPORTED_CURVE", crv);
    if (priv && cr_bytes (ctx, get_prop (ctx, o, "d"), &d, &dl)) {
      pkey = EVP_PKEY_new_raw_private_key_ex (NULL, type, NULL, d, dl);
    } else if (!priv && cr_bytes (ctx, get_prop (ctx, o, "x"), &x, &xl)) {
      pkey = EVP_PKEY_new_raw_public_key_ex (NULL, type, NULL, x, xl);
    }
  } else {
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE", NULL);
  }
  ERR_clear_error ();
  if (pkey == NULL)
    return JSValueMakeNull (ctx);
  return key_wrap (st, ctx, pkey);
}

/* rawPublic(handle, compressed) -> the public key's raw bytes (the
 * encoded point of an EC key, the key itself for OKP ones) */
static JSValueRef
raw_public_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  if (pkey == NULL)
    return JSValueMakeNull (ctx);
  guint8 buf[200];
  size_t len = sizeof buf;
  if (EVP_PKEY_is_a (pkey, "EC")) {
    gboolean compressed = argc > 1 && JSValueToBoolean (ctx, argv[1]);
    EVP_PKEY *dup = EVP_PKEY_dup (pkey);
    gboolean ok = dup &&
      EVP_PKEY_set_utf8_string_param (dup, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                      compressed ? "compressed" : "uncompressed") == 1 &&
      EVP_PKEY_get_octet_string_param (dup, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, buf, sizeof buf, &len) == 1;
    EVP_PKEY_free (dup);
    if (!ok)
      return cr_throw_openssl (ctx, st->make_error, exc, "Failed to get the public key");
  } else if (EVP_PKEY_get_raw_public_key (pkey, buf, &len) != 1) {
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to get the public key");
  }
  return cr_array_buffer_copy (ctx, buf, len);
}

/* rawPrivate(handle) -> an OKP key's raw private bytes, or an EC key's
 * scalar padded to the field size */
static JSValueRef
raw_private_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  if (pkey == NULL)
    return JSValueMakeNull (ctx);
  if (EVP_PKEY_is_a (pkey, "EC"))
    return bn_buffer (ctx, pkey, OSSL_PKEY_PARAM_PRIV_KEY, (EVP_PKEY_get_bits (pkey) + 7) / 8);
  guint8 buf[64];
  size_t len = sizeof buf;
  if (EVP_PKEY_get_raw_private_key (pkey, buf, &len) != 1)
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to get the private key");
  JSValueRef v = cr_array_buffer_copy (ctx, buf, len);
  OPENSSL_cleanse (buf, sizeof buf);
  return v;
}

/* fromRaw(type 'ec'|'ed25519'|..., curve | null, bytes, isPrivate) ->
 * handle, or null when the bytes make no valid key */
static JSValueRef
from_raw_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  g_autofree char *type = str_arg (ctx, argc, argv, 0);
  g_autofree char *curve = str_arg (ctx, argc, argv, 1);
  const guint8 *p;
  size_t n;
  gboolean priv = argc > 3 && JSValueToBoolean (ctx, argv[3]);
  if (type == NULL || !cr_arg_bytes (ctx, argc, argv, 2, &p, &n))
    return JSValueMakeNull (ctx);
  EVP_PKEY *pkey = NULL;
  if (strcmp (type, "ec") == 0) {
    if (curve != NULL && !priv)
      pkey = ec_key_from (curve, p, n, NULL);
  } else {
    g_autofree char *upper = g_ascii_strup (type, -1);
    pkey = priv ? EVP_PKEY_new_raw_private_key_ex (NULL, upper, NULL, p, n)
                : EVP_PKEY_new_raw_public_key_ex (NULL, upper, NULL, p, n);
  }
  ERR_clear_error ();
  return pkey ? key_wrap (st, ctx, pkey) : JSValueMakeNull (ctx);
}

/* keyEquals(a, b) */
static JSValueRef
key_equals_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  EVP_PKEY *a = key_arg (data, ctx, argc, argv, 0), *b = key_arg (data, ctx, argc, argv, 1);
  gboolean eq = a && b && EVP_PKEY_eq (a, b) == 1;
  ERR_clear_error ();
  return JSValueMakeBoolean (ctx, eq);
}

/* --- signatures --------------------------------------------------------- */

/* The byte size of r and s in an IEEE P1363 signature by this key. */
static int
p1363_size (EVP_PKEY *pkey)
{
  int bits = -1;
  if (EVP_PKEY_is_a (pkey, "EC"))
    bits = bn_param_bits (pkey, OSSL_PKEY_PARAM_EC_ORDER);
  else if (EVP_PKEY_is_a (pkey, "DSA"))
    bits = bn_param_bits (pkey, OSSL_PKEY_PARAM_FFC_Q);
  if (bits < 0 && EVP_PKEY_is_a (pkey, "EC"))
    bits = EVP_PKEY_get_bits (pkey);
  return bits < 0 ? -1 : (bits + 7) / 8;
}

static guint8 *
der_to_p1363 (const guint8 *der, size_t len, int size, size_t *out_len)
{
  const unsigned char *p = der;
  ECDSA_SIG *sig = d2i_ECDSA_SIG (NULL, &p, len);
  if (sig == NULL)
    return NULL;
  const BIGNUM *r, *s;
  ECDSA_SIG_get0 (sig, &r, &s);
  guint8 *out = g_malloc (2 * size);
  gboolean ok = BN_bn2binpad (r, out, size) == size && BN_bn2binpad (s, out + size, size) == size;
  ECDSA_SIG_free (sig);
  if (!ok) {
    g_free (out);
    return NULL;
  }
  *out_len = 2 * size;
  return out;
}

static unsigned char *
p1363_to_der (const guint8 *sig, size_t len, int *out_len)
{
  if (len % 2 != 0 || len == 0)
    return NULL;
  ECDSA_SIG *es = ECDSA_SIG_new ();
  BIGNUM *r = BN_bin2bn (sig, len / 2, NULL), *s = BN_bin2bn (sig + len / 2, len / 2, NULL);
  ECDSA_SIG_set0 (es, r, s);
  unsigned char *der = NULL;
  *out_len = i2d_ECDSA_SIG (es, &der);
  ECDSA_SIG_free (es);
  return *out_len > 0 ? der : NULL;
}

/* Applies Node's padding / saltLength options to a signing context. */
static gboolean
apply_rsa_options (EVP_PKEY *pkey, EVP_PKEY_CTX *pctx, int padding, int salt)
{
  if (!EVP_PKEY_is_a (pkey, "RSA") && !EVP_PKEY_is_a (pkey, "RSA-PSS"))
    return TRUE;
  if (padding > 0 && EVP_PKEY_CTX_set_rsa_padding (pctx, padding) != 1)
    return FALSE;
  if (salt != INT_MIN) {
    int pad = padding > 0 ? padding : EVP_PKEY_is_a (pkey, "RSA-PSS") ? RSA_PKCS1_PSS_PADDING : 0;
    if (pad == RSA_PKCS1_PSS_PADDING && EVP_PKEY_CTX_set_rsa_pss_saltlen (pctx, salt) != 1)
      return FALSE;
  }
  return TRUE;
}

typedef struct {
  int padding, salt, dsa_encoding; /* dsa_encoding: 0 DER, 1 IEEE P1363 */
} sig_opts_t;

static sig_opts_t
sig_opts (JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i)
{
  sig_opts_t o;
  o.padding = (int) anode_capi_arg_number (ctx, argc, argv, i, 0);
  double salt = anode_capi_arg_number (ctx, argc, argv, i + 1, NAN);
  o.salt = isnan (salt) ? INT_MIN : (int) salt;
  o.dsa_encoding = (int) anode_capi_arg_number (ctx, argc, argv, i + 2, 0);
  return o;
}

/* sign(handle, digest | null, data, padding, saltLength | NaN, dsaEncoding,
 * prehashed) -> ArrayBuffer. `prehashed`: data is already the digest (a
 * Sign object's). */
static JSValueRef
sign_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  g_autofree char *md = str_arg (ctx, argc, argv, 1);
  const guint8 *in;
  size_t in_len;
  if (pkey == NULL || !cr_arg_bytes (ctx, argc, argv, 2, &in, &in_len))
    return JSValueMakeNull (ctx);
  sig_opts_t o = sig_opts (ctx, argc, argv, 3);
  gboolean prehashed = argc > 6 && JSValueToBoolean (ctx, argv[6]);
  ERR_clear_error ();
  guint8 *sig = NULL;
  size_t sig_len = 0;
  gboolean ok;
  if (prehashed) {
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);
    EVP_MD *m = md ? EVP_MD_fetch (NULL, md, NULL) : NULL;
    ok = pctx && EVP_PKEY_sign_init (pctx) == 1 && (m == NULL || EVP_PKEY_CTX_set_signature_md (pctx, m) == 1) &&
         apply_rsa_options (pkey, pctx, o.padding, o.salt) && EVP_PKEY_sign (pctx, NULL, &sig_len, in, in_len) == 1;
    if (ok) {
      sig = g_malloc (MAX (sig_len, 1));
      ok = EVP_PKEY_sign (pctx, sig, &sig_len, in, in_len) == 1;
    }
    EVP_MD_free (m);
    EVP_PKEY_CTX_free (pctx);
  } else {
    EVP_MD_CTX *mctx = EVP_MD_CTX_new ();
    EVP_PKEY_CTX *pctx = NULL;
    ok = EVP_DigestSignInit_ex (mctx, &pctx, md, NULL, NULL, pkey, NULL) == 1 &&
         apply_rsa_options (pkey, pctx, o.padding, o.salt) &&
         EVP_DigestSign (mctx, NULL, &sig_len, in, in_len) == 1;
    if (ok) {
      sig = g_malloc (MAX (sig_len, 1));
      ok = EVP_DigestSign (mctx, sig, &sig_len, in, in_len) == 1;
    }
    EVP_MD_CTX_free (mctx);
  }
  if (!ok) {
    g_free (sig);
    return cr_throw_openssl (ctx, st->make_error, exc, "Signing failed");
  }
  if (o.dsa_encoding == 1) {
    int size = p1363_size (pkey);
    if (size > 0) {
      size_t p_len;
      guint8 *p = der_to_p1363 (sig, sig_len, size, &p_len);
      g_free (sig);
      if (p == NULL)
        return cr_throw_openssl (ctx, st->make_error, exc, "Signing failed");
      return cr_array_buffer_take (ctx, p, p_len);
    }
  }
  return cr_array_buffer_take (ctx, sig, sig_len);
}

/* verify(handle, digest | null, data, signature, padding, saltLength | NaN,
 * dsaEncoding, prehashed) -> boolean */
static JSValueRef
verify_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 0);
  g_autofree char *md = str_arg (ctx, argc, argv, 1);
  const guint8 *in, *sig;
  size_t in_len, sig_len;
  if (pkey == NULL || !cr_arg_bytes (ctx, argc, argv, 2, &in, &in_len) ||
      !cr_arg_bytes (ctx, argc, argv, 3, &sig, &sig_len))
    return JSValueMakeBoolean (ctx, false);
  sig_opts_t o = sig_opts (ctx, argc, argv, 4);
  gboolean prehashed = argc > 7 && JSValueToBoolean (ctx, argv[7]);
  unsigned char *der = NULL;
  if (o.dsa_encoding == 1 && p1363_size (pkey) > 0) {
    int der_len;
    if ((int) sig_len != 2 * p1363_size (pkey) || (der = p1363_to_der (sig, sig_len, &der_len)) == NULL) {
      ERR_clear_error ();
      return JSValueMakeBoolean (ctx, false);
    }
    sig = der;
    sig_len = der_len;
  }
  ERR_clear_error ();
  int r;
  gboolean setup_ok;
  if (prehashed) {
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);
    EVP_MD *m = md ? EVP_MD_fetch (NULL, md, NULL) : NULL;
    setup_ok = pctx && EVP_PKEY_verify_init (pctx) == 1 &&
               (m == NULL || EVP_PKEY_CTX_set_signature_md (pctx, m) == 1) &&
               apply_rsa_options (pkey, pctx, o.padding, o.salt);
    r = setup_ok ? EVP_PKEY_verify (pctx, sig, sig_len, in, in_len) : -1;
    EVP_MD_free (m);
    EVP_PKEY_CTX_free (pctx);
  } else {
    EVP_MD_CTX *mctx = EVP_MD_CTX_new ();
    EVP_PKEY_CTX *pctx = NULL;
    setup_ok = EVP_DigestVerifyInit_ex (mctx, &pctx, md, NULL, NULL, pkey, NULL) == 1 &&
               apply_rsa_options (pkey, pctx, o.padding, o.salt);
    r = setup_ok ? EVP_DigestVerify (mctx, sig, sig_len, in, in_len) : -1;
    EVP_MD_CTX_free (mctx);
  }
  OPENSSL_free (der);
  if (!setup_ok)
    return cr_throw_openssl (ctx, st->make_error, exc, "Verification failed");
  ERR_clear_error ();
  return JSValueMakeBoolean (ctx, r == 1);
}

/* pkeyCrypt(op, handle, data, padding, oaepHash | null, oaepLabel | null)
 * op: 0 publicEncrypt, 1 privateDecrypt, 2 privateEncrypt, 3 publicDecrypt */
static JSValueRef
pkey_crypt_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  int op = (int) anode_capi_arg_number (ctx, argc, argv, 0, 0);
  EVP_PKEY *pkey = key_arg (st, ctx, argc, argv, 1);
  const guint8 *in, *label = NULL;
  size_t in_len, label_len = 0;
  if (pkey == NULL || !cr_arg_bytes (ctx, argc, argv, 2, &in, &in_len))
    return JSValueMakeNull (ctx);
  int padding = (int) anode_capi_arg_number (ctx, argc, argv, 3, RSA_PKCS1_OAEP_PADDING);
  g_autofree char *oaep_md = str_arg (ctx, argc, argv, 4);
  gboolean have_label = cr_arg_bytes (ctx, argc, argv, 5, &label, &label_len);
  ERR_clear_error ();
  EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);
  int init = 0;
  if (pctx != NULL) {
    switch (op) {
    case 0: init = EVP_PKEY_encrypt_init (pctx); break;
    case 1: init = EVP_PKEY_decrypt_init (pctx); break;
    case 2: init = EVP_PKEY_sign_init (pctx); break;
    default: init = EVP_PKEY_verify_recover_init (pctx); break;
    }
  }
  gboolean ok = init == 1 && EVP_PKEY_CTX_set_rsa_padding (pctx, padding) == 1;
  if (ok && padding == RSA_PKCS1_OAEP_PADDING) {
    if (oaep_md != NULL) {
      EVP_MD *m = EVP_MD_fetch (NULL, oaep_md, NULL);
      if (m == NULL) {
        EVP_PKEY_CTX_free (pctx);
        ERR_clear_error ();
        return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_DIGEST", oaep_md);
      }
      ok = EVP_PKEY_CTX_set_rsa_oaep_md (pctx, m) == 1;
      EVP_MD_free (m);
    }
    if (ok && have_label && label_len > 0) {
      void *copy = OPENSSL_memdup (label, label_len);
      ok = EVP_PKEY_CTX_set0_rsa_oaep_label (pctx, copy, label_len) == 1;
      if (!ok)
        OPENSSL_free (copy);
    }
  }
  size_t out_len = 0;
  guint8 *out = NULL;
  if (ok) {
    switch (op) {
    case 0: ok = EVP_PKEY_encrypt (pctx, NULL, &out_len, in, in_len) == 1; break;
    case 1: ok = EVP_PKEY_decrypt (pctx, NULL, &out_len, in, in_len) == 1; break;
    case 2: ok = EVP_PKEY_sign (pctx, NULL, &out_len, in, in_len) == 1; break;
    default: ok = EVP_PKEY_verify_recover (pctx, NULL, &out_len, in, in_len) == 1; break;
    }
  }
  if (ok) {
    out = g_malloc (MAX (out_len, 1));
    switch (op) {
    case 0: ok = EVP_PKEY_encrypt (pctx, out, &out_len, in, in_len) == 1; break;
    case 1: ok = EVP_PKEY_decrypt (pctx, out, &out_len, in, in_len) == 1; break;
    case 2: ok = EVP_PKEY_sign (pctx, out, &out_len, in, in_len) == 1; break;
    default: ok = EVP_PKEY_verify_recover (pctx, out, &out_len, in, in_len) == 1; break;
    }
  }
  EVP_PKEY_CTX_free (pctx);
  if (!ok) {
    g_free (out);
    return cr_throw_openssl (ctx, st->make_error, exc, "Operation failed");
  }
  return cr_array_buffer_take (ctx, out, out_len);
}

/* derive(privateHandle, publicHandle) -> the shared secret */
static JSValueRef
derive_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  EVP_PKEY *priv = key_arg (st, ctx, argc, argv, 0), *pub = key_arg (st, ctx, argc, argv, 1);
  if (priv == NULL || pub == NULL)
    return JSValueMakeNull (ctx);
  ERR_clear_error ();
  EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey (NULL, priv, NULL);
  size_t len = 0;
  guint8 *out = NULL;
  gboolean ok = pctx && EVP_PKEY_derive_init (pctx) == 1 && EVP_PKEY_derive_set_peer (pctx, pub) == 1 &&
                EVP_PKEY_derive (pctx, NULL, &len) == 1;
  if (ok) {
    out = g_malloc (MAX (len, 1));
    ok = EVP_PKEY_derive (pctx, out, &len) == 1;
  }
  EVP_PKEY_CTX_free (pctx);
  if (!ok) {
    g_free (out);
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to derive the shared secret");
  }
  return cr_array_buffer_take (ctx, out, len);
}

/* --- key generation and primes (sync or on the threadpool) -------------- */

typedef enum { GEN_KEY, GEN_PRIME, CHECK_PRIME } gen_kind_t;

typedef struct {
  uv_work_t work;
  anode_runtime_t *rt;
  gen_kind_t kind;
  char *type;                  /* rsa, rsa-pss, ec, ed25519, x25519, dsa, dh, ... */
  double modulus, exponent;    /* rsa, dsa (exponent: divisor bits), dh prime bits */
  char *curve;                 /* ec; dh group name */
  char *hash, *mgf1;           /* rsa-pss */
  int salt;                    /* rsa-pss, -1 when unset */
  guint8 *prime;               /* dh prime; generatePrime's add; checkPrime's candidate */
  size_t prime_len;
  guint8 *gen;                 /* dh generator bytes; generatePrime's rem */
  size_t gen_len;
  double generator;
  gboolean safe;
  int checks;
  EVP_PKEY *pkey;
  guint8 *out;
  size_t out_len;
  int result;
  gboolean ok;
  unsigned long err;
  JSObjectRef cb;
} gen_t;

static void
gen_free (gen_t *g)
{
  g_free (g->type);
  g_free (g->curve);
  g_free (g->hash);
  g_free (g->mgf1);
  g_free (g->prime);
  g_free (g->gen);
  g_free (g->out);
  EVP_PKEY_free (g->pkey);
  g_free (g);
}

static BIGNUM *
known_group_prime (const char *name)
{
  if (strcmp (name, "modp1") == 0) return BN_get_rfc2409_prime_768 (NULL);
  if (strcmp (name, "modp2") == 0) return BN_get_rfc2409_prime_1024 (NULL);
  if (strcmp (name, "modp5") == 0) return BN_get_rfc3526_prime_1536 (NULL);
  if (strcmp (name, "modp14") == 0) return BN_get_rfc3526_prime_2048 (NULL);
  if (strcmp (name, "modp15") == 0) return BN_get_rfc3526_prime_3072 (NULL);
  if (strcmp (name, "modp16") == 0) return BN_get_rfc3526_prime_4096 (NULL);
  if (strcmp (name, "modp17") == 0) return BN_get_rfc3526_prime_6144 (NULL);
  if (strcmp (name, "modp18") == 0) return BN_get_rfc3526_prime_8192 (NULL);
  return NULL;
}

static EVP_PKEY *
dh_params_from (const BIGNUM *p, const BIGNUM *g)
{
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new ();
  OSSL_PARAM_BLD_push_BN (bld, OSSL_PKEY_PARAM_FFC_P, p);
  OSSL_PARAM_BLD_push_BN (bld, OSSL_PKEY_PARAM_FFC_G, g);
  EVP_PKEY *params = from_data ("DH", EVP_PKEY_KEY_PARAMETERS, bld);
  OSSL_PARAM_BLD_free (bld);
  return params;
}

/* New DH parameters: a safe prime of `bits` with generator `gen`. */
static EVP_PKEY *
dh_paramgen (int bits, int gen)
{
  EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name (NULL, "DH", NULL);
  EVP_PKEY *params = NULL;
  size_t pbits = bits;
  OSSL_PARAM p[] = {
    OSSL_PARAM_construct_utf8_string (OSSL_PKEY_PARAM_FFC_TYPE, (char *) "generator", 0),
    OSSL_PARAM_construct_size_t (OSSL_PKEY_PARAM_FFC_PBITS, &pbits),
    OSSL_PARAM_construct_int (OSSL_PKEY_PARAM_DH_GENERATOR, &gen),
    OSSL_PARAM_construct_end (),
  };
  if (pctx && EVP_PKEY_paramgen_init (pctx) == 1 && EVP_PKEY_CTX_set_params (pctx, p) == 1)
    EVP_PKEY_paramgen (pctx, &params);
  EVP_PKEY_CTX_free (pctx);
  return params;
}

static EVP_PKEY *
keygen_from_params (EVP_PKEY *params)
{
  EVP_PKEY *pkey = NULL;
  EVP_PKEY_CTX *kctx = params ? EVP_PKEY_CTX_new_from_pkey (NULL, params, NULL) : NULL;
  if (kctx == NULL || EVP_PKEY_keygen_init (kctx) != 1 || EVP_PKEY_generate (kctx, &pkey) != 1)
    pkey = NULL;
  EVP_PKEY_CTX_free (kctx);
  return pkey;
}

static EVP_PKEY *
generate_key (gen_t *g)
{
  const char *type = g->type;
  EVP_PKEY *pkey = NULL;
  if (strcmp (type, "dh") == 0) {
    BIGNUM *p = NULL, *gen = NULL;
    if (g->curve != NULL) {
      p = known_group_prime (g->curve);
      gen = BN_new ();
      BN_set_word (gen, 2);
    } else if (g->prime != NULL) {
      p = BN_bin2bn (g->prime, g->prime_len, NULL);
      gen = BN_new ();
      BN_set_word (gen, (BN_ULONG) g->generator);
    } else {
      EVP_PKEY *params = dh_paramgen ((int) g->modulus, (int) g->generator);
      pkey = keygen_from_params (params);
      EVP_PKEY_free (params);
      return pkey;
    }
    EVP_PKEY *params = p ? dh_params_from (p, gen) : NULL;
    pkey = keygen_from_params (params);
    EVP_PKEY_free (params);
    BN_free (p);
    BN_free (gen);
    return pkey;
  }
  const char *name = strcmp (type, "rsa") == 0 ? "RSA" : strcmp (type, "rsa-pss") == 0 ? "RSA-PSS"
                   : strcmp (type, "ec") == 0  ? "EC"
                   : strcmp (type, "dsa") == 0 ? "DSA"
                                               : NULL;
  if (name == NULL) {
    g_autofree char *upper = g_ascii_strup (type, -1);
    EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_from_name (NULL, upper, NULL);
    if (kctx && EVP_PKEY_keygen_init (kctx) == 1)
      EVP_PKEY_generate (kctx, &pkey);
    EVP_PKEY_CTX_free (kctx);
    return pkey;
  }
  if (strcmp (name, "DSA") == 0) {
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name (NULL, "DSA", NULL);
    EVP_PKEY *params = NULL;
    if (pctx && EVP_PKEY_paramgen_init (pctx) == 1 &&
        EVP_PKEY_CTX_set_dsa_paramgen_bits (pctx, (int) g->modulus) == 1 &&
        (g->exponent <= 0 || EVP_PKEY_CTX_set_dsa_paramgen_q_bits (pctx, (int) g->exponent) == 1))
      EVP_PKEY_paramgen (pctx, &params);
    EVP_PKEY_CTX_free (pctx);
    pkey = keygen_from_params (params);
    EVP_PKEY_free (params);
    return pkey;
  }
  EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_from_name (NULL, name, NULL);
  gboolean ok = kctx && EVP_PKEY_keygen_init (kctx) == 1;
  if (ok && name[0] == 'R') {
    BIGNUM *e = BN_new ();
    BN_set_word (e, (BN_ULONG) g->exponent);
    ok = EVP_PKEY_CTX_set_rsa_keygen_bits (kctx, (int) g->modulus) == 1 &&
         EVP_PKEY_CTX_set1_rsa_keygen_pubexp (kctx, e) == 1;
    BN_free (e);
    if (ok && strcmp (name, "RSA-PSS") == 0) {
      if (g->hash)
        ok = EVP_PKEY_CTX_set_rsa_pss_keygen_md_name (kctx, g->hash, NULL) == 1;
      if (ok && (g->mgf1 || g->hash))
        ok = EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md_name (kctx, g->mgf1 ? g->mgf1 : g->hash) == 1;
      if (ok && g->salt >= 0)
        ok = EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen (kctx, g->salt) == 1;
    }
  } else if (ok) {
    int nid = OBJ_sn2nid (g->curve ? g->curve : "");
    if (nid == NID_undef)
      nid = EC_curve_nist2nid (g->curve ? g->curve : "");
    if (nid == NID_undef)
      nid = OBJ_ln2nid (g->curve ? g->curve : "");
    ok = nid != NID_undef && EVP_PKEY_CTX_set_ec_paramgen_curve_nid (kctx, nid) == 1 &&
         EVP_PKEY_CTX_set_ec_param_enc (kctx, g->safe ? 0 /* explicit */ : OPENSSL_EC_NAMED_CURVE) == 1;
  }
  if (ok)
    EVP_PKEY_generate (kctx, &pkey);
  EVP_PKEY_CTX_free (kctx);
  return pkey;
}

static void
gen_run (gen_t *g)
{
  switch (g->kind) {
  case GEN_KEY:
    g->pkey = generate_key (g);
    g->ok = g->pkey != NULL;
    break;
  case GEN_PRIME: {
    BIGNUM *p = BN_new ();
    BIGNUM *add = g->prime ? BN_bin2bn (g->prime, g->prime_len, NULL) : NULL;
    BIGNUM *rem = g->gen ? BN_bin2bn (g->gen, g->gen_len, NULL) : NULL;
    BN_CTX *bctx = BN_CTX_new ();
    g->ok = BN_generate_prime_ex2 (p, (int) g->modulus, g->safe, add, rem, NULL, bctx) == 1;
    BN_CTX_free (bctx);
    if (g->ok) {
      g->out_len = BN_num_bytes (p);
      g->out = g_malloc (MAX (g->out_len, 1));
      BN_bn2bin (p, g->out);
    }
    BN_free (p);
    BN_free (add);
    BN_free (rem);
    break;
  }
  case CHECK_PRIME: {
    BIGNUM *p = BN_bin2bn (g->prime, g->prime_len, NULL);
    BN_CTX *bctx = BN_CTX_new ();
    g->result = BN_check_prime (p, bctx, NULL);
    g->ok = g->result >= 0;
    BN_CTX_free (bctx);
    BN_free (p);
    break;
  }
  }
  if (!g->ok)
    g->err = ERR_peek_last_error ();
  ERR_clear_error ();
}

static JSValueRef
gen_result (keys_state_t *st, JSContextRef ctx, gen_t *g, JSValueRef *err)
{
  if (!g->ok) {
    if (g->err)
      ERR_raise (ERR_GET_LIB (g->err), ERR_GET_REASON (g->err));
    *err = cr_openssl_error (ctx, st->make_error, "Key generation job failed");
    return NULL;
  }
  switch (g->kind) {
  case GEN_KEY: {
    JSValueRef v = key_wrap (st, ctx, g->pkey);
    g->pkey = NULL;
    return v;
  }
  case GEN_PRIME: {
    JSValueRef v = cr_array_buffer_take (ctx, g->out, g->out_len);
    g->out = NULL;
    return v;
  }
  default:
    return JSValueMakeBoolean (ctx, g->result == 1);
  }
}

static void
gen_work_cb (uv_work_t *w)
{
  gen_run (w->data);
}

static void
gen_after_cb (uv_work_t *w, int status)
{
  gen_t *g = w->data;
  anode_runtime_t *rt = g->rt;
  if (rt->ctx == NULL) {
    gen_free (g);
    return;
  }
  keys_state_t *st = g_object_get_data (G_OBJECT (rt->ctx), "anode-crypto-keys-state");
  JSGlobalContextRef ctx = anode_capi_context (rt->ctx);
  JSValueRef err = JSValueMakeNull (ctx);
  JSValueRef res = gen_result (st, ctx, g, &err);
  JSObjectRef cb = g->cb;
  gen_free (g);
  JSValueRef args[2] = { err, res ? res : JSValueMakeUndefined (ctx) };
  anode_capi_callback (rt, cb, 2, args);
  JSValueUnprotect (ctx, cb);
}

static JSValueRef
gen_start (keys_state_t *st, JSContextRef ctx, gen_t *g, JSValueRef cb, JSValueRef *exc)
{
  g->rt = st->rt;
  if (cb != NULL && JSValueIsObject (ctx, cb)) {
    g->cb = (JSObjectRef) cb;
    JSValueProtect (ctx, g->cb);
    g->work.data = g;
    int r = uv_queue_work (&st->rt->loop, &g->work, gen_work_cb, gen_after_cb);
    if (r < 0) {
      JSValueUnprotect (ctx, g->cb);
      gen_free (g);
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_OPERATION_FAILED", uv_strerror (r));
    }
    return JSValueMakeUndefined (ctx);
  }
  gen_run (g);
  JSValueRef err = NULL;
  JSValueRef res = gen_result (st, ctx, g, &err);
  gen_free (g);
  if (res == NULL) {
    *exc = err;
    return JSValueMakeUndefined (ctx);
  }
  return res;
}

/* generateKey(type, modulusLength, publicExponent | divisorLength,
 * curve | dh group, hash, mgf1Hash, saltLength, dhPrime, dhGenerator,
 * explicitCurve, cb?) -> private key handle */
static JSValueRef
generate_key_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  gen_t *g = g_new0 (gen_t, 1);
  g->kind = GEN_KEY;
  g->type = str_arg (ctx, argc, argv, 0);
  if (g->type == NULL) {
    gen_free (g);
    return JSValueMakeNull (ctx);
  }
  g->modulus = anode_capi_arg_number (ctx, argc, argv, 1, 0);
  g->exponent = anode_capi_arg_number (ctx, argc, argv, 2, 65537);
  g->curve = str_arg (ctx, argc, argv, 3);
  g->hash = str_arg (ctx, argc, argv, 4);
  g->mgf1 = str_arg (ctx, argc, argv, 5);
  double salt = anode_capi_arg_number (ctx, argc, argv, 6, -1);
  g->salt = isnan (salt) ? -1 : (int) salt;
  const guint8 *p;
  size_t n;
  if (cr_arg_bytes (ctx, argc, argv, 7, &p, &n)) {
    g->prime = g_memdup2 (p, MAX (n, 1));
    g->prime_len = n;
  }
  g->generator = anode_capi_arg_number (ctx, argc, argv, 8, 2);
  g->safe = argc > 9 && JSValueToBoolean (ctx, argv[9]); /* explicit EC parameters */
  return gen_start (st, ctx, g, argc > 10 ? argv[10] : NULL, exc);
}

/* generatePrime(bits, safe, add | null, rem | null, cb?) -> ArrayBuffer */
static JSValueRef
generate_prime_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  gen_t *g = g_new0 (gen_t, 1);
  g->kind = GEN_PRIME;
  g->modulus = anode_capi_arg_number (ctx, argc, argv, 0, 0);
  g->safe = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  const guint8 *p;
  size_t n;
  if (cr_arg_bytes (ctx, argc, argv, 2, &p, &n)) {
    g->prime = g_memdup2 (p, MAX (n, 1));
    g->prime_len = n;
  }
  if (cr_arg_bytes (ctx, argc, argv, 3, &p, &n)) {
    g->gen = g_memdup2 (p, MAX (n, 1));
    g->gen_len = n;
  }
  return gen_start (st, ctx, g, argc > 4 ? argv[4] : NULL, exc);
}

/* checkPrime(candidate, checks, cb?) -> boolean */
static JSValueRef
check_prime_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  const guint8 *p;
  size_t n;
  if (!cr_arg_bytes (ctx, argc, argv, 0, &p, &n))
    return JSValueMakeNull (ctx);
  gen_t *g = g_new0 (gen_t, 1);
  g->kind = CHECK_PRIME;
  g->prime = g_memdup2 (p, MAX (n, 1));
  g->prime_len = n;
  g->checks = (int) anode_capi_arg_number (ctx, argc, argv, 1, 0);
  return gen_start (st, ctx, g, argc > 2 ? argv[2] : NULL, exc);
}

/* --- DiffieHellman objects ----------------------------------------------
 * Plain modular arithmetic on OpenSSL's BIGNUMs: Node's DiffieHellman lets
 * a script set either key at any time, which EVP keys do not model. */

typedef struct {
  BIGNUM *p, *g, *pub, *priv;
  int verify_error;
} dh_t;

static void
dh_finalize (JSObjectRef obj)
{
  dh_t *d = JSObjectGetPrivate (obj);
  if (d == NULL)
    return;
  BN_free (d->p);
  BN_free (d->g);
  BN_free (d->pub);
  BN_clear_free (d->priv);
  g_free (d);
}

static dh_t *
dh_arg (keys_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  if (argc < 1 || !JSValueIsObjectOfClass (ctx, argv[0], st->dh_class))
    return NULL;
  return JSObjectGetPrivate ((JSObjectRef) argv[0]);
}

/* What OpenSSL's DH_check reports for (p, g) without a q. */
static int
dh_check (const BIGNUM *p, const BIGNUM *g)
{
  int flags = 0;
  int bits = BN_num_bits (p);
  if (bits < 512)
    flags |= 0x80; /* DH_MODULUS_TOO_SMALL */
  if (bits > OPENSSL_DH_MAX_MODULUS_BITS)
    flags |= 0x100; /* DH_MODULUS_TOO_LARGE */
  BIGNUM *pm1 = BN_dup (p);
  BN_sub_word (pm1, 1);
  if (BN_is_negative (g) || BN_is_zero (g) || BN_is_one (g) || BN_cmp (g, pm1) >= 0)
    flags |= DH_NOT_SUITABLE_GENERATOR;
  BN_CTX *bctx = BN_CTX_new ();
  if (BN_check_prime (p, bctx, NULL) != 1) {
    flags |= DH_CHECK_P_NOT_PRIME;
  } else {
    BIGNUM *q = BN_dup (pm1);
    BN_rshift1 (q, q);
    if (BN_check_prime (q, bctx, NULL) != 1)
      flags |= DH_CHECK_P_NOT_SAFE_PRIME;
    BN_free (q);
  }
  BN_CTX_free (bctx);
  BN_free (pm1);
  ERR_clear_error ();
  return flags;
}

/* dhNew(kind 'group'|'prime'|'size', group | prime | bits, generator bytes
 * | generator number) -> handle; throws for unknown groups and primes that
 * cannot be made. */
static JSValueRef
dh_new_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  g_autofree char *kind = str_arg (ctx, argc, argv, 0);
  if (kind == NULL)
    return JSValueMakeNull (ctx);
  dh_t *d = g_new0 (dh_t, 1);
  if (strcmp (kind, "group") == 0) {
    g_autofree char *name = str_arg (ctx, argc, argv, 1);
    d->p = name ? known_group_prime (name) : NULL;
    if (d->p == NULL) {
      g_free (d);
      return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_UNKNOWN_DH_GROUP", NULL);
    }
    d->g = BN_new ();
    BN_set_word (d->g, 2);
    d->verify_error = 0; /* the RFC groups are known good */
  } else if (strcmp (kind, "prime") == 0) {
    const guint8 *p, *gb;
    size_t pl, gl;
    cr_arg_bytes (ctx, argc, argv, 1, &p, &pl);
    d->p = BN_bin2bn (p, pl, NULL);
    if (cr_arg_bytes (ctx, argc, argv, 2, &gb, &gl)) {
      d->g = BN_bin2bn (gb, gl, NULL);
    } else {
      d->g = BN_new ();
      BN_set_word (d->g, (BN_ULONG) anode_capi_arg_number (ctx, argc, argv, 2, 2));
    }
    d->verify_error = dh_check (d->p, d->g);
  } else {
    int bits = (int) anode_capi_arg_number (ctx, argc, argv, 1, 0);
    int gen = (int) anode_capi_arg_number (ctx, argc, argv, 2, 2);
    EVP_PKEY *params = dh_paramgen (bits, gen);
    if (params == NULL || EVP_PKEY_get_bn_param (params, OSSL_PKEY_PARAM_FFC_P, &d->p) != 1 ||
        EVP_PKEY_get_bn_param (params, OSSL_PKEY_PARAM_FFC_G, &d->g) != 1) {
      EVP_PKEY_free (params);
      BN_free (d->p);
      g_free (d);
      return cr_throw_openssl (ctx, st->make_error, exc, "DH parameter generation failed");
    }
    EVP_PKEY_free (params);
    d->verify_error = dh_check (d->p, d->g);
  }
  return JSObjectMake (ctx, st->dh_class, d);
}

/* The private exponent's length: the whole modulus for small groups, twice
 * the group's security strength for large ones (as OpenSSL sizes them). */
static int
dh_priv_bits (const BIGNUM *p)
{
  int bits = BN_num_bits (p);
  if (bits <= 1024)
    return bits - 1;
  if (bits <= 1536) return 200;
  if (bits <= 2048) return 224;
  if (bits <= 3072) return 256;
  if (bits <= 4096) return 304;
  if (bits <= 6144) return 352;
  return 400;
}

static JSValueRef
bn_value (JSContextRef ctx, const BIGNUM *bn, int pad)
{
  if (bn == NULL)
    return JSValueMakeNull (ctx);
  int n = MAX (pad, BN_num_bytes (bn));
  guint8 *buf = g_malloc0 (MAX (n, 1));
  BN_bn2binpad (bn, buf, n);
  return cr_array_buffer_take (ctx, buf, n);
}

/* dhGenerateKeys(handle) -> public key; a private key already set is kept */
static JSValueRef
dh_generate_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  dh_t *d = dh_arg (st, ctx, argc, argv);
  if (d == NULL)
    return JSValueMakeNull (ctx);
  BN_CTX *bctx = BN_CTX_new ();
  gboolean ok = TRUE;
  if (d->priv == NULL) {
    d->priv = BN_new ();
    ok = BN_priv_rand (d->priv, dh_priv_bits (d->p), BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) == 1;
  }
  if (ok) {
    BN_free (d->pub);
    d->pub = BN_new ();
    ok = BN_mod_exp_mont_consttime (d->pub, d->g, d->priv, d->p, bctx, NULL) == 1;
  }
  BN_CTX_free (bctx);
  if (!ok)
    return cr_throw_openssl (ctx, st->make_error, exc, "Key generation failed");
  return bn_value (ctx, d->pub, 0);
}

/* dhGet(handle, what: 0 prime, 1 generator, 2 public, 3 private) */
static JSValueRef
dh_get_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  dh_t *d = dh_arg (data, ctx, argc, argv);
  if (d == NULL)
    return JSValueMakeNull (ctx);
  switch ((int) anode_capi_arg_number (ctx, argc, argv, 1, 0)) {
  case 0: return bn_value (ctx, d->p, 0);
  case 1: return bn_value (ctx, d->g, 0);
  case 2: return bn_value (ctx, d->pub, 0);
  default: return bn_value (ctx, d->priv, 0);
  }
}

/* dhSet(handle, what: 2 public, 3 private, bytes) */
static JSValueRef
dh_set_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  dh_t *d = dh_arg (data, ctx, argc, argv);
  const guint8 *p;
  size_t n;
  if (d == NULL || !cr_arg_bytes (ctx, argc, argv, 2, &p, &n))
    return JSValueMakeBoolean (ctx, false);
  BIGNUM *bn = BN_bin2bn (p, n, NULL);
  if ((int) anode_capi_arg_number (ctx, argc, argv, 1, 2) == 2) {
    BN_free (d->pub);
    d->pub = bn;
  } else {
    BN_clear_free (d->priv);
    d->priv = bn;
  }
  return JSValueMakeBoolean (ctx, true);
}

/* dhComputeSecret(handle, otherPublic) -> secret padded to the prime's
 * size; throws ERR_CRYPTO_INVALID_KEYLEN for a key outside 2..p-2 */
static JSValueRef
dh_compute_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  dh_t *d = dh_arg (st, ctx, argc, argv);
  const guint8 *p;
  size_t n;
  if (d == NULL || !cr_arg_bytes (ctx, argc, argv, 1, &p, &n))
    return JSValueMakeNull (ctx);
  if (d->priv == NULL)
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_STATE", "computeSecret");
  BIGNUM *peer = BN_bin2bn (p, n, NULL);
  BIGNUM *limit = BN_dup (d->p);
  BN_sub_word (limit, 1);
  gboolean small = BN_cmp (peer, BN_value_one ()) <= 0;
  gboolean large = BN_cmp (peer, limit) >= 0;
  BN_free (limit);
  if (small || large) {
    BN_free (peer);
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_KEYLEN",
                          small ? "Supplied key is too small" : "Supplied key is too large");
  }
  BIGNUM *secret = BN_new ();
  BN_CTX *bctx = BN_CTX_new ();
  gboolean ok = BN_mod_exp_mont_consttime (secret, peer, d->priv, d->p, bctx, NULL) == 1;
  BN_CTX_free (bctx);
  BN_free (peer);
  JSValueRef v = ok ? bn_value (ctx, secret, BN_num_bytes (d->p)) : NULL;
  BN_clear_free (secret);
  if (!ok)
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to compute the secret");
  return v;
}

static JSValueRef
dh_verify_error_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  dh_t *d = dh_arg (data, ctx, argc, argv);
  return num (ctx, d ? d->verify_error : 0);
}

/* --- ECDH objects ------------------------------------------------------- */

typedef struct {
  EC_GROUP *group;
  BIGNUM *priv;
  EC_POINT *pub;
} ecdh_t;

static void
ecdh_finalize (JSObjectRef obj)
{
  ecdh_t *e = JSObjectGetPrivate (obj);
  if (e == NULL)
    return;
  EC_GROUP_free (e->group);
  BN_clear_free (e->priv);
  EC_POINT_free (e->pub);
  g_free (e);
}

static ecdh_t *
ecdh_arg (keys_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  if (argc < 1 || !JSValueIsObjectOfClass (ctx, argv[0], st->ecdh_class))
    return NULL;
  return JSObjectGetPrivate ((JSObjectRef) argv[0]);
}

static int
curve_nid (const char *name)
{
  if (name == NULL)
    return NID_undef;
  int nid = OBJ_sn2nid (name);
  if (nid == NID_undef)
    nid = EC_curve_nist2nid (name);
  if (nid == NID_undef)
    nid = OBJ_ln2nid (name);
  return nid;
}

/* ecdhNew(curve) -> handle, or null for a curve OpenSSL does not have */
static JSValueRef
ecdh_new_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  g_autofree char *name = str_arg (ctx, argc, argv, 0);
  EC_GROUP *group = EC_GROUP_new_by_curve_name (curve_nid (name));
  ERR_clear_error ();
  if (group == NULL)
    return JSValueMakeNull (ctx);
  ecdh_t *e = g_new0 (ecdh_t, 1);
  e->group = group;
  return JSObjectMake (ctx, st->ecdh_class, e);
}

static JSValueRef
point_value (JSContextRef ctx, const EC_GROUP *group, const EC_POINT *pt, int form)
{
  size_t n = EC_POINT_point2oct (group, pt, form, NULL, 0, NULL);
  if (n == 0)
    return JSValueMakeNull (ctx);
  guint8 *buf = g_malloc (n);
  EC_POINT_point2oct (group, pt, form, buf, n, NULL);
  return cr_array_buffer_take (ctx, buf, n);
}

/* Sets the private key and derives the public point; FALSE when the
 * scalar is not in 1..order-1. */
static gboolean
ecdh_set_private (ecdh_t *e, BIGNUM *priv)
{
  const BIGNUM *order = EC_GROUP_get0_order (e->group);
  if (BN_is_zero (priv) || BN_is_negative (priv) || BN_cmp (priv, order) >= 0)
    return FALSE;
  EC_POINT *pub = EC_POINT_new (e->group);
  if (EC_POINT_mul (e->group, pub, priv, NULL, NULL, NULL) != 1) {
    EC_POINT_free (pub);
    return FALSE;
  }
  BN_clear_free (e->priv);
  EC_POINT_free (e->pub);
  e->priv = priv;
  e->pub = pub;
  return TRUE;
}

/* ecdhGenerateKeys(handle) */
static JSValueRef
ecdh_generate_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  ecdh_t *e = ecdh_arg (st, ctx, argc, argv);
  if (e == NULL)
    return JSValueMakeBoolean (ctx, false);
  BIGNUM *priv = BN_new ();
  do {
    if (BN_priv_rand_range (priv, EC_GROUP_get0_order (e->group)) != 1) {
      BN_free (priv);
      return cr_throw_openssl (ctx, st->make_error, exc, "Failed to generate ECDH key");
    }
  } while (BN_is_zero (priv));
  if (!ecdh_set_private (e, priv)) {
    BN_clear_free (priv);
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to generate ECDH key");
  }
  return JSValueMakeBoolean (ctx, true);
}

/* ecdhGetPublic(handle, form) / ecdhGetPrivate(handle) */
static JSValueRef
ecdh_get_public_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  ecdh_t *e = ecdh_arg (data, ctx, argc, argv);
  if (e == NULL || e->pub == NULL)
    return JSValueMakeNull (ctx);
  return point_value (ctx, e->group, e->pub,
                      (int) anode_capi_arg_number (ctx, argc, argv, 1, POINT_CONVERSION_UNCOMPRESSED));
}

static JSValueRef
ecdh_get_private_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  ecdh_t *e = ecdh_arg (data, ctx, argc, argv);
  if (e == NULL || e->priv == NULL)
    return JSValueMakeNull (ctx);
  return bn_value (ctx, e->priv, (EC_GROUP_get_degree (e->group) + 7) / 8);
}

/* ecdhSetPrivate(handle, bytes) -> ok */
static JSValueRef
ecdh_set_private_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  ecdh_t *e = ecdh_arg (data, ctx, argc, argv);
  const guint8 *p;
  size_t n;
  if (e == NULL || !cr_arg_bytes (ctx, argc, argv, 1, &p, &n))
    return JSValueMakeBoolean (ctx, false);
  BIGNUM *priv = BN_bin2bn (p, n, NULL);
  if (!ecdh_set_private (e, priv)) {
    BN_clear_free (priv);
    ERR_clear_error ();
    return JSValueMakeBoolean (ctx, false);
  }
  return JSValueMakeBoolean (ctx, true);
}

static EC_POINT *
decode_point (const EC_GROUP *group, const guint8 *p, size_t n)
{
  EC_POINT *pt = EC_POINT_new (group);
  if (EC_POINT_oct2point (group, pt, p, n, NULL) != 1 || EC_POINT_is_on_curve (group, pt, NULL) != 1) {
    EC_POINT_free (pt);
    ERR_clear_error ();
    return NULL;
  }
  return pt;
}

/* ecdhSetPublic(handle, bytes) -> ok */
static JSValueRef
ecdh_set_public_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  ecdh_t *e = ecdh_arg (data, ctx, argc, argv);
  const guint8 *p;
  size_t n;
  if (e == NULL || !cr_arg_bytes (ctx, argc, argv, 1, &p, &n))
    return JSValueMakeBoolean (ctx, false);
  EC_POINT *pt = decode_point (e->group, p, n);
  if (pt == NULL)
    return JSValueMakeBoolean (ctx, false);
  EC_POINT_free (e->pub);
  e->pub = pt;
  return JSValueMakeBoolean (ctx, true);
}

/* ecdhComputeSecret(handle, otherPublic) -> x coordinate of the shared
 * point, or null when otherPublic is no point of the curve */
static JSValueRef
ecdh_compute_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  ecdh_t *e = ecdh_arg (st, ctx, argc, argv);
  const guint8 *p;
  size_t n;
  if (e == NULL || !cr_arg_bytes (ctx, argc, argv, 1, &p, &n))
    return JSValueMakeNull (ctx);
  EC_POINT *peer = decode_point (e->group, p, n);
  if (peer == NULL)
    return JSValueMakeNull (ctx);
  if (e->priv == NULL) {
    EC_POINT_free (peer);
    return cr_throw_code (ctx, st->make_error, exc, "ERR_CRYPTO_INVALID_STATE", "computeSecret");
  }
  EC_POINT *shared = EC_POINT_new (e->group);
  BIGNUM *x = BN_new ();
  gboolean ok = EC_POINT_mul (e->group, shared, NULL, peer, e->priv, NULL) == 1 &&
                EC_POINT_get_affine_coordinates (e->group, shared, x, NULL, NULL) == 1;
  JSValueRef v = ok ? bn_value (ctx, x, (EC_GROUP_get_degree (e->group) + 7) / 8) : NULL;
  BN_clear_free (x);
  EC_POINT_free (shared);
  EC_POINT_free (peer);
  if (!ok)
    return cr_throw_openssl (ctx, st->make_error, exc, "Failed to compute ECDH key");
  return v;
}

/* ecdhConvert(curve, bytes, form) -> re-encoded point, null if invalid,
 * undefined for an unknown curve */
static JSValueRef
ecdh_convert_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  g_autofree char *name = str_arg (ctx, argc, argv, 0);
  EC_GROUP *group = EC_GROUP_new_by_curve_name (curve_nid (name));
  ERR_clear_error ();
  if (group == NULL)
    return JSValueMakeUndefined (ctx);
  const guint8 *p;
  size_t n;
  JSValueRef v = JSValueMakeNull (ctx);
  if (cr_arg_bytes (ctx, argc, argv, 1, &p, &n)) {
    EC_POINT *pt = decode_point (group, p, n);
    if (pt)
      v = point_value (ctx, group, pt, (int) anode_capi_arg_number (ctx, argc, argv, 2, 4));
    EC_POINT_free (pt);
  }
  EC_GROUP_free (group);
  return v;
}

/* ecKeyFromPrivate(curve, scalar) -> key handle (for webcrypto / JWK of
 * ECDH objects), null when the scalar is out of range */
static JSValueRef
ecdh_to_key_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  ecdh_t *e = ecdh_arg (st, ctx, argc, argv);
  if (e == NULL || e->priv == NULL || e->pub == NULL)
    return JSValueMakeNull (ctx);
  guint8 point[200];
  size_t n = EC_POINT_point2oct (e->group, e->pub, POINT_CONVERSION_UNCOMPRESSED, point, sizeof point, NULL);
  const char *curve = OBJ_nid2sn (EC_GROUP_get_curve_name (e->group));
  EVP_PKEY *pkey = n ? ec_key_from (curve, point, n, e->priv) : NULL;
  ERR_clear_error ();
  return pkey ? key_wrap (st, ctx, pkey) : JSValueMakeNull (ctx);
}

static gint
cmp_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* getCurves() -> OpenSSL's built-in curve names, sorted */
static JSValueRef
get_curves_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  size_t n = EC_get_builtin_curves (NULL, 0);
  EC_builtin_curve *curves = g_new (EC_builtin_curve, MAX (n, 1));
  EC_get_builtin_curves (curves, n);
  GPtrArray *names = g_ptr_array_new ();
  for (size_t i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) OBJ_nid2sn (curves[i].nid));
  g_ptr_array_sort (names, cmp_names);
  JSValueRef *vals = g_new (JSValueRef, MAX (n, 1));
  for (guint i = 0; i < names->len; i++)
    vals[i] = cr_str (ctx, names->pdata[i]);
  JSValueRef arr = JSObjectMakeArray (ctx, names->len, vals, NULL);
  g_free (vals);
  g_ptr_array_unref (names);
  g_free (curves);
  return arr;
}

/* setup(makeError) */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  keys_state_t *st = data;
  return cr_setup (ctx, &st->make_error, argc, argv);
}

static void
state_free (gpointer data)
{
  keys_state_t *st = data;
  JSClassRelease (st->key_class);
  JSClassRelease (st->dh_class);
  JSClassRelease (st->ecdh_class);
  g_free (st);
}

JSCValue *
anode_binding_crypto_keys_init (anode_runtime_t *rt)
{
  keys_state_t *st = g_new0 (keys_state_t, 1);
  st->rt = rt;
  JSClassDefinition def = { 0 };
  def.className = "KeyObjectHandle";
  def.finalize = key_finalize;
  st->key_class = JSClassCreate (&def);
  def.className = "DiffieHellman";
  def.finalize = dh_finalize;
  st->dh_class = JSClassCreate (&def);
  def.className = "ECDH";
  def.finalize = ecdh_finalize;
  st->ecdh_class = JSClassCreate (&def);
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-crypto-keys-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb },
    { "parseKey", parse_key_cb },
    { "publicOf", public_of_cb },
    { "keyType", key_type_cb },
    { "keyDetails", key_details_cb },
    { "exportKey", export_key_cb },
    { "jwkParts", jwk_parts_cb },
    { "jwkImport", jwk_import_cb },
    { "rawPublic", raw_public_cb },
    { "rawPrivate", raw_private_cb },
    { "fromRaw", from_raw_cb },
    { "keyEquals", key_equals_cb },
    { "sign", sign_cb },
    { "verify", verify_cb },
    { "pkeyCrypt", pkey_crypt_cb },
    { "derive", derive_cb },
    { "generateKey", generate_key_cb },
    { "generatePrime", generate_prime_cb },
    { "checkPrime", check_prime_cb },
    { "dhNew", dh_new_cb },
    { "dhGenerateKeys", dh_generate_cb },
    { "dhGet", dh_get_cb },
    { "dhSet", dh_set_cb },
    { "dhComputeSecret", dh_compute_cb },
    { "dhVerifyError", dh_verify_error_cb },
    { "ecdhNew", ecdh_new_cb },
    { "ecdhGenerateKeys", ecdh_generate_cb },
    { "ecdhGetPublic", ecdh_get_public_cb },
    { "ecdhGetPrivate", ecdh_get_private_cb },
    { "ecdhSetPrivate", ecdh_set_private_cb },
    { "ecdhSetPublic", ecdh_set_public_cb },
    { "ecdhComputeSecret", ecdh_compute_cb },
    { "ecdhConvert", ecdh_convert_cb },
    { "ecdhToKey", ecdh_to_key_cb },
    { "getCurves", get_curves_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  return b;
}
