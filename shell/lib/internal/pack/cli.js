'use strict';
// `anode pack APPDIR`: reads the app's package.json and writes packages to
// APPDIR/dist (or --out): `dir` (the anode binary renamed to the app, its
// shared objects and resources/app.asar), `appimage` (anode as the AppImage
// runtime followed by a squashfs made with mksquashfs), `app` (a macOS
// style Name.app bundle) and `asar` (app.asar alone). Output is
// reproducible: files sorted, times fixed (SOURCE_DATE_EPOCH or 1980).

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const writer = require('internal/asar/writer');
const glob = require('internal/asar/glob');
const targets = require('internal/pack/targets');

const usage = `Usage: anode pack APPDIR [options]

Writes packages of the app in APPDIR (its package.json names it) to APPDIR/dist.

Options:
  --target T       dir, appimage, app or asar; repeat or separate with commas
                   (default: appimage)
  --out DIR        write to DIR instead of APPDIR/dist
  --no-progress    no progress bar, even on a terminal
  -h, --help       print this help

package.json: name, productName, version, description, main, and an "anode"
(or electron-builder style "build") section with appId, icon (a PNG),
categories, files and asarUnpack (globs).
`;

const allTargets = ['dir', 'appimage', 'app', 'asar'];
// Never packed: the output, version control, caches.
const alwaysExcluded = ['.git', '.hg', '.svn', 'node_modules/.bin', 'node_modules/.cache', '.DS_Store'];

class PackError extends Error {}

function parseArgs(args) {
  const o = { targets: [], progress: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') {
      o.help = true;
    } else if (a === '--target' || a === '-t' || a.startsWith('--target=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new PackError('--target needs a value');
      for (const t of v.split(',')) {
        if (!allTargets.includes(t)) throw new PackError(`unknown target '${t}' (expected ${allTargets.join(', ')})`);
        if (!o.targets.includes(t)) o.targets.push(t);
      }
    } else if (a === '--out' || a.startsWith('--out=')) {
      o.out = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (o.out === undefined) throw new PackError('--out needs a value');
    } else if (a === '--no-progress') {
      o.progress = false;
    } else if (a.startsWith('-')) {
      throw new PackError(`unknown option ${a}`);
    } else if (o.appDir === undefined) {
      o.appDir = a;
    } else {
      throw new PackError(`unexpected argument ${a}`);
    }
  }
  if (o.targets.length === 0) o.targets.push('appimage');
  return o;
}

