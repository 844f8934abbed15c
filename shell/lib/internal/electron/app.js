'use strict';
// Electron's `app`: lifecycle (ready, window-all-closed, before-quit,
// will-quit, quit), paths, name and version from package.json, locale,
// command-line switches and the single-instance lock.

const EventEmitter = require('events');
const path = require('path');
const fs = require('fs');
const os = require('os');
const native = require('internal/electron/ui');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

// The app's folder: a packaged app's archive (or resources/app), else the
// nearest package.json above the main script.
function findAppPath() {
  const launch = require('internal/asar/fs').launchInfo();
  if (launch !== null) return launch.appPath;
  const main = process.argv[1] ? path.resolve(process.argv[1]) : process.cwd();
  let dir = path.dirname(main);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.dirname(main);
    dir = up;
  }
}

function readPackage(appPath) {
  const file = path.join(appPath, 'package.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw new Error(`anode: cannot read ${file}: ${err.message}`);
  }
}

// "user-dirs.dirs" as GLib and Chromium read it, with the usual fallbacks.
function xdgUserDirs(home) {
  const dirs = {};
  const configHome = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
  let text = '';
  try {
    text = fs.readFileSync(path.join(configHome, 'user-dirs.dirs'), 'utf8');
  } catch {}
  for (const line of text.split('\n')) {
    const m = /^\s*XDG_([A-Z]+)_DIR\s*=\s*"(.*)"\s*$/.exec(line);
    if (m) dirs[m[1]] = m[2].replace(/^\$HOME/, home);
  }
  return dirs;
}

function localeFromEnv() {
  const raw = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const base = raw.split('.')[0].split('@')[0];
  if (!base || base === 'C' || base === 'POSIX') return 'en-US';
  return base.replace('_', '-');
}

