/* URL schemes served to pages: app:// (the app's own files, secure and
 * CORS-enabled, with Range support and no way out of its root) and the
 * schemes JS serves with protocol.handle. */
#include <errno.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "ui-private.h"

/* Larger bounded ranges are answered with this much (a valid partial reply
 * that the client continues from). */
#define MAX_RANGE_BYTES (8 * 1024 * 1024)

static void
finish_error (WebKitURISchemeRequest *req, GQuark domain, int code, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);

static void
finish_error (WebKitURISchemeRequest *req, GQuark domain, int code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autoptr (GError) error = g_error_new_valist (domain, code, fmt, ap);
  va_end (ap);
  webkit_uri_scheme_request_finish_error (req, error);
}

/* Types the web platform is strict about come first; the rest from the
 * shared MIME database. */
static char *
mime_type_for (const char *path)
{
  static const struct { const char *ext, *type; } table[] = {
    { ".html", "text/html" }, { ".htm", "text/html" },
    { ".js", "text/javascript" }, { ".mjs", "text/javascript" },
    { ".cjs", "text/javascript" }, { ".css", "text/css" },
    { ".json", "application/json" }, { ".map", "application/json" },
    { ".wasm", "application/wasm" }, { ".svg", "image/svg+xml" },
    { ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
    { ".gif", "image/gif" }, { ".webp", "image/webp" }, { ".ico", "image/x-icon" },
    { ".woff", "font/woff" }, { ".woff2", "font/woff2" }, { ".ttf", "font/ttf" },
    { ".otf", "font/otf" }, { ".mp4", "video/mp4" }, { ".webm", "video/webm" },
    { ".ogg", "audio/ogg" }, { ".mp3", "audio/mpeg" }, { ".wav", "audio/wav" },
    { ".txt", "text/plain" }, { ".xml", "application/xml" },
    { ".pdf", "application/pdf" },
  };
  const char *dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, '/') == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (table); i++)
      if (g_ascii_strcasecmp (dot, table[i].ext) == 0)
        return g_strdup (table[i].type);
  g_autofree char *ctype = g_content_type_guess (path, NULL, 0, NULL);
  char *mime = ctype ? g_content_type_get_mime_type (ctype) : NULL;
  return mime ? mime : g_strdup ("application/octet-stream");
}

/* Maps the URL path under `root`: each segment percent-decoded on its own;
 * a decoded segment holding '/' or NUL, or '..' climbing above the root, is
 * refused. Returns the file path (caller frees) or NULL. */
char *
anode_ui_scheme_resolve (const char *root, const char *url_path)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) segs = g_strsplit (url_path ? url_path : "", "/", -1);
  for (guint i = 0; segs[i] != NULL; i++) {
    if (*segs[i] == '\0')
      continue;
    char *seg = g_uri_unescape_string (segs[i], "/");
    if (seg == NULL)
      return NULL; /* %2F, %00 or a broken escape */
    if (g_str_equal (seg, ".")) {
      g_free (seg);
    } else if (g_str_equal (seg, "..")) {
      g_free (seg);
      if (parts->len == 0)
        return NULL;
      g_ptr_array_remove_index (parts, parts->len - 1);
    } else {
      g_ptr_array_add (parts, seg);
    }
  }
  GString *path = g_string_new (root);
  for (guint i = 0; i < parts->len; i++) {
    g_string_append_c (path, '/');
    g_string_append (path, g_ptr_array_index (parts, i));
  }
  return g_string_free (path, FALSE);
}

/* "bytes=a-b" / "bytes=a-" / "bytes=-n" against `size`; FALSE if unusable. */
static gboolean
parse_range (const char *header, goffset size, goffset *start, goffset *end)
{
  if (header == NULL || !g_str_has_prefix (header, "bytes=") || strchr (header, ','))
    return FALSE;
  const char *spec = header + 6;
  char *dash = strchr (spec, '-');
  if (dash == NULL)
    return FALSE;
  char *e;
  if (dash == spec) {
    gint64 n = g_ascii_strtoll (dash + 1, &e, 10);
    if (*e || n <= 0)
      return FALSE;
    *start = MAX (0, size - n);
    *end = size - 1;
  } else {
    *start = g_ascii_strtoll (spec, &e, 10);
    if (e != dash || *start < 0)
      return FALSE;
    if (dash[1] == '\0') {
      *end = size - 1;
    } else {
      *end = g_ascii_strtoll (dash + 1, &e, 10);
      if (*e || *end < *start)
        return FALSE;
      *end = MIN (*end, size - 1);
    }
  }
  return *start < size;
}

