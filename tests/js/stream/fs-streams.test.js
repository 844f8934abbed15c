'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream/promises');

const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-streams-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('createWriteStream then createReadStream round trip', async () => {
  const file = path.join(dir, 'round.txt');
  const ws = fs.createWriteStream(file);
  const events = [];
  ws.on('open', (fd) => events.push(`open:${typeof fd}`));
  ws.on('ready', () => events.push('ready'));
  ws.on('finish', () => events.push('finish'));
  ws.write('hello ');
  ws.write(Buffer.from('world\n'));
  ws.end('bye\n');
  await new Promise((resolve) => ws.on('close', resolve));
  assert.deepStrictEqual(events, ['open:number', 'ready', 'finish']);
  assert.strictEqual(ws.bytesWritten, 16);
  assert.strictEqual(ws.path, file);
  assert.strictEqual(ws.pending, true);

  const rs = fs.createReadStream(file, { encoding: 'utf8', start: 6, end: 10, highWaterMark: 2 });
  const chunks = [];
  for await (const c of rs) chunks.push(c);
  assert.deepStrictEqual(chunks, ['wo', 'rl', 'd']);
  assert.strictEqual(rs.bytesRead, 5);
});

test('pipeline copies a file and fd/autoClose options', async () => {
  const src = path.join(dir, 'src.bin');
  const dst = path.join(dir, 'dst.bin');
  const data = Buffer.alloc(300000);
  for (let i = 0; i < data.length; i++) data[i] = i % 251;
  fs.writeFileSync(src, data);
  await pipeline(fs.createReadStream(src), fs.createWriteStream(dst));
  assert.ok(fs.readFileSync(dst).equals(data));

  const fd = fs.openSync(src, 'r');
  const rs = fs.createReadStream(null, { fd, autoClose: false, end: 9 });
  const got = [];
  for await (const c of rs) got.push(c);
  assert.ok(Buffer.concat(got).equals(data.subarray(0, 10)));
  assert.strictEqual(fs.fstatSync(fd).size, 300000);
  fs.closeSync(fd);
});

test('WriteStream start and flags', async () => {
  const file = path.join(dir, 'patch.txt');
  fs.writeFileSync(file, 'abcdef');
  const ws = fs.createWriteStream(file, { flags: 'r+', start: 2 });
  ws.end('XY');
  await new Promise((resolve) => ws.on('close', resolve));
  assert.strictEqual(fs.readFileSync(file, 'utf8'), 'abXYef');
});

test('errors: missing file, bad start/end', async () => {
  const rs = fs.createReadStream(path.join(dir, 'missing'));
  const err = await new Promise((resolve) => rs.on('error', resolve));
  assert.strictEqual(err.code, 'ENOENT');
  assert.throws(() => fs.createReadStream('x', { start: 5, end: 2 }), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "start" is out of range. It must be <= "end" (here: 2). Received 5',
  });
  assert.throws(() => fs.createReadStream('x', { start: -1 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('FileHandle streams and readLines', async () => {
  const file = path.join(dir, 'lines.txt');
  const wh = await fs.promises.open(file, 'w');
  const ws = wh.createWriteStream();
  ws.end('one\r\ntwo\nthree');
  await new Promise((resolve) => ws.on('close', resolve));
  const rh = await fs.promises.open(file);
  const lines = [];
  for await (const line of rh.readLines()) lines.push(line);
  assert.deepStrictEqual(lines, ['one', 'two', 'three']);
  assert.ok(fs.ReadStream && fs.WriteStream);
  const again = fs.createReadStream(file);
  assert.ok(again instanceof fs.ReadStream);
  again.destroy();
  await new Promise((resolve) => again.on('close', resolve));
});
