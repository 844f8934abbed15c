'use strict';

// The test tree of node:test: Test (a test function and its subtests),
// Suite (describe()), their contexts and hooks, and the result reporting in
// creation order. Tests of one parent run one at a time, like Node's default
// concurrency.

const kCancelledByParent = 'cancelledByParent';
const kTestCodeFailure = 'testCodeFailure';
const kTestTimeoutFailure = 'testTimeoutFailure';
const kHookFailure = 'hookFailed';
const kSubtestsFailed = 'subtestsFailed';
const kCallbackAndPromisePresent = 'callbackAndPromisePresent';
const kMultipleCallbackInvocations = 'multipleCallbackInvocations';
const kParentAlreadyFinished = 'parentAlreadyFinished';

function now() {
  if (typeof performance === 'object' && performance !== null &&
      typeof performance.now === 'function') {
    return performance.now();
  }
  if (typeof process === 'object' && typeof process.hrtime === 'function' &&
      typeof process.hrtime.bigint === 'function') {
    return Number(process.hrtime.bigint()) / 1e6;
  }
  return Date.now();
}

// A test failure: what went wrong (failureType) and the value thrown, kept
// apart so the reporter can print the original error's details.
class TestFailure {
  constructor(failureType, cause, message) {
    this.failureType = failureType;
    this.cause = cause;
    this.message = message;
  }
}

function isPromiseLike(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') &&
    typeof value.then === 'function';
}

// The innermost test or suite whose code is running synchronously; test(),
// it(), describe() and the hook functions attach to it. Async continuations
// fall back to the root, as there are no async hooks to follow them.
const contextStack = [];

function currentParent(root) {
  return contextStack.length > 0 ? contextStack[contextStack.length - 1] : root;
}

function runInContext(test, fn, thisArg, args) {
  contextStack.push(test);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    contextStack.pop();
  }
}

// Reads a source file for messages: the runtime's binding when present,
// else the fs module.
const { readSource } = require('internal/util/source');

const sourceLines = new Map();

// JSC reports a call's column at its opening parenthesis where V8 reports
// the start of the called name; move back to the name to print what Node
// prints.
function callColumn(file, line, column) {
  let lines = sourceLines.get(file);
  if (lines === undefined) {
    const text = readSource(file);
    lines = text === undefined ? null : text.split('\n');
    sourceLines.set(file, lines);
  }
  const text = lines && lines[line - 1];
  if (typeof text !== 'string' || text[column - 1] !== '(') return column;
  let start = column - 1;
  while (start > 0 && /[\w$]/.test(text[start - 1])) start--;
  return start + 1;
}

