/* worker_threads underneath: message ports whose two ends may live on
 * different threads, and Worker threads, each running a runtime of its own
 * (JSCContext + libuv loop + GLib main context) until its loop ends or it is
 * terminated.
 *
 * A message is bytes the JS side encoded (the structured-clone encoding of
 * internal/electron/ipc_wire.js), plus out-of-band ArrayBuffers and the
 * port ends it transfers. Bytes are copied once, into the message; the
 * receiver wraps them in an ArrayBuffer without a second copy. A channel's
 * two ends share one lock; each runtime has one uv_async_t ("host") that
 * wakes it when any of its ends has mail. An end in transit (posted, not
 * yet adopted) belongs to no host and keeps its inbox. */
#include <string.h>

#include "anode-runtime.h"
#include "js-util.h"

typedef struct worker_host worker_host_t;
typedef struct channel channel_t;

/* One end of a channel. Fields below `channel` are guarded by its lock. */
typedef struct {
  channel_t *channel;
  GQueue inbox;            /* message_t* */
  worker_host_t *host;     /* the runtime that owns it, or NULL in transit */
  int id;                  /* in host->ends; -1 when not adopted */
  gboolean closed;         /* closed by its side: takes no more mail */
  gboolean queued;         /* in host->ready */
  gboolean refed;          /* counts in host->refs (host thread only) */
  gboolean started;        /* JS wants its mail delivered (host thread only) */
} end_t;

struct channel {
  gatomicrefcount refs;    /* one per end not yet released */
  GMutex lock;
  end_t ends[2];
};

enum { KIND_CLOSE = -1 };

typedef struct {
  int kind;                /* JS's own tag (user message, error...), or KIND_CLOSE */
  guint8 *data;
  gsize len;
  GPtrArray *buffers;      /* GBytes* of the out-of-band ArrayBuffers */
  GPtrArray *ends;         /* end_t* transferred with the message */
} message_t;

/* Per runtime. Other threads touch it only through `lock` (to wake it);
 * it is refcounted because a poster may hold it while the runtime ends. */
struct worker_host {
  gatomicrefcount refs;
  GMutex lock;
  gboolean alive;          /* async usable (under lock) */
  gboolean terminate;      /* a parent asked this worker to stop (under lock) */
  uv_async_t async;
  GQueue ready;            /* end_t* with mail (under lock) */
  anode_runtime_t *rt;
  GPtrArray *ends;         /* id -> end_t*, NULL when free (host thread) */
  int refs_alive;          /* ends and workers keeping the loop alive */
  JSCValue *on_message;    /* (endId, kind, ArrayBuffer|undefined, [buffers, endIds]|undefined) */
  JSCValue *on_exit;       /* (workerId, exitCode) */
  GPtrArray *workers;      /* id -> anode_worker_t*, NULL when free */
  struct anode_worker *self; /* the Worker this runtime runs, if any */
  anode_watchdog_t watchdog;
};

/* A Worker, shared by the parent's thread and its own. */
struct anode_worker {
  gatomicrefcount refs;
  GMutex lock;
  worker_host_t *parent;   /* parent thread only */
  int id;                  /* in parent->workers */
  uv_async_t exited;       /* in the parent's loop */
  gboolean exited_open;
  gboolean refed;
  GThread *thread;
  /* Read by the worker thread at start. */
  char *filename;
  char *code;              /* eval: the source, and filename is its name */
  GStrv argv;
  GStrv exec_argv;
  int thread_id;
  char *name;
  end_t *end;              /* the worker's side of its parent channel */
  /* Under lock. */
  GCond done;
  gboolean finished;       /* the thread is past its runtime */
  worker_host_t *child;    /* while the worker's runtime runs */
  gboolean terminate;
  volatile gint stop;      /* atomic: the watchdog's question */
  int exit_code;
};
typedef struct anode_worker anode_worker_t;

static void
message_free (message_t *m)
{
  g_free (m->data);
  g_clear_pointer (&m->buffers, g_ptr_array_unref);
  g_clear_pointer (&m->ends, g_ptr_array_unref);
  g_free (m);
}

static worker_host_t *
host_ref (worker_host_t *h)
{
  g_atomic_ref_count_inc (&h->refs);
  return h;
}

static void
host_unref (worker_host_t *h)
{
  if (h != NULL && g_atomic_ref_count_dec (&h->refs)) {
    g_mutex_clear (&h->lock);
    g_free (h);
  }
}

