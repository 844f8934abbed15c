/* TLS over OpenSSL for tls and https: secure contexts (SSL_CTX) as JS
 * objects, and a filter on a stream handle (binding-stream.c) that runs the
 * TLS records in C through memory BIOs. Ciphertext never crosses into JS:
 * the socket's reads are decrypted here and handed on as one call per read
 * (or to the HTTP parser, still in C), and JS's writes are encrypted and
 * sent in the same call. JS hears of the handshake, errors, the client
 * hello (for SNICallback/ALPNCallback) and new sessions; certificate checks
 * that are policy (rejectUnauthorized, host names) are made in JS. */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "js-util.h"
#include "stream-private.h"

extern bool JSValueIsObjectOfClass (JSContextRef ctx, JSValueRef value, JSClassRef cls);
extern void JSObjectSetPropertyAtIndex (JSContextRef ctx, JSObjectRef object, unsigned index,
                                        JSValueRef value, JSValueRef *exception);

enum { CB_HANDSHAKE, CB_ERROR, CB_HELLO, CB_SESSION, CB_KEYLOG, CB_COUNT };

typedef struct tls_conn tls_conn_t;

typedef struct {
  anode_runtime_t *rt;
  JSGlobalContextRef js;
  JSClassRef ctx_class;       /* native SecureContext handles */
  JSObjectRef cb[CB_COUNT];
  GHashTable *conns;          /* every live tls_conn_t */
  uv_idle_t idle;             /* pumps asked for from inside JS calls */
  GQueue queue;
  X509_STORE *roots;          /* system CAs and NODE_EXTRA_CA_CERTS, shared */
  gboolean torn_down;
  char buf[65536];            /* decrypted bytes on their way to JS */
} tls_state_t;

struct tls_conn {
  tls_state_t *st;
  anode_stream_t *stream;     /* NULL once the stream closed */
  SSL *ssl;
  BIO *rbio, *wbio;           /* owned by ssl */
  GByteArray *pending;        /* plaintext written before the handshake ended */
  unsigned pending_writes;    /* JS writes in `pending`, each owed onafterwrite */
  char *hello_servername;     /* SNI from the client hello (servers) */
  GPtrArray *hello_alpn;      /* ALPN names from the client hello (servers) */
  guint8 *alpn;               /* servers: ALPNProtocols, wire format */
  size_t alpn_len;
  char *alpn_choice;          /* servers: what ALPNCallback picked */
  SSL_SESSION *new_session;   /* clients: to hand to JS after the SSL call */
  GPtrArray *keylog;          /* NSS key log lines, to hand to JS likewise */
  int in_pump;
  gboolean server;
  gboolean started;
  gboolean established;
  gboolean js_reading;
  gboolean raw_reading;
  gboolean eof_in;            /* the socket's read side ended */
  gboolean end_delivered;
  gboolean failed;
  gboolean shutdown_pending;
  gboolean want_hello;        /* JS answers the client hello (SNI/ALPN callbacks) */
  gboolean hello_paused;
  gboolean hello_done;
  gboolean alpn_callback;     /* alpn_choice decides */
  gboolean want_session;
  gboolean want_keylog;
  gboolean queued;
  gboolean dead;
};

static const anode_stream_filter_t filter;

/* ---- JS values ---- */

static JSValueRef
num (JSContextRef ctx, double v)
{
  return JSValueMakeNumber (ctx, v);
}

static JSValueRef
str_value (JSContextRef ctx, const char *s)
{
  JSStringRef js = JSStringCreateWithUTF8CString (s ? s : "");
  JSValueRef v = JSValueMakeString (ctx, js);
  JSStringRelease (js);
  return v;
}

static JSValueRef
str_value_len (JSContextRef ctx, const char *s, size_t len)
{
  g_autofree char *copy = g_strndup (s, len);
  return str_value (ctx, copy);
}

static void
set_prop (JSContextRef ctx, JSObjectRef obj, const char *key, JSValueRef v)
{
  JSStringRef k = JSStringCreateWithUTF8CString (key);
  JSObjectSetProperty (ctx, obj, k, v, 0, NULL);
  JSStringRelease (k);
}

/* Values kept only in C's heap are no roots for the garbage collector (it
 * scans the stack): lists are built straight into a JS array instead. */
static JSObjectRef
new_array (JSContextRef ctx)
{
  return JSObjectMakeArray (ctx, 0, NULL, NULL);
}

static void
array_push (JSContextRef ctx, JSObjectRef arr, unsigned *n, JSValueRef v)
{
  JSObjectSetPropertyAtIndex (ctx, arr, (*n)++, v, NULL);
}

static void
free_bytes_cb (void *bytes, void *context)
{
  g_free (bytes);
}

static JSValueRef
array_buffer (JSContextRef ctx, const void *data, size_t len)
{
  void *copy = g_memdup2 (data, MAX (len, 1));
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, copy, len, free_bytes_cb, NULL, NULL);
}

/* The bytes of argument `i`: a string (UTF-8) or a view. FALSE if neither. */
static gboolean
arg_bytes (JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i, GByteArray *out)
{
  if (i >= argc)
    return FALSE;
  if (JSValueIsString (ctx, argv[i]))
    return anode_capi_string_bytes (ctx, argv[i], 0, out);
  JSTypedArrayType t = JSValueGetTypedArrayType (ctx, argv[i], NULL);
  if (t == kJSTypedArrayTypeNone)
    return FALSE;
  JSObjectRef o = (JSObjectRef) argv[i];
  if (t == kJSTypedArrayTypeArrayBuffer) {
    g_byte_array_append (out, JSObjectGetArrayBufferBytesPtr (ctx, o, NULL),
                         JSObjectGetArrayBufferByteLength (ctx, o, NULL));
    return TRUE;
  }
  const guint8 *base = JSObjectGetTypedArrayBytesPtr (ctx, o, NULL);
  size_t len = JSObjectGetTypedArrayByteLength (ctx, o, NULL);
  if (len > 0)
    g_byte_array_append (out, base + JSObjectGetTypedArrayByteOffset (ctx, o, NULL), len);
  return TRUE;
}

/* ---- OpenSSL errors ---- */

