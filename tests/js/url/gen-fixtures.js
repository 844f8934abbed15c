'use strict';
// Regenerates the URL expectation tables from real Node (run with node, not
// anode): node tests/js/url/gen-fixtures.js. Each row is an input, a base and
// what Node's WHATWG URL made of it (null when parsing failed).
const fs = require('fs');
const path = require('path');

const bases = ['http://example.org/foo/bar', 'about:blank', 'file:///C:/dir/file', 'file:///tmp/mock/path',
  'sc://host/a/b', 'http://user:pass@example.org:81/a/b?q#f', 'data:text/plain,x', 'non-spec:/a/b', 'non-spec:/..//p'];
const inputs = [
  // Plain and whitespace handling
  '', ' ', '\t\n', 'http://example.com', ' http://example.com/ ', '\u0000http://a/\u001f', 'ht\ttp://ex\nample.com/a\rb',
  'http://example.com/a b', 'http://example.com/a\u00a0b', 'HTTP://EXAMPLE.COM/ABC', 'hTtPs://Example.Com/', 'https://é.com/é?é#é',
  // Relative references
  'foo', 'foo/bar', './foo', '../foo', '../../../../foo', '/foo', '//foo', '///foo', '////foo', '?q', '#f', '#', '?', '.', '..',
  '/.', '/..', '/./.', '/../..', 'a/./b/../c', 'a/%2e/b/%2E%2E/c', '%2e%2e/x', '.%2E/x', '/foo/..', '/foo/.', '/foo/%2e%2', 'foo/..bar',
  '\\foo\\bar', '\\\\server\\share', 'http:foo', 'http:/foo', 'http:\\\\foo\\bar', 'https:foo', 'file:foo', 'sc:foo', 'sc:/foo', 'sc://foo',
  ':foo', ':', '::', ':23', ':\\', 'a:', 'a:b', '1a:b', 'a1+-.:x', 'a_b:c', 'a b:c', '#β', '?β', 'β',
  // Authority and userinfo
  'http://user@host/', 'http://user:pass@host/', 'http://:pass@host/', 'http://user:@host/', 'http://@host/', 'http://@/', 'http://a@b@c/',
  'http://a:b@c:d@e/', 'http://us er:pa ss@host/', 'http://%75ser@host/', 'http://u\u00e9:p\u00e9@host/', 'http://[:]@host/', 'http://a;b=c@host/',
  'http://a:b:c@host/', 'sc://user:pass@host/', 'sc://@host/', 'http://user@/path', 'http://user:pass@/', 'file://user@host/', 'http:@host',
  // Ports
  'http://h:80/', 'http://h:8080/', 'http://h:0/', 'http://h:65535/', 'http://h:65536/', 'http://h:00080/', 'http://h:/', 'http://h:8a/',
  'http://h:-1/', 'https://h:443/', 'https://h:80/', 'ws://h:80/', 'wss://h:443/', 'ftp://h:21/', 'sc://h:80/', 'file://h:80/', 'http://:80/',
  'http://h:999999999999999999999/', 'http://h: 80/', 'sc://:1/', 'sc://h:/',
  // Hosts: domains, forbidden code points, IDNA
  'http://ExAmPlE.CoM/', 'http://exa mple.com/', 'http://exa#mple.com/', 'http://exa%mple.com/', 'http://exa%25mple.com/', 'http://exa%41mple.com/',
  'http://a<b/', 'http://a>b/', 'http://a^b/', 'http://a|b/', 'http://a\u007fb/', 'http://a\u0001b/', 'http://a%00b/', 'http://a%7Fb/', 'http://a..b/',
  'http://.a/', 'http://a./', 'http://./', 'http://../', 'http://a*b/', 'http://a_b/', 'http://a$b/', 'http://a~b/', "http://a'b/", 'http://a"b/',
  'http://a{b/', 'http://a`b/', 'http://münchen.de/', 'http://MÜNCHEN.DE/', 'http://xn--mnchen-3ya.de/', 'http://XN--MNCHEN-3YA.de/', 'http://faß.de/',
  'http://日本.jp/', 'http://例え.テスト/', 'http://ＥＸＡＭＰＬＥ．ｃｏｍ/', 'http://a。b/', 'http://a．b/', 'http://a｡b/', 'http://%E2%98%83/', 'http://☃/',
  'http://xn--/', 'http://xn--a/', 'http://xn--abc-/', 'http://xn--ls8h/', 'http://a\u00adb/', 'http://a\u200bb/', 'http://\u00ad/', 'http://%C2%AD/',
  'http://xn--a.b/', 'http://ab--c/', 'http://-a/', 'http://a-/', 'sc://exa mple/', 'sc://a%b/', 'sc://a<b/', 'sc://münchen/', 'sc://a^b/', 'sc://a|b/',
  'sc://ÉX/', 'sc://%41/', 'sc://a[b/', 'sc://\u0001/', 'sc:// /', 'sc://a b/', 'sc://#/', 'sc://?/', 'sc://[::1]/', 'sc://[x]/', 'sc://a]b/',
  'http://%zz/', 'http://%/', 'http://a%2eb/', 'http://%30%78%37%66.1/',
  // IPv4
  'http://127.0.0.1/', 'http://127.1/', 'http://127.0.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://0x7F.1/', 'http://0177.0.0.1/',
  'http://017700000001/', 'http://0x/', 'http://0x.0x.0/', 'http://00/', 'http://0/', 'http://1.2.3.4.5/', 'http://1.2.3.4./', 'http://1.2.3.4../',
  'http://256.0.0.1/', 'http://1.256/', 'http://1.2.65536/', 'http://1.16777216/', 'http://4294967295/', 'http://4294967296/', 'http://0xffffffff/',
  'http://0x100000000/', 'http://1.2.3.09/', 'http://1.2.3.08/', 'http://09/', 'http://0x1g/', 'http://1.2.3.4.a/', 'http://a.1/', 'http://a.0x1/',
  'http://1.a/', 'http://foo.09/', 'http://foo.0x/', 'http://foo.0x4/', 'http://%31.%32.%33.%34/', 'http://１２７．０．０．１/', 'http://999999999999999999/',
  'sc://1.2.3/', 'sc://0x7f.1/', 'file://127.1/x', 'http://1..2/', 'http://.1/', 'http://1./',
  // IPv6
  'http://[::]/', 'http://[::1]/', 'http://[1::]/', 'http://[1:0::]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[1:2:3:4:5:6:7:8]/',
  'http://[1:2:3:4:5:6:7:8:9]/', 'http://[1:2:3:4:5:6:7]/', 'http://[1::2::3]/', 'http://[:1]/', 'http://[1:]/', 'http://[::1.2.3.4]/',
  'http://[::ffff:1.2.3.4]/', 'http://[::1.2.3]/', 'http://[::1.2.3.4.5]/', 'http://[::1.2.3.256]/', 'http://[::1.2.3.04]/', 'http://[1:2:3:4:5:6:1.2.3.4]/',
  'http://[1:2:3:4:5:6:7:1.2.3.4]/', 'http://[0:0:1:0:0:0:0:0]/', 'http://[1:0:0:2:0:0:0:3]/', 'http://[1:0:0:2:0:0:3:4]/', 'http://[ABCD::EF]/',
  'http://[00001::]/', 'http://[::g]/', 'http://[::1]:8080/', 'http://[::1/', 'http://::1]/', 'http://[::1]x/', 'http://[::%31]/', 'http://[ ::1]/',
  'http://[1:2:0:0:5:0:0:0]/', 'http://[0:0:0:0:0:0:0:0]/', 'http://[::1.]/', 'http://[::.1.2.3]/', 'http://[1::1.2.3.4]/', 'file://[::1]/x',
  // Paths and percent-encoding
  'http://h/a b', 'http://h/a"b', 'http://h/a<b>', 'http://h/a`b', 'http://h/a{b}', 'http://h/a^b', 'http://h/a|b', 'http://h/a%b', 'http://h/a%zz',
  'http://h/a%2fb', 'http://h/\u0000\u001f\u007f', 'http://h/é', 'http://h/\ud83d\ude00', 'http://h/\ud800', 'http://h/\udc00x', "http://h/a'b",
  'http://h/a\\b', 'sc://h/a\\b', 'http://h/a;b=c', 'http://h/a/./b/../../c', 'http://h/a/%2e%2E/b', 'http://h/..', 'http://h/../..', 'http://h/a/..',
  'http://h/a/.', 'http://h/a/b/.%2e', 'http://h//a//b', 'http://h/?', 'http://h/#', 'http://h?', 'http://h#', 'http://h/a?b?c#d#e',
  'sc://h/..', 'sc://h/.', 'sc:/..', 'sc:/../a', 'sc:/./a', 'sc:/.//a', 'sc:/a/..//b', 'sc:..//a', 'sc:a/..//b', 'sc:///a', 'sc:////a',
  // Queries and fragments
  'http://h/?a b', 'http://h/?a"b', "http://h/?a'b", "sc://h/?a'b", 'http://h/?a<b>', 'http://h/?a`b', 'http://h/?a{b}', 'http://h/?a#b',
  'http://h/?é', 'http://h/?%zz', 'http://h/?\u0000', 'http://h/#a b', 'http://h/#a"b', 'http://h/#a`b', 'http://h/#a<b>', 'http://h/#é', 'http://h/#a#b',
  'http://h/#\u0000', "http://h/#a'b", 'http://h/#a{b}', 'http://h/?a=1&b=2&c', 'http://h/?\ud83d\ude00#\ud83d\ude00',
  // Opaque paths
  'mailto:user@example.com', 'mailto:a b', 'javascript:alert(1)', 'data:text/html,<p>x</p>', 'about:blank', 'about:blank?x#y', 'urn:isbn:123',
  'sc:a b ', 'sc:a b ?q', 'sc:a b #f', 'sc:é', 'sc:\u0000\u001f', 'sc:a%zz', 'tel:+1-555', 'blob:https://a.com/uuid', 'blob:null/uuid', 'blob:sc://a/',
  'blob:ftp://a/', 'blob:', 'news:comp.lang', 'sc:\\a', 'sc:/a/b', 'sc:?', 'sc:#',
  // file URLs
  'file:', 'file:/', 'file://', 'file:///', 'file:////', 'file://///x', 'file:///a/b', 'file://host/a', 'file://localhost/a', 'file://LOCALHOST/a',
  'file://localhost', 'file:///C:/a', 'file:///C|/a', 'file:///c:/a', 'file:C:/a', 'file:/C:/a', 'file://C:/a', 'file://C|/a', 'file:C|', 'file:///C:',
  'file:///C:/../..', 'file:///C:/..', 'file:///C:/a/../../b', 'file:///C:/a/./b', 'file:///a/../..', 'file:..', 'file:.', 'file:a', 'file:?q', 'file:#f',
  'file:\\\\host\\share', 'file:\\\\\\C:\\a', 'file://host/C:/a', 'file://h:1/', 'file://user@h/', 'file://ex ample/', 'file://%41/', 'file://münchen/',
  'file://[1::8]/C:/', 'file://xn--/', 'C:/a', 'C|/a', 'C:\\a', '/C:/a', '//C:/a', 'C:', 'C|', '/C|', 'c:/x?y#z', 'file:///a b', 'file:///a%2Fb',
  'file://1.2.3/', 'file://0x1/', 'file:..//a', 'file:///C:/a#f', 'file:///C:/a?q', '\\\\server\\file', '\\x\\y',
  // Special schemes without slashes, other specials
  'http:', 'https:', 'http:/', 'http://', 'http:///', 'http:////h/', 'http:\\/h', 'ws:h', 'wss://h/', 'ftp://h/x', 'ftp:/h', 'ws://h/x?y#z',
  'http:/example.com/', 'http:example.com/', 'https:example.com/', 'ftp:example.com/', 'ws:example.com/', 'madeupscheme:/example.com/',
  'non-spec:/.//', 'non-spec:/..//', 'non-spec:/a/..//', 'non-spec:/.//path', 'non-spec:/..//path', 'non-spec:/a/..//path', '/.//path', '/..//path',
  '..//path', 'a/..//path', '', 'path', '//user:pass@h2/', 'http://h/\u3000', 'HTTP://H/%7Efoo', 'http://h/%7efoo', 'http://a.b.c.d.e.f.g.h.i/',
];
// A row: [input, base, href, origin, protocol, username, password, host,
// hostname, port, pathname, search, hash], or [input, base] for a failure.
// A based row is left out when the input alone parses to the same URL.
const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
  'pathname', 'search', 'hash'];
