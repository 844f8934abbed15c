'use strict';
// Runs the fixtures of tests/fixtures/test_runner in a child process, both
// directly and through --test, and checks the TAP output and summary.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');

let childProcess;
try {
  childProcess = require('child_process');
} catch {
  childProcess = undefined;
}
const hasChildProcess = childProcess !== undefined &&
  typeof childProcess.spawnSync === 'function';
const skip = !hasChildProcess;

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'test_runner');

function run(args) {
  // The runner under test must not think it is itself a --test child.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const res = childProcess.spawnSync(process.execPath, args, {
    cwd: fixtures, env, encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function summary(stdout) {
  const counts = {};
  for (const m of stdout.matchAll(/^# (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) {
    counts[m[1]] = Number(m[2]);
  }
  return counts;
}

function hasLine(stdout, line) {
  return stdout.split('\n').includes(line);
}

test('a passing file', { skip }, () => {
  const { status, stdout } = run([path.join(fixtures, 'passing.js')]);
  assert.strictEqual(status, 0);
  assert.ok(stdout.startsWith('TAP version 13\n'));
  assert.ok(hasLine(stdout, '# Subtest: adds numbers'));
  assert.ok(hasLine(stdout, 'ok 1 - adds numbers'));
  assert.ok(hasLine(stdout, 'ok 3 - deep equality'));
  assert.ok(hasLine(stdout, '1..3'));
  assert.match(stdout, /^ {2}duration_ms: [\d.]+$/m);
  assert.deepStrictEqual(summary(stdout), {
    tests: 3, suites: 0, pass: 3, fail: 0, cancelled: 0, skipped: 0, todo: 0,
  });
  assert.match(stdout, /\n# duration_ms [\d.]+\n$/);
});

test('a failing file', { skip }, () => {
  const { status, stdout } = run([path.join(fixtures, 'failing.js')]);
  assert.strictEqual(status, 1);
  assert.ok(hasLine(stdout, 'ok 1 - passes'));
  assert.ok(hasLine(stdout, 'not ok 2 - fails strictEqual'));
  const block = stdout.slice(stdout.indexOf('not ok 2 - fails strictEqual'),
                             stdout.indexOf('# Subtest: fails deepStrictEqual'));
  for (const line of [
    '  ---',
    `  location: '${path.join(fixtures, 'failing.js')}:8:1'`,
    "  failureType: 'testCodeFailure'",
    '  error: |-',
    '    Expected values to be strictly equal:',
    '    1 !== 2',
    "  code: 'ERR_ASSERTION'",
    "  name: 'AssertionError'",
    '  expected: 2',
    '  actual: 1',
    "  operator: 'strictEqual'",
    '  ...',
  ]) {
    assert.ok(hasLine(block, line), `missing ${JSON.stringify(line)} in\n${block}`);
  }
  assert.ok(stdout.includes('    +   a: 1\n    -   a: 2\n'));
  assert.ok(stdout.includes("  error: 'boom'\n  code: 'ERR_TEST_FAILURE'\n  name: 'TypeError'\n"));
  assert.ok(stdout.includes("  failureType: 'testTimeoutFailure'\n  error: 'test timed out after 20ms'\n"));
  assert.deepStrictEqual(summary(stdout), {
    tests: 6, suites: 0, pass: 1, fail: 4, cancelled: 1, skipped: 0, todo: 0,
  });
});

test('describe, hooks, skip, todo and subtests', { skip }, () => {
  const { status, stdout } = run([path.join(fixtures, 'mixed.js')]);
  assert.strictEqual(status, 0);
  for (const line of [
    '# Subtest: suite',
    '    # Subtest: first',
    '    ok 1 - first',
    '    ok 2 - skipped # SKIP not now',
    '    not ok 3 - unfinished # TODO',
    '        ok 1 - second',
    '    ok 4 - nested',
    "      type: 'suite'",
    '    1..4',
    'ok 1 - suite',
    '    ok 2 - child 2 # SKIP skipped inside',
    'ok 2 - subtests',
    '# a diagnostic',
    'ok 3 - done callback',
    'ok 4 - hooks ran in order',
    'ok 5 - todo without body # TODO',
    'ok 6 - skip test # SKIP',
    '1..6',
  ]) {
    assert.ok(hasLine(stdout, line), `missing ${JSON.stringify(line)}`);
  }
  assert.deepStrictEqual(summary(stdout), {
    tests: 11, suites: 2, pass: 6, fail: 0, cancelled: 0, skipped: 3, todo: 2,
  });
});

test('--test with files combines the results', { skip }, () => {
  const { status, stdout } = run(['--test', 'passing.js', 'failing.js', 'mixed.js', 'crashing.js']);
  assert.strictEqual(status, 1);
  assert.ok(stdout.startsWith('TAP version 13\n'));
  assert.strictEqual(stdout.split('\n').filter((l) => l === 'TAP version 13').length, 1);
  const crashing = path.join(fixtures, 'crashing.js');
  assert.ok(hasLine(stdout, `# Subtest: ${crashing}`));
  assert.match(stdout, new RegExp(`^not ok \\d+ - ${crashing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.ok(stdout.includes("  error: 'test failed'\n"));
  assert.ok(hasLine(stdout, '  exitCode: 1'));
  assert.ok(hasLine(stdout, '1..16'));
  // Top-level tests are numbered across files.
  const numbers = stdout.split('\n')
    .map((l) => /^(?:not )?ok (\d+) - /.exec(l))
    .filter(Boolean)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  assert.deepStrictEqual(numbers, Array.from({ length: 16 }, (_, i) => i + 1));
  assert.deepStrictEqual(summary(stdout), {
    tests: 21, suites: 2, pass: 10, fail: 5, cancelled: 1, skipped: 3, todo: 2,
  });
});

test('--test searches directories', { skip }, () => {
  const { status, stdout } = run(['--test', 'search']);
  assert.strictEqual(status, 0);
  for (const name of ['found a.test.js', 'found b-test.js', 'found test-c.js', 'found test/inner.js']) {
    assert.ok(stdout.includes(`# Subtest: ${name}\n`), `missing ${name}`);
  }
  assert.ok(!stdout.includes('must not run'));
  assert.deepStrictEqual(summary(stdout), {
    tests: 4, suites: 0, pass: 4, fail: 0, cancelled: 0, skipped: 0, todo: 0,
  });
});

test('--test without paths searches the current directory', { skip }, () => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const res = childProcess.spawnSync(process.execPath, ['--test'], {
    cwd: path.join(fixtures, 'search'), env, encoding: 'utf8',
  });
  assert.strictEqual(res.status, 0);
  assert.strictEqual(summary(res.stdout).pass, 4);
});