/* The short name Node puts in an OpenSSL error's code (ERR_OSSL_<LIB>_...). */
static const char *
lib_name (int lib)
{
  static const struct {
    int lib;
    const char *name;
  } libs[] = {
    { ERR_LIB_SSL, "SSL" },     { ERR_LIB_PEM, "PEM" },       { ERR_LIB_X509, "X509" },
    { ERR_LIB_X509V3, "X509V3" }, { ERR_LIB_EVP, "EVP" },     { ERR_LIB_ASN1, "ASN1" },
    { ERR_LIB_RSA, "RSA" },     { ERR_LIB_EC, "EC" },         { ERR_LIB_BIO, "BIO" },
    { ERR_LIB_BN, "BN" },       { ERR_LIB_PKCS12, "PKCS12" }, { ERR_LIB_PKCS7, "PKCS7" },
    { ERR_LIB_DH, "DH" },       { ERR_LIB_DSA, "DSA" },       { ERR_LIB_CRYPTO, "CRYPTO" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (libs); i++)
    if (libs[i].lib == lib)
      return libs[i].name;
  return NULL;
}

/* [code, message, library, reason] for OpenSSL error `e`, as Node shapes
 * them: the message is OpenSSL's error string, the code ERR_SSL_<REASON>
 * for libssl, ERR_OSSL_<LIB>_<REASON> for the classic libraries and
 * ERR_OSSL_<REASON> for OpenSSL 3's providers and decoders. */
static JSValueRef
error_value (JSContextRef ctx, unsigned long e)
{
  char message[256];
  ERR_error_string_n (e, message, sizeof message);
  const char *reason = ERR_reason_error_string (e);
  const char *library = ERR_lib_error_string (e);
  int lib = ERR_GET_LIB (e);
  GString *code = g_string_new ("ERR_");
  if (lib == ERR_LIB_SSL) {
    g_string_append (code, "SSL_");
  } else {
    const char *name = lib_name (lib);
    g_string_append (code, "OSSL_");
    if (name != NULL)
      g_string_append_printf (code, "%s_", name);
  }
  for (const char *p = reason ? reason : "unknown error"; *p; p++)
    g_string_append_c (code, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
  JSValueRef v[4] = { str_value (ctx, code->str), str_value (ctx, message),
                      str_value (ctx, library ? library : ""), str_value (ctx, reason ? reason : "") };
  g_string_free (code, TRUE);
  return JSObjectMakeArray (ctx, 4, v, NULL);
}

/* The first error queued (where it went wrong), or a generic one; clears
 * the queue. */
static JSValueRef
take_error (JSContextRef ctx, const char *fallback)
{
  unsigned long e = ERR_peek_error ();
  ERR_clear_error ();
  if (e != 0)
    return error_value (ctx, e);
  JSValueRef v[4] = { str_value (ctx, "ERR_SSL_INTERNAL_ERROR"), str_value (ctx, fallback),
                      str_value (ctx, ""), str_value (ctx, fallback) };
  return JSObjectMakeArray (ctx, 4, v, NULL);
}

/* Node's codes for certificate verification results: OpenSSL's names
 * without the X509_V_ERR_ prefix. */
static const char *
verify_code (long err)
{
  switch (err) {
#define XX(name) \
  case X509_V_ERR_##name: \
    return #name;
    XX (UNSPECIFIED)
    XX (UNABLE_TO_GET_ISSUER_CERT)
    XX (UNABLE_TO_GET_CRL)
    XX (UNABLE_TO_DECRYPT_CERT_SIGNATURE)
    XX (UNABLE_TO_DECRYPT_CRL_SIGNATURE)
    XX (UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY)
    XX (CERT_SIGNATURE_FAILURE)
    XX (CRL_SIGNATURE_FAILURE)
    XX (CERT_NOT_YET_VALID)
    XX (CERT_HAS_EXPIRED)
    XX (CRL_NOT_YET_VALID)
    XX (CRL_HAS_EXPIRED)
    XX (ERROR_IN_CERT_NOT_BEFORE_FIELD)
    XX (ERROR_IN_CERT_NOT_AFTER_FIELD)
    XX (ERROR_IN_CRL_LAST_UPDATE_FIELD)
    XX (ERROR_IN_CRL_NEXT_UPDATE_FIELD)
    XX (OUT_OF_MEM)
    XX (DEPTH_ZERO_SELF_SIGNED_CERT)
    XX (SELF_SIGNED_CERT_IN_CHAIN)
    XX (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
    XX (UNABLE_TO_VERIFY_LEAF_SIGNATURE)
    XX (CERT_CHAIN_TOO_LONG)
    XX (CERT_REVOKED)
    XX (INVALID_CA)
    XX (PATH_LENGTH_EXCEEDED)
    XX (INVALID_PURPOSE)
    XX (CERT_UNTRUSTED)
    XX (CERT_REJECTED)
    XX (HOSTNAME_MISMATCH)
    XX (EMAIL_MISMATCH)
    XX (IP_ADDRESS_MISMATCH)
    XX (KEYUSAGE_NO_CERTSIGN)
    XX (INVALID_NON_CA)
    XX (INVALID_EXTENSION)
    XX (EE_KEY_TOO_SMALL)
    XX (CA_KEY_TOO_SMALL)
    XX (CA_MD_TOO_WEAK)
#undef XX
  }
  return "UNSPECIFIED";
}

/* ---- the shared root store ---- */

static void
add_pem_certs (X509_STORE *store, const guint8 *data, size_t len, SSL_CTX *client_cas, int *added)
{
  BIO *bio = BIO_new_mem_buf (data, (int) len);
  X509 *x;
  while ((x = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL) {
    X509_STORE_add_cert (store, x);
    if (client_cas != NULL)
      SSL_CTX_add_client_CA (client_cas, x);
    X509_free (x);
    (*added)++;
  }
  BIO_free (bio);
}

static const char *
system_ca_file (void)
{
  const char *file = g_getenv (X509_get_default_cert_file_env ());
  return file != NULL ? file : X509_get_default_cert_file ();
}

/* The system's CA bundle (OpenSSL's default file, as SSL_CERT_FILE may
 * name it) and the default directory, then NODE_EXTRA_CA_CERTS. Built on
 * first use: most scripts never verify a certificate. */
static X509_STORE *
root_store (tls_state_t *st)
{
  if (st->roots != NULL)
    return st->roots;
  st->roots = X509_STORE_new ();
  X509_STORE_load_file (st->roots, system_ca_file ());
  const char *dir = g_getenv (X509_get_default_cert_dir_env ());
  X509_STORE_load_path (st->roots, dir ? dir : X509_get_default_cert_dir ());
  ERR_clear_error ();
  const char *extra = g_getenv ("NODE_EXTRA_CA_CERTS");
  if (extra != NULL && *extra) {
    g_autofree char *contents = NULL;
    gsize len = 0;
    g_autoptr (GError) error = NULL;
    int added = 0;
    if (g_file_get_contents (extra, &contents, &len, &error))
      add_pem_certs (st->roots, (const guint8 *) contents, len, NULL, &added);
    ERR_clear_error ();
    if (added == 0)
      g_printerr ("Warning: Ignoring extra certs from `%s`, load failed: %s\n", extra,
                  error ? error->message : "no certificates found");
  }
  return st->roots;
}

/* A context trusts the system roots unless CAs were given to it (its app
 * data marks that). They are attached when a connection first needs to
 * verify a peer, so servers that never do skip loading the bundle. */
static void
ensure_roots (tls_state_t *st, SSL_CTX *sc)
{
  if (SSL_CTX_get_app_data (sc) == NULL && SSL_CTX_get_cert_store (sc) != st->roots)
    SSL_CTX_set1_cert_store (sc, root_store (st));
}

/* ---- secure contexts ---- */

static void
ctx_finalize (JSObjectRef obj)
{
  SSL_CTX *sc = JSObjectGetPrivate (obj);
  if (sc != NULL)
    SSL_CTX_free (sc);
}

static SSL_CTX *
ctx_arg (tls_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[], size_t i)
{
  if (i >= argc || !JSValueIsObjectOfClass (ctx, argv[i], st->ctx_class))
    return NULL;
  return JSObjectGetPrivate ((JSObjectRef) argv[i]);
}

static int verify_accept_cb (int ok, X509_STORE_CTX *store_ctx);
static int client_hello_cb (SSL *ssl, int *alert, void *arg);
static int alpn_select_cb (SSL *ssl, const unsigned char **out, unsigned char *outlen,
                           const unsigned char *in, unsigned int inlen, void *arg);
static int new_session_cb (SSL *ssl, SSL_SESSION *sess);
static void keylog_cb (const SSL *ssl, const char *line);

static const char session_id_context[] = "anode";

/* createContext(minVersion, maxVersion) -> a native context, or an error
 * array. Versions are OpenSSL's numbers (0: no bound). */
static JSValueRef
create_context_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[],
                   JSValueRef *exc)
{
  tls_state_t *st = data;
  SSL_CTX *sc = SSL_CTX_new (TLS_method ());
  if (sc == NULL)
    return take_error (ctx, "SSL_CTX_new failed");
  int min = (int) anode_capi_arg_number (ctx, argc, argv, 0, 0);
  int max = (int) anode_capi_arg_number (ctx, argc, argv, 1, 0);
  if (!SSL_CTX_set_min_proto_version (sc, min) || !SSL_CTX_set_max_proto_version (sc, max)) {
    SSL_CTX_free (sc);
    return take_error (ctx, "invalid protocol version");
  }
  SSL_CTX_set_options (sc, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                             SSL_OP_IGNORE_UNEXPECTED_EOF);
  /* No SSL_MODE_RELEASE_BUFFERS: freeing and reallocating the record
   * buffers around every request cost ~25% of a keep-alive https server's
   * CPU; keeping them costs ~9 KB per idle connection. */
  /* Verification runs to the end and records its result; JS decides. */
  SSL_CTX_set_verify (sc, SSL_VERIFY_NONE, verify_accept_cb);
  SSL_CTX_set_client_hello_cb (sc, client_hello_cb, NULL);
  SSL_CTX_set_alpn_select_cb (sc, alpn_select_cb, NULL);
  SSL_CTX_set_session_cache_mode (sc, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb (sc, new_session_cb);
  SSL_CTX_set_keylog_callback (sc, keylog_cb);
  SSL_CTX_set_session_id_context (sc, (const guint8 *) session_id_context,
                                  sizeof session_id_context - 1);
  SSL_CTX_set_dh_auto (sc, 1);
  return JSObjectMake (ctx, st->ctx_class, sc);
}

/* setCert(ctx, pem): the first certificate is ours, the rest its chain. */
static JSValueRef
ctx_set_cert_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  g_autoptr (GByteArray) pem = g_byte_array_new ();
  if (sc == NULL || !arg_bytes (ctx, argc, argv, 1, pem))
    return num (ctx, -1);
  ERR_clear_error ();
  BIO *bio = BIO_new_mem_buf (pem->data, (int) pem->len);
  X509 *x = PEM_read_bio_X509_AUX (bio, NULL, NULL, NULL);
  if (x == NULL) {
    BIO_free (bio);
    return take_error (ctx, "no certificate");
  }
  int ok = SSL_CTX_use_certificate (sc, x);
  X509_free (x);
  if (ok) {
    SSL_CTX_clear_chain_certs (sc);
    X509 *ca;
    while ((ca = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL) {
      if (!SSL_CTX_add0_chain_cert (sc, ca)) {
        X509_free (ca);
        ok = 0;
        break;
      }
    }
    /* The loop ends on "no start line" at the end of the input. */
    if (ok) {
      unsigned long e = ERR_peek_last_error ();
      if (ERR_GET_LIB (e) == ERR_LIB_PEM && ERR_GET_REASON (e) == PEM_R_NO_START_LINE)
        ERR_clear_error ();
    }
  }
  BIO_free (bio);
  if (!ok)
    return take_error (ctx, "SSL_CTX_use_certificate failed");
  ERR_clear_error ();
  return num (ctx, 0);
}

static int
passphrase_cb (char *buf, int size, int rwflag, void *user)
{
  /* No passphrase is an empty one: the key fails to decrypt ("bad decrypt"). */
  const char *pass = user ? user : "";
  int len = (int) strlen (pass);
  if (len > size)
    return -1;
  memcpy (buf, pass, len);
  return len;
}

/* setKey(ctx, pem, passphrase?) */
static JSValueRef
ctx_set_key_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  g_autoptr (GByteArray) pem = g_byte_array_new ();
  if (sc == NULL || !arg_bytes (ctx, argc, argv, 1, pem))
    return num (ctx, -1);
  g_autofree char *pass = anode_capi_arg_utf8 (ctx, argc, argv, 2);
  ERR_clear_error ();
  BIO *bio = BIO_new_mem_buf (pem->data, (int) pem->len);
  EVP_PKEY *key = PEM_read_bio_PrivateKey (bio, NULL, passphrase_cb, pass);
  BIO_free (bio);
  if (key == NULL)
    return take_error (ctx, "bad private key");
  int ok = SSL_CTX_use_PrivateKey (sc, key);
  EVP_PKEY_free (key);
  if (!ok)
    return take_error (ctx, "SSL_CTX_use_PrivateKey failed");
  return num (ctx, 0);
}

/* addCACert(ctx, pem): trusts these CAs (the first call replaces the
 * system roots, as Node's `ca` option does) and names them to clients
 * asked for a certificate. */
static JSValueRef
ctx_add_ca_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_state_t *st = data;
  SSL_CTX *sc = ctx_arg (st, ctx, argc, argv, 0);
  g_autoptr (GByteArray) pem = g_byte_array_new ();
  if (sc == NULL || !arg_bytes (ctx, argc, argv, 1, pem))
    return num (ctx, -1);
  X509_STORE *store = SSL_CTX_get_cert_store (sc);
  if (store == st->roots) {
    store = X509_STORE_new ();
    SSL_CTX_set_cert_store (sc, store); /* takes the reference */
  }
  SSL_CTX_set_app_data (sc, (void *) 1);
  ERR_clear_error ();
  int added = 0;
  /* Input without certificates adds nothing, and is no error (as in Node). */
  add_pem_certs (store, pem->data, pem->len, sc, &added);
  ERR_clear_error ();
  return num (ctx, 0);
}

/* setCiphers(ctx, list): TLS_* names are TLS 1.3 suites, the rest 1.2's. */
static JSValueRef
ctx_set_ciphers_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  g_autofree char *list = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (sc == NULL || list == NULL)
    return num (ctx, -1);
  g_auto (GStrv) parts = g_strsplit (list, ":", -1);
  GString *v13 = g_string_new (NULL), *v12 = g_string_new (NULL);
  for (char **p = parts; *p; p++) {
    if (**p == '\0')
      continue;
    GString *to = g_str_has_prefix (*p, "TLS_") ? v13 : v12;
    if (to->len)
      g_string_append_c (to, ':');
    g_string_append (to, *p);
  }
  ERR_clear_error ();
  /* Either part may be missing: the other keeps OpenSSL's defaults. */
  gboolean ok = (v13->len > 0 || v12->len > 0) &&
                (v13->len == 0 || SSL_CTX_set_ciphersuites (sc, v13->str)) &&
                (v12->len == 0 || SSL_CTX_set_cipher_list (sc, v12->str));
  g_string_free (v13, TRUE);
  g_string_free (v12, TRUE);
  if (!ok)
    return take_error (ctx, "no cipher match");
  ERR_clear_error ();
  return num (ctx, 0);
}

/* setGroups(ctx, list) for ecdhCurve. */
static JSValueRef
ctx_set_groups_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  g_autofree char *list = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (sc == NULL || list == NULL)
    return num (ctx, -1);
  ERR_clear_error ();
  if (!SSL_CTX_set1_groups_list (sc, list))
    return take_error (ctx, "Failed to set ECDH curve");
  return num (ctx, 0);
}

