/* A small JSON reader for C code that cannot use the JS engine (asar
 * headers parsed before JS runs, or off the main thread). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ANODE_JSON_NULL,
  ANODE_JSON_BOOL,
  ANODE_JSON_NUMBER,
  ANODE_JSON_STRING,
  ANODE_JSON_ARRAY,
  ANODE_JSON_OBJECT,
} anode_json_type_t;

typedef struct anode_json anode_json_t;

struct anode_json {
  anode_json_type_t type;
  gboolean boolean;
  double number;
  char *string;      /* NUL-terminated; may hold NULs (see `len`) */
  gsize len;         /* string length in bytes */
  guint n;           /* array items or object members */
  anode_json_t **items;
  char **keys;       /* object member names, in document order */
};

/* Parses `len` bytes of UTF-8 JSON. Nesting deeper than `max_depth` is an
 * error, and so is a member name holding NUL. Returns the document (free
 * with anode_json_free) or NULL with a GError (G_IO_ERROR_INVALID_DATA)
 * naming the byte offset of the problem. */
anode_json_t *anode_json_parse (const char *text, gsize len, guint max_depth,
                                GError **error);

void anode_json_free (anode_json_t *json);

/* Member `key` of an object, or NULL (borrowed). Linear: for small objects. */
anode_json_t *anode_json_get (const anode_json_t *object, const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (anode_json_t, anode_json_free)

G_END_DECLS
