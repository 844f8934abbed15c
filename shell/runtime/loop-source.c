/* Drives the libuv loop from the GLib main context: a GSource polling
 * uv_backend_fd(), with uv_backend_timeout() as its timeout. No thread, no
 * busy wait, no timer ticking while idle. */
#include "anode-runtime.h"

typedef struct {
  GSource source;
  anode_runtime_t *rt;
  gpointer tag;
  gboolean dispatching;
  int paused; /* > 0 while a nested main loop must not run JS */
} anode_loop_source_t;

static gboolean
loop_prepare (GSource *source, gint *timeout)
{
  anode_loop_source_t *s = (anode_loop_source_t *) source;
  if (s->paused > 0) {
    *timeout = -1;
    return FALSE;
  }
  uv_update_time (&s->rt->loop);
  *timeout = uv_backend_timeout (&s->rt->loop);
  return *timeout == 0;
}

static gboolean
loop_check (GSource *source)
{
  anode_loop_source_t *s = (anode_loop_source_t *) source;
  if (s->paused > 0)
    return FALSE;
  if (g_source_query_unix_fd (source, s->tag) & G_IO_IN)
    return TRUE;
  uv_update_time (&s->rt->loop);
  return uv_backend_timeout (&s->rt->loop) == 0;
}

static gboolean
loop_dispatch (GSource *source, GSourceFunc callback, gpointer user_data)
{
  anode_loop_source_t *s = (anode_loop_source_t *) source;
  anode_runtime_t *rt = s->rt;

  /* uv_run is not reentrant: a main loop nested in a callback skips us. */
  if (s->dispatching)
    return G_SOURCE_CONTINUE;
  s->dispatching = TRUE;
  uv_run (&rt->loop, UV_RUN_NOWAIT);
  s->dispatching = FALSE;
  if (!uv_loop_alive (&rt->loop))
    g_main_loop_quit (rt->main_loop);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs loop_funcs = {
  .prepare = loop_prepare,
  .check = loop_check,
  .dispatch = loop_dispatch,
};

GSource *
anode_loop_source_new (anode_runtime_t *rt)
{
  GSource *source = g_source_new (&loop_funcs, sizeof (anode_loop_source_t));
  anode_loop_source_t *s = (anode_loop_source_t *) source;
  s->rt = rt;
  s->tag = g_source_add_unix_fd (source, uv_backend_fd (&rt->loop), G_IO_IN);
  g_source_set_name (source, "anode libuv loop");
  /* GLib blocks a non-recursive source while dispatching it, taking its fd
   * out of the poll set and putting it back: two wakeup-eventfd writes and
   * a read per loop turn, i.e. per request for a server at low load. The
   * guard in loop_dispatch keeps recursion out instead. */
  g_source_set_can_recurse (source, TRUE);
  return source;
}

void
anode_loop_source_pause (GSource *source, gboolean pause)
{
  anode_loop_source_t *s = (anode_loop_source_t *) source;
  s->paused += pause ? 1 : -1;
}
