/* UTS #46 processing of domain names for the WHATWG URL parser, through
 * ICU's mapping tables: toASCII with the URL standard's flags (CheckJoiners,
 * nontransitional; CheckHyphens off; UseSTD3ASCIIRules and VerifyDnsLength
 * only for "be strict"). CheckBidi is off, as in Node 20,
 * whose parser accepts mixed-direction labels. */
#include <unicode/uidna.h>

#include "anode-runtime.h"
#include "js-util.h"

typedef struct {
  JSCContext *ctx;  /* borrowed: the state lives on it */
  UIDNA *lax;
  UIDNA *strict;
} idna_state_t;

/* Errors the URL standard's settings do not treat as errors. */
#define HYPHEN_ERRORS (UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4)
#define LENGTH_ERRORS (UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG)

static UIDNA *
idna_for (idna_state_t *st, gboolean strict)
{
  UIDNA **slot = strict ? &st->strict : &st->lax;
  if (*slot == NULL) {
    UErrorCode err = U_ZERO_ERROR;
    uint32_t options = UIDNA_CHECK_CONTEXTJ |
                       UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE;
    if (strict)
      options |= UIDNA_USE_STD3_RULES;
    *slot = uidna_openUTS46 (options, &err);
    if (U_FAILURE (err))
      *slot = NULL;
  }
  return *slot;
}

/* The ASCII form of `in`, with a buffer that grows once if the first was
 * short; NULL on ICU failure. */
static char *
to_ascii (UIDNA *idna, const char *in, uint32_t *errors)
{
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode err = U_ZERO_ERROR;
  int32_t cap = 256;
  char *out = g_malloc (cap);
  int32_t len = uidna_nameToASCII_UTF8 (idna, in, -1, out, cap, &info, &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    g_free (out);
    cap = len + 1;
    out = g_malloc (cap);
    err = U_ZERO_ERROR;
    info = (UIDNAInfo) UIDNA_INFO_INITIALIZER;
    len = uidna_nameToASCII_UTF8 (idna, in, -1, out, cap, &info, &err);
  }
  if (U_FAILURE (err)) {
    g_free (out);
    return NULL;
  }
  out[MIN (len, cap - 1)] = '\0';
  *errors = info.errors;
  return out;
}

/* toASCII(domain, beStrict): the ASCII domain, or null on failure. */
static JSCValue *
to_ascii_cb (const char *domain, gboolean strict, idna_state_t *st)
{
  JSCContext *ctx = st->ctx;
  UIDNA *idna = idna_for (st, strict);
  uint32_t errors = 0;
  g_autofree char *out = idna ? to_ascii (idna, domain, &errors) : NULL;
  uint32_t ignored = HYPHEN_ERRORS | (strict ? 0 : LENGTH_ERRORS);
  if (out == NULL || (errors & ~ignored) != 0)
    return jsc_value_new_null (ctx);
  return jsc_value_new_string (ctx, out);
}

static void
state_free (gpointer data)
{
  idna_state_t *st = data;
  g_clear_pointer (&st->lax, uidna_close);
  g_clear_pointer (&st->strict, uidna_close);
  g_free (st);
}

JSCValue *
anode_binding_idna_init (anode_runtime_t *rt)
{
  idna_state_t *st = g_new0 (idna_state_t, 1);
  st->ctx = rt->ctx;
  g_object_set_data_full (G_OBJECT (rt->ctx), "anode-idna-state", st, state_free);
  JSCValue *b = jsc_value_new_object (rt->ctx, NULL, NULL);
  anode_set_method (b, "toASCII", G_CALLBACK (to_ascii_cb), st, JSC_TYPE_VALUE, 2,
                    G_TYPE_STRING, G_TYPE_BOOLEAN);
  return b;
}
