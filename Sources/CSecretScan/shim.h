#ifndef EVLOG_CSECRETSCAN_SHIM_H
#define EVLOG_CSECRETSCAN_SHIM_H
// The vector compares of the secret trigger scan (Orchestrator/Secrets/SecretTriggerScan.swift):
// Swift's SIMD types do not lower comparisons to vector instructions on this toolchain, so the one
// hot loop of redaction uses SSE2 (x86-64) or NEON (arm64) here, with a plain loop elsewhere.
#include <stdint.h>

// A bit per byte of p[0..15] that can end a secret trigger pair: '@', '=', ':', '-', '_',
// 'K' after 'A', 'e'/'E' after 'b'/'B'. p[-1] must be readable (the byte before each lane).
#if defined(__SSE2__)
#include <emmintrin.h>
// SSE2 also checks the byte before `:`, `-` and `_` (the common ones in install output: versions,
// package names, `Key: value` lines), so most of them never reach the pair table:
// `:` after a quote or a key's last letter (d s n t y l), `-` after whitespace, a quote or one of
// t b p a r s k, `_` after one of p o u s r t. A byte's `| 0x20` is its lowercase for letters.
// Tests/OrchestratorTests/SecretTriggerScanTests.swift checks every pair the table accepts is kept.
#define EVLOG_EQ(v, c) _mm_cmpeq_epi8((v), _mm_set1_epi8((char)(c)))
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    __m128i current = _mm_loadu_si128((const __m128i *)p);
    __m128i previous = _mm_loadu_si128((const __m128i *)(p - 1));
    __m128i space = _mm_set1_epi8(0x20);
    __m128i lower = _mm_or_si128(previous, space);
    __m128i quote = _mm_or_si128(EVLOG_EQ(previous, '"'), EVLOG_EQ(previous, '\''));
    __m128i white = _mm_or_si128(_mm_or_si128(EVLOG_EQ(previous, ' '), EVLOG_EQ(previous, '\t')),
                                 _mm_or_si128(EVLOG_EQ(previous, '\n'), EVLOG_EQ(previous, '\r')));
    __m128i s = EVLOG_EQ(lower, 's'), t = EVLOG_EQ(lower, 't'), p_ = EVLOG_EQ(lower, 'p'), r = EVLOG_EQ(lower, 'r');
    __m128i keyEnd = _mm_or_si128(_mm_or_si128(_mm_or_si128(EVLOG_EQ(lower, 'd'), s), _mm_or_si128(EVLOG_EQ(lower, 'n'), t)),
                                  _mm_or_si128(EVLOG_EQ(lower, 'y'), EVLOG_EQ(lower, 'l')));
    __m128i colon = _mm_and_si128(EVLOG_EQ(current, ':'), _mm_or_si128(quote, keyEnd));
    __m128i dashAfter = _mm_or_si128(_mm_or_si128(_mm_or_si128(white, quote), _mm_or_si128(t, EVLOG_EQ(lower, 'b'))),
                                     _mm_or_si128(_mm_or_si128(p_, EVLOG_EQ(lower, 'a')), _mm_or_si128(_mm_or_si128(r, s), EVLOG_EQ(lower, 'k'))));
    __m128i dash = _mm_and_si128(EVLOG_EQ(current, '-'), dashAfter);
    __m128i underscoreAfter = _mm_or_si128(_mm_or_si128(p_, EVLOG_EQ(lower, 'o')), _mm_or_si128(_mm_or_si128(EVLOG_EQ(lower, 'u'), s), _mm_or_si128(r, t)));
    __m128i underscore = _mm_and_si128(EVLOG_EQ(current, '_'), underscoreAfter);
    __m128i mask = _mm_or_si128(_mm_or_si128(EVLOG_EQ(current, '@'), EVLOG_EQ(current, '=')), _mm_or_si128(colon, _mm_or_si128(dash, underscore)));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, 'K'), EVLOG_EQ(previous, 'A')));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(_mm_or_si128(current, space), 'e'), EVLOG_EQ(lower, 'b')));
    return (uint32_t)_mm_movemask_epi8(mask);
}
#undef EVLOG_EQ
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    uint8x16_t current = vld1q_u8(p);
    uint8x16_t previous = vld1q_u8(p - 1);
    uint8x16_t space = vdupq_n_u8(0x20);
    uint8x16_t mask = vorrq_u8(vceqq_u8(current, vdupq_n_u8('@')), vceqq_u8(current, vdupq_n_u8('=')));
    mask = vorrq_u8(mask, vceqq_u8(current, vdupq_n_u8(':')));
    mask = vorrq_u8(mask, vceqq_u8(current, vdupq_n_u8('-')));
    mask = vorrq_u8(mask, vceqq_u8(current, vdupq_n_u8('_')));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('K')), vceqq_u8(previous, vdupq_n_u8('A'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(vorrq_u8(current, space), vdupq_n_u8('e')),
                                   vceqq_u8(vorrq_u8(previous, space), vdupq_n_u8('b'))));
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t bits = vandq_u8(mask, vld1q_u8(weights));
    return (uint32_t)vaddv_u8(vget_low_u8(bits)) | ((uint32_t)vaddv_u8(vget_high_u8(bits)) << 8);
}
#else
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    uint32_t lanes = 0;
    for (int lane = 0; lane < 16; lane++) {
        uint8_t current = p[lane], previous = p[lane - 1];
        int hit = current == '@' || current == '=' || current == ':' || current == '-' || current == '_'
            || (current == 'K' && previous == 'A') || ((current | 0x20) == 'e' && (previous | 0x20) == 'b');
        lanes |= (uint32_t)hit << lane;
    }
    return lanes;
}
#endif
#endif