static void
worker_unref (anode_worker_t *w)
{
  if (w == NULL || !g_atomic_ref_count_dec (&w->refs))
    return;
  g_free (w->filename);
  g_free (w->code);
  g_strfreev (w->argv);
  g_strfreev (w->exec_argv);
  g_free (w->name);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->done);
  g_free (w);
}

static void
wake (worker_host_t *h)
{
  g_mutex_lock (&h->lock);
  if (h->alive)
    uv_async_send (&h->async);
  g_mutex_unlock (&h->lock);
}

/* With the channel locked: puts `e` on its host's list of ends with mail
 * (once) and wakes the host. */
static void
host_queue (worker_host_t *h, end_t *e)
{
  g_mutex_lock (&h->lock);
  if (!e->queued) {
    e->queued = TRUE;
    g_queue_push_tail (&h->ready, e);
  }
  if (h->alive)
    uv_async_send (&h->async);
  g_mutex_unlock (&h->lock);
}

/* With the channel locked: gives `e` a message, waking its host. */
static void
deliver_locked (end_t *e, message_t *m)
{
  if (e->closed) {
    message_free (m);
    return;
  }
  g_queue_push_tail (&e->inbox, m);
  if (e->host != NULL)
    host_queue (e->host, e);
}

static end_t *
peer_of (end_t *e)
{
  channel_t *c = e->channel;
  return e == &c->ends[0] ? &c->ends[1] : &c->ends[0];
}

static void
channel_release (channel_t *c)
{
  if (!g_atomic_ref_count_dec (&c->refs))
    return;
  for (int i = 0; i < 2; i++) {
    message_t *m;
    while ((m = g_queue_pop_head (&c->ends[i].inbox)) != NULL)
      message_free (m);
  }
  g_mutex_clear (&c->lock);
  g_free (c);
}

/* Closes `e` for good: its peer hears of it; undelivered mail is dropped.
 * `e` must not be in any host's table any more. */
static void
end_close (end_t *e)
{
  channel_t *c = e->channel;
  g_mutex_lock (&c->lock);
  if (!e->closed) {
    e->closed = TRUE;
    message_t *m = g_new0 (message_t, 1);
    m->kind = KIND_CLOSE;
    deliver_locked (peer_of (e), m);
  }
  e->host = NULL;
  g_mutex_unlock (&c->lock);
  channel_release (c);
}

/* An end in a message that was never adopted (its receiver is gone). */
static void
end_release_ptr (gpointer p)
{
  end_close (p);
}

static channel_t *
channel_new (void)
{
  channel_t *c = g_new0 (channel_t, 1);
  g_atomic_ref_count_init (&c->refs);
  g_atomic_ref_count_inc (&c->refs);
  g_mutex_init (&c->lock);
  for (int i = 0; i < 2; i++) {
    c->ends[i].channel = c;
    c->ends[i].id = -1;
    g_queue_init (&c->ends[i].inbox);
  }
  return c;
}

/* ---- Hosts: the per-runtime side. */

static void
host_set_ref (worker_host_t *h, gboolean *flag, gboolean on)
{
  if (*flag == on)
    return;
  *flag = on;
  h->refs_alive += on ? 1 : -1;
  if (h->refs_alive > 0)
    uv_ref ((uv_handle_t *) &h->async);
  else
    uv_unref ((uv_handle_t *) &h->async);
}

static int
table_add (GPtrArray *table, gpointer item)
{
  for (guint i = 0; i < table->len; i++) {
    if (g_ptr_array_index (table, i) == NULL) {
      g_ptr_array_index (table, i) = item;
      return (int) i;
    }
  }
  g_ptr_array_add (table, item);
  return (int) table->len - 1;
}

static gpointer
table_get (GPtrArray *table, int id)
{
  return id >= 0 && (guint) id < table->len ? g_ptr_array_index (table, id) : NULL;
}

/* Makes `e` this host's, with mail it got in transit queued for delivery. */
static int
host_adopt (worker_host_t *h, end_t *e)
{
  channel_t *c = e->channel;
  int id = table_add (h->ends, e);
  g_mutex_lock (&c->lock);
  e->host = h;
  e->id = id;
  e->started = FALSE;
  g_mutex_unlock (&c->lock);
  return id;
}

