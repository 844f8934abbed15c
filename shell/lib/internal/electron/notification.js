'use strict';
// Electron's Notification over org.freedesktop.Notifications (ui-notify.c).
// Without a notification server isSupported() is false and show() emits
// 'failed' with the reason, instead of doing nothing.

const EventEmitter = require('events');
const path = require('path');
const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const byId = new Map();      // server id -> Notification
const pending = new Map();   // request token -> Notification
let nextToken = 1;
let hooked = false;

function hook() {
  if (hooked) return;
  hooked = true;
  desk.on('notify-shown', (token, id) => {
    const n = pending.get(token);
    pending.delete(token);
    if (n) n._shown(id);
  });
  desk.on('notify-failed', (token, message) => {
    const n = pending.get(token);
    pending.delete(token);
    if (n) n.emit('failed', native.makeEvent(), message);
  });
  desk.on('notify-action', (id, key) => {
    const n = byId.get(id);
    if (!n) return;
    if (key === 'default') n.emit('click', native.makeEvent());
    else if (/^\d+$/.test(key)) n.emit('action', native.makeEvent(), Number(key));
  });
  desk.on('notify-closed', (id) => {
    const n = byId.get(id);
    if (!n) return;
    byId.delete(id);
    n._closed();
  });
}

function ui() {
  require('internal/electron/app').getApp();
  desk.nameApp();
  return native.ui();
}

const props = ['title', 'subtitle', 'body', 'silent', 'icon', 'hasReply', 'timeoutType', 'replyPlaceholder',
  'sound', 'urgency', 'actions', 'closeButtonText', 'toastXml'];

class Notification extends EventEmitter {
  #id = 0;

  constructor(options = {}) {
    super();
    if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    for (const k of ['title', 'subtitle', 'body']) {
      if (options[k] !== undefined && typeof options[k] !== 'string') throw new ERR_INVALID_ARG_TYPE(`options.${k}`, 'string', options[k]);
    }
    if (options.actions !== undefined && !Array.isArray(options.actions)) throw new ERR_INVALID_ARG_TYPE('options.actions', 'Array', options.actions);
    if (options.urgency !== undefined && !['normal', 'critical', 'low'].includes(options.urgency)) {
      throw new ERR_INVALID_ARG_TYPE('options.urgency', "'normal', 'critical' or 'low'", options.urgency);
    }
    for (const k of props) this[k] = options[k];
    this.title ??= '';
    this.body ??= '';
    this.actions ??= [];
  }

  static isSupported() { return ui().notifySupported(); }

  show() {
    hook();
    const o = {
      appName: require('internal/electron/app').getApp().getName(),
      replacesId: this.#id,
      title: this.subtitle ? `${this.title} — ${this.subtitle}` : this.title,
      body: this.body,
      urgency: this.urgency === 'low' ? 0 : this.urgency === 'critical' ? 2 : 1,
      timeout: this.timeoutType === 'never' ? 0 : -1,
      silent: !!this.silent,
      // "default" is the click on the notification itself.
      actions: ['default', ''],
    };
    this.actions.forEach((a, i) => {
      if (a && typeof a.text === 'string') o.actions.push(String(i), a.text);
    });
    const icon = this.icon;
    if (typeof icon === 'string') {
      o.iconPath = path.resolve(icon);
    } else if (icon && typeof icon.toBitmap === 'function' && !icon.isEmpty()) {
      const { width, height } = icon.getSize();
      o.image = { width, height, data: new Uint8Array(icon.toBitmap()) };
    }
    const token = nextToken++;
    pending.set(token, this);
    ui().notifyShow(token, o);
  }

  _shown(id) {
    this.#id = id;
    byId.set(id, this);
    this.emit('show', native.makeEvent());
  }

  _closed() {
    this.#id = 0;
    this.emit('close', native.makeEvent());
  }

  close() {
    if (this.#id) ui().notifyClose(this.#id);
  }
}

module.exports = { Notification };
