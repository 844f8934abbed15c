/* The ES module source transform of binding-esm.c, for its unit test. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rewrites module source `src` into the text of a generator function
 * `(function* (__anode$m) {...})` (async when the module uses top-level
 * await, or when `force_async`) that keeps every original line on its line.
 * `*meta` receives JSON describing the module's requests, imports and
 * exports (see binding-esm.c). Returns NULL with `*error_line` set and
 * `*error` a message on a syntax error. */
char *anode_esm_transform (const char *src, gsize len, gboolean force_async,
                           char **meta, char **error, int *error_line);

/* The export names a CommonJS source assigns, as JSON
 * {"exports":[...],"reexports":[...]}; NULL if it does not tokenize. */
char *anode_esm_cjs_exports (const char *src, gsize len);

/* `src` with each dynamic `import(` renamed to `helper(`, or NULL when the
 * source has none (or does not tokenize). */
char *anode_esm_rewrite_dynamic_import (const char *src, gsize len,
                                        const char *helper);

G_END_DECLS
