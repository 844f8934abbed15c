'use strict';
// Strings with lone surrogates are written as UTF-8 with U+FFFD in their
// place (not cut short), by every string-writing fs call.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-sur-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (name) => path.join(base, name);

const text = 'a\ud800b\udc00c\u{1f600}d\ud83d';
const expected = Buffer.from('a\ufffdb\ufffdc\u{1f600}d\ufffd');

test('writeFileSync / appendFileSync', () => {
  fs.writeFileSync(p('w'), text);
  assert.deepStrictEqual(fs.readFileSync(p('w')), expected);
  fs.appendFileSync(p('w'), '\udfff!');
  assert.deepStrictEqual(fs.readFileSync(p('w')),
                         Buffer.concat([expected, Buffer.from('\ufffd!')]));
});

test('writeSync returns the UTF-8 byte count', () => {
  const fd = fs.openSync(p('s'), 'w');
  assert.strictEqual(fs.writeSync(fd, 'x\ud800y'), 5);
  assert.strictEqual(fs.writeSync(fd, '\udc00', 5), 3);
  fs.closeSync(fd);
  assert.strictEqual(fs.readFileSync(p('s'), 'latin1'), 'x\xef\xbf\xbdy\xef\xbf\xbd');
});

test('fs.write and fs.writeFile callbacks', async () => {
  await new Promise((resolve, reject) =>
    fs.writeFile(p('c'), text, (err) => (err ? reject(err) : resolve())));
  assert.deepStrictEqual(fs.readFileSync(p('c')), expected);
  const fd = fs.openSync(p('c2'), 'w');
  const n = await new Promise((resolve, reject) =>
    fs.write(fd, '\ud800', (err, written) => (err ? reject(err) : resolve(written))));
  fs.closeSync(fd);
  assert.strictEqual(n, 3);
  assert.deepStrictEqual(fs.readFileSync(p('c2')), Buffer.from([0xef, 0xbf, 0xbd]));
});

test('fs.promises.writeFile and FileHandle.write', async () => {
  await fs.promises.writeFile(p('p'), text);
  assert.deepStrictEqual(fs.readFileSync(p('p')), expected);
  const fh = await fs.promises.open(p('p2'), 'w');
  const { bytesWritten } = await fh.write('\udc00z');
  await fh.close();
  assert.strictEqual(bytesWritten, 4);
  assert.strictEqual(fs.readFileSync(p('p2'), 'utf8'), '\ufffdz');
});
