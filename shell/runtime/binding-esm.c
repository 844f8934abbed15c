/* ES modules: JavaScriptCore's GLib API has no module loader, so module
 * source is tokenized here and rewritten into a generator function that the
 * JS loader (internal/modules/esm) links and runs; CommonJS sources are
 * scanned for the export names `import` gives them. */
#include <stdio.h>
#include <string.h>

#include "anode-runtime.h"
#include "esm-transform.h"
#include "js-util.h"

/* ---- tokens ------------------------------------------------------------ */

enum { T_NAME = 1, T_PUNCT, T_STRING, T_NUMBER, T_TEMPLATE, T_REGEX, T_PRIVATE };

/* What a bracket opens (set on both brackets), what a ':' is, and whether a
 * `function`/`class` keyword is a declaration or an expression. */
enum {
  K_NONE = 0,
  K_MODULE,
  K_BLOCK,
  K_SWITCH,
  K_STATIC,       /* class static block */
  K_FUNC_DECL,    /* body of a function declaration */
  K_FUNC_EXPR,    /* body of a function expression */
  K_METHOD,       /* body of a method */
  K_ARROW,        /* braced arrow body */
  K_OBJECT,       /* object literal or pattern, import/export clause */
  K_CLASS_DECL,
  K_CLASS_EXPR,
  K_TEMPLATE,     /* ${ ... } */
  K_PAREN,
  K_CONTROL,      /* if/for/while/with/switch/catch (...) */
  K_PARAMS,       /* function or method parameters */
  K_ARROW_PARAMS, /* (...) => */
  K_BRACKET,
  K_KEY_BRACKET,  /* computed property key */
  K_ARROW_EXPR,   /* pseudo-context: an arrow's expression body */
  K_COLON_TERNARY,
  K_COLON_KEY,
  K_COLON_CASE,
  K_COLON_LABEL,
};

enum {
  F_NL = 1 << 0,       /* a line terminator comes before the token */
  F_KEY = 1 << 1,      /* property name in an object literal or class body */
  F_PROP = 1 << 2,     /* name after . or ?. */
  F_SHORT = 1 << 3,    /* shorthand property { x } */
  F_KEYCAND = 1 << 4,  /* object key position, role decided by what follows */
  F_BIND = 1 << 5,     /* binding identifier */
  F_ARROWP = 1 << 6,   /* the parameter of `x => ...` */
  F_TPL_OPEN = 1 << 7, /* template part ending in ${ */
  F_SKIP = 1 << 8,     /* inside an import/export statement that is removed */
  F_EXPORTED = 1 << 9, /* declaration keyword after `export` */
  F_EXPORT_DEFAULT = 1 << 10, /* function/class after `export default` */
  F_EXPRWORD = 1 << 11, /* a keyword after which an expression starts */
};

typedef struct {
  guint32 start, end;
  guint32 line;
  gint32 match;  /* brackets: the other one; '=>': first token after an
                    expression body; template part: its continuation */
  gint32 parent; /* innermost enclosing opener, -1 at top level */
  gint32 aux;    /* CONTROL '(': its keyword; PARAMS '(': body kind */
  guint16 flags;
  guint8 type;
  guint8 kind;
} tok_t;

typedef struct {
  gint32 tok; /* opener (or '=>' for K_ARROW_EXPR), -1 for the module */
  guint8 kind;
  guint8 keypos;       /* object/class: a name here is a key */
  guint8 case_pending; /* switch: a `case`/`default` waits for its ':' */
  gint32 ternary;
  gint32 pending_func;  /* `function` waiting for its '(' */
  gint32 pending_class; /* `class` waiting for its '{' */
} ctx_t;

typedef struct {
  const char *src;
  gsize len;
  gsize pos;
  guint32 line;
  GArray *toks;
  GArray *stack;
  int func_depth;
  gboolean has_tla;
  char *error;
  guint32 error_line;
  tok_t eof; /* what reads past either end see */
} lexer_t;

static inline tok_t *
tok_at (lexer_t *L, gint32 i)
{
  if (i < 0 || (guint) i >= L->toks->len) {
    L->eof = (tok_t) { .start = (guint32) L->len, .end = (guint32) L->len, .match = -1, .parent = -1,
                       .aux = -1 };
    return &L->eof;
  }
  return &g_array_index (L->toks, tok_t, i);
}

#define TOK(L, i) tok_at ((L), (i))
#define NTOK(L) ((gint32) (L)->toks->len)
#define TOP(L) (&g_array_index ((L)->stack, ctx_t, (L)->stack->len - 1))

/* Inlined so that strlen and memcmp of the literal fold to a compare. */
static inline __attribute__ ((always_inline)) gboolean
tok_is (lexer_t *L, gint32 i, const char *s)
{
  if (i < 0 || i >= NTOK (L))
    return FALSE;
  tok_t *t = TOK (L, i);
  gsize n = strlen (s);
  return t->end - t->start == n && L->src[t->start] == s[0] &&
         memcmp (L->src + t->start, s, n) == 0;
}

static inline __attribute__ ((always_inline)) gboolean
tok_punct (lexer_t *L, gint32 i, const char *s)
{
  return i >= 0 && i < NTOK (L) && TOK (L, i)->type == T_PUNCT && tok_is (L, i, s);
}

/* A name used as a keyword: not a property name or key. */
static inline __attribute__ ((always_inline)) gboolean
tok_kw (lexer_t *L, gint32 i, const char *s)
{
  return i >= 0 && i < NTOK (L) && TOK (L, i)->type == T_NAME &&
         !(TOK (L, i)->flags & (F_PROP | F_KEY | F_KEYCAND | F_SHORT)) && tok_is (L, i, s);
}

static gboolean
tok_in (lexer_t *L, gint32 i, const char *const *words)
{
  if (i < 0 || i >= NTOK (L))
    return FALSE;
  tok_t *t = TOK (L, i);
  const char *p = L->src + t->start;
  gsize n = t->end - t->start;
  for (; *words; words++)
    if ((*words)[0] == p[0] && strlen (*words) == n && memcmp (p, *words, n) == 0)
      return TRUE;
  return FALSE;
}

static void
lex_error (lexer_t *L, guint32 line, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
lex_error (lexer_t *L, guint32 line, const char *fmt, ...)
{
  if (L->error != NULL)
    return;
  va_list ap;
  va_start (ap, fmt);
  L->error = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  L->error_line = line;
}

static char *
tok_text (lexer_t *L, gint32 i)
{
  tok_t *t = TOK (L, i);
  return g_strndup (L->src + t->start, t->end - t->start);
}

/* ---- characters -------------------------------------------------------- */

/* Length of a Unicode space or line terminator at p (UTF-8), else 0. */
static int
unicode_space (const unsigned char *p, gsize left, gboolean *newline)
{
  *newline = FALSE;
  if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
    return 2;
  if (left >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return 3;
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80) {
    if (p[2] == 0xA8 || p[2] == 0xA9) {
      *newline = TRUE;
      return 3;
    }
    if ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF)
      return 3;
  }
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
    return 3;
  if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
    return 3;
  if (left >= 3 && p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80)
    return 3;
  return 0;
}

static gboolean
ident_start (lexer_t *L, gsize p)
{
  unsigned char c = L->src[p];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' || c == '\\')
    return TRUE;
  if (c >= 0x80) {
    gboolean nl;
    return unicode_space ((const unsigned char *) L->src + p, L->len - p, &nl) == 0;
  }
  return FALSE;
}

static gboolean
ident_part (lexer_t *L, gsize p)
{
  unsigned char c = L->src[p];
  return ident_start (L, p) || (c >= '0' && c <= '9');
}

static void
scan_ident (lexer_t *L)
{
  while (L->pos < L->len && ident_part (L, L->pos)) {
    if (L->src[L->pos] == '\\') {
      L->pos++;
      if (L->pos < L->len && L->src[L->pos] == 'u') {
        L->pos++;
        if (L->pos < L->len && L->src[L->pos] == '{') {
          while (L->pos < L->len && L->src[L->pos] != '}')
            L->pos++;
          if (L->pos < L->len)
            L->pos++;
        } else {
          for (int k = 0; k < 4 && L->pos < L->len && g_ascii_isxdigit (L->src[L->pos]); k++)
            L->pos++;
        }
      }
      continue;
    }
    L->pos++;
  }
}

/* Skips whitespace and comments; returns whether a line terminator was
 * crossed. */
static gboolean
skip_space (lexer_t *L)
{
  gboolean nl = FALSE;
  while (L->pos < L->len) {
    unsigned char c = L->src[L->pos];
    if (c == '\n') {
      nl = TRUE;
      L->line++;
      L->pos++;
    } else if (c == '\r') {
      nl = TRUE;
      L->line++;
      L->pos++;
      if (L->pos < L->len && L->src[L->pos] == '\n')
        L->pos++;
    } else if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
      L->pos++;
    } else if (c == '/' && L->pos + 1 < L->len && L->src[L->pos + 1] == '/') {
      while (L->pos < L->len && L->src[L->pos] != '\n' && L->src[L->pos] != '\r') {
        gboolean ul;
        if ((unsigned char) L->src[L->pos] >= 0x80 &&
            unicode_space ((const unsigned char *) L->src + L->pos, L->len - L->pos, &ul) && ul)
          break;
        L->pos++;
      }
    } else if (c == '/' && L->pos + 1 < L->len && L->src[L->pos + 1] == '*') {
      guint32 start_line = L->line;
      L->pos += 2;
      for (;;) {
        if (L->pos + 1 >= L->len) {
          L->pos = L->len;
          lex_error (L, start_line, "Unterminated comment");
          return nl;
        }
        if (L->src[L->pos] == '*' && L->src[L->pos + 1] == '/') {
          L->pos += 2;
          break;
        }
        if (L->src[L->pos] == '\n') {
          nl = TRUE;
          L->line++;
        } else if (L->src[L->pos] == '\r') {
          nl = TRUE;
          L->line++;
          if (L->src[L->pos + 1] == '\n')
            L->pos++;
        } else if ((unsigned char) L->src[L->pos] == 0xE2) {
          gboolean ul;
          int n = unicode_space ((const unsigned char *) L->src + L->pos, L->len - L->pos, &ul);
          if (n > 0 && ul) {
            nl = TRUE;
            L->line++;
            L->pos += n - 1;
          }
        }
        L->pos++;
      }
    } else if (c >= 0x80) {
      gboolean ul;
      int n = unicode_space ((const unsigned char *) L->src + L->pos, L->len - L->pos, &ul);
      if (n == 0)
        break;
      if (ul) {
        nl = TRUE;
        L->line++;
      }
      L->pos += n;
    } else {
      break;
    }
  }
  return nl;
}

/* A line terminator inside a string or template at pos: its length. */
static int
line_terminator (lexer_t *L, gsize p)
{
  unsigned char c = L->src[p];
  if (c == '\n')
    return 1;
  if (c == '\r')
    return p + 1 < L->len && L->src[p + 1] == '\n' ? 2 : 1;
  if (c == 0xE2) {
    gboolean ul;
    int n = unicode_space ((const unsigned char *) L->src + p, L->len - p, &ul);
    if (n > 0 && ul)
      return n;
  }
  return 0;
}