/* setSigalgs(ctx, list) */
static JSValueRef
ctx_set_sigalgs_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  g_autofree char *list = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (sc == NULL || list == NULL)
    return num (ctx, -1);
  ERR_clear_error ();
  if (!SSL_CTX_set1_sigalgs_list (sc, list))
    return take_error (ctx, "Failed to set signature algorithms");
  return num (ctx, 0);
}

/* setOptions(ctx, secureOptions) */
static JSValueRef
ctx_set_options_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  if (sc == NULL)
    return num (ctx, -1);
  SSL_CTX_set_options (sc, (uint64_t) anode_capi_arg_number (ctx, argc, argv, 1, 0));
  return num (ctx, 0);
}

/* setSessionIdContext(ctx, string) */
static JSValueRef
ctx_set_sid_ctx_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  g_autofree char *sid = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (sc == NULL || sid == NULL)
    return num (ctx, -1);
  size_t len = MIN (strlen (sid), SSL_MAX_SID_CTX_LENGTH);
  if (!SSL_CTX_set_session_id_context (sc, (const guint8 *) sid, len))
    return take_error (ctx, "Failed to set session id context");
  return num (ctx, 0);
}

/* setSessionTimeout(ctx, seconds) */
static JSValueRef
ctx_set_timeout_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = ctx_arg (data, ctx, argc, argv, 0);
  if (sc == NULL)
    return num (ctx, -1);
  SSL_CTX_set_timeout (sc, (long) anode_capi_arg_number (ctx, argc, argv, 1, 300));
  return num (ctx, 0);
}

/* ---- certificates as JS objects ---- */

static char *
bio_text (BIO *bio)
{
  char *p;
  long n = BIO_get_mem_data (bio, &p);
  return g_strndup (p, n > 0 ? n : 0);
}

/* [shortName, value, ...] for an X509_NAME. */
static JSValueRef
name_value (JSContextRef ctx, const X509_NAME *name)
{
  int n = X509_NAME_entry_count (name);
  JSObjectRef arr = new_array (ctx);
  unsigned at = 0;
  for (int i = 0; i < n; i++) {
    const X509_NAME_ENTRY *e = X509_NAME_get_entry (name, i);
    const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object (e);
    int nid = OBJ_obj2nid (obj);
    char key[128];
    if (nid != NID_undef)
      g_strlcpy (key, OBJ_nid2sn (nid), sizeof key);
    else
      OBJ_obj2txt (key, sizeof key, obj, 1);
    unsigned char *utf8 = NULL;
    int len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (e));
    array_push (ctx, arr, &at, str_value (ctx, key));
    array_push (ctx, arr, &at, len >= 0 ? str_value_len (ctx, (const char *) utf8, len) : str_value (ctx, ""));
    OPENSSL_free (utf8);
  }
  return arr;
}

/* An extension as OpenSSL prints it ("DNS:a, IP Address:127.0.0.1"). */
static JSValueRef
ext_text (JSContextRef ctx, X509 *x, int nid)
{
  int idx = X509_get_ext_by_NID (x, nid, -1);
  if (idx < 0)
    return NULL;
  BIO *bio = BIO_new (BIO_s_mem ());
  X509V3_EXT_print (bio, X509_get_ext (x, idx), 0, 0);
  g_autofree char *text = bio_text (bio);
  BIO_free (bio);
  return str_value (ctx, text);
}

static JSValueRef
time_text (JSContextRef ctx, const ASN1_TIME *t)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  ASN1_TIME_print (bio, t);
  g_autofree char *text = bio_text (bio);
  BIO_free (bio);
  return str_value (ctx, text);
}

static JSValueRef
fingerprint (JSContextRef ctx, X509 *x, const EVP_MD *md)
{
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  if (!X509_digest (x, md, d, &len))
    return str_value (ctx, "");
  GString *s = g_string_sized_new (len * 3);
  for (unsigned i = 0; i < len; i++)
    g_string_append_printf (s, i ? ":%02X" : "%02X", d[i]);
  JSValueRef v = str_value (ctx, s->str);
  g_string_free (s, TRUE);
  return v;
}

static JSValueRef
bn_hex (JSContextRef ctx, const BIGNUM *bn, gboolean prefixed)
{
  char *hex = BN_bn2hex (bn);
  JSValueRef v;
  if (prefixed) {
    /* Node writes the exponent as 0x10001: lower case, no leading zeros. */
    const char *p = hex;
    while (p[0] == '0' && p[1] != '\0')
      p++;
    g_autofree char *lower = g_ascii_strdown (p, -1);
    g_autofree char *s = g_strconcat ("0x", lower, NULL);
    v = str_value (ctx, s);
  } else {
    v = str_value (ctx, hex);
  }
  OPENSSL_free (hex);
  return v;
}

