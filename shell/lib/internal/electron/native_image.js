'use strict';
// Electron's nativeImage: pixels held as premultiplied BGRA (Electron's
// bitmap layout on Linux); decoding, encoding and scaling happen in C.

const { Buffer } = require('buffer');
const native = require('internal/electron/ui');

const kEmpty = { width: 0, height: 0, data: new Uint8Array(0) };

class NativeImage {
  #img;
  #path = null;

  constructor(img = kEmpty, sourcePath = null) {
    this.#img = img;
    this.#path = sourcePath;
  }

  isEmpty() { return this.#img.width === 0 || this.#img.height === 0; }
  getSize() { return { width: this.#img.width, height: this.#img.height }; }
  getAspectRatio() { return this.isEmpty() ? 1 : this.#img.width / this.#img.height; }
  getScaleFactors() { return [1]; }

  toPNG() {
    if (this.isEmpty()) return Buffer.alloc(0);
    const { width, height, data } = this.#img;
    const png = native.ui().imageEncodePNG(width, height, data);
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }
  toJPEG(quality) {
    if (typeof quality !== 'number') throw new TypeError('toJPEG: quality must be a number between 0 and 100');
    if (this.isEmpty()) return Buffer.alloc(0);
    const { width, height, data } = this.#img;
    const jpeg = native.ui().imageEncodeJPEG(width, height, data, quality);
    return Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  }
  toDataURL() {
    return `data:image/png;base64,${this.toPNG().toString('base64')}`;
  }
  toBitmap() { return Buffer.from(this.#img.data); }
  getBitmap() { return this.toBitmap(); }

  resize(options = {}) {
    if (this.isEmpty()) return new NativeImage();
    let { width, height } = options;
    const { width: w, height: h } = this.#img;
    if (width === undefined && height === undefined) return new NativeImage(this.#img);
    if (width === undefined) width = Math.round(w * height / h);
    if (height === undefined) height = Math.round(h * width / w);
    if (!(width > 0 && height > 0)) throw new TypeError('resize: width and height must be positive');
    const out = native.ui().imageResize(w, h, this.#img.data, width, height, options.quality || 'best');
    return new NativeImage(out);
  }

  crop(rect) {
    if (!rect || typeof rect !== 'object') throw new TypeError('crop: rect must be an object');
    const { width: w, height: h, data } = this.#img;
    const x = Math.max(0, Math.min(w, Math.round(rect.x || 0)));
    const y = Math.max(0, Math.min(h, Math.round(rect.y || 0)));
    const cw = Math.max(0, Math.min(w - x, Math.round(rect.width || 0)));
    const ch = Math.max(0, Math.min(h - y, Math.round(rect.height || 0)));
    if (cw === 0 || ch === 0) return new NativeImage();
    const out = new Uint8Array(cw * ch * 4);
    for (let row = 0; row < ch; row++) {
      const start = ((y + row) * w + x) * 4;
      out.set(data.subarray(start, start + cw * 4), row * cw * 4);
    }
    return new NativeImage({ width: cw, height: ch, data: out });
  }

  // The file a window icon can be loaded from (GTK takes icons by name).
  _pathForIcon() {
    if (this.#path) return this.#path;
    const fs = require('fs');
    const os = require('os');
    const file = require('path').join(os.tmpdir(), `anode-icon-${process.pid}-${Date.now()}.png`);
    fs.writeFileSync(file, this.toPNG());
    return file;
  }

  static createEmpty() { return new NativeImage(); }

  static createFromPath(file) {
    if (typeof file !== 'string') throw new TypeError('createFromPath: path must be a string');
    const errctx = {};
    const img = native.ui().imageDecodeFile(require('path').resolve(file), errctx);
    return img ? new NativeImage(img, require('path').resolve(file)) : new NativeImage();
  }

  static createFromBuffer(buffer, options = {}) {
    if (!ArrayBuffer.isView(buffer)) throw new TypeError('createFromBuffer: buffer must be a Buffer');
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const errctx = {};
    const img = native.ui().imageDecode(bytes, errctx);
    if (img) return new NativeImage(img);
    if (options.width > 0 && options.height > 0) return NativeImage.createFromBitmap(buffer, options);
    return new NativeImage();
  }

  static createFromBitmap(buffer, options = {}) {
    if (!ArrayBuffer.isView(buffer)) throw new TypeError('createFromBitmap: buffer must be a Buffer');
    const { width, height } = options;
    if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
      throw new TypeError('createFromBitmap: options.width and options.height must be positive integers');
    }
    if (buffer.byteLength < width * height * 4) throw new Error(`createFromBitmap: buffer holds ${buffer.byteLength} bytes, ${width}x${height} needs ${width * height * 4}`);
    const data = new Uint8Array(width * height * 4);
    data.set(new Uint8Array(buffer.buffer, buffer.byteOffset, width * height * 4));
    return new NativeImage({ width, height, data });
  }

  static createFromDataURL(url) {
    if (typeof url !== 'string') throw new TypeError('createFromDataURL: dataURL must be a string');
    const m = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
    if (!m) return new NativeImage();
    const payload = m[3] ? Buffer.from(m[4], 'base64') : Buffer.from(decodeURIComponent(m[4]), 'latin1');
    return NativeImage.createFromBuffer(payload);
  }
}

module.exports = {
  NativeImage,
  nativeImage: {
    createEmpty: NativeImage.createEmpty,
    createFromPath: NativeImage.createFromPath,
    createFromBuffer: NativeImage.createFromBuffer,
    createFromBitmap: NativeImage.createFromBitmap,
    createFromDataURL: NativeImage.createFromDataURL,
  },
};
