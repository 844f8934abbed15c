'use strict';

// `anode --test [paths...]`: finds test files, runs each in its own child
// process and prints one TAP report with the summary over all files.

const { TapReporter, tapEscape, toYaml, kEventPrefix } = require('internal/test_runner/tap');
const { now } = require('internal/test_runner/test');

const kFileExtension = /\.(?:c|m)?js$/;

function isTestFile(name, underTestDir) {
  if (!kFileExtension.test(name)) return false;
  if (underTestDir) return true;
  const base = name.replace(kFileExtension, '');
  return base === 'test' || /^test-.+/.test(base) || /.+[.\-_]test$/.test(base);
}

function joinPath(dir, name) {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function resolvePath(cwd, p) {
  if (p.startsWith('/')) return normalize(p);
  return normalize(joinPath(cwd, p));
}

function normalize(p) {
  const out = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function walk(fs, dir, underTestDir, files) {
  let names;
  try {
    names = fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === 'node_modules') continue;
    const full = joinPath(dir, name);
    const kind = fs.internalModuleStat(full);
    if (kind === 1) {
      walk(fs, full, underTestDir || name === 'test', files);
    } else if (kind === 0 && isTestFile(name, underTestDir)) {
      files.add(full);
    }
  }
}

function collectFiles(fs, cwd, paths) {
  const files = new Set();
  const missing = [];
  if (paths.length === 0) {
    walk(fs, cwd, false, files);
    return { files: [...files].sort(), missing };
  }
  for (const p of paths) {
    const full = resolvePath(cwd, p);
    const kind = fs.internalModuleStat(full);
    if (kind === 1) {
      const found = new Set();
      walk(fs, full, /(^|\/)test$/.test(full), found);
      for (const f of [...found].sort()) files.add(f);
    } else if (kind === 0) {
      files.add(full);
    } else {
      missing.push(full);
    }
  }
  return { files: [...files], missing };
}

function childEnv() {
  const env = [];
  for (const key of Object.keys(process.env)) {
    if (key === 'NODE_TEST_CONTEXT') continue;
    env.push(`${key}=${process.env[key]}`);
  }
  env.push('NODE_TEST_CONTEXT=child');
  return env;
}

function splitLines(text) {
  if (typeof text !== 'string' || text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// Replays one child's events through the reporter, renumbering its
// top-level tests to follow those of the files before it.
function reportFile(reporter, state, file, res, duration) {
  let topLevel = 0;
  let failedTopLevel = 0;
  for (const line of splitLines(res.stdout)) {
    if (!line.startsWith(kEventPrefix)) {
      reporter.diagnostic(0, line);
      continue;
    }
    let event;
    try {
      event = JSON.parse(line.slice(kEventPrefix.length));
    } catch {
      reporter.diagnostic(0, line);
      continue;
    }
    if (event.type === 'start') {
      reporter.start(event.nesting, event.name);
    } else if (event.type === 'diagnostic') {
      reporter.diagnostic(event.nesting, event.message);
    } else if (event.type === 'plan') {
      if (event.nesting > 0) reporter.plan(event.nesting, event.count);
    } else if (event.type === 'result') {
      const result = { ...event, type: event.type_ };
      if (event.nesting === 0) {
        topLevel++;
        result.testNumber = ++state.count;
        if (!event.passed && !event.todo) failedTopLevel++;
      }
      reporter.result(result);
    }
  }
  for (const line of splitLines(res.stderr)) {
    if (line.trim() !== '') reporter.diagnostic(0, line);
  }
  const failedRun = res.status !== 0 || res.signal;
  // A file without results (or one that died without reporting why) is one
  // test named after the file.
  if (topLevel === 0 || (failedRun && failedTopLevel === 0)) {
    const passed = !failedRun && !res.error;
    let errorYaml;
    if (!passed) {
      errorYaml = toYaml('', 'location', `${file}:1:1`, new Set()) +
        "failureType: 'testCodeFailure'\n" +
        toYaml('', 'exitCode', res.status, new Set()) +
        toYaml('', 'signal', res.signal === undefined ? null : res.signal, new Set()) +
        toYaml('', 'error', res.error ? String(res.error.message || res.error) : 'test failed', new Set()) +
        "code: 'ERR_TEST_FAILURE'\n";
    }
    reporter.start(0, file);
    reporter.result({
      nesting: 0,
      testNumber: ++state.count,
      name: file,
      passed,
      duration,
      type: 'test',
      skipped: false,
      todo: false,
      cancelled: false,
      errorYaml,
    });
  }
}

function run(paths) {
  const fs = internalBinding('fs');
  const { spawnSync } = internalBinding('spawn_sync');
  const cwd = process.cwd();
  const startTime = now();
  const { files, missing } = collectFiles(fs, cwd, paths || []);
  if (missing.length > 0) {
    for (const p of missing) process.stderr.write(`Could not find '${p}'\n`);
    process.exitCode = 1;
    return;
  }
  const reporter = new TapReporter();
  reporter.header();
  const state = { count: 0 };
  const env = childEnv();
  for (const file of files) {
    const fileStart = now();
    let res;
    try {
      res = spawnSync(process.execPath, [process.execPath, file], { cwd, env });
    } catch (err) {
      res = { status: null, signal: null, stdout: '', stderr: '', error: err };
    }
    reportFile(reporter, state, file, res, now() - fileStart);
  }
  reporter.plan(0, state.count);
  reporter.summary(now() - startTime);
  const c = reporter.counters;
  if (c.topLevelFailed > 0 || c.fail > 0 || c.cancelled > 0) {
    process.exitCode = 1;
  }
}

module.exports = { run, isTestFile, tapEscape };
