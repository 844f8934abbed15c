/* What binding-stream.c shares with the bindings that read a stream in C
 * (the HTTP parser): stream lookup by id and the consumer hook. */
#pragma once

#include "anode-runtime.h"
#include "jsc-capi.h"

G_BEGIN_DECLS

typedef struct anode_stream anode_stream_t;

/* Takes the bytes a stream reads instead of JS. `data` gets each read;
 * `eof` the end or a read error (a negative uv error) just before JS hears
 * of it; `detach` tells the consumer the stream is closing or was handed to
 * another consumer. All are called from the loop, never from JS. */
typedef struct {
  void (*data) (void *user, const char *buf, size_t len);
  void (*eof) (void *user, int status);
  void (*detach) (void *user);
} anode_stream_consumer_t;

/* The open stream with JS id `id` in `rt`, or NULL (borrowed). */
anode_stream_t *anode_stream_lookup (anode_runtime_t *rt, int id);

/* Sets (or, with NULL, clears) the consumer of `s`; a previous consumer is
 * detached first. `user` is borrowed. */
void anode_stream_set_consumer (anode_stream_t *s, const anode_stream_consumer_t *consumer,
                                void *user);

/* Hands `len` bytes to JS as if the stream had read them (the bytes an
 * HTTP upgrade leaves after the head). */
void anode_stream_emit_data (anode_stream_t *s, const char *buf, size_t len);

/* A layer between a stream's socket and its readers and writers (TLS).
 * With a filter set, the socket's reads (and its end or read error, as a
 * negative `nread`) go to `read`, and JS's writes, read start/stop and
 * shutdown go to the filter. The filter passes what it decodes on with
 * anode_stream_deliver*() (to the consumer or JS, as a plain stream's reads
 * go) and uses the socket through the anode_stream_raw_*() functions. All
 * hooks are called from the loop or from a JS call, never re-entrantly. */
typedef struct {
  void (*read) (void *user, ssize_t nread, const char *buf);
  /* 0: done, nothing owed to JS; 1: JS hears onafterwrite later (from a
   * raw write's `js_writes` or anode_stream_write_done); < 0: a uv error. */
  int (*write) (void *user, const uv_buf_t *bufs, unsigned nbufs);
  int (*read_start) (void *user);
  int (*read_stop) (void *user);
  /* 0: JS hears onshutdown later (anode_stream_raw_shutdown); < 0: error. */
  int (*shutdown) (void *user);
  size_t (*queue_size) (void *user);
  /* The stream is closing: the filter lets go of it and returns how many
   * writes it still owed JS (they complete with ECANCELED before JS hears
   * of the close). */
  unsigned (*detach) (void *user);
} anode_stream_filter_t;

/* Sets the filter of `s` (NULL clears it without calling detach). */
void anode_stream_set_filter (anode_stream_t *s, const anode_stream_filter_t *filter,
                              void *user);

/* The filter data of `s` if its filter is `filter`, else NULL. */
void *anode_stream_filter_data (anode_stream_t *s, const anode_stream_filter_t *filter);

/* The libuv stream of `s` (child_process hands pipes to uv_spawn). */
uv_stream_t *anode_stream_uv (anode_stream_t *s);

/* The JS object that owns `s` (the StreamHandle), or NULL. Borrowed. */
JSObjectRef anode_stream_owner (anode_stream_t *s);

/* Decoded bytes and the end (UV_EOF or an error), to the consumer or JS. */
void anode_stream_deliver (anode_stream_t *s, const char *buf, size_t len);
void anode_stream_deliver_end (anode_stream_t *s, int status);

/* The socket under a filter. raw_write copies what the kernel does not
 * take at once; it returns 0 when all of it went out, 1 when the rest is
 * queued (its completion reports `js_writes` onafterwrite calls to JS, with
 * its status), or a negative uv error. */
int anode_stream_raw_read (anode_stream_t *s, gboolean on);
int anode_stream_raw_write (anode_stream_t *s, const char *buf, size_t len, unsigned js_writes);
int anode_stream_raw_shutdown (anode_stream_t *s);
size_t anode_stream_raw_queue_size (anode_stream_t *s);

/* One onafterwrite call to JS with `status`. */
void anode_stream_write_done (anode_stream_t *s, int status);

G_END_DECLS
