'use strict';
// `url` for sandboxed preloads: the WHATWG classes of the page's engine and
// the helpers Node adds (file URL conversion, format, a legacy parse).

function invalidArg(name, expected, value) {
  const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? 'null' : typeof value}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function fileURLToPath(url) {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (!(u instanceof URL)) throw invalidArg('path', 'of type string or an instance of URL', url);
  if (u.protocol !== 'file:') {
    const err = new TypeError('The URL must be of scheme file');
    err.code = 'ERR_INVALID_URL_SCHEME';
    throw err;
  }
  if (u.hostname !== '') {
    const err = new TypeError('File URL host must be "localhost" or empty on linux');
    err.code = 'ERR_INVALID_FILE_URL_HOST';
    throw err;
  }
  if (/%2f/i.test(u.pathname)) {
    const err = new TypeError('File URL path must not include encoded / characters');
    err.code = 'ERR_INVALID_FILE_URL_PATH';
    throw err;
  }
  return decodeURIComponent(u.pathname);
}

function pathToFileURL(path) {
  if (typeof path !== 'string') throw invalidArg('path', 'of type string', path);
  const abs = path.startsWith('/') ? path : `/${path}`;
  const u = new URL('file://');
  u.pathname = abs.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D').replace(/\t/g, '%09').replace(/#/g, '%23').replace(/\?/g, '%3F');
  return u;
}

// Node's legacy url.parse, for what preloads read from it.
function parse(str, parseQuery) {
  if (typeof str !== 'string') throw invalidArg('url', 'of type string', str);
  let u;
  try {
    u = new URL(str);
  } catch {
    const [pathAndSearch, hash = ''] = str.split('#');
    const [pathname, search = ''] = pathAndSearch.split('?');
    return {
      protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null,
      hash: hash ? `#${hash}` : null, search: search ? `?${search}` : null,
      query: parseQuery ? Object.fromEntries(new URLSearchParams(search)) : (search || null),
      pathname, path: pathAndSearch, href: str,
    };
  }
  const auth = u.username ? (u.password ? `${u.username}:${u.password}` : u.username) : null;
  return {
    protocol: u.protocol, slashes: /^[a-z][a-z0-9+.-]*:\/\//i.test(str), auth,
    host: u.host || null, port: u.port || null, hostname: u.hostname || null,
    hash: u.hash || null, search: u.search || null,
    query: parseQuery ? Object.fromEntries(u.searchParams) : (u.search ? u.search.slice(1) : null),
    pathname: u.pathname, path: u.pathname + u.search, href: u.href,
  };
}

function format(obj) {
  if (obj instanceof URL) return obj.href;
  if (typeof obj === 'string') return obj;
  if (obj === null || typeof obj !== 'object') throw invalidArg('urlObject', 'one of type object or string', obj);
  const protocol = obj.protocol ? (obj.protocol.endsWith(':') ? obj.protocol : `${obj.protocol}:`) : '';
  const host = obj.host || (obj.hostname ? obj.hostname + (obj.port ? `:${obj.port}` : '') : '');
  const slashes = obj.slashes || /^(https?|ftp|file|wss?):$/.test(protocol) ? '//' : '';
  let search = obj.search || '';
  if (!search && obj.query && typeof obj.query === 'object') {
    const q = new URLSearchParams(obj.query).toString();
    if (q) search = `?${q}`;
  }
  const hash = obj.hash || '';
  return `${protocol}${host || slashes === '//' ? slashes : ''}${obj.auth ? `${obj.auth}@` : ''}${host}${obj.pathname || ''}${search}${hash}`;
}

module.exports = {
  URL,
  URLSearchParams,
  fileURLToPath,
  pathToFileURL,
  parse,
  format,
  resolve: (from, to) => new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\//, ''),
  domainToASCII: (d) => { try { return new URL(`http://${d}`).hostname; } catch { return ''; } },
  domainToUnicode: (d) => d,
};
