/* The byte work behind Buffer, string_decoder and TextDecoder: strings to
 * bytes and back in Node's encodings (with Node's lenient base64/hex and
 * WHATWG UTF-8 replacement), comparing and searching bytes. lib/buffer.js
 * owns argument shapes and errors; everything here trusts its ranges.
 *
 * Strings JSC keeps one byte per character (Latin-1, which covers ASCII)
 * are read and made in place (anode_jsc_string_peek, anode_jsc_latin1_new);
 * any other string crosses the GLib API as UTF-8. Callers pass well-formed
 * strings (JS replaces lone surrogates first, or keeps such strings on its
 * own path). */
#include <string.h>
#include <sys/mman.h>

#include "anode-runtime.h"
#include "js-util.h"

enum {
  ENC_UTF8,
  ENC_UTF16LE,
  ENC_LATIN1,
  ENC_ASCII,
  ENC_BASE64,
  ENC_BASE64URL,
  ENC_HEX,
};

/* Big outputs are mapped populated in one go (see anode_populate). */
#define BIG_ALLOC ANODE_BIG_ALLOC

typedef struct {
  guint8 *data;
  gsize size;
  gboolean mapped;
} block_t;

static block_t *
block_new (gsize size)
{
  block_t *b = g_new0 (block_t, 1);
  b->size = size;
  if (size >= BIG_ALLOC) {
    void *p = mmap (NULL, size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p != MAP_FAILED) {
      b->data = p;
      b->mapped = TRUE;
      return b;
    }
  }
  b->data = g_malloc (MAX (size, 1));
  return b;
}

static void
block_free (gpointer data)
{
  block_t *b = data;
  if (b->mapped)
    munmap (b->data, b->size);
  else
    g_free (b->data);
  g_free (b);
}

/* An ArrayBuffer over the first `used` bytes of `b`, which it takes. */
static JSCValue *
block_to_array_buffer (JSCContext *ctx, block_t *b, gsize used)
{
  if (!b->mapped && used < b->size)
    b->data = g_realloc (b->data, MAX (used, 1));
  return jsc_value_new_array_buffer (ctx, b->data, used, block_free, b);
}

static guint8 *
view_data (JSCValue *view, gsize *size)
{
  *size = jsc_value_typed_array_get_size (view);
  guint8 *p = jsc_value_typed_array_get_data (view, NULL);
  return p;
}

/* ---- UTF-8 ---- */

