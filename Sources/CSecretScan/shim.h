#ifndef EVLOG_CSECRETSCAN_SHIM_H
#define EVLOG_CSECRETSCAN_SHIM_H
// The vector compares of the secret trigger scan (Orchestrator/Secrets/SecretTriggerScan.swift):
// Swift's SIMD types do not lower comparisons to vector instructions on this toolchain, so the one
// hot loop of redaction uses SSE2 (x86-64) or NEON (arm64) here, with a plain loop elsewhere.
#include <stdint.h>

// A bit per byte of p[0..15] that can end a secret trigger pair (a superset of the pair table,
// SecretPatterns.triggerPairs): '@', '='; ':' after a quote, letter or digit; '-' after whitespace, a
// quote or a letter; '_' after a letter or digit; '.' after s, g, b or 9; the letter pairs be, sw, pw, cr,
// ok, ey, sn (any case); 'J' after 'y', 'a' after 'z', 'A' after 'I'. p[-1] must be readable.
// Tests/OrchestratorTests/SecretTriggerScanTests.swift checks every pair the table accepts is kept.
#if defined(__SSE2__)
#include <emmintrin.h>
#define EVLOG_EQ(v, c) _mm_cmpeq_epi8((v), _mm_set1_epi8((char)(c)))
#define EVLOG_IN(v, lo, hi) _mm_and_si128(_mm_cmpgt_epi8((v), _mm_set1_epi8((char)((lo) - 1))), _mm_cmplt_epi8((v), _mm_set1_epi8((char)((hi) + 1))))
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    __m128i current = _mm_loadu_si128((const __m128i *)p);
    __m128i previous = _mm_loadu_si128((const __m128i *)(p - 1));
    __m128i space = _mm_set1_epi8(0x20);
    __m128i lower = _mm_or_si128(previous, space);
    __m128i lowerCurrent = _mm_or_si128(current, space);
    __m128i quote = _mm_or_si128(EVLOG_EQ(previous, '"'), EVLOG_EQ(previous, '\''));
    __m128i white = _mm_or_si128(_mm_or_si128(EVLOG_EQ(previous, ' '), EVLOG_EQ(previous, '\t')),
                                 _mm_or_si128(EVLOG_EQ(previous, '\n'), EVLOG_EQ(previous, '\r')));
    __m128i letter = EVLOG_IN(lower, 'a', 'z');
    __m128i digit = EVLOG_IN(previous, '0', '9');
    __m128i mask = _mm_or_si128(EVLOG_EQ(current, '@'), EVLOG_EQ(current, '='));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, ':'), _mm_or_si128(quote, _mm_or_si128(letter, digit))));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '-'), _mm_or_si128(white, _mm_or_si128(quote, letter))));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '_'), _mm_or_si128(letter, digit)));
    __m128i dotAfter = _mm_or_si128(_mm_or_si128(EVLOG_EQ(lower, 's'), EVLOG_EQ(lower, 'g')), _mm_or_si128(EVLOG_EQ(lower, 'b'), EVLOG_EQ(previous, '9')));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '.'), dotAfter));
    __m128i wAfter = _mm_or_si128(EVLOG_EQ(lower, 's'), EVLOG_EQ(lower, 'p'));
    __m128i pairs = _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 'e'), EVLOG_EQ(lower, 'b')), _mm_and_si128(EVLOG_EQ(lowerCurrent, 'w'), wAfter));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 'r'), EVLOG_EQ(lower, 'c')),
                                             _mm_and_si128(EVLOG_EQ(lowerCurrent, 'k'), EVLOG_EQ(lower, 'o'))));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 'y'), EVLOG_EQ(lower, 'e')),
                                             _mm_and_si128(EVLOG_EQ(lowerCurrent, 'n'), EVLOG_EQ(lower, 's'))));
    pairs = _mm_or_si128(pairs, _mm_and_si128(EVLOG_EQ(current, 'J'), EVLOG_EQ(previous, 'y')));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(current, 'a'), EVLOG_EQ(previous, 'z')),
                                             _mm_and_si128(EVLOG_EQ(current, 'A'), EVLOG_EQ(previous, 'I'))));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(mask, pairs));
}
#undef EVLOG_IN
#undef EVLOG_EQ
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    // Looser than SSE2 (every ':', '-', '_', '.'), still a superset of the pair table.
    uint8x16_t current = vld1q_u8(p);
    uint8x16_t previous = vld1q_u8(p - 1);
    uint8x16_t space = vdupq_n_u8(0x20);
    uint8x16_t lower = vorrq_u8(previous, space), lowerCurrent = vorrq_u8(current, space);
    uint8x16_t mask = vorrq_u8(vceqq_u8(current, vdupq_n_u8('@')), vceqq_u8(current, vdupq_n_u8('=')));
    mask = vorrq_u8(mask, vorrq_u8(vceqq_u8(current, vdupq_n_u8(':')), vceqq_u8(current, vdupq_n_u8('-'))));
    mask = vorrq_u8(mask, vorrq_u8(vceqq_u8(current, vdupq_n_u8('_')), vceqq_u8(current, vdupq_n_u8('.'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('e')), vceqq_u8(lower, vdupq_n_u8('b'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('w')),
                                   vorrq_u8(vceqq_u8(lower, vdupq_n_u8('s')), vceqq_u8(lower, vdupq_n_u8('p')))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('r')), vceqq_u8(lower, vdupq_n_u8('c'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('k')), vceqq_u8(lower, vdupq_n_u8('o'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('y')), vceqq_u8(lower, vdupq_n_u8('e'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('n')), vceqq_u8(lower, vdupq_n_u8('s'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('J')), vceqq_u8(previous, vdupq_n_u8('y'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('a')), vceqq_u8(previous, vdupq_n_u8('z'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('A')), vceqq_u8(previous, vdupq_n_u8('I'))));
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t bits = vandq_u8(mask, vld1q_u8(weights));
    return (uint32_t)vaddv_u8(vget_low_u8(bits)) | ((uint32_t)vaddv_u8(vget_high_u8(bits)) << 8);
}
#else
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    uint32_t lanes = 0;
    for (int lane = 0; lane < 16; lane++) {
        uint8_t current = p[lane], previous = p[lane - 1];
        uint8_t lc = current | 0x20, lp = previous | 0x20;
        int hit = current == '@' || current == '=' || current == ':' || current == '-' || current == '_' || current == '.'
            || (lc == 'e' && lp == 'b') || (lc == 'w' && (lp == 's' || lp == 'p')) || (lc == 'r' && lp == 'c')
            || (lc == 'k' && lp == 'o') || (lc == 'y' && lp == 'e') || (lc == 'n' && lp == 's') || (current == 'J' && previous == 'y')
            || (current == 'a' && previous == 'z') || (current == 'A' && previous == 'I');
        lanes |= (uint32_t)hit << lane;
    }
    return lanes;
}
#endif
#endif
