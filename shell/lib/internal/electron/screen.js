'use strict';
// Electron's screen on GdkMonitor (ui-desktop.c): displays with bounds,
// workArea and scaleFactor, the cursor position (X11), and display events.

const EventEmitter = require('events');
const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');

function display(d) {
  return {
    id: d.id, label: d.label, bounds: d.bounds, workArea: d.workArea,
    size: { width: d.bounds.width, height: d.bounds.height },
    workAreaSize: { width: d.workArea.width, height: d.workArea.height },
    scaleFactor: d.scaleFactor, rotation: 0, internal: false, monochrome: false,
    colorDepth: 24, colorSpace: '', depthPerComponent: 8,
    displayFrequency: d.displayFrequency, accelerometerSupport: 'unknown', touchSupport: 'unknown',
    detected: true,
  };
}

function contains(r, p) {
  return p.x >= r.x && p.y >= r.y && p.x < r.x + r.width && p.y < r.y + r.height;
}

class Screen extends EventEmitter {
  constructor() {
    super();
    const app = require('internal/electron/app').getApp();
    if (!app.isReady()) {
      // Electron: the screen module cannot be used before ready.
    }
    desk.on('display-added', (d) => this.emit('display-added', native.makeEvent(), display(d)));
    desk.on('display-removed', () => this.emit('display-removed', native.makeEvent(), null));
  }

  getAllDisplays() { return native.ui().screenDisplays().map(display); }
  getPrimaryDisplay() { return this.getAllDisplays()[0]; }
  getCursorScreenPoint() {
    const p = native.ui().screenCursor();
    return p ? { x: p[0], y: p[1] } : { x: 0, y: 0 };
  }
  getDisplayNearestPoint(point) {
    const all = this.getAllDisplays();
    return all.find((d) => contains(d.bounds, point)) || all[0];
  }
  getDisplayMatching(rect) {
    return this.getDisplayNearestPoint({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
  }
  screenToDipPoint(p) { return p; }
  dipToScreenPoint(p) { return p; }
}

let screen;
module.exports = {
  get screen() {
    screen ??= new Screen();
    return screen;
  },
};