/* Serves `path` (under the app's root) through the app source, which reads
 * a folder, an .asar archive or the AppImage's squashfs alike and keeps
 * links from leading out of the root. */
static void
respond_file (WebKitURISchemeRequest *req, anode_ui_t *ui, const char *path, gboolean head_only)
{
  anode_vfs_t *vfs = anode_vfs_get (ui->rt);
  g_autoptr (GError) error = NULL;
  guint64 usize = 0;
  g_autofree char *file = NULL;
  g_autoptr (GInputStream) in = anode_appsrc_open (vfs, ui->app_root, path, 0, &usize, &file,
                                                   &error);
  if (in == NULL) {
    finish_error (req, error->domain, error->code, "cannot load %s: %s", path, error->message);
    return;
  }
  goffset size = (goffset) usize;
  g_autofree char *mime = mime_type_for (file);
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", "*");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");

  SoupMessageHeaders *req_headers = webkit_uri_scheme_request_get_http_headers (req);
  const char *range = req_headers ? soup_message_headers_get_one (req_headers, "Range") : NULL;
  goffset start = 0, end = size - 1;
  int status = 200;
  GInputStream *body = in;
  g_autoptr (GInputStream) slice = NULL;
  if (range != NULL) {
    if (!parse_range (range, size, &start, &end)) {
      g_autofree char *cr = g_strdup_printf ("bytes */%" G_GOFFSET_FORMAT, size);
      soup_message_headers_replace (headers, "Content-Range", cr);
      g_autoptr (GInputStream) empty = g_memory_input_stream_new ();
      WebKitURISchemeResponse *resp = webkit_uri_scheme_response_new (empty, 0);
      webkit_uri_scheme_response_set_status (resp, 416, "Range Not Satisfiable");
      webkit_uri_scheme_response_set_http_headers (resp, headers);
      webkit_uri_scheme_request_finish_with_response (req, resp);
      g_object_unref (resp);
      return;
    }
    status = 206;
    if (start > 0) {
      g_clear_object (&in);
      g_clear_pointer (&file, g_free);
      in = anode_appsrc_open (vfs, ui->app_root, path, (guint64) start, &usize, &file, &error);
      if (in == NULL) {
        soup_message_headers_unref (headers);
        finish_error (req, error->domain, error->code, "cannot load %s: %s", path, error->message);
        return;
      }
      body = in;
    }
    if (end < size - 1) {
      /* A bounded range is read into memory so the stream ends where the
       * range does. */
      end = MIN (end, start + MAX_RANGE_BYTES - 1);
      g_autoptr (GBytes) bytes = g_input_stream_read_bytes (body, end - start + 1, NULL, &error);
      if (bytes == NULL) {
        soup_message_headers_unref (headers);
        finish_error (req, error->domain, error->code, "cannot load %s: %s", path, error->message);
        return;
      }
      end = start + (goffset) g_bytes_get_size (bytes) - 1;
      slice = g_memory_input_stream_new_from_bytes (bytes);
      body = slice;
    }
    g_autofree char *cr = g_strdup_printf ("bytes %" G_GOFFSET_FORMAT "-%" G_GOFFSET_FORMAT
                                           "/%" G_GOFFSET_FORMAT, start, end, size);
    soup_message_headers_replace (headers, "Content-Range", cr);
  }
  goffset length = end - start + 1;
  /* In `anode dev` a whole script or stylesheet names its file on disk
   * (the Web Inspector lists it under that name). */
  g_autofree char *trailer = status == 200 ? anode_ui_dev_source_url (ui, file, mime) : NULL;
  g_autoptr (GInputStream) marked = NULL;
  if (trailer != NULL && head_only) {
    length += (goffset) strlen (trailer);
  } else if (trailer != NULL) {
    gsize extra = strlen (trailer), got = 0;
    char *text = g_malloc ((gsize) size + extra);
    if (!g_input_stream_read_all (body, text, (gsize) size, &got, NULL, &error)) {
      g_free (text);
      soup_message_headers_unref (headers);
      finish_error (req, error->domain, error->code, "cannot load %s: %s", path, error->message);
      return;
    }
    memcpy (text + got, trailer, extra);
    length = (goffset) (got + extra);
    marked = g_memory_input_stream_new_from_data (text, length, g_free);
    body = marked;
  }
  g_autoptr (GInputStream) empty = head_only ? g_memory_input_stream_new () : NULL;
  WebKitURISchemeResponse *resp = webkit_uri_scheme_response_new (head_only ? empty : body,
                                                                  head_only ? 0 : length);
  webkit_uri_scheme_response_set_status (resp, status, status == 206 ? "Partial Content" : "OK");
  webkit_uri_scheme_response_set_content_type (resp, mime);
  soup_message_headers_replace (headers, "Content-Type", mime);
  g_autofree char *len_s = g_strdup_printf ("%" G_GOFFSET_FORMAT, length);
  soup_message_headers_replace (headers, "Content-Length", len_s);
  webkit_uri_scheme_response_set_http_headers (resp, headers);
  webkit_uri_scheme_request_finish_with_response (req, resp);
  g_object_unref (resp);
}

