'use strict';
// process.getuid & co. report the real and effective ids.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');

test('uid and gid match the owner of a file this process creates', () => {
  const file = `${process.env.TMPDIR || '/tmp'}/anode-identity-${process.pid}`;
  fs.writeFileSync(file, 'x');
  try {
    const st = fs.statSync(file);
    assert.strictEqual(process.geteuid(), st.uid);
    assert.strictEqual(process.getegid(), st.gid);
  } finally {
    fs.unlinkSync(file);
  }
  for (const fn of ['getuid', 'geteuid', 'getgid', 'getegid']) {
    assert.ok(Number.isInteger(process[fn]()) && process[fn]() >= 0, fn);
  }
});

test('getgroups includes the effective gid', () => {
  const groups = process.getgroups();
  assert.ok(Array.isArray(groups));
  assert.ok(groups.includes(process.getegid()));
});
