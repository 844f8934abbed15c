'use strict';
// readline.createInterface over object-mode string streams: line splitting,
// question(), prompt(), pause/resume, close and async iteration.
const test = require('node:test');
const assert = require('node:assert');
const readline = require('node:readline');
const readlinePromises = require('node:readline/promises');
const { PassThrough } = require('node:stream');

function input() {
  return new PassThrough({ objectMode: true });
}

function collect(rl) {
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  return new Promise((resolve) => rl.on('close', () => resolve(lines)));
}

test('splits on \\n, \\r\\n and \\r, keeps a last line without newline', async () => {
  const inp = input();
  const rl = readline.createInterface({ input: inp });
  const done = collect(rl);
  inp.write('one\ntwo\r\nthree\rfour');
  inp.end('\nfive');
  assert.deepStrictEqual(await done, ['one', 'two', 'three', 'four', 'five']);
});

test('a CRLF split across chunks is one line break', async () => {
  const inp = input();
  const rl = readline.createInterface({ input: inp, crlfDelay: Infinity });
  const done = collect(rl);
  inp.write('a\r');
  inp.write('\nb\r');
  inp.write('\n\r');
  inp.end('\nc');
  assert.deepStrictEqual(await done, ['a', 'b', '', 'c']);
});

test('lines split across many chunks are joined', async () => {
  const inp = input();
  const rl = readline.createInterface({ input: inp });
  const done = collect(rl);
  for (const c of ['he', 'llo\nwo', 'r', 'ld\n', '\n']) inp.write(c);
  inp.end();
  assert.deepStrictEqual(await done, ['hello', 'world', '']);
});

test('question() writes the query and answers with the next line', async () => {
  const inp = input();
  const out = new PassThrough({ objectMode: true });
  const written = [];
  out.on('data', (d) => written.push(d));
  const rl = readline.createInterface({ input: inp, output: out, terminal: false });
  const answer = new Promise((resolve) => rl.question('name? ', resolve));
  inp.write('ada\n');
  assert.strictEqual(await answer, 'ada');
  assert.deepStrictEqual(written, ['name? ']);
  rl.close();
});

test('prompt() and setPrompt/getPrompt', () => {
  const out = new PassThrough({ objectMode: true });
  const written = [];
  out.on('data', (d) => written.push(d));
  const rl = readline.createInterface({ input: input(), output: out, prompt: '$ ', terminal: false });
  assert.strictEqual(rl.getPrompt(), '$ ');
  rl.prompt();
  rl.setPrompt('> ');
  rl.prompt();
  rl.close();
  return new Promise((resolve) => setImmediate(resolve)).then(() => {
    assert.deepStrictEqual(written, ['$ ', '> ']);
  });
});

test('pause and resume emit events and close emits close once', async () => {
  const inp = input();
  const rl = readline.createInterface({ input: inp });
  const events = [];
  for (const e of ['pause', 'resume', 'close']) rl.on(e, () => events.push(e));
  rl.pause();
  rl.resume();
  rl.close();
  rl.close();
  assert.deepStrictEqual(events, ['pause', 'resume', 'pause', 'close']);
  assert.strictEqual(rl.closed, true);
  assert.throws(() => rl.question('x', () => {}), { code: 'ERR_USE_AFTER_CLOSE', message: 'readline was closed' });
});

test('for await over an interface yields lines', async () => {
  const inp = input();
  const rl = readline.createInterface({ input: inp, crlfDelay: Infinity });
  setImmediate(() => { inp.write('x\r\ny\n'); inp.end('z'); });
  const lines = [];
  for await (const line of rl) lines.push(line);
  assert.deepStrictEqual(lines, ['x', 'y', 'z']);
});

test('readline/promises question() resolves and aborts with a signal', async () => {
  const inp = input();
  const out = new PassThrough({ objectMode: true });
  out.resume();
  const rl = readlinePromises.createInterface({ input: inp, output: out, terminal: false });
  const p = rl.question('q? ');
  inp.write('yes\n');
  assert.strictEqual(await p, 'yes');
  const ac = new AbortController();
  const q = rl.question('again? ', { signal: ac.signal });
  ac.abort();
  await assert.rejects(q, { name: 'AbortError', code: 'ABORT_ERR' });
  rl.close();
});

test('cursor helpers write ANSI sequences', () => {
  const out = [];
  const stream = { write(d, cb) { out.push(d); if (typeof cb === 'function') cb(); return true; } };
  readline.cursorTo(stream, 3);
  readline.cursorTo(stream, 3, 4);
  readline.moveCursor(stream, -2, 1);
  readline.clearLine(stream, 0);
  readline.clearLine(stream, -1);
  readline.clearScreenDown(stream);
  assert.deepStrictEqual(out, ['\x1b[4G', '\x1b[5;4H', '\x1b[2D\x1b[1B', '\x1b[2K', '\x1b[1K', '\x1b[0J']);
  assert.throws(() => readline.cursorTo(stream, NaN), { code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'x' is invalid. Received NaN" });
  assert.throws(() => readline.cursorTo(stream, undefined, 2), { code: 'ERR_INVALID_CURSOR_POS', message: 'Cannot set cursor row without setting its column' });
});

test('emitKeypressEvents turns input into keypress events (escape sequences have no string)', async () => {
  const inp = input();
  readline.emitKeypressEvents(inp);
  const keys = [];
  inp.on('keypress', (s, key) => keys.push([s, key.name, key.ctrl]));
  inp.write('a');
  inp.write('\x1b[A');
  inp.write('\r');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(keys, [['a', 'a', false], [undefined, 'up', false], ['\r', 'return', false]]);
});
