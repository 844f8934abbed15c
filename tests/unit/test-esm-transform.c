/* The ES module transform of binding-esm.c: its tokenizer (strings,
 * templates, regular expressions, comments, ASI), the rewrite of imports and
 * exports that keeps every line in place, and the CommonJS export scan. */
#include <string.h>

#include "esm-transform.h"

typedef struct {
  char *code;
  char *meta;
  char *error;
  int line;
} result_t;

static result_t
run (const char *src)
{
  result_t r = { 0 };
  r.code = anode_esm_transform (src, strlen (src), FALSE, &r.meta, &r.error, &r.line);
  return r;
}

static void
result_clear (result_t *r)
{
  g_free (r->code);
  g_free (r->meta);
  g_free (r->error);
}

/* The body after the prologue (which ends with the first `yield;`). */
static const char *
body (result_t *r)
{
  g_assert_nonnull (r->code);
  const char *y = strstr (r->code, "yield;");
  g_assert_nonnull (y);
  return y + strlen ("yield;");
}

static int
count_lines (const char *s)
{
  int n = 1;
  for (; *s; s++)
    if (*s == '\n')
      n++;
  return n;
}

/* Line `n` (1-based) of `s`, newly allocated. */
static char *
line_of (const char *s, int n)
{
  g_auto (GStrv) lines = g_strsplit (s, "\n", -1);
  g_assert_cmpint ((int) g_strv_length (lines), >=, n);
  return g_strdup (lines[n - 1]);
}

static void
assert_contains (const char *hay, const char *needle)
{
  if (strstr (hay, needle) == NULL)
    g_error ("expected to find\n  %s\nin\n%s", needle, hay);
}

static void
assert_lacks (const char *hay, const char *needle)
{
  if (strstr (hay, needle) != NULL)
    g_error ("did not expect\n  %s\nin\n%s", needle, hay);
}

static void
test_lines_are_kept (void)
{
  const char *src =
    "import {\n"
    "  a,\n"
    "  b as c,\n"
    "} from './x.mjs';\n"
    "export const answer = a + c;\n"
    "export {\n"
    "  answer as other,\n"
    "};\n"
    "throw new Error(`line ${9}`);\n";
  result_t r = run (src);
  g_assert_null (r.error);
  /* The wrapper adds one line break at the very end, nothing else. */
  g_assert_cmpint (count_lines (r.code), ==, count_lines (src) + 1);
  g_autofree char *l5 = line_of (r.code, 5);
  assert_contains (l5, "const answer = __anode$0.a + __anode$0.b;");
  g_autofree char *l9 = line_of (r.code, 9);
  assert_contains (l9, "throw new Error(`line ${9}`);");
  /* An import on line 1 keeps the columns of what follows it. */
  result_t r2 = run ("import x from 'y'; throw x;\n");
  const char *b = body (&r2);
  g_assert_cmpint ((int) (strstr (b, "throw") - b), ==, (int) strlen ("import x from 'y'; "));
  result_clear (&r);
  result_clear (&r2);
}

static void
test_strings_comments_templates (void)
{
  result_t r = run (
    "import { x } from './x.mjs';\n"
    "const s = 'x import y from \"z\"', t = \"x\";\n"
    "// x export default 1\n"
    "/* x\n"
    "   x */\n"
    "const u = `x ${x} ${`nested ${x + '}'} x`} x`;\n"
    "const v = `${ { x }.x }`;\n");
  g_assert_null (r.error);
  const char *b = body (&r);
  assert_contains (b, "'x import y from \"z\"', t = \"x\";");
  assert_contains (b, "// x export default 1");
  assert_contains (b, "/* x\n   x */");
  assert_contains (b, "`x ${__anode$0.x} ${`nested ${__anode$0.x + '}'} x`} x`");
  assert_contains (b, "`${ { x: __anode$0.x }.x }`");
  result_clear (&r);
}

