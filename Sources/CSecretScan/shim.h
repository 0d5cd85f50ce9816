#ifndef EVLOG_CSECRETSCAN_SHIM_H
#define EVLOG_CSECRETSCAN_SHIM_H
// The vector compares of the secret trigger scan (Orchestrator/Secrets/SecretTriggerScan.swift):
// Swift's SIMD types do not lower comparisons to vector instructions on this toolchain, so the one
// hot loop of redaction uses SSE2 (x86-64) or NEON (arm64) here, with a plain loop elsewhere.
#include <stddef.h>
#include <stdint.h>

// A bit per byte of p[0..15] that can end a secret trigger pair (a superset of the pair table,
// SecretPatterns.triggerPairs): '@', '='; ':' after a quote, letter, digit or non-ASCII byte; '-' after
// whitespace, a quote or a letter; '>' after '-', a space, a letter or digit; '_' after a letter or digit; '.' after
// s, g, b, p or 9; the last byte of a full-width colon or equals sign (0x9A, 0x9D after 0xBC); the letter
// pairs be, sw, pw, nw, cr, ok, ey, by, sn, ss, au, cc (any case); 'J' after 'y', 'a' after 'z', 'A' after 'I', 'i' after 'p',
// 'T' after 'T', 'K' after 'S' (the ends of token prefixes: AIza, AKIA, dapi, ATATT, SK); the capital pairs SS,
// TH, IN (the ends of protocol verbs: PASS, AUTH, LOGIN).
// p[-1] must be readable.
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
    __m128i nonASCII = _mm_cmplt_epi8(previous, _mm_setzero_si128());
    __m128i afterName = _mm_or_si128(_mm_or_si128(quote, nonASCII), _mm_or_si128(letter, digit));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, ':'), _mm_or_si128(afterName, EVLOG_EQ(previous, ' '))));
    __m128i beforeArrow = _mm_or_si128(_mm_or_si128(EVLOG_EQ(previous, '-'), EVLOG_EQ(previous, ' ')), _mm_or_si128(letter, digit));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '>'), beforeArrow));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '-'), _mm_or_si128(white, _mm_or_si128(quote, letter))));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '_'), _mm_or_si128(letter, digit)));
    __m128i dotAfter = _mm_or_si128(_mm_or_si128(EVLOG_EQ(lower, 's'), EVLOG_EQ(lower, 'g')), _mm_or_si128(EVLOG_EQ(lower, 'b'), EVLOG_EQ(previous, '9')));
    dotAfter = _mm_or_si128(dotAfter, EVLOG_EQ(lower, 'p'));
    mask = _mm_or_si128(mask, _mm_and_si128(EVLOG_EQ(current, '.'), dotAfter));
    __m128i wAfter = _mm_or_si128(_mm_or_si128(EVLOG_EQ(lower, 's'), EVLOG_EQ(lower, 'p')), EVLOG_EQ(lower, 'n'));
    __m128i pairs = _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 'e'), EVLOG_EQ(lower, 'b')), _mm_and_si128(EVLOG_EQ(lowerCurrent, 'w'), wAfter));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 'r'), EVLOG_EQ(lower, 'c')),
                                             _mm_and_si128(EVLOG_EQ(lowerCurrent, 'k'), EVLOG_EQ(lower, 'o'))));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 'y'), _mm_or_si128(EVLOG_EQ(lower, 'e'), EVLOG_EQ(lower, 'b'))),
                                             _mm_and_si128(EVLOG_EQ(lowerCurrent, 'n'), EVLOG_EQ(lower, 's'))));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(lowerCurrent, 's'), EVLOG_EQ(lower, 's')),
                                             _mm_and_si128(EVLOG_EQ(lowerCurrent, 'u'), EVLOG_EQ(lower, 'a'))));
    pairs = _mm_or_si128(pairs, _mm_and_si128(EVLOG_EQ(lowerCurrent, 'c'), EVLOG_EQ(lower, 'c')));
    pairs = _mm_or_si128(pairs, _mm_and_si128(EVLOG_EQ(current, 'J'), EVLOG_EQ(previous, 'y')));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(current, 'a'), EVLOG_EQ(previous, 'z')),
                                             _mm_and_si128(EVLOG_EQ(current, 'A'), EVLOG_EQ(previous, 'I'))));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(current, 'i'), EVLOG_EQ(previous, 'p')),
                                             _mm_or_si128(_mm_and_si128(EVLOG_EQ(current, 'T'), EVLOG_EQ(previous, 'T')),
                                                          _mm_and_si128(EVLOG_EQ(current, 'K'), EVLOG_EQ(previous, 'S')))));
    pairs = _mm_or_si128(pairs, _mm_or_si128(_mm_and_si128(EVLOG_EQ(current, 'S'), EVLOG_EQ(previous, 'S')),
                                             _mm_or_si128(_mm_and_si128(EVLOG_EQ(current, 'H'), EVLOG_EQ(previous, 'T')),
                                                          _mm_and_si128(EVLOG_EQ(current, 'N'), EVLOG_EQ(previous, 'I')))));
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
    mask = vorrq_u8(mask, vceqq_u8(current, vdupq_n_u8('>')));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('e')), vceqq_u8(lower, vdupq_n_u8('b'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('w')),
                                   vorrq_u8(vorrq_u8(vceqq_u8(lower, vdupq_n_u8('s')), vceqq_u8(lower, vdupq_n_u8('p'))), vceqq_u8(lower, vdupq_n_u8('n')))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('r')), vceqq_u8(lower, vdupq_n_u8('c'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('k')), vceqq_u8(lower, vdupq_n_u8('o'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('y')), vorrq_u8(vceqq_u8(lower, vdupq_n_u8('e')), vceqq_u8(lower, vdupq_n_u8('b')))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('n')), vceqq_u8(lower, vdupq_n_u8('s'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('s')), vceqq_u8(lower, vdupq_n_u8('s'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('u')), vceqq_u8(lower, vdupq_n_u8('a'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(lowerCurrent, vdupq_n_u8('c')), vceqq_u8(lower, vdupq_n_u8('c'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('J')), vceqq_u8(previous, vdupq_n_u8('y'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('a')), vceqq_u8(previous, vdupq_n_u8('z'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('A')), vceqq_u8(previous, vdupq_n_u8('I'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('i')), vceqq_u8(previous, vdupq_n_u8('p'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('T')), vceqq_u8(previous, vdupq_n_u8('T'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('K')), vceqq_u8(previous, vdupq_n_u8('S'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('S')), vceqq_u8(previous, vdupq_n_u8('S'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('H')), vceqq_u8(previous, vdupq_n_u8('T'))));
    mask = vorrq_u8(mask, vandq_u8(vceqq_u8(current, vdupq_n_u8('N')), vceqq_u8(previous, vdupq_n_u8('I'))));
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
            || current == '>' || current == 0x9A || current == 0x9D
            || (lc == 'e' && lp == 'b') || (lc == 'w' && (lp == 's' || lp == 'p' || lp == 'n')) || (lc == 'r' && lp == 'c')
            || (lc == 'k' && lp == 'o') || (lc == 'y' && (lp == 'e' || lp == 'b')) || (lc == 'n' && lp == 's') || (lc == 's' && lp == 's') || (lc == 'u' && lp == 'a') || (lc == 'c' && lp == 'c') || (current == 'J' && previous == 'y')
            || (current == 'a' && previous == 'z') || (current == 'A' && previous == 'I') || (current == 'i' && previous == 'p')
            || (current == 'T' && previous == 'T') || (current == 'K' && previous == 'S')
            || (current == 'S' && previous == 'S') || (current == 'H' && previous == 'T') || (current == 'N' && previous == 'I');
        lanes |= (uint32_t)hit << lane;
    }
    return lanes;
}
#endif

// Whether b ends a word for evlog_next_word40: whitespace, a quote, or , ; = :.
static inline int evlog_word40_delimiter(uint8_t b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '"' || b == '\'' || b == ',' || b == ';' || b == '=' || b == ':';
}

// The start of the first word of `size` bytes (`exact`) or of at least `size` bytes (size 16 or more) in
// p[from..n-1] (words end at evlog_word40_delimiter bytes and at both ends; p[from-1], if any, must be a
// delimiter), or n. Delimiters are found sixteen bytes at a time; only the first delimiter of a block can
// end a word that long (one ending at a later one began in the block).
static inline size_t evlog_next_sized_word(const uint8_t *p, size_t n, size_t from, size_t size, int exact) {
    size_t last = from; // the start of the current word
    size_t i = from;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i d = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
        d = _mm_or_si128(d, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
        d = _mm_or_si128(d, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))));
        d = _mm_or_si128(d, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('=')), _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
        uint32_t lanes = (uint32_t)_mm_movemask_epi8(d);
        if (lanes) {
            size_t length = i + (size_t)__builtin_ctz(lanes) - last;
            if (exact ? length == size : length >= size) return last;
            last = i + 32 - (size_t)__builtin_clz(lanes);
        }
    }
#endif
    for (; i < n; i++) {
        if (evlog_word40_delimiter(p[i])) {
            if (exact ? i - last == size : i - last >= size) return last;
            last = i + 1;
        }
    }
    return (exact ? n - last == size : n - last >= size) ? last : n;
}

// The start of the first word of exactly 40 bytes in p[from..n-1], or n: where a bare AWS secret access
// key may be (Orchestrator/Secrets/TokenShapes.swift).
static inline size_t evlog_next_word40(const uint8_t *p, size_t n, size_t from) { return evlog_next_sized_word(p, n, from, 40, 1); }

// The start of the first word of at least `size` bytes in p[from..n-1], or n: where a token whose prefix
// names its service may be (Orchestrator/Secrets/PrefixedRandomTokens.swift).
static inline size_t evlog_next_long_word(const uint8_t *p, size_t n, size_t from, size_t size) {
    return evlog_next_sized_word(p, n, from, size, 0);
}

// The index of the first byte of p[0..n-1] a terminal may not show as text: a C0 control other than tab,
// line feed and carriage return (NUL, ESC starting an escape sequence, backspace), or DEL, or the first
// byte of a UTF-8 sequence that may be a format character or a full-width letter (C2, D8, E1, E2, EF, F3)
// or a letter that looks like an ASCII one (C4 to D4);
// n if none. (Orchestrator/Secrets/ShownText.swift strips or folds them before a scan, so
// `pass\e[0mword=` and `pass<U+200B>word=` are keys.)
static inline size_t evlog_first_invisible(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i top = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, top), v);
        __m128i shown = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(9)), _mm_cmpeq_epi8(v, _mm_set1_epi8(10))),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8(13)));
        __m128i hidden = _mm_or_si128(_mm_andnot_si128(shown, control), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        __m128i lead = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8))),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE1)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))));
        lead = _mm_or_si128(lead, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xF3))));
        // 0xC4 to 0xD4: the lead bytes of Latin, Greek and Cyrillic letters that look like ASCII ones.
        __m128i lookalike = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xC3)), _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xD5)));
        hidden = _mm_or_si128(hidden, _mm_or_si128(lead, lookalike));
        uint32_t lanes = (uint32_t)_mm_movemask_epi8(hidden);
        if (lanes) return i + (size_t)__builtin_ctz(lanes);
    }
#endif
    for (; i < n; i++) {
        uint8_t b = p[i];
        if ((b < 0x20 && b != 9 && b != 10 && b != 13) || b == 0x7F) return i;
        if (b == 0xC2 || b == 0xD8 || b == 0xE1 || b == 0xE2 || b == 0xEF || b == 0xF3 || (b >= 0xC4 && b <= 0xD4)) return i;
    }
    return n;
}
#endif
