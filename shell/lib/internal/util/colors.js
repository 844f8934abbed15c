'use strict';
// Whether output to a stream should be coloured, the way Node decides for
// console and util.styleText: FORCE_COLOR wins, then the stream's terminal.

function shouldColorize(stream) {
  const env = (typeof process === 'object' && process.env) || {};
  if (env.FORCE_COLOR !== undefined) {
    // Same levels as tty.getColorDepth(): '', '1', 'true', '2', '3' enable.
    return ['', '1', 'true', '2', '3'].includes(env.FORCE_COLOR);
  }
  if (!stream || !stream.isTTY) return false;
  if (typeof stream.getColorDepth === 'function') return stream.getColorDepth() > 2;
  if (typeof stream.hasColors === 'function') return !!stream.hasColors();
  return true;
}

module.exports = { shouldColorize };