/* Takes `e` out of this host (closing, or sending it elsewhere). */
static void
host_drop (worker_host_t *h, end_t *e)
{
  host_set_ref (h, &e->refed, FALSE);
  g_ptr_array_index (h->ends, e->id) = NULL;
  channel_t *c = e->channel;
  g_mutex_lock (&c->lock);
  e->host = NULL;
  e->id = -1;
  g_mutex_lock (&h->lock);
  if (e->queued) {
    g_queue_remove (&h->ready, e);
    e->queued = FALSE;
  }
  g_mutex_unlock (&h->lock);
  g_mutex_unlock (&c->lock);
}

static JSCValue *
bytes_to_buffer (JSCContext *ctx, GBytes *bytes)
{
  gsize len = 0;
  gconstpointer data = g_bytes_get_data (bytes, &len);
  /* JSC wants writable memory: the GBytes owns a private copy. */
  return jsc_value_new_array_buffer (ctx, (gpointer) data, len,
                                     (GDestroyNotify) g_bytes_unref, g_bytes_ref (bytes));
}

/* A message as JS sees it: its bytes as an ArrayBuffer (or undefined), and
 * `extra`, undefined or [out-of-band ArrayBuffers, ids of the transferred
 * ends, adopted by this host]. Takes the bytes and the ends out of `m`. */
static void
message_to_js (worker_host_t *h, message_t *m, JSCValue **data, JSCValue **extra)
{
  JSCContext *ctx = h->rt->ctx;
  if (m->data != NULL) {
    guint8 *bytes = g_steal_pointer (&m->data);
    *data = jsc_value_new_array_buffer (ctx, bytes, m->len, g_free, bytes);
  } else {
    *data = jsc_value_new_undefined (ctx);
  }
  g_autoptr (GPtrArray) buffers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; m->buffers != NULL && i < m->buffers->len; i++)
    g_ptr_array_add (buffers, bytes_to_buffer (ctx, g_ptr_array_index (m->buffers, i)));
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_object_unref);
  if (m->ends != NULL) {
    /* Ownership of the transferred ends moves here. */
    g_ptr_array_set_free_func (m->ends, NULL);
    for (guint i = 0; i < m->ends->len; i++)
      g_ptr_array_add (ids, jsc_value_new_number (ctx, host_adopt (h, g_ptr_array_index (m->ends, i))));
  }
  if (buffers->len == 0 && ids->len == 0) {
    *extra = jsc_value_new_undefined (ctx);
    return;
  }
  g_autoptr (GPtrArray) pair = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (pair, jsc_value_new_array_from_garray (ctx, buffers));
  g_ptr_array_add (pair, jsc_value_new_array_from_garray (ctx, ids));
  *extra = jsc_value_new_array_from_garray (ctx, pair);
}

static void
host_deliver (worker_host_t *h, end_t *e, message_t *m)
{
  JSCContext *ctx = h->rt->ctx;
  int id = e->id;
  if (m->kind == KIND_CLOSE) {
    g_autoptr (JSCValue) jid = jsc_value_new_number (ctx, id);
    g_autoptr (JSCValue) kind = jsc_value_new_number (ctx, KIND_CLOSE);
    JSCValue *args[] = { jid, kind };
    g_autoptr (JSCValue) r = anode_runtime_callback (h->rt, h->on_message, 2, args);
    return;
  }
  g_autoptr (JSCValue) data = NULL;
  g_autoptr (JSCValue) extra = NULL;
  message_to_js (h, m, &data, &extra);
  g_autoptr (JSCValue) jid = jsc_value_new_number (ctx, id);
  g_autoptr (JSCValue) kind = jsc_value_new_number (ctx, m->kind);
  JSCValue *args[] = { jid, kind, data, extra };
  g_autoptr (JSCValue) r = anode_runtime_callback (h->rt, h->on_message, 4, args);
}

/* Pops one message for `e`, or NULL. Unless `any`, only what a port not
 * yet started may see: the close, which comes whether started or not. */
static message_t *
end_pop (end_t *e, gboolean any)
{
  channel_t *c = e->channel;
  g_mutex_lock (&c->lock);
  message_t *m = g_queue_peek_head (&e->inbox);
  if (m != NULL && (any || m->kind == KIND_CLOSE))
    g_queue_pop_head (&e->inbox);
  else
    m = NULL;
  g_mutex_unlock (&c->lock);
  return m;
}

static void terminate_now (worker_host_t *h);