const rows = [];
const seen = new Set();
for (const base of [null, ...bases]) {
  for (const input of inputs) {
    let u = null;
    try {
      u = base === null ? new URL(input) : new URL(input, base);
    } catch {}
    const values = u ? fields.map((f) => u[f]) : [];
    const key = JSON.stringify([input, values]);
    if (base !== null && u && seen.has(key)) continue;
    seen.add(key);
    rows.push([input, base, ...values]);
  }
}
fs.writeFileSync(path.join(__dirname, 'urltestdata.json'), JSON.stringify(rows, null, 0).replace(/\],\[/g, '],\n['));
console.log(rows.length, 'rows');

// Setters: [href, setter, value, href after (or null when it threw)].
const setterBases = ['http://user:pass@example.com:8080/a/b?q=1#f', 'https://example.com/', 'sc://h/p?q#f',
  'sc:opaque path ?q#f', 'sc:opaque', 'file:///C:/a/b', 'file://host/p', 'mailto:me@x', 'http://[::1]/', 'sc:/p', 'sc://h'];
const setterValues = {
  href: ['http://other/', 'relative', '', 'sc:x', 'http://a b/', 'file:///x'],
  protocol: ['https', 'HTTPS:', 'sc', 'file', 'ftp:', 'ws:x', '1x', '', 'http:/foo', 'javascript', 'a+b'],
  username: ['me', 'a b', 'a:b@c', '', 'é', '%41'],
  password: ['secret', 'a b', ':@/', '', 'é'],
  host: ['other.com', 'other.com:99', 'other.com:99999', 'Other.Com:80', '[::2]:1', 'a b', '', 'x/y', 'x?y', 'x#y', 'x:', ':9', 'x:9a', 'münchen', '0x7f.1', 'x\\y', 'localhost', '%41'],
  hostname: ['other.com', 'other.com:99', '', 'a b', '[::2]', 'x/y', 'münchen', 'localhost', '1.2.3', 'a%2fb'],
  port: ['99', '80', '443', '', '99999', '12ab', 'ab', '-1', '8080/x', ' 9', '0'],
  pathname: ['/x/y', 'x', '', '/a b', '/../..', '/./x', '\\x\\y', '/?#', '/é', '//x', 'C:/x', '/%2e%2e/a'],
  search: ['x=1', '?x=1', '', '?', 'a b', '#x', 'é=é', "'", '??'],
  hash: ['x', '#x', '', '#', 'a b', '#é', '##', '`'],
};
const setters = [];
for (const href of setterBases) {
  for (const [name, values] of Object.entries(setterValues)) {
    for (const value of values) {
      const u = new URL(href);
      let after;
      try {
        u[name] = value;
        after = u.href;
      } catch {
        after = null;
      }
      setters.push([href, name, value, after]);
    }
  }
}
fs.writeFileSync(path.join(__dirname, 'settersdata.json'), JSON.stringify(setters).replace(/\],\[/g, '],\n['));
console.log(setters.length, 'setter rows');

