'use strict';
// console: the Console class writing to fake streams. Expected output is
// Node 20's.

const { test, describe } = require('node:test');
const assert = require('node:assert');
const { Console } = require('node:console');

// A minimal writable: Console only needs write() plus the listener methods
// it uses to swallow write errors.
function fakeStream(extra) {
  const stream = {
    chunks: [],
    write(chunk) {
      this.chunks.push(chunk);
      return true;
    },
    listenerCount() { return 0; },
    once() {},
    removeListener() {},
    get text() {
      return this.chunks.join('');
    },
  };
  return Object.assign(stream, extra);
}

function make(options) {
  const stdout = fakeStream();
  const stderr = fakeStream();
  const c = new Console({ stdout, stderr, ...options });
  return { c, stdout, stderr };
}

function captureWarnings(fn) {
  const warnings = [];
  const saved = process.emitWarning;
  process.emitWarning = (msg) => warnings.push(String(msg));
  try {
    fn();
  } finally {
    process.emitWarning = saved;
  }
  return warnings;
}

describe('Console class', () => {
  test('global console and Console', () => {
    assert.strictEqual(typeof console.log, 'function');
    assert.strictEqual(console.Console, Console);
    assert.ok(console instanceof Console);
    assert.strictEqual(console.log.name, 'log');
    const { c } = make();
    assert.ok(c instanceof Console);
    assert.strictEqual(c.log.name, 'log');
    assert.ok(Console({ stdout: fakeStream() }) instanceof Console);
  });

  test('log/info/debug/dirxml go to stdout, warn/error to stderr', () => {
    const { c, stdout, stderr } = make();
    c.log('a %s', 'b', { x: 1 });
    c.info('info');
    c.debug('%o', [1]);
    c.dirxml('x', 1);
    c.warn('w %d', 3);
    c.error(new Map([[1, 2]]));
    assert.deepStrictEqual(stdout.chunks, ['a b { x: 1 }\n', 'info\n', '[ 1, [length]: 1 ]\n', 'x 1\n']);
    assert.deepStrictEqual(stderr.chunks, ['w 3\n', 'Map(1) { 1 => 2 }\n']);
  });

  test('positional stream arguments', () => {
    const out = fakeStream();
    const err = fakeStream();
    const c = new Console(out, err);
    c.log('o');
    c.error('e');
    assert.strictEqual(out.text, 'o\n');
    assert.strictEqual(err.text, 'e\n');
    const single = fakeStream();
    new Console({ stdout: single }).error('both');
    assert.strictEqual(single.text, 'both\n');
  });

  test('constructor validation', () => {
    assert.throws(() => new Console({}), {
      code: 'ERR_CONSOLE_WRITABLE_STREAM',
      message: 'Console expects a writable stream instance for stdout',
    });
    assert.throws(() => new Console({ stdout: fakeStream(), colorMode: 'x' }), {
      code: 'ERR_INVALID_ARG_VALUE',
      message: "The argument 'colorMode' must be one of: 'auto', true, false. Received 'x'",
    });
    assert.throws(() => new Console({ stdout: fakeStream(), groupIndentation: 1001 }), {
      code: 'ERR_OUT_OF_RANGE',
    });
    assert.throws(() => new Console({
      stdout: fakeStream(), inspectOptions: { colors: true }, colorMode: true,
    }), { code: 'ERR_INCOMPATIBLE_OPTION_PAIR' });
  });

  test('colors follow colorMode and inspectOptions', () => {
    const on = make({ colorMode: true });
    on.c.log({ a: 1, s: 'x' });
    assert.strictEqual(on.stdout.text, "{ a: \x1b[33m1\x1b[39m, s: \x1b[32m'x'\x1b[39m }\n");
    const auto = make();
    auto.c.log({ a: 1 });
    assert.strictEqual(auto.stdout.text, '{ a: 1 }\n');
    const opts = make({ inspectOptions: { depth: 0, breakLength: 10 } });
    opts.c.log({ a: { b: 1 }, ccccc: 2 });
    assert.strictEqual(opts.stdout.text, '{\n  a: [Object],\n  ccccc: 2\n}\n');
  });

  test('dir ignores custom inspect and takes options', () => {
    const { c, stdout } = make();
    c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
    c.dir({ [Symbol.for('nodejs.util.inspect.custom')]: () => 'C', v: 1 }, { depth: 0 });
    assert.strictEqual(stdout.chunks[0], '{ a: [Object] }\n');
    assert.match(stdout.chunks[1], /^\{\n {2}v: 1,\n {2}\[Symbol\(nodejs\.util\.inspect\.custom\)\]: \[Function/);
  });
});

describe('group', () => {
  test('indents every line by two spaces per level', () => {
    const { c, stdout, stderr } = make();
    c.group('G');
    c.log('a\nb');
    c.group();
    c.error('deep');
    c.log({ x: 1, y: 'long'.repeat(20) });
    c.groupEnd();
    c.groupEnd();
    c.groupEnd();
    c.log('out');
    c.groupCollapsed('C');
    c.info('in');
    c.groupEnd();
    assert.strictEqual(stdout.text,
                       "G\n  a\n  b\n    {\n      x: 1,\n      y: '" + 'long'.repeat(20) +
                       "'\n    }\nout\nC\n  in\n");
    assert.strictEqual(stderr.text, '    deep\n');
  });

  test('groupIndentation option', () => {
    const { c, stdout } = make({ groupIndentation: 4 });
    c.group();
    c.log('in');
    c.groupEnd();
    c.log('out');
    assert.strictEqual(stdout.text, '    in\nout\n');
  });
});

describe('count, assert, time', () => {
  test('count and countReset', () => {
    const { c, stdout } = make();
    c.count();
    c.count();
    c.count('x');
    c.count(undefined);
    c.countReset();
    c.count();
    assert.strictEqual(stdout.text, 'default: 1\ndefault: 2\nx: 1\ndefault: 3\ndefault: 1\n');
    const warnings = captureWarnings(() => c.countReset('nope'));
    assert.deepStrictEqual(warnings, ["Count for 'nope' does not exist"]);
  });

  test('assert', () => {
    const { c, stdout, stderr } = make();
    c.assert(true, 'never');
    c.assert(false);
    c.assert(false, 'm %s', 'x');
    c.assert(0, { a: 1 });
    assert.strictEqual(stdout.text, '');
    assert.strictEqual(stderr.text,
                       'Assertion failed\nAssertion failed: m x\nAssertion failed: [object Object]\n');
  });

  test('time, timeLog and timeEnd', () => {
    const { c, stdout } = make();
    c.time();
    c.timeLog(undefined, 'extra', { a: 1 });
    c.timeEnd();
    c.time('label');
    c.timeEnd('label');
    const lines = stdout.text.split('\n');
    assert.match(lines[0], /^default: \d+(\.\d+)?ms extra \{ a: 1 \}$/);
    assert.match(lines[1], /^default: \d+(\.\d+)?ms$/);
    assert.match(lines[2], /^label: \d+(\.\d+)?ms$/);
    assert.strictEqual(lines.length, 4);
  });

  test('time warnings', () => {
    const { c } = make();
    const warnings = captureWarnings(() => {
      c.time('a');
      c.time('a');
      c.timeEnd('b');
      c.timeLog('b');
    });
    assert.deepStrictEqual(warnings, [
      "Label 'a' already exists for console.time()",
      "No such label 'b' for console.timeEnd()",
      "No such label 'b' for console.timeLog()",
    ]);
  });

  test('trace writes a Trace header to stderr', () => {
    const { c, stdout, stderr } = make();
    c.trace('hi %d', 5);
    assert.strictEqual(stdout.text, '');
    assert.strictEqual(stderr.text.split('\n')[0], 'Trace: hi 5');
    assert.ok(stderr.text.endsWith('\n'));
  });
});

describe('table', () => {
  const table = (...args) => {
    const { c, stdout } = make();
    c.table(...args);
    return stdout.text;
  };

  test('array of objects', () => {
    assert.strictEqual(table([{ a: 1, b: 'xyz' }, { a: 22, c: [1, 2, 3, 4] }]),
                       '┌─────────┬────┬───────┬──────────────────────────────┐\n' +
                       '│ (index) │ a  │ b     │ c                            │\n' +
                       '├─────────┼────┼───────┼──────────────────────────────┤\n' +
                       "│ 0       │ 1  │ 'xyz' │                              │\n" +
                       '│ 1       │ 22 │       │ [ 1, 2, 3, ... 1 more item ] │\n' +
                       '└─────────┴────┴───────┴──────────────────────────────┘\n');
  });

  test('primitive rows get a Values column', () => {
    assert.strictEqual(table([1, 'two', { x: 1 }]),
                       '┌─────────┬───┬────────┐\n' +
                       '│ (index) │ x │ Values │\n' +
                       '├─────────┼───┼────────┤\n' +
                       '│ 0       │   │ 1      │\n' +
                       "│ 1       │   │ 'two'  │\n" +
                       '│ 2       │ 1 │        │\n' +
                       '└─────────┴───┴────────┘\n');
  });

  test('Map and Set', () => {
    assert.strictEqual(table(new Map([['k', { v: 1 }]])),
                       '┌───────────────────┬─────┬──────────┐\n' +
                       '│ (iteration index) │ Key │ Values   │\n' +
                       '├───────────────────┼─────┼──────────┤\n' +
                       "│ 0                 │ 'k' │ { v: 1 } │\n" +
                       '└───────────────────┴─────┴──────────┘\n');
    assert.strictEqual(table(new Set(['a'])),
                       '┌───────────────────┬────────┐\n' +
                       '│ (iteration index) │ Values │\n' +
                       '├───────────────────┼────────┤\n' +
                       "│ 0                 │ 'a'    │\n" +
                       '└───────────────────┴────────┘\n');
  });

  test('object rows, nested values, property filter', () => {
    assert.strictEqual(table({ r1: { c: 1 }, r2: { c: 2, d: { e: 1, f: 2, g: 3 } } }),
                       '┌─────────┬───┬──────────┐\n' +
                       '│ (index) │ c │ d        │\n' +
                       '├─────────┼───┼──────────┤\n' +
                       '│ r1      │ 1 │          │\n' +
                       '│ r2      │ 2 │ [Object] │\n' +
                       '└─────────┴───┴──────────┘\n');
    assert.strictEqual(table([{ a: 1, b: 2 }], ['b']),
                       '┌─────────┬───┐\n' +
                       '│ (index) │ b │\n' +
                       '├─────────┼───┤\n' +
                       '│ 0       │ 2 │\n' +
                       '└─────────┴───┘\n');
  });

  test('wide characters, empty data and primitives', () => {
    assert.strictEqual(table(['中文', 'x']),
                       '┌─────────┬────────┐\n' +
                       '│ (index) │ Values │\n' +
                       '├─────────┼────────┤\n' +
                       "│ 0       │ '中文' │\n" +
                       "│ 1       │ 'x'    │\n" +
                       '└─────────┴────────┘\n');
    assert.strictEqual(table([]),
                       '┌─────────┐\n│ (index) │\n├─────────┤\n└─────────┘\n');
    assert.strictEqual(table(5), '5\n');
    assert.strictEqual(table('s'), 's\n');
    assert.throws(() => table([], 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  });

  test('tables are indented inside groups', () => {
    const { c, stdout } = make();
    c.group();
    c.table([1]);
    c.groupEnd();
    assert.strictEqual(stdout.text,
                       '  ┌─────────┬────────┐\n' +
                       '  │ (index) │ Values │\n' +
                       '  ├─────────┼────────┤\n' +
                       '  │ 0       │ 1      │\n' +
                       '  └─────────┴────────┘\n');
  });
});
