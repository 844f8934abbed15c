/* Name resolution for dns: getaddrinfo/getnameinfo on libuv's threadpool,
 * and DNS queries (resolve*) with libc's resolver (res_nquery) on the
 * threadpool too, answers parsed with ns_parserr and handed to JS as JSON. */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netdb.h>
#include <resolv.h>
#include <string.h>

#include "anode-runtime.h"
#include "js-util.h"

typedef struct {
  union {
    uv_getaddrinfo_t gai;
    uv_getnameinfo_t gni;
    uv_work_t work;
  } u;
  anode_runtime_t *rt;
  JSCValue *cb;
  /* query */
  char *name;
  int type;
  char **servers;
  int timeout_ms;
  int tries;
  char *error;   /* c-ares style code, or NULL */
  GString *json; /* the answer records */
} dns_req_t;

static void
req_free (dns_req_t *r)
{
  g_clear_object (&r->cb);
  g_free (r->name);
  g_strfreev (r->servers);
  g_free (r->error);
  if (r->json)
    g_string_free (r->json, TRUE);
  g_free (r);
}

static void
after_getaddrinfo (uv_getaddrinfo_t *req, int status, struct addrinfo *res)
{
  dns_req_t *r = (dns_req_t *) req;
  anode_runtime_t *rt = r->rt;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  for (struct addrinfo *ai = res; status == 0 && ai != NULL; ai = ai->ai_next) {
    char ip[INET6_ADDRSTRLEN] = "";
    if (ai->ai_family == AF_INET)
      uv_ip4_name ((struct sockaddr_in *) ai->ai_addr, ip, sizeof ip);
    else if (ai->ai_family == AF_INET6)
      uv_ip6_name ((struct sockaddr_in6 *) ai->ai_addr, ip, sizeof ip);
    else
      continue;
    /* One entry per address: getaddrinfo repeats them per socket type. */
    gboolean seen = FALSE;
    for (guint i = 0; i < items->len && !seen; i++)
      seen = strcmp (g_ptr_array_index (items, i), ip) == 0;
    if (!seen)
      g_ptr_array_add (items, g_strdup (ip));
  }
  uv_freeaddrinfo (res);
  if (status == 0 && items->len == 0)
    status = UV_EAI_NODATA;
  g_ptr_array_add (items, NULL);
  JSCValue *args[2];
  args[0] = jsc_value_new_number (rt->ctx, status);
  args[1] = jsc_value_new_array_from_strv (rt->ctx, (const char *const *) items->pdata);
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, r->cb, 2, args);
  g_object_unref (args[0]);
  g_object_unref (args[1]);
  req_free (r);
}

/* getaddrinfo(hostname, family 0/4/6, hints, callback(status, addresses)) */
static int
getaddrinfo_cb (const char *hostname, int family, int hints, JSCValue *cb, anode_runtime_t *rt)
{
  struct addrinfo h = { 0 };
  h.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
  h.ai_socktype = SOCK_STREAM;
  h.ai_flags = hints;
  dns_req_t *r = g_new0 (dns_req_t, 1);
  r->rt = rt;
  r->cb = g_object_ref (cb);
  int err = uv_getaddrinfo (&rt->loop, &r->u.gai, after_getaddrinfo, hostname, NULL, &h);
  if (err < 0)
    req_free (r);
  return err;
}

static void
after_getnameinfo (uv_getnameinfo_t *req, int status, const char *host, const char *service)
{
  dns_req_t *r = (dns_req_t *) req;
  anode_runtime_t *rt = r->rt;
  JSCValue *args[3];
  args[0] = jsc_value_new_number (rt->ctx, status);
  args[1] = status == 0 ? jsc_value_new_string (rt->ctx, host) : jsc_value_new_undefined (rt->ctx);
  args[2] = status == 0 ? jsc_value_new_string (rt->ctx, service) : jsc_value_new_undefined (rt->ctx);
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, r->cb, 3, args);
  for (int i = 0; i < 3; i++)
    g_object_unref (args[i]);
  req_free (r);
}