static void
host_async_cb (uv_async_t *async)
{
  worker_host_t *h = async->data;
  g_mutex_lock (&h->lock);
  gboolean terminate = h->terminate;
  GQueue ready = h->ready;
  g_queue_init (&h->ready);
  for (GList *l = ready.head; l != NULL; l = l->next) {
    end_t *e = l->data;
    e->queued = FALSE;
    /* A listener may close the end: keep it allocated until we are done. */
    g_atomic_ref_count_inc (&e->channel->refs);
  }
  g_mutex_unlock (&h->lock);
  if (terminate)
    terminate_now (h);
  end_t *e;
  while ((e = g_queue_pop_head (&ready)) != NULL) {
    /* Each message goes out on its own: a listener may close or send the
     * end away, and then the rest waits for its new owner. */
    message_t *m;
    while (!h->rt->terminating && e->host == h && h->on_message != NULL &&
           (m = end_pop (e, e->started)) != NULL) {
      host_deliver (h, e, m);
      message_free (m);
    }
    channel_release (e->channel);
  }
}

static void
host_closed_cb (uv_handle_t *handle)
{
  host_unref (handle->data);
}

static void worker_detach (anode_worker_t *w);

/* The runtime is going away (called before its context is dropped: the
 * host's JS callbacks hold the context): every end closes (peers hear of
 * it), every Worker this runtime started is told to stop and is not waited
 * for here (its thread ends on its own and only touches refcounted state). */
void
anode_worker_host_release (anode_runtime_t *rt)
{
  worker_host_t *h = g_object_steal_data (G_OBJECT (rt->ctx), "anode-worker-host");
  if (h == NULL)
    return;
  for (guint i = 0; i < h->ends->len; i++) {
    end_t *e = g_ptr_array_index (h->ends, i);
    if (e != NULL) {
      host_drop (h, e);
      end_close (e);
    }
  }
  g_ptr_array_unref (h->ends);
  for (guint i = 0; i < h->workers->len; i++) {
    anode_worker_t *w = g_ptr_array_index (h->workers, i);
    if (w != NULL)
      worker_detach (w);
  }
  g_ptr_array_unref (h->workers);
  g_clear_object (&h->on_message);
  g_clear_object (&h->on_exit);
  g_mutex_lock (&h->lock);
  h->alive = FALSE;
  g_queue_clear (&h->ready);
  g_mutex_unlock (&h->lock);
  uv_close ((uv_handle_t *) &h->async, host_closed_cb);
}

static worker_host_t *
host_get (anode_runtime_t *rt)
{
  return g_object_get_data (G_OBJECT (rt->ctx), "anode-worker-host");
}

/* ---- Ports, from JS. */

static JSCValue *
create_channel_cb (anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  channel_t *c = channel_new ();
  int a = host_adopt (h, &c->ends[0]);
  int b = host_adopt (h, &c->ends[1]);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (ids, jsc_value_new_number (rt->ctx, a));
  g_ptr_array_add (ids, jsc_value_new_number (rt->ctx, b));
  return jsc_value_new_array_from_garray (rt->ctx, ids);
}

static end_t *
end_arg (worker_host_t *h, JSCValue *v)
{
  if (!jsc_value_is_number (v))
    return NULL;
  return table_get (h->ends, jsc_value_to_int32 (v));
}

static void
throw_type (anode_runtime_t *rt, const char *message)
{
  jsc_context_throw_with_name (rt->ctx, "TypeError", message);
}

/* post(id, kind, bytes: Uint8Array, buffers: ArrayBuffer[], endIds: number[]):
 * false when the other side is closed (the message is dropped, as the web's
 * MessagePort does). Transferred ends leave this runtime in any case. */
