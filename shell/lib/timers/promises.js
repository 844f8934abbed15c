'use strict';
// timers/promises: promise forms of the timers, with AbortSignal support.

const { Timeout, Immediate, clearTimeout, clearImmediate } = require('internal/timers');

function abortError(signal) {
  const { AbortError } = require('internal/errors');
  return new AbortError(undefined, { cause: signal.reason });
}

// Throws Node's errors; the callers turn them into rejections.
function validateOptions(options) {
  const { validateObject, validateAbortSignal, validateBoolean } = require('internal/validators');
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  validateBoolean(ref, 'options.ref');
  return { signal, ref };
}

// A promise for what `start(ref, done)` schedules, rejected on bad options
// or when the options' signal aborts (then the cancel function `start`
// returned runs).
function abortable(options, start) {
  let signal;
  let ref;
  try {
    ({ signal, ref } = validateOptions(options));
  } catch (err) {
    return Promise.reject(err);
  }
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(abortError(signal));
    };
    const cancel = start(ref, (value) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function setTimeout(after, value, options = {}) {
  return abortable(options, (ref, done) => {
    const timer = new Timeout(() => done(value), after, undefined, false, ref);
    return () => clearTimeout(timer);
  });
}

function setImmediate(value, options = {}) {
  return abortable(options, (ref, done) => {
    const imm = new Immediate(() => done(value), undefined);
    if (!ref) imm.unref();
    return () => clearImmediate(imm);
  });
}

async function* setInterval(after, value, options = {}) {
  const { signal, ref } = validateOptions(options);
  if (signal?.aborted) throw abortError(signal);
  let pending = 0;
  let wake = null;
  const timer = new Timeout(() => {
    pending++;
    if (wake) { wake(); wake = null; }
  }, after, undefined, true, ref);
  let aborted = false;
  const onAbort = () => { aborted = true; if (wake) { wake(); wake = null; } };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      if (aborted) throw abortError(signal);
      pending--;
      yield value;
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

const scheduler = {
  wait: (delay, options) => setTimeout(delay, undefined, options),
  yield: () => setImmediate(),
};

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