// Where test() was called, as Node prints in `location:`.
function callerLocation(stack) {
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n')) {
    const m = /(?:\(|@|at |^)((?:file:\/\/)?\/[^()@]*?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (m === null) continue;
    const file = m[1];
    if (/\/shell\/lib\/|\/internal\/test_runner\//.test(file)) continue;
    return `${file}:${m[2]}:${callColumn(file, Number(m[2]), Number(m[3]))}`;
  }
  return undefined;
}

class TestHook {
  constructor(fn, options) {
    this.fn = fn;
    this.timeout = options && options.timeout;
  }
}

class TestContext {
  #test;
  constructor(test) {
    this.#test = test;
  }

  get name() {
    return this.#test.name;
  }

  get signal() {
    return this.#test.getSignal();
  }

  diagnostic(message) {
    this.#test.diagnostics.push(String(message));
  }

  skip(message) {
    this.#test.skipped = true;
    this.#test.skipMessage = message;
  }

  todo(message) {
    this.#test.isTodo = true;
    this.#test.todoMessage = message;
  }

  runOnly() {}

  test(name, options, fn) {
    const subtest = this.#test.createSubtest(Test, name, options, fn);
    return subtest.start();
  }

  before(fn, options) {
    this.#test.createHook('before', fn, options);
  }

  after(fn, options) {
    this.#test.createHook('after', fn, options);
  }

  beforeEach(fn, options) {
    this.#test.createHook('beforeEach', fn, options);
  }

  afterEach(fn, options) {
    this.#test.createHook('afterEach', fn, options);
  }
}

class SuiteContext {
  #suite;
  constructor(suite) {
    this.#suite = suite;
  }

  get name() {
    return this.#suite.name;
  }

  get signal() {
    return this.#suite.getSignal();
  }
}

// Accepts the (name, options, fn) overloads of test()/describe().
function normalizeArgs(name, options, fn) {
  if (typeof name === 'function') {
    fn = name;
    name = fn.name;
    options = {};
  } else if (name !== null && typeof name === 'object') {
    fn = options;
    options = name;
    name = typeof fn === 'function' ? fn.name : undefined;
  } else if (typeof options === 'function') {
    fn = options;
    options = {};
  }
  if (options === null || typeof options !== 'object') options = {};
  if (typeof fn !== 'function') fn = undefined;
  if (name === undefined || name === null || name === '') {
    name = fn && fn.name ? fn.name : '<anonymous>';
  }
  return { name: String(name), options, fn };
}

class Test {
  constructor(parent, name, options, fn, harness) {
    this.parent = parent;
    this.harness = harness || (parent && parent.harness);
    this.name = name;
    this.fn = fn || (() => {});
    this.nesting = parent === null ? -1 : parent.nesting + 1;
    this.testNumber = 0;
    this.subtests = [];
    this.diagnostics = [];
    this.pending = [];
    this.running = 0;
    this.nextToReport = 1;
    this.ready = new Map();
    this.startTime = null;
    this.endTime = null;
    this.passed = false;
    this.failure = null;
    this.finished = false;
    this.reported = false;
    this.startReported = false;
    this.cancelled = false;
    this.location = undefined;
    this.abortController = undefined;
    this.finishCallbacks = [];

    const { skip, todo, only, timeout } = options;
    this.skipped = skip !== undefined && skip !== false;
    this.skipMessage = typeof skip === 'string' ? skip : undefined;
    this.isTodo = todo !== undefined && todo !== false;
    this.todoMessage = typeof todo === 'string' ? todo : undefined;
    this.only = Boolean(only);
    if (typeof timeout === 'number' && timeout >= 0 && timeout !== Infinity) {
      this.timeout = timeout;
    } else if (parent !== null && parent.timeout !== undefined) {
      this.timeout = parent.timeout;
    } else {
      this.timeout = undefined;
    }
    if (this.only && this.harness && !this.harness.testOnly) {
      this.diagnostics.push(
        "'only' and 'runOnly' require the --test-only command-line option.");
    } else if (this.harness && this.harness.testOnly && !this.only &&
               parent !== null && parent.parent === null) {
      this.skipped = true;
      this.skipMessage = "'only' option not set";
    }

    // beforeEach/afterEach registered on ancestors before this test was
    // created also run around this test's own subtests.
    this.hooks = {
      before: [],
      after: [],
      beforeEach: parent ? parent.hooks.beforeEach.slice() : [],
      afterEach: parent ? parent.hooks.afterEach.slice() : [],
    };
    this.ownAfterEachCount = 0;
    this.beforeRan = false;
  }

  get reportedType() {
    return 'test';
  }

  getSignal() {
    if (this.abortController === undefined &&
        typeof AbortController === 'function') {
      this.abortController = new AbortController();
    }
    return this.abortController ? this.abortController.signal : undefined;
  }

  createSubtest(Factory, name, options, fn) {
    const args = normalizeArgs(name, options, fn);
    const test = new Factory(this, args.name, args.options, args.fn);
    test.location = callerLocation(new Error().stack);
    this.subtests.push(test);
    test.testNumber = this.subtests.length;
    if (this.finished) {
      test.fail(new TestFailure(kParentAlreadyFinished, undefined,
                                'test could not be started because its parent finished'));
      test.finish();
    }
    return test;
  }

  createHook(name, fn, options) {
    const hook = new TestHook(fn, options);
    if (name === 'afterEach') {
      // Own afterEach hooks run before the inherited ones.
      this.hooks.afterEach.splice(this.ownAfterEachCount++, 0, hook);
    } else {
      this.hooks[name].push(hook);
    }
    if (name === 'before' && this.parent !== null && this.startTime !== null && !(this instanceof Suite)) {
      // The test is already running: a late `before` runs right away.
      this.hooks.before.pop();
      this.runHooks([hook], this.hookArgs(this)).catch((err) => {
        this.fail(Test.toFailure(err, kHookFailure));
      });
    }
    return hook;
  }

  // Starts this test when its parent has a free slot; resolves when it
  // has finished (never rejects, like Node's t.test()).
  start() {
    if (this.finished) return Promise.resolve();
    return new Promise((resolve) => {
      this.finishCallbacks.push(resolve);
      const parent = this.parent;
      if (parent.running > 0) {
        parent.pending.push(this);
      } else {
        parent.running++;
        this.run();
      }
    });
  }

  fail(failure) {
    if (this.failure !== null) return;
    this.passed = false;
    this.failure = failure;
    if (failure.failureType === kCancelledByParent ||
        failure.failureType === kTestTimeoutFailure) {
      this.cancelled = true;
    }
  }

  hookArgs(test) {
    return [test.context || (test.context = test.makeContext())];
  }

  makeContext() {
    return new TestContext(this);
  }

  // `before` hooks of a test (or of the root) run once, ahead of its first
  // subtest; suites run theirs themselves.
  async runBeforeOnce() {
    if (this instanceof Suite || this.beforeRan || this.hooks.before.length === 0) {
      return;
    }
    this.beforeRan = true;
    await this.runHooks(this.hooks.before, this.hookArgs(this));
  }

  async runHooks(hooks, args) {
    for (const hook of hooks) {
      await this.runWithTimeout(hook.fn, args, hook.timeout, this, true);
    }
  }

  // Calls fn, honouring the `done` callback form and the timeout; throws a
  // TestFailure or the value the function threw.
  runWithTimeout(fn, args, timeout, owner, isHook) {
    return new Promise((resolve, reject) => {
      let settled = false;
      let timer;
      const settle = (err) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        if (err === undefined) resolve();
        else reject(err);
      };
      if (timeout !== undefined && timeout !== Infinity) {
        timer = setTimeout(() => {
          settle(new TestFailure(kTestTimeoutFailure, undefined,
                                 `test timed out after ${timeout}ms`));
        }, timeout);
        // A timeout alone must not keep the process alive.
        if (timer && typeof timer.unref === 'function') timer.unref();
      }
      this.cancelWaiters.push(settle);
      try {
        if (fn.length > args.length) {
          // Callback style: fn(ctx, done). A result passed to done() before
          // fn returns waits until we know fn did not also return a promise.
          let calls = 0;
          let returned = false;
          let early;
          const done = (err) => {
            calls++;
            if (calls > 1) {
              owner.lateFailure = new TestFailure(
                kMultipleCallbackInvocations, undefined,
                'callback invoked multiple times');
              return;
            }
            const result = err ? { thrown: err } : undefined;
            if (returned) settle(result);
            else early = { result };
          };
          const ret = runInContext(owner, fn, isHook ? undefined : args[0], [...args, done]);
          returned = true;
          if (isPromiseLike(ret)) {
            ret.then(() => {}, () => {});
            settle(new TestFailure(kCallbackAndPromisePresent, undefined,
                                   'passed a callback but also returned a Promise'));
          } else if (early !== undefined) {
            settle(early.result);
          }
        } else {
          const ret = runInContext(owner, fn, isHook ? undefined : args[0], args);
          if (isPromiseLike(ret)) {
            ret.then(() => settle(undefined), (err) => settle({ thrown: err }));
          } else {
            settle(undefined);
          }
        }
      } catch (err) {
        settle({ thrown: err });
      }
    });
  }

  get cancelWaiters() {
    if (this._cancelWaiters === undefined) this._cancelWaiters = [];
    return this._cancelWaiters;
  }

  // Normalizes what runWithTimeout rejected with.
  static toFailure(err, failureType) {
    if (err instanceof TestFailure) return err;
    return new TestFailure(failureType, err && err.thrown, undefined);
  }

  async run() {
    this.startTime = now();
    const parent = this.parent;
    const ctxArgs = this.hookArgs(this);
    let afterEachRan = false;
    const runAfterEach = async () => {
      if (afterEachRan || this.skipped) return;
      afterEachRan = true;
      try {
        await parent.runHooks(parent.hooks.afterEach, ctxArgs);
      } catch (err) {
        this.fail(Test.toFailure(err, kHookFailure));
      }
    };

    try {
      await parent.runBeforeOnce();
      if (this.skipped) {
        this.passed = true;
      } else {
        await parent.runHooks(parent.hooks.beforeEach, ctxArgs);
        await this.runWithTimeout(this.fn, ctxArgs, this.timeout, this, false);
        if (this.lateFailure) throw this.lateFailure;
        await runAfterEach();
        await this.runHooks(this.hooks.after, ctxArgs);
        if (this.failure === null) this.passed = true;
      }
    } catch (err) {
      this.fail(Test.toFailure(err, this.failure ? kHookFailure : kTestCodeFailure));
      await runAfterEach();
      try {
        await this.runHooks(this.hooks.after, ctxArgs);
      } catch {
        // The first failure is the one reported.
      }
    }
    this.finish();
  }

  // Marks the test done: cancels subtests still running, turns failed
  // subtests into a failure of this test and lets the parent go on.
  finish(cancelFailure) {
    if (this.finished) return;
    this.finished = true;
    if (this.endTime === null) this.endTime = now();
    if (this.startTime === null) this.startTime = this.endTime;
    this.pending = [];
    let failed = 0;
    for (const subtest of this.subtests) {
      if (!subtest.finished) {
        subtest.cancel(cancelFailure);
      }
      if (!subtest.passed && !subtest.isTodo) failed++;
    }
    if ((this.passed || this.parent === null) && failed > 0) {
      this.passed = false;
      this.fail(new TestFailure(kSubtestsFailed, undefined,
                                `${failed} subtest${failed > 1 ? 's' : ''} failed`));
    }
    if (this.abortController !== undefined) this.abortController.abort();
    for (const cb of this.finishCallbacks) cb();
    this.finishCallbacks = [];
    if (this.parent !== null) {
      const parent = this.parent;
      parent.ready.set(this.testNumber, this);
      parent.reportReady();
      if (parent.running > 0) parent.running--;
      const next = parent.pending.shift();
      if (next !== undefined && !next.finished) {
        parent.running++;
        next.run();
      }
    }
  }

  cancel(failure) {
    if (this.finished) return;
    const cancelled = failure ||
      new TestFailure(kCancelledByParent, undefined,
                      'test did not finish before its parent and was cancelled');
    this.fail(cancelled);
    this.cancelled = true;
    this.passed = false;
    if (this.startTime === null) {
      this.startTime = this.endTime = now();
      this.durationZero = true;
    }
    const waiters = this.cancelWaiters.splice(0);
    this.finish(failure);
    for (const settle of waiters) settle(cancelled);
  }

  // Reports finished subtests in creation order.
  reportReady() {
    if (this.parent !== null && !this.isReportable()) return;
    while (this.ready.has(this.nextToReport)) {
      const test = this.ready.get(this.nextToReport);
      this.ready.delete(this.nextToReport);
      this.nextToReport++;
      test.report();
    }
  }

  // Output of a running test may stream only once everything before it in
  // its parent has been reported.
  isReportable() {
    if (this.parent === null) return true;
    return this.parent.nextToReport === this.testNumber && this.parent.isReportable();
  }

  reportStarted() {
    if (this.startReported || this.parent === null) return;
    this.startReported = true;
    this.parent.reportStarted();
    this.harness.reporter.start(this.nesting, this.name);
  }

  report() {
    this.reportStarted();
    // Any subtest results not streamed yet (the test finished first).
    for (const subtest of this.subtests) {
      if (!subtest.reported && subtest.finished) {
        this.ready.set(subtest.testNumber, subtest);
      }
    }
    this.reportReadyForce();
    if (this.subtests.length > 0) {
      this.harness.reporter.plan(this.nesting + 1, this.subtests.length);
    }
    this.reported = true;
    let directive;
    if (this.skipped) directive = { kind: 'SKIP', message: this.skipMessage };
    else if (this.isTodo) directive = { kind: 'TODO', message: this.todoMessage };
    this.harness.reporter.result({
      nesting: this.nesting,
      testNumber: this.testNumber,
      name: this.name,
      passed: this.passed,
      directive,
      duration: this.durationZero ? 0 : this.endTime - this.startTime,
      type: this.reportedType,
      location: this.location,
      failure: this.passed ? undefined : this.failure,
      skipped: this.skipped,
      todo: this.isTodo,
      cancelled: this.cancelled,
    });
    for (const message of this.diagnostics) {
      this.harness.reporter.diagnostic(this.nesting, message);
    }
  }

  reportReadyForce() {
    while (this.ready.has(this.nextToReport)) {
      const test = this.ready.get(this.nextToReport);
      this.ready.delete(this.nextToReport);
      this.nextToReport++;
      test.report();
    }
  }
}

class Suite extends Test {
  constructor(parent, name, options, fn) {
    super(parent, name, options, fn);
    this.buildError = undefined;
    this.buildPromise = undefined;
    if (!this.skipped) {
      try {
        const ret = runInContext(this, this.fn, undefined, [this.makeContext()]);
        if (isPromiseLike(ret)) {
          this.buildPromise = Promise.resolve(ret).then(
            () => {}, (err) => { this.buildError = err; });
        }
      } catch (err) {
        this.buildError = err;
      }
    }
  }

  get reportedType() {
    return 'suite';
  }

  makeContext() {
    return new SuiteContext(this);
  }

  hookArgs(test) {
    // Suite hooks get the suite context; beforeEach/afterEach get the test's.
    return [test.context || (test.context = test.makeContext())];
  }

  async run() {
    this.startTime = now();
    try {
      await this.parent.runBeforeOnce();
      if (this.buildPromise !== undefined) await this.buildPromise;
      if (this.buildError !== undefined) {
        throw { thrown: this.buildError };
      }
      if (this.skipped) {
        // A skipped suite reports no subtests.
        this.subtests = [];
        this.passed = true;
      } else {
        try {
          await this.runHooks(this.hooks.before, this.hookArgs(this));
        } catch (err) {
          this.fail(Test.toFailure(err, kHookFailure));
          throw err;
        }
        await Promise.all(this.subtests.map((subtest) => subtest.start()));
        await this.runHooks(this.hooks.after, this.hookArgs(this));
        if (this.failure === null) this.passed = true;
      }
    } catch (err) {
      if (this.failure === null) this.fail(Test.toFailure(err, kTestCodeFailure));
      else if (this.failure.failureType === kHookFailure && this.failure.cause === undefined) {
        this.failure = Test.toFailure(err, kHookFailure);
      }
    }
    this.finish();
  }
}

module.exports = {
  Test,
  Suite,
  TestFailure,
  TestContext,
  SuiteContext,
  currentParent,
  normalizeArgs,
  now,
  kCancelledByParent,
};