static void
app_scheme_cb (WebKitURISchemeRequest *req, gpointer data)
{
  anode_ui_t *ui = data;
  const char *method = webkit_uri_scheme_request_get_http_method (req);
  const char *uri = webkit_uri_scheme_request_get_uri (req);
  if (method != NULL && g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0) {
    finish_error (req, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                  "%s: app:// serves files: method %s is not allowed", uri, method);
    return;
  }
  if (ui->app_root == NULL) {
    finish_error (req, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: the app has no root folder", uri);
    return;
  }
  /* The raw path, still percent-encoded, so encoded dots and slashes are
   * judged here rather than silently normalised. */
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  const char *url_path = parsed ? g_uri_get_path (parsed) : NULL;
  g_autofree char *path = anode_ui_scheme_resolve (ui->app_root, url_path);
  if (path == NULL) {
    finish_error (req, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                  "%s: the path leaves the app's folder", uri);
    return;
  }
  respond_file (req, ui, path, g_strcmp0 (method, "HEAD") == 0);
}

/* ---- protocol.handle: requests go to JS, which answers by id. */

static void
js_scheme_cb (WebKitURISchemeRequest *req, gpointer data)
{
  anode_ui_t *ui = data;
  JSCContext *ctx = ui->rt->ctx;
  const char *scheme = webkit_uri_scheme_request_get_scheme (req);
  if (ui->scheme_handler == NULL || !g_hash_table_contains (ui->schemes, scheme)) {
    finish_error (req, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no handler for scheme %s",
                  webkit_uri_scheme_request_get_uri (req), scheme);
    return;
  }
  guint id = ++ui->next_scheme_req;
  g_hash_table_insert (ui->scheme_reqs, GUINT_TO_POINTER (id), g_object_ref (req));
  /* [method, name, value, name, value...]: the dispatch trampoline passes
   * at most four arguments. */
  const char *method = webkit_uri_scheme_request_get_http_method (req);
  JSCValue *headers = jsc_value_new_array (ctx, G_TYPE_NONE);
  g_autoptr (JSCValue) method_v = jsc_value_new_string (ctx, method ? method : "GET");
  jsc_value_object_set_property_at_index (headers, 0, method_v);
  SoupMessageHeaders *h = webkit_uri_scheme_request_get_http_headers (req);
  if (h != NULL) {
    SoupMessageHeadersIter it;
    const char *name, *value;
    guint i = 1;
    soup_message_headers_iter_init (&it, h);
    while (soup_message_headers_iter_next (&it, &name, &value)) {
      g_autoptr (JSCValue) n = jsc_value_new_string (ctx, name);
      g_autoptr (JSCValue) v = jsc_value_new_string (ctx, value);
      jsc_value_object_set_property_at_index (headers, i++, n);
      jsc_value_object_set_property_at_index (headers, i++, v);
    }
  }
  JSCValue *args[] = {
    jsc_value_new_string (ctx, scheme),
    jsc_value_new_number (ctx, id),
    jsc_value_new_string (ctx, webkit_uri_scheme_request_get_uri (req)),
    headers,
  };
  g_autoptr (JSCValue) r = anode_runtime_callback (ui->rt, ui->scheme_handler,
                                                   G_N_ELEMENTS (args), args);
  for (guint i = 0; i < G_N_ELEMENTS (args); i++)
    g_object_unref (args[i]);
}

/* finishSchemeRequest(id, status, headers[], body Uint8Array|undefined). */
static void
finish_scheme_cb (double id, double status, JSCValue *headers, JSCValue *body,
                  anode_ui_t *ui)
{
  g_autoptr (WebKitURISchemeRequest) req =
    g_hash_table_lookup (ui->scheme_reqs, GUINT_TO_POINTER ((guint) id));
  if (req == NULL)
    return;
  g_object_ref (req);
  g_hash_table_remove (ui->scheme_reqs, GUINT_TO_POINTER ((guint) id));
  GBytes *bytes;
  gsize len = 0;
  if (jsc_value_is_typed_array (body)) {
    guint8 *data = jsc_value_typed_array_get_data (body, &len);
    bytes = g_bytes_new (data, len);
  } else {
    bytes = g_bytes_new (NULL, 0);
  }
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_bytes_unref (bytes);
  WebKitURISchemeResponse *resp = webkit_uri_scheme_response_new (stream, len);
  webkit_uri_scheme_response_set_status (resp, (guint) status, NULL);
  SoupMessageHeaders *h = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr (JSCValue) n_v = jsc_value_object_get_property (headers, "length");
  int n = jsc_value_to_int32 (n_v);
  for (int i = 0; i + 1 < n; i += 2) {
    g_autoptr (JSCValue) k = jsc_value_object_get_property_at_index (headers, i);
    g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (headers, i + 1);
    g_autofree char *ks = jsc_value_to_string (k);
    g_autofree char *vs = jsc_value_to_string (v);
    if (g_ascii_strcasecmp (ks, "content-type") == 0)
      webkit_uri_scheme_response_set_content_type (resp, vs);
    soup_message_headers_append (h, ks, vs);
  }
  webkit_uri_scheme_response_set_http_headers (resp, h);
  webkit_uri_scheme_request_finish_with_response (req, resp);
  g_object_unref (resp);
}

static void
fail_scheme_cb (double id, const char *message, anode_ui_t *ui)
{
  WebKitURISchemeRequest *req = g_hash_table_lookup (ui->scheme_reqs, GUINT_TO_POINTER ((guint) id));
  if (req == NULL)
    return;
  finish_error (req, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
  g_hash_table_remove (ui->scheme_reqs, GUINT_TO_POINTER ((guint) id));
}

/* registerScheme(name, secure, corsEnabled): JS serves it from now on. */
static void
register_scheme_cb (const char *name, gboolean secure, gboolean cors, anode_ui_t *ui)
{
  if (!ui->started)
    return;
  if (!g_hash_table_contains (ui->schemes, name))
    webkit_web_context_register_uri_scheme (ui->web_context, name, js_scheme_cb, ui, NULL);
  g_hash_table_insert (ui->schemes, g_strdup (name), GINT_TO_POINTER (1));
  WebKitSecurityManager *sm = webkit_web_context_get_security_manager (ui->web_context);
  if (secure)
    webkit_security_manager_register_uri_scheme_as_secure (sm, name);
  if (cors)
    webkit_security_manager_register_uri_scheme_as_cors_enabled (sm, name);
}

static void
unregister_scheme_cb (const char *name, anode_ui_t *ui)
{
  /* WebKit cannot unregister a scheme: requests now fail as unhandled. */
  g_hash_table_remove (ui->schemes, name);
}

static void
set_scheme_handler_cb (JSCValue *fn, anode_ui_t *ui)
{
  g_set_object (&ui->scheme_handler, fn);
}

void
anode_ui_scheme_init (anode_ui_t *ui)
{
  webkit_web_context_register_uri_scheme (ui->web_context, "app", app_scheme_cb, ui, NULL);
  WebKitSecurityManager *sm = webkit_web_context_get_security_manager (ui->web_context);
  webkit_security_manager_register_uri_scheme_as_secure (sm, "app");
  webkit_security_manager_register_uri_scheme_as_cors_enabled (sm, "app");
}

void
anode_ui_scheme_bind (anode_ui_t *ui, JSCValue *b)
{
  anode_set_method (b, "registerScheme", G_CALLBACK (register_scheme_cb), ui,
                    G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
  anode_set_method (b, "unregisterScheme", G_CALLBACK (unregister_scheme_cb), ui,
                    G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_set_method (b, "setSchemeHandler", G_CALLBACK (set_scheme_handler_cb), ui,
                    G_TYPE_NONE, 1, JSC_TYPE_VALUE);
  anode_set_method (b, "finishSchemeRequest", G_CALLBACK (finish_scheme_cb), ui,
                    G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE, JSC_TYPE_VALUE,
                    JSC_TYPE_VALUE);
  anode_set_method (b, "failSchemeRequest", G_CALLBACK (fail_scheme_cb), ui,
                    G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);
}