static void
key_info (JSContextRef ctx, JSObjectRef o, X509 *x)
{
  EVP_PKEY *pk = X509_get0_pubkey (x);
  if (pk == NULL)
    return;
  set_prop (ctx, o, "bits", num (ctx, EVP_PKEY_get_bits (pk)));
  unsigned char *der = NULL;
  int len = i2d_PUBKEY (pk, &der);
  if (len > 0)
    set_prop (ctx, o, "pubkey", array_buffer (ctx, der, len));
  OPENSSL_free (der);
  if (EVP_PKEY_get_base_id (pk) == EVP_PKEY_RSA) {
    BIGNUM *n = NULL, *e = NULL;
    if (EVP_PKEY_get_bn_param (pk, OSSL_PKEY_PARAM_RSA_N, &n))
      set_prop (ctx, o, "modulus", bn_hex (ctx, n, FALSE));
    if (EVP_PKEY_get_bn_param (pk, OSSL_PKEY_PARAM_RSA_E, &e))
      set_prop (ctx, o, "exponent", bn_hex (ctx, e, TRUE));
    BN_free (n);
    BN_free (e);
  } else if (EVP_PKEY_get_base_id (pk) == EVP_PKEY_EC) {
    char group[80];
    if (EVP_PKEY_get_utf8_string_param (pk, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL)) {
      set_prop (ctx, o, "asn1Curve", str_value (ctx, group));
      const char *nist = EC_curve_nid2nist (OBJ_sn2nid (group));
      if (nist != NULL)
        set_prop (ctx, o, "nistCurve", str_value (ctx, nist));
    }
  }
  ERR_clear_error ();
}

/* One certificate's fields; JS shapes them into Node's certificate object. */
static JSObjectRef
cert_value (JSContextRef ctx, X509 *x)
{
  JSObjectRef o = JSObjectMake (ctx, NULL, NULL);
  set_prop (ctx, o, "subject", name_value (ctx, X509_get_subject_name (x)));
  set_prop (ctx, o, "issuer", name_value (ctx, X509_get_issuer_name (x)));
  JSValueRef san = ext_text (ctx, x, NID_subject_alt_name);
  if (san != NULL)
    set_prop (ctx, o, "subjectaltname", san);
  JSValueRef aia = ext_text (ctx, x, NID_info_access);
  if (aia != NULL)
    set_prop (ctx, o, "infoAccess", aia);
  set_prop (ctx, o, "ca", JSValueMakeBoolean (ctx, (X509_get_extension_flags (x) & EXFLAG_CA) != 0));
  key_info (ctx, o, x);
  set_prop (ctx, o, "valid_from", time_text (ctx, X509_get0_notBefore (x)));
  set_prop (ctx, o, "valid_to", time_text (ctx, X509_get0_notAfter (x)));
  set_prop (ctx, o, "fingerprint", fingerprint (ctx, x, EVP_sha1 ()));
  set_prop (ctx, o, "fingerprint256", fingerprint (ctx, x, EVP_sha256 ()));
  set_prop (ctx, o, "fingerprint512", fingerprint (ctx, x, EVP_sha512 ()));
  EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i (x, NID_ext_key_usage, NULL, NULL);
  if (eku != NULL) {
    int n = sk_ASN1_OBJECT_num (eku);
    JSObjectRef arr = new_array (ctx);
    unsigned at = 0;
    set_prop (ctx, o, "ext_key_usage", arr);
    for (int i = 0; i < n; i++) {
      char oid[128];
      OBJ_obj2txt (oid, sizeof oid, sk_ASN1_OBJECT_value (eku, i), 1);
      array_push (ctx, arr, &at, str_value (ctx, oid));
    }
    sk_ASN1_OBJECT_pop_free (eku, ASN1_OBJECT_free);
  }
  BIGNUM *serial = ASN1_INTEGER_to_BN (X509_get0_serialNumber (x), NULL);
  if (serial != NULL) {
    set_prop (ctx, o, "serialNumber", bn_hex (ctx, serial, FALSE));
    BN_free (serial);
  }
  unsigned char *der = NULL;
  int len = i2d_X509 (x, &der);
  if (len > 0)
    set_prop (ctx, o, "raw", array_buffer (ctx, der, len));
  OPENSSL_free (der);
  set_prop (ctx, o, "selfIssued", JSValueMakeBoolean (ctx, X509_check_issued (x, x) == X509_V_OK));
  ERR_clear_error ();
  return o;
}

/* ---- connections ---- */

static tls_conn_t *
conn_lookup (tls_state_t *st, JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  int id = (int) anode_capi_arg_number (ctx, argc, argv, 0, -1);
  return anode_stream_filter_data (anode_stream_lookup (st->rt, id), &filter);
}

static void
conn_free (tls_conn_t *c)
{
  g_hash_table_remove (c->st->conns, c);
  SSL_free (c->ssl);
  if (c->new_session != NULL)
    SSL_SESSION_free (c->new_session);
  if (c->keylog != NULL)
    g_ptr_array_unref (c->keylog);
  g_byte_array_unref (c->pending);
  g_free (c->hello_servername);
  if (c->hello_alpn != NULL)
    g_ptr_array_unref (c->hello_alpn);
  g_free (c->alpn);
  g_free (c->alpn_choice);
  g_free (c);
}

static void
conn_maybe_free (tls_conn_t *c)
{
  if (c->dead && c->in_pump == 0 && !c->queued)
    conn_free (c);
}

/* The stream went away (closed) during a JS call: stop. */
static gboolean
gone (tls_conn_t *c)
{
  return c->dead || c->stream == NULL;
}

static void pump (tls_conn_t *c);

static void
idle_cb (uv_idle_t *idle)
{
  tls_state_t *st = idle->data;
  /* Only what is queued now: a pump may queue its conn again. */
  guint n = g_queue_get_length (&st->queue);
  while (n-- > 0) {
    tls_conn_t *c = g_queue_pop_head (&st->queue);
    c->queued = FALSE;
    if (c->dead)
      conn_maybe_free (c);
    else
      pump (c);
  }
  if (g_queue_is_empty (&st->queue))
    uv_idle_stop (idle);
}

/* Runs pump(c) from the loop soon: JS asked for something (start, resume,
 * the SNI answer) whose results it must not hear inside its own call. */
static void
schedule (tls_conn_t *c)
{
  if (c->queued || c->dead)
    return;
  c->queued = TRUE;
  g_queue_push_tail (&c->st->queue, c);
  uv_idle_start (&c->st->idle, idle_cb);
}

static void
call_js (tls_conn_t *c, int which, size_t argc, const JSValueRef *args)
{
  tls_state_t *st = c->st;
  JSValueRef all[4];
  if (gone (c) || st->cb[which] == NULL)
    return;
  JSObjectRef owner = anode_stream_owner (c->stream);
  if (owner == NULL)
    return;
  g_assert (argc < G_N_ELEMENTS (all));
  all[0] = owner;
  for (size_t i = 0; i < argc; i++)
    all[i + 1] = args[i];
  anode_capi_callback (st->rt, st->cb[which], argc + 1, all);
}

static void
set_raw_reading (tls_conn_t *c, gboolean on)
{
  if (gone (c) || c->raw_reading == on || (on && c->eof_in))
    return;
  int err = anode_stream_raw_read (c->stream, on);
  if (err == 0 || err == UV_EALREADY)
    c->raw_reading = on;
}

/* Sends the ciphertext OpenSSL produced. `js_writes` JS writes complete
 * with it. Returns as anode_stream_raw_write does (0 when nothing to send). */
static int
flush (tls_conn_t *c, unsigned js_writes)
{
  if (gone (c))
    return UV_EBADF;
  char *data;
  long n = BIO_get_mem_data (c->wbio, &data);
  if (n <= 0)
    return 0;
  int r = anode_stream_raw_write (c->stream, data, n, js_writes);
  (void) BIO_reset (c->wbio);
  return r;
}

/* A fatal TLS error: JS hears it once and destroys the socket. */
static void
fail (tls_conn_t *c, JSValueRef error)
{
  if (c->failed)
    return;
  c->failed = TRUE;
  flush (c, 0); /* the alert, if OpenSSL wrote one */
  call_js (c, CB_ERROR, 1, &error);
}

static void
deliver_keylog (tls_conn_t *c)
{
  if (c->keylog == NULL || c->keylog->len == 0)
    return;
  GPtrArray *lines = c->keylog;
  c->keylog = NULL;
  for (guint i = 0; i < lines->len && !gone (c); i++) {
    const char *line = g_ptr_array_index (lines, i);
    JSValueRef ab = array_buffer (c->st->js, line, strlen (line));
    call_js (c, CB_KEYLOG, 1, &ab);
  }
  g_ptr_array_unref (lines);
}

static void
deliver_session (tls_conn_t *c)
{
  deliver_keylog (c);
  SSL_SESSION *sess = c->new_session;
  if (sess == NULL)
    return;
  c->new_session = NULL;
  unsigned char *der = NULL;
  int len = i2d_SSL_SESSION (sess, &der);
  SSL_SESSION_free (sess);
  if (len > 0) {
    JSValueRef ab = array_buffer (c->st->js, der, len);
    call_js (c, CB_SESSION, 1, &ab);
  }
  OPENSSL_free (der);
}

