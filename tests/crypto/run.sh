#!/usr/bin/env bash
# crypto and zlib against the command-line tools: digests, HMACs, ciphers
# and KDFs against `openssl`, signatures and keys exchanged both ways with
# `openssl`, and compressed data read by `gzip -d` / `brotli -d` (and theirs
# by anode). Ends with "crypto: N passed, N failed".
set -u
ANODE=${1:?usage: run.sh path/to/anode}
cd "$(dirname "$0")/../.."
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }
check() { # name expected actual
  if [ -n "$2" ] && [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected '$2', got '$3'"; fi
}

for tool in openssl gzip brotli; do
  command -v "$tool" > /dev/null || { not_ok "$tool is installed" "missing (make deps installs it)"; }
done

# Inputs: text, binary, empty, and a few MB.
head -c 100000 /dev/urandom > "$tmp/bin"
yes 'the quick brown fox jumps over the lazy dog' | head -c 3000000 > "$tmp/text"
: > "$tmp/empty"

js() { "$ANODE" -e "$1" "${@:2}"; }

# 1. Digests.
for alg in md5 sha1 sha224 sha256 sha384 sha512 sha512-256 sha3-256 sha3-512 blake2b512 blake2s256 shake256; do
  for f in bin text empty; do
    want=$(openssl dgst -"$alg" -r "$tmp/$f" 2>/dev/null | cut -d' ' -f1)
    got=$(js "const c=require('crypto'),fs=require('fs'); process.stdout.write(c.createHash(process.argv[1]).update(fs.readFileSync(process.argv[2])).digest('hex'))" "$alg" "$tmp/$f")
    check "digest $alg of $f matches openssl dgst" "$want" "$got"
  done
done

# 2. HMAC.
for alg in sha1 sha256 sha512; do
  want=$(openssl dgst -"$alg" -hmac 'secret key' -r "$tmp/text" | cut -d' ' -f1)
  got=$(js "const c=require('crypto'),fs=require('fs'); process.stdout.write(c.createHmac(process.argv[1], 'secret key').update(fs.readFileSync(process.argv[2])).digest('hex'))" "$alg" "$tmp/text")
  check "HMAC-$alg matches openssl dgst -hmac" "$want" "$got"
done

# 3. Ciphers, both directions.
key32=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
iv16=f0e0d0c0b0a090807060504030201000
for spec in aes-128-cbc:32:32 aes-192-cbc:48:32 aes-256-cbc:64:32 aes-128-ctr:32:32 aes-256-ctr:64:32 aes-128-ecb:32:0; do
  IFS=: read -r alg klen ivlen <<< "$spec"
  k=${key32:0:$klen}
  iv=${iv16:0:$ivlen}
  ivopt=(); [ -n "$iv" ] && ivopt=(-iv "$iv")
  want=$(openssl enc -"$alg" -K "$k" "${ivopt[@]}" -in "$tmp/bin" | sha256sum | cut -d' ' -f1)
  got=$(js "const c=require('crypto'),fs=require('fs'); const [alg,k,iv,f]=process.argv.slice(1); const e=c.createCipheriv(alg, Buffer.from(k,'hex'), iv ? Buffer.from(iv,'hex') : null); process.stdout.write(c.createHash('sha256').update(Buffer.concat([e.update(fs.readFileSync(f)), e.final()])).digest('hex'))" "$alg" "$k" "$iv" "$tmp/bin")
  check "$alg encryption matches openssl enc" "$want" "$got"
  openssl enc -"$alg" -K "$k" "${ivopt[@]}" -in "$tmp/text" -out "$tmp/enc.$alg"
  got=$(js "const c=require('crypto'),fs=require('fs'); const [alg,k,iv,f]=process.argv.slice(1); const d=c.createDecipheriv(alg, Buffer.from(k,'hex'), iv ? Buffer.from(iv,'hex') : null); process.stdout.write(c.createHash('sha256').update(Buffer.concat([d.update(fs.readFileSync(f)), d.final()])).digest('hex'))" "$alg" "$k" "$iv" "$tmp/enc.$alg")
  check "$alg decrypts openssl enc's output" "$(sha256sum < "$tmp/text" | cut -d' ' -f1)" "$got"
done

# 4. KDFs (openssl kdf, OpenSSL 3).
want=$(openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt pass:password -kdfopt salt:NaCl -kdfopt iter:5000 PBKDF2 | tr -d ':' | tr 'A-F' 'a-f')
got=$(js "process.stdout.write(require('crypto').pbkdf2Sync('password', 'NaCl', 5000, 48, 'sha256').toString('hex'))")
check "pbkdf2 matches openssl kdf PBKDF2" "$want" "$got"
want=$(openssl kdf -keylen 32 -kdfopt pass:password -kdfopt salt:NaCl -kdfopt n:1024 -kdfopt r:8 -kdfopt p:2 SCRYPT | tr -d ':' | tr 'A-F' 'a-f')
got=$(js "process.stdout.write(require('crypto').scryptSync('password', 'NaCl', 32, { N: 1024, r: 8, p: 2 }).toString('hex'))")
check "scrypt matches openssl kdf SCRYPT" "$want" "$got"
want=$(openssl kdf -keylen 64 -kdfopt digest:SHA384 -kdfopt key:ikm -kdfopt salt:salt -kdfopt info:info HKDF | tr -d ':' | tr 'A-F' 'a-f')
got=$(js "process.stdout.write(Buffer.from(require('crypto').hkdfSync('sha384', 'ikm', 'salt', 'info', 64)).toString('hex'))")
check "hkdf matches openssl kdf HKDF" "$want" "$got"

# 5. Keys and signatures, both ways.
for type in rsa ec ed25519; do
  js "const c=require('crypto'),fs=require('fs'); const t=process.argv[1];
    const { publicKey, privateKey } = c.generateKeyPairSync(t, t === 'rsa' ? { modulusLength: 2048 } : t === 'ec' ? { namedCurve: 'P-256' } : {});
    fs.writeFileSync(process.argv[2] + '/a.key', privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.writeFileSync(process.argv[2] + '/a.pub', publicKey.export({ type: 'spki', format: 'pem' }));
    fs.writeFileSync(process.argv[2] + '/a.sig', c.sign(t === 'ed25519' ? null : 'sha256', fs.readFileSync(process.argv[2] + '/text'), privateKey));" \
    "$type" "$tmp"
  if openssl pkey -in "$tmp/a.key" -check -noout > /dev/null 2>&1; then ok "openssl checks anode's $type private key"; else not_ok "openssl checks anode's $type private key" "$(openssl pkey -in "$tmp/a.key" -check -noout 2>&1 | head -2)"; fi
  if [ "$type" = ed25519 ]; then
    res=$(openssl pkeyutl -verify -pubin -inkey "$tmp/a.pub" -rawin -in "$tmp/text" -sigfile "$tmp/a.sig" 2>&1)
  else
    res=$(openssl dgst -sha256 -verify "$tmp/a.pub" -signature "$tmp/a.sig" "$tmp/text" 2>&1)
  fi
  case "$res" in *Verified*OK*|*"Signature Verified Successfully"*) ok "openssl verifies anode's $type signature" ;; *) not_ok "openssl verifies anode's $type signature" "$res" ;; esac
  # openssl's key and signature, checked by anode.
  case $type in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/o.key" 2>/dev/null ;;
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/o.key" 2>/dev/null ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$tmp/o.key" 2>/dev/null ;;
  esac
  openssl pkey -in "$tmp/o.key" -pubout -out "$tmp/o.pub"
  if [ "$type" = ed25519 ]; then
    openssl pkeyutl -sign -inkey "$tmp/o.key" -rawin -in "$tmp/text" -out "$tmp/o.sig"
  else
    openssl dgst -sha256 -sign "$tmp/o.key" -out "$tmp/o.sig" "$tmp/text"
  fi
  got=$(js "const c=require('crypto'),fs=require('fs'); const [t, d] = process.argv.slice(1);
    const pub = c.createPublicKey(fs.readFileSync(d + '/o.pub'));
    const priv = c.createPrivateKey(fs.readFileSync(d + '/o.key'));
    process.stdout.write(String(c.verify(t === 'ed25519' ? null : 'sha256', fs.readFileSync(d + '/text'), pub, fs.readFileSync(d + '/o.sig')) && c.createPublicKey(priv).equals(pub) && pub.asymmetricKeyType === t))" "$type" "$tmp")
  check "anode verifies openssl's $type signature and reads its keys" true "$got"
done

# An encrypted PKCS#8 key from openssl, and one of anode's for openssl.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/p.key" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$tmp/p.key" -passout pass:hunter2 -out "$tmp/p.enc" 2>/dev/null
got=$(js "const c=require('crypto'),fs=require('fs'); const d = process.argv[1];
  const k = c.createPrivateKey({ key: fs.readFileSync(d + '/p.enc'), passphrase: 'hunter2' });
  process.stdout.write(String(k.equals(c.createPrivateKey(fs.readFileSync(d + '/p.key'))) && k.asymmetricKeyDetails.namedCurve));" "$tmp")
check "anode reads openssl's encrypted PKCS#8 key" secp384r1 "$got"
js "const c=require('crypto'),fs=require('fs'); fs.writeFileSync(process.argv[1] + '/q.enc', c.createPrivateKey(fs.readFileSync(process.argv[1] + '/p.key')).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'pw' }))" "$tmp"
if openssl pkey -in "$tmp/q.enc" -passin pass:pw -noout 2>/dev/null; then ok "openssl reads anode's encrypted PKCS#8 key"; else not_ok "openssl reads anode's encrypted PKCS#8 key" "$(head -1 "$tmp/q.enc")"; fi

# RSA-OAEP: openssl decrypts what anode encrypts.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/r.key" 2>/dev/null
openssl pkey -in "$tmp/r.key" -pubout -out "$tmp/r.pub"
js "const c=require('crypto'),fs=require('fs'); fs.writeFileSync(process.argv[1] + '/r.ct', c.publicEncrypt({ key: fs.readFileSync(process.argv[1] + '/r.pub'), oaepHash: 'sha256' }, Buffer.from('oaep message')))" "$tmp"
got=$(openssl pkeyutl -decrypt -inkey "$tmp/r.key" -in "$tmp/r.ct" -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 2>&1)
check "openssl decrypts anode's RSA-OAEP ciphertext" "oaep message" "$got"

# 6. zlib: gzip and brotli, both ways.
for f in text bin empty; do
  js "const z=require('zlib'),fs=require('fs'); fs.writeFileSync(process.argv[2] + '.gz', z.gzipSync(fs.readFileSync(process.argv[2]), { level: Number(process.argv[1]) }))" 9 "$tmp/$f"
  check "gzip -d reads anode's gzip of $f" "$(sha256sum < "$tmp/$f" | cut -d' ' -f1)" "$(gzip -dc "$tmp/$f.gz" | sha256sum | cut -d' ' -f1)"
  gzip -c "$tmp/$f" > "$tmp/$f.cli.gz"
  got=$(js "const z=require('zlib'),fs=require('fs'); process.stdout.write(require('crypto').createHash('sha256').update(z.gunzipSync(fs.readFileSync(process.argv[1]))).digest('hex'))" "$tmp/$f.cli.gz")
  check "anode gunzips gzip's $f" "$(sha256sum < "$tmp/$f" | cut -d' ' -f1)" "$got"
  if command -v brotli > /dev/null; then
    js "const z=require('zlib'),fs=require('fs'); z.brotliCompress(fs.readFileSync(process.argv[1]), { params: { [z.constants.BROTLI_PARAM_QUALITY]: 5 } }, (e, b) => { if (e) throw e; fs.writeFileSync(process.argv[1] + '.br', b); })" "$tmp/$f"
    check "brotli -d reads anode's brotli of $f" "$(sha256sum < "$tmp/$f" | cut -d' ' -f1)" "$(brotli -dc "$tmp/$f.br" | sha256sum | cut -d' ' -f1)"
    brotli -c "$tmp/$f" > "$tmp/$f.cli.br"
    got=$(js "const z=require('zlib'),fs=require('fs'); process.stdout.write(require('crypto').createHash('sha256').update(z.brotliDecompressSync(fs.readFileSync(process.argv[1]))).digest('hex'))" "$tmp/$f.cli.br")
    check "anode decompresses brotli's $f" "$(sha256sum < "$tmp/$f" | cut -d' ' -f1)" "$got"
  fi
done
# A gzip stream through the stream API, read by gzip -d.
js "const z=require('zlib'),fs=require('fs'); fs.createReadStream(process.argv[1]).pipe(z.createGzip()).pipe(fs.createWriteStream(process.argv[1] + '.s.gz'))" "$tmp/text"
check "gzip -d reads createGzip's stream output" "$(sha256sum < "$tmp/text" | cut -d' ' -f1)" "$(gzip -dc "$tmp/text.s.gz" | sha256sum | cut -d' ' -f1)"
# Corrupt input: an error, not a crash or a hang.
printf 'this is not gzip data at all' > "$tmp/bad.gz"
got=$(timeout 10 "$ANODE" -e "try { require('zlib').gunzipSync(require('fs').readFileSync(process.argv[1])) } catch (e) { process.stdout.write(e.code + ' ' + e.errno) }" "$tmp/bad.gz")
check "corrupt gzip input is a Z_DATA_ERROR" "Z_DATA_ERROR -3" "$got"
head -c 1000 "$tmp/text.gz" > "$tmp/trunc.gz"
got=$(timeout 10 "$ANODE" -e "require('zlib').gunzip(require('fs').readFileSync(process.argv[1]), (e) => process.stdout.write(e.message))" "$tmp/trunc.gz")
check "truncated gzip input is 'unexpected end of file'" "unexpected end of file" "$got"

echo "crypto: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