static gboolean
post_cb (GPtrArray *args, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  end_t *e = args->len >= 5 ? end_arg (h, args->pdata[0]) : NULL;
  if (e == NULL) {
    throw_type (rt, "post: not an open port");
    return FALSE;
  }
  JSCValue *bytes = args->pdata[2], *buffers = args->pdata[3], *ids = args->pdata[4];
  message_t *m = g_new0 (message_t, 1);
  m->kind = jsc_value_to_int32 (args->pdata[1]);
  if (jsc_value_is_typed_array (bytes)) {
    gsize len = 0;
    gpointer data = jsc_value_typed_array_get_data (bytes, &len);
    m->data = g_memdup2 (data, len);
    m->len = len;
  }
  if (jsc_value_is_array (buffers)) {
    g_autoptr (JSCValue) jlen = jsc_value_object_get_property (buffers, "length");
    int n = jsc_value_to_int32 (jlen);
    m->buffers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    for (int i = 0; i < n; i++) {
      g_autoptr (JSCValue) ab = jsc_value_object_get_property_at_index (buffers, i);
      gsize size = 0;
      gpointer data = jsc_value_is_array_buffer (ab) ? jsc_value_array_buffer_get_data (ab, &size) : NULL;
      g_ptr_array_add (m->buffers, g_bytes_new (data, size));
    }
  }
  if (jsc_value_is_array (ids)) {
    g_autoptr (JSCValue) jlen = jsc_value_object_get_property (ids, "length");
    int n = jsc_value_to_int32 (jlen);
    /* Checked before any end moves, so a bad list changes nothing. */
    for (int i = 0; i < n; i++) {
      g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (ids, i);
      end_t *t = end_arg (h, v);
      if (t == NULL || t == e || t == peer_of (e)) {
        message_free (m);
        throw_type (rt, "post: a transferred port is not an open port of this thread, or is the sending port or its peer");
        return FALSE;
      }
    }
    m->ends = g_ptr_array_new_with_free_func (end_release_ptr);
    for (int i = 0; i < n; i++) {
      g_autoptr (JSCValue) v = jsc_value_object_get_property_at_index (ids, i);
      end_t *t = end_arg (h, v);
      host_drop (h, t);
      g_ptr_array_add (m->ends, t);
    }
  }
  channel_t *c = e->channel;
  g_mutex_lock (&c->lock);
  end_t *peer = peer_of (e);
  gboolean open = !peer->closed && !e->closed;
  if (open)
    deliver_locked (peer, m);
  g_mutex_unlock (&c->lock);
  if (!open)
    message_free (m);
  return open;
}

/* ref(id, on): whether the port keeps the loop alive. */
static void
ref_cb (int id, gboolean on, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  end_t *e = table_get (h->ends, id);
  if (e != NULL)
    host_set_ref (h, &e->refed, on);
}

/* start(id, on): deliver the port's mail (a web MessagePort holds it until
 * started). */
static void
start_port_cb (int id, gboolean on, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  end_t *e = table_get (h->ends, id);
  if (e == NULL || e->started == on)
    return;
  e->started = on;
  if (!on)
    return;
  channel_t *c = e->channel;
  g_mutex_lock (&c->lock);
  if (e->inbox.length > 0)
    host_queue (h, e);
  g_mutex_unlock (&c->lock);
}

static void
close_cb (int id, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  end_t *e = table_get (h->ends, id);
  if (e == NULL)
    return;
  host_drop (h, e);
  end_close (e);
}

/* receive(id): the next message now (receiveMessageOnPort), as
 * [kind, ArrayBuffer|undefined, extra] (see message_to_js), or undefined. */
static JSCValue *
receive_cb (int id, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  end_t *e = table_get (h->ends, id);
  message_t *m = e != NULL ? end_pop (e, TRUE) : NULL;
  if (m == NULL)
    return jsc_value_new_undefined (rt->ctx);
  if (m->kind == KIND_CLOSE) {
    /* Put back: the close event still has to fire. */
    g_mutex_lock (&e->channel->lock);
    g_queue_push_head (&e->inbox, m);
    g_mutex_unlock (&e->channel->lock);
    return jsc_value_new_undefined (rt->ctx);
  }
  JSCContext *ctx = rt->ctx;
  g_autoptr (JSCValue) data = NULL;
  g_autoptr (JSCValue) extra = NULL;
  message_to_js (h, m, &data, &extra);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (out, jsc_value_new_number (ctx, m->kind));
  g_ptr_array_add (out, g_steal_pointer (&data));
  g_ptr_array_add (out, g_steal_pointer (&extra));
  message_free (m);
  return jsc_value_new_array_from_garray (ctx, out);
}

static void
set_callbacks_cb (JSCValue *on_message, JSCValue *on_exit, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  g_set_object (&h->on_message, on_message);
  g_set_object (&h->on_exit, on_exit);
}

/* ---- Workers. */

static void
exited_closed_cb (uv_handle_t *handle)
{
  worker_unref (handle->data);
}