static void
scan_string (lexer_t *L, char quote)
{
  guint32 start_line = L->line;
  L->pos++;
  while (L->pos < L->len) {
    char c = L->src[L->pos];
    if (c == quote) {
      L->pos++;
      return;
    }
    if (c == '\\') {
      L->pos++;
      if (L->pos < L->len) {
        int n = line_terminator (L, L->pos);
        if (n > 0) {
          L->line++;
          L->pos += n;
        } else {
          L->pos++;
        }
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      lex_error (L, start_line, "Unterminated string literal");
      return;
    }
    L->pos++;
  }
  lex_error (L, start_line, "Unterminated string literal");
}

/* From just after ` or }: up to and including ` or ${. */
static void
scan_template (lexer_t *L, tok_t *t)
{
  guint32 start_line = L->line;
  while (L->pos < L->len) {
    char c = L->src[L->pos];
    if (c == '`') {
      L->pos++;
      return;
    }
    if (c == '\\') {
      L->pos++;
      if (L->pos < L->len) {
        int n = line_terminator (L, L->pos);
        if (n > 0) {
          L->line++;
          L->pos += n;
        } else {
          L->pos++;
        }
      }
      continue;
    }
    if (c == '$' && L->pos + 1 < L->len && L->src[L->pos + 1] == '{') {
      L->pos += 2;
      t->flags |= F_TPL_OPEN;
      return;
    }
    int n = line_terminator (L, L->pos);
    if (n > 0) {
      L->line++;
      L->pos += n;
      continue;
    }
    L->pos++;
  }
  lex_error (L, start_line, "Unterminated template literal");
}

static void
scan_regex (lexer_t *L)
{
  guint32 start_line = L->line;
  gboolean in_class = FALSE;
  L->pos++;
  while (L->pos < L->len) {
    char c = L->src[L->pos];
    if (c == '\\') {
      L->pos += 2;
      continue;
    }
    if (c == '\n' || c == '\r')
      break;
    if (c == '[')
      in_class = TRUE;
    else if (c == ']')
      in_class = FALSE;
    else if (c == '/' && !in_class) {
      L->pos++;
      while (L->pos < L->len && ident_part (L, L->pos))
        L->pos++;
      return;
    }
    L->pos++;
  }
  if (L->pos > L->len)
    L->pos = L->len;
  lex_error (L, start_line, "Invalid regular expression: missing /");
}

static void
scan_number (lexer_t *L)
{
  const char *s = L->src;
  if (s[L->pos] == '0' && L->pos + 1 < L->len && strchr ("xXoObB", s[L->pos + 1]) != NULL) {
    L->pos += 2;
    while (L->pos < L->len && (g_ascii_isalnum (s[L->pos]) || s[L->pos] == '_'))
      L->pos++;
    return;
  }
  while (L->pos < L->len && (g_ascii_isdigit (s[L->pos]) || s[L->pos] == '_'))
    L->pos++;
  if (L->pos < L->len && s[L->pos] == '.') {
    L->pos++;
    while (L->pos < L->len && (g_ascii_isdigit (s[L->pos]) || s[L->pos] == '_'))
      L->pos++;
  }
  if (L->pos < L->len && (s[L->pos] == 'e' || s[L->pos] == 'E')) {
    gsize p = L->pos + 1;
    if (p < L->len && (s[p] == '+' || s[p] == '-'))
      p++;
    if (p < L->len && g_ascii_isdigit (s[p])) {
      L->pos = p;
      while (L->pos < L->len && (g_ascii_isdigit (s[L->pos]) || s[L->pos] == '_'))
        L->pos++;
    }
  }
  while (L->pos < L->len && ident_part (L, L->pos))
    L->pos++;
}

static const char *const puncts[] = {
  ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=",
  "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=",
  "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", NULL,
};

static void
scan_punct (lexer_t *L)
{
  for (int i = 0; puncts[i]; i++) {
    const char *p = puncts[i];
    if (p[0] != L->src[L->pos])
      continue;
    gsize n = p[1] == 0 ? 1 : p[2] == 0 ? 2 : p[3] == 0 ? 3 : 4;
    if (L->pos + n <= L->len && memcmp (L->src + L->pos, p, n) == 0) {
      /* a?.5:b is a conditional, not optional chaining */
      if (n == 2 && p[0] == '?' && p[1] == '.' && L->pos + 2 < L->len &&
          g_ascii_isdigit (L->src[L->pos + 2]))
        continue;
      L->pos += n;
      return;
    }
  }
  L->pos++;
}

/* ---- context classification --------------------------------------------- */

static const char *const expr_keywords[] = {
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
  "case", "do", "else", "yield", "await", "extends", NULL,
};

static gboolean
is_expr_keyword (lexer_t *L, gint32 i)
{
  tok_t *t = TOK (L, i);
  return (t->flags & (F_EXPRWORD | F_PROP | F_KEY | F_KEYCAND | F_SHORT)) == F_EXPRWORD;
}

/* Does the token end an operand (so a newline after it may end a statement)? */
static gboolean
ends_expr (lexer_t *L, gint32 i)
{
  if (i < 0)
    return FALSE;
  tok_t *t = TOK (L, i);
  switch (t->type) {
  case T_NAME:
    return !is_expr_keyword (L, i);
  case T_NUMBER:
  case T_STRING:
  case T_REGEX:
  case T_PRIVATE:
    return TRUE;
  case T_TEMPLATE:
    return !(t->flags & F_TPL_OPEN);
  case T_PUNCT:
    return tok_is (L, i, ")") || tok_is (L, i, "]") || tok_is (L, i, "}") ||
           tok_is (L, i, "++") || tok_is (L, i, "--");
  }
  return FALSE;
}

/* Can the token continue the expression of the previous line? */
static gboolean
continues (lexer_t *L, gint32 i)
{
  tok_t *t = TOK (L, i);
  if (t->type == T_PUNCT)
    return !(tok_is (L, i, "{") || tok_is (L, i, "!") || tok_is (L, i, "~") ||
             tok_is (L, i, "++") || tok_is (L, i, "--") || tok_is (L, i, "...") ||
             tok_is (L, i, "#"));
  if (t->type == T_TEMPLATE)
    return TRUE;
  if (t->type == T_NAME)
    return tok_is (L, i, "in") || tok_is (L, i, "instanceof");
  return FALSE;
}

static gboolean
is_statement_ctx (guint8 kind)
{
  switch (kind) {
  case K_MODULE:
  case K_BLOCK:
  case K_SWITCH:
  case K_STATIC:
  case K_FUNC_DECL:
  case K_FUNC_EXPR:
  case K_METHOD:
  case K_ARROW:
    return TRUE;
  }
  return FALSE;
}

static gboolean
is_function_kind (guint8 kind)
{
  return kind == K_FUNC_DECL || kind == K_FUNC_EXPR || kind == K_METHOD || kind == K_ARROW ||
         kind == K_STATIC || kind == K_PARAMS || kind == K_CLASS_DECL || kind == K_CLASS_EXPR ||
         kind == K_ARROW_EXPR;
}

/* Would a statement start after token j (the token before the candidate)?
 * `nl`: a newline comes between. */
static gboolean
statement_start (lexer_t *L, gint32 j, gboolean nl)
{
  ctx_t *c = TOP (L);
  if (!is_statement_ctx (c->kind))
    return FALSE;
  if (j < 0)
    return TRUE;
  tok_t *p = TOK (L, j);
  if (p->type == T_PUNCT) {
    if (tok_is (L, j, ";") || tok_is (L, j, "{"))
      return TRUE;
    if (tok_is (L, j, "}"))
      return p->kind == K_BLOCK || p->kind == K_SWITCH || p->kind == K_STATIC ||
             p->kind == K_FUNC_DECL || p->kind == K_CLASS_DECL || nl;
    if (tok_is (L, j, ")"))
      return TOK (L, p->match)->kind == K_CONTROL || nl;
    if (tok_is (L, j, ":"))
      return p->kind == K_COLON_LABEL || p->kind == K_COLON_CASE;
    if (tok_is (L, j, "]") || tok_is (L, j, "++") || tok_is (L, j, "--"))
      return nl;
    return FALSE;
  }
  if (p->type == T_NAME && !(p->flags & (F_PROP | F_KEY))) {
    if (tok_is (L, j, "else") || tok_is (L, j, "do") || tok_is (L, j, "export"))
      return TRUE;
    if (tok_is (L, j, "default") && tok_kw (L, j - 1, "export"))
      return TRUE;
    if (is_expr_keyword (L, j))
      return nl && (tok_is (L, j, "return") || tok_is (L, j, "yield"));
    return nl;
  }
  return ends_expr (L, j) && nl;
}

static gboolean
regex_allowed (lexer_t *L)
{
  gint32 j = NTOK (L) - 1;
  if (j < 0)
    return TRUE;
  tok_t *p = TOK (L, j);
  switch (p->type) {
  case T_PUNCT:
    if (tok_is (L, j, ")"))
      return TOK (L, p->match)->kind == K_CONTROL;
    if (tok_is (L, j, "]") || tok_is (L, j, "++") || tok_is (L, j, "--"))
      return FALSE;
    if (tok_is (L, j, "}"))
      return p->kind == K_BLOCK || p->kind == K_SWITCH || p->kind == K_STATIC ||
             p->kind == K_FUNC_DECL || p->kind == K_CLASS_DECL;
    return TRUE;
  case T_NAME:
    return is_expr_keyword (L, j);
  case T_TEMPLATE:
    return (p->flags & F_TPL_OPEN) != 0;
  }
  return FALSE;
}

static void
push_ctx (lexer_t *L, gint32 tok, guint8 kind)
{
  ctx_t c = { .tok = tok, .kind = kind, .pending_func = -1, .pending_class = -1 };
  if (kind == K_OBJECT || kind == K_CLASS_DECL || kind == K_CLASS_EXPR)
    c.keypos = 1;
  g_array_append_val (L->stack, c);
  if (is_function_kind (kind))
    L->func_depth++;
}

static void
pop_ctx (lexer_t *L)
{
  ctx_t *c = TOP (L);
  if (is_function_kind (c->kind))
    L->func_depth--;
  g_array_set_size (L->stack, L->stack->len - 1);
}

/* Ends arrow expression bodies that token i closes. */
static void
end_arrow_bodies (lexer_t *L, gint32 i)
{
  tok_t *t = TOK (L, i);
  for (;;) {
    ctx_t *c = TOP (L);
    if (c->kind != K_ARROW_EXPR)
      return;
    gboolean end = FALSE;
    if (t->type == T_PUNCT) {
      if (tok_is (L, i, ",") || tok_is (L, i, ";") || tok_is (L, i, ")") ||
          tok_is (L, i, "]") || tok_is (L, i, "}"))
        end = TRUE;
      else if (tok_is (L, i, ":") && c->ternary == 0)
        end = TRUE;
    }
    if (!end && t->type == T_TEMPLATE && TOK (L, i)->start > 0 && L->src[t->start] == '}')
      end = TRUE;
    if (!end && (t->flags & F_NL) && ends_expr (L, i - 1) && !continues (L, i))
      end = TRUE;
    if (!end)
      return;
    TOK (L, c->tok)->match = i;
    pop_ctx (L);
  }
}

static const char *const object_modifiers[] = { "get", "set", "async", NULL };
static const char *const class_modifiers[] = { "get", "set", "async", "static", "accessor", NULL };

static void
classify (lexer_t *L, gint32 i)
{
  tok_t *t = TOK (L, i);
  gint32 pi = i - 1;
  tok_t *prev = pi >= 0 ? TOK (L, pi) : NULL;

  /* An arrow's body that is not a block is an expression. */
  if (prev && tok_punct (L, pi, "=>") && !tok_punct (L, i, "{"))
    push_ctx (L, pi, K_ARROW_EXPR);
  end_arrow_bodies (L, i);

  ctx_t *c = TOP (L);
  t->parent = c->tok;
  if (c->kind == K_ARROW_EXPR) {
    /* The arrow body's tokens belong to the arrow's bracket. */
    gint32 k = L->stack->len - 1;
    while (k > 0 && g_array_index (L->stack, ctx_t, k).kind == K_ARROW_EXPR)
      k--;
    t->parent = g_array_index (L->stack, ctx_t, k).tok;
  }

  /* Object keys: the token after decides what a key candidate was. */
  if (prev && (prev->flags & F_KEYCAND)) {
    if (tok_punct (L, i, ":") || tok_punct (L, i, "(")) {
      prev->flags = (prev->flags & ~F_KEYCAND) | F_KEY;
    } else if (tok_punct (L, i, ",") || tok_punct (L, i, "}") || tok_punct (L, i, "=")) {
      prev->flags = (prev->flags & ~F_KEYCAND) | F_SHORT;
    } else if (prev->type == T_NAME && tok_in (L, pi, object_modifiers)) {
      prev->flags = (prev->flags & ~F_KEYCAND) | F_KEY;
    } else {
      prev->flags &= ~F_KEYCAND;
    }
  }

  /* A class field without a semicolon: a new line starts the next member. */
  if ((c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR) && !c->keypos &&
      (t->flags & F_NL) && ends_expr (L, pi) && !continues (L, i))
    c->keypos = 1;

  switch (t->type) {
  case T_NAME:
  case T_PRIVATE:
  case T_STRING:
  case T_NUMBER:
    if (t->type == T_NAME && prev && (tok_punct (L, pi, ".") || tok_punct (L, pi, "?."))) {
      t->flags |= F_PROP;
      return;
    }
    if (c->kind == K_OBJECT && c->keypos) {
      t->flags |= F_KEYCAND;
      if (!(t->type == T_NAME && tok_in (L, i, object_modifiers)))
        c->keypos = 0;
      return;
    }
    if ((c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR) && c->keypos) {
      t->flags |= F_KEY;
      if (!(t->type == T_NAME && tok_in (L, i, class_modifiers)))
        c->keypos = 0;
      return;
    }
    if (t->type != T_NAME)
      return;
    if (tok_is (L, i, "function")) {
      gint32 before = tok_kw (L, pi, "async") ? pi - 1 : pi;
      gboolean nl = (TOK (L, before + 1)->flags & F_NL) != 0;
      t->kind = statement_start (L, before, nl) ? K_FUNC_DECL : K_FUNC_EXPR;
      c->pending_func = i;
    } else if (tok_is (L, i, "class")) {
      t->kind = statement_start (L, pi, (t->flags & F_NL) != 0) ? K_CLASS_DECL : K_CLASS_EXPR;
      c->pending_class = i;
    } else if (tok_is (L, i, "await")) {
      if (L->func_depth == 0)
        L->has_tla = TRUE;
    } else if (tok_is (L, i, "case") || tok_is (L, i, "default")) {
      if (c->kind == K_SWITCH)
        c->case_pending = 1;
    }
    return;

  case T_TEMPLATE:
    if (t->flags & F_TPL_OPEN)
      push_ctx (L, i, K_TEMPLATE);
    return;

  case T_REGEX:
    return;
  }

  /* punctuators */
  if (tok_is (L, i, "(")) {
    guint8 kind = K_PAREN;
    if (prev && prev->type == T_NAME && !(prev->flags & (F_PROP | F_KEY)) &&
        (tok_is (L, pi, "if") || tok_is (L, pi, "while") || tok_is (L, pi, "for") ||
         tok_is (L, pi, "with") || tok_is (L, pi, "switch") || tok_is (L, pi, "catch"))) {
      kind = K_CONTROL;
      t->aux = pi;
    } else if (tok_kw (L, pi, "await") && tok_kw (L, pi - 1, "for")) {
      kind = K_CONTROL;
      t->aux = pi - 1;
    } else if (c->pending_func >= 0) {
      kind = K_PARAMS;
      t->aux = TOK (L, c->pending_func)->kind;
      c->pending_func = -1;
    } else if (prev && ((prev->flags & F_KEY) ||
                        (tok_is (L, pi, "]") && TOK (L, prev->match)->kind == K_KEY_BRACKET))) {
      kind = K_PARAMS;
      t->aux = K_METHOD;
    }
    if (kind == K_PARAMS || c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR)
      c->keypos = 0;
    t->kind = kind;
    push_ctx (L, i, kind);
    return;
  }
  if (tok_is (L, i, "[")) {
    guint8 kind = K_BRACKET;
    if ((c->kind == K_OBJECT || c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR) && c->keypos) {
      kind = K_KEY_BRACKET;
      c->keypos = 0;
    }
    t->kind = kind;
    push_ctx (L, i, kind);
    return;
  }
  if (tok_is (L, i, "{")) {
    guint8 kind;
    if (prev && tok_is (L, pi, ")") && prev->type == T_PUNCT) {
      tok_t *o = TOK (L, prev->match);
      if (o->kind == K_CONTROL)
        kind = tok_is (L, o->aux, "switch") ? K_SWITCH : K_BLOCK;
      else if (o->kind == K_PARAMS)
        kind = (guint8) o->aux;
      else
        kind = statement_start (L, pi, (t->flags & F_NL) != 0) ? K_BLOCK : K_OBJECT;
    } else if (prev && tok_punct (L, pi, "=>")) {
      kind = K_ARROW;
    } else if (c->pending_class >= 0) {
      kind = TOK (L, c->pending_class)->kind;
      c->pending_class = -1;
    } else if ((c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR) && tok_is (L, pi, "static")) {
      kind = K_STATIC;
    } else if (tok_kw (L, pi, "else") || tok_kw (L, pi, "try") || tok_kw (L, pi, "finally") ||
               tok_kw (L, pi, "do")) {
      kind = K_BLOCK;
    } else if (tok_kw (L, pi, "export") || tok_kw (L, pi, "import") ||
               (tok_kw (L, pi, "default") && tok_kw (L, pi - 1, "export"))) {
      kind = K_OBJECT;
    } else {
      kind = statement_start (L, pi, (t->flags & F_NL) != 0) ? K_BLOCK : K_OBJECT;
    }
    t->kind = kind;
    push_ctx (L, i, kind);
    return;
  }
  if (tok_is (L, i, ")") || tok_is (L, i, "]") || tok_is (L, i, "}")) {
    char want = tok_is (L, i, ")") ? '(' : tok_is (L, i, "]") ? '[' : '{';
    if (c->tok < 0 || L->src[TOK (L, c->tok)->start] != want) {
      lex_error (L, t->line, "Unexpected token '%c'", L->src[t->start]);
      return;
    }
    tok_t *o = TOK (L, c->tok);
    o->match = i;
    t->match = c->tok;
    t->kind = o->kind;
    t->parent = o->parent;
    pop_ctx (L);
    ctx_t *c2 = TOP (L);
    if (want == '{' && (c2->kind == K_CLASS_DECL || c2->kind == K_CLASS_EXPR))
      c2->keypos = 1;
    return;
  }
  if (tok_is (L, i, "=>")) {
    if (prev && tok_is (L, pi, ")") && prev->type == T_PUNCT)
      TOK (L, prev->match)->kind = K_ARROW_PARAMS;
    else if (prev && prev->type == T_NAME)
      prev->flags |= F_ARROWP;
    t->match = -1;
    return;
  }
  if (tok_is (L, i, ",")) {
    if (c->kind == K_OBJECT)
      c->keypos = 1;
    return;
  }
  if (tok_is (L, i, ";")) {
    if (c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR)
      c->keypos = 1;
    return;
  }
  if (tok_is (L, i, "?")) {
    c->ternary++;
    return;
  }
  if (tok_is (L, i, ":")) {
    if (c->ternary > 0) {
      t->kind = K_COLON_TERNARY;
      c->ternary--;
    } else if (c->kind == K_OBJECT) {
      t->kind = K_COLON_KEY;
      c->keypos = 0; /* { set: value } */
    } else if (c->case_pending) {
      t->kind = K_COLON_CASE;
      c->case_pending = 0;
    } else {
      t->kind = K_COLON_LABEL;
    }
    return;
  }
  if (tok_is (L, i, "=")) {
    if (c->kind == K_CLASS_DECL || c->kind == K_CLASS_EXPR)
      c->keypos = 0; /* a field named get/set/static... */
    return;
  }
  if (tok_is (L, i, "...")) {
    if (c->kind == K_OBJECT)
      c->keypos = 0;
    return;
  }
}

/* Tokenizes the whole source; FALSE on a syntax error (L->error). */
static gboolean
lex (lexer_t *L)
{
  L->toks = g_array_sized_new (FALSE, TRUE, sizeof (tok_t), L->len / 4 + 16);
  L->stack = g_array_sized_new (FALSE, TRUE, sizeof (ctx_t), 32);
  L->line = 1;
  push_ctx (L, -1, K_MODULE);

  if (L->len >= 3 && memcmp (L->src, "\xEF\xBB\xBF", 3) == 0)
    L->pos = 3;
  if (L->pos + 1 < L->len && L->src[L->pos] == '#' && L->src[L->pos + 1] == '!') {
    while (L->pos < L->len && L->src[L->pos] != '\n' && L->src[L->pos] != '\r')
      L->pos++;
  }

  while (L->error == NULL) {
    gboolean nl = skip_space (L);
    if (L->pos >= L->len)
      break;
    tok_t t = { .start = L->pos, .line = L->line, .flags = nl ? F_NL : 0, .match = -1,
                .parent = -1, .aux = -1 };
    unsigned char c = L->src[L->pos];
    if (c == '}') {
      /* A closing brace may end arrow bodies and then resume a template. */
      gint32 depth = L->stack->len - 1;
      while (depth > 0 && g_array_index (L->stack, ctx_t, depth).kind == K_ARROW_EXPR)
        depth--;
      if (g_array_index (L->stack, ctx_t, depth).kind == K_TEMPLATE) {
        while (TOP (L)->kind == K_ARROW_EXPR) {
          TOK (L, TOP (L)->tok)->match = NTOK (L);
          pop_ctx (L);
        }
        gint32 head = TOP (L)->tok;
        pop_ctx (L);
        L->pos++;
        t.type = T_TEMPLATE;
        scan_template (L, &t);
        t.end = L->pos;
        t.parent = TOP (L)->tok;
        g_array_append_val (L->toks, t);
        TOK (L, head)->match = NTOK (L) - 1;
        if (t.flags & F_TPL_OPEN)
          push_ctx (L, NTOK (L) - 1, K_TEMPLATE);
        continue;
      }
    }
    if (ident_start (L, L->pos)) {
      t.type = T_NAME;
      scan_ident (L);
      t.end = L->pos;
      g_array_append_val (L->toks, t);
      if (tok_in (L, NTOK (L) - 1, expr_keywords))
        TOK (L, NTOK (L) - 1)->flags |= F_EXPRWORD;
      classify (L, NTOK (L) - 1);
      continue;
    } else if (g_ascii_isdigit (c) || (c == '.' && L->pos + 1 < L->len && g_ascii_isdigit (L->src[L->pos + 1]))) {
      t.type = T_NUMBER;
      scan_number (L);
    } else if (c == '"' || c == '\'') {
      t.type = T_STRING;
      scan_string (L, c);
    } else if (c == '`') {
      t.type = T_TEMPLATE;
      L->pos++;
      scan_template (L, &t);
    } else if (c == '#' && L->pos + 1 < L->len && ident_start (L, L->pos + 1)) {
      t.type = T_PRIVATE;
      L->pos++;
      scan_ident (L);
    } else if (c == '/' && regex_allowed (L)) {
      t.type = T_REGEX;
      scan_regex (L);
    } else {
      t.type = T_PUNCT;
      scan_punct (L);
    }
    t.end = L->pos;
    g_array_append_val (L->toks, t);
    classify (L, NTOK (L) - 1);
  }
  if (L->error != NULL)
    return FALSE;
  while (TOP (L)->kind == K_ARROW_EXPR) {
    TOK (L, TOP (L)->tok)->match = NTOK (L);
    pop_ctx (L);
  }
  if (L->stack->len > 1) {
    tok_t *o = TOK (L, TOP (L)->tok);
    lex_error (L, o->line, "Unexpected end of input");
    return FALSE;
  }
  return TRUE;
}

static void
lexer_clear (lexer_t *L)
{
  if (L->toks)
    g_array_unref (L->toks);
  if (L->stack)
    g_array_unref (L->stack);
  g_free (L->error);
}

/* ---- strings and JSON --------------------------------------------------- */

static void
append_utf8 (GString *out, gunichar c)
{
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  g_string_append_unichar (out, c);
}

/* The value of string literal token i, as UTF-8. */
static char *
string_value (lexer_t *L, gint32 i)
{
  tok_t *t = TOK (L, i);
  GString *out = g_string_sized_new (t->end - t->start);
  const char *s = L->src;
  gsize p = t->start + 1, end = t->end - 1;
  while (p < end) {
    char c = s[p];
    if (c != '\\') {
      g_string_append_c (out, c);
      p++;
      continue;
    }
    p++;
    if (p >= end)
      break;
    c = s[p++];
    switch (c) {
    case 'n': g_string_append_c (out, '\n'); break;
    case 't': g_string_append_c (out, '\t'); break;
    case 'r': g_string_append_c (out, '\r'); break;
    case 'b': g_string_append_c (out, '\b'); break;
    case 'f': g_string_append_c (out, '\f'); break;
    case 'v': g_string_append_c (out, '\v'); break;
    case '0': g_string_append_c (out, '\0'); break;
    case '\r':
      if (p < end && s[p] == '\n')
        p++;
      break;
    case '\n':
      break;
    case 'x':
      if (p + 2 <= end && g_ascii_isxdigit (s[p]) && g_ascii_isxdigit (s[p + 1])) {
        append_utf8 (out, g_ascii_xdigit_value (s[p]) * 16 + g_ascii_xdigit_value (s[p + 1]));
        p += 2;
      }
      break;
    case 'u': {
      gunichar v = 0;
      if (p < end && s[p] == '{') {
        p++;
        while (p < end && s[p] != '}')
          v = v * 16 + g_ascii_xdigit_value (s[p++]);
        p++;
      } else {
        for (int k = 0; k < 4 && p < end; k++)
          v = v * 16 + g_ascii_xdigit_value (s[p++]);
        /* a surrogate pair written as two escapes */
        if (v >= 0xD800 && v <= 0xDBFF && p + 6 <= end && s[p] == '\\' && s[p + 1] == 'u') {
          gunichar lo = 0;
          for (int k = 0; k < 4; k++)
            lo = lo * 16 + g_ascii_xdigit_value (s[p + 2 + k]);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
          }
        }
      }
      append_utf8 (out, v);
      break;
    }
    default:
      if ((unsigned char) c == 0xE2 && p + 1 < end && (unsigned char) s[p] == 0x80 &&
          ((unsigned char) s[p + 1] == 0xA8 || (unsigned char) s[p + 1] == 0xA9)) {
        p += 2; /* line continuation with U+2028/2029 */
        break;
      }
      g_string_append_c (out, c);
    }
  }
  return g_string_free (out, FALSE);
}

