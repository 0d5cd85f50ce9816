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
static inline uint32_t evlog_secret_candidates16(const uint8_t *p) {
    __m128i current = _mm_loadu_si128((const __m128i *)p);
    __m128i previous = _mm_loadu_si128((const __m128i *)(p - 1));
    __m128i space = _mm_set1_epi8(0x20);
    __m128i mask = _mm_or_si128(_mm_cmpeq_epi8(current, _mm_set1_epi8('@')), _mm_cmpeq_epi8(current, _mm_set1_epi8('=')));
    mask = _mm_or_si128(mask, _mm_cmpeq_epi8(current, _mm_set1_epi8(':')));
    mask = _mm_or_si128(mask, _mm_cmpeq_epi8(current, _mm_set1_epi8('-')));
    mask = _mm_or_si128(mask, _mm_cmpeq_epi8(current, _mm_set1_epi8('_')));
    mask = _mm_or_si128(mask, _mm_and_si128(_mm_cmpeq_epi8(current, _mm_set1_epi8('K')),
                                            _mm_cmpeq_epi8(previous, _mm_set1_epi8('A'))));
    mask = _mm_or_si128(mask, _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(current, space), _mm_set1_epi8('e')),
                                            _mm_cmpeq_epi8(_mm_or_si128(previous, space), _mm_set1_epi8('b'))));
    return (uint32_t)_mm_movemask_epi8(mask);
}
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