function asList(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

// What package.json says, checked, with defaults.
function readConfig(appDir) {
  const file = path.join(appDir, 'package.json');
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PackError(err.code === 'ENOENT' ? `${appDir} has no package.json` : `${file}: ${err.message}`);
  }
  if (pkg === null || typeof pkg !== 'object') throw new PackError(`${file}: not a JSON object`);
  const section = { ...(pkg.build || {}), ...(pkg.anode || {}) };
  const name = pkg.name;
  if (typeof name !== 'string' || name === '') throw new PackError(`${file}: "name" is missing`);
  const slug = name.replace(/^@[^/]*\//, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'app';
  const productName = String(section.productName || pkg.productName || name);
  const version = String(pkg.version || '0.0.0');
  const categories = asList(section.categories ?? section.linux?.category ?? 'Utility')
    .flatMap((c) => c.split(';')).filter(Boolean);
  const icon = section.icon ?? section.linux?.icon;
  return {
    file,
    name,
    slug,
    productName,
    version,
    description: typeof pkg.description === 'string' ? pkg.description : '',
    main: typeof pkg.main === 'string' ? pkg.main : 'index.js',
    appId: String(section.appId || `org.anode.${slug.replace(/[^a-z0-9-]/g, '-')}`).replace(/[^A-Za-z0-9.-]/g, '-'),
    icon: icon === undefined ? undefined : path.resolve(appDir, String(icon)),
    categories,
    macCategory: section.mac?.category,
    files: asList(section.files),
    asarUnpack: asList(section.asarUnpack),
  };
}

// The app's files, as writer.crawl entries, after "files" and the fixed
// exclusions; folders only where something inside them is kept (or, with
// no "files" patterns, all of them).
function collect(appDir, outDir, config) {
  const outRel = path.relative(appDir, outDir);
  const excluded = [...alwaysExcluded];
  if (outRel && !outRel.startsWith('..') && !path.isAbsolute(outRel)) excluded.push(outRel);
  const keep = glob.filter(config.files);
  const entries = writer.crawl(appDir, (rel, isDir) => {
    if (excluded.some((e) => rel === e || rel.startsWith(`${e}/`))) return false;
    if (!isDir && rel.endsWith('.AppImage')) return false;
    return true;
  });
  if (config.files.length === 0) return entries;
  const kept = entries.filter((e) => e.type !== 'dir' && (e.rel === 'package.json' || keep(e.rel)));
  const dirs = new Set();
  for (const e of kept) {
    for (let i = e.rel.indexOf('/'); i !== -1; i = e.rel.indexOf('/', i + 1)) dirs.add(e.rel.slice(0, i));
  }
  const keptSet = new Set(kept);
  return entries.filter((e) => keptSet.has(e) || (e.type === 'dir' && dirs.has(e.rel)));
}

function checkMain(entries, config) {
  const main = path.posix.normalize(config.main.replace(/^\.\//, ''));
  const files = new Set(entries.filter((e) => e.type !== 'dir').map((e) => e.rel));
  for (const suffix of ['', '.js', '.mjs', '.cjs', '.json', '/index.js']) {
    if (files.has(main + suffix)) return;
  }
  throw new PackError(`${config.file}: "main" (${config.main}) is not among the files to pack`);
}

// ---- Progress on a terminal: one line redrawn at most 10 times a second.

function makeProgress(enabled) {
  const tty = enabled && process.stderr.isTTY;
  let last = 0;
  let shown = false;
  const draw = (label, done, total, bytes) => {
    const width = 24;
    const fill = total ? Math.round((done / total) * width) : 0;
    const bar = `${'#'.repeat(fill)}${'.'.repeat(width - fill)}`;
    process.stderr.write(`\r  ${label.padEnd(10)} [${bar}] ${done}/${total} files, ${formatSize(bytes)}\x1b[K`);
    shown = true;
  };
  return {
    update(label, done, total, bytes) {
      if (!tty) return;
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      draw(label, done, total, bytes);
    },
    step(text) {
      if (!tty) return;
      process.stderr.write(`\r  ${text}\x1b[K`);
      shown = true;
    },
    end() {
      if (tty && shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function treeSize(p) {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.isFile() ? st.size : 0;
  let n = 0;
  for (const name of fs.readdirSync(p)) n += treeSize(path.join(p, name));
  return n;
}

function run(o) {
  const appDir = path.resolve(o.appDir);
  if (!fs.existsSync(appDir) || !fs.statSync(appDir).isDirectory()) throw new PackError(`${appDir} is not a folder`);
  const outDir = path.resolve(o.out ?? path.join(appDir, 'dist'));
  const config = readConfig(appDir);
  const progress = makeProgress(o.progress);
  const entries = collect(appDir, outDir, config);
  checkMain(entries, config);
  fs.mkdirSync(outDir, { recursive: true });
  const epoch = Number(process.env.SOURCE_DATE_EPOCH) || 315532800;

  // One archive serves every target.
  const stage = fs.mkdtempSync(path.join(outDir, '.pack-'));
  try {
    const asarPath = path.join(stage, 'app.asar');
    const total = entries.filter((e) => e.type === 'file').length;
    const packedTotal = total - (config.asarUnpack.length ? entries.filter((e) => e.type === 'file' &&
      config.asarUnpack.some((g) => glob.match(e.rel, g))).length : 0);
    const unpack = config.asarUnpack.length ? (rel, isDir) => !isDir && config.asarUnpack.some((g) => glob.match(rel, g)) : undefined;
    const { headerJson } = writer.writeArchive(asarPath, entries, {
      unpack,
      mtime: epoch,
      progress: (done, bytes) => progress.update('reading', done, total, bytes),
      written: (done, bytes) => progress.update('app.asar', done, packedTotal, bytes),
    });
    progress.end();
    const ctx = {
      appDir, outDir, stage, config, epoch, asarPath, progress,
      headerHash: crypto.createHash('sha256').update(headerJson, 'utf8').digest('hex'),
      unpacked: fs.existsSync(`${asarPath}.unpacked`),
    };
    const made = [];
    for (const t of o.targets) {
      progress.step(`writing the ${t} target`);
      made.push(...targets[t](ctx));
      progress.end();
    }
    const shown = made.map((m) => {
      const rel = path.relative(process.cwd(), m);
      return rel === '' || rel.startsWith('..') ? m : rel;
    });
    const width = Math.max(...shown.map((m) => m.length));
    let out = `Packed ${config.productName} ${config.version} (${entries.filter((e) => e.type === 'file').length} files):\n`;
    made.forEach((m, i) => {
      out += `  ${shown[i].padEnd(width)}  ${formatSize(treeSize(m)).padStart(9)}\n`;
    });
    process.stdout.write(out);
  } finally {
    progress.end();
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function main(args) {
  let o;
  try {
    o = parseArgs(args);
    if (o.help) {
      process.stdout.write(usage);
      return;
    }
    if (o.appDir === undefined) throw new PackError('which app? (anode pack APPDIR)');
    // The archives written here are files, not folders to look into.
    process.noAsar = true;
    run(o);
  } catch (err) {
    process.stderr.write(`anode pack: ${err.message}\n`);
    if (err instanceof PackError && o === undefined) process.stderr.write('(see anode pack --help)\n');
    process.exitCode = 1;
  }
}

module.exports = { main, readConfig, collect };
