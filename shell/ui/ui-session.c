/* session's native half: a partition's cookies (WebKitCookieManager) and
 * stored data (WebKitWebsiteDataManager). */
#include <libsoup/soup.h>

#include "ui-private.h"

static void
clear_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GError) error = NULL;
  webkit_website_data_manager_clear_finish (WEBKIT_WEBSITE_DATA_MANAGER (source), res, &error);
  anode_ui_pending_finish (data, error ? error->message : NULL, NULL);
}

/* clearData(partition, what, cb): what is "cache" or "storage". */
static void
clear_data_cb (const char *partition, const char *what, JSCValue *cb, anode_ui_t *ui)
{
  WebKitNetworkSession *session = anode_ui_session (ui, partition);
  WebKitWebsiteDataManager *mgr = webkit_network_session_get_website_data_manager (session);
  WebKitWebsiteDataTypes types = g_str_equal (what, "cache")
    ? WEBKIT_WEBSITE_DATA_MEMORY_CACHE | WEBKIT_WEBSITE_DATA_DISK_CACHE
    : WEBKIT_WEBSITE_DATA_ALL & ~(WEBKIT_WEBSITE_DATA_MEMORY_CACHE | WEBKIT_WEBSITE_DATA_DISK_CACHE);
  webkit_website_data_manager_clear (mgr, types, 0, NULL, clear_done_cb,
                                     anode_ui_pending_new (ui, cb));
}

static JSCValue *
cookie_to_js (JSCContext *ctx, SoupCookie *c)
{
  JSCValue *o = jsc_value_new_object (ctx, NULL, NULL);
  anode_set_string (o, "name", soup_cookie_get_name (c));
  anode_set_string (o, "value", soup_cookie_get_value (c));
  anode_set_string (o, "domain", soup_cookie_get_domain (c));
  anode_set_string (o, "path", soup_cookie_get_path (c));
  g_autoptr (JSCValue) secure = jsc_value_new_boolean (ctx, soup_cookie_get_secure (c));
  g_autoptr (JSCValue) http_only = jsc_value_new_boolean (ctx, soup_cookie_get_http_only (c));
  anode_set_value (o, "secure", secure);
  anode_set_value (o, "httpOnly", http_only);
  GDateTime *expires = soup_cookie_get_expires (c);
  if (expires != NULL)
    anode_set_double (o, "expirationDate", (double) g_date_time_to_unix (expires));
  const char *same[] = { "no_restriction", "lax", "strict" };
  SoupSameSitePolicy p = soup_cookie_get_same_site_policy (c);
  anode_set_string (o, "sameSite", p <= SOUP_SAME_SITE_POLICY_STRICT ? same[p] : "unspecified");
  return o;
}

static void
cookies_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  anode_ui_pending_t *p = data;
  JSCContext *ctx = p->ui->rt->ctx;
  g_autoptr (GError) error = NULL;
  GList *list = p->x != 0
    ? webkit_cookie_manager_get_all_cookies_finish (WEBKIT_COOKIE_MANAGER (source), res, &error)
    : webkit_cookie_manager_get_cookies_finish (WEBKIT_COOKIE_MANAGER (source), res, &error);
  if (error != NULL) {
    anode_ui_pending_finish (p, error->message, NULL);
    return;
  }
  g_autoptr (JSCValue) arr = jsc_value_new_array (ctx, G_TYPE_NONE);
  guint i = 0;
  for (GList *l = list; l; l = l->next) {
    g_autoptr (JSCValue) c = cookie_to_js (ctx, l->data);
    jsc_value_object_set_property_at_index (arr, i++, c);
  }
  g_list_free_full (list, (GDestroyNotify) soup_cookie_free);
  anode_ui_pending_finish (p, NULL, arr);
}

/* cookiesGet(partition, url, cb): cookies sent to `url`, or all of them
 * when url is empty. */
static void
cookies_get_cb (const char *partition, const char *url, JSCValue *cb, anode_ui_t *ui)
{
  WebKitCookieManager *cm = webkit_network_session_get_cookie_manager (anode_ui_session (ui, partition));
  gboolean all = url == NULL || *url == '\0';
  anode_ui_pending_t *p = anode_ui_pending_new (ui, cb);
  p->x = all;
  if (all)
    webkit_cookie_manager_get_all_cookies (cm, NULL, cookies_done_cb, p);
  else
    webkit_cookie_manager_get_cookies (cm, url, NULL, cookies_done_cb, p);
}