/* A module export/import name: an identifier or a string literal. */
static char *
name_value (lexer_t *L, gint32 i)
{
  return TOK (L, i)->type == T_STRING ? string_value (L, i) : tok_text (L, i);
}

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
    switch (*p) {
    case '"': g_string_append (out, "\\\""); break;
    case '\\': g_string_append (out, "\\\\"); break;
    case '\n': g_string_append (out, "\\n"); break;
    case '\r': g_string_append (out, "\\r"); break;
    case '\t': g_string_append (out, "\\t"); break;
    default:
      if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  }
  g_string_append_c (out, '"');
}

static gboolean
is_identifier_name (const char *s)
{
  if (!*s || g_ascii_isdigit (*s))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '$' || *p == '_' || (unsigned char) *p >= 0x80))
      return FALSE;
  return TRUE;
}

/* ---- the module transform ----------------------------------------------- */

typedef struct {
  char *specifier;
  char *attributes; /* JSON object text */
  guint32 line, column;
} request_t;

typedef struct {
  char *local;
  gsize local_len;
  char *imported; /* "*" for a namespace import */
  gint32 request;
  gint32 tok;
  guint32 line, column;
} import_t;

typedef struct {
  guint32 start, end;
  char *text;     /* NULL: blank the range, keeping its line breaks */
} edit_t;

