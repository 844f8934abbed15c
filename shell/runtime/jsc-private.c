/* The one place anode reaches past the JSC GLib API. Node's
 * unhandled-rejection semantics need JSC's rejection tracker, which only the
 * JSC C API exposes; javascriptcoregtk-6.0 exports both the C API and the
 * (C++-mangled) bridge from JSCContext/JSCValue to it, but ships no headers
 * for them, so the few prototypes are declared here. */
#include <math.h>
#include <stdbool.h>

#include "anode-runtime.h"

typedef const struct OpaqueJSContext *JSContextRef;
typedef struct OpaqueJSContext *JSGlobalContextRef;
typedef const struct OpaqueJSValue *JSValueRef;
typedef struct OpaqueJSValue *JSObjectRef;

extern JSGlobalContextRef anode_jsc_context_get_js_context (JSCContext *ctx)
  __asm__ ("_Z22jscContextGetJSContextP11_JSCContext");
extern JSValueRef anode_jsc_value_get_js_value (JSCValue *value)
  __asm__ ("_Z18jscValueGetJSValueP9_JSCValue");
extern void JSGlobalContextSetUnhandledRejectionCallback (JSGlobalContextRef ctx,
                                                          JSObjectRef function,
                                                          JSValueRef *exception);

gboolean
anode_jsc_set_unhandled_rejection_callback (JSCContext *ctx, JSCValue *fn)
{
  JSValueRef exception = NULL;

  g_return_val_if_fail (jsc_value_is_function (fn), FALSE);
  JSGlobalContextSetUnhandledRejectionCallback (
    anode_jsc_context_get_js_context (ctx),
    (JSObjectRef) anode_jsc_value_get_js_value (fn), &exception);
  return exception == NULL;
}

typedef struct OpaqueJSString *JSStringRef;
extern JSObjectRef JSGetMemoryUsageStatistics (JSContextRef ctx);
extern JSStringRef JSStringCreateWithUTF8CString (const char *string);
extern void JSStringRelease (JSStringRef string);
extern JSValueRef JSObjectGetProperty (JSContextRef ctx, JSObjectRef object,
                                       JSStringRef name, JSValueRef *exception);
extern double JSValueToNumber (JSContextRef ctx, JSValueRef value,
                               JSValueRef *exception);

static double
stat_number (JSContextRef ctx, JSObjectRef stats, const char *name)
{
  JSStringRef key = JSStringCreateWithUTF8CString (name);
  JSValueRef v = JSObjectGetProperty (ctx, stats, key, NULL);
  JSStringRelease (key);
  return v ? JSValueToNumber (ctx, v, NULL) : 0;
}

void
anode_jsc_heap_stats (JSCContext *ctx, double *heap_size, double *heap_capacity,
                      double *extra_memory)
{
  JSContextRef js = anode_jsc_context_get_js_context (ctx);
  JSObjectRef stats = JSGetMemoryUsageStatistics (js);
  *heap_size = stat_number (js, stats, "heapSize");
  *heap_capacity = stat_number (js, stats, "heapCapacity");
  *extra_memory = stat_number (js, stats, "extraMemorySize");
}

extern JSValueRef JSObjectCallAsFunction (JSContextRef ctx, JSObjectRef object,
                                          JSObjectRef this_object, size_t argc,
                                          const JSValueRef argv[],
                                          JSValueRef *exception);
extern JSValueRef JSValueMakeNumber (JSContextRef ctx, double number);
extern JSValueRef JSValueMakeBoolean (JSContextRef ctx, bool boolean);
extern bool JSValueIsNumber (JSContextRef ctx, JSValueRef value);
extern bool JSValueIsBoolean (JSContextRef ctx, JSValueRef value);
extern bool JSValueToBoolean (JSContextRef ctx, JSValueRef value);

/* Calls dispatch(fn, arg) with the C API: the GLib API wraps every argument
 * and result in a GObject, which costs ~3x more per crossing, and timers and
 * immediates cross once per callback. Returns the result as a number
 * (booleans as 0/1), or NAN for anything else. */
double
anode_jsc_dispatch_scalar (JSCContext *ctx, JSCValue *dispatch, JSCValue *fn,
                           double arg, gboolean arg_is_bool)
{
  JSContextRef js = anode_jsc_context_get_js_context (ctx);
  JSValueRef argv[2] = {
    anode_jsc_value_get_js_value (fn),
    arg_is_bool ? JSValueMakeBoolean (js, arg != 0) : JSValueMakeNumber (js, arg),
  };
  JSValueRef exception = NULL;
  JSValueRef r = JSObjectCallAsFunction (
    js, (JSObjectRef) anode_jsc_value_get_js_value (dispatch), NULL, 2, argv, &exception);
  if (r == NULL || exception != NULL)
    return NAN;
  if (JSValueIsNumber (js, r))
    return JSValueToNumber (js, r, NULL);
  if (JSValueIsBoolean (js, r))
    return JSValueToBoolean (js, r) ? 1 : 0;
  return NAN;
}

/* WTF's main-thread marker, which WebKit sets when it starts but a bare
 * JSCContext never does. Without it, the first JSCContext gives the main
 * thread a private run loop (a new GMainContext nobody iterates); WebKit,
 * loaded later, adopts that run loop as its main one and its IPC is never
 * served: pages never load. Called before the first JSCContext. */
extern void _ZN3WTF20initializeMainThreadEv (void);

void
anode_jsc_init_main_thread (void)
{
  _ZN3WTF20initializeMainThreadEv ();
}

extern void JSGarbageCollect (JSContextRef ctx);

void
anode_jsc_collect (JSCContext *ctx)
{
  JSGarbageCollect (anode_jsc_context_get_js_context (ctx));
}

/* JSC's watchdog: after `seconds` of JS running in one entry it asks
 * should_terminate; TRUE throws an uncatchable termination, FALSE lets the
 * script go on for another period. How a worker stops a busy script. */
typedef const struct OpaqueJSContextGroup *JSContextGroupRef;
typedef bool (*JSShouldTerminateCallback) (JSContextRef ctx, void *context);
extern JSContextGroupRef JSContextGetGroup (JSContextRef ctx);
extern void JSContextGroupSetExecutionTimeLimit (JSContextGroupRef group, double limit,
                                                 JSShouldTerminateCallback callback,
                                                 void *context);

static bool
watchdog_cb (JSContextRef ctx, void *context)
{
  anode_watchdog_t *wd = context;
  if (wd->should_terminate (wd->data))
    return true;
  /* JSC does not always re-arm the timer after a "go on": set it again. */
  JSContextGroupSetExecutionTimeLimit (JSContextGetGroup (ctx), wd->seconds, watchdog_cb, wd);
  return false;
}

void
anode_jsc_set_watchdog (JSCContext *ctx, double seconds, anode_watchdog_t *wd)
{
  wd->seconds = seconds;
  JSContextGroupSetExecutionTimeLimit (
    JSContextGetGroup (anode_jsc_context_get_js_context (ctx)), seconds, watchdog_cb, wd);
}