static void
cookie_set_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GError) error = NULL;
  webkit_cookie_manager_add_cookie_finish (WEBKIT_COOKIE_MANAGER (source), res, &error);
  anode_ui_pending_finish (data, error ? error->message : NULL, NULL);
}

static char *
prop_string (JSCValue *o, const char *name)
{
  g_autoptr (JSCValue) v = jsc_value_object_get_property (o, name);
  return jsc_value_is_string (v) ? jsc_value_to_string (v) : NULL;
}

static gboolean
prop_bool (JSCValue *o, const char *name)
{
  g_autoptr (JSCValue) v = jsc_value_object_get_property (o, name);
  return jsc_value_to_boolean (v);
}

/* cookiesSet(partition, {url, name, value, domain, path, secure, httpOnly,
 * expirationDate, sameSite}, cb): JS has validated url and name. */
static void
cookies_set_cb (const char *partition, JSCValue *d, JSCValue *cb, anode_ui_t *ui)
{
  g_autofree char *url = prop_string (d, "url");
  g_autofree char *name = prop_string (d, "name");
  g_autofree char *value = prop_string (d, "value");
  g_autofree char *domain = prop_string (d, "domain");
  g_autofree char *path = prop_string (d, "path");
  g_autofree char *same_site = prop_string (d, "sameSite");
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL) {
    anode_ui_pending_finish (anode_ui_pending_new (ui, cb), "cookies.set: url has no host", NULL);
    return;
  }
  g_autoptr (JSCValue) exp = jsc_value_object_get_property (d, "expirationDate");
  int max_age = -1;
  if (jsc_value_is_number (exp))
    max_age = MAX (0, (int) (jsc_value_to_double (exp) - (double) g_get_real_time () / 1e6));
  SoupCookie *c = soup_cookie_new (name, value ? value : "",
                                   domain ? domain : g_uri_get_host (uri),
                                   path ? path : "/", max_age);
  soup_cookie_set_secure (c, prop_bool (d, "secure"));
  soup_cookie_set_http_only (c, prop_bool (d, "httpOnly"));
  if (same_site != NULL)
    soup_cookie_set_same_site_policy (c, g_str_equal (same_site, "strict") ? SOUP_SAME_SITE_POLICY_STRICT
                                         : g_str_equal (same_site, "lax") ? SOUP_SAME_SITE_POLICY_LAX
                                         : SOUP_SAME_SITE_POLICY_NONE);
  WebKitCookieManager *cm = webkit_network_session_get_cookie_manager (anode_ui_session (ui, partition));
  webkit_cookie_manager_add_cookie (cm, c, NULL, cookie_set_done_cb, anode_ui_pending_new (ui, cb));
  soup_cookie_free (c);
}

static void
cookie_delete_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GError) error = NULL;
  webkit_cookie_manager_delete_cookie_finish (WEBKIT_COOKIE_MANAGER (source), res, &error);
  anode_ui_pending_finish (data, error ? error->message : NULL, NULL);
}

/* cookiesRemove(partition, cookie as cookiesGet gave it, cb). */
static void
cookies_remove_cb (const char *partition, JSCValue *d, JSCValue *cb, anode_ui_t *ui)
{
  g_autofree char *name = prop_string (d, "name");
  g_autofree char *domain = prop_string (d, "domain");
  g_autofree char *path = prop_string (d, "path");
  g_autofree char *value = prop_string (d, "value");
  /* WebKit deletes the cookie that matches this one exactly. */
  SoupCookie *c = soup_cookie_new (name, value ? value : "", domain ? domain : "",
                                   path ? path : "/", -1);
  soup_cookie_set_secure (c, prop_bool (d, "secure"));
  soup_cookie_set_http_only (c, prop_bool (d, "httpOnly"));
  WebKitCookieManager *cm = webkit_network_session_get_cookie_manager (anode_ui_session (ui, partition));
  webkit_cookie_manager_delete_cookie (cm, c, NULL, cookie_delete_done_cb, anode_ui_pending_new (ui, cb));
  soup_cookie_free (c);
}

void
anode_ui_session_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "clearData", G_CALLBACK (clear_data_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_STRING, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "cookiesGet", G_CALLBACK (cookies_get_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_STRING, G_TYPE_STRING, JSC_TYPE_VALUE);
  anode_set_method (b, "cookiesSet", G_CALLBACK (cookies_set_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_STRING, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "cookiesRemove", G_CALLBACK (cookies_remove_cb), ui, G_TYPE_NONE, 3,
                    G_TYPE_STRING, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
}
