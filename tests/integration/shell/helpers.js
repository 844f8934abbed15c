// Shared by the window-level tests: waiting for events and conditions.
const assert = require('node:assert');

const once = (emitter, name) => new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));

async function until(fn, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

module.exports = { once, until };
