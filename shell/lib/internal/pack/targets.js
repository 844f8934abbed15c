'use strict';
// The four package layouts `anode pack` writes. Each takes the context built
// by internal/pack/cli.js (config, the staged app.asar, output folder, fixed
// time) and returns the paths it made.
//
//   dir       NAME-linux-ARCH/{NAME, libanode-ui.so, bridge/, resources/app.asar, README}
//   appimage  NAME-VERSION-ARCH.AppImage: the anode binary (with "AI\2" at
//             offset 8) followed by a squashfs of the dir layout plus AppRun,
//             NAME.desktop, NAME.png and .DirIcon
//   app       Product Name.app/Contents/{Info.plist, PkgInfo, MacOS/, Resources/app.asar,
//             Resources/NAME.icns}
//   asar      app.asar

const fs = require('fs');
const path = require('path');
const formats = require('internal/pack/formats');

const { spawnSync } = internalBinding('spawn_sync');

// Libraries every Linux system has; not worth declaring.
const baseLibraries = /^(libc|libm|libdl|libpthread|librt|libresolv|libgcc_s|libstdc\+\+|ld-linux[^.]*)\.so/;

function archName() {
  return { x64: 'x86_64', arm64: 'aarch64', ia32: 'i386' }[process.arch] || process.arch;
}

function run(file, args) {
  const r = spawnSync(file, [file, ...args], {});
  if (r.error) {
    const err = new Error(r.error.code === 'ENOENT' ? `${file} is not installed` : `cannot run ${file}: ${r.error.code}`);
    err.code = r.error.code;
    throw err;
  }
  if (r.status !== 0) throw new Error(`${file} failed (exit ${r.status}): ${String(r.stderr).trim()}`);
  return r;
}

// anode's own files, found as the UI module finds them: beside the binary
// (build tree) or in ../lib/anode (installed).
function anodeFiles() {
  if (process.env.APPIMAGE && fs.realpathSync(process.execPath) === process.env.APPIMAGE) {
    throw new Error('anode pack must be run by anode itself, not by a packaged app');
  }
  const exe = fs.realpathSync(process.execPath);
  const dir = path.dirname(exe);
  const find = (rel) => [path.join(dir, rel), path.join(dir, '..', 'lib', 'anode', rel)].find((p) => fs.existsSync(p));
  const ui = find('libanode-ui.so');
  if (ui === undefined) throw new Error(`cannot find libanode-ui.so beside ${exe}`);
  const bridgeSo = find(path.join('bridge', 'libanode-bridge.so'));
  return { exe, ui, bridge: bridgeSo === undefined ? undefined : path.dirname(bridgeSo) };
}

// A stripped copy of an ELF file (debug information is most of a
// debugoptimized build); unstripped when binutils' strip is missing.
function stripped(ctx, src, kind) {
  const out = path.join(ctx.stage, `stripped-${ctx.stripCount = (ctx.stripCount || 0) + 1}`);
  try {
    run('strip', [kind === 'exe' ? '--strip-all' : '--strip-unneeded', '-o', out, src]);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    if (!ctx.warnedStrip) process.stderr.write('anode pack: strip (binutils) is missing: shipping unstripped binaries\n');
    ctx.warnedStrip = true;
    fs.copyFileSync(src, out);
  }
  return fs.readFileSync(out);
}

// The stripped binary with the archive's header hash written into it, and
// the stripped shared objects; made once per pack.
function binaries(ctx) {
  if (ctx.binaries) return ctx.binaries;
  const files = anodeFiles();
  const exe = stripped(ctx, files.exe, 'exe');
  formats.writeOwnHash(exe, ctx.headerHash);
  const ui = stripped(ctx, files.ui, 'lib');
  const bridge = [];
  if (files.bridge) {
    for (const name of fs.readdirSync(files.bridge).sort()) {
      if (name.endsWith('.so')) bridge.push({ name, data: stripped(ctx, path.join(files.bridge, name), 'lib') });
    }
  }
  const needed = new Set([...formats.neededLibraries(exe), ...formats.neededLibraries(ui)]);
  const requires = [...needed].filter((l) => !baseLibraries.test(l) && !l.startsWith('libanode')).sort();
  ctx.binaries = { exe, ui, bridge, requires };
  return ctx.binaries;
}

function requiresText(ctx) {
  return `WebKitGTK 6.0 and GTK 4 from the system (${binaries(ctx).requires.join(', ')})`;
}

function copyTree(src, dest) {
  const st = fs.lstatSync(src);
  if (st.isDirectory()) {
    fs.mkdirSync(dest, { recursive: true });
    for (const name of fs.readdirSync(src).sort()) copyTree(path.join(src, name), path.join(dest, name));
  } else if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(src), dest);
  } else {
    fs.copyFileSync(src, dest);
    fs.chmodSync(dest, st.mode & 0o777);
  }
}

// Every file and folder under `root` gets the pack's fixed time (folders
// last, since writing into one changes its time).
function fixTimes(root, epoch) {
  const st = fs.lstatSync(root);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(root)) fixTimes(path.join(root, name), epoch);
  }
  if (st.isSymbolicLink()) fs.lutimesSync(root, epoch, epoch);
  else fs.utimesSync(root, epoch, epoch);
}

function writeFile(file, data, mode = 0o644) {
  fs.writeFileSync(file, data, { mode });
  fs.chmodSync(file, mode);
}

