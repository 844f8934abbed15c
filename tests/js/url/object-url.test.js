'use strict';
// URL.createObjectURL / revokeObjectURL with buffer.resolveObjectURL.
const test = require('node:test');
const assert = require('node:assert');
const { Blob, resolveObjectURL } = require('node:buffer');

test('object URLs resolve to a copy of the Blob until revoked', async () => {
  const url = URL.createObjectURL(new Blob(['hello'], { type: 'text/plain' }));
  assert.match(url, /^blob:nodedata:[0-9a-f-]{36}$/);
  const blob = resolveObjectURL(url);
  assert.strictEqual(blob.type, 'text/plain');
  assert.strictEqual(await blob.text(), 'hello');
  URL.revokeObjectURL(url);
  assert.strictEqual(resolveObjectURL(url), undefined);
});

test('createObjectURL takes only Blobs', () => {
  assert.throws(() => URL.createObjectURL('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => URL.revokeObjectURL(), { code: 'ERR_MISSING_ARGS' });
});
