/* Timers and immediates: one uv_timer for the earliest JS timer, a check/idle
 * pair for setImmediate. The queues live in JS (internal/timers.js); C calls
 * back once per due callback so promise jobs and nextTicks run in between,
 * as in Node. */
#include <math.h>

#include "anode-runtime.h"
#include "js-util.h"

static void
timer_cb (uv_timer_t *handle)
{
  anode_runtime_t *rt = handle->loop->data;

  for (;;) {
    double next = anode_runtime_callback_scalar (rt, rt->process_timers,
                                                 (double) uv_now (&rt->loop), FALSE);
    if (isnan (next) || next == 0)
      continue;
    if (isinf (next))
      return;
    /* |next| is the absolute due time; its sign says whether it is refed. */
    double due = fabs (next);
    uint64_t now = uv_now (&rt->loop);
    uv_timer_start (&rt->timer, timer_cb, due > now ? (uint64_t) (due - now) : 0, 0);
    if (next > 0)
      uv_ref ((uv_handle_t *) &rt->timer);
    else
      uv_unref ((uv_handle_t *) &rt->timer);
    return;
  }
}

static void
schedule_timer_cb (double ms, anode_runtime_t *rt)
{
  uv_timer_start (&rt->timer, timer_cb, ms < 1 ? 1 : (uint64_t) ms, 0);
}

static void
toggle_timer_ref_cb (gboolean ref, anode_runtime_t *rt)
{
  if (ref)
    uv_ref ((uv_handle_t *) &rt->timer);
  else
    uv_unref ((uv_handle_t *) &rt->timer);
}

static double
get_libuv_now_cb (anode_runtime_t *rt)
{
  /* The loop's cached time can be a whole start-up old. */
  uv_update_time (&rt->loop);
  return (double) uv_now (&rt->loop);
}

static void
check_cb (uv_check_t *handle)
{
  anode_runtime_t *rt = handle->loop->data;
  gboolean first = TRUE;

  while (rt->immediate_pending) {
    /* NAN: the callback threw and was handled; go on with the rest. */
    double more = anode_runtime_callback_scalar (rt, rt->process_immediate, first, TRUE);
    first = FALSE;
    if (more == 0)
      break;
  }
}

static void
idle_cb (uv_idle_t *handle)
{
  /* Only here so the poll phase does not block while immediates wait. */
}

/* immediateState(count, refCount): JS reports its queue so C can keep the
 * loop alive exactly while refed immediates exist. */
static void
immediate_state_cb (int count, int ref_count, anode_runtime_t *rt)
{
  rt->immediate_pending = count > 0;
  if (count > 0) {
    uv_check_start (&rt->immediate_check, check_cb);
    uv_idle_start (&rt->immediate_idle, idle_cb);
  } else {
    uv_check_stop (&rt->immediate_check);
    uv_idle_stop (&rt->immediate_idle);
  }
  if (ref_count > 0)
    uv_ref ((uv_handle_t *) &rt->immediate_idle);
  else
    uv_unref ((uv_handle_t *) &rt->immediate_idle);
}

static void
setup_cb (JSCValue *process_timers, JSCValue *process_immediate, anode_runtime_t *rt)
{
  g_set_object (&rt->process_timers, process_timers);
  g_set_object (&rt->process_immediate, process_immediate);
}

void
anode_timers_close (anode_runtime_t *rt)
{
  if (rt->timer.loop == NULL)
    return;
  uv_close ((uv_handle_t *) &rt->timer, NULL);
  uv_close ((uv_handle_t *) &rt->immediate_check, NULL);
  uv_close ((uv_handle_t *) &rt->immediate_idle, NULL);
}

JSCValue *
anode_binding_timers_init (anode_runtime_t *rt)
{
  uv_timer_init (&rt->loop, &rt->timer);
  uv_check_init (&rt->loop, &rt->immediate_check);
  uv_unref ((uv_handle_t *) &rt->immediate_check);
  uv_idle_init (&rt->loop, &rt->immediate_idle);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "setup", G_CALLBACK (setup_cb), rt, G_TYPE_NONE, 2,
                    JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "scheduleTimer", G_CALLBACK (schedule_timer_cb), rt,
                    G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  anode_set_method (b, "toggleTimerRef", G_CALLBACK (toggle_timer_ref_cb), rt,
                    G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  anode_set_method (b, "getLibuvNow", G_CALLBACK (get_libuv_now_cb), rt,
                    G_TYPE_DOUBLE, 0);
  anode_set_method (b, "immediateState", G_CALLBACK (immediate_state_cb), rt,
                    G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  return b;
}