typedef struct {
  gint32 parent;
  gboolean is_function;
  gint32 end; /* last token in the scope */
} scope_t;

typedef struct {
  gint32 scope;
  gint32 import;
} decl_t;

typedef struct {
  gint32 tok;
  gint32 scope;
  gint32 import;
} ref_t;

typedef struct {
  gint32 parent; /* the bracket the declaration statement is in */
  gint32 scope;
  gboolean exporting;
} declstate_t;

typedef struct {
  lexer_t *L;
  GPtrArray *requests;  /* request_t */
  GPtrArray *imports;   /* import_t */
  GPtrArray *local_exports;  /* exported, local, exported, local... */
  GString *indirect_exports; /* [exported, request, imported, line, column] */
  GString *star_exports;     /* request indices */
  GPtrArray *export_locals;  /* local names a `export {}` clause names, to check */
  GArray *export_local_toks; /* their tokens */
  GHashTable *module_names;  /* every name declared at the top level */
  GHashTable *exported_names;
  GArray *edits;
  GArray *scopes;
  GArray *decls;
  GArray *refs;
  GString *prologue_tail; /* run after the getters are registered */
  char *default_local;
  gboolean default_anonymous_function;
} xform_t;

static guint32
column_of (lexer_t *L, guint32 pos)
{
  guint32 p = pos;
  while (p > 0 && L->src[p - 1] != '\n' && L->src[p - 1] != '\r')
    p--;
  /* characters, not bytes */
  return (guint32) g_utf8_strlen (L->src + p, pos - p) + 1;
}

static void
add_edit (xform_t *X, guint32 start, guint32 end, char *text)
{
  edit_t e = { start, end, text };
  g_array_append_val (X->edits, e);
}

static gint32
add_request (xform_t *X, gint32 spec_tok, const char *attributes)
{
  lexer_t *L = X->L;
  g_autofree char *spec = string_value (L, spec_tok);
  for (guint k = 0; k < X->requests->len; k++) {
    request_t *r = g_ptr_array_index (X->requests, k);
    if (strcmp (r->specifier, spec) == 0 && strcmp (r->attributes, attributes) == 0)
      return (gint32) k;
  }
  request_t *r = g_new0 (request_t, 1);
  r->specifier = g_steal_pointer (&spec);
  r->attributes = g_strdup (attributes);
  r->line = TOK (L, spec_tok)->line;
  r->column = column_of (L, TOK (L, spec_tok)->start);
  g_ptr_array_add (X->requests, r);
  return (gint32) X->requests->len - 1;
}

static void
request_free (gpointer p)
{
  request_t *r = p;
  g_free (r->specifier);
  g_free (r->attributes);
  g_free (r);
}

static void
import_free (gpointer p)
{
  import_t *im = p;
  g_free (im->local);
  g_free (im->imported);
  g_free (im);
}

static gboolean
syntax_error (xform_t *X, gint32 i, const char *what)
{
  lexer_t *L = X->L;
  if (i >= NTOK (L)) {
    lex_error (L, NTOK (L) > 0 ? TOK (L, NTOK (L) - 1)->line : 1, "Unexpected end of input");
    return FALSE;
  }
  g_autofree char *text = tok_text (L, i);
  if (what)
    lex_error (L, TOK (L, i)->line, "%s", what);
  else if (TOK (L, i)->type == T_STRING)
    lex_error (L, TOK (L, i)->line, "Unexpected string literal %s", text);
  else if (TOK (L, i)->type == T_NAME)
    lex_error (L, TOK (L, i)->line, "Unexpected identifier '%s'", text);
  else
    lex_error (L, TOK (L, i)->line, "Unexpected token '%s'", text);
  return FALSE;
}

/* `with { type: 'json' }` (or `assert {...}`) at i: the attributes as a
 * JSON object, *next after them. */
static char *
parse_attributes (xform_t *X, gint32 i, gint32 *next)
{
  lexer_t *L = X->L;
  GString *json = g_string_new ("{");
  if ((tok_is (L, i, "with") || (tok_is (L, i, "assert") && !(TOK (L, i)->flags & F_NL))) &&
      tok_punct (L, i + 1, "{")) {
    gint32 end = TOK (L, i + 1)->match;
    gint32 k = i + 2;
    gboolean first = TRUE;
    while (k < end) {
      tok_t *key = TOK (L, k);
      if ((key->type != T_NAME && key->type != T_STRING) || !tok_punct (L, k + 1, ":") ||
          TOK (L, k + 2)->type != T_STRING) {
        syntax_error (X, k, NULL);
        break;
      }
      g_autofree char *kv = name_value (L, k);
      g_autofree char *vv = string_value (L, k + 2);
      if (!first)
        g_string_append_c (json, ',');
      first = FALSE;
      json_string (json, kv);
      g_string_append_c (json, ':');
      json_string (json, vv);
      k += 3;
      if (tok_punct (L, k, ","))
        k++;
    }
    i = end + 1;
  }
  g_string_append_c (json, '}');
  *next = i;
  return g_string_free (json, FALSE);
}

/* Blanks the statement [from, to) (tokens), and a following ';'. */
static gint32
remove_statement (xform_t *X, gint32 from, gint32 to)
{
  lexer_t *L = X->L;
  if (tok_punct (L, to, ";"))
    to++;
  for (gint32 k = from; k < to; k++)
    TOK (L, k)->flags |= F_SKIP;
  add_edit (X, TOK (L, from)->start, TOK (L, to - 1)->end, NULL);
  return to;
}

static void
add_import (xform_t *X, gint32 local_tok, const char *imported, gint32 request, gint32 name_tok)
{
  lexer_t *L = X->L;
  import_t *im = g_new0 (import_t, 1);
  im->local = tok_text (L, local_tok);
  im->local_len = strlen (im->local);
  im->imported = g_strdup (imported);
  im->request = request;
  im->tok = local_tok;
  im->line = TOK (L, name_tok)->line;
  im->column = column_of (L, TOK (L, name_tok)->start);
  TOK (L, local_tok)->flags |= F_BIND;
  for (guint k = 0; k < X->imports->len; k++) {
    import_t *o = g_ptr_array_index (X->imports, k);
    if (strcmp (o->local, im->local) == 0) {
      lex_error (L, TOK (L, local_tok)->line, "Identifier '%s' has already been declared", im->local);
      break;
    }
  }
  g_ptr_array_add (X->imports, im);
}

static gboolean
check_export_name (xform_t *X, const char *name, gint32 tok)
{
  if (g_hash_table_contains (X->exported_names, name)) {
    lex_error (X->L, TOK (X->L, tok)->line, "Duplicate export of '%s'", name);
    return FALSE;
  }
  g_hash_table_add (X->exported_names, g_strdup (name));
  return TRUE;
}

static void
add_local_export (xform_t *X, const char *exported, const char *local, gint32 tok)
{
  if (!check_export_name (X, exported, tok))
    return;
  g_ptr_array_add (X->local_exports, g_strdup (exported));
  g_ptr_array_add (X->local_exports, g_strdup (local));
}

