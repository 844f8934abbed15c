/* The one place anode reaches past the JSC GLib API. Node's
 * unhandled-rejection semantics need JSC's rejection tracker, which only the
 * JSC C API exposes; javascriptcoregtk-6.0 exports both the C API and the
 * (C++-mangled) bridge from JSCContext/JSCValue to it, but ships no headers
 * for them, so the few prototypes are declared here. */
#include <math.h>
#include <stdbool.h>

#include "anode-runtime.h"
#include "js-util.h"

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

/* ---- Latin-1 strings without the UTF-8 round trip ----
 * The GLib API moves strings only as UTF-8: a string made from bytes is
 * decoded and copied, and a string read out is encoded into a fresh buffer
 * three times its length. For the byte-heavy paths (Buffer's hex, base64 and
 * latin1, ASCII text) JSC's own one-byte strings are reached directly:
 * WTF::StringImpl::createUninitialized gives a buffer that becomes the JS
 * string's characters, and JSValueToStringCopy's OpaqueJSString shows the
 * characters of an existing string. These are C++ symbols and structure
 * layouts of the installed JSC, not API: they are looked up at run time and
 * checked on probe strings first; when anything differs, or off x86-64 (the
 * calls below assume its C++ calling convention), callers get FALSE and take
 * the GLib API path. */

typedef struct OpaqueJSString *JSStringRef;
extern JSValueRef JSValueMakeString (JSContextRef ctx, JSStringRef string);
extern JSStringRef JSValueToStringCopy (JSContextRef ctx, JSValueRef value,
                                        JSValueRef *exception);
extern JSStringRef JSStringCreateWithCharacters (const unsigned short *chars, size_t n);
extern void _Z26jscContextGetOrCreateValueP11_JSCContextPK13OpaqueJSValue (
  JSCValue **ret, JSCContext *ctx, JSValueRef value);

#if defined(__x86_64__) && defined(__linux__)
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

/* The parts of WTF::StringImpl read here: a reference count in steps of 2,
 * the length, the characters, and flags whose bit 2 marks one-byte text. */
typedef struct {
  uint32_t ref;
  uint32_t length;
  uint8_t *chars;
  uint32_t flags;
} wtf_string_impl_t;
#define WTF_REF_STEP 2u
#define WTF_8BIT_FLAG (1u << 2)

typedef struct {
  uint8_t *data;
  size_t size;
} std_span_t;

/* Results that are C++ objects with destructors come back through a hidden
 * first pointer (the x86-64 C++ ABI's sret). */
static struct {
  void (*create_uninitialized) (wtf_string_impl_t **ret, unsigned long length,
                                std_span_t *chars);
  void (*destroy) (wtf_string_impl_t *impl);
  void *(*js_string) (void *vm, wtf_string_impl_t *impl);
  void (*lock) (void **holder, void *vm);
  void (*unlock) (void **holder);
  gboolean ok;
} wtf;

/* An OpaqueJSString is a thread-safe reference count, then its WTF::String
 * (one pointer to the StringImpl). */
static wtf_string_impl_t *
opaque_impl (JSStringRef s)
{
  return *(wtf_string_impl_t **) ((char *) s + 8);
}

static void *
vm_of (JSCContext *ctx)
{
  /* A JSContextGroupRef is the VM. */
  return (void *) JSContextGetGroup (anode_jsc_context_get_js_context (ctx));
}

static JSCValue *
latin1_finish (JSCContext *ctx, wtf_string_impl_t *impl)
{
  void *holder[2] = { NULL, NULL };
  wtf.lock (holder, vm_of (ctx));
  void *cell = wtf.js_string (vm_of (ctx), impl);
  JSCValue *v = NULL;
  if (cell != NULL)
    _Z26jscContextGetOrCreateValueP11_JSCContextPK13OpaqueJSValue (&v, ctx, (JSValueRef) cell);
  wtf.unlock (holder);
  /* Drop the creation reference; the JS string holds its own. */
  if (impl->ref == WTF_REF_STEP)
    wtf.destroy (impl);
  else
    impl->ref -= WTF_REF_STEP;
  return v;
}

