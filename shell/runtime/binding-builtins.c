/* Built-in JS modules (compiled into the binary as a GResource) and the
 * compiler for user modules. */
#include <string.h>

#include <gio/gio.h>

#include "anode-runtime.h"
#include "js-util.h"

#define LIB_PREFIX "/org/anode/lib/"

static const char *const builtin_params[] = { "exports", "require", "module",
                                              "internalBinding", NULL };

G_DEFINE_QUARK (anode-compile-error-quark, anode_compile_error)

JSCValue *
anode_compile_function (JSCContext *ctx, const char *source, gssize len,
                        const char *uri, const char *const *params,
                        GError **error)
{
  g_autoptr (GString) code = g_string_sized_new ((len < 0 ? strlen (source) : (gsize) len) + 64);
  g_autofree char *joined = g_strjoinv (", ", (char **) params);

  /* Everything stays on the source's own lines so positions in stacks and
   * syntax errors are the file's. */
  g_string_append_printf (code, "(function (%s) {", joined);
  g_string_append_len (code, source, len);
  g_string_append (code, "\n})");

  JSCValue *fn = jsc_context_evaluate_with_source_uri (ctx, code->str, code->len,
                                                       uri, 1);
  JSCException *exc = jsc_context_get_exception (ctx);
  if (exc != NULL) {
    g_set_error (error, ANODE_COMPILE_ERROR, jsc_exception_get_line_number (exc),
                 "%s", jsc_exception_get_message (exc));
    jsc_context_clear_exception (ctx);
    g_clear_object (&fn);
    return NULL;
  }
  return fn;
}

static JSCValue *
compile_builtin_cb (const char *id, anode_runtime_t *rt)
{
  g_autofree char *path = g_strconcat (LIB_PREFIX, id, ".js", NULL);
  g_autoptr (GBytes) bytes = id ? g_resources_lookup_data (path, 0, NULL) : NULL;
  if (bytes == NULL)
    return jsc_value_new_undefined (rt->ctx);

  gsize len = 0;
  const char *src = g_bytes_get_data (bytes, &len);
  g_autofree char *uri = g_strconcat ("node:", id, NULL);
  g_autoptr (GError) error = NULL;
  JSCValue *fn = anode_compile_function (rt->ctx, src, len, uri, builtin_params, &error);
  if (fn == NULL) {
    jsc_context_throw_with_name_printf (rt->ctx, "SyntaxError", "%s:%d: %s", uri,
                                        error->code, error->message);
    return NULL;
  }
  return fn;
}

static void
collect_ids (const char *dir, const char *prefix, GPtrArray *out)
{
  g_auto (GStrv) names = g_resources_enumerate_children (dir, 0, NULL);
  for (guint i = 0; names && names[i]; i++) {
    const char *name = names[i];
    gsize n = strlen (name);
    if (name[n - 1] == '/') {
      if (prefix[0] == '\0' && strcmp (name, "internal/") == 0)
        continue;
      g_autofree char *sub = g_strconcat (dir, name, NULL);
      g_autofree char *sub_prefix = g_strconcat (prefix, name, NULL);
      collect_ids (sub, sub_prefix, out);
    } else if (n > 3 && strcmp (name + n - 3, ".js") == 0) {
      g_ptr_array_add (out, g_strdup_printf ("%s%.*s", prefix, (int) n - 3, name));
    }
  }
}

static JSCValue *
builtin_ids_cb (anode_runtime_t *rt)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  collect_ids (LIB_PREFIX, "", ids);
  g_ptr_array_add (ids, NULL);
  return jsc_value_new_array_from_strv (rt->ctx, (const char *const *) ids->pdata);
}

/* compileFunction(source, filename, params, errctx): the function, or
 * undefined with errctx.{message,line} set on a syntax error. */
static JSCValue *
compile_function_cb (const char *source, const char *filename, JSCValue *params,
                     JSCValue *errctx, anode_runtime_t *rt)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JSCValue) len_v = jsc_value_object_get_property (params, "length");
  gint32 n = jsc_value_to_int32 (len_v);
  for (gint32 i = 0; i < n; i++) {
    g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (params, i);
    g_ptr_array_add (names, jsc_value_to_string (v));
  }
  g_ptr_array_add (names, NULL);

  g_autoptr (GError) error = NULL;
  JSCValue *fn = anode_compile_function (rt->ctx, source ? source : "", -1,
                                         filename ? filename : "[eval]",
                                         (const char *const *) names->pdata, &error);
  if (fn == NULL) {
    anode_set_string (errctx, "message", error->message);
    anode_set_int (errctx, "line", error->code);
    return jsc_value_new_undefined (rt->ctx);
  }
  return fn;
}

JSCValue *
anode_binding_builtins_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "compileBuiltin", G_CALLBACK (compile_builtin_cb), rt,
                    JSC_TYPE_VALUE, 1, G_TYPE_STRING);
  anode_set_method (b, "builtinIds", G_CALLBACK (builtin_ids_cb), rt,
                    JSC_TYPE_VALUE, 0);
  anode_set_method (b, "compileFunction", G_CALLBACK (compile_function_cb), rt,
                    JSC_TYPE_VALUE, 4, G_TYPE_STRING, G_TYPE_STRING,
                    JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  return b;
}
