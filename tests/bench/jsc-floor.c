/* The least a program needs to run JS with javascriptcoregtk-6.0: load the
 * library, create a context, evaluate "0". anode's start-up floor. */
#include <jsc/jsc.h>

int
main (void)
{
  g_autoptr (JSCContext) ctx = jsc_context_new ();
  g_autoptr (JSCValue) v = jsc_context_evaluate (ctx, "0", -1);
  return jsc_value_to_int32 (v);
}
