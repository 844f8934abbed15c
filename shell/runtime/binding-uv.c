/* libuv's error names and messages, the source of every system error's
 * code/errno/message. */
#include "anode-runtime.h"
#include "js-util.h"

static char *
errname_cb (int err, anode_runtime_t *rt)
{
  return g_strdup (uv_err_name (err));
}

static char *
strerror_cb (int err, anode_runtime_t *rt)
{
  return g_strdup (uv_strerror (err));
}

/* getErrorMap(): Node's Map of errno -> [name, message], built in JS from
 * one flat array [errno, name, message, ...] to cross once. */
static JSCValue *
error_list_cb (anode_runtime_t *rt)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
#define XX(code, _)                                                          \
  g_ptr_array_add (items, jsc_value_new_number (rt->ctx, UV_##code));        \
  g_ptr_array_add (items, jsc_value_new_string (rt->ctx, #code));            \
  g_ptr_array_add (items, jsc_value_new_string (rt->ctx, uv_strerror (UV_##code)));
  UV_ERRNO_MAP (XX)
#undef XX
  return jsc_value_new_array_from_garray (rt->ctx, items);
}

JSCValue *
anode_binding_uv_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "errname", G_CALLBACK (errname_cb), rt, G_TYPE_STRING, 1, G_TYPE_INT);
  anode_set_method (b, "strerror", G_CALLBACK (strerror_cb), rt, G_TYPE_STRING, 1, G_TYPE_INT);
  anode_set_method (b, "errorList", G_CALLBACK (error_list_cb), rt, JSC_TYPE_VALUE, 0);
#define XX(code, _) anode_set_int (b, "UV_" #code, UV_##code);
  UV_ERRNO_MAP (XX)
#undef XX
  return b;
}
