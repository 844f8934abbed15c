'use strict';
const test = require('node:test');
const assert = require('node:assert');
const readline = require('readline');
const readlinePromises = require('readline/promises');
const { PassThrough } = require('stream');

function lines(input, options = {}) {
  const rl = readline.createInterface({ input, ...options });
  const out = [];
  rl.on('line', (l) => out.push(l));
  return new Promise((resolve) => rl.on('close', () => resolve(out)));
}

test('line endings: \\n, \\r\\n, \\r and a CRLF split across chunks', async () => {
  const input = new PassThrough();
  const done = lines(input, { crlfDelay: Infinity });
  input.write('a\nb\r\nc\rd\r');
  input.write('\ne');
  input.end('f');
  assert.deepStrictEqual(await done, ['a', 'b', 'c', 'd', 'ef']);
});

test('close on input end and events order', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const log = [];
  rl.on('line', (l) => log.push(`line:${l}`));
  rl.on('pause', () => log.push('pause'));
  rl.on('resume', () => log.push('resume'));
  rl.on('close', () => log.push('close'));
  rl.pause();
  rl.resume();
  input.end('x\n');
  await new Promise((resolve) => rl.on('close', resolve));
  assert.deepStrictEqual(log, ['pause', 'resume', 'line:x', 'pause', 'close']);
  assert.strictEqual(rl.closed, true);
  assert.throws(() => rl.question('q?', () => {}), {
    code: 'ERR_USE_AFTER_CLOSE',
    message: 'readline was closed',
  });
});

test('question, prompt and output', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (d) => { written += d; });
  const rl = readline.createInterface({ input, output, terminal: false, prompt: '$ ' });
  assert.strictEqual(rl.getPrompt(), '$ ');
  const answer = new Promise((resolve) => rl.question('name? ', resolve));
  input.write('bob\n');
  assert.strictEqual(await answer, 'bob');
  assert.strictEqual(rl.getPrompt(), '$ ');
  rl.setPrompt('> ');
  rl.prompt();
  const next = new Promise((resolve) => rl.once('line', resolve));
  rl.write('typed\n');
  const line = await next;
  assert.strictEqual(line, 'typed');
  rl.close();
  await new Promise(setImmediate);
  assert.strictEqual(written, 'name? > ');
});

test('question with an AbortSignal', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const ac = new AbortController();
  let answered = false;
  rl.question('q? ', { signal: ac.signal }, () => { answered = true; });
  ac.abort();
  const line = new Promise((resolve) => rl.once('line', resolve));
  input.write('later\n');
  assert.strictEqual(await line, 'later');
  assert.strictEqual(answered, false);
  rl.close();
});

test('async iterator', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  setImmediate(() => input.end('one\ntwo\r\nthree'));
  const got = [];
  for await (const l of rl) got.push(l);
  assert.deepStrictEqual(got, ['one', 'two', 'three']);
});

test('readline/promises question', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const rl = readlinePromises.createInterface({ input, output });
  const p = rl.question('age? ');
  input.write('42\n');
  assert.strictEqual(await p, '42');
  const ac = new AbortController();
  const aborted = rl.question('x? ', { signal: ac.signal });
  ac.abort();
  await assert.rejects(aborted, { name: 'AbortError', code: 'ABORT_ERR' });
  rl.close();
  assert.ok(rl instanceof readlinePromises.Interface);
});

test('cursor helpers write ANSI sequences', () => {
  const out = [];
  const w = { write(d, cb) { out.push(d); return true; } };
  readline.clearLine(w, -1);
  readline.clearLine(w, 1);
  readline.clearLine(w, 0);
  readline.clearScreenDown(w);
  readline.cursorTo(w, 3);
  readline.cursorTo(w, 3, 4);
  readline.moveCursor(w, -2, 5);
  readline.moveCursor(w, 1, -1);
  assert.deepStrictEqual(out, ['\x1b[1K', '\x1b[0K', '\x1b[2K', '\x1b[0J', '\x1b[4G', '\x1b[5;4H',
    '\x1b[2D\x1b[5B', '\x1b[1C\x1b[1A']);
  assert.throws(() => readline.cursorTo(w, NaN), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.strictEqual(readline.moveCursor(w, 0, 0), true);
});

test('emitKeypressEvents decodes keys', () => {
  const input = new PassThrough();
  readline.emitKeypressEvents(input);
  const keys = [];
  input.on('keypress', (s, k) => keys.push([s, k.name, k.ctrl, k.meta, k.shift]));
  input.write('aB\r\t\x7f\x1b[A\x1b[3~\x03 \x1b[1;5C');
  assert.deepStrictEqual(keys, [
    ['a', 'a', false, false, false],
    ['B', 'b', false, false, true],
    ['\r', 'return', false, false, false],
    ['\t', 'tab', false, false, false],
    ['\x7f', 'backspace', false, false, false],
    [undefined, 'up', false, false, false],
    [undefined, 'delete', false, false, false],
    ['\x03', 'c', true, false, false],
    [' ', 'space', false, false, false],
    [undefined, 'right', true, false, false],
  ]);
});

test('terminal mode editing and history', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  output.resume();
  const rl = readline.createInterface({ input, output, terminal: true, historySize: 2 });
  const got = [];
  rl.on('line', (l) => got.push(l));
  input.write('abx\x7fc\r');
  input.write('second\r');
  input.write('\x1b[A\r');
  await new Promise(setImmediate);
  assert.deepStrictEqual(got, ['abc', 'second', 'second']);
  assert.deepStrictEqual(rl.history, ['second', 'abc']);
  rl.close();
});