/* Reads one code point of valid UTF-8 at *p and advances. */
static inline guint32
utf8_next (const guint8 **p)
{
  const guint8 *s = *p;
  guint32 c = s[0];
  if (c < 0x80) {
    *p = s + 1;
    return c;
  }
  if (c < 0xe0) {
    *p = s + 2;
    return ((c & 0x1f) << 6) | (s[1] & 0x3f);
  }
  if (c < 0xf0) {
    *p = s + 3;
    return ((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f);
  }
  *p = s + 4;
  return ((c & 0x07) << 18) | ((s[1] & 0x3f) << 12) | ((s[2] & 0x3f) << 6) | (s[3] & 0x3f);
}

static inline gsize
utf8_seq_len (guint8 c)
{
  return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static const guint8 replacement[3] = { 0xef, 0xbf, 0xbd };

/* Valid UTF-8 for `s`, each maximal invalid subpart replaced by U+FFFD. */
static GBytes *
utf8_sanitize (const guint8 *s, gsize n)
{
  gsize good = anode_utf8_valid_len (s, n);
  if (good == n)
    return g_bytes_new_static (s, n);
  GByteArray *out = g_byte_array_sized_new (n + 16);
  gsize i = 0;
  while (i < n) {
    g_byte_array_append (out, s + i, good);
    i += good;
    if (i >= n)
      break;
    gsize need;
    gsize got = anode_utf8_valid_prefix (s + i, n - i, &need);
    g_byte_array_append (out, replacement, 3);
    i += MAX (got, 1);
    good = anode_utf8_valid_len (s + i, n - i);
  }
  return g_byte_array_free_to_bytes (out);
}

static JSCValue *
string_from_utf8 (JSCContext *ctx, const guint8 *s, gsize n)
{
  if (anode_ascii_prefix (s, n) == n)
    return anode_string_new_ascii (ctx, (const char *) s, n);
  g_autoptr (GBytes) bytes = utf8_sanitize (s, n);
  return jsc_value_new_string_from_bytes (ctx, bytes);
}

/* ---- base64 and hex, Node's lenient decoders ---- */

static const char b64_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64url_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* 0..63, or 255: both alphabets decode alike, as in Node. */
static const guint8 unb64[256] = {
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,  62, 255,  62, 255,  63,
   52,  53,  54,  55,  56,  57,  58,  59,  60,  61, 255, 255, 255, 255, 255, 255,
  255,   0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,  14,
   15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25, 255, 255, 255, 255,  63,
  255,  26,  27,  28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,
   41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
};

static const guint8 unhex[256] = {
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    0,   1,   2,   3,   4,   5,   6,   7,   8,   9, 255, 255, 255, 255, 255, 255,
  255,  10,  11,  12,  13,  14,  15, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255,  10,  11,  12,  13,  14,  15, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
};

/* The bytes Node expects from `len` base64 characters (padding dropped). */
static gsize
b64_decoded_size (const guint8 *s, gsize len)
{
  if (len < 2)
    return 0;
  if (s[len - 1] == '=') {
    len--;
    if (s[len - 1] == '=')
      len--;
  }
  gsize rem = len % 4, size = len / 4 * 3;
  if (rem)
    size = (size == 0 && rem == 1) ? 0 : size + 1 + (rem == 3);
  return size;
}

/* One group of four characters, skipping anything outside the alphabet and
 * stopping at '=' or the end: FALSE when decoding is over. */
static gboolean
b64_group_slow (guint8 *dst, gsize dstlen, const guint8 *src, gsize srclen,
                gsize *i, gsize *k)
{
  guint8 hi = 0, lo;
  for (int step = 0; step < 4; step++) {
    for (;;) {
      guint8 c = src[*i];
      lo = unb64[c];
      *i += 1;
      if (lo < 64)
        break;
      if (c == '=' || *i >= srclen)
        return FALSE;
    }
    switch (step) {
    case 1: dst[(*k)++] = ((hi & 0x3f) << 2) | ((lo & 0x30) >> 4); break;
    case 2: dst[(*k)++] = ((hi & 0x0f) << 4) | ((lo & 0x3c) >> 2); break;
    case 3: dst[(*k)++] = ((hi & 0x03) << 6) | (lo & 0x3f); break;
    default: break;
    }
    if (*i >= srclen || *k >= dstlen)
      return FALSE;
    hi = lo;
  }
  return TRUE;
}

/* Decodes into dst (which may be src itself: output never overtakes input).
 * Returns the bytes written. */
static gsize
b64_decode (guint8 *dst, gsize dstlen, const guint8 *src, gsize srclen)
{
  gsize avail = MIN (dstlen, b64_decoded_size (src, srclen));
  gsize max_k = avail / 3 * 3, max_i = srclen / 4 * 4;
  gsize i = 0, k = 0;
  while (i < max_i && k < max_k) {
    guint32 a = unb64[src[i]], b = unb64[src[i + 1]], c = unb64[src[i + 2]],
            d = unb64[src[i + 3]];
    if ((a | b | c | d) & 0x80) {
      if (!b64_group_slow (dst, dstlen, src, srclen, &i, &k))
        return k;
      max_i = i + (srclen - i) / 4 * 4;
      continue;
    }
    guint32 v = (a << 18) | (b << 12) | (c << 6) | d;
    dst[k] = v >> 16;
    dst[k + 1] = v >> 8;
    dst[k + 2] = v;
    i += 4;
    k += 3;
  }
  if (i < srclen && k < dstlen)
    b64_group_slow (dst, dstlen, src, srclen, &i, &k);
  return k;
}

static gsize
b64_encoded_size (gsize n, gboolean url)
{
  return url ? (n * 4 + 2) / 3 : (n + 2) / 3 * 4;
}

static void
b64_encode (char *dst, const guint8 *src, gsize n, gboolean url)
{
  const char *tab = url ? b64url_chars : b64_chars;
  gsize i = 0, k = 0;
  for (; i + 3 <= n; i += 3, k += 4) {
    guint32 v = (src[i] << 16) | (src[i + 1] << 8) | src[i + 2];
    dst[k] = tab[v >> 18];
    dst[k + 1] = tab[(v >> 12) & 63];
    dst[k + 2] = tab[(v >> 6) & 63];
    dst[k + 3] = tab[v & 63];
  }
  if (n - i == 1) {
    dst[k++] = tab[src[i] >> 2];
    dst[k++] = tab[(src[i] & 3) << 4];
    if (!url) {
      dst[k++] = '=';
      dst[k++] = '=';
    }
  } else if (n - i == 2) {
    guint32 v = (src[i] << 8) | src[i + 1];
    dst[k++] = tab[v >> 10];
    dst[k++] = tab[(v >> 4) & 63];
    dst[k++] = tab[(v << 2) & 63];
    if (!url)
      dst[k++] = '=';
  }
}

/* Stops at the first pair that is not hex, as Node does. */
static gsize
hex_decode (guint8 *dst, gsize dstlen, const guint8 *src, gsize srclen)
{
  gsize i = 0;
  for (; i < dstlen && i * 2 + 1 < srclen; i++) {
    guint8 a = unhex[src[i * 2]], b = unhex[src[i * 2 + 1]];
    if ((a | b) == 255)
      return i;
    dst[i] = (a << 4) | b;
  }
  return i;
}

static void
hex_encode (char *dst, const guint8 *src, gsize n)
{
  static const char digits[] = "0123456789abcdef";
  for (gsize i = 0; i < n; i++) {
    dst[2 * i] = digits[src[i] >> 4];
    dst[2 * i + 1] = digits[src[i] & 15];
  }
}

/* ---- strings to bytes ---- */

/* Writes the UTF-16 code units of valid UTF-8 `s` as single bytes (their
 * low byte, as Node's latin1 and ascii writers do). `dst` may be `s`. */
static gsize
latin1_from_utf8 (guint8 *dst, gsize dstlen, const guint8 *s, gsize n)
{
  const guint8 *p = s, *end = s + n;
  gsize k = 0;
  while (p < end && k < dstlen) {
    guint32 c = utf8_next (&p);
    if (c >= 0x10000) {
      dst[k++] = (0xd800 + ((c - 0x10000) >> 10)) & 0xff;
      if (k < dstlen)
        dst[k++] = (0xdc00 + (c & 0x3ff)) & 0xff;
    } else {
      dst[k++] = c & 0xff;
    }
  }
  return k;
}

static gsize
utf16_units (const guint8 *s, gsize n)
{
  gsize units = 0;
  for (gsize i = 0; i < n; i++) {
    guint8 c = s[i];
    units += (c & 0xc0) != 0x80;
    units += c >= 0xf0;
  }
  return units;
}

/* Whole code units only: `dstlen` is rounded down to even. */
static gsize
utf16le_from_utf8 (guint8 *dst, gsize dstlen, const guint8 *s, gsize n)
{
  const guint8 *p = s, *end = s + n;
  gsize k = 0;
  dstlen &= ~(gsize) 1;
  while (p < end && k < dstlen) {
    guint32 c = utf8_next (&p);
    if (c >= 0x10000) {
      if (k + 4 > dstlen)
        break;
      guint32 hi = 0xd800 + ((c - 0x10000) >> 10), lo = 0xdc00 + (c & 0x3ff);
      dst[k++] = hi & 0xff;
      dst[k++] = hi >> 8;
      dst[k++] = lo & 0xff;
      dst[k++] = lo >> 8;
    } else {
      dst[k++] = c & 0xff;
      dst[k++] = c >> 8;
    }
  }
  return k;
}

/* UTF-8 without cutting a character in two. */
static gsize
utf8_copy (guint8 *dst, gsize dstlen, const guint8 *s, gsize n)
{
  gsize len = MIN (dstlen, n);
  if (len < n) {
    gsize start = len;
    while (start > 0 && (s[start] & 0xc0) == 0x80)
      start--;
    if (start + utf8_seq_len (s[start]) > len)
      len = start;
  }
  memmove (dst, s, len);
  return len;
}

static gsize
encode_into (int enc, guint8 *dst, gsize dstlen, const guint8 *s, gsize n)
{
  switch (enc) {
  case ENC_UTF8: return utf8_copy (dst, dstlen, s, n);
  case ENC_UTF16LE: return utf16le_from_utf8 (dst, dstlen, s, n);
  case ENC_LATIN1:
  case ENC_ASCII: return latin1_from_utf8 (dst, dstlen, s, n);
  case ENC_BASE64:
  case ENC_BASE64URL: return b64_decode (dst, dstlen, s, n);
  case ENC_HEX: return hex_decode (dst, dstlen, s, n);
  default: return 0;
  }
}

/* ---- strings JSC keeps one byte per character ---- */

static gsize
latin1_utf8_size (const guint8 *s, gsize n)
{
  gsize size = n;
  for (gsize i = 0; i < n; i++)
    size += s[i] >> 7;
  return size;
}

/* encode_into for Latin-1 characters: no UTF-8 detour. Base64 and hex read
 * them as they read UTF-8 (a character above 0x7f is no digit either way). */
static gsize
encode_latin1_into (int enc, guint8 *dst, gsize dstlen, const guint8 *s, gsize n)
{
  gsize k = 0;
  switch (enc) {
  case ENC_UTF8:
    for (gsize i = 0; i < n; i++) {
      if (s[i] < 0x80) {
        if (k == dstlen)
          break;
        dst[k++] = s[i];
      } else {
        if (k + 2 > dstlen)
          break;
        dst[k++] = 0xc0 | (s[i] >> 6);
        dst[k++] = 0x80 | (s[i] & 0x3f);
      }
    }
    return k;
  case ENC_UTF16LE:
    k = MIN (n, dstlen / 2);
    for (gsize i = 0; i < k; i++) {
      dst[2 * i] = s[i];
      dst[2 * i + 1] = 0;
    }
    return 2 * k;
  case ENC_LATIN1:
  case ENC_ASCII:
    k = MIN (n, dstlen);
    memmove (dst, s, k);
    return k;
  case ENC_BASE64:
  case ENC_BASE64URL: return b64_decode (dst, dstlen, s, n);
  case ENC_HEX: return hex_decode (dst, dstlen, s, n);
  default: return 0;
  }
}

static gsize
latin1_encoded_size (int enc, const guint8 *s, gsize n)
{
  switch (enc) {
  case ENC_UTF8: return latin1_utf8_size (s, n);
  case ENC_UTF16LE: return 2 * n;
  case ENC_BASE64:
  case ENC_BASE64URL: return b64_decoded_size (s, n);
  case ENC_HEX: return n / 2;
  default: return n;
  }
}

/* fromString(str, enc, maxBytes): a new ArrayBuffer of the string's bytes,
 * at most maxBytes long (Node sizes base64/hex output from the string). */
static JSCValue *
from_string_cb (JSCValue *str, int enc, double max_bytes, anode_runtime_t *rt)
{
  anode_string_view_t sv;
  if (anode_jsc_string_peek (rt->ctx, str, &sv)) {
    gsize size = latin1_encoded_size (enc, sv.chars, sv.length);
    if (max_bytes >= 0 && max_bytes < size)
      size = (gsize) max_bytes;
    block_t *fast = block_new (size);
    gsize used = encode_latin1_into (enc, fast->data, size, sv.chars, sv.length);
    anode_jsc_string_unpeek (&sv);
    return block_to_array_buffer (rt->ctx, fast, used);
  }
  g_autoptr (GBytes) bytes = jsc_value_to_string_as_bytes (str);
  gsize n;
  block_t *b;
  if (enc == ENC_UTF16LE) {
    const guint8 *s = g_bytes_get_data (bytes, &n);
    gsize size = utf16_units (s, n) * 2;
    b = block_new (size);
    return block_to_array_buffer (rt->ctx, b, utf16le_from_utf8 (b->data, size, s, n));
  }
  /* Every other encoding writes no more bytes than the UTF-8 has: decode in
   * place in the buffer JSC just made. */
  b = g_new0 (block_t, 1);
  b->data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &n);
  b->size = n;
  if (b->data == NULL)
    b->data = g_malloc (1);
  gsize dstlen = max_bytes >= 0 && max_bytes < n ? (gsize) max_bytes : n;
  return block_to_array_buffer (rt->ctx, b, encode_into (enc, b->data, dstlen, b->data, n));
}

/* write(view, str, enc, offset, maxBytes): bytes written. */
static double
write_cb (JSCValue *view, JSCValue *str, int enc, double offset, double max_bytes,
          anode_runtime_t *rt)
{
  gsize size, n;
  guint8 *dst = view_data (view, &size);
  if (offset >= size)
    return 0;
  gsize dstlen = MIN (size - (gsize) offset, (gsize) max_bytes);
  anode_string_view_t sv;
  if (anode_jsc_string_peek (rt->ctx, str, &sv)) {
    anode_populate (dst + (gsize) offset, dstlen);
    gsize used = encode_latin1_into (enc, dst + (gsize) offset, dstlen, sv.chars, sv.length);
    anode_jsc_string_unpeek (&sv);
    return used;
  }
  g_autoptr (GBytes) bytes = jsc_value_to_string_as_bytes (str);
  const guint8 *s = g_bytes_get_data (bytes, &n);
  return encode_into (enc, dst + (gsize) offset, dstlen, s, n);
}

/* byteLength(str, enc): the bytes `str` takes in UTF-8 or UTF-16. */
static double
byte_length_cb (JSCValue *str, int enc, anode_runtime_t *rt)
{
  anode_string_view_t sv;
  if (anode_jsc_string_peek (rt->ctx, str, &sv)) {
    gsize n = enc == ENC_UTF16LE ? 2 * sv.length : latin1_utf8_size (sv.chars, sv.length);
    anode_jsc_string_unpeek (&sv);
    return n;
  }
  g_autoptr (GBytes) bytes = jsc_value_to_string_as_bytes (str);
  gsize n;
  const guint8 *s = g_bytes_get_data (bytes, &n);
  return enc == ENC_UTF16LE ? utf16_units (s, n) * 2 : n;
}

/* ---- bytes to strings ---- */

static JSCValue *
ascii_string (JSCContext *ctx, block_t *b, gsize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (b->data, len);
  JSCValue *v = jsc_value_new_string_from_bytes (ctx, bytes);
  block_free (b);
  return v;
}

static void
binary_text_encode (int enc, char *dst, const guint8 *s, gsize n)
{
  if (enc == ENC_HEX)
    hex_encode (dst, s, n);
  else
    b64_encode (dst, s, n, enc == ENC_BASE64URL);
}

/* Base64 or hex text (ASCII) of `n` bytes: written straight into a JSC
 * string where one can be made, else into a block for the GLib API. */
static JSCValue *
encoded_string (JSCContext *ctx, int enc, const guint8 *s, gsize n)
{
  gsize size = enc == ENC_HEX ? n * 2 : b64_encoded_size (n, enc == ENC_BASE64URL);
  anode_latin1_t out;
  if (anode_jsc_latin1_new (ctx, size, &out)) {
    binary_text_encode (enc, (char *) out.chars, s, n);
    JSCValue *v = anode_jsc_latin1_finish (ctx, &out);
    if (v != NULL)
      return v;
  }
  block_t *b = block_new (size);
  binary_text_encode (enc, (char *) b->data, s, n);
  return ascii_string (ctx, b, size);
}

/* `mask` 0x7f reads bytes as Node's ascii decoder does (high bit dropped). */
static JSCValue *
latin1_string (JSCContext *ctx, const guint8 *s, gsize n, guint8 mask)
{
  anode_latin1_t out;
  if (anode_jsc_latin1_new (ctx, n, &out)) {
    if (mask == 0xff)
      memcpy (out.chars, s, n);
    else
      for (gsize i = 0; i < n; i++)
        out.chars[i] = s[i] & mask;
    JSCValue *v = anode_jsc_latin1_finish (ctx, &out);
    if (v != NULL)
      return v;
  }
  gsize ascii = anode_ascii_prefix (s, n);
  if (ascii == n) {
    g_autoptr (GBytes) bytes = g_bytes_new_static (s, n);
    return jsc_value_new_string_from_bytes (ctx, bytes);
  }
  gsize high = 0;
  if (mask == 0xff)
    for (gsize i = ascii; i < n; i++)
      high += s[i] >> 7;
  block_t *b = block_new (n + high);
  memcpy (b->data, s, ascii);
  gsize k = ascii;
  for (gsize i = ascii; i < n; i++) {
    guint8 c = s[i] & mask;
    if (c < 0x80) {
      b->data[k++] = c;
    } else {
      b->data[k++] = 0xc0 | (c >> 6);
      b->data[k++] = 0x80 | (c & 0x3f);
    }
  }
  return ascii_string (ctx, b, k);
}

/* NULL when the units hold a lone surrogate, which UTF-8 cannot carry: the
 * caller decodes those in JS. */
static JSCValue *
utf16le_string (JSCContext *ctx, const guint8 *s, gsize n)
{
  n &= ~(gsize) 1;
  block_t *b = block_new (n / 2 * 3 + 1);
  gsize k = 0;
  for (gsize i = 0; i < n; i += 2) {
    guint32 c = s[i] | (s[i + 1] << 8);
    if (c < 0x80) {
      b->data[k++] = c;
    } else if (c < 0x800) {
      b->data[k++] = 0xc0 | (c >> 6);
      b->data[k++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c >= 0xe000) {
      b->data[k++] = 0xe0 | (c >> 12);
      b->data[k++] = 0x80 | ((c >> 6) & 0x3f);
      b->data[k++] = 0x80 | (c & 0x3f);
    } else {
      guint32 lo = i + 3 < n ? (guint32) (s[i + 2] | (s[i + 3] << 8)) : 0;
      if (c >= 0xdc00 || lo < 0xdc00 || lo >= 0xe000) {
        block_free (b);
        return NULL;
      }
      c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
      b->data[k++] = 0xf0 | (c >> 18);
      b->data[k++] = 0x80 | ((c >> 12) & 0x3f);
      b->data[k++] = 0x80 | ((c >> 6) & 0x3f);
      b->data[k++] = 0x80 | (c & 0x3f);
      i += 2;
    }
  }
  return ascii_string (ctx, b, k);
}

/* toString(view, enc, start, end): undefined only for UTF-16 with a lone
 * surrogate. */
static JSCValue *
to_string_cb (JSCValue *view, int enc, double start, double end, anode_runtime_t *rt)
{
  gsize size;
  guint8 *data = view_data (view, &size);
  gsize e = MIN ((gsize) end, size), st = MIN ((gsize) start, e);
  const guint8 *s = data + st;
  gsize n = e - st;
  JSCValue *v;

  switch (enc) {
  case ENC_UTF8: return string_from_utf8 (rt->ctx, s, n);
  case ENC_LATIN1: return latin1_string (rt->ctx, s, n, 0xff);
  case ENC_ASCII: return latin1_string (rt->ctx, s, n, 0x7f);
  case ENC_UTF16LE:
    v = utf16le_string (rt->ctx, s, n);
    return v ? v : jsc_value_new_undefined (rt->ctx);
  case ENC_BASE64:
  case ENC_BASE64URL:
  case ENC_HEX: return encoded_string (rt->ctx, enc, s, n);
  default: return jsc_value_new_undefined (rt->ctx);
  }
}

/* decodeUtf8(view, start, end, fatal): the text, or undefined when `fatal`
 * and the bytes are not valid UTF-8 (TextDecoder). */
static JSCValue *
decode_utf8_cb (JSCValue *view, double start, double end, gboolean fatal,
                anode_runtime_t *rt)
{
  gsize size;
  guint8 *data = view_data (view, &size);
  gsize e = MIN ((gsize) end, size), st = MIN ((gsize) start, e);
  if (fatal && anode_utf8_valid_len (data + st, e - st) != e - st)
    return jsc_value_new_undefined (rt->ctx);
  return string_from_utf8 (rt->ctx, data + st, e - st);
}

/* ---- comparing and searching ---- */

static int
compare_cb (JSCValue *a, double a_start, double a_end, JSCValue *b, double b_start,
            double b_end, anode_runtime_t *rt)
{
  gsize as, bs;
  guint8 *ap = view_data (a, &as), *bp = view_data (b, &bs);
  gsize an = (gsize) a_end - (gsize) a_start, bn = (gsize) b_end - (gsize) b_start;
  int r = memcmp (ap + (gsize) a_start, bp + (gsize) b_start, MIN (an, bn));
  if (r != 0)
    return r < 0 ? -1 : 1;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/* indexOf(haystack, needle, byteOffset, forward, step): the first (or last)
 * match at or after (before) byteOffset, at a multiple of step (2 for
 * UTF-16 needles), or -1. */
static double
index_of_cb (JSCValue *hay, JSCValue *needle, double offset, gboolean forward,
             int step, anode_runtime_t *rt)
{
  gsize hn, nn;
  const guint8 *h = view_data (hay, &hn), *n = view_data (needle, &nn);
  if (nn > hn)
    return -1;
  gsize last = hn - nn;
  if (forward) {
    for (gsize i = (gsize) offset; i <= last;) {
      const guint8 *p = memmem (h + i, hn - i, n, nn);
      if (p == NULL)
        return -1;
      gsize at = p - h;
      if (step == 1 || at % step == 0)
        return at;
      i = at + 1;
    }
    return -1;
  }
  gsize i = MIN ((gsize) offset, last);
  for (;;) {
    if ((step == 1 || i % step == 0) && h[i] == n[0] && memcmp (h + i, n, nn) == 0)
      return i;
    if (i == 0)
      return -1;
    i--;
  }
}

static gboolean
is_utf8_cb (JSCValue *view, anode_runtime_t *rt)
{
  gsize n;
  const guint8 *s = view_data (view, &n);
  return anode_utf8_valid_len (s, n) == n;
}

static gboolean
is_ascii_cb (JSCValue *view, anode_runtime_t *rt)
{
  gsize n;
  const guint8 *s = view_data (view, &n);
  return anode_ascii_prefix (s, n) == n;
}

/* populate(view): faults the view's pages in at once, before a big write
 * by code that would fault them one by one. */
static void
populate_cb (JSCValue *view, anode_runtime_t *rt)
{
  gsize n;
  guint8 *p = view_data (view, &n);
  anode_populate (p, n);
}

JSCValue *
anode_binding_buffer_init (anode_runtime_t *rt)
{
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  GType V = JSC_TYPE_VALUE, D = G_TYPE_DOUBLE, I = G_TYPE_INT;
  anode_set_method (b, "fromString", G_CALLBACK (from_string_cb), rt, V, 3, V, I, D);
  anode_set_method (b, "write", G_CALLBACK (write_cb), rt, D, 5, V, V, I, D, D);
  anode_set_method (b, "byteLength", G_CALLBACK (byte_length_cb), rt, D, 2, V, I);
  anode_set_method (b, "toString", G_CALLBACK (to_string_cb), rt, V, 4, V, I, D, D);
  anode_set_method (b, "decodeUtf8", G_CALLBACK (decode_utf8_cb), rt, V, 4, V, D, D,
                    G_TYPE_BOOLEAN);
  anode_set_method (b, "compare", G_CALLBACK (compare_cb), rt, I, 6, V, D, D, V, D, D);
  anode_set_method (b, "indexOf", G_CALLBACK (index_of_cb), rt, D, 5, V, V, D,
                    G_TYPE_BOOLEAN, I);
  anode_set_method (b, "isUtf8", G_CALLBACK (is_utf8_cb), rt, G_TYPE_BOOLEAN, 1, V);
  anode_set_method (b, "isAscii", G_CALLBACK (is_ascii_cb), rt, G_TYPE_BOOLEAN, 1, V);
  anode_set_method (b, "populate", G_CALLBACK (populate_cb), rt, G_TYPE_NONE, 1, V);
  return b;
}
