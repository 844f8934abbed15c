'use strict';
// The bridge to the GTK/WebKit module: loads internalBinding('ui') on first
// use, starts GTK once, and routes native events to the JS object that owns
// the window (or to the app, id 0).

let binding;
let started = false;
const targets = new Map();
let appTarget = null;

function ui() {
  if (binding === undefined) {
    binding = internalBinding('ui');
    if (binding.loadError) {
      const err = new Error(`anode: the window layer could not be loaded: ${binding.loadError}`);
      err.code = 'ERR_ANODE_UI_UNAVAILABLE';
      throw err;
    }
  }
  return binding;
}

// Called from C for every native event; the return value goes back to C
// (true = a listener called preventDefault).
function dispatch(id, name, a, b) {
  const target = id === 0 ? appTarget : targets.get(id);
  if (target === undefined || target === null) return false;
  return target._nativeEvent(name, a, b);
}

function start() {
  if (started) return;
  ui().start(dispatch);
  started = true;
}

function isStarted() {
  return started;
}

function register(id, target) {
  targets.set(id, target);
}

function unregister(id) {
  targets.delete(id);
}

function setAppTarget(target) {
  appTarget = target;
}

// A cancellable event object as Electron passes to listeners.
function makeEvent(extra) {
  const event = {
    defaultPrevented: false,
    preventDefault() { event.defaultPrevented = true; },
  };
  return extra ? Object.assign(event, extra) : event;
}

module.exports = { ui, start, isStarted, register, unregister, setAppTarget, makeEvent };
