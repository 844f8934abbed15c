'use strict';
// `anode asar pack|list|extract|extract-file`, with the commands, options
// and output of @electron/asar's command line.

const fs = require('fs');
const path = require('path');
const asar = internalBinding('asar');
const writer = require('internal/asar/writer');
const glob = require('internal/asar/glob');

const usage = `Usage: anode asar <command> [options]

Commands:
  pack|p <dir> <output>            create an asar archive
      --unpack <glob>              store files matching <glob> in <output>.unpacked/
      --unpack-dir <glob>          store folders matching <glob> (or starting
                                   with it) in <output>.unpacked/
      --exclude-hidden             leave out files and folders starting with "."
  list|l <archive>                 list the archive's entries
      -i, --is-pack                say whether each entry is packed or unpacked
  extract|e <archive> <dest>       extract the whole archive into <dest>
  extract-file|ef <archive> <file> extract one file into the current folder
`;

class UsageError extends Error {}

function archiveError(ctx, file) {
  const { UVException } = require('internal/errors');
  if (ctx.message) return new Error(ctx.message);
  return new UVException({ ...ctx, path: ctx.path || file });
}

function readEntries(file) {
  const ctx = {};
  const r = asar.entries(file, ctx);
  if (r === undefined) throw archiveError(ctx, file);
  return r;
}

function readEntry(file, inner) {
  const ctx = {};
  const r = asar.readEntry(file, inner, ctx);
  if (r === undefined) throw archiveError(ctx, file);
  return Buffer.from(r);
}

function parseOptions(args, known) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    const spec = known[name];
    if (spec === undefined) throw new UsageError(`unknown option ${name}`);
    if (spec.value) {
      const v = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      opts[spec.key] = v;
    } else {
      opts[spec.key] = true;
    }
  }
  return { opts, rest };
}

function pack(args) {
  const { opts, rest } = parseOptions(args, {
    '--unpack': { key: 'unpack', value: true },
    '--unpack-dir': { key: 'unpackDir', value: true },
    '--exclude-hidden': { key: 'excludeHidden' },
  });
  if (rest.length !== 2) throw new UsageError('pack needs <dir> <output>');
  const [dir, output] = rest.map((p) => path.resolve(p));
  if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const outRel = path.relative(dir, output);
  const accept = (rel, isDir) => {
    if (opts.excludeHidden && rel.split('/').some((s) => s.startsWith('.'))) return false;
    // The archive being written may sit inside the folder it packs.
    return !(rel === outRel || rel === `${outRel}.unpacked`);
  };
  const unpackDir = opts.unpackDir;
  const unpack = (rel, isDir) => {
    if (isDir) return unpackDir !== undefined && (glob.match(rel, unpackDir) || rel.startsWith(unpackDir));
    return opts.unpack !== undefined && glob.match(rel, opts.unpack);
  };
  writer.writeArchive(output, writer.crawl(dir, accept), { unpack });
}

function list(args) {
  const { opts, rest } = parseOptions(args, {
    '-i': { key: 'isPack' }, '--is-pack': { key: 'isPack' },
  });
  if (rest.length !== 1) throw new UsageError('list needs <archive>');
  const { entries } = readEntries(rest[0]);
  let out = '';
  for (const [p, , , unpacked] of entries) {
    out += opts.isPack ? `${unpacked ? 'unpack' : 'pack  '} : /${p}\n` : `/${p}\n`;
  }
  process.stdout.write(out);
}

// Extracts into `dest` without ever writing outside it: names were checked
// when the archive was opened, and an existing link in the way is replaced,
// never followed.
function extract(args) {
  if (args.length !== 2) throw new UsageError('extract needs <archive> <dest>');
  const [file, destArg] = args;
  const dest = path.resolve(destArg);
  const { entries } = readEntries(file);
  fs.mkdirSync(dest, { recursive: true });
  for (const [p, kind, , , executable, link] of entries) {
    const out = path.join(dest, p);
    if (!out.startsWith(`${dest}/`)) throw new Error(`${file}: entry '${p}' would leave ${dest}`);
    const st = fs.lstatSync(out, { throwIfNoEntry: false });
    if (kind === 1) {
      if (st?.isDirectory()) continue;
      if (st) fs.rmSync(out, { force: true });
      fs.mkdirSync(out);
    } else {
      if (st) fs.rmSync(out, { recursive: true, force: true });
      if (kind === 2) {
        fs.symlinkSync(path.relative(path.dirname(out), path.join(dest, link)), out);
      } else {
        fs.writeFileSync(out, readEntry(file, p), { mode: executable ? 0o755 : 0o644, flag: 'wx' });
      }
    }
  }
}

function extractFile(args) {
  if (args.length !== 2) throw new UsageError('extract-file needs <archive> <file>');
  const [file, inner] = args;
  const name = inner.replace(/^\/+/, '');
  fs.writeFileSync(path.basename(name), readEntry(file, name));
}

const commands = {
  pack, p: pack, list, l: list, extract, e: extract, 'extract-file': extractFile, ef: extractFile,
};

function main(args) {
  const [cmd, ...rest] = args;
  if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    process.stdout.write(usage);
    return;
  }
  const fn = commands[cmd];
  try {
    if (fn === undefined) throw new UsageError(`unknown command '${cmd}'`);
    fn(rest);
  } catch (err) {
    process.stderr.write(`anode asar: ${err.message}\n`);
    if (err instanceof UsageError) process.stderr.write('(see anode asar --help)\n');
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}

module.exports = { main };