/* getnameinfo(ip, port, callback(status, host, service)) */
static int
getnameinfo_cb (const char *ip, int port, JSCValue *cb, anode_runtime_t *rt)
{
  struct sockaddr_storage addr;
  int err = strchr (ip, ':') ? uv_ip6_addr (ip, port, (struct sockaddr_in6 *) &addr)
                             : uv_ip4_addr (ip, port, (struct sockaddr_in *) &addr);
  if (err < 0)
    return err;
  dns_req_t *r = g_new0 (dns_req_t, 1);
  r->rt = rt;
  r->cb = g_object_ref (cb);
  err = uv_getnameinfo (&rt->loop, &r->u.gni, after_getnameinfo, (struct sockaddr *) &addr,
                        NI_NAMEREQD);
  if (err < 0)
    req_free (r);
  return err;
}

/* ---- DNS queries ---- */

static void
json_string (GString *out, const char *s, size_t len)
{
  g_string_append_c (out, '"');
  for (size_t i = 0; i < len; i++) {
    unsigned char c = s[i];
    if (c == '"' || c == '\\')
      g_string_append_printf (out, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f)
      g_string_append_printf (out, "\\u%04x", c);
    else
      g_string_append_c (out, c);
  }
  g_string_append_c (out, '"');
}

/* A domain name at `p` in the message, as a JSON string; FALSE if bad. */
static gboolean
json_name (GString *out, const ns_msg *msg, const unsigned char *p)
{
  char name[NS_MAXDNAME];
  if (ns_name_uncompress (ns_msg_base (*msg), ns_msg_end (*msg), p, name, sizeof name) < 0)
    return FALSE;
  json_string (out, name, strlen (name));
  return TRUE;
}