static void
do_shutdown (tls_conn_t *c)
{
  c->shutdown_pending = FALSE;
  if (!c->failed) {
    ERR_clear_error ();
    SSL_shutdown (c->ssl); /* queues close_notify */
    ERR_clear_error ();
    flush (c, 0);
  }
  if (!gone (c))
    anode_stream_raw_shutdown (c->stream);
}

/* Encrypts what JS wrote before the handshake ended, then tells JS those
 * writes are done (now, or when the socket has taken the bytes). */
static void
write_pending (tls_conn_t *c)
{
  while (!gone (c) && (c->pending->len > 0 || c->pending_writes > 0)) {
    unsigned writes = c->pending_writes;
    GByteArray *bytes = c->pending;
    c->pending = g_byte_array_new ();
    c->pending_writes = 0;
    int r = 0;
    ERR_clear_error ();
    if (bytes->len > 0 && SSL_write (c->ssl, bytes->data, (int) bytes->len) <= 0)
      r = UV_EPROTO;
    g_byte_array_unref (bytes);
    if (r == 0)
      r = flush (c, writes);
    if (r == 1)
      continue;
    /* Done (or failed) at once: JS writes made meanwhile queue behind. */
    for (unsigned i = 0; i < writes && !gone (c); i++)
      anode_stream_write_done (c->stream, r);
  }
  if (!gone (c) && c->shutdown_pending)
    do_shutdown (c);
}

static void
handshake_step (tls_conn_t *c)
{
  ERR_clear_error ();
  int r = SSL_do_handshake (c->ssl);
  int e = r == 1 ? SSL_ERROR_NONE : SSL_get_error (c->ssl, r);
  if (e == SSL_ERROR_SSL || e == SSL_ERROR_SYSCALL) {
    fail (c, take_error (c->st->js, "handshake failed"));
    return;
  }
  /* A client's last flight (its Finished) waits until JS has accepted the
   * server's certificate: a rejected server never sees the handshake end. */
  if (r != 1 || c->server)
    flush (c, 0);
  if (gone (c))
    return;
  if (e == SSL_ERROR_WANT_CLIENT_HELLO_CB) {
    c->hello_paused = TRUE;
    JSContextRef ctx = c->st->js;
    JSValueRef args[2] = { c->hello_servername ? str_value (ctx, c->hello_servername)
                                               : JSValueMakeUndefined (ctx),
                           JSValueMakeUndefined (ctx) };
    if (c->hello_alpn != NULL) {
      JSObjectRef arr = new_array (ctx);
      unsigned at = 0;
      for (guint i = 0; i < c->hello_alpn->len; i++)
        array_push (ctx, arr, &at, str_value (ctx, g_ptr_array_index (c->hello_alpn, i)));
      args[1] = arr;
    }
    call_js (c, CB_HELLO, 2, args);
    return;
  }
  if (r != 1) {
    deliver_keylog (c); /* TLS 1.3 handshake secrets come before the end */
    return;             /* wants more bytes */
  }
  c->established = TRUE;
  call_js (c, CB_HANDSHAKE, 0, NULL);
  if (gone (c))
    return;
  flush (c, 0);
  deliver_session (c);
  write_pending (c);
  if (!gone (c))
    set_raw_reading (c, c->js_reading);
}

/* Moves the connection on with what it has: handshake, then decrypted
 * bytes to the reader while it reads, then the end. Runs from the loop. */
static void
pump (tls_conn_t *c)
{
  if (gone (c) || c->failed || !c->started)
    return;
  c->in_pump++;
  if (!c->established && !c->hello_paused)
    handshake_step (c);
  tls_state_t *st = c->st;
  while (c->established && c->js_reading && !c->failed && !gone (c) && !c->end_delivered) {
    size_t got = 0;
    int e = SSL_ERROR_NONE;
    ERR_clear_error ();
    /* Fill the buffer from as many records as there are: one JS call per read. */
    while (got < sizeof st->buf) {
      int n = SSL_read (c->ssl, st->buf + got, (int) (sizeof st->buf - got));
      if (n <= 0) {
        e = SSL_get_error (c->ssl, n);
        break;
      }
      got += n;
    }
    flush (c, 0); /* replies OpenSSL owes the peer (key updates) */
    deliver_session (c);
    if (got > 0 && !gone (c))
      anode_stream_deliver (c->stream, st->buf, got);
    if (gone (c) || e == SSL_ERROR_NONE)
      continue;
    if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_WANT_READ && c->eof_in)) {
      c->end_delivered = TRUE;
      anode_stream_deliver_end (c->stream, UV_EOF);
    } else if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
      fail (c, take_error (st->js, "decryption failed"));
    }
    break;
  }
  c->in_pump--;
  conn_maybe_free (c);
}

/* ---- the stream filter ---- */

/* Ciphertext a peer may pile up while the handshake waits (for JS's SNI
 * answer, say): past this the socket stops being read until it moves on. */
#define HANDSHAKE_BACKLOG (1 << 20)

static void
filter_read (void *user, ssize_t nread, const char *buf)
{
  tls_conn_t *c = user;
  if (nread > 0) {
    BIO_write (c->rbio, buf, (int) nread);
    c->in_pump++; /* keeps c alive through pump() */
    pump (c);
    c->in_pump--;
    if (!gone (c) && !c->established && BIO_ctrl_pending (c->rbio) > HANDSHAKE_BACKLOG)
      set_raw_reading (c, FALSE);
    conn_maybe_free (c);
    return;
  }
  c->eof_in = TRUE;
  c->raw_reading = FALSE;
  if (nread != UV_EOF || !c->established) {
    /* A read error, or the end before the handshake: JS's to report. */
    c->end_delivered = TRUE;
    anode_stream_deliver_end (c->stream, (int) nread);
    return;
  }
  pump (c);
}

static int
filter_write (void *user, const uv_buf_t *bufs, unsigned nbufs)
{
  tls_conn_t *c = user;
  if (c->failed)
    return UV_EPROTO;
  if (!c->established || c->pending->len > 0 || c->pending_writes > 0) {
    for (unsigned i = 0; i < nbufs; i++)
      g_byte_array_append (c->pending, (const guint8 *) bufs[i].base, bufs[i].len);
    c->pending_writes++;
    return 1;
  }
  ERR_clear_error ();
  for (unsigned i = 0; i < nbufs; i++) {
    if (bufs[i].len > 0 && SSL_write (c->ssl, bufs[i].base, (int) bufs[i].len) <= 0) {
      ERR_clear_error ();
      flush (c, 0);
      return UV_EPROTO;
    }
  }
  return flush (c, 1);
}

static int
filter_read_start (void *user)
{
  tls_conn_t *c = user;
  c->js_reading = TRUE;
  if (!c->established)
    return 0;
  set_raw_reading (c, TRUE);
  /* Bytes may wait decrypted in OpenSSL or still encrypted in the BIO, or
   * the end may not have been told yet. */
  if (SSL_pending (c->ssl) > 0 || BIO_ctrl_pending (c->rbio) > 0 || (c->eof_in && !c->end_delivered))
    schedule (c);
  return 0;
}

static int
filter_read_stop (void *user)
{
  tls_conn_t *c = user;
  c->js_reading = FALSE;
  if (c->established)
    set_raw_reading (c, FALSE);
  return 0;
}

static int
filter_shutdown (void *user)
{
  tls_conn_t *c = user;
  if (!c->established || c->pending->len > 0 || c->pending_writes > 0) {
    c->shutdown_pending = TRUE;
    return 0;
  }
  do_shutdown (c);
  return 0;
}

static size_t
filter_queue_size (void *user)
{
  tls_conn_t *c = user;
  return c->pending->len;
}

static unsigned
filter_detach (void *user)
{
  tls_conn_t *c = user;
  unsigned owed = c->pending_writes;
  c->pending_writes = 0;
  c->stream = NULL;
  c->dead = TRUE;
  conn_maybe_free (c);
  return owed;
}

static const anode_stream_filter_t filter = {
  .read = filter_read,
  .write = filter_write,
  .read_start = filter_read_start,
  .read_stop = filter_read_stop,
  .shutdown = filter_shutdown,
  .queue_size = filter_queue_size,
  .detach = filter_detach,
};

/* ---- OpenSSL callbacks ---- */

static int
verify_accept_cb (int ok, X509_STORE_CTX *store_ctx)
{
  /* The result stays in SSL_get_verify_result; JS applies the policy. */
  return 1;
}

/* Two-byte big-endian length at p. */
static size_t
be16 (const unsigned char *p)
{
  return ((size_t) p[0] << 8) | p[1];
}