class CommandLine {
  #switches = new Map();
  #args = [];
  appendSwitch(name, value) {
    if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
    this.#switches.set(name, value === undefined ? '' : String(value));
  }
  appendArgument(value) {
    this.#args.push(String(value));
  }
  hasSwitch(name) {
    return this.#switches.has(name) || process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  }
  getSwitchValue(name) {
    if (this.#switches.has(name)) return this.#switches.get(name);
    const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
    return arg ? arg.slice(name.length + 3) : '';
  }
  removeSwitch(name) {
    this.#switches.delete(name);
  }
}

const pathNames = ['home', 'appData', 'userData', 'sessionData', 'temp', 'exe', 'module',
  'desktop', 'documents', 'downloads', 'music', 'pictures', 'videos', 'logs', 'crashDumps',
  'recent'];

class App extends EventEmitter {
  #ready = false;
  #readyPromise;
  #resolveReady;
  #quitting = false;
  #appPath;
  #pkg;
  #name;
  #paths = new Map();
  #hasLock = false;

  constructor() {
    super();
    this.commandLine = new CommandLine();
    this.#appPath = findAppPath();
    this.#pkg = readPackage(this.#appPath);
    this.#name = this.#pkg.productName || this.#pkg.name || 'anode';
    this.#readyPromise = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  // Starts GTK and schedules 'ready' once the main script has run.
  _start() {
    native.setAppTarget(this);
    native.start();
    native.ui().setAppRoot(this.#appPath);
    setImmediate(() => {
      this.#ready = true;
      this.emit('ready', native.makeEvent(), {});
      this.#resolveReady();
    });
    process.on('exit', () => this.#relaunchIfAsked());
  }

  _nativeEvent(name, a) {
    if (name === 'second-instance') {
      let data = null;
      try { data = JSON.parse(a.data); } catch {}
      this.emit('second-instance', native.makeEvent(), a.argv, a.cwd, data);
    }
    return false;
  }

  whenReady() { return this.#readyPromise; }
  isReady() { return this.#ready; }

  get name() { return this.#name; }
  set name(value) { this.setName(value); }
  getName() { return this.#name; }
  setName(name) {
    if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
    this.#name = name;
  }
  getVersion() { return this.#pkg.version || process.versions.anode; }
  getAppPath() { return this.#appPath; }
  get isPackaged() { return require('internal/asar/fs').launchInfo() !== null; }
  getLocale() { return localeFromEnv(); }
  getSystemLocale() { return localeFromEnv(); }
  getPreferredSystemLanguages() { return [localeFromEnv()]; }

  getPath(name) {
    if (this.#paths.has(name)) return this.#paths.get(name);
    const home = os.homedir();
    const appData = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
    const user = () => this.getPath('userData');
    const dirs = xdgUserDirs(home);
    switch (name) {
      case 'home': return home;
      case 'appData': return appData;
      case 'userData': return path.join(appData, this.#name);
      case 'sessionData': return user();
      case 'temp': return os.tmpdir();
      case 'exe': case 'module': return process.execPath;
      case 'desktop': return dirs.DESKTOP || path.join(home, 'Desktop');
      case 'documents': return dirs.DOCUMENTS || path.join(home, 'Documents');
      case 'downloads': return dirs.DOWNLOAD || path.join(home, 'Downloads');
      case 'music': return dirs.MUSIC || path.join(home, 'Music');
      case 'pictures': return dirs.PICTURES || path.join(home, 'Pictures');
      case 'videos': return dirs.VIDEOS || path.join(home, 'Videos');
      case 'logs': return path.join(user(), 'logs');
      case 'crashDumps': return path.join(user(), 'Crashpad');
      case 'recent': return path.join(process.env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'recently-used.xbel');
      default: {
        const err = new Error(`Failed to get '${name}' path: unknown name (expected one of ${pathNames.join(', ')})`);
        throw err;
      }
    }
  }

  setPath(name, value) {
    if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE('path', 'string', value);
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    if (!pathNames.includes(name)) throw new Error(`Failed to set path: unknown name '${name}'`);
    this.#paths.set(name, value);
  }

  // Electron: before-quit, then every window gets 'close' (any of them may
  // cancel), then will-quit, then quit and the process ends.
  quit() {
    if (this.#quitting) return;
    const before = native.makeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.#quitting = true;
    const { BrowserWindow } = require('internal/electron/browser_window');
    for (const win of BrowserWindow.getAllWindows()) {
      win.close();
      if (!win.isDestroyed()) { this.#quitting = false; return; }
    }
    this.#finishQuit();
  }

  #finishQuit() {
    const will = native.makeEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) { this.#quitting = false; return; }
    const code = process.exitCode ?? 0;
    this.emit('quit', native.makeEvent(), code);
    if (native.isStarted()) native.ui().quit();
    process.exit(code);
  }

  exit(code = 0) {
    if (native.isStarted()) native.ui().quit();
    process.exit(code);
  }

  relaunch(options = {}) {
    this._relaunch = {
      execPath: options.execPath || process.execPath,
      args: options.args || process.argv.slice(1),
    };
  }

  #relaunchIfAsked() {
    if (!this._relaunch || !native.isStarted()) return;
    native.ui().spawnDetached(this._relaunch.execPath, this._relaunch.args, process.cwd());
  }

  // Called by BrowserWindow when its last window closes.
  _lastWindowClosed() {
    if (this.#quitting) { this.#finishQuit(); return; }
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  requestSingleInstanceLock(additionalData) {
    if (this.#hasLock) return true;
    const data = JSON.stringify(additionalData === undefined ? null : additionalData);
    this.#hasLock = native.ui().requestSingleInstanceLock(this.#name, process.argv, process.cwd(), data);
    return this.#hasLock;
  }
  hasSingleInstanceLock() { return this.#hasLock; }
  releaseSingleInstanceLock() {
    if (!this.#hasLock) return;
    native.ui().releaseSingleInstanceLock();
    this.#hasLock = false;
  }

  setAboutPanelOptions(options) { require('internal/electron/dialog').setAboutPanelOptions(options); }
  showAboutPanel() { require('internal/electron/dialog').showAboutPanel(null); }

  focus() {
    const { BrowserWindow } = require('internal/electron/browser_window');
    BrowserWindow.getAllWindows()[0]?.focus();
  }
}

let app;
function getApp() {
  if (app === undefined) {
    app = new App();
    app._start();
  }
  return app;
}

module.exports = { getApp };
