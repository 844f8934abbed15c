'use strict';
// When callbacks and promise reactions run, counted in microtask jobs from
// the same start. These are Node 20's counts.
const { test } = require('node:test');
const assert = require('node:assert');
const { ReadableStream, WritableStream, TransformStream } = require('node:stream/web');

function countJobs(setups) {
  return new Promise((resolve) => {
    const results = {};
    let pending = Object.keys(setups).length;
    let jobs = 0;
    const step = () => {
      if (pending > 0 && jobs < 50) {
        jobs++;
        Promise.resolve().then(step);
      }
    };
    for (const [name, setup] of Object.entries(setups)) {
      setup(() => {
        results[name] = jobs;
        if (--pending === 0) resolve(results);
      });
    }
    Promise.resolve().then(step);
  });
}

test('jobs until callbacks and reads settle', async () => {
  const results = await countJobs({
    'pull after plain start': (hit) => new ReadableStream({ pull() { hit(); } }),
    'pull after promise start': (hit) => new ReadableStream({ start() { return Promise.resolve(); }, pull() { hit(); } }),
    'write after promise start': (hit) => new WritableStream({
      start() { return Promise.resolve(); }, write() { hit(); },
    }).getWriter().write(1),
    'queued read': (hit) => new ReadableStream({ start(c) { c.enqueue(1); } }).getReader().read().then(hit),
    'cancel': (hit) => new ReadableStream().cancel().then(hit),
    'cancel returning a promise': (hit) => new ReadableStream({ cancel() { return Promise.resolve(); } })
      .cancel().then(hit),
    'writer close': (hit) => new WritableStream().getWriter().close().then(hit),
    'writer write': (hit) => new WritableStream().getWriter().write(1).then(hit),
    'writer abort': (hit) => new WritableStream().getWriter().abort(1).then(hit),
    'byob read': (hit) => new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array(1)); } })
      .getReader({ mode: 'byob' }).read(new Uint8Array(1)).then(hit),
    'iterator next': (hit) => new ReadableStream({ start(c) { c.enqueue(1); } }).values().next().then(hit),
    'iterator return': (hit) => new ReadableStream().values().return().then(hit),
    'transform pulled': (hit) => {
      const ts = new TransformStream({ transform() { hit(); } });
      ts.writable.getWriter().write(1);
      ts.readable.getReader().read();
    },
    'transform round trip': (hit) => {
      const ts = new TransformStream();
      ts.writable.getWriter().write(1);
      ts.readable.getReader().read().then(hit);
    },
    'tee': (hit) => new ReadableStream({ start(c) { c.enqueue(1); } }).tee()[0].getReader().read().then(hit),
    'pipeTo of a closed source': (hit) => new ReadableStream({ start(c) { c.close(); } })
      .pipeTo(new WritableStream()).then(hit),
    'pipeTo of an errored source': (hit) => new ReadableStream({ start(c) { c.error(1); } })
      .pipeTo(new WritableStream()).catch(hit),
  });
  assert.deepStrictEqual(results, {
    'pull after plain start': 0,
    'pull after promise start': 2,
    'write after promise start': 2,
    'queued read': 0,
    'cancel': 1,
    'cancel returning a promise': 3,
    'writer close': 2,
    'writer write': 2,
    'writer abort': 2,
    'byob read': 2,
    'iterator next': 3,
    'iterator return': 2,
    'transform pulled': 1 + 2,
    'transform round trip': 4,
    'tee': 2,
    'pipeTo of a closed source': 4,
    'pipeTo of an errored source': 4,
  });
});

test('reads settle in request order across enqueue and close', async () => {
  const log = [];
  let controller;
  const reader = new ReadableStream({ start(c) { controller = c; } }).getReader();
  reader.read().then((r) => log.push(`read1 ${r.value}`));
  reader.read().then((r) => log.push(`read2 ${r.done}`));
  reader.closed.then(() => log.push('closed'));
  Promise.resolve().then(() => log.push('tick'));
  controller.enqueue('a');
  controller.close();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepStrictEqual(log, ['tick', 'read1 a', 'closed', 'read2 true']);
});