static void
worker_detach (anode_worker_t *w)
{
  /* The parent runtime is ending: stop the worker, forget its exit. */
  g_mutex_lock (&w->lock);
  w->terminate = TRUE;
  g_atomic_int_set (&w->stop, 1);
  w->parent = NULL;
  worker_host_t *child = w->child ? host_ref (w->child) : NULL;
  g_mutex_unlock (&w->lock);
  if (child != NULL) {
    g_mutex_lock (&child->lock);
    child->terminate = TRUE;
    g_mutex_unlock (&child->lock);
    wake (child);
    host_unref (child);
  }
  if (w->exited_open) {
    w->exited_open = FALSE;
    uv_close ((uv_handle_t *) &w->exited, exited_closed_cb);
  } else {
    worker_unref (w);
  }
}

static gboolean
should_terminate (gpointer data)
{
  anode_worker_t *w = data;
  return g_atomic_int_get (&w->stop) != 0;
}

/* Ends this worker's runtime: its loop stops and what JS is running is
 * cut short by the watchdog. */
static void
terminate_now (worker_host_t *h)
{
  anode_runtime_t *rt = h->rt;
  if (rt->terminating)
    return;
  rt->terminating = TRUE;
  if (h->self != NULL)
    g_atomic_int_set (&h->self->stop, 1);
  uv_stop (&rt->loop);
  g_main_loop_quit (rt->main_loop);
  /* A running script stops at its next watchdog check. */
  anode_jsc_set_watchdog (rt->ctx, 0, &h->watchdog);
}

void
anode_worker_exit (anode_runtime_t *rt, int code)
{
  worker_host_t *h = host_get (rt);
  rt->exit_code = code;
  terminate_now (h);
}

static JSCValue *
strv_array (JSCContext *ctx, GStrv v)
{
  return jsc_value_new_array_from_strv (ctx, (const char *const *) v);
}

static gpointer
worker_thread (gpointer data)
{
  anode_worker_t *w = data;
  GMainContext *mc = g_main_context_new ();
  g_main_context_push_thread_default (mc);

  anode_runtime_t *rt = anode_runtime_new (g_strv_length (w->argv), w->argv);
  rt->worker = w;
  JSCValue *b = anode_runtime_get_binding (rt, "worker");
  worker_host_t *h = host_get (rt);
  h->self = w;
  h->watchdog.should_terminate = should_terminate;
  h->watchdog.data = w;
  /* Long enough to cost nothing, short enough that terminate() is prompt. */
  anode_jsc_set_watchdog (rt->ctx, 0.05, &h->watchdog);

  g_mutex_lock (&w->lock);
  w->child = host_ref (h);
  gboolean stop = w->terminate;
  g_mutex_unlock (&w->lock);

  int code = 1;
  if (!stop) {
    int port = host_adopt (h, g_steal_pointer (&w->end));
    JSCContext *ctx = rt->ctx;
    g_autoptr (JSCValue) options = jsc_value_new_object (ctx, NULL, NULL);
    anode_set_string (options, "mode", "worker");
    anode_set_string (options, "script", w->filename);
    if (w->code != NULL)
      anode_set_string (options, "code", w->code);
    anode_set_int (options, "port", port);
    anode_set_int (options, "threadId", w->thread_id);
    anode_set_string (options, "name", w->name);
    g_autoptr (JSCValue) exec_argv = strv_array (ctx, w->exec_argv);
    anode_set_value (options, "execArgv", exec_argv);
    g_autoptr (JSCValue) args = jsc_value_new_array (ctx, G_TYPE_NONE);
    anode_set_value (options, "args", args);
    if (anode_runtime_start (rt, options))
      code = anode_runtime_run (rt);
    if (rt->terminating && !g_atomic_int_get (&w->stop))
      code = rt->exit_code;
    else if (g_atomic_int_get (&w->stop) && rt->exit_code == 0)
      code = 1;
  }
  (void) b;

  g_mutex_lock (&w->lock);
  g_clear_pointer (&w->child, host_unref);
  g_mutex_unlock (&w->lock);
  /* An end never adopted (terminated before it started). */
  if (w->end != NULL)
    end_close (g_steal_pointer (&w->end));
  anode_workers_stop (rt);
  anode_runtime_free (rt);
  g_main_context_pop_thread_default (mc);
  g_main_context_unref (mc);

  g_mutex_lock (&w->lock);
  w->exit_code = code;
  w->finished = TRUE;
  g_cond_broadcast (&w->done);
  if (w->parent != NULL)
    uv_async_send (&w->exited);
  g_mutex_unlock (&w->lock);
  worker_unref (w);
  return NULL;
}