/* import ... at top-level token i; returns the token after it. */
static gint32
parse_import (xform_t *X, gint32 i)
{
  lexer_t *L = X->L;
  gint32 k = i + 1;
  gint32 default_tok = -1, ns_tok = -1, clause = -1;
  if (TOK (L, k)->type == T_STRING) {
    g_autofree char *attrs = NULL;
    gint32 next;
    attrs = parse_attributes (X, k + 1, &next);
    add_request (X, k, attrs);
    return remove_statement (X, i, next);
  }
  if (TOK (L, k)->type == T_NAME && !tok_is (L, k, "from") && !tok_punct (L, k, "{")) {
    default_tok = k++;
    if (tok_punct (L, k, ","))
      k++;
  } else if (tok_is (L, k, "from") && tok_is (L, k + 1, "from")) {
    default_tok = k++;
  }
  if (tok_punct (L, k, "*")) {
    if (!tok_is (L, k + 1, "as") || TOK (L, k + 2)->type != T_NAME)
      return syntax_error (X, k + 1, NULL), NTOK (L);
    ns_tok = k + 2;
    k += 3;
  } else if (tok_punct (L, k, "{")) {
    clause = k;
    k = TOK (L, k)->match + 1;
  }
  if (!tok_is (L, k, "from"))
    return syntax_error (X, k, NULL), NTOK (L);
  if (k + 1 >= NTOK (L) || TOK (L, k + 1)->type != T_STRING)
    return syntax_error (X, k + 1, NULL), NTOK (L);
  gint32 spec = k + 1;
  gint32 next;
  g_autofree char *attrs = parse_attributes (X, spec + 1, &next);
  gint32 req = add_request (X, spec, attrs);
  if (default_tok >= 0)
    add_import (X, default_tok, "default", req, default_tok);
  if (ns_tok >= 0)
    add_import (X, ns_tok, "*", req, ns_tok);
  if (clause >= 0) {
    gint32 end = TOK (L, clause)->match;
    gint32 j = clause + 1;
    while (j < end) {
      gint32 name = j, local = j;
      if (TOK (L, j)->type != T_NAME && TOK (L, j)->type != T_STRING)
        return syntax_error (X, j, NULL), NTOK (L);
      if (tok_is (L, j + 1, "as")) {
        local = j + 2;
        j += 3;
      } else {
        j++;
      }
      if (TOK (L, local)->type != T_NAME)
        return syntax_error (X, local, NULL), NTOK (L);
      g_autofree char *imported = name_value (L, name);
      add_import (X, local, imported, req, name);
      if (tok_punct (L, j, ","))
        j++;
      else if (j != end)
        return syntax_error (X, j, NULL), NTOK (L);
    }
  }
  return remove_statement (X, i, next);
}

static void
add_indirect_export (xform_t *X, const char *exported, gint32 req, const char *imported, gint32 tok)
{
  if (!check_export_name (X, exported, tok))
    return;
  if (X->indirect_exports->len > 1)
    g_string_append_c (X->indirect_exports, ',');
  g_string_append_c (X->indirect_exports, '[');
  json_string (X->indirect_exports, exported);
  g_string_append_printf (X->indirect_exports, ",%d,", req);
  json_string (X->indirect_exports, imported);
  g_string_append_printf (X->indirect_exports, ",%u,%u]", TOK (X->L, tok)->line,
                          column_of (X->L, TOK (X->L, tok)->start));
}

/* export ... at top-level token i; returns the token to go on from. */
static gint32
parse_export (xform_t *X, gint32 i)
{
  lexer_t *L = X->L;
  gint32 k = i + 1;
  if (tok_punct (L, k, "*")) {
    gint32 as = -1;
    k++;
    if (tok_is (L, k, "as")) {
      as = k + 1;
      k += 2;
    }
    if (!tok_is (L, k, "from") || TOK (L, k + 1)->type != T_STRING)
      return syntax_error (X, k, NULL), NTOK (L);
    gint32 next;
    g_autofree char *attrs = parse_attributes (X, k + 2, &next);
    gint32 req = add_request (X, k + 1, attrs);
    if (as >= 0) {
      g_autofree char *name = name_value (L, as);
      add_indirect_export (X, name, req, "*", as);
    } else {
      if (X->star_exports->len > 1)
        g_string_append_c (X->star_exports, ',');
      g_string_append_printf (X->star_exports, "%d", req);
    }
    return remove_statement (X, i, next);
  }
  if (tok_punct (L, k, "{")) {
    gint32 end = TOK (L, k)->match;
    gint32 after = end + 1;
    gint32 req = -1, next = after;
    if (tok_is (L, after, "from")) {
      if (TOK (L, after + 1)->type != T_STRING)
        return syntax_error (X, after + 1, NULL), NTOK (L);
      g_autofree char *attrs = parse_attributes (X, after + 2, &next);
      req = add_request (X, after + 1, attrs);
    }
    gint32 j = k + 1;
    while (j < end) {
      gint32 local = j, exported = j;
      if (TOK (L, j)->type != T_NAME && TOK (L, j)->type != T_STRING)
        return syntax_error (X, j, NULL), NTOK (L);
      if (tok_is (L, j + 1, "as")) {
        exported = j + 2;
        j += 3;
      } else {
        j++;
      }
      g_autofree char *lv = name_value (L, local);
      g_autofree char *ev = name_value (L, exported);
      if (req >= 0) {
        add_indirect_export (X, ev, req, lv, local);
      } else {
        if (TOK (L, local)->type != T_NAME)
          return syntax_error (X, local, NULL), NTOK (L);
        /* Resolved once every import and declaration is known. */
        g_ptr_array_add (X->export_locals, g_strdup (ev));
        g_ptr_array_add (X->export_locals, g_steal_pointer (&lv));
        g_array_append_val (X->export_local_toks, local);
      }
      if (tok_punct (L, j, ","))
        j++;
      else if (j != end)
        return syntax_error (X, j, NULL), NTOK (L);
    }
    return remove_statement (X, i, next);
  }
  if (tok_is (L, k, "default")) {
    gint32 d = k + 1;
    gint32 fn = tok_is (L, d, "async") && tok_is (L, d + 1, "function") &&
                    !(TOK (L, d + 1)->flags & F_NL) ? d + 1 : d;
    TOK (L, i)->flags |= F_SKIP;
    TOK (L, k)->flags |= F_SKIP;
    if (tok_kw (L, fn, "function") || tok_kw (L, fn, "class")) {
      gboolean is_class = tok_is (L, fn, "class");
      gint32 name = fn + 1;
      if (!is_class && tok_punct (L, name, "*"))
        name++;
      add_edit (X, TOK (L, i)->start, TOK (L, k)->end, NULL);
      TOK (L, fn)->flags |= F_EXPORT_DEFAULT;
      if (TOK (L, name)->type == T_NAME && !tok_is (L, name, "extends")) {
        X->default_local = tok_text (L, name);
      } else {
        X->default_local = g_strdup ("__anode$default");
        add_edit (X, TOK (L, name - 1)->end, TOK (L, name - 1)->end, g_strdup (" __anode$default"));
        if (!is_class) {
          X->default_anonymous_function = TRUE;
        } else {
          gint32 body = name;
          while (body < NTOK (L) && !(tok_punct (L, body, "{") && TOK (L, body)->kind >= K_CLASS_DECL &&
                                      TOK (L, body)->kind <= K_CLASS_EXPR))
            body = tok_punct (L, body, "(") || tok_punct (L, body, "[") ? TOK (L, body)->match + 1 : body + 1;
          if (body < NTOK (L))
            add_edit (X, TOK (L, TOK (L, body)->match)->end, TOK (L, TOK (L, body)->match)->end,
                      g_strdup (";__anode$m.n(__anode$default);"));
        }
      }
      g_hash_table_add (X->module_names, g_strdup (X->default_local));
      add_local_export (X, "default", X->default_local, k);
      return d;
    }
    /* export default <expression> */
    GString *rep = g_string_new ("const __anode$default =");
    for (guint32 p = TOK (L, i)->start; p < TOK (L, k)->end; p++)
      if (L->src[p] == '\n')
        g_string_append_c (rep, '\n');
    add_edit (X, TOK (L, i)->start, TOK (L, k)->end, g_string_free (rep, FALSE));
    X->default_local = g_strdup ("__anode$default");
    g_hash_table_add (X->module_names, g_strdup (X->default_local));
    add_local_export (X, "default", "__anode$default", k);
    return d;
  }
  /* export var/let/const/function/class */
  gint32 decl = k;
  if (tok_is (L, k, "async") && tok_is (L, k + 1, "function"))
    decl = k + 1;
  if (!(tok_is (L, decl, "var") || tok_is (L, decl, "let") || tok_is (L, decl, "const") ||
        tok_is (L, decl, "function") || tok_is (L, decl, "class")))
    return syntax_error (X, k, NULL), NTOK (L);
  TOK (L, i)->flags |= F_SKIP;
  TOK (L, decl)->flags |= F_EXPORTED;
  add_edit (X, TOK (L, i)->start, TOK (L, i)->end, NULL);
  return k;
}

/* ---- scopes --------------------------------------------------------------- */

static gint32
find_import (xform_t *X, gint32 tok)
{
  lexer_t *L = X->L;
  tok_t *t = TOK (L, tok);
  gsize n = t->end - t->start;
  for (guint k = 0; k < X->imports->len; k++) {
    import_t *im = g_ptr_array_index (X->imports, k);
    if (im->local_len == n && im->local[0] == L->src[t->start] &&
        memcmp (im->local, L->src + t->start, n) == 0)
      return (gint32) k;
  }
  return -1;
}

static gint32
open_scope (xform_t *X, GArray *stack, gint32 end, gboolean is_function)
{
  scope_t s = { .parent = g_array_index (stack, gint32, stack->len - 1), .is_function = is_function,
                .end = end };
  g_array_append_val (X->scopes, s);
  gint32 id = (gint32) X->scopes->len - 1;
  g_array_append_val (stack, id);
  return id;
}

static void
declare (xform_t *X, gint32 tok, gint32 scope, gboolean exporting)
{
  lexer_t *L = X->L;
  TOK (L, tok)->flags |= F_BIND;
  gint32 imp = find_import (X, tok);
  if (scope == 0) {
    g_autofree char *name = tok_text (L, tok);
    if (imp >= 0) {
      lex_error (L, TOK (L, tok)->line, "Identifier '%s' has already been declared", name);
      return;
    }
    if (exporting)
      add_local_export (X, name, name, tok);
    g_hash_table_add (X->module_names, g_steal_pointer (&name));
    return;
  }
  if (imp >= 0) {
    decl_t d = { scope, imp };
    g_array_append_val (X->decls, d);
  }
}

/* Skips an initializer from i to the ',' (or end) at this level. */
static gint32
skip_to_comma (lexer_t *L, gint32 i, gint32 end)
{
  while (i < end && !tok_punct (L, i, ",")) {
    tok_t *t = TOK (L, i);
    if (t->type == T_PUNCT && (tok_is (L, i, "(") || tok_is (L, i, "[") || tok_is (L, i, "{")) &&
        t->match > i)
      i = t->match + 1;
    else if (t->type == T_TEMPLATE && (t->flags & F_TPL_OPEN) && t->match > i)
      i = t->match;
    else
      i++;
  }
  return i;
}

