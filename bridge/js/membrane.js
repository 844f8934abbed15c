'use strict';
// One world's half of the contextBridge, loaded in both the preload's world
// (renderer.js) and the page's (page.js). Values cross as encoded bytes;
// functions and promises as handles: a function this world hands out stays
// here under an id and the other world gets a proxy that calls it through
// `remote.call`; a promise is settled over there through `remote.settle`.
// A proxy the other world lets go of is reported (FinalizationRegistry), so
// this world drops the function it kept for it.

module.exports = function createMembrane(wire, remote) {
  const { Writer, Reader } = wire;
  const defineProperty = Object.defineProperty;
  const exported = new Map(); // id -> function of this world
  const exportedIds = new Map(); // function -> id
  const proxies = new Map(); // remote id -> WeakRef(proxy)
  const pending = new Map(); // remote promise id -> { resolve, reject }
  let nextId = 1;
  const pool = [];

  const registry = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((id) => {
      const ref = proxies.get(id);
      // A newer proxy for the same id is still in use: keep the function.
      if (ref !== undefined && ref.deref() === undefined) {
        proxies.delete(id);
        remote.release(id);
      }
    })
    : null;

  const outgoing = {
    fn(f) {
      let id = exportedIds.get(f);
      if (id === undefined) {
        id = nextId++;
        exportedIds.set(f, id);
        exported.set(id, f);
      }
      return id;
    },
    promise(p) {
      const id = nextId++;
      p.then((v) => settleRemote(id, true, v), (e) => settleRemote(id, false, e));
      return id;
    },
  };

  const incoming = {
    fn(id, name) {
      const ref = proxies.get(id);
      let proxy = ref !== undefined ? ref.deref() : undefined;
      if (proxy !== undefined) return proxy;
      proxy = function (...args) { return callRemote(id, args); };
      // The other world's name, for the messages that mention the function.
      defineProperty(proxy, 'name', { value: name, configurable: true });
      if (registry !== null) {
        proxies.set(id, new WeakRef(proxy));
        registry.register(proxy, id);
      }
      return proxy;
    },
    promise(id) {
      return new Promise((resolve, reject) => { pending.set(id, { resolve, reject }); });
    },
  };

  // A flag byte (1 value, 0 thrown) and the value; the bytes are only valid
  // until the next encode, and every caller copies them at once. A value
  // that cannot cross throws here, at the side that tried to send it.
  function encode(value, ok, what = ok ? 'the value' : 'the error') {
    const w = pool.pop() || new Writer(256);
    w.reset();
    try {
      w.u8v(ok ? 1 : 0);
      w.value(value, outgoing, what);
      return w.u8.subarray(0, w.pos);
    } finally {
      pool.push(w);
    }
  }

  function encodeThrown(err) {
    try {
      return encode(err, false);
    } catch {
      return encode(new Error(String(err && err.message !== undefined ? err.message : err)), false);
    }
  }

  function decode(buffer) {
    const r = new Reader(buffer, 0, buffer.byteLength, null);
    const ok = r.u8v() === 1;
    return { ok, value: r.value(incoming) };
  }

  function callRemote(id, args) {
    const { ok, value } = decode(remote.call(id, encode(args, true, 'the arguments')));
    if (!ok) throw value;
    return value;
  }

  function settleRemote(id, ok, value) {
    let bytes;
    try {
      bytes = ok ? encode(value, true) : encodeThrown(value);
    } catch (err) {
      bytes = encodeThrown(err);
    }
    remote.settle(id, bytes);
  }

  return {
    // Bytes of `value` for the other world.
    encode: (value) => encode(value, true),
    encodeThrown,
    decode,
    // The other world calls function `id` of this world with encoded args.
    call(id, buffer) {
      const fn = exported.get(id);
      if (fn === undefined) return encodeThrown(new Error('contextBridge: the function was released'));
      let result;
      try {
        const { value: args } = decode(buffer);
        result = fn(...args);
      } catch (err) {
        return encodeThrown(err);
      }
      try {
        return encode(result, true);
      } catch (err) {
        return encodeThrown(err);
      }
    },
    settle(id, buffer) {
      const p = pending.get(id);
      if (p === undefined) return;
      pending.delete(id);
      let d;
      try {
        d = decode(buffer);
      } catch (err) {
        p.reject(err);
        return;
      }
      if (d.ok) p.resolve(d.value);
      else p.reject(d.value);
    },
    release(id) {
      const fn = exported.get(id);
      if (fn === undefined) return;
      exported.delete(id);
      exportedIds.delete(fn);
    },
  };
};
