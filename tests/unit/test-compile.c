/* anode_compile_function: module sources become functions whose positions
 * are the file's own, and syntax errors report the file's line. */
#include <string.h>

#include "anode-runtime.h"

static void
test_compiles_with_params (void)
{
  g_autoptr (JSCContext) ctx = jsc_context_new ();
  const char *const params[] = { "a", "b", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) fn = anode_compile_function (ctx, "return a + b;", -1, "/x.js",
                                                    params, &error);
  g_assert_no_error (error);
  g_assert_true (jsc_value_is_function (fn));
  g_autoptr (JSCValue) r = jsc_value_function_call (fn, G_TYPE_INT, 2, G_TYPE_INT, 40,
                                                    G_TYPE_NONE);
  g_assert_cmpint (jsc_value_to_int32 (r), ==, 42);
}

static void
test_stack_lines_are_the_files (void)
{
  g_autoptr (JSCContext) ctx = jsc_context_new ();
  const char *const params[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) fn = anode_compile_function (
    ctx, "\n\nreturn new Error('x').stack;", -1, "/src/app.js", params, &error);
  g_assert_no_error (error);
  g_autoptr (JSCValue) r = jsc_value_function_call (fn, G_TYPE_NONE);
  g_autofree char *stack = jsc_value_to_string (r);
  g_assert_nonnull (strstr (stack, "/src/app.js:3:"));
}

static void
test_syntax_error_line (void)
{
  g_autoptr (JSCContext) ctx = jsc_context_new ();
  const char *const params[] = { "exports", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) fn = anode_compile_function (ctx, "const ok = 1;\nlet = = 2;\n", -1,
                                                    "/bad.js", params, &error);
  g_assert_null (fn);
  g_assert_error (error, ANODE_COMPILE_ERROR, 2);
  g_assert_nonnull (strstr (error->message, "Unexpected token"));
  /* The failed compile leaves no pending exception behind. */
  g_assert_null (jsc_context_get_exception (ctx));
}

static void
test_wrapper_cannot_be_escaped_silently (void)
{
  g_autoptr (JSCContext) ctx = jsc_context_new ();
  const char *const params[] = { NULL };
  g_autoptr (GError) error = NULL;
  /* A stray closing brace ends the wrapper early; the leftover "})" must
   * then be a syntax error rather than running code outside the function. */
  g_autoptr (JSCValue) fn = anode_compile_function (ctx, "}", -1, "/esc.js", params, &error);
  g_assert_null (fn);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compile/params", test_compiles_with_params);
  g_test_add_func ("/compile/stack-lines", test_stack_lines_are_the_files);
  g_test_add_func ("/compile/syntax-error-line", test_syntax_error_line);
  g_test_add_func ("/compile/wrapper-escape", test_wrapper_cannot_be_escaped_silently);
  return g_test_run ();
}
