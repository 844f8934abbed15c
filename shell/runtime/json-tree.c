/* A small JSON reader (RFC 8259) producing a tree: for asar headers, read
 * by C before or outside the JS context. Strict: no trailing commas, no
 * comments, UTF-8 only, bounded nesting. */
#include "json-tree.h"

#include <gio/gio.h>
#include <string.h>

typedef struct {
  const char *s;
  gsize len;
  gsize pos;
  guint depth;
  guint max_depth;
  GError **error;
} parser_t;

static anode_json_t *parse_value (parser_t *p);

static gboolean
fail (parser_t *p, const char *what)
{
  if (p->error != NULL && *p->error == NULL)
    g_set_error (p->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s at byte %" G_GSIZE_FORMAT, what, p->pos);
  return FALSE;
}

static void
skip_space (parser_t *p)
{
  while (p->pos < p->len) {
    char c = p->s[p->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
    p->pos++;
  }
}

static gboolean
expect_word (parser_t *p, const char *word)
{
  gsize n = strlen (word);
  if (p->len - p->pos < n || memcmp (p->s + p->pos, word, n) != 0)
    return fail (p, "unexpected token");
  p->pos += n;
  return TRUE;
}

static int
hex4 (parser_t *p)
{
  if (p->len - p->pos < 4)
    return -1;
  int v = 0;
  for (int i = 0; i < 4; i++) {
    int d = g_ascii_xdigit_value (p->s[p->pos + i]);
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  p->pos += 4;
  return v;
}

/* After the opening quote; leaves pos after the closing one. */
static char *
parse_string (parser_t *p, gsize *out_len)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (;;) {
    if (p->pos >= p->len) {
      fail (p, "unterminated string");
      return NULL;
    }
    guchar c = (guchar) p->s[p->pos];
    if (c == '"') {
      p->pos++;
      break;
    }
    if (c < 0x20) {
      fail (p, "control character in string");
      return NULL;
    }
    if (c != '\\') {
      /* Copy a run of plain bytes at once. */
      gsize start = p->pos;
      while (p->pos < p->len && p->s[p->pos] != '"' && p->s[p->pos] != '\\' &&
             (guchar) p->s[p->pos] >= 0x20)
        p->pos++;
      g_string_append_len (s, p->s + start, p->pos - start);
      continue;
    }
    p->pos++;
    if (p->pos >= p->len) {
      fail (p, "unterminated escape");
      return NULL;
    }
    char e = p->s[p->pos++];
    switch (e) {
    case '"': g_string_append_c (s, '"'); break;
    case '\\': g_string_append_c (s, '\\'); break;
    case '/': g_string_append_c (s, '/'); break;
    case 'b': g_string_append_c (s, '\b'); break;
    case 'f': g_string_append_c (s, '\f'); break;
    case 'n': g_string_append_c (s, '\n'); break;
    case 'r': g_string_append_c (s, '\r'); break;
    case 't': g_string_append_c (s, '\t'); break;
    case 'u': {
      int u = hex4 (p);
      if (u < 0) {
        fail (p, "bad \\u escape");
        return NULL;
      }
      gunichar ch = (gunichar) u;
      if (u >= 0xD800 && u <= 0xDBFF && p->len - p->pos >= 6 &&
          p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
        gsize save = p->pos;
        p->pos += 2;
        int lo = hex4 (p);
        if (lo >= 0xDC00 && lo <= 0xDFFF)
          ch = 0x10000 + (((gunichar) u - 0xD800) << 10) + ((gunichar) lo - 0xDC00);
        else
          p->pos = save;
      }
      if (ch >= 0xD800 && ch <= 0xDFFF)
        ch = 0xFFFD; /* a lone surrogate has no UTF-8 form */
      g_string_append_unichar (s, ch);
      break;
    }
    default:
      p->pos--;
      fail (p, "bad escape in string");
      return NULL;
    }
  }
  *out_len = s->len;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
parse_number (parser_t *p, double *out)
{
  gsize start = p->pos;
  if (p->pos < p->len && p->s[p->pos] == '-')
    p->pos++;
  if (p->pos >= p->len || !g_ascii_isdigit (p->s[p->pos]))
    return fail (p, "bad number");
  if (p->s[p->pos] == '0')
    p->pos++;
  else
    while (p->pos < p->len && g_ascii_isdigit (p->s[p->pos]))
      p->pos++;
  if (p->pos < p->len && p->s[p->pos] == '.') {
    p->pos++;
    if (p->pos >= p->len || !g_ascii_isdigit (p->s[p->pos]))
      return fail (p, "bad number");
    while (p->pos < p->len && g_ascii_isdigit (p->s[p->pos]))
      p->pos++;
  }
  if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
    p->pos++;
    if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
      p->pos++;
    if (p->pos >= p->len || !g_ascii_isdigit (p->s[p->pos]))
      return fail (p, "bad number");
    while (p->pos < p->len && g_ascii_isdigit (p->s[p->pos]))
      p->pos++;
  }
  g_autofree char *tok = g_strndup (p->s + start, p->pos - start);
  *out = g_ascii_strtod (tok, NULL);
  return TRUE;
}

static anode_json_t *
parse_container (parser_t *p, gboolean object)
{
  if (++p->depth > p->max_depth) {
    fail (p, "nesting too deep");
    return NULL;
  }
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) anode_json_free);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  char close = object ? '}' : ']';
  p->pos++; /* the opening bracket */
  skip_space (p);
  if (p->pos < p->len && p->s[p->pos] == close) {
    p->pos++;
  } else {
    for (;;) {
      skip_space (p);
      if (object) {
        if (p->pos >= p->len || p->s[p->pos] != '"') {
          fail (p, "expected a member name");
          return NULL;
        }
        p->pos++;
        gsize klen;
        char *key = parse_string (p, &klen);
        if (key == NULL)
          return NULL;
        if (strlen (key) != klen) {
          g_free (key);
          fail (p, "NUL in a member name");
          return NULL;
        }
        g_ptr_array_add (keys, key);
        skip_space (p);
        if (p->pos >= p->len || p->s[p->pos] != ':') {
          fail (p, "expected ':'");
          return NULL;
        }
        p->pos++;
      }
      anode_json_t *v = parse_value (p);
      if (v == NULL)
        return NULL;
      g_ptr_array_add (items, v);
      skip_space (p);
      if (p->pos < p->len && p->s[p->pos] == ',') {
        p->pos++;
        continue;
      }
      if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        break;
      }
      fail (p, object ? "expected ',' or '}'" : "expected ',' or ']'");
      return NULL;
    }
  }
  p->depth--;
  anode_json_t *j = g_new0 (anode_json_t, 1);
  j->type = object ? ANODE_JSON_OBJECT : ANODE_JSON_ARRAY;
  j->n = items->len;
  j->items = (anode_json_t **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
  if (object)
    j->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  return j;
}

