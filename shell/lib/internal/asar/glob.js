'use strict';
// Glob patterns for packaging (asar --unpack, package.json "files" and
// "asarUnpack"): `*` and `?` within one path segment, `**` across
// segments, `[...]` classes, `{a,b}` alternatives. A pattern without a
// slash also matches a file's base name anywhere ("*.node"). Dot files are
// matched like any other.

const cache = new Map();

function escape(ch) {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function toRegExp(glob) {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (atStart && glob[i + 1] === '/') {
          re += '(?:.*/)?';
          i++;
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) {
      re += '|';
    } else if (c === '\\' && i + 1 < glob.length) {
      re += escape(glob[++i]);
    } else {
      re += escape(c);
    }
  }
  re += ')'.repeat(depth);
  return new RegExp(`^${re}$`);
}

function compile(glob) {
  let m = cache.get(glob);
  if (m === undefined) {
    const pattern = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    const re = toRegExp(pattern);
    const baseOnly = !pattern.includes('/');
    m = (rel) => re.test(rel) || (baseOnly && re.test(rel.slice(rel.lastIndexOf('/') + 1)));
    cache.set(glob, m);
  }
  return m;
}

// Does relative path `rel` ('/'-separated) match `glob`?
function match(rel, glob) {
  return compile(glob)(rel);
}

// A filter from include patterns (with "!pattern" exclusions, applied in
// order as electron-builder does): the last pattern that decides wins.
function filter(patterns) {
  const list = patterns.map((p) => (p.startsWith('!') ? { neg: true, glob: p.slice(1) } : { neg: false, glob: p }));
  const hasIncludes = list.some((p) => !p.neg);
  return (rel) => {
    let keep = !hasIncludes;
    for (const p of list) {
      if (match(rel, p.glob)) keep = !p.neg;
    }
    return keep;
  };
}

module.exports = { match, filter };
