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

G_END_DECLS