static void
parse_hello (tls_conn_t *c, SSL *ssl)
{
  const unsigned char *p;
  size_t len;
  /* server_name: list length, then (type, length, name) entries. */
  if (SSL_client_hello_get0_ext (ssl, TLSEXT_TYPE_server_name, &p, &len) && len >= 5) {
    size_t list = MIN (be16 (p), len - 2);
    const unsigned char *q = p + 2, *end = p + 2 + list;
    while (q + 3 <= end) {
      size_t n = be16 (q + 1);
      if (q + 3 + n > end)
        break;
      if (q[0] == TLSEXT_NAMETYPE_host_name && n > 0 && memchr (q + 3, 0, n) == NULL) {
        c->hello_servername = g_strndup ((const char *) q + 3, n);
        break;
      }
      q += 3 + n;
    }
  }
  /* ALPN: list length, then (length, name) entries. */
  if (SSL_client_hello_get0_ext (ssl, TLSEXT_TYPE_application_layer_protocol_negotiation, &p, &len) &&
      len >= 2) {
    size_t list = MIN (be16 (p), len - 2);
    const unsigned char *q = p + 2, *end = p + 2 + list;
    c->hello_alpn = g_ptr_array_new_with_free_func (g_free);
    while (q < end && q + 1 + q[0] <= end) {
      g_ptr_array_add (c->hello_alpn, g_strndup ((const char *) q + 1, q[0]));
      q += 1 + q[0];
    }
  }
}

static int
client_hello_cb (SSL *ssl, int *alert, void *arg)
{
  tls_conn_t *c = SSL_get_app_data (ssl);
  if (c == NULL || !c->want_hello || c->hello_done)
    return SSL_CLIENT_HELLO_SUCCESS;
  if (!c->hello_paused)
    parse_hello (c, ssl);
  /* The handshake waits until JS answers (helloDone). */
  return SSL_CLIENT_HELLO_RETRY;
}

static int
alpn_select_cb (SSL *ssl, const unsigned char **out, unsigned char *outlen,
                const unsigned char *in, unsigned int inlen, void *arg)
{
  tls_conn_t *c = SSL_get_app_data (ssl);
  if (c == NULL)
    return SSL_TLSEXT_ERR_NOACK;
  if (c->alpn_callback) {
    if (c->alpn_choice == NULL)
      return SSL_TLSEXT_ERR_ALERT_FATAL;
    size_t want = strlen (c->alpn_choice);
    for (const unsigned char *q = in; q < in + inlen && q + 1 + q[0] <= in + inlen; q += 1 + q[0]) {
      if (q[0] == want && memcmp (q + 1, c->alpn_choice, want) == 0) {
        *out = q + 1;
        *outlen = q[0];
        return SSL_TLSEXT_ERR_OK;
      }
    }
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  if (c->alpn == NULL)
    return SSL_TLSEXT_ERR_NOACK;
  unsigned char *sel;
  unsigned char sel_len;
  if (SSL_select_next_proto (&sel, &sel_len, c->alpn, (unsigned) c->alpn_len, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED)
    return SSL_TLSEXT_ERR_ALERT_FATAL; /* RFC 7301: no overlap is fatal */
  *out = sel;
  *outlen = sel_len;
  return SSL_TLSEXT_ERR_OK;
}

static void
keylog_cb (const SSL *ssl, const char *line)
{
  tls_conn_t *c = SSL_get_app_data (ssl);
  if (c == NULL || !c->want_keylog)
    return;
  if (c->keylog == NULL)
    c->keylog = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (c->keylog, g_strconcat (line, "\n", NULL));
}

static int
new_session_cb (SSL *ssl, SSL_SESSION *sess)
{
  tls_conn_t *c = SSL_get_app_data (ssl);
  if (c == NULL || !c->want_session)
    return 0;
  /* JS hears of it after the SSL call that made it returns. */
  if (c->new_session != NULL)
    SSL_SESSION_free (c->new_session);
  c->new_session = sess;
  return 1;
}

/* ---- connection functions for JS (first argument: the stream id) ---- */

/* wrap(streamId, context, isServer) -> 0, or a negative uv error */
static JSValueRef
wrap_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_state_t *st = data;
  anode_stream_t *s = anode_stream_lookup (st->rt, (int) anode_capi_arg_number (ctx, argc, argv, 0, -1));
  SSL_CTX *sc = ctx_arg (st, ctx, argc, argv, 1);
  if (s == NULL)
    return num (ctx, UV_EBADF);
  if (sc == NULL || anode_stream_filter_data (s, &filter) != NULL)
    return num (ctx, UV_EINVAL);
  tls_conn_t *c = g_new0 (tls_conn_t, 1);
  c->st = st;
  c->stream = s;
  c->server = argc > 2 && JSValueToBoolean (ctx, argv[2]);
  c->pending = g_byte_array_new ();
  c->ssl = SSL_new (sc);
  if (c->ssl == NULL) {
    g_byte_array_unref (c->pending);
    g_free (c);
    ERR_clear_error ();
    return num (ctx, UV_ENOMEM);
  }
  c->rbio = BIO_new (BIO_s_mem ());
  c->wbio = BIO_new (BIO_s_mem ());
  BIO_set_mem_eof_return (c->rbio, -1);
  SSL_set_bio (c->ssl, c->rbio, c->wbio);
  SSL_set_app_data (c->ssl, c);
  SSL_set_verify (c->ssl, c->server ? SSL_VERIFY_NONE : SSL_VERIFY_PEER, verify_accept_cb);
  if (!c->server)
    ensure_roots (st, sc);
  if (c->server)
    SSL_set_accept_state (c->ssl);
  else
    SSL_set_connect_state (c->ssl);
  g_hash_table_add (st->conns, c);
  anode_stream_set_filter (s, &filter, c);
  return num (ctx, 0);
}

/* start(id): the socket is connected; begin the handshake. */
static JSValueRef
start_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL)
    return num (ctx, UV_EBADF);
  if (c->started)
    return num (ctx, 0);
  c->started = TRUE;
  set_raw_reading (c, TRUE);
  schedule (c);
  return num (ctx, 0);
}

/* setServername(id, name): SNI for clients. */
static JSValueRef
set_servername_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  g_autofree char *name = anode_capi_arg_utf8 (ctx, argc, argv, 1);
  if (c == NULL || name == NULL)
    return num (ctx, UV_EBADF);
  if (!SSL_set_tlsext_host_name (c->ssl, name)) {
    ERR_clear_error ();
    return num (ctx, UV_EINVAL);
  }
  return num (ctx, 0);
}

/* setALPN(id, wireBytes): offered (clients) or accepted (servers). */
static JSValueRef
set_alpn_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  if (c == NULL || !arg_bytes (ctx, argc, argv, 1, wire))
    return num (ctx, UV_EBADF);
  if (c->server) {
    g_free (c->alpn);
    c->alpn = g_memdup2 (wire->data, MAX (wire->len, 1));
    c->alpn_len = wire->len;
    return num (ctx, 0);
  }
  /* SSL_set_alpn_protos returns 0 on success. */
  return num (ctx, SSL_set_alpn_protos (c->ssl, wire->data, wire->len) == 0 ? 0 : UV_EINVAL);
}

/* setVerifyMode(id, requestCert, rejectUnauthorized): servers. */
static JSValueRef
set_verify_mode_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL)
    return num (ctx, UV_EBADF);
  gboolean request = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  gboolean reject = argc > 2 && JSValueToBoolean (ctx, argv[2]);
  int mode = SSL_VERIFY_NONE;
  if (!c->server)
    mode = SSL_VERIFY_PEER;
  else if (request)
    mode = SSL_VERIFY_PEER | (reject ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0);
  SSL_set_verify (c->ssl, mode, verify_accept_cb);
  if (mode != SSL_VERIFY_NONE)
    ensure_roots (data, SSL_get_SSL_CTX (c->ssl));
  return num (ctx, 0);
}

/* setHelloMode(id, sni, alpnCallback): the handshake stops at the client
 * hello until JS answers with helloDone. */
static JSValueRef
set_hello_mode_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL)
    return num (ctx, UV_EBADF);
  gboolean sni = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  c->alpn_callback = argc > 2 && JSValueToBoolean (ctx, argv[2]);
  c->want_hello = sni || c->alpn_callback;
  return num (ctx, 0);
}

/* helloDone(id, context | null, alpnChoice | undefined) */
static JSValueRef
hello_done_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_state_t *st = data;
  tls_conn_t *c = conn_lookup (st, ctx, argc, argv);
  if (c == NULL)
    return num (ctx, UV_EBADF);
  if (!c->hello_paused || c->hello_done)
    return num (ctx, UV_EINVAL);
  SSL_CTX *sc = ctx_arg (st, ctx, argc, argv, 1);
  if (sc != NULL && SSL_set_SSL_CTX (c->ssl, sc) == NULL) {
    ERR_clear_error ();
    return num (ctx, UV_EINVAL);
  }
  if (sc != NULL && SSL_get_verify_mode (c->ssl) != SSL_VERIFY_NONE)
    ensure_roots (st, sc);
  g_free (c->alpn_choice);
  c->alpn_choice = argc > 2 && JSValueIsString (ctx, argv[2]) ? anode_capi_arg_utf8 (ctx, argc, argv, 2) : NULL;
  c->hello_done = TRUE;
  c->hello_paused = FALSE;
  set_raw_reading (c, TRUE);
  schedule (c);
  return num (ctx, 0);
}

