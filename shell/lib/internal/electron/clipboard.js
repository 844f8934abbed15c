'use strict';
// Electron's clipboard on GdkClipboard (ui-clipboard.c): 'clipboard' is the
// CLIPBOARD selection, 'selection' X11's PRIMARY.

const native = require('internal/electron/ui');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

function ui() {
  // The clipboard needs GTK: the app starts it.
  require('internal/electron/app').getApp();
  return native.ui();
}

function checkType(type) {
  if (type === undefined) return 'clipboard';
  if (type !== 'clipboard' && type !== 'selection') {
    const err = new TypeError(`clipboard type must be 'clipboard' or 'selection'; received '${type}'`);
    err.code = 'ERR_INVALID_ARG_VALUE';
    throw err;
  }
  return type;
}

function str(name, v) {
  if (typeof v !== 'string') throw new ERR_INVALID_ARG_TYPE(name, 'string', v);
  return v;
}

function imageData(image) {
  const { NativeImage } = require('internal/electron/native_image');
  if (!(image instanceof NativeImage)) throw new ERR_INVALID_ARG_TYPE('image', 'NativeImage', image);
  if (image.isEmpty()) return undefined;
  const { width, height } = image.getSize();
  return { width, height, data: new Uint8Array(image.toBitmap()) };
}

const clipboard = {
  readText(type) { return ui().clipboardRead('text', checkType(type)); },
  writeText(text, type) { ui().clipboardWrite({ text: str('text', text) }, checkType(type)); },
  readHTML(type) { return ui().clipboardRead('html', checkType(type)); },
  writeHTML(markup, type) { ui().clipboardWrite({ html: str('markup', markup) }, checkType(type)); },
  readRTF(type) { return ui().clipboardRead('rtf', checkType(type)); },
  writeRTF(text, type) { ui().clipboardWrite({ rtf: str('text', text) }, checkType(type)); },
  readImage(type) {
    const { NativeImage } = require('internal/electron/native_image');
    const img = ui().clipboardRead('image', checkType(type));
    return img ? new NativeImage(img) : NativeImage.createEmpty();
  },
  writeImage(image, type) { ui().clipboardWrite({ image: imageData(image) }, checkType(type)); },
  readBuffer(format) {
    const data = ui().clipboardRead(str('format', format), 'clipboard');
    return data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.alloc(0);
  },
  writeBuffer(format, buffer, type) {
    if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE('buffer', 'Buffer', buffer);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    ui().clipboardWrite({ buffers: { [str('format', format)]: bytes } }, checkType(type));
  },
  write(data, type) {
    if (data === null || typeof data !== 'object') throw new ERR_INVALID_ARG_TYPE('data', 'object', data);
    const out = {};
    for (const k of ['text', 'html', 'rtf']) if (data[k] !== undefined) out[k] = str(`data.${k}`, data[k]);
    if (data.image !== undefined) out.image = imageData(data.image);
    ui().clipboardWrite(out, checkType(type));
  },
  availableFormats(type) { return ui().clipboardFormats(checkType(type)); },
  has(format, type) { return ui().clipboardFormats(checkType(type)).includes(str('format', format)); },
  clear(type) { ui().clipboardWrite({}, checkType(type)); },
  readBookmark() { return { title: '', url: '' }; },
  writeBookmark(title, url, type) { clipboard.writeText(str('url', url), type); },
  readFindText() { return ''; },
  writeFindText() {},
};

module.exports = { clipboard };