static void
worker_exited_cb (uv_async_t *async)
{
  anode_worker_t *w = async->data;
  worker_host_t *h = w->parent;
  g_thread_join (g_steal_pointer (&w->thread));
  g_ptr_array_index (h->workers, w->id) = NULL;
  host_set_ref (h, &w->refed, FALSE);
  w->exited_open = FALSE;
  int id = w->id, code = w->exit_code;
  uv_close ((uv_handle_t *) &w->exited, exited_closed_cb);
  if (h->on_exit != NULL) {
    JSCContext *ctx = h->rt->ctx;
    g_autoptr (JSCValue) jid = jsc_value_new_number (ctx, id);
    g_autoptr (JSCValue) jcode = jsc_value_new_number (ctx, code);
    JSCValue *args[] = { jid, jcode };
    g_autoptr (JSCValue) r = anode_runtime_callback (h->rt, h->on_exit, 2, args);
  }
}

static GStrv
strv_from_js (JSCValue *v)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  if (jsc_value_is_array (v)) {
    g_autoptr (JSCValue) jlen = jsc_value_object_get_property (v, "length");
    int n = jsc_value_to_int32 (jlen);
    for (int i = 0; i < n; i++) {
      g_autoptr (JSCValue) item = jsc_value_object_get_property_at_index (v, i);
      g_autofree char *s = jsc_value_to_string (item);
      g_strv_builder_add (b, s);
    }
  }
  return g_strv_builder_end (b);
}

static char *
string_prop (JSCValue *o, const char *name)
{
  g_autoptr (JSCValue) v = jsc_value_object_get_property (o, name);
  return jsc_value_is_string (v) ? jsc_value_to_string (v) : NULL;
}

/* start({filename, code?, argv, execArgv, threadId, name, port}): runs a
 * worker whose parentPort is the other end of `port` (an end of this
 * thread's, which moves to the worker). Returns the worker's id, or -1
 * with errctx.message set. */
static int
start_cb (JSCValue *opts, JSCValue *errctx, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  g_autoptr (JSCValue) jport = jsc_value_object_get_property (opts, "port");
  end_t *e = end_arg (h, jport);
  g_autofree char *filename = string_prop (opts, "filename");
  if (e == NULL || filename == NULL) {
    throw_type (rt, "start: bad options");
    return -1;
  }
  anode_worker_t *w = g_new0 (anode_worker_t, 1);
  g_atomic_ref_count_init (&w->refs);
  g_mutex_init (&w->lock);
  g_cond_init (&w->done);
  w->parent = h;
  w->filename = g_steal_pointer (&filename);
  w->code = string_prop (opts, "code");
  w->name = string_prop (opts, "name");
  if (w->name == NULL)
    w->name = g_strdup ("");
  g_autoptr (JSCValue) argv = jsc_value_object_get_property (opts, "argv");
  w->argv = strv_from_js (argv);
  g_autoptr (JSCValue) exec_argv = jsc_value_object_get_property (opts, "execArgv");
  w->exec_argv = strv_from_js (exec_argv);
  g_autoptr (JSCValue) tid = jsc_value_object_get_property (opts, "threadId");
  w->thread_id = jsc_value_to_int32 (tid);
  int err = uv_async_init (&rt->loop, &w->exited, worker_exited_cb);
  if (err != 0) {
    anode_set_uv_error (errctx, err, "uv_async_init", NULL);
    worker_unref (w);
    return -1;
  }
  w->exited.data = w;
  w->exited_open = TRUE;
  host_drop (h, e);
  w->end = e;
  w->id = table_add (h->workers, w);
  host_set_ref (h, &w->refed, TRUE);
  g_autoptr (GError) error = NULL;
  g_atomic_ref_count_inc (&w->refs); /* the thread's */
  g_autofree char *tname = g_strdup_printf ("anode-worker-%d", w->thread_id);
  w->thread = g_thread_try_new (tname, worker_thread, w, &error);
  if (w->thread == NULL) {
    worker_unref (w);
    g_ptr_array_index (h->workers, w->id) = NULL;
    host_set_ref (h, &w->refed, FALSE);
    end_close (g_steal_pointer (&w->end));
    w->exited_open = FALSE;
    uv_close ((uv_handle_t *) &w->exited, exited_closed_cb);
    anode_set_string (errctx, "message", error->message);
    return -1;
  }
  return w->id;
}