/* setSession(id, der) -> 0, or an error array */
static JSValueRef
set_session_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  g_autoptr (GByteArray) der = g_byte_array_new ();
  if (c == NULL || !arg_bytes (ctx, argc, argv, 1, der))
    return num (ctx, UV_EBADF);
  const unsigned char *p = der->data;
  ERR_clear_error ();
  SSL_SESSION *sess = d2i_SSL_SESSION (NULL, &p, (long) der->len);
  if (sess == NULL)
    return take_error (ctx, "bad session");
  int ok = SSL_set_session (c->ssl, sess);
  SSL_SESSION_free (sess);
  if (!ok)
    return take_error (ctx, "SSL_set_session failed");
  return num (ctx, 0);
}

/* wantSession(id, on): clients hear of new sessions (the 'session' event). */
static JSValueRef
want_session_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL)
    return num (ctx, UV_EBADF);
  c->want_session = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  return num (ctx, 0);
}

/* wantKeylog(id, on): JS hears each key log line (the 'keylog' event). */
static JSValueRef
want_keylog_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL)
    return num (ctx, UV_EBADF);
  c->want_keylog = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  return num (ctx, 0);
}

/* getSession(id) -> ArrayBuffer | undefined */
static JSValueRef
get_session_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  SSL_SESSION *sess = c ? SSL_get1_session (c->ssl) : NULL;
  if (sess == NULL)
    return JSValueMakeUndefined (ctx);
  unsigned char *der = NULL;
  int len = i2d_SSL_SESSION (sess, &der);
  SSL_SESSION_free (sess);
  JSValueRef v = len > 0 ? array_buffer (ctx, der, len) : JSValueMakeUndefined (ctx);
  OPENSSL_free (der);
  return v;
}

static JSValueRef
session_reused_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  return JSValueMakeBoolean (ctx, c != NULL && SSL_session_reused (c->ssl));
}

/* verifyError(id) -> null, or [code, message] for the peer's certificate */
static JSValueRef
verify_error_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL)
    return JSValueMakeNull (ctx);
  long err;
  if (SSL_get0_peer_certificate (c->ssl) == NULL) {
    /* A resumed TLS 1.3 session proves the peer without a certificate. */
    if (SSL_session_reused (c->ssl))
      return JSValueMakeNull (ctx);
    err = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT;
  } else {
    err = SSL_get_verify_result (c->ssl);
  }
  if (err == X509_V_OK)
    return JSValueMakeNull (ctx);
  JSValueRef v[2] = { str_value (ctx, verify_code (err)),
                      str_value (ctx, X509_verify_cert_error_string (err)) };
  return JSObjectMakeArray (ctx, 2, v, NULL);
}

/* peerCertificate(id, detailed) -> null, or an array of certificate values
 * from the peer's up the chain (just the peer's unless detailed). */
static JSValueRef
peer_certificate_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  X509 *leaf = c ? SSL_get0_peer_certificate (c->ssl) : NULL;
  if (leaf == NULL)
    return JSValueMakeNull (ctx);
  gboolean detailed = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  JSObjectRef arr = new_array (ctx);
  unsigned at = 0;
  array_push (ctx, arr, &at, cert_value (ctx, leaf));
  if (detailed) {
    /* The verified chain reaches the root; the peer's own may not. */
    STACK_OF (X509) *chain = SSL_get0_verified_chain (c->ssl);
    if (chain == NULL || sk_X509_num (chain) == 0)
      chain = SSL_get_peer_cert_chain (c->ssl);
    for (int i = 0; chain != NULL && i < sk_X509_num (chain); i++) {
      X509 *x = sk_X509_value (chain, i);
      if (X509_cmp (x, leaf) == 0)
        continue;
      array_push (ctx, arr, &at, cert_value (ctx, x));
    }
  }
  return arr;
}

/* certificate(id) -> our own certificate's value, or null */
static JSValueRef
certificate_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  X509 *x = c ? SSL_get_certificate (c->ssl) : NULL;
  return x ? cert_value (ctx, x) : JSValueMakeNull (ctx);
}

/* info(id) -> [protocol, cipherName, cipherStandardName, cipherVersion,
 * alpn | false, servername | false] after the handshake, else null */
static JSValueRef
info_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL || !c->established)
    return JSValueMakeNull (ctx);
  const SSL_CIPHER *cipher = SSL_get_current_cipher (c->ssl);
  const unsigned char *alpn = NULL;
  unsigned alpn_len = 0;
  SSL_get0_alpn_selected (c->ssl, &alpn, &alpn_len);
  const char *sni = SSL_get_servername (c->ssl, TLSEXT_NAMETYPE_host_name);
  JSValueRef v[6] = {
    str_value (ctx, SSL_get_version (c->ssl)),
    cipher ? str_value (ctx, SSL_CIPHER_get_name (cipher)) : JSValueMakeUndefined (ctx),
    cipher ? str_value (ctx, SSL_CIPHER_standard_name (cipher)) : JSValueMakeUndefined (ctx),
    cipher ? str_value (ctx, SSL_CIPHER_get_version (cipher)) : JSValueMakeUndefined (ctx),
    alpn_len ? str_value_len (ctx, (const char *) alpn, alpn_len) : JSValueMakeBoolean (ctx, false),
    sni ? str_value (ctx, sni) : JSValueMakeBoolean (ctx, false),
  };
  return JSObjectMakeArray (ctx, 6, v, NULL);
}

/* exportKeyingMaterial(id, length, label, context | undefined) -> ArrayBuffer | error array */
static JSValueRef
export_keying_material_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[],
                           JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  double length = anode_capi_arg_number (ctx, argc, argv, 1, 0);
  g_autofree char *label = anode_capi_arg_utf8 (ctx, argc, argv, 2);
  g_autoptr (GByteArray) context = g_byte_array_new ();
  gboolean has_context = arg_bytes (ctx, argc, argv, 3, context);
  if (c == NULL || label == NULL || !(length >= 0) || length > 1 << 20)
    return num (ctx, UV_EINVAL);
  size_t len = (size_t) length;
  guint8 *out = g_malloc (MAX (len, 1));
  ERR_clear_error ();
  if (!SSL_export_keying_material (c->ssl, out, len, label, strlen (label), context->data,
                                   context->len, has_context)) {
    g_free (out);
    return take_error (ctx, "Key export failed");
  }
  return JSObjectMakeArrayBufferWithBytesNoCopy (ctx, out, len, free_bytes_cb, NULL, NULL);
}

/* finished(id, peer) -> the Finished message sent (or expected from the
 * peer), or undefined before the handshake */
static JSValueRef
finished_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  if (c == NULL || !c->established)
    return JSValueMakeUndefined (ctx);
  char buf[EVP_MAX_MD_SIZE];
  gboolean peer = argc > 1 && JSValueToBoolean (ctx, argv[1]);
  size_t len = peer ? SSL_get_peer_finished (c->ssl, buf, sizeof buf) : SSL_get_finished (c->ssl, buf, sizeof buf);
  return len ? array_buffer (ctx, buf, MIN (len, sizeof buf)) : JSValueMakeUndefined (ctx);
}

/* ticket(id) -> the session ticket a client got, or undefined */
static JSValueRef
ticket_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  SSL_SESSION *sess = c ? SSL_get_session (c->ssl) : NULL;
  const unsigned char *tick = NULL;
  size_t len = 0;
  if (sess != NULL)
    SSL_SESSION_get0_ticket (sess, &tick, &len);
  return len ? array_buffer (ctx, tick, len) : JSValueMakeUndefined (ctx);
}

/* ephemeralKey(id) -> [type, name, bits] of the peer's key exchange key
 * (clients), or null */
static JSValueRef
ephemeral_key_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  EVP_PKEY *key = NULL;
  if (c == NULL || c->server || !c->established || !SSL_get_peer_tmp_key (c->ssl, &key))
    return JSValueMakeNull (ctx);
  const char *type = NULL;
  const char *name = NULL;
  char group[80];
  switch (EVP_PKEY_get_base_id (key)) {
  case EVP_PKEY_DH:
    type = "DH";
    break;
  case EVP_PKEY_EC:
    type = "ECDH";
    if (EVP_PKEY_get_utf8_string_param (key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL))
      name = group;
    break;
  case EVP_PKEY_X25519:
    type = "ECDH";
    name = "X25519";
    break;
  case EVP_PKEY_X448:
    type = "ECDH";
    name = "X448";
    break;
  }
  JSValueRef v[3] = { type ? str_value (ctx, type) : JSValueMakeUndefined (ctx),
                      name ? str_value (ctx, name) : JSValueMakeUndefined (ctx),
                      num (ctx, EVP_PKEY_get_bits (key)) };
  EVP_PKEY_free (key);
  ERR_clear_error ();
  return JSObjectMakeArray (ctx, 3, v, NULL);
}

