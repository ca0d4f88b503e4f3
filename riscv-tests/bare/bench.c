/*
 * bench.c - a small benchmark in the bare environment that reports through the HTIF (like the official
 * riscv-tests benchmarks): a prime sieve, CRC-32 over generated data and a sort, each checked against a
 * known answer, with the instructions each took (rdinstret). Exit status 0 when every answer is right.
 */
#include "bare.h"

#define SIEVE_N 100000
#define DATA_N 65536
#define SORT_N 4096
#define CRC_EXPECTED 0xc90cb56cu  /* zlib.crc32 of the same bytes */

static unsigned char composite[SIEVE_N];
static unsigned char data[DATA_N];
static uint32_t keys[SORT_N];

static uint64_t instret(void) { uint64_t v; __asm__ volatile("rdinstret %0" : "=r"(v)); return v; }

static uint64_t sieve(void)
{
    uint64_t count = 0;
    for (uint64_t i = 2; i < SIEVE_N; i++) {
        if (composite[i]) continue;
        count++;
        for (uint64_t j = i * i; j < SIEVE_N; j += i) composite[j] = 1;
    }
    return count;
}

static uint32_t xorshift(uint32_t *s) { *s ^= *s << 13; *s ^= *s >> 17; *s ^= *s << 5; return *s; }

static uint32_t crc32(const unsigned char *p, uint64_t n)
{
    uint32_t c = 0xffffffffu;
    for (uint64_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    }
    return ~c;
}

static void sort(uint32_t *a, long lo, long hi)   /* quicksort, [lo, hi] */
{
    while (lo < hi) {
        uint32_t pivot = a[(lo + hi) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { sort(a, lo, j); lo = i; } else { sort(a, i, hi); hi = j; }
    }
}

static int report(const char *what, uint64_t got, uint64_t want, uint64_t insns)
{
    bare_puts(what); bare_puts(" = "); bare_put_dec(got);
    bare_puts(got == want ? " (ok, " : " (WRONG, "); bare_put_dec(insns); bare_puts(" instructions)\n");
    return got == want ? 0 : 1;
}

int main(void)
{
    int bad = 0;
    uint64_t t0 = instret();
    uint64_t primes = sieve();
    uint64_t t1 = instret();
    bad += report("primes below 100000", primes, 9592, t1 - t0);

    uint32_t s = 2463534242u;
    for (uint64_t i = 0; i < DATA_N; i++) data[i] = (unsigned char)xorshift(&s);
    t0 = instret();
    uint32_t crc = crc32(data, DATA_N);
    t1 = instret();
    bad += report("crc32 of 64 KiB", crc, CRC_EXPECTED, t1 - t0);

    for (uint64_t i = 0; i < SORT_N; i++) keys[i] = xorshift(&s);
    t0 = instret();
    sort(keys, 0, SORT_N - 1);
    t1 = instret();
    uint64_t inversions = 0;
    for (uint64_t i = 1; i < SORT_N; i++) inversions += keys[i - 1] > keys[i];
    bad += report("inversions after sorting 4096 keys", inversions, 0, t1 - t0);
    bare_puts(bad == 0 ? "bench: all answers right\n" : "bench: WRONG ANSWERS\n");
    return bad;
}