/* A binding pattern at i: declares its names; returns the token after it. */
static gint32
parse_binding (xform_t *X, gint32 i, gint32 scope, gboolean exporting)
{
  lexer_t *L = X->L;
  if (i >= NTOK (L))
    return i;
  if (tok_punct (L, i, "..."))
    i++;
  tok_t *t = TOK (L, i);
  if (t->type == T_NAME) {
    declare (X, i, scope, exporting);
    return i + 1;
  }
  if (tok_punct (L, i, "[") && t->match > i) {
    gint32 end = t->match, k = i + 1;
    while (k < end) {
      if (tok_punct (L, k, ",")) {
        k++;
        continue;
      }
      k = parse_binding (X, k, scope, exporting);
      k = skip_to_comma (L, k, end);
      if (k < end)
        k++;
    }
    return end + 1;
  }
  if (tok_punct (L, i, "{") && t->match > i) {
    gint32 end = t->match, k = i + 1;
    while (k < end) {
      if (tok_punct (L, k, "...")) {
        k = parse_binding (X, k + 1, scope, exporting);
      } else if (tok_punct (L, k, "[") && TOK (L, k)->match > k) {
        k = TOK (L, k)->match + 1;
        if (tok_punct (L, k, ":"))
          k = parse_binding (X, k + 1, scope, exporting);
      } else if (tok_punct (L, k + 1, ":")) {
        k = parse_binding (X, k + 2, scope, exporting);
      } else if (TOK (L, k)->type == T_NAME) {
        declare (X, k, scope, exporting);
        k++;
      } else {
        k++;
      }
      k = skip_to_comma (L, k, end);
      if (k < end)
        k++;
    }
    return end + 1;
  }
  return i + 1;
}

static void
parse_params (xform_t *X, gint32 open, gint32 scope)
{
  lexer_t *L = X->L;
  gint32 end = TOK (L, open)->match, k = open + 1;
  while (k < end) {
    k = parse_binding (X, k, scope, FALSE);
    k = skip_to_comma (L, k, end);
    if (k < end)
      k++;
  }
}

/* The last token of the arrow function whose '=>' is at a. */
static gint32
arrow_end (lexer_t *L, gint32 a)
{
  if (tok_punct (L, a + 1, "{") && TOK (L, a + 1)->match > a)
    return TOK (L, a + 1)->match;
  gint32 m = TOK (L, a)->match;
  return m > a ? m - 1 : NTOK (L) - 1;
}

/* The last token of the statement after a control paren (loop bodies). */
static gint32
statement_end (lexer_t *L, gint32 close)
{
  gint32 k = close + 1, n = NTOK (L);
  if (tok_punct (L, k, "{"))
    return TOK (L, k)->match;
  gint32 parent = TOK (L, close)->parent;
  while (k < n) {
    tok_t *t = TOK (L, k);
    if (t->parent != parent && t->type == T_PUNCT && (tok_is (L, k, ")") || tok_is (L, k, "]") ||
                                                      tok_is (L, k, "}")))
      return k - 1;
    if (t->parent == parent && tok_is (L, k, ";") && t->type == T_PUNCT)
      return k;
    if (t->type == T_PUNCT && (tok_is (L, k, "(") || tok_is (L, k, "[") || tok_is (L, k, "{")) &&
        t->match > k)
      k = t->match + 1;
    else
      k++;
  }
  return n - 1;
}

static gboolean
decl_ended (lexer_t *L, declstate_t *d, gint32 i)
{
  tok_t *t = TOK (L, i);
  if (t->parent != d->parent)
    return t->type == T_PUNCT && t->match >= 0 && t->match == d->parent;
  if (t->type == T_PUNCT && tok_is (L, i, ";"))
    return TRUE;
  if (t->type == T_NAME && (tok_is (L, i, "of") || tok_is (L, i, "in")) && !(t->flags & F_PROP))
    return TRUE;
  return (t->flags & F_NL) && ends_expr (L, i - 1) && !continues (L, i);
}

/* Walks every token: scopes, declarations and references to imports. */
static void
walk (xform_t *X)
{
  lexer_t *L = X->L;
  gint32 n = NTOK (L);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr (GArray) decls = g_array_new (FALSE, FALSE, sizeof (declstate_t));
  scope_t module = { .parent = -1, .is_function = TRUE, .end = n };
  g_array_append_val (X->scopes, module);
  gint32 zero = 0;
  g_array_append_val (stack, zero);
  gint32 pending_fn_name = -1, pending_fn_paren = -1;
  gint32 pending_class_name = -1, pending_class_brace = -1;

  for (gint32 i = 0; i < n && L->error == NULL; i++) {
    while (stack->len > 1 &&
           g_array_index (X->scopes, scope_t, g_array_index (stack, gint32, stack->len - 1)).end < i)
      g_array_set_size (stack, stack->len - 1);
    while (decls->len > 0 && decl_ended (L, &g_array_index (decls, declstate_t, decls->len - 1), i))
      g_array_set_size (decls, decls->len - 1);

    tok_t *t = TOK (L, i);
    gint32 cur = g_array_index (stack, gint32, stack->len - 1);
    if (t->flags & F_SKIP)
      continue;

    if (t->type == T_PUNCT) {
      if (tok_is (L, i, "(") && (t->kind == K_PARAMS || t->kind == K_ARROW_PARAMS)) {
        gint32 end;
        if (t->kind == K_ARROW_PARAMS)
          end = arrow_end (L, t->match + 1);
        else
          end = tok_punct (L, t->match + 1, "{") ? TOK (L, t->match + 1)->match : t->match;
        gint32 s = open_scope (X, stack, end, TRUE);
        if (pending_fn_paren == i && pending_fn_name >= 0)
          declare (X, pending_fn_name, s, FALSE);
        parse_params (X, i, s);
      } else if (tok_is (L, i, "(") && t->kind == K_CONTROL) {
        if (tok_is (L, t->aux, "catch")) {
          gint32 body = t->match + 1;
          gint32 end = tok_punct (L, body, "{") ? TOK (L, body)->match : t->match;
          gint32 s = open_scope (X, stack, end, FALSE);
          if (t->match > i + 1)
            parse_binding (X, i + 1, s, FALSE);
        } else if (tok_is (L, t->aux, "for")) {
          open_scope (X, stack, statement_end (L, t->match), FALSE);
        }
      } else if (tok_is (L, i, "{") && t->match > i) {
        if (t->kind == K_BLOCK || t->kind == K_SWITCH) {
          open_scope (X, stack, t->match, FALSE);
        } else if (t->kind == K_STATIC) {
          open_scope (X, stack, t->match, TRUE);
        } else if (t->kind == K_CLASS_DECL || t->kind == K_CLASS_EXPR) {
          gint32 s = open_scope (X, stack, t->match, FALSE);
          if (pending_class_brace == i && pending_class_name >= 0)
            declare (X, pending_class_name, s, FALSE);
        }
      } else if (tok_is (L, i, ",") && decls->len > 0) {
        declstate_t *d = &g_array_index (decls, declstate_t, decls->len - 1);
        if (t->parent == d->parent)
          parse_binding (X, i + 1, d->scope, d->exporting);
      }
      continue;
    }
    if (t->type != T_NAME || (t->flags & (F_PROP | F_KEY | F_BIND)))
      continue;

    if (t->flags & F_ARROWP) {
      gint32 s = open_scope (X, stack, arrow_end (L, i + 1), TRUE);
      declare (X, i, s, FALSE);
      continue;
    }
    if (t->flags & F_SHORT)
      goto reference;
    if ((tok_is (L, i, "var") || tok_is (L, i, "let") || tok_is (L, i, "const")) &&
        (TOK (L, i + 1 < n ? i + 1 : i)->type == T_NAME || tok_punct (L, i + 1, "[") ||
         tok_punct (L, i + 1, "{"))) {
      gint32 s = cur;
      if (tok_is (L, i, "var"))
        while (!g_array_index (X->scopes, scope_t, s).is_function)
          s = g_array_index (X->scopes, scope_t, s).parent;
      gboolean exporting = (t->flags & F_EXPORTED) != 0;
      declstate_t d = { .parent = t->parent, .scope = s, .exporting = exporting };
      parse_binding (X, i + 1, s, exporting);
      g_array_append_val (decls, d);
      continue;
    }
    if (tok_is (L, i, "function")) {
      gint32 name = i + 1;
      if (tok_punct (L, name, "*"))
        name++;
      if (name < n && TOK (L, name)->type == T_NAME && tok_punct (L, name + 1, "(")) {
        if (t->kind == K_FUNC_DECL) {
          declare (X, name, cur, (t->flags & F_EXPORTED) != 0);
        } else {
          TOK (L, name)->flags |= F_BIND;
          pending_fn_name = name;
          pending_fn_paren = name + 1;
        }
      }
      continue;
    }
    if (tok_is (L, i, "class")) {
      gint32 name = i + 1;
      if (name < n && TOK (L, name)->type == T_NAME && !tok_is (L, name, "extends")) {
        if (t->kind == K_CLASS_DECL) {
          declare (X, name, cur, (t->flags & F_EXPORTED) != 0);
        } else {
          TOK (L, name)->flags |= F_BIND;
          pending_class_name = name;
          gint32 k = name + 1;
          while (k < n && !(tok_punct (L, k, "{") && TOK (L, k)->kind == K_CLASS_EXPR))
            k = (tok_punct (L, k, "(") || tok_punct (L, k, "[")) && TOK (L, k)->match > k ?
                  TOK (L, k)->match + 1 : k + 1;
          pending_class_brace = k;
        }
      }
      continue;
    }
    if (tok_is (L, i, "import") && !(t->flags & F_SKIP)) {
      if (tok_punct (L, i + 1, "(")) {
        add_edit (X, t->start, t->end, g_strdup ("__anode$m.import"));
      } else if (tok_punct (L, i + 1, ".") && tok_is (L, i + 2, "meta")) {
        add_edit (X, t->start, TOK (L, i + 2)->end, g_strdup ("__anode$m.meta"));
        i += 2;
      }
      continue;
    }

  reference:
    {
      gint32 imp = find_import (X, i);
      if (imp < 0)
        continue;
      /* Contextual keywords: `async function`, async arrows, for...of. */
      if (tok_is (L, i, "async") &&
          ((tok_is (L, i + 1, "function") && !(TOK (L, i + 1)->flags & F_NL)) ||
           (tok_punct (L, i + 1, "(") && TOK (L, i + 1)->kind == K_ARROW_PARAMS) ||
           (TOK (L, i + 1)->flags & F_ARROWP)))
        continue;
      if (tok_is (L, i, "of") && t->parent >= 0 && TOK (L, t->parent)->kind == K_CONTROL &&
          tok_is (L, TOK (L, t->parent)->aux, "for") && ends_expr (L, i - 1) &&
          !tok_punct (L, i - 1, ")"))
        continue;
      if (tok_punct (L, i + 1, ":") && TOK (L, i + 1)->kind == K_COLON_LABEL)
        continue;
      if ((tok_kw (L, i - 1, "break") || tok_kw (L, i - 1, "continue")) && !(t->flags & F_NL))
        continue;
      ref_t r = { i, cur, imp };
      g_array_append_val (X->refs, r);
    }
  }
}

static gboolean
shadowed (xform_t *X, ref_t *r)
{
  for (gint32 s = r->scope; s > 0; s = g_array_index (X->scopes, scope_t, s).parent)
    for (guint k = 0; k < X->decls->len; k++) {
      decl_t *d = &g_array_index (X->decls, decl_t, k);
      if (d->scope == s && d->import == r->import)
        return TRUE;
    }
  return FALSE;
}

/* Each reference to a named or default import reads the exporter's live
 * binding through its namespace object. */