static void
test_regex_or_division (void)
{
  result_t r = run (
    "import { x, g } from './x.mjs';\n"
    "const a = x / 2 / g;\n"
    "const b = /x/g.test('x') ? 1 : 2;\n"
    "if (a) /[/x]/.exec(b);\n"
    "const c = (x) / g;\n"
    "const d = [x][0] / x;\n"
    "function f() {}\n"
    "/x`/.test('`');\n"
    "const e = {} / x;\n"
    "const h = a++ / x;\n"
    "const k = typeof /x/;\n");
  g_assert_null (r.error);
  const char *b = body (&r);
  assert_contains (b, "const a = __anode$0.x / 2 / __anode$0.g;");
  assert_contains (b, "const b = /x/g.test('x') ? 1 : 2;");
  assert_contains (b, "if (a) /[/x]/.exec(b);");
  assert_contains (b, "const c = (__anode$0.x) / __anode$0.g;");
  assert_contains (b, "const d = [__anode$0.x][0] / __anode$0.x;");
  assert_contains (b, "/x`/.test('`');");
  assert_contains (b, "const e = {} / __anode$0.x;");
  assert_contains (b, "const h = a++ / __anode$0.x;");
  assert_contains (b, "const k = typeof /x/;");
  result_clear (&r);
}

static void
test_shadowing_and_properties (void)
{
  result_t r = run (
    "import path, { join as j } from 'node:path';\n"
    "function f(path, { j }) { return path + j; }\n"
    "const g = path => path.x;\n"
    "const h = (a, [path]) => path;\n"
    "try {} catch (path) { path; }\n"
    "for (const path of []) path;\n"
    "{ let path = 1; path++; }\n"
    "const o = { path, j, path: 1, j() {}, get path() { return 1 } };\n"
    "class C { path = 1; static j() {} path() { return path; } }\n"
    "obj.path; obj?.j;\n"
    "path(1); j`t`; new path();\n"
    "label: { break label; }\n"
    "const m = function path() { return path; };\n"
    "const mods = { get: j, set: path, async: j, static: path };\n"
    "class F { get = path; set\n static = j; async() { return path; } }\n");
  g_assert_null (r.error);
  const char *b = body (&r);
  assert_contains (b, "function f(path, { j }) { return path + j; }");
  assert_contains (b, "const g = path => path.x;");
  assert_contains (b, "const h = (a, [path]) => path;");
  assert_contains (b, "catch (path) { path; }");
  assert_contains (b, "for (const path of []) path;");
  assert_contains (b, "{ let path = 1; path++; }");
  assert_contains (b, "{ path: __anode$0.default, j: __anode$0.join, path: 1, j() {}, get path() { return 1 } }");
  assert_contains (b, "class C { path = 1; static j() {} path() { return __anode$0.default; } }");
  assert_contains (b, "obj.path; obj?.j;");
  assert_contains (b, "(0, __anode$0.default)(1); (0, __anode$0.join)`t`; new (0, __anode$0.default)();");
  assert_contains (b, "label: { break label; }");
  assert_contains (b, "const m = function path() { return path; };");
  assert_contains (b, "{ get: __anode$0.join, set: __anode$0.default, async: __anode$0.join, static: __anode$0.default }");
  assert_contains (b, "class F { get = __anode$0.default; set\n static = __anode$0.join; async() { return __anode$0.default; } }");
  assert_lacks (b, "function f(__anode");
  result_clear (&r);
}

static void
test_contextual_keywords (void)
{
  result_t r = run (
    "import async, { of, get } from './x.mjs';\n"
    "const f = async function () {}, g = async () => 1, h = async x => x;\n"
    "for (const v of of) async(v);\n"
    "for (const w of [of]) {}\n"
    "const o = { get() {}, async m() {} };\n");
  g_assert_null (r.error);
  const char *b = body (&r);
  assert_contains (b, "const f = async function () {}, g = async () => 1, h = async x => x;");
  assert_contains (b, "for (const v of __anode$0.of) (0, __anode$0.default)(v);");
  assert_contains (b, "for (const w of [__anode$0.of]) {}");
  assert_contains (b, "const o = { get() {}, async m() {} };");
  result_clear (&r);
}

static void
test_hoisted_var_shadows (void)
{
  result_t r = run (
    "import { x } from './x.mjs';\n"
    "function f() { x = 2; if (1) { var x; } return x; }\n"
    "function g() { return x; }\n");
  g_assert_null (r.error);
  const char *b = body (&r);
  assert_contains (b, "function f() { x = 2; if (1) { var x; } return x; }");
  assert_contains (b, "function g() { return __anode$0.x; }");
  result_clear (&r);
}