// The runnable layout: the binary, anode's shared objects, resources/.
function appFolder(ctx, root, exeName, resources = path.join(root, 'resources')) {
  const b = binaries(ctx);
  fs.mkdirSync(root, { recursive: true });
  writeFile(path.join(root, exeName), b.exe, 0o755);
  writeFile(path.join(root, 'libanode-ui.so'), b.ui, 0o755);
  if (b.bridge.length) {
    fs.mkdirSync(path.join(root, 'bridge'));
    for (const { name, data } of b.bridge) writeFile(path.join(root, 'bridge', name), data, 0o755);
  }
  fs.mkdirSync(resources, { recursive: true });
  fs.copyFileSync(ctx.asarPath, path.join(resources, 'app.asar'));
  if (ctx.unpacked) copyTree(`${ctx.asarPath}.unpacked`, path.join(resources, 'app.asar.unpacked'));
}

function fresh(p) {
  fs.rmSync(p, { recursive: true, force: true });
  return p;
}

function iconPng(ctx) {
  if (ctx.config.icon === undefined) return formats.defaultIcon(256);
  const png = fs.readFileSync(ctx.config.icon);
  if (formats.pngSize(png) === null) throw new Error(`${ctx.config.icon}: the icon must be a PNG file`);
  return png;
}

function dir(ctx) {
  const { config } = ctx;
  const root = fresh(path.join(ctx.outDir, `${config.slug}-linux-${process.arch}`));
  appFolder(ctx, root, config.slug);
  writeFile(path.join(root, 'README'),
    `${config.productName} ${config.version}\n\n` +
    `Start it with ./${config.slug}. Packed by anode ${process.versions.anode}; it needs\n` +
    `${requiresText(ctx)}.\n` +
    'On Debian or Ubuntu: apt install libwebkitgtk-6.0-4\n');
  fixTimes(root, ctx.epoch);
  return [root];
}

function appimage(ctx) {
  const { config } = ctx;
  const appDir = path.join(ctx.stage, 'AppDir');
  fresh(appDir);
  appFolder(ctx, appDir, config.slug);
  fs.symlinkSync(config.slug, path.join(appDir, 'AppRun'));
  writeFile(path.join(appDir, `${config.slug}.desktop`), formats.desktopEntry({
    name: config.productName,
    comment: config.description,
    exec: config.slug,
    icon: config.slug,
    categories: config.categories,
    version: config.version,
    requires: requiresText(ctx),
  }));
  writeFile(path.join(appDir, `${config.slug}.png`), iconPng(ctx));
  fs.symlinkSync(`${config.slug}.png`, path.join(appDir, '.DirIcon'));
  fixTimes(appDir, ctx.epoch);
  const image = path.join(ctx.stage, 'app.squashfs');
  run('mksquashfs', [appDir, image, '-noappend', '-all-root', '-no-xattrs',
    // zstd 15: within 2% of level 19's size, several times faster to
    // write; reading is as fast at any level.
    '-comp', 'zstd', '-Xcompression-level', '15', '-b', '131072',
    '-mkfs-time', String(ctx.epoch), '-all-time', String(ctx.epoch), '-quiet', '-no-progress']);
  const runtime = Buffer.from(binaries(ctx).exe);
  formats.markAppImage(runtime);
  const out = path.join(ctx.outDir, `${config.slug}-${config.version}-${archName()}.AppImage`);
  fs.rmSync(out, { force: true });
  writeFile(out, Buffer.concat([runtime, fs.readFileSync(image)]), 0o755);
  fs.utimesSync(out, ctx.epoch, ctx.epoch);
  return [out];
}

function app(ctx) {
  const { config } = ctx;
  const bundleName = config.productName.replace(/[/\0]/g, '-');
  const bundle = fresh(path.join(ctx.outDir, `${bundleName}.app`));
  const contents = path.join(bundle, 'Contents');
  // The MacOS binary is anode for this system (Linux): `anode Name.app` or
  // Contents/MacOS/Name runs the bundle here.
  appFolder(ctx, path.join(contents, 'MacOS'), bundleName, path.join(contents, 'Resources'));
  const iconFile = `${config.slug}.icns`;
  writeFile(path.join(contents, 'Resources', iconFile), formats.icns(iconPng(ctx)));
  const plist = {
    CFBundleDevelopmentRegion: 'en',
    CFBundleDisplayName: config.productName,
    CFBundleExecutable: bundleName,
    CFBundleIconFile: iconFile,
    CFBundleIdentifier: config.appId,
    CFBundleInfoDictionaryVersion: '6.0',
    CFBundleName: config.productName,
    CFBundlePackageType: 'APPL',
    CFBundleShortVersionString: config.version,
    CFBundleVersion: config.version,
    ElectronAsarIntegrity: {
      'Resources/app.asar': { algorithm: 'SHA256', hash: ctx.headerHash },
    },
    LSMinimumSystemVersion: '10.15',
    NSHighResolutionCapable: true,
    NSPrincipalClass: 'AtomApplication',
    NSSupportsAutomaticGraphicsSwitching: true,
  };
  if (config.macCategory) plist.LSApplicationCategoryType = String(config.macCategory);
  writeFile(path.join(contents, 'Info.plist'), formats.infoPlist(plist));
  writeFile(path.join(contents, 'PkgInfo'), 'APPL????');
  fixTimes(bundle, ctx.epoch);
  return [bundle];
}

function asar(ctx) {
  const out = path.join(ctx.outDir, 'app.asar');
  fs.rmSync(out, { force: true });
  fresh(`${out}.unpacked`);
  fs.copyFileSync(ctx.asarPath, out);
  fs.utimesSync(out, ctx.epoch, ctx.epoch);
  if (!ctx.unpacked) return [out];
  copyTree(`${ctx.asarPath}.unpacked`, `${out}.unpacked`);
  fixTimes(`${out}.unpacked`, ctx.epoch);
  return [out, `${out}.unpacked`];
}

module.exports = { dir, appimage, app, asar };
