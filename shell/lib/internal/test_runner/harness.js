'use strict';

// Creates the root of the test tree on the first use of node:test, starts
// top-level tests once the current synchronous code is done, and prints the
// summary when the event loop runs dry.

const {
  Test,
  Suite,
  TestFailure,
  currentParent,
  now,
  kCancelledByParent,
} = require('internal/test_runner/test');

let root = null;

function isChildProcess() {
  return typeof process === 'object' && process.env &&
    process.env.NODE_TEST_CONTEXT === 'child';
}

function hasTestOnlyFlag() {
  const argv = (typeof process === 'object' && process.execArgv) || [];
  return argv.includes('--test-only');
}

function getRoot() {
  if (root !== null) return root;
  const { TapReporter, ChildReporter } = require('internal/test_runner/tap');
  const harness = {
    reporter: isChildProcess() ? new ChildReporter() : new TapReporter(),
    testOnly: hasTestOnlyFlag(),
    startTime: now(),
    finalized: false,
    afterHooksStarted: false,
  };
  root = new Test(null, '<root>', {}, undefined, harness);
  root.startTime = harness.startTime;
  // The root never runs a function of its own, but its subtests are
  // scheduled through it one at a time.
  process.on('beforeExit', onBeforeExit);
  process.on('exit', onExit);
  if (typeof process.on === 'function') {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
  }
  return root;
}

// An error escaping a test's asynchronous code fails the running test, or
// is reported as a failure of the file when no test is running.
function onUncaught(err) {
  const running = findRunning(root);
  if (running !== null) {
    running.fail(new TestFailure('uncaughtException', err, undefined));
    return;
  }
  root.harness.reporter.diagnostic(0, String(err && err.stack ? err.stack : err));
  process.exitCode = 1;
}

function findRunning(test) {
  for (const sub of test.subtests) {
    if (sub.startTime !== null && !sub.finished) {
      return findRunning(sub) || sub;
    }
  }
  return null;
}

function onBeforeExit() {
  const harness = root.harness;
  if (harness.finalized) return;
  // Root after() hooks may schedule more work; the loop comes back here.
  if (!harness.afterHooksStarted && root.hooks.after.length > 0) {
    harness.afterHooksStarted = true;
    root.runHooks(root.hooks.after, root.hookArgs(root)).catch((err) => {
      root.failure = null;
      root.fail(Test.toFailure(err, 'hookFailed'));
      harness.reporter.diagnostic(0, String(err && err.message ? err.message : err));
    });
    return;
  }
  finalize();
}

function onExit() {
  if (root !== null && !root.harness.finalized) finalize();
}

function finalize() {
  const harness = root.harness;
  harness.finalized = true;
  root.finish(new TestFailure(
    kCancelledByParent, undefined,
    'Promise resolution is still pending but the event loop has already resolved'));
  root.reportReadyForce();
  if (root.subtests.length > 0 || !isChildProcess()) {
    harness.reporter.plan(0, root.subtests.length);
  }
  harness.reporter.summary(now() - harness.startTime);
  if (harness.reporter.counters.topLevelFailed > 0 || root.failure !== null) {
    process.exitCode = 1;
  }
}

function startTopLevel(test) {
  // Like Node, top-level tests start after the code that declared them.
  return Promise.resolve().then(() => test.start()).then(afterAllFinished);
}

// Node 20 runs the root after() hooks once every known test has finished,
// not at 'beforeExit': a hook that closes a server (or quits an app) is what
// lets the loop end.
function afterAllFinished() {
  const harness = root.harness;
  if (harness.afterHooksStarted || root.hooks.after.length === 0) return;
  if (!root.subtests.every((t) => t.finished)) return;
  harness.afterHooksStarted = true;
  return root.runHooks(root.hooks.after, root.hookArgs(root)).catch((err) => {
    root.failure = null;
    root.fail(Test.toFailure(err, 'hookFailed'));
    harness.reporter.diagnostic(0, String(err && err.message ? err.message : err));
  });
}

function runInParent(Factory) {
  return function run(name, options, fn) {
    const parent = currentParent(getRoot());
    const test = parent.createSubtest(Factory, name, options, fn);
    if (parent instanceof Suite) return Promise.resolve();
    if (parent === root) return startTopLevel(test);
    return test.start();
  };
}

function hook(name) {
  return function (fn, options) {
    const parent = currentParent(getRoot());
    parent.createHook(name, fn, options);
  };
}

module.exports = {
  test: runInParent(Test),
  suite: runInParent(Suite),
  before: hook('before'),
  after: hook('after'),
  beforeEach: hook('beforeEach'),
  afterEach: hook('afterEach'),
  getRoot,
};