static void
worker_terminate (anode_worker_t *w)
{
  g_mutex_lock (&w->lock);
  w->terminate = TRUE;
  g_atomic_int_set (&w->stop, 1);
  worker_host_t *child = w->child ? host_ref (w->child) : NULL;
  g_mutex_unlock (&w->lock);
  if (child == NULL)
    return;
  g_mutex_lock (&child->lock);
  child->terminate = TRUE;
  if (child->alive)
    uv_async_send (&child->async);
  g_mutex_unlock (&child->lock);
  host_unref (child);
}

static void
terminate_cb (int id, anode_runtime_t *rt)
{
  anode_worker_t *w = table_get (host_get (rt)->workers, id);
  if (w != NULL)
    worker_terminate (w);
}

void
anode_workers_stop (anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  if (h == NULL)
    return;
  for (guint i = 0; i < h->workers->len; i++) {
    anode_worker_t *w = g_ptr_array_index (h->workers, i);
    if (w != NULL)
      worker_terminate (w);
  }
  /* A worker stuck in a blocking call is not waited for forever. */
  gint64 deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  for (guint i = 0; i < h->workers->len; i++) {
    anode_worker_t *w = g_ptr_array_index (h->workers, i);
    if (w == NULL)
      continue;
    g_mutex_lock (&w->lock);
    while (!w->finished && g_cond_wait_until (&w->done, &w->lock, deadline))
      ;
    g_mutex_unlock (&w->lock);
  }
}

static void
worker_ref_cb (int id, gboolean on, anode_runtime_t *rt)
{
  worker_host_t *h = host_get (rt);
  anode_worker_t *w = table_get (h->workers, id);
  if (w != NULL)
    host_set_ref (h, &w->refed, on);
}

/* threadId: unique in the process, whichever thread starts the worker. */
static int
next_thread_id_cb (anode_runtime_t *rt)
{
  static gint last;
  return g_atomic_int_add (&last, 1) + 1;
}

JSCValue *
anode_binding_worker_init (anode_runtime_t *rt)
{
  worker_host_t *h = g_new0 (worker_host_t, 1);
  g_atomic_ref_count_init (&h->refs);
  g_mutex_init (&h->lock);
  g_queue_init (&h->ready);
  h->rt = rt;
  h->ends = g_ptr_array_new ();
  h->workers = g_ptr_array_new ();
  int err = uv_async_init (&rt->loop, &h->async, host_async_cb);
  if (err != 0)
    g_error ("worker binding: uv_async_init: %s", uv_strerror (err));
  h->async.data = h;
  h->alive = TRUE;
  uv_unref ((uv_handle_t *) &h->async);
  g_object_set_data (G_OBJECT (rt->ctx), "anode-worker-host", h);

  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "setCallbacks", G_CALLBACK (set_callbacks_cb), rt, G_TYPE_NONE, 2,
                    JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  anode_set_method (b, "createChannel", G_CALLBACK (create_channel_cb), rt, JSC_TYPE_VALUE, 0);
  anode_set_method_variadic (b, "post", G_CALLBACK (post_cb), rt, G_TYPE_BOOLEAN);
  anode_set_method (b, "ref", G_CALLBACK (ref_cb), rt, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);
  anode_set_method (b, "start", G_CALLBACK (start_port_cb), rt, G_TYPE_NONE, 2, G_TYPE_INT,
                    G_TYPE_BOOLEAN);
  anode_set_method (b, "close", G_CALLBACK (close_cb), rt, G_TYPE_NONE, 1, G_TYPE_INT);
  anode_set_method (b, "receive", G_CALLBACK (receive_cb), rt, JSC_TYPE_VALUE, 1, G_TYPE_INT);
  anode_set_method (b, "startWorker", G_CALLBACK (start_cb), rt, G_TYPE_INT, 2, JSC_TYPE_VALUE,
                    JSC_TYPE_VALUE);
  anode_set_method (b, "terminate", G_CALLBACK (terminate_cb), rt, G_TYPE_NONE, 1, G_TYPE_INT);
  anode_set_method (b, "refWorker", G_CALLBACK (worker_ref_cb), rt, G_TYPE_NONE, 2, G_TYPE_INT,
                    G_TYPE_BOOLEAN);
  anode_set_method (b, "nextThreadId", G_CALLBACK (next_thread_id_cb), rt, G_TYPE_INT, 0);
  anode_set_int (b, "isMainThread", rt->worker == NULL);
  return b;
}
