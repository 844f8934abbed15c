'use strict';

// node:test — test(), describe()/it() (and suite()), hooks, and their
// .skip/.todo/.only shorthands. Only reachable as `node:test`.

const harness = require('internal/test_runner/harness');

function withShorthands(fn) {
  for (const key of ['skip', 'todo', 'only']) {
    fn[key] = function (name, options, body) {
      // Accept the same overloads as fn itself.
      if (typeof name === 'function' || (name !== null && typeof name === 'object')) {
        body = options;
        options = name;
        name = undefined;
      }
      if (typeof options === 'function') {
        body = options;
        options = {};
      }
      if (options === null || typeof options !== 'object') options = {};
      const merged = { ...options, [key]: true };
      if (name === undefined) {
        return typeof body === 'function' ? fn(merged, body) : fn(merged);
      }
      return fn(name, merged, body);
    };
  }
  return fn;
}

const test = withShorthands(function test(name, options, fn) {
  return harness.test(name, options, fn);
});

const describe = withShorthands(function describe(name, options, fn) {
  return harness.suite(name, options, fn);
});

const it = withShorthands(function it(name, options, fn) {
  return harness.test(name, options, fn);
});

module.exports = test;
test.test = test;
test.describe = describe;
test.suite = describe;
test.it = it;
test.before = harness.before;
test.after = harness.after;
test.beforeEach = harness.beforeEach;
test.afterEach = harness.afterEach;
