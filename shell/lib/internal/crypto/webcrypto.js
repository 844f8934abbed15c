'use strict';
// Web Crypto (crypto.webcrypto, crypto.subtle, the global `crypto`): the
// SubtleCrypto methods over the same OpenSSL primitives as the crypto
// module. Supported: digest (SHA-1/256/384/512); HMAC; AES-GCM, AES-CBC,
// AES-CTR; RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP; ECDSA, ECDH; Ed25519,
// X25519; PBKDF2 and HKDF; import/export raw, jwk, spki and pkcs8;
// wrapKey/unwrapKey over the encrypting algorithms.

const { Buffer } = require('buffer');
const { getBinding, getKeysBinding, toBytes, isAnyArrayBuffer, lazyDOMException } =
  require('internal/crypto/util');
const keys = require('internal/crypto/keys');
const {
  createCryptoKey, isCryptoKey, SecretKeyObject, PublicKeyObject, PrivateKeyObject, CryptoKey,
  kKeyObject, kAlgorithm, kExtractable, kKeyUsages, kHandle,
} = keys;
const {
  codes: { ERR_INVALID_THIS, ERR_ILLEGAL_CONSTRUCTOR, ERR_MISSING_ARGS, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

const kNames = [
  'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR',
  'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'Ed25519', 'X25519', 'PBKDF2', 'HKDF',
];
const kNameByLower = new Map(kNames.map((n) => [n.toLowerCase(), n]));
const kHashes = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const kHashBlock = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const kCurves = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
const kRsa = new Set(['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP']);
const kAes = new Set(['AES-GCM', 'AES-CBC', 'AES-CTR']);

function notSupported(message = 'Unrecognized algorithm name') {
  return lazyDOMException(message, 'NotSupportedError');
}

function operationError(message = 'The operation failed for an operation-specific reason', cause) {
  const err = lazyDOMException(message, 'OperationError');
  if (cause !== undefined) Object.defineProperty(err, 'cause', { value: cause, configurable: true, writable: true });
  return err;
}

function invalidAccess(message) {
  return lazyDOMException(message, 'InvalidAccessError');
}

function dataError(message) {
  return lazyDOMException(message, 'DataError');
}

function syntaxError(message) {
  return lazyDOMException(message, 'SyntaxError');
}

function bufferSource(value, name) {
  if (ArrayBuffer.isView(value) || isAnyArrayBuffer(value)) return Buffer.from(toBytes(value, name));
  throw new ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

// A normalized algorithm: { name (canonical), ...params }, hash names
// normalized to { name }.
function normalize(algorithm, allowed) {
  if (typeof algorithm === 'string') algorithm = { name: algorithm };
  if (algorithm === null || typeof algorithm !== 'object' || typeof algorithm.name !== 'string') {
    throw notSupported();
  }
  const name = kNameByLower.get(algorithm.name.toLowerCase());
  if (name === undefined || (allowed && !allowed.includes(name))) throw notSupported();
  const out = { ...algorithm, name };
  if (algorithm.hash !== undefined) out.hash = normalize(algorithm.hash, Object.keys(kHashes));
  return out;
}

function hashOf(algorithm) {
  if (algorithm.hash === undefined) throw new TypeError('algorithm.hash is required');
  return kHashes[algorithm.hash.name];
}

function checkUsages(usages, allowed, name) {
  if (!Array.isArray(usages) && (usages === null || typeof usages !== 'object' ||
      typeof usages[Symbol.iterator] !== 'function')) {
    throw new ERR_INVALID_ARG_TYPE('keyUsages', 'Array', usages);
  }
  const list = [...new Set(usages)];
  for (const u of list) {
    if (!allowed.includes(u)) throw syntaxError(`Unsupported key usage for a${/^[AEIO]/.test(name) ? 'n' : ''} ${name} key`);
  }
  return list;
}

function requireUsage(key, usage, algorithmName) {
  if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
  if (!key[kKeyUsages].includes(usage)) {
    throw invalidAccess(`Unable to use this key to ${usage}`);
  }
  if (algorithmName !== undefined && key[kAlgorithm].name !== algorithmName) {
    throw invalidAccess('The requested operation is not valid for the provided key');
  }
}

function usageSets(name) {
  switch (name) {
    case 'HMAC': return { secret: ['sign', 'verify'] };
    case 'AES-GCM': case 'AES-CBC': case 'AES-CTR':
      return { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] };
    case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'ECDSA': case 'Ed25519':
      return { public: ['verify'], private: ['sign'] };
    case 'RSA-OAEP': return { public: ['encrypt', 'wrapKey'], private: ['decrypt', 'unwrapKey'] };
    case 'ECDH': case 'X25519': return { public: [], private: ['deriveKey', 'deriveBits'] };
    case 'PBKDF2': case 'HKDF': return { secret: ['deriveKey', 'deriveBits'] };
    default: throw notSupported();
  }
}

// The algorithm object a key of `name` reports.
function keyAlgorithm(alg, keyObject) {
  const { name } = alg;
  if (name === 'HMAC') return { name, length: keyObject.symmetricKeySize * 8, hash: { name: alg.hash.name } };
  if (kAes.has(name)) return { name, length: keyObject.symmetricKeySize * 8 };
  if (kRsa.has(name)) {
    const d = keyObject.asymmetricKeyDetails;
    let e = d.publicExponent.toString(16);
    if (e.length % 2) e = `0${e}`;
    return { name, modulusLength: d.modulusLength, publicExponent: new Uint8Array(Buffer.from(e, 'hex')),
      hash: { name: alg.hash.name } };
  }
  if (name === 'ECDSA' || name === 'ECDH') return { name, namedCurve: alg.namedCurve };
  return { name };
}

function makeKey(alg, keyObject, extractable, usages) {
  return createCryptoKey(keyObject, keyAlgorithm(alg, keyObject), extractable, usages);
}

// --- generateKey ------------------------------------------------------------

function generateKeySync(algorithm, extractable, keyUsages) {
  const alg = normalize(algorithm);
  const sets = usageSets(alg.name);
  const all = [...(sets.secret ?? []), ...(sets.public ?? []), ...(sets.private ?? [])];
  const usages = checkUsages(keyUsages, all, alg.name);
  if (alg.name === 'PBKDF2' || alg.name === 'HKDF') throw notSupported();
  if (sets.secret) {
    if (usages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
    let bits;
    if (alg.name === 'HMAC') {
      hashOf(alg);
      bits = alg.length ?? kHashBlock[alg.hash.name];
      if (typeof bits !== 'number' || bits <= 0 || bits % 8) throw operationError('Invalid key length');
    } else {
      bits = alg.length;
      if (![128, 192, 256].includes(bits)) throw operationError('AES key length must be 128, 192, or 256 bits');
    }
    const ko = new SecretKeyObject(require('crypto').randomBytes(bits / 8));
    return makeKey(alg, ko, extractable, usages);
  }
  const privUsages = usages.filter((u) => sets.private.includes(u));
  const pubUsages = usages.filter((u) => sets.public.includes(u));
  if (privUsages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
  const kg = getKeysBinding();
  let handle;
  if (kRsa.has(alg.name)) {
    hashOf(alg);
    const e = bufferSource(alg.publicExponent, 'algorithm.publicExponent');
    let exp = 0;
    for (const b of e) exp = exp * 256 + b;
    handle = kg.generateKey('rsa', alg.modulusLength, exp, null, null, null, NaN, null, 2, false);
  } else if (alg.name === 'ECDSA' || alg.name === 'ECDH') {
    const curve = kCurves[alg.namedCurve];
    if (curve === undefined) throw notSupported('Named curve not supported');
    handle = kg.generateKey('ec', 0, 0, curve, null, null, NaN, null, 2, false);
  } else {
    handle = kg.generateKey(alg.name.toLowerCase(), 0, 0, null, null, null, NaN, null, 2, false);
  }
  const priv = new PrivateKeyObject(handle);
  const pub = new PublicKeyObject(kg.publicOf(handle));
  return {
    publicKey: makeKey(alg, pub, true, pubUsages),
    privateKey: makeKey(alg, priv, extractable, privUsages),
  };
}

// --- import / export --------------------------------------------------------

function checkJwk(jwk, alg, extractable, usages) {
  if (jwk === null || typeof jwk !== 'object') throw dataError('Invalid keyData');
  if (jwk.ext === false && extractable) throw dataError('JWK "ext" Parameter and extractable mismatch');
  if (Array.isArray(jwk.key_ops)) {
    for (const u of usages) {
      if (!jwk.key_ops.includes(u)) throw dataError('Key operations and usage mismatch');
    }
  }
  if (usages.length && jwk.use !== undefined) {
    const want = ['sign', 'verify'].includes(usages[0]) ? 'sig' : 'enc';
    if (jwk.use !== want) throw dataError('Invalid JWK "use" Parameter');
  }
}

function expectType(keyObject, alg) {
  const t = keyObject.asymmetricKeyType;
  const want = kRsa.has(alg.name) ? 'rsa' : (alg.name === 'ECDSA' || alg.name === 'ECDH') ? 'ec' :
    alg.name.toLowerCase();
  if (t !== want) throw dataError('Invalid key type');
  if (want === 'ec') {
    const curve = kCurves[alg.namedCurve];
    if (curve === undefined) throw notSupported('Named curve not supported');
    if (keyObject.asymmetricKeyDetails.namedCurve !== curve) throw dataError('Named curve mismatch');
  }
}

function importKeySync(format, keyData, algorithm, extractable, keyUsages) {
  const alg = normalize(algorithm);
  const sets = usageSets(alg.name);
  if (kRsa.has(alg.name) || alg.name === 'HMAC') hashOf(alg);
  let ko;
  let usagesAllowed;
  if (sets.secret) {
    usagesAllowed = sets.secret;
    let bytes;
    if (format === 'raw') {
      bytes = bufferSource(keyData, 'keyData');
    } else if (format === 'jwk') {
      checkJwk(keyData, alg, extractable, keyUsages);
      if (keyData.kty !== 'oct' || typeof keyData.k !== 'string') throw dataError('Invalid keyData');
      bytes = Buffer.from(keyData.k, 'base64url');
    } else {
      throw notSupported(`Unable to import ${alg.name} key with format ${format}`);
    }
    if (kAes.has(alg.name) && ![16, 24, 32].includes(bytes.length)) throw dataError('Invalid key length');
    if (alg.name === 'HMAC' && (bytes.length === 0 || (alg.length !== undefined && alg.length > bytes.length * 8))) {
      throw dataError('Invalid key length');
    }
    if ((alg.name === 'PBKDF2' || alg.name === 'HKDF') && extractable) {
      throw syntaxError(`${alg.name} keys are not extractable`);
    }
    ko = new SecretKeyObject(bytes);
  } else {
    const kg = getKeysBinding();
    try {
      if (format === 'spki') {
        ko = new PublicKeyObject(kg.parseKey(bufferSource(keyData, 'keyData'), true, 'der', 'spki', null));
      } else if (format === 'pkcs8') {
        ko = new PrivateKeyObject(kg.parseKey(bufferSource(keyData, 'keyData'), false, 'der', 'pkcs8', null));
      } else if (format === 'jwk') {
        checkJwk(keyData, alg, extractable, keyUsages);
        const { handle, isPrivate } = keys.importJwk(keyData, undefined, 'keyData');
        ko = isPrivate ? new PrivateKeyObject(handle) : new PublicKeyObject(handle);
      } else if (format === 'raw') {
        const bytes = bufferSource(keyData, 'keyData');
        let handle;
        if (alg.name === 'ECDSA' || alg.name === 'ECDH') {
          const curve = kCurves[alg.namedCurve];
          if (curve === undefined) throw notSupported('Named curve not supported');
          handle = kg.fromRaw('ec', curve, bytes, false);
        } else if (alg.name === 'Ed25519' || alg.name === 'X25519') {
          handle = kg.fromRaw(alg.name.toLowerCase(), null, bytes, false);
        } else {
          throw notSupported(`Unable to import ${alg.name} key with format raw`);
        }
        if (handle === null) throw dataError('Invalid keyData');
        ko = new PublicKeyObject(handle);
      } else {
        throw notSupported(`Unable to import ${alg.name} key with format ${format}`);
      }
    } catch (err) {
      if (err instanceof Error && err.name !== 'Error' && err.name !== 'TypeError') throw err;
      throw dataError('Invalid keyData');
    }
    expectType(ko, alg);
    usagesAllowed = ko.type === 'private' ? sets.private : sets.public;
  }
  const usages = checkUsages(keyUsages, usagesAllowed, alg.name);
  if (ko.type !== 'public' && usages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
  return makeKey(alg, ko, extractable, usages);
}

const kJwkAlg = {
  'HMAC': (k) => `HS${k[kAlgorithm].hash.name.slice(4)}`,
  'AES-GCM': (k) => `A${k[kAlgorithm].length}GCM`,
  'AES-CBC': (k) => `A${k[kAlgorithm].length}CBC`,
  'AES-CTR': (k) => `A${k[kAlgorithm].length}CTR`,
  'RSASSA-PKCS1-v1_5': (k) => `RS${k[kAlgorithm].hash.name.slice(4)}`,
  'RSA-PSS': (k) => `PS${k[kAlgorithm].hash.name.slice(4)}`,
  'RSA-OAEP': (k) => (k[kAlgorithm].hash.name === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${k[kAlgorithm].hash.name.slice(4)}`),
  'Ed25519': () => 'EdDSA',
};

function exportKeySync(format, key) {
  if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
  // Node names this one InvalidAccessException.
  if (!key[kExtractable]) throw lazyDOMException('key is not extractable', 'InvalidAccessException');
  const ko = key[kKeyObject];
  const name = key[kAlgorithm].name;
  if (format === 'raw') {
    if (ko.type === 'secret') return toArrayBuffer(ko.export());
    if (ko.type === 'public' && ['ECDSA', 'ECDH', 'Ed25519', 'X25519'].includes(name)) {
      return getKeysBinding().rawPublic(ko[kHandle], false);
    }
  } else if (format === 'spki' && ko.type === 'public') {
    return toArrayBuffer(ko.export({ format: 'der', type: 'spki' }));
  } else if (format === 'pkcs8' && ko.type === 'private') {
    return toArrayBuffer(ko.export({ format: 'der', type: 'pkcs8' }));
  } else if (format === 'jwk') {
    const jwk = { key_ops: [...key[kKeyUsages]], ext: true, ...ko.export({ format: 'jwk' }) };
    const alg = kJwkAlg[name];
    if (alg) jwk.alg = alg(key);
    return jwk;
  }
  throw invalidAccess(`Unable to export ${name} ${ko.type} key using ${format} format`);
}

function toArrayBuffer(buf) {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

// --- sign / verify ----------------------------------------------------------

function signParams(alg, key) {
  // [digest, padding, saltLength, dsaEncoding]
  switch (alg.name) {
    case 'RSASSA-PKCS1-v1_5': return [kHashes[key[kAlgorithm].hash.name], 1, NaN, 0];
    case 'RSA-PSS': {
      if (typeof alg.saltLength !== 'number') throw new TypeError('algorithm.saltLength is required');
      return [kHashes[key[kAlgorithm].hash.name], 6, alg.saltLength, 0];
    }
    case 'ECDSA': return [hashOf(alg), 0, NaN, 1];
    case 'Ed25519': return [null, 0, NaN, 0];
    default: throw notSupported();
  }
}

function signSync(algorithm, key, data) {
  const alg = normalize(algorithm, ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'Ed25519']);
  requireUsage(key, 'sign', alg.name);
  const bytes = bufferSource(data, 'data');
  if (alg.name === 'HMAC') {
    return toArrayBuffer(require('crypto').createHmac(kHashes[key[kAlgorithm].hash.name],
      key[kKeyObject]).update(bytes).digest());
  }
  const [md, padding, salt, dsa] = signParams(alg, key);
  return getKeysBinding().sign(key[kKeyObject][kHandle], md, bytes, padding, salt, dsa, false);
}

function verifySync(algorithm, key, signature, data) {
  const alg = normalize(algorithm, ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'Ed25519']);
  requireUsage(key, 'verify', alg.name);
  const sig = bufferSource(signature, 'signature');
  const bytes = bufferSource(data, 'data');
  if (alg.name === 'HMAC') {
    const mac = require('crypto').createHmac(kHashes[key[kAlgorithm].hash.name], key[kKeyObject]).update(bytes).digest();
    return mac.length === sig.length && require('crypto').timingSafeEqual(mac, sig);
  }
  const [md, padding, salt, dsa] = signParams(alg, key);
  return getKeysBinding().verify(key[kKeyObject][kHandle], md, bytes, sig, padding, salt, dsa, false);
}

// --- encrypt / decrypt ------------------------------------------------------

function aesCipherName(alg, key) {
  const bits = key[kAlgorithm].length;
  return `aes-${bits}-${alg.name.slice(4).toLowerCase()}`;
}

function cipherSync(encrypt, algorithm, key, data) {
  const alg = normalize(algorithm, ['AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP']);
  requireUsage(key, encrypt ? 'encrypt' : 'decrypt', alg.name);
  return cipherRaw(encrypt, alg, key, bufferSource(data, 'data'));
}

function cipherRaw(encrypt, alg, key, data) {
  const crypto = require('crypto');
  if (alg.name === 'RSA-OAEP') {
    const opts = {
      key: key[kKeyObject],
      padding: 4,
      oaepHash: kHashes[key[kAlgorithm].hash.name],
      oaepLabel: alg.label === undefined ? undefined : bufferSource(alg.label, 'algorithm.label'),
    };
    try {
      return toArrayBuffer(encrypt ? crypto.publicEncrypt(opts, data) : crypto.privateDecrypt(opts, data));
    } catch (err) {
      throw operationError(undefined, err);
    }
  }
  const keyBytes = key[kKeyObject];
  const name = aesCipherName(alg, key);
  if (alg.name === 'AES-GCM') {
    const iv = bufferSource(alg.iv, 'algorithm.iv');
    const tagLength = alg.tagLength ?? 128;
    if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) {
      throw operationError(`${tagLength} is not a valid AES-GCM tag length`);
    }
    const aad = alg.additionalData === undefined ? null : bufferSource(alg.additionalData, 'algorithm.additionalData');
    if (encrypt) {
      const c = crypto.createCipheriv(name, keyBytes, iv, { authTagLength: tagLength / 8 });
      if (aad) c.setAAD(aad);
      const out = Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
      return toArrayBuffer(out);
    }
    const tagBytes = tagLength / 8;
    if (data.length < tagBytes) throw operationError('The provided data is too small.');
    const d = crypto.createDecipheriv(name, keyBytes, iv, { authTagLength: tagBytes });
    if (aad) d.setAAD(aad);
    d.setAuthTag(data.subarray(data.length - tagBytes));
    try {
      return toArrayBuffer(Buffer.concat([d.update(data.subarray(0, data.length - tagBytes)), d.final()]));
    } catch (err) {
      throw operationError(undefined, err);
    }
  }
  let iv;
  if (alg.name === 'AES-CBC') {
    iv = bufferSource(alg.iv, 'algorithm.iv');
    if (iv.length !== 16) throw operationError('algorithm.iv must contain exactly 16 bytes');
  } else {
    iv = bufferSource(alg.counter, 'algorithm.counter');
    if (iv.length !== 16) throw operationError('algorithm.counter must contain exactly 16 bytes');
    if (typeof alg.length !== 'number' || alg.length < 1 || alg.length > 128) {
      throw operationError('AES-CTR algorithm.length must be between 1 and 128');
    }
  }
  const c = encrypt ? crypto.createCipheriv(name, keyBytes, iv) : crypto.createDecipheriv(name, keyBytes, iv);
  try {
    return toArrayBuffer(Buffer.concat([c.update(data), c.final()]));
  } catch (err) {
    throw operationError(undefined, err);
  }
}

// --- deriveBits / deriveKey -------------------------------------------------

function deriveBitsSync(algorithm, baseKey, length) {
  const alg = normalize(algorithm, ['PBKDF2', 'HKDF', 'ECDH', 'X25519']);
  requireUsage(baseKey, 'deriveBits', alg.name);
  return deriveRaw(alg, baseKey, length);
}

function deriveRaw(alg, baseKey, length) {
  const crypto = require('crypto');
  if (alg.name === 'ECDH' || alg.name === 'X25519') {
    const pub = alg.public;
    if (!isCryptoKey(pub)) throw new ERR_INVALID_ARG_TYPE('algorithm.public', 'CryptoKey', pub);
    if (pub.type !== 'public') throw invalidAccess('algorithm.public must be a public key');
    if (pub[kAlgorithm].name !== baseKey[kAlgorithm].name) {
      throw invalidAccess('The public and private keys must be of the same type');
    }
    if (alg.name === 'ECDH' && pub[kAlgorithm].namedCurve !== baseKey[kAlgorithm].namedCurve) {
      throw invalidAccess('The public and private keys must be on the same curve');
    }
    let secret;
    try {
      secret = crypto.diffieHellman({ privateKey: baseKey[kKeyObject], publicKey: pub[kKeyObject] });
    } catch (err) {
      throw operationError(undefined, err);
    }
    if (length === null || length === undefined) return toArrayBuffer(secret);
    if (length > secret.length * 8) throw operationError('derived bit length is too large');
    const bytes = Math.ceil(length / 8);
    const out = Buffer.from(secret.subarray(0, bytes));
    if (length % 8) out[bytes - 1] &= 0xff << (8 - (length % 8));
    return toArrayBuffer(out);
  }
  if (typeof length !== 'number' || length % 8 !== 0) throw operationError('length must be a multiple of 8');
  const hash = hashOf(alg);
  const keyBytes = baseKey[kKeyObject].export();
  if (alg.name === 'PBKDF2') {
    if (typeof alg.iterations !== 'number' || alg.iterations === 0) throw operationError('iterations cannot be zero');
    return toArrayBuffer(crypto.pbkdf2Sync(keyBytes, bufferSource(alg.salt, 'algorithm.salt'), alg.iterations,
      length / 8, hash));
  }
  try {
    return crypto.hkdfSync(hash, keyBytes, bufferSource(alg.salt, 'algorithm.salt'),
      bufferSource(alg.info, 'algorithm.info'), length / 8);
  } catch (err) {
    throw operationError(undefined, err);
  }
}

function derivedKeyLength(alg) {
  const a = normalize(alg);
  if (kAes.has(a.name)) {
    if (![128, 192, 256].includes(a.length)) throw operationError('AES key length must be 128, 192, or 256 bits');
    return a.length;
  }
  if (a.name === 'HMAC') return a.length ?? kHashBlock[a.hash.name];
  if (a.name === 'HKDF' || a.name === 'PBKDF2') return null;
  throw notSupported();
}

function deriveKeySync(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
  const alg = normalize(algorithm, ['PBKDF2', 'HKDF', 'ECDH', 'X25519']);
  requireUsage(baseKey, 'deriveKey', alg.name);
  const length = derivedKeyLength(derivedKeyAlgorithm);
  const bits = deriveRaw(alg, baseKey, length);
  return importKeySync('raw', bits, derivedKeyAlgorithm, extractable, keyUsages);
}

// --- wrapKey / unwrapKey ----------------------------------------------------

function wrapKeySync(format, key, wrappingKey, wrapAlgorithm) {
  const alg = normalize(wrapAlgorithm, ['AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP']);
  requireUsage(wrappingKey, 'wrapKey', alg.name);
  let exported = exportKeySync(format, key);
  if (format === 'jwk') exported = Buffer.from(JSON.stringify(exported));
  return cipherRaw(true, alg, wrappingKey, Buffer.from(toBytes(exported, 'key')));
}

function unwrapKeySync(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable,
  keyUsages) {
  const alg = normalize(unwrapAlgorithm, ['AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP']);
  requireUsage(unwrappingKey, 'unwrapKey', alg.name);
  let keyData = cipherRaw(false, alg, unwrappingKey, bufferSource(wrappedKey, 'wrappedKey'));
  if (format === 'jwk') {
    try {
      keyData = JSON.parse(Buffer.from(keyData).toString('utf8'));
    } catch {
      throw dataError('Invalid wrapped JWK');
    }
  }
  return importKeySync(format, keyData, unwrappedKeyAlgorithm, extractable, keyUsages);
}

// --- digest -----------------------------------------------------------------

function digestSync(algorithm, data) {
  const alg = normalize(algorithm, Object.keys(kHashes));
  const bytes = bufferSource(data, 'data');
  return getBinding().digestOnce(kHashes[alg.name], bytes, 0, -1);
}

// --- the classes ------------------------------------------------------------

const kInternal = Symbol('kInternal');

function checkThis(self) {
  if (!(self instanceof SubtleCrypto)) throw new ERR_INVALID_THIS('SubtleCrypto');
}

function requireArgs(n, args, names) {
  if (args.length < n) throw new ERR_MISSING_ARGS(...names.slice(0, n));
}

// Each method validates its arguments and runs its work synchronously
// inside the promise's executor: a throw becomes the rejection.
function run(fn) {
  return new Promise((resolve) => resolve(fn()));
}

class SubtleCrypto {
  constructor(token) {
    if (token !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  digest(algorithm, data) {
    return run(() => {
      checkThis(this);
      requireArgs(2, arguments, ['algorithm', 'data']);
      return digestSync(algorithm, data);
    });
  }

  generateKey(algorithm, extractable, keyUsages) {
    return run(() => {
      checkThis(this);
      requireArgs(3, arguments, ['algorithm', 'extractable', 'keyUsages']);
      return generateKeySync(algorithm, !!extractable, keyUsages);
    });
  }

  importKey(format, keyData, algorithm, extractable, keyUsages) {
    return run(() => {
      checkThis(this);
      requireArgs(5, arguments, ['format', 'keyData', 'algorithm', 'extractable', 'keyUsages']);
      return importKeySync(format, keyData, algorithm, !!extractable, keyUsages);
    });
  }

  exportKey(format, key) {
    return run(() => {
      checkThis(this);
      requireArgs(2, arguments, ['format', 'key']);
      return exportKeySync(format, key);
    });
  }

  sign(algorithm, key, data) {
    return run(() => {
      checkThis(this);
      requireArgs(3, arguments, ['algorithm', 'key', 'data']);
      return signSync(algorithm, key, data);
    });
  }

  verify(algorithm, key, signature, data) {
    return run(() => {
      checkThis(this);
      requireArgs(4, arguments, ['algorithm', 'key', 'signature', 'data']);
      return verifySync(algorithm, key, signature, data);
    });
  }

  encrypt(algorithm, key, data) {
    return run(() => {
      checkThis(this);
      requireArgs(3, arguments, ['algorithm', 'key', 'data']);
      return cipherSync(true, algorithm, key, data);
    });
  }

  decrypt(algorithm, key, data) {
    return run(() => {
      checkThis(this);
      requireArgs(3, arguments, ['algorithm', 'key', 'data']);
      return cipherSync(false, algorithm, key, data);
    });
  }

  deriveBits(algorithm, baseKey, length) {
    return run(() => {
      checkThis(this);
      requireArgs(2, arguments, ['algorithm', 'baseKey']);
      return deriveBitsSync(algorithm, baseKey, length);
    });
  }

  deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
    return run(() => {
      checkThis(this);
      requireArgs(5, arguments, ['algorithm', 'baseKey', 'derivedKeyAlgorithm', 'extractable', 'keyUsages']);
      return deriveKeySync(algorithm, baseKey, derivedKeyAlgorithm, !!extractable, keyUsages);
    });
  }

  wrapKey(format, key, wrappingKey, wrapAlgorithm) {
    return run(() => {
      checkThis(this);
      requireArgs(4, arguments, ['format', 'key', 'wrappingKey', 'wrapAlgorithm']);
      return wrapKeySync(format, key, wrappingKey, wrapAlgorithm);
    });
  }

  unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
    return run(() => {
      checkThis(this);
      requireArgs(7, arguments, ['format', 'wrappedKey', 'unwrappingKey', 'unwrapAlgorithm',
        'unwrappedKeyAlgorithm', 'extractable', 'keyUsages']);
      return unwrapKeySync(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm,
        !!extractable, keyUsages);
    });
  }
}

Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, {
  __proto__: null, configurable: true, value: 'SubtleCrypto',
});

const subtle = new SubtleCrypto(kInternal);

class Crypto {
  constructor(token) {
    if (token !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get subtle() {
    if (!(this instanceof Crypto)) throw new ERR_INVALID_THIS('Crypto');
    return subtle;
  }

  getRandomValues(array) {
    if (!(this instanceof Crypto)) throw new ERR_INVALID_THIS('Crypto');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('array');
    return require('internal/crypto/random').getRandomValues(array);
  }

  randomUUID() {
    if (!(this instanceof Crypto)) throw new ERR_INVALID_THIS('Crypto');
    return require('internal/crypto/random').randomUUID();
  }
}

Object.defineProperty(Crypto.prototype, Symbol.toStringTag, {
  __proto__: null, configurable: true, value: 'Crypto',
});
Object.defineProperty(Crypto.prototype, 'subtle', { enumerable: true });

const crypto = new Crypto(kInternal);

module.exports = { crypto, subtle, Crypto, SubtleCrypto, CryptoKey };
