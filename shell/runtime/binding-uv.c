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

JSCValue *
anode_binding_uv_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "errname", G_CALLBACK (errname_cb), rt, G_TYPE_STRING, 1, G_TYPE_INT);
  anode_set_method (b, "strerror", G_CALLBACK (strerror_cb), rt, G_TYPE_STRING, 1, G_TYPE_INT);
#define XX(code, _) anode_set_int (b, "UV_" #code, UV_##code);
  UV_ERRNO_MAP (XX)
#undef XX
  return b;
}