static anode_json_t *
parse_value (parser_t *p)
{
  skip_space (p);
  if (p->pos >= p->len) {
    fail (p, "unexpected end of JSON");
    return NULL;
  }
  char c = p->s[p->pos];
  if (c == '{' || c == '[')
    return parse_container (p, c == '{');
  anode_json_t *j = g_new0 (anode_json_t, 1);
  gboolean ok;
  if (c == '"') {
    p->pos++;
    j->type = ANODE_JSON_STRING;
    j->string = parse_string (p, &j->len);
    ok = j->string != NULL;
  } else if (c == 't' || c == 'f') {
    j->type = ANODE_JSON_BOOL;
    j->boolean = c == 't';
    ok = expect_word (p, c == 't' ? "true" : "false");
  } else if (c == 'n') {
    j->type = ANODE_JSON_NULL;
    ok = expect_word (p, "null");
  } else {
    j->type = ANODE_JSON_NUMBER;
    ok = parse_number (p, &j->number);
  }
  if (!ok) {
    anode_json_free (j);
    return NULL;
  }
  return j;
}

anode_json_t *
anode_json_parse (const char *text, gsize len, guint max_depth, GError **error)
{
  parser_t p = { .s = text, .len = len, .max_depth = max_depth, .error = error };
  const char *bad = NULL;
  if (!g_utf8_validate_len (text, len, &bad)) {
    p.pos = (gsize) (bad - text);
    fail (&p, "invalid UTF-8");
    return NULL;
  }
  anode_json_t *j = parse_value (&p);
  if (j == NULL)
    return NULL;
  skip_space (&p);
  if (p.pos != p.len) {
    fail (&p, "unexpected data after JSON");
    anode_json_free (j);
    return NULL;
  }
  return j;
}

void
anode_json_free (anode_json_t *json)
{
  if (json == NULL)
    return;
  for (guint i = 0; i < json->n; i++) {
    anode_json_free (json->items[i]);
    if (json->keys != NULL)
      g_free (json->keys[i]);
  }
  g_free (json->items);
  g_free (json->keys);
  g_free (json->string);
  g_free (json);
}

anode_json_t *
anode_json_get (const anode_json_t *object, const char *key)
{
  if (object == NULL || object->type != ANODE_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->n; i++)
    if (strcmp (object->keys[i], key) == 0)
      return object->items[i];
  return NULL;
}
