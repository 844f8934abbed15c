/* JavaScriptCore's C API, for the per-call hot paths of the I/O bindings
 * (stream reads and writes, HTTP parser events). javascriptcoregtk-6.0
 * exports the C API but ships no headers for it, so the prototypes used are
 * declared here (see jsc-private.c for the same reasoning). A C API call
 * costs about a tenth of a GLib-API one in the C->JS direction and half in
 * the JS->C direction: the GLib API wraps every value in a GObject. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <jsc/jsc.h>

G_BEGIN_DECLS

typedef const struct OpaqueJSContext *JSContextRef;
typedef struct OpaqueJSContext *JSGlobalContextRef;
typedef const struct OpaqueJSValue *JSValueRef;
typedef struct OpaqueJSValue *JSObjectRef;
typedef struct OpaqueJSString *JSStringRef;
typedef struct OpaqueJSClass *JSClassRef;
typedef unsigned short JSChar;
typedef unsigned JSPropertyAttributes;
typedef unsigned JSClassAttributes;

typedef enum {
  kJSTypedArrayTypeInt8Array,
  kJSTypedArrayTypeInt16Array,
  kJSTypedArrayTypeInt32Array,
  kJSTypedArrayTypeUint8Array,
  kJSTypedArrayTypeUint8ClampedArray,
  kJSTypedArrayTypeUint16Array,
  kJSTypedArrayTypeUint32Array,
  kJSTypedArrayTypeFloat32Array,
  kJSTypedArrayTypeFloat64Array,
  kJSTypedArrayTypeArrayBuffer,
  kJSTypedArrayTypeNone,
} JSTypedArrayType;

typedef JSValueRef (*JSObjectCallAsFunctionCallback) (
  JSContextRef ctx, JSObjectRef function, JSObjectRef this_object,
  size_t argc, const JSValueRef argv[], JSValueRef *exception);
typedef void (*JSObjectFinalizeCallback) (JSObjectRef object);
typedef void (*JSTypedArrayBytesDeallocator) (void *bytes, void *context);

/* The public JSClassDefinition layout (version 0). */
typedef struct {
  int version;
  JSClassAttributes attributes;
  const char *className;
  JSClassRef parentClass;
  const void *staticValues;
  const void *staticFunctions;
  void *initialize;
  JSObjectFinalizeCallback finalize;
  void *hasProperty;
  void *getProperty;
  void *setProperty;
  void *deleteProperty;
  void *getPropertyNames;
  JSObjectCallAsFunctionCallback callAsFunction;
  void *callAsConstructor;
  void *hasInstance;
  void *convertToType;
} JSClassDefinition;

extern JSGlobalContextRef anode_capi_context (JSCContext *ctx)
  __asm__ ("_Z22jscContextGetJSContextP11_JSCContext");
extern JSValueRef anode_capi_value (JSCValue *value)
  __asm__ ("_Z18jscValueGetJSValueP9_JSCValue");

extern JSClassRef JSClassCreate (const JSClassDefinition *definition);
extern void JSClassRelease (JSClassRef cls);
extern JSObjectRef JSObjectMake (JSContextRef ctx, JSClassRef cls, void *data);
extern void *JSObjectGetPrivate (JSObjectRef object);
extern JSObjectRef JSObjectMakeArray (JSContextRef ctx, size_t argc,
                                      const JSValueRef argv[], JSValueRef *exception);
extern JSObjectRef JSObjectMakeArrayBufferWithBytesNoCopy (
  JSContextRef ctx, void *bytes, size_t len, JSTypedArrayBytesDeallocator dealloc,
  void *dealloc_context, JSValueRef *exception);
extern JSObjectRef JSObjectMakeTypedArrayWithBytesNoCopy (
  JSContextRef ctx, JSTypedArrayType type, void *bytes, size_t len,
  JSTypedArrayBytesDeallocator dealloc, void *dealloc_context, JSValueRef *exception);
extern JSTypedArrayType JSValueGetTypedArrayType (JSContextRef ctx, JSValueRef value,
                                                  JSValueRef *exception);
extern void *JSObjectGetTypedArrayBytesPtr (JSContextRef ctx, JSObjectRef object,
                                            JSValueRef *exception);
extern size_t JSObjectGetTypedArrayByteLength (JSContextRef ctx, JSObjectRef object,
                                               JSValueRef *exception);
extern size_t JSObjectGetTypedArrayByteOffset (JSContextRef ctx, JSObjectRef object,
                                               JSValueRef *exception);
extern void *JSObjectGetArrayBufferBytesPtr (JSContextRef ctx, JSObjectRef object,
                                             JSValueRef *exception);
extern size_t JSObjectGetArrayBufferByteLength (JSContextRef ctx, JSObjectRef object,
                                                JSValueRef *exception);
extern JSValueRef JSObjectCallAsFunction (JSContextRef ctx, JSObjectRef object,
                                          JSObjectRef this_object, size_t argc,
                                          const JSValueRef argv[], JSValueRef *exception);
