'use strict';
// fs.watch(dir, { recursive: true }) and fs.promises.watch recursive: names
// relative to the root, directories added and dropped as the tree changes,
// signal and close() tearing every watch down.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-rwatch-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
function freshRoot() {
  const root = path.join(base, `r${n++}`);
  fs.mkdirSync(path.join(root, 'sub', 'deeper'), { recursive: true });
  fs.writeFileSync(path.join(root, 'sub', 'existing.txt'), 'x');
  return root;
}

// Resolves with the first [eventType, filename] that `match` accepts.
function nextEvent(watcher, match, ms = 1500) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watcher.off('change', on);
      reject(new Error('no matching event'));
    }, ms);
    function on(eventType, filename) {
      if (!match(eventType, filename)) return;
      clearTimeout(timer);
      watcher.off('change', on);
      resolve([eventType, filename]);
    }
    watcher.on('change', on);
  });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('reports changes in existing subdirectories relative to the root', async () => {
  const root = freshRoot();
  const watcher = fs.watch(root, { recursive: true });
  assert.ok(watcher instanceof require('node:events'));
  await delay(50);
  let ev = nextEvent(watcher, (t, f) => f === path.join('sub', 'deeper', 'file.txt'));
  fs.writeFileSync(path.join(root, 'sub', 'deeper', 'file.txt'), 'hello');
  assert.deepStrictEqual(await ev, ['rename', 'sub/deeper/file.txt']);
  ev = nextEvent(watcher, (t, f) => f === 'sub/existing.txt');
  fs.appendFileSync(path.join(root, 'sub', 'existing.txt'), 'more');
  assert.deepStrictEqual(await ev, ['change', 'sub/existing.txt']);
  ev = nextEvent(watcher, (t, f) => f === 'top.txt');
  fs.writeFileSync(path.join(root, 'top.txt'), '1');
  assert.deepStrictEqual(await ev, ['rename', 'top.txt']);
  const closed = new Promise((resolve) => watcher.on('close', resolve));
  watcher.close();
  watcher.close();
  await closed;
});

test('watches directories created later and forgets removed ones', async () => {
  const root = freshRoot();
  const events = [];
  const watcher = fs.watch(root, { recursive: true }, (t, f) => events.push([t, f]));
  await delay(50);
  let ev = nextEvent(watcher, (t, f) => f === 'later');
  fs.mkdirSync(path.join(root, 'later'));
  assert.deepStrictEqual(await ev, ['rename', 'later']);
  await delay(50);
  ev = nextEvent(watcher, (t, f) => f === 'later/x.txt');
  fs.writeFileSync(path.join(root, 'later', 'x.txt'), 'x');
  assert.deepStrictEqual(await ev, ['rename', 'later/x.txt']);

  ev = nextEvent(watcher, (t, f) => f === 'later');
  fs.rmSync(path.join(root, 'later'), { recursive: true });
  assert.deepStrictEqual(await ev, ['rename', 'later']);
  assert.ok(events.some(([t, f]) => t === 'rename' && f === 'later/x.txt'));

  // The same name again is a new directory, watched afresh.
  await delay(50);
  ev = nextEvent(watcher, (t, f) => f === 'later');
  fs.mkdirSync(path.join(root, 'later'));
  await ev;
  await delay(50);
  ev = nextEvent(watcher, (t, f) => f === 'later/y.txt');
  fs.writeFileSync(path.join(root, 'later', 'y.txt'), 'y');
  assert.deepStrictEqual(await ev, ['rename', 'later/y.txt']);

  // A moved subtree is reported under its new name.
  ev = nextEvent(watcher, (t, f) => f === 'moved/deeper/z.txt');
  fs.renameSync(path.join(root, 'sub'), path.join(root, 'moved'));
  await delay(100);
  fs.writeFileSync(path.join(root, 'moved', 'deeper', 'z.txt'), 'z');
  assert.deepStrictEqual(await ev, ['rename', 'moved/deeper/z.txt']);
  assert.ok(!events.some(([, f]) => f === 'sub/deeper/z.txt'));
  watcher.close();
});

test('no events after close, and an aborted signal closes', async () => {
  const root = freshRoot();
  const watcher = fs.watch(root, { recursive: true });
  let count = 0;
  watcher.on('change', () => count++);
  watcher.close();
  fs.writeFileSync(path.join(root, 'sub', 'deeper', 'after-close.txt'), 'x');
  await delay(100);
  assert.strictEqual(count, 0);

  const ac = new AbortController();
  const w2 = fs.watch(root, { recursive: true, signal: ac.signal });
  const closed = new Promise((resolve) => w2.on('close', resolve));
  ac.abort();
  await closed;

  const w3 = fs.watch(root, { recursive: true, signal: AbortSignal.abort() });
  await new Promise((resolve) => w3.on('close', resolve));
});

test('errors and options', () => {
  const missing = path.join(base, 'missing');
  assert.throws(() => fs.watch(missing, { recursive: true }), {
    code: 'ENOENT',
    syscall: 'stat',
    path: missing,
    filename: missing,
    message: `ENOENT: no such file or directory, stat '${missing}'`,
  });
  assert.throws(() => fs.watch(base, { recursive: 1 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.recursive" property must be of type boolean. Received type number (1)',
  });
});

test('a file watched recursively is watched as with a plain watch', async () => {
  const root = freshRoot();
  const file = path.join(root, 'sub', 'existing.txt');
  const watcher = fs.watch(file, { recursive: true });
  const ev = nextEvent(watcher, () => true);
  fs.appendFileSync(file, 'y');
  assert.deepStrictEqual(await ev, ['change', 'existing.txt']);
  watcher.close();
});

test('fs.promises.watch recursive', async () => {
  const root = freshRoot();
  const ac = new AbortController();
  const iter = fs.promises.watch(root, { recursive: true, signal: ac.signal });
  const seen = [];
  const done = (async () => {
    try {
      for await (const { eventType, filename } of iter) {
        seen.push([eventType, filename]);
        if (filename === 'sub/deeper/p.txt') ac.abort();
      }
    } catch (err) {
      return err;
    }
  })();
  await delay(50);
  fs.writeFileSync(path.join(root, 'sub', 'deeper', 'p.txt'), 'p');
  const err = await done;
  assert.strictEqual(err.name, 'AbortError');
  assert.ok(seen.some(([t, f]) => t === 'rename' && f === 'sub/deeper/p.txt'));
});