// Legacy url.parse (all three argument forms), url.resolve and url.format.
const url = require('url');
const legacyInputs = [
  'http://user:pass@host.com:8080/p/a/t/h?query=string#hash', 'HTTP://WWW.EXAMPLE.COM/', '//host/path', '//user@host/p', '/p?a=1&b=2&a=3',
  'p/q', '?x', '#h', 'mailto:a@b.com', 'javascript:alert(1)', 'file:///etc/passwd', 'file:/x', 'file://host/x', 'http://a@b@c/d', 'http://a@b?@c',
  'http://x.com\\y\\z?a\\b', 'http://[::1]:80/x', 'http://[fe80::1]', 'http://x.com:/y', 'http://x.com:abc/', ' http://x.com/ ', 'http://x.com/a b<c>',
  "http://x.com/'\"`{}|^", 'http://münchen.de/', 'http://EXAMPLE.com./', 'http://a.com/?q=a+b%20c', 'xmpp:isaacschlueter@jabber.org', 'coap:/x',
  'http://a.com#a?b', 'http://a.com?a#b?c', 'http://a:b@c:d@e.com/', 'http:/x', 'http:x', 'https:', 'http://', 'sc://h/p', 'a:b', 'http://x/%zz',
  'http://x.com/\t\r\ny', 'http://x_y.com/', 'HTTP://X.COM:80/%7e', 'http://a.com/?', 'http://a.com/#', 'git+ssh://git@github.com:npm/cli.git',
  'ws://h/x', 'http://user%40x:p%3Aw@h/', 'http://x..y/', 'http://.x/', 'http://a.b.c:8080',
];
const legacy = [];
for (const input of legacyInputs) {
  for (const [pq, sdh] of [[false, false], [true, false], [false, true]]) {
    let r;
    try {
      const u = url.parse(input, pq, sdh);
      r = Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v !== null && typeof v === 'object' ? { ...v } : v]));
    } catch (e) {
      r = { code: e.code };
    }
    legacy.push([input, pq, sdh, r]);
  }
}
const resolveBases = ['http://a/b/c/d;p?q', 'http://a.com/x/y/', 'mailto:a@b', 'file:///a/b', 'http://u:p@h:81/x', '/one/two', 'foo/bar', 'sc:a/b'];
const resolveRels = ['g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', ';x', '', '.', './', '..', '../', '../g', '../..', '../../g',
  '../../../g', '/./g', '/../g', 'g.', '.g', 'g..', '..g', './../g', './g/.', 'g/./h', 'g/../h', 'http:g', 'http://x/y', 'https:g', 'ftp:/x',
  'mailto:c@d', 'javascript:x', 'file:z', 'local2@domain2', 'HTTP://X/', '\\g', 'g?y/./x', 'g#s/../x'];