static void
rewrite_references (xform_t *X)
{
  lexer_t *L = X->L;
  for (guint k = 0; k < X->refs->len; k++) {
    ref_t *r = &g_array_index (X->refs, ref_t, k);
    import_t *im = g_ptr_array_index (X->imports, r->import);
    if (strcmp (im->imported, "*") == 0 || shadowed (X, r))
      continue;
    tok_t *t = TOK (L, r->tok);
    GString *expr = g_string_new (NULL);
    if (is_identifier_name (im->imported)) {
      g_string_append_printf (expr, "__anode$%d.%s", im->request, im->imported);
    } else {
      g_string_append_printf (expr, "__anode$%d[", im->request);
      json_string (expr, im->imported);
      g_string_append_c (expr, ']');
    }
    GString *text = g_string_new (NULL);
    gint32 next = r->tok + 1;
    if (t->flags & F_SHORT) {
      g_string_append_printf (text, "%s: %s", im->local, expr->str);
    } else if (tok_punct (L, next, "(") ||
               (next < NTOK (L) && TOK (L, next)->type == T_TEMPLATE &&
                L->src[TOK (L, next)->start] == '`') ||
               (tok_punct (L, next, "?.") && tok_punct (L, next + 1, "("))) {
      g_string_append_printf (text, "(0, %s)", expr->str);
    } else {
      g_string_append (text, expr->str);
    }
    g_string_free (expr, TRUE);
    add_edit (X, t->start, t->end, g_string_free (text, FALSE));
  }
}