static gboolean
probe (JSCContext *ctx)
{
  wtf.create_uninitialized = dlsym (RTLD_DEFAULT,
    "_ZN3WTF10StringImpl19createUninitializedEmRSt4spanIhLm18446744073709551615EE");
  wtf.destroy = dlsym (RTLD_DEFAULT, "_ZN3WTF10StringImpl7destroyEPS0_");
  wtf.js_string = dlsym (RTLD_DEFAULT, "_ZN3JSC25jsStringWithCacheSlowCaseERNS_2VMERN3WTF10StringImplE");
  wtf.lock = dlsym (RTLD_DEFAULT, "_ZN3JSC12JSLockHolderC1EPNS_2VME");
  wtf.unlock = dlsym (RTLD_DEFAULT, "_ZN3JSC12JSLockHolderD1Ev");
  if (!wtf.create_uninitialized || !wtf.destroy || !wtf.js_string || !wtf.lock || !wtf.unlock)
    return FALSE;

  /* Reading: a one-byte and a two-byte string must show their layout. */
  JSContextRef js = anode_jsc_context_get_js_context (ctx);
  g_autoptr (JSCValue) one = jsc_value_new_string (ctx, "anode-probe");
  JSStringRef s = JSValueToStringCopy (js, anode_jsc_value_get_js_value (one), NULL);
  wtf_string_impl_t *impl = s ? opaque_impl (s) : NULL;
  gboolean ok = impl != NULL && impl->length == 11 && (impl->flags & WTF_8BIT_FLAG) &&
                memcmp (impl->chars, "anode-probe", 11) == 0;
  if (s)
    JSStringRelease (s);
  static const unsigned short wide[] = { 0x100, 'x' };
  s = JSStringCreateWithCharacters (wide, 2);
  impl = s ? opaque_impl (s) : NULL;
  ok = ok && impl != NULL && impl->length == 2 && !(impl->flags & WTF_8BIT_FLAG);
  if (s)
    JSStringRelease (s);
  if (!ok)
    return FALSE;

  /* Writing: a made string must read back as itself. */
  wtf_string_impl_t *made = NULL;
  std_span_t chars = { NULL, 0 };
  wtf.create_uninitialized (&made, 5, &chars);
  if (made == NULL || chars.size != 5 || made->ref != WTF_REF_STEP)
    return FALSE;
  memcpy (chars.data, "\xe9t\xe9!!", 5);
  g_autoptr (JSCValue) back = latin1_finish (ctx, made);
  g_autofree char *text = back ? jsc_value_to_string (back) : NULL;
  return text != NULL && strcmp (text, "\xc3\xa9t\xc3\xa9!!") == 0;
}

static gboolean
fast_strings (JSCContext *ctx)
{
  static gsize once = 0;
  if (g_once_init_enter (&once)) {
    wtf.ok = probe (ctx);
    g_once_init_leave (&once, 1);
  }
  return wtf.ok;
}

gboolean
anode_jsc_latin1_new (JSCContext *ctx, gsize length, anode_latin1_t *out)
{
  if (length == 0 || length > G_MAXINT32 || !fast_strings (ctx))
    return FALSE;
  wtf_string_impl_t *impl = NULL;
  std_span_t chars = { NULL, 0 };
  wtf.create_uninitialized (&impl, length, &chars);
  if (impl == NULL)
    return FALSE;
  anode_populate (chars.data, length);
  out->impl = impl;
  out->chars = chars.data;
  out->length = length;
  return TRUE;
}

JSCValue *
anode_jsc_latin1_finish (JSCContext *ctx, anode_latin1_t *s)
{
  JSCValue *v = latin1_finish (ctx, s->impl);
  s->impl = NULL;
  return v;
}

gboolean
anode_jsc_string_peek (JSCContext *ctx, JSCValue *value, anode_string_view_t *out)
{
  if (!jsc_value_is_string (value) || !fast_strings (ctx))
    return FALSE;
  JSStringRef s = JSValueToStringCopy (anode_jsc_context_get_js_context (ctx),
                                       anode_jsc_value_get_js_value (value), NULL);
  if (s == NULL)
    return FALSE;
  wtf_string_impl_t *impl = opaque_impl (s);
  if (!(impl->flags & WTF_8BIT_FLAG)) {
    JSStringRelease (s);
    return FALSE;
  }
  out->keep = s;
  out->chars = impl->chars;
  out->length = impl->length;
  return TRUE;
}

void
anode_jsc_string_unpeek (anode_string_view_t *view)
{
  if (view->keep != NULL)
    JSStringRelease (view->keep);
  view->keep = NULL;
}

#else /* not x86-64 Linux: always the GLib API path */

gboolean
anode_jsc_latin1_new (JSCContext *ctx, gsize length, anode_latin1_t *out)
{
  return FALSE;
}

JSCValue *
anode_jsc_latin1_finish (JSCContext *ctx, anode_latin1_t *s)
{
  return NULL;
}

gboolean
anode_jsc_string_peek (JSCContext *ctx, JSCValue *value, anode_string_view_t *out)
{
  return FALSE;
}

void
anode_jsc_string_unpeek (anode_string_view_t *view)
{
}

#endif