const resolves = [];
for (const b of resolveBases) {
  for (const r of resolveRels) resolves.push([b, r, url.resolve(b, r)]);
}
const formats = [
  { protocol: 'http', host: 'a.com', pathname: 'x' }, { protocol: 'http:', hostname: 'a.com', port: 8, pathname: '/x', search: 'q=1', hash: 'h' },
  { protocol: 'mailto', pathname: 'a@b' }, { protocol: 'file', pathname: '/x' }, { protocol: 'file:', host: '', pathname: 'x' },
  { hostname: '::1', port: '80' }, { hostname: '[::1]' }, { auth: 'u:p é@', host: 'h' }, { pathname: 'a?b#c' }, { search: '?a#b' },
  { query: { a: [1, 2], b: 'x y' } }, { query: 'ignored' }, { search: 'x', query: { a: 1 } }, { slashes: true, pathname: 'x' },
  { protocol: 'sc', slashes: true, host: 'h', pathname: 'p' }, { protocol: 'xmpp', host: 'h' }, {},
];
const formatted = formats.map((o) => [o, url.format(o)]);
fs.writeFileSync(path.join(__dirname, 'legacydata.json'), JSON.stringify({ legacy, resolves, formatted }).replace(/\],\[/g, '],\n['));
console.log(legacy.length, resolves.length, formatted.length, 'legacy rows');
