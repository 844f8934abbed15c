/* The libuv-in-GLib source: timers fire through the GLib main loop, and the
 * loop quits when nothing keeps libuv alive. */
#include "anode-runtime.h"

static void
timer_fired_cb (uv_timer_t *t)
{
  int *count = t->data;
  (*count)++;
  if (*count == 3)
    uv_timer_stop (t);
}

static void
test_timers_drive_glib (void)
{
  char *argv[] = { (char *) "test", NULL };
  anode_runtime_t *rt = anode_runtime_new (1, argv);
  uv_timer_t t;
  int count = 0;

  uv_timer_init (&rt->loop, &t);
  t.data = &count;
  uv_timer_start (&t, timer_fired_cb, 5, 5);
  g_main_loop_run (rt->main_loop);
  /* The loop quit by itself once the timer stopped: nothing else kept it. */
  g_assert_cmpint (count, ==, 3);
  g_assert_false (anode_runtime_loop_alive (rt));
  uv_close ((uv_handle_t *) &t, NULL);
  anode_runtime_free (rt);
}

static gboolean
glib_timeout_cb (gpointer data)
{
  int *fired = data;
  *fired = 1;
  return G_SOURCE_REMOVE;
}

static void
idle_loop_does_not_spin_cb (uv_timer_t *t)
{
}

static void
test_glib_sources_still_run (void)
{
  char *argv[] = { (char *) "test", NULL };
  anode_runtime_t *rt = anode_runtime_new (1, argv);
  uv_timer_t t;
  int fired = 0;

  /* A 50 ms libuv timer keeps the loop alive; a GLib timeout at 10 ms must
   * still run in between (the GSource must not block the context). */
  uv_timer_init (&rt->loop, &t);
  uv_timer_start (&t, idle_loop_does_not_spin_cb, 50, 0);
  g_timeout_add (10, glib_timeout_cb, &fired);
  g_main_loop_run (rt->main_loop);
  g_assert_cmpint (fired, ==, 1);
  uv_close ((uv_handle_t *) &t, NULL);
  anode_runtime_free (rt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loop-source/timers-drive-glib", test_timers_drive_glib);
  g_test_add_func ("/loop-source/glib-sources-run", test_glib_sources_still_run);
  return g_test_run ();
}