/* sharedSigalgs(id) -> ["RSA-PSS+SHA256", "ECDSA+SHA384", ...] */
static JSValueRef
shared_sigalgs_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  JSObjectRef arr = new_array (ctx);
  unsigned at = 0;
  int n = c ? SSL_get_shared_sigalgs (c->ssl, 0, NULL, NULL, NULL, NULL, NULL) : 0;
  for (int i = 0; i < n; i++) {
    int sign = 0, hash = 0;
    SSL_get_shared_sigalgs (c->ssl, i, &sign, &hash, NULL, NULL, NULL);
    const char *sign_name;
    switch (sign) {
    case EVP_PKEY_RSA:
      sign_name = "RSA";
      break;
    case EVP_PKEY_RSA_PSS:
      sign_name = "RSA-PSS";
      break;
    case EVP_PKEY_EC:
      sign_name = "ECDSA";
      break;
    case EVP_PKEY_ED25519:
      sign_name = "Ed25519";
      break;
    case EVP_PKEY_ED448:
      sign_name = "Ed448";
      break;
    default:
      sign_name = OBJ_nid2sn (sign);
    }
    g_autofree char *name = hash != NID_undef && sign != EVP_PKEY_ED25519 && sign != EVP_PKEY_ED448
      ? g_strdup_printf ("%s+%s", sign_name, OBJ_nid2sn (hash)) : g_strdup (sign_name);
    array_push (ctx, arr, &at, str_value (ctx, name));
  }
  return arr;
}

/* setContext(id, context): a server's key and certificate from another
 * context (setKeyCert), before the handshake. */
static JSValueRef
set_context_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_state_t *st = data;
  tls_conn_t *c = conn_lookup (st, ctx, argc, argv);
  SSL_CTX *sc = ctx_arg (st, ctx, argc, argv, 1);
  if (c == NULL || sc == NULL)
    return num (ctx, UV_EBADF);
  if (SSL_set_SSL_CTX (c->ssl, sc) == NULL) {
    ERR_clear_error ();
    return num (ctx, UV_EINVAL);
  }
  if (SSL_get_verify_mode (c->ssl) != SSL_VERIFY_NONE)
    ensure_roots (st, sc);
  return num (ctx, 0);
}

/* setMaxSendFragment(id, size) -> bool */
static JSValueRef
set_max_send_fragment_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[],
                          JSValueRef *exc)
{
  tls_conn_t *c = conn_lookup (data, ctx, argc, argv);
  long size = (long) anode_capi_arg_number (ctx, argc, argv, 1, 16384);
  gboolean ok = c != NULL && SSL_set_max_send_fragment (c->ssl, size) == 1;
  ERR_clear_error ();
  return JSValueMakeBoolean (ctx, ok);
}

/* ---- process-wide lists ---- */

/* rootCertificates() -> the system CA bundle as PEM strings */
static JSValueRef
root_certificates_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  JSObjectRef arr = new_array (ctx);
  unsigned at = 0;
  if (g_file_get_contents (system_ca_file (), &contents, &len, NULL)) {
    BIO *in = BIO_new_mem_buf (contents, (int) len);
    X509 *x;
    while ((x = PEM_read_bio_X509 (in, NULL, NULL, NULL)) != NULL) {
      BIO *out = BIO_new (BIO_s_mem ());
      PEM_write_bio_X509 (out, x);
      g_autofree char *pem = bio_text (out);
      array_push (ctx, arr, &at, str_value (ctx, pem));
      BIO_free (out);
      X509_free (x);
    }
    BIO_free (in);
    ERR_clear_error ();
  }
  return arr;
}

/* ciphers() -> the TLS 1.2 and 1.3 cipher names OpenSSL enables */
static JSValueRef
ciphers_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  SSL_CTX *sc = SSL_CTX_new (TLS_method ());
  SSL *ssl = sc ? SSL_new (sc) : NULL;
  JSObjectRef arr = new_array (ctx);
  unsigned at = 0;
  STACK_OF (SSL_CIPHER) *list = ssl ? SSL_get_ciphers (ssl) : NULL;
  for (int i = 0; list != NULL && i < sk_SSL_CIPHER_num (list); i++) {
    g_autofree char *lower = g_ascii_strdown (SSL_CIPHER_get_name (sk_SSL_CIPHER_value (list, i)), -1);
    array_push (ctx, arr, &at, str_value (ctx, lower));
  }
  SSL_free (ssl);
  SSL_CTX_free (sc);
  ERR_clear_error ();
  return arr;
}

/* setup(onhandshake, onerror, onhello, onsession, onkeylog) */
static JSValueRef
setup_cb (JSContextRef ctx, void *data, size_t argc, const JSValueRef argv[], JSValueRef *exc)
{
  tls_state_t *st = data;
  if (argc < CB_COUNT)
    return num (ctx, UV_EINVAL);
  for (int i = 0; i < CB_COUNT; i++) {
    if (!JSValueIsObject (ctx, argv[i]))
      return num (ctx, UV_EINVAL);
    if (st->cb[i] != NULL)
      JSValueUnprotect (ctx, st->cb[i]);
    st->cb[i] = (JSObjectRef) argv[i];
    JSValueProtect (ctx, st->cb[i]);
  }
  return num (ctx, 0);
}

static void
idle_close_cb (uv_handle_t *handle)
{
  tls_state_t *st = handle->data;
  g_free (st);
}

/* The context is going away (its heap with it): drop every connection
 * without calling JS, letting go of the streams they filter. */
static void
state_free (gpointer data)
{
  tls_state_t *st = data;
  st->torn_down = TRUE;
  GList *conns = g_hash_table_get_keys (st->conns);
  for (GList *l = conns; l; l = l->next) {
    tls_conn_t *c = l->data;
    if (c->stream != NULL)
      anode_stream_set_filter (c->stream, NULL, NULL);
    c->stream = NULL;
    c->queued = FALSE;
    c->in_pump = 0;
    c->dead = TRUE;
    conn_free (c);
  }
  g_list_free (conns);
  g_queue_clear (&st->queue);
  g_hash_table_unref (st->conns);
  if (st->roots != NULL)
    X509_STORE_free (st->roots);
  JSClassRelease (st->ctx_class);
  uv_idle_stop (&st->idle);
  uv_close ((uv_handle_t *) &st->idle, idle_close_cb);
}

JSCValue *
anode_binding_tls_init (anode_runtime_t *rt)
{
  tls_state_t *st = g_new0 (tls_state_t, 1);
  st->rt = rt;
  st->js = anode_capi_context (rt->ctx);
  st->conns = g_hash_table_new (NULL, NULL);
  g_queue_init (&st->queue);
  uv_idle_init (&rt->loop, &st->idle);
  st->idle.data = st;
  JSClassDefinition def = { 0 };
  def.className = "SecureContextHandle";
  def.finalize = ctx_finalize;
  st->ctx_class = JSClassCreate (&def);
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-tls-state", st, state_free);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  static const anode_capi_method_t methods[] = {
    { "setup", setup_cb },
    { "createContext", create_context_cb },
    { "setCert", ctx_set_cert_cb },
    { "setKey", ctx_set_key_cb },
    { "addCACert", ctx_add_ca_cb },
    { "setCiphers", ctx_set_ciphers_cb },
    { "setGroups", ctx_set_groups_cb },
    { "setSigalgs", ctx_set_sigalgs_cb },
    { "setOptions", ctx_set_options_cb },
    { "setSessionIdContext", ctx_set_sid_ctx_cb },
    { "setSessionTimeout", ctx_set_timeout_cb },
    { "wrap", wrap_cb },
    { "start", start_cb },
    { "setServername", set_servername_cb },
    { "setALPN", set_alpn_cb },
    { "setVerifyMode", set_verify_mode_cb },
    { "setHelloMode", set_hello_mode_cb },
    { "helloDone", hello_done_cb },
    { "setSession", set_session_cb },
    { "wantSession", want_session_cb },
    { "wantKeylog", want_keylog_cb },
    { "getSession", get_session_cb },
    { "isSessionReused", session_reused_cb },
    { "verifyError", verify_error_cb },
    { "peerCertificate", peer_certificate_cb },
    { "certificate", certificate_cb },
    { "info", info_cb },
    { "exportKeyingMaterial", export_keying_material_cb },
    { "setMaxSendFragment", set_max_send_fragment_cb },
    { "finished", finished_cb },
    { "ticket", ticket_cb },
    { "ephemeralKey", ephemeral_key_cb },
    { "sharedSigalgs", shared_sigalgs_cb },
    { "setContext", set_context_cb },
    { "rootCertificates", root_certificates_cb },
    { "ciphers", ciphers_cb },
  };
  anode_capi_set_methods (b, methods, G_N_ELEMENTS (methods), st);
  anode_set_int (b, "TLS1_VERSION", TLS1_VERSION);
  anode_set_int (b, "TLS1_1_VERSION", TLS1_1_VERSION);
  anode_set_int (b, "TLS1_2_VERSION", TLS1_2_VERSION);
  anode_set_int (b, "TLS1_3_VERSION", TLS1_3_VERSION);
  anode_set_string (b, "OPENSSL_VERSION", OpenSSL_version (OPENSSL_VERSION_STRING));
  return b;
}