static void
test_exports_meta (void)
{
  result_t r = run (
    "import { a } from './a.mjs';\n"
    "export let count = 0;\n"
    "export const { p, q: [r] } = obj;\n"
    "export function inc() { count++; }\n"
    "export class K {}\n"
    "export default function () {}\n"
    "export { count as total, a as again, a };\n"
    "export * from './star.mjs';\n"
    "export * as ns from './ns.mjs';\n"
    "export { z as \"quoted name\" } from './z.mjs';\n");
  g_assert_null (r.error);
  assert_contains (r.meta, "\"localExports\":[\"default\",\"count\",\"p\",\"r\",\"inc\",\"K\",\"total\"]");
  assert_contains (r.meta, "[\"again\",0,\"a\",");
  assert_contains (r.meta, "[\"ns\",2,\"*\",");
  assert_contains (r.meta, "[\"quoted name\",3,\"z\",");
  assert_contains (r.meta, "\"starExports\":[1]");
  assert_contains (r.meta, "\"async\":false");
  /* Getters registered before the body runs, so cycles see functions. */
  assert_contains (r.code, "\"inc\":()=>inc");
  assert_contains (r.code, "\"default\":()=>__anode$default");
  assert_contains (r.code, "function __anode$default () {}");
  assert_contains (r.code, "(function* (__anode$m) {\"use strict\";");
  result_clear (&r);

  result_t d = run ("export default 6 * 7;\n");
  assert_contains (d.code, "const __anode$default = 6 * 7;");
  result_clear (&d);
}

static void
test_requests_and_attributes (void)
{
  result_t r = run (
    "import data from './d.json' with { type: 'json' };\n"
    "import './side.mjs';\n"
    "import \"\\x2e/esc.mjs\";\n"
    "const m = import.meta.url;\n"
    "const p = import('./dyn.mjs');\n");
  g_assert_null (r.error);
  assert_contains (r.meta, "[\"./d.json\",{\"type\":\"json\"},1,");
  assert_contains (r.meta, "[\"./side.mjs\",{},2,");
  assert_contains (r.meta, "[\"./esc.mjs\",{},3,");
  const char *b = body (&r);
  assert_contains (b, "const m = __anode$m.meta.url;");
  assert_contains (b, "const p = __anode$m.import('./dyn.mjs');");
  result_clear (&r);
}

static void
test_top_level_await (void)
{
  result_t a = run ("const x = await 1;\n");
  assert_contains (a.meta, "\"async\":true");
  assert_contains (a.code, "(async function* (__anode$m)");
  result_clear (&a);

  const char *not_top[] = {
    "async function f() { await 1; }\n",
    "const f = async () => await 1;\n",
    "const f = async x => { await x; };\n",
    "class C { async m() { await 1; } }\n",
    "const o = { async m() { await 1; } };\n",
    "const s = 'await 1';\n",
    NULL,
  };
  for (int i = 0; not_top[i]; i++) {
    result_t r = run (not_top[i]);
    g_assert_null (r.error);
    assert_contains (r.meta, "\"async\":false");
    result_clear (&r);
  }
  result_t f = run ("for await (const x of y) {}\n");
  assert_contains (f.meta, "\"async\":true");
  result_clear (&f);
}

static void
test_syntax_errors (void)
{
  struct {
    const char *src;
    int line;
    const char *message;
  } cases[] = {
    { "const a = 1;\nconst s = 'open\n", 2, "Unterminated string literal" },
    { "\n\nconst t = `open ${1}\n", 3, "Unterminated template literal" },
    { "f(1]\n", 1, "Unexpected token ']'" },
    { "import { x } from './a.mjs';\nimport { x } from './b.mjs';\n", 2, "has already been declared" },
    { "\nexport { nope };\n", 2, "Export 'nope' is not defined in module" },
    { "export const a = 1;\nexport { a };\n", 2, "Duplicate export of 'a'" },
    { "import { x } from './a.mjs';\nlet x = 1;\n", 2, "has already been declared" },
    { "import x from;\n", 1, "Unexpected token ';'" },
    { "/* never closed\n", 1, "Unterminated comment" },
    { NULL, 0, NULL },
  };
  for (int i = 0; cases[i].src; i++) {
    result_t r = run (cases[i].src);
    if (r.code != NULL)
      g_error ("expected a syntax error for: %s", cases[i].src);
    g_assert_cmpint (r.line, ==, cases[i].line);
    assert_contains (r.error, cases[i].message);
    result_clear (&r);
  }
}

