/* internalBinding('dev'): what the dev client (internal/dev/client.js) of an
 * `anode dev` session needs from the session (dev.c). Outside dev mode it
 * only says so (active: false). */
#include "dev.h"
#include "js-util.h"

static void
set_handler_cb (JSCValue *fn, anode_runtime_t *rt)
{
  if (rt->dev != NULL && jsc_value_is_function (fn))
    anode_dev_set_handler (rt->dev, fn);
}

static void
fatal_cb (const char *json, anode_runtime_t *rt)
{
  if (rt->dev != NULL)
    anode_dev_fatal (rt->dev, json);
}

static void
painted_cb (gboolean window, anode_runtime_t *rt)
{
  if (rt->dev != NULL)
    anode_dev_painted (rt->dev, window);
}

static void
log_cb (const char *line, anode_runtime_t *rt)
{
  anode_dev_log ("%s", line);
}

/* Milliseconds on the clock the session stamps batches with. */
static double
now_cb (anode_runtime_t *rt)
{
  return (double) uv_hrtime () / 1e6;
}

JSCValue *
anode_binding_dev_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  g_autoptr (JSCValue) active = jsc_value_new_boolean (rt->ctx, rt->dev != NULL);
  anode_set_value (b, "active", active);
  if (rt->dev == NULL)
    return b;
  anode_set_string (b, "root", anode_dev_root (rt->dev));
  if (anode_dev_url (rt->dev) != NULL)
    anode_set_string (b, "devUrl", anode_dev_url (rt->dev));
  anode_set_method (b, "setChangeHandler", G_CALLBACK (set_handler_cb), rt, G_TYPE_NONE, 1,
                    JSC_TYPE_VALUE);
  anode_set_method (b, "fatal", G_CALLBACK (fatal_cb), rt, G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_set_method (b, "painted", G_CALLBACK (painted_cb), rt, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  anode_set_method (b, "log", G_CALLBACK (log_cb), rt, G_TYPE_NONE, 1, G_TYPE_STRING);
  anode_set_method (b, "now", G_CALLBACK (now_cb), rt, G_TYPE_DOUBLE, 0);
  return b;
}