/* The length of UTF-8 text in UTF-16 code units (a JS string's length). */
static guint32
utf16_length (const char *s, gsize len)
{
  guint32 n = 0;
  for (gsize i = 0; i < len; i++) {
    unsigned char c = (unsigned char) s[i];
    if ((c & 0xC0) != 0x80)
      n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

static int
edit_cmp (gconstpointer a, gconstpointer b)
{
  const edit_t *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Applies the edits to the source, keeping every line break. */
static void
apply_edits (lexer_t *L, GArray *edits, GString *out)
{
  g_array_sort (edits, edit_cmp);
  guint32 pos = 0;
  for (guint k = 0; k < edits->len; k++) {
    edit_t *e = &g_array_index (edits, edit_t, k);
    if (e->start < pos)
      continue;
    g_string_append_len (out, L->src + pos, e->start - pos);
    if (e->text != NULL) {
      g_string_append (out, e->text);
    } else {
      for (guint32 p = e->start; p < e->end; p++) {
        unsigned char c = L->src[p];
        if (c == '\n' || c == '\r')
          g_string_append_c (out, (char) c);
        else if (c == 0xE2 && p + 2 < e->end && (unsigned char) L->src[p + 1] == 0x80 &&
                 ((unsigned char) L->src[p + 2] == 0xA8 || (unsigned char) L->src[p + 2] == 0xA9)) {
          g_string_append_c (out, '\n');
          p += 2;
        } else if (c < 0x80 || c >= 0xC0) {
          g_string_append_c (out, ' ');
        }
      }
    }
    pos = e->end;
  }
  g_string_append_len (out, L->src + pos, L->len - pos);
}

static void
edits_free (GArray *edits)
{
  for (guint k = 0; k < edits->len; k++)
    g_free (g_array_index (edits, edit_t, k).text);
  g_array_unref (edits);
}

char *
anode_esm_transform (const char *src, gsize len, gboolean force_async, char **meta,
                     char **error, int *error_line)
{
  lexer_t lexer = { .src = src, .len = len };
  lexer_t *L = &lexer;
  xform_t x = {
    .L = L,
    .requests = g_ptr_array_new_with_free_func (request_free),
    .imports = g_ptr_array_new_with_free_func (import_free),
    .local_exports = g_ptr_array_new_with_free_func (g_free),
    .indirect_exports = g_string_new ("["),
    .star_exports = g_string_new ("["),
    .export_locals = g_ptr_array_new_with_free_func (g_free),
    .export_local_toks = g_array_new (FALSE, FALSE, sizeof (gint32)),
    .module_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .exported_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .edits = g_array_new (FALSE, FALSE, sizeof (edit_t)),
    .scopes = g_array_new (FALSE, FALSE, sizeof (scope_t)),
    .decls = g_array_new (FALSE, FALSE, sizeof (decl_t)),
    .refs = g_array_new (FALSE, FALSE, sizeof (ref_t)),
    .prologue_tail = g_string_new (NULL),
  };
  xform_t *X = &x;
  char *result = NULL;

  if (lex (L)) {
    gint32 n = NTOK (L);
    /* Hashbang: the tokenizer skipped it; blank it for the compiler. */
    gsize start = len >= 3 && memcmp (src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (start + 1 < len && src[start] == '#' && src[start + 1] == '!') {
      gsize e = start;
      while (e < len && src[e] != '\n' && src[e] != '\r')
        e++;
      add_edit (X, start, e, NULL);
    }
    for (gint32 i = 0; i < n && L->error == NULL;) {
      tok_t *t = TOK (L, i);
      if (t->parent == -1 && t->type == T_NAME && !(t->flags & (F_PROP | F_KEY | F_SHORT))) {
        if (tok_is (L, i, "import") && !tok_punct (L, i + 1, "(") && !tok_punct (L, i + 1, ".")) {
          i = parse_import (X, i);
          continue;
        }
        if (tok_is (L, i, "export")) {
          i = parse_export (X, i);
          continue;
        }
      }
      i++;
    }
  }
  if (L->error == NULL)
    walk (X);

  if (L->error == NULL) {
    /* export { a as b }: a local binding, or an import passed on. */
    for (guint k = 0; k < X->export_locals->len && L->error == NULL; k += 2) {
      const char *exported = g_ptr_array_index (X->export_locals, k);
      const char *local = g_ptr_array_index (X->export_locals, k + 1);
      gint32 tok = g_array_index (X->export_local_toks, gint32, k / 2);
      import_t *im = NULL;
      for (guint j = 0; j < X->imports->len; j++) {
        import_t *c = g_ptr_array_index (X->imports, j);
        if (strcmp (c->local, local) == 0)
          im = c;
      }
      if (im != NULL && strcmp (im->imported, "*") != 0)
        add_indirect_export (X, exported, im->request, im->imported, tok);
      else if (im != NULL || g_hash_table_contains (X->module_names, local))
        add_local_export (X, exported, local, tok);
      else
        lex_error (L, TOK (L, tok)->line, "Export '%s' is not defined in module", local);
    }
  }

  if (L->error == NULL) {
    rewrite_references (X);
    gboolean is_async = L->has_tla || force_async;
    GString *out = g_string_sized_new (len + 512);
    g_string_append (out, is_async ? "(async function* (__anode$m) {\"use strict\";"
                                   : "(function* (__anode$m) {\"use strict\";");
    for (guint k = 0; k < X->requests->len; k++)
      g_string_append_printf (out, "const __anode$%u = __anode$m.r[%u];", k, k);
    for (guint k = 0; k < X->imports->len; k++) {
      import_t *im = g_ptr_array_index (X->imports, k);
      if (strcmp (im->imported, "*") == 0)
        g_string_append_printf (out, "const %s = __anode$%d;", im->local, im->request);
    }
    /* Live bindings: one getter per local export, registered before the
     * body runs so cycles see hoisted functions. */
    g_string_append (out, "__anode$m.e({");
    for (guint k = 0; k < X->local_exports->len; k += 2) {
      if (k)
        g_string_append_c (out, ',');
      json_string (out, g_ptr_array_index (X->local_exports, k));
      g_string_append_printf (out, ":()=>%s", (char *) g_ptr_array_index (X->local_exports, k + 1));
    }
    g_string_append (out, "});");
    if (X->default_anonymous_function)
      g_string_append (out, "__anode$m.n(__anode$default);");
    g_string_append (out, X->prologue_tail->str);
    guint32 split = utf16_length (out->str, out->len);
    g_string_append (out, "yield;");
    apply_edits (L, X->edits, out);
    g_string_append (out, "\n})");
    result = g_string_free (out, FALSE);

    GString *m = g_string_new ("{\"async\":");
    g_string_append (m, is_async ? "true" : "false");
    /* Where `yield;` is (UTF-16 units): the loader drops it for modules
     * outside cycles, which run as plain functions. */
    g_string_append_printf (m, ",\"split\":%u", split);
    g_string_append (m, ",\"requests\":[");
    for (guint k = 0; k < X->requests->len; k++) {
      request_t *r = g_ptr_array_index (X->requests, k);
      if (k)
        g_string_append_c (m, ',');
      g_string_append_c (m, '[');
      json_string (m, r->specifier);
      g_string_append_printf (m, ",%s,%u,%u]", r->attributes, r->line, r->column);
    }
    g_string_append (m, "],\"imports\":[");
    for (guint k = 0; k < X->imports->len; k++) {
      import_t *im = g_ptr_array_index (X->imports, k);
      if (k)
        g_string_append_c (m, ',');
      g_string_append_c (m, '[');
      json_string (m, im->imported);
      g_string_append_printf (m, ",%d,%u,%u]", im->request, im->line, im->column);
    }
    g_string_append (m, "],\"localExports\":[");
    for (guint k = 0; k < X->local_exports->len; k += 2) {
      if (k)
        g_string_append_c (m, ',');
      json_string (m, g_ptr_array_index (X->local_exports, k));
    }
    g_string_append (m, "],\"indirectExports\":");
    g_string_append (m, X->indirect_exports->str);
    g_string_append (m, "],\"starExports\":");
    g_string_append (m, X->star_exports->str);
    g_string_append (m, "]}");
    if (meta)
      *meta = g_string_free (m, FALSE);
    else
      g_string_free (m, TRUE);
  } else {
    if (error)
      *error = g_strdup (L->error);
    if (error_line)
      *error_line = (int) L->error_line;
  }

  g_ptr_array_unref (X->requests);
  g_ptr_array_unref (X->imports);
  g_ptr_array_unref (X->local_exports);
  g_string_free (X->indirect_exports, TRUE);
  g_string_free (X->star_exports, TRUE);
  g_ptr_array_unref (X->export_locals);
  g_array_unref (X->export_local_toks);
  g_hash_table_unref (X->module_names);
  g_hash_table_unref (X->exported_names);
  edits_free (X->edits);
  g_array_unref (X->scopes);
  g_array_unref (X->decls);
  g_array_unref (X->refs);
  g_string_free (X->prologue_tail, TRUE);
  g_free (X->default_local);
  lexer_clear (L);
  return result;
}

/* ---- CommonJS ---------------------------------------------------------------- */

typedef struct {
  lexer_t *L;
  GPtrArray *exports;
  GPtrArray *reexports;
  GHashTable *required; /* local name -> specifier of `x = require('...')` */
} cjs_t;

static void
add_unique (GPtrArray *a, char *s)
{
  for (guint k = 0; k < a->len; k++)
    if (strcmp (g_ptr_array_index (a, k), s) == 0) {
      g_free (s);
      return;
    }
  g_ptr_array_add (a, s);
}

/* `require('x')` at i: the specifier, or NULL. */
static char *
require_call (lexer_t *L, gint32 i)
{
  if (tok_is (L, i, "require") && !(TOK (L, i)->flags & F_PROP) && tok_punct (L, i + 1, "(") &&
      i + 2 < NTOK (L) && TOK (L, i + 2)->type == T_STRING && tok_punct (L, i + 3, ")"))
    return string_value (L, i + 2);
  return NULL;
}

/* Is i a plain '=' assignment (not ==, =>)? */
static gboolean
is_assign (lexer_t *L, gint32 i)
{
  return tok_punct (L, i, "=");
}

/* `exports` or `module.exports` at i: the token after it, or -1. */
static gint32
exports_ref (lexer_t *L, gint32 i)
{
  if (tok_is (L, i, "exports") && TOK (L, i)->type == T_NAME &&
      !(TOK (L, i)->flags & (F_PROP | F_KEY)))
    return i + 1;
  if (tok_is (L, i, "module") && TOK (L, i)->type == T_NAME &&
      !(TOK (L, i)->flags & (F_PROP | F_KEY)) && tok_punct (L, i + 1, ".") &&
      tok_is (L, i + 2, "exports"))
    return i + 3;
  return -1;
}

/* module.exports = { a, b: c, 'd': e, ...require('x') }: identifier values
 * only, up to the first property of another shape (as Node's lexer reads it). */
static void
cjs_object_literal (cjs_t *C, gint32 open)
{
  lexer_t *L = C->L;
  gint32 end = TOK (L, open)->match, k = open + 1;
  while (k < end) {
    tok_t *t = TOK (L, k);
    if (tok_punct (L, k, "...")) {
      char *spec = require_call (L, k + 1);
      if (spec != NULL) {
        add_unique (C->reexports, spec);
        k += 5;
      } else if (TOK (L, k + 1)->type == T_NAME) {
        k += 2;
      } else {
        return;
      }
    } else if (t->type == T_NAME && (tok_punct (L, k + 1, ",") || k + 1 == end)) {
      add_unique (C->exports, tok_text (L, k));
      k++;
    } else if ((t->type == T_NAME || t->type == T_STRING) && tok_punct (L, k + 1, ":") &&
               TOK (L, k + 2)->type == T_NAME && (tok_punct (L, k + 3, ",") || k + 3 == end)) {
      add_unique (C->exports, name_value (L, k));
      k += 3;
    } else {
      return;
    }
    if (tok_punct (L, k, ","))
      k++;
    else if (k != end)
      return;
  }
}

/* Object.defineProperty(exports, 'x', { ... }) at the '{': a `value` or a
 * getter that returns an identifier or one of its members. */
static gboolean
cjs_define_descriptor (lexer_t *L, gint32 k)
{
  if (!tok_punct (L, k, "{"))
    return FALSE;
  k++;
  if (tok_is (L, k, "enumerable") && tok_punct (L, k + 1, ":") && tok_is (L, k + 2, "true") &&
      tok_punct (L, k + 3, ","))
    k += 4;
  if (tok_is (L, k, "value") && tok_punct (L, k + 1, ":"))
    return TRUE;
  if (!tok_is (L, k, "get"))
    return FALSE;
  k++;
  if (tok_punct (L, k, ":") && tok_is (L, k + 1, "function")) {
    k += 2;
    if (TOK (L, k)->type == T_NAME)
      k++;
  }
  if (!tok_punct (L, k, "(") || !tok_punct (L, k + 1, ")") || !tok_punct (L, k + 2, "{") ||
      !tok_is (L, k + 3, "return") || TOK (L, k + 4)->type != T_NAME)
    return FALSE;
  k += 5;
  if (tok_punct (L, k, ".") && TOK (L, k + 1)->type == T_NAME)
    k += 2;
  else if (tok_punct (L, k, "[") && TOK (L, k + 1)->type == T_STRING && tok_punct (L, k + 2, "]"))
    k += 3;
  if (tok_punct (L, k, ";"))
    k++;
  return tok_punct (L, k, "}");
}

static void
cjs_scan (cjs_t *C)
{
  lexer_t *L = C->L;
  gint32 n = NTOK (L);
  for (gint32 i = 0; i < n; i++) {
    tok_t *t = TOK (L, i);
    if (t->type != T_NAME || (t->flags & (F_PROP | F_KEY)))
      continue;

    /* x = require('y') (for the Object.keys(x).forEach re-export form) */
    if (is_assign (L, i + 1)) {
      gint32 v = i + 2;
      if (tok_is (L, v, "_interopRequireWildcard") && tok_punct (L, v + 1, "("))
        v += 2;
      char *spec = require_call (L, v);
      if (spec)
        g_hash_table_insert (C->required, tok_text (L, i), spec);
    }

    gint32 after = exports_ref (L, i);
    if (after >= 0) {
      if (tok_punct (L, after, ".") && after + 1 < n && TOK (L, after + 1)->type == T_NAME &&
          is_assign (L, after + 2)) {
        add_unique (C->exports, tok_text (L, after + 1));
      } else if (tok_punct (L, after, "[") && after + 1 < n && TOK (L, after + 1)->type == T_STRING &&
                 tok_punct (L, after + 2, "]") && is_assign (L, after + 3)) {
        add_unique (C->exports, string_value (L, after + 1));
      } else if (after == i + 3 && is_assign (L, after)) {
        gint32 v = after + 1;
        char *spec = require_call (L, v);
        if (spec)
          add_unique (C->reexports, spec);
        else if (tok_punct (L, v, "{") && TOK (L, v)->match > v)
          cjs_object_literal (C, v);
      }
      i = after - 1;
      continue;
    }

    /* Object.defineProperty(exports, 'x', ...) */
    if (tok_is (L, i, "Object") && tok_punct (L, i + 1, ".") && tok_is (L, i + 2, "defineProperty") &&
        tok_punct (L, i + 3, "(")) {
      gint32 a = exports_ref (L, i + 4);
      if (a >= 0 && tok_punct (L, a, ",") && TOK (L, a + 1)->type == T_STRING &&
          tok_punct (L, a + 2, ",") && cjs_define_descriptor (L, a + 3))
        add_unique (C->exports, string_value (L, a + 1));
      continue;
    }
    /* Object.keys(x).forEach(...) where x = require('y') */
    if (tok_is (L, i, "Object") && tok_punct (L, i + 1, ".") && tok_is (L, i + 2, "keys") &&
        tok_punct (L, i + 3, "(") && i + 4 < n && TOK (L, i + 4)->type == T_NAME &&
        tok_punct (L, i + 5, ")") && tok_punct (L, i + 6, ".") && tok_is (L, i + 7, "forEach")) {
      g_autofree char *name = tok_text (L, i + 4);
      const char *spec = g_hash_table_lookup (C->required, name);
      if (spec)
        add_unique (C->reexports, g_strdup (spec));
      continue;
    }
    /* TypeScript's __exportStar(require('x'), exports) and __export(...) */
    if (tok_is (L, i, "__exportStar") || tok_is (L, i, "__export")) {
      gint32 k = i + 1;
      if (tok_punct (L, k, ")"))
        k++;
      if (tok_punct (L, k, "(")) {
        char *spec = require_call (L, k + 1);
        if (spec)
          add_unique (C->reexports, spec);
      }
    }
  }
}

static void
json_array (GString *out, GPtrArray *a)
{
  g_string_append_c (out, '[');
  for (guint k = 0; k < a->len; k++) {
    if (k)
      g_string_append_c (out, ',');
    json_string (out, g_ptr_array_index (a, k));
  }
  g_string_append_c (out, ']');
}

char *
anode_esm_cjs_exports (const char *src, gsize len)
{
  lexer_t lexer = { .src = src, .len = len };
  char *result = NULL;
  if (lex (&lexer)) {
    cjs_t C = {
      .L = &lexer,
      .exports = g_ptr_array_new_with_free_func (g_free),
      .reexports = g_ptr_array_new_with_free_func (g_free),
      .required = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    };
    cjs_scan (&C);
    GString *out = g_string_new ("{\"exports\":");
    json_array (out, C.exports);
    g_string_append (out, ",\"reexports\":");
    json_array (out, C.reexports);
    g_string_append_c (out, '}');
    result = g_string_free (out, FALSE);
    g_ptr_array_unref (C.exports);
    g_ptr_array_unref (C.reexports);
    g_hash_table_unref (C.required);
  }
  lexer_clear (&lexer);
  return result;
}

char *
anode_esm_rewrite_dynamic_import (const char *src, gsize len, const char *helper)
{
  lexer_t lexer = { .src = src, .len = len };
  lexer_t *L = &lexer;
  char *result = NULL;
  if (lex (L)) {
    g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (edit_t));
    for (gint32 i = 0; i < NTOK (L); i++)
      if (tok_kw (L, i, "import") && tok_punct (L, i + 1, "(")) {
        edit_t e = { TOK (L, i)->start, TOK (L, i)->end, g_strdup (helper) };
        g_array_append_val (edits, e);
      }
    if (edits->len > 0) {
      GString *out = g_string_sized_new (len + 64);
      apply_edits (L, edits, out);
      result = g_string_free (out, FALSE);
    }
    for (guint k = 0; k < edits->len; k++)
      g_free (g_array_index (edits, edit_t, k).text);
  }
  lexer_clear (L);
  return result;
}

/* ---- the binding ------------------------------------------------------------- */

/* transform(source, forceAsync, errctx): [code, metaJson], or undefined with
 * errctx.{message,line} on a syntax error. */
static JSCValue *
transform_cb (const char *source, gboolean force_async, JSCValue *errctx, anode_runtime_t *rt)
{
  g_autofree char *meta = NULL;
  g_autofree char *error = NULL;
  int line = 0;
  const char *src = source ? source : "";
  g_autofree char *code = anode_esm_transform (src, strlen (src), force_async, &meta, &error, &line);
  if (code == NULL) {
    anode_set_string (errctx, "message", error);
    anode_set_int (errctx, "line", line);
    return jsc_value_new_undefined (rt->ctx);
  }
  g_autoptr (JSCValue) c = jsc_value_new_string (rt->ctx, code);
  g_autoptr (JSCValue) m = jsc_value_new_string (rt->ctx, meta);
  return jsc_value_new_array (rt->ctx, JSC_TYPE_VALUE, c, JSC_TYPE_VALUE, m, G_TYPE_NONE);
}

/* cjsExports(source): '{"exports":[...],"reexports":[...]}' or undefined. */
static JSCValue *
cjs_exports_cb (const char *source, anode_runtime_t *rt)
{
  const char *src = source ? source : "";
  g_autofree char *json = anode_esm_cjs_exports (src, strlen (src));
  if (json == NULL)
    return jsc_value_new_undefined (rt->ctx);
  return jsc_value_new_string (rt->ctx, json);
}

/* rewriteDynamicImport(source, helper): the new source or undefined. */
static JSCValue *
rewrite_import_cb (const char *source, const char *helper, anode_runtime_t *rt)
{
  const char *src = source ? source : "";
  g_autofree char *out = anode_esm_rewrite_dynamic_import (src, strlen (src), helper ? helper : "");
  if (out == NULL)
    return jsc_value_new_undefined (rt->ctx);
  return jsc_value_new_string (rt->ctx, out);
}

/* compile(code, url, errctx): evaluates a transformed module's function
 * expression with `url` as its source; undefined with errctx filled on a
 * syntax error. */
static JSCValue *
compile_cb (const char *code, const char *url, JSCValue *errctx, anode_runtime_t *rt)
{
  const char *c = code ? code : "";
  JSCValue *fn = jsc_context_evaluate_with_source_uri (rt->ctx, c, strlen (c), url ? url : "", 1);
  JSCException *exc = jsc_context_get_exception (rt->ctx);
  if (exc != NULL) {
    anode_set_string (errctx, "message", jsc_exception_get_message (exc));
    anode_set_int (errctx, "line", jsc_exception_get_line_number (exc));
    anode_set_int (errctx, "column", jsc_exception_get_column_number (exc));
    jsc_context_clear_exception (rt->ctx);
    g_clear_object (&fn);
    return jsc_value_new_undefined (rt->ctx);
  }
  return fn;
}

JSCValue *
anode_binding_esm_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "transform", G_CALLBACK (transform_cb), rt, JSC_TYPE_VALUE, 3,
                    G_TYPE_STRING, G_TYPE_BOOLEAN, JSC_TYPE_VALUE);
  anode_set_method (b, "cjsExports", G_CALLBACK (cjs_exports_cb), rt, JSC_TYPE_VALUE, 1,
                    G_TYPE_STRING);
  anode_set_method (b, "rewriteDynamicImport", G_CALLBACK (rewrite_import_cb), rt,
                    JSC_TYPE_VALUE, 2, G_TYPE_STRING, G_TYPE_STRING);
  anode_set_method (b, "compile", G_CALLBACK (compile_cb), rt, JSC_TYPE_VALUE, 3,
                    G_TYPE_STRING, G_TYPE_STRING, JSC_TYPE_VALUE);
  return b;
}