static void
test_asi_and_arrows (void)
{
  result_t r = run (
    "import { x } from './x.mjs';\n"
    "const f = x => x\n"
    "x()\n"
    "const g = (a) => a, h = x;\n"
    "let y = 1\n"
    "x\n");
  g_assert_null (r.error);
  const char *b = body (&r);
  assert_contains (b, "const f = x => x\n(0, __anode$0.x)()");
  assert_contains (b, "const g = (a) => a, h = __anode$0.x;");
  assert_contains (b, "let y = 1\n__anode$0.x\n");
  result_clear (&r);
}

static void
test_cjs_exports (void)
{
  const char *src =
    "Object.defineProperty(exports, '__esModule', { value: true });\n"
    "exports.alpha = 1;\n"
    "exports['beta'] = 2;\n"
    "module.exports.gamma = 3;\n"
    "Object.defineProperty(module.exports, \"delta\", { enumerable: true, get() { return delta; } });\n"
    "const s = 'exports.no1 = 1'; // exports.no2 = 2\n"
    "const re = /exports.no3 = 3/;\n"
    "other.exports.no4 = 4;\n"
    "exports.no5 == 5;\n"
    "__exportStar(require('./star'), exports);\n";
  g_autofree char *json = anode_esm_cjs_exports (src, strlen (src));
  g_assert_nonnull (json);
  g_assert_cmpstr (json, ==,
                   "{\"exports\":[\"__esModule\",\"alpha\",\"beta\",\"gamma\",\"delta\"],"
                   "\"reexports\":[\"./star\"]}");

  /* Identifier values only, up to the first property of another shape. */
  const char *obj = "module.exports = { a, b: c, 'd': e, ...require('./spread'), f: 1, g };\n";
  g_autofree char *j2 = anode_esm_cjs_exports (obj, strlen (obj));
  g_assert_cmpstr (j2, ==, "{\"exports\":[\"a\",\"b\",\"d\"],\"reexports\":[\"./spread\"]}");

  const char *getters =
    "Object.defineProperty(exports, 'a', { enumerable: true, get: function () { return m.a; } });\n"
    "Object.defineProperty(exports, 'b', { get() { return b } });\n"
    "Object.defineProperty(exports, 'c', { get() { return compute(); } });\n";
  g_autofree char *j4 = anode_esm_cjs_exports (getters, strlen (getters));
  g_assert_cmpstr (j4, ==, "{\"exports\":[\"a\",\"b\"],\"reexports\":[]}");

  const char *re = "module.exports = require('./other');\n";
  g_autofree char *j3 = anode_esm_cjs_exports (re, strlen (re));
  g_assert_cmpstr (j3, ==, "{\"exports\":[],\"reexports\":[\"./other\"]}");
}

static void
test_dynamic_import_rewrite (void)
{
  const char *src = "const a = import('./a.mjs'); // import('no')\nconst b = 'import(\"no\")'; x.import('no');\n";
  g_autofree char *out = anode_esm_rewrite_dynamic_import (src, strlen (src), "__h");
  g_assert_cmpstr (out, ==,
                   "const a = __h('./a.mjs'); // import('no')\nconst b = 'import(\"no\")'; x.import('no');\n");
  const char *none = "const s = 'import(x)';\n";
  g_assert_null (anode_esm_rewrite_dynamic_import (none, strlen (none), "__h"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/esm/lines-kept", test_lines_are_kept);
  g_test_add_func ("/esm/strings-comments-templates", test_strings_comments_templates);
  g_test_add_func ("/esm/regex-or-division", test_regex_or_division);
  g_test_add_func ("/esm/shadowing-and-properties", test_shadowing_and_properties);
  g_test_add_func ("/esm/hoisted-var-shadows", test_hoisted_var_shadows);
  g_test_add_func ("/esm/contextual-keywords", test_contextual_keywords);
  g_test_add_func ("/esm/exports-meta", test_exports_meta);
  g_test_add_func ("/esm/requests-and-attributes", test_requests_and_attributes);
  g_test_add_func ("/esm/top-level-await", test_top_level_await);
  g_test_add_func ("/esm/syntax-errors", test_syntax_errors);
  g_test_add_func ("/esm/asi-and-arrows", test_asi_and_arrows);
  g_test_add_func ("/esm/cjs-exports", test_cjs_exports);
  g_test_add_func ("/esm/dynamic-import-rewrite", test_dynamic_import_rewrite);
  return g_test_run ();
}