extern JSValueRef JSObjectGetProperty (JSContextRef ctx, JSObjectRef object,
                                       JSStringRef name, JSValueRef *exception);
extern void JSObjectSetProperty (JSContextRef ctx, JSObjectRef object, JSStringRef name,
                                 JSValueRef value, JSPropertyAttributes attributes,
                                 JSValueRef *exception);
extern JSValueRef JSObjectGetPropertyAtIndex (JSContextRef ctx, JSObjectRef object,
                                              unsigned index, JSValueRef *exception);
extern JSObjectRef JSObjectMakeFunctionWithCallback (JSContextRef ctx, JSStringRef name,
                                                     JSObjectCallAsFunctionCallback cb);

extern JSValueRef JSValueMakeUndefined (JSContextRef ctx);
extern JSValueRef JSValueMakeNull (JSContextRef ctx);
extern JSValueRef JSValueMakeBoolean (JSContextRef ctx, bool value);
extern JSValueRef JSValueMakeNumber (JSContextRef ctx, double number);
extern JSValueRef JSValueMakeString (JSContextRef ctx, JSStringRef string);
extern bool JSValueIsObject (JSContextRef ctx, JSValueRef value);
extern bool JSValueIsString (JSContextRef ctx, JSValueRef value);
extern bool JSValueIsNumber (JSContextRef ctx, JSValueRef value);
extern bool JSValueIsArray (JSContextRef ctx, JSValueRef value);
extern bool JSValueToBoolean (JSContextRef ctx, JSValueRef value);
extern double JSValueToNumber (JSContextRef ctx, JSValueRef value, JSValueRef *exception);
extern JSObjectRef JSValueToObject (JSContextRef ctx, JSValueRef value, JSValueRef *exception);
extern JSStringRef JSValueToStringCopy (JSContextRef ctx, JSValueRef value,
                                        JSValueRef *exception);
extern void JSValueProtect (JSContextRef ctx, JSValueRef value);
extern void JSValueUnprotect (JSContextRef ctx, JSValueRef value);

extern JSStringRef JSStringCreateWithUTF8CString (const char *string);
extern JSStringRef JSStringCreateWithCharacters (const JSChar *chars, size_t len);
extern size_t JSStringGetLength (JSStringRef string);
extern const JSChar *JSStringGetCharactersPtr (JSStringRef string);
extern size_t JSStringGetMaximumUTF8CStringSize (JSStringRef string);
extern size_t JSStringGetUTF8CString (JSStringRef string, char *buffer, size_t size);
extern void JSStringRelease (JSStringRef string);

/* A callable object that carries `data`: the C API's plain functions carry
 * none, so a binding's native functions are objects of one class whose call
 * hook finds the C callback and its data in the object's private slot. */
typedef JSValueRef (*anode_capi_fn) (JSContextRef ctx, void *data, size_t argc,
                                     const JSValueRef argv[], JSValueRef *exception);

/* Defines `name` on the GLib-API object `obj` as a native function calling
 * `fn` with `data` (borrowed; must outlive the context). */
void anode_capi_set_method (JSCValue *obj, const char *name, anode_capi_fn fn,
                            void *data);

/* A binding's table of native functions, all defined on `obj` with the
 * same `data`. */
typedef struct {
  const char *name;
  anode_capi_fn fn;
} anode_capi_method_t;
void anode_capi_set_methods (JSCValue *obj, const anode_capi_method_t *methods, size_t n,
                             void *data);

/* A JS string from `len` bytes of Latin-1 (as Node's 'latin1' decodes).
 * Caller owns the JSStringRef. */
JSStringRef anode_capi_latin1_string (const char *data, size_t len);

/* The bytes of JS string `value` in `encoding` (0 utf8, 1 latin1/binary,
 * 2 ascii), lone surrogates as U+FFFD in UTF-8. Appends to `out`; returns
 * FALSE if `value` is not a string. */
gboolean anode_capi_string_bytes (JSContextRef ctx, JSValueRef value, int encoding,
                                  GByteArray *out);

typedef struct anode_runtime anode_runtime_t;

/* Calls `fn(args...)` (at most 4) through the runtime's dispatch trampoline,
 * as every libuv callback must, then drains nextTicks. The result is
 * borrowed and may be NULL. */
JSValueRef anode_capi_callback (anode_runtime_t *rt, JSObjectRef fn, size_t argc,
                                const JSValueRef argv[]);

/* Number argument `i`, or `fallback` when missing. */
static inline double
anode_capi_arg_number (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                       size_t i, double fallback)
{
  return i < argc ? JSValueToNumber (ctx, argv[i], NULL) : fallback;
}

/* String argument `i` as a newly allocated UTF-8 string, NULL when missing
 * or not a string. Caller frees (g_free). */
char *anode_capi_arg_utf8 (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                           size_t i);

G_END_DECLS
