// Shared by the window-level tests: waiting for events and conditions.
const assert = require('node:assert');

// Resolves with the event's arguments; fails the test instead of hanging.
function once(emitter, name, ms = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.removeListener(name, listener);
      reject(new Error(`timed out waiting for '${name}'`));
    }, ms);
    function listener(...args) {
      clearTimeout(timer);
      resolve(args);
    }
    emitter.once(name, listener);
  });
}

async function until(fn, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

module.exports = { once, until };