static guint32
get32 (const unsigned char *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
get16 (const unsigned char *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

/* One answer record as a JSON object (a "type" field and its data), or
 * FALSE when it cannot be read. */
static gboolean
json_record (GString *out, const ns_msg *msg, ns_rr *rr)
{
  const unsigned char *d = ns_rr_rdata (*rr);
  size_t len = ns_rr_rdlen (*rr);
  char ip[INET6_ADDRSTRLEN];
  gboolean ok = TRUE;
  g_string_append_printf (out, "{\"ttl\":%u,", ns_rr_ttl (*rr));
  switch (ns_rr_type (*rr)) {
  case ns_t_a:
    if (len != 4 || !inet_ntop (AF_INET, d, ip, sizeof ip))
      return FALSE;
    g_string_append_printf (out, "\"type\":\"A\",\"address\":\"%s\"", ip);
    break;
  case ns_t_aaaa:
    if (len != 16 || !inet_ntop (AF_INET6, d, ip, sizeof ip))
      return FALSE;
    g_string_append_printf (out, "\"type\":\"AAAA\",\"address\":\"%s\"", ip);
    break;
  case ns_t_cname:
  case ns_t_ns:
  case ns_t_ptr:
    g_string_append_printf (out, "\"type\":\"%s\",\"value\":",
                            ns_rr_type (*rr) == ns_t_cname ? "CNAME" : ns_rr_type (*rr) == ns_t_ns ? "NS" : "PTR");
    ok = json_name (out, msg, d);
    break;
  case ns_t_mx:
    if (len < 3)
      return FALSE;
    g_string_append_printf (out, "\"type\":\"MX\",\"priority\":%u,\"exchange\":", get16 (d));
    ok = json_name (out, msg, d + 2);
    break;
  case ns_t_txt: {
    g_string_append (out, "\"type\":\"TXT\",\"entries\":[");
    size_t i = 0;
    while (i < len) {
      size_t n = d[i];
      if (i + 1 + n > len)
        return FALSE;
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, (const char *) d + i + 1, n);
      i += 1 + n;
    }
    g_string_append_c (out, ']');
    break;
  }
  case ns_t_srv:
    if (len < 7)
      return FALSE;
    g_string_append_printf (out, "\"type\":\"SRV\",\"priority\":%u,\"weight\":%u,\"port\":%u,\"name\":",
                            get16 (d), get16 (d + 2), get16 (d + 4));
    ok = json_name (out, msg, d + 6);
    break;
  case ns_t_soa: {
    char mname[NS_MAXDNAME], rname[NS_MAXDNAME];
    int n1 = ns_name_uncompress (ns_msg_base (*msg), ns_msg_end (*msg), d, mname, sizeof mname);
    if (n1 < 0)
      return FALSE;
    int n2 = ns_name_uncompress (ns_msg_base (*msg), ns_msg_end (*msg), d + n1, rname, sizeof rname);
    if (n2 < 0 || (size_t) (n1 + n2 + 20) > len)
      return FALSE;
    const unsigned char *t = d + n1 + n2;
    g_string_append (out, "\"type\":\"SOA\",\"nsname\":");
    json_string (out, mname, strlen (mname));
    g_string_append (out, ",\"hostmaster\":");
    json_string (out, rname, strlen (rname));
    g_string_append_printf (out, ",\"serial\":%u,\"refresh\":%u,\"retry\":%u,\"expire\":%u,\"minttl\":%u",
                            get32 (t), get32 (t + 4), get32 (t + 8), get32 (t + 12), get32 (t + 16));
    break;
  }
  case ns_t_naptr: {
    if (len < 7)
      return FALSE;
    size_t i = 4;
    g_string_append_printf (out, "\"type\":\"NAPTR\",\"order\":%u,\"preference\":%u", get16 (d), get16 (d + 2));
    static const char *const keys[] = { "flags", "service", "regexp" };
    for (int k = 0; k < 3; k++) {
      size_t n = d[i];
      if (i + 1 + n > len)
        return FALSE;
      g_string_append_printf (out, ",\"%s\":", keys[k]);
      json_string (out, (const char *) d + i + 1, n);
      i += 1 + n;
    }
    g_string_append (out, ",\"replacement\":");
    ok = json_name (out, msg, d + i);
    break;
  }
  case ns_t_caa: {
    if (len < 2 || (size_t) 2 + d[1] > len)
      return FALSE;
    g_string_append_printf (out, "\"type\":\"CAA\",\"critical\":%u,\"tag\":", d[0]);
    json_string (out, (const char *) d + 2, d[1]);
    g_string_append (out, ",\"value\":");
    json_string (out, (const char *) d + 2 + d[1], len - 2 - d[1]);
    break;
  }
  default:
    return FALSE;
  }
  g_string_append_c (out, '}');
  return ok;
}

static const char *
query_error (res_state st, int err)
{
  switch (st->res_h_errno) {
  case HOST_NOT_FOUND:
    return "ENOTFOUND";
  case NO_DATA:
    return "ENODATA";
  case NO_RECOVERY:
    return "ESERVFAIL";
  default:
    break;
  }
  if (err == ECONNREFUSED)
    return "ECONNREFUSED";
  if (err == ETIMEDOUT || st->res_h_errno == TRY_AGAIN)
    return "ETIMEOUT";
  return "ESERVFAIL";
}

static void
query_work (uv_work_t *work)
{
  dns_req_t *r = (dns_req_t *) work;
  struct __res_state st;
  memset (&st, 0, sizeof st);
  if (res_ninit (&st) != 0) {
    r->error = g_strdup ("EFILE");
    return;
  }
  if (r->servers != NULL && r->servers[0] != NULL) {
    int n = 0;
    for (char **s = r->servers; *s && n < MAXNS; s++) {
      /* "ip" or "ip:port" (IPv4; libc's resolver takes IPv4 servers here). */
      g_autofree char *host = g_strdup (*s);
      int port = 53;
      char *colon = strrchr (host, ':');
      if (colon && strchr (host, ':') == colon) {
        *colon = 0;
        port = atoi (colon + 1);
      }
      struct sockaddr_in a;
      if (uv_ip4_addr (host, port, &a) == 0)
        st.nsaddr_list[n++] = a;
    }
    if (n == 0) {
      r->error = g_strdup ("EBADFAMILY");
      res_nclose (&st);
      return;
    }
    st.nscount = n;
  }
  if (r->timeout_ms > 0)
    st.retrans = MAX (1, r->timeout_ms / 1000);
  if (r->tries > 0)
    st.retry = r->tries;
  unsigned char answer[65536];
  errno = 0;
  int len = res_nquery (&st, r->name, ns_c_in, r->type, answer, sizeof answer);
  int saved = errno;
  if (len < 0) {
    r->error = g_strdup (query_error (&st, saved));
    res_nclose (&st);
    return;
  }
  res_nclose (&st);
  ns_msg msg;
  if (ns_initparse (answer, len, &msg) < 0) {
    r->error = g_strdup ("EBADRESP");
    return;
  }
  r->json = g_string_new ("[");
  int count = ns_msg_count (msg, ns_s_an);
  gboolean first = TRUE;
  for (int i = 0; i < count; i++) {
    ns_rr rr;
    if (ns_parserr (&msg, ns_s_an, i, &rr) < 0) {
      r->error = g_strdup ("EBADRESP");
      return;
    }
    gsize mark = r->json->len;
    if (!first)
      g_string_append_c (r->json, ',');
    if (json_record (r->json, &msg, &rr))
      first = FALSE;
    else
      g_string_truncate (r->json, mark);
  }
  g_string_append_c (r->json, ']');
}

static void
after_query (uv_work_t *work, int status)
{
  dns_req_t *r = (dns_req_t *) work;
  anode_runtime_t *rt = r->rt;
  JSCValue *args[2];
  if (status == UV_ECANCELED && r->error == NULL)
    r->error = g_strdup ("ECANCELLED");
  args[0] = r->error ? jsc_value_new_string (rt->ctx, r->error) : jsc_value_new_null (rt->ctx);
  args[1] = r->json ? jsc_value_new_string (rt->ctx, r->json->str) : jsc_value_new_null (rt->ctx);
  g_autoptr (JSCValue) ret = anode_runtime_callback (rt, r->cb, 2, args);
  g_object_unref (args[0]);
  g_object_unref (args[1]);
  req_free (r);
}

/* query(name, rrtype, servers | null, timeoutMs, tries, callback(code | null, json)) */
static int
query_cb (const char *name, int type, JSCValue *servers, int timeout_ms, int tries, JSCValue *cb,
          anode_runtime_t *rt)
{
  dns_req_t *r = g_new0 (dns_req_t, 1);
  r->rt = rt;
  r->cb = g_object_ref (cb);
  r->name = g_strdup (name);
  r->type = type;
  r->timeout_ms = timeout_ms;
  r->tries = tries;
  if (jsc_value_is_array (servers)) {
    g_autoptr (JSCValue) lenv = jsc_value_object_get_property (servers, "length");
    int n = jsc_value_to_int32 (lenv);
    r->servers = g_new0 (char *, n + 1);
    for (int i = 0; i < n; i++) {
      g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (servers, i);
      r->servers[i] = jsc_value_to_string (v);
    }
  }
  int err = uv_queue_work (&rt->loop, &r->u.work, query_work, after_query);
  if (err < 0)
    req_free (r);
  return err;
}

/* The resolver's configured name servers ("ip" strings), from resolv.conf. */
static JSCValue *
default_servers_cb (anode_runtime_t *rt)
{
  struct __res_state st;
  memset (&st, 0, sizeof st);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  if (res_ninit (&st) == 0) {
    for (int i = 0; i < st.nscount; i++) {
      char ip[INET6_ADDRSTRLEN];
      if (st.nsaddr_list[i].sin_family == AF_INET &&
          inet_ntop (AF_INET, &st.nsaddr_list[i].sin_addr, ip, sizeof ip)) {
        int port = ntohs (st.nsaddr_list[i].sin_port);
        g_ptr_array_add (items, port == 53 ? g_strdup (ip) : g_strdup_printf ("%s:%d", ip, port));
      }
    }
    res_nclose (&st);
  }
  g_ptr_array_add (items, NULL);
  return jsc_value_new_array_from_strv (rt->ctx, (const char *const *) items->pdata);
}

JSCValue *
anode_binding_dns_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  const GType V = JSC_TYPE_VALUE, S = G_TYPE_STRING, I = G_TYPE_INT;
  anode_set_method (b, "getaddrinfo", G_CALLBACK (getaddrinfo_cb), rt, I, 4, S, I, I, V);
  anode_set_method (b, "getnameinfo", G_CALLBACK (getnameinfo_cb), rt, I, 3, S, I, V);
  anode_set_method (b, "query", G_CALLBACK (query_cb), rt, I, 6, S, I, V, I, I, V);
  anode_set_method (b, "defaultServers", G_CALLBACK (default_servers_cb), rt, V, 0);
  anode_set_int (b, "AI_ADDRCONFIG", AI_ADDRCONFIG);
  anode_set_int (b, "AI_V4MAPPED", AI_V4MAPPED);
  anode_set_int (b, "AI_ALL", AI_ALL);
  return b;
}
