'use strict';
// util.getSystemErrorName / getSystemErrorMap come from libuv's error table.
const test = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

test('getSystemErrorMap maps errno to [name, message]', () => {
  const map = util.getSystemErrorMap();
  assert.ok(map instanceof Map);
  assert.ok(map.size > 70);
  assert.deepStrictEqual(map.get(-2), ['ENOENT', 'no such file or directory']);
  assert.deepStrictEqual(map.get(-13), ['EACCES', 'permission denied']);
  for (const [errno, [name]] of map) assert.strictEqual(util.getSystemErrorName(errno), name);
});

test('getSystemErrorName validates its argument', () => {
  assert.strictEqual(util.getSystemErrorName(-98), 'EADDRINUSE');
  assert.throws(() => util.getSystemErrorName(2), { code: 'ERR_OUT_OF_RANGE' });
});
