/* Synthetic USDT target for pyprobe's probe tests: sys/sdt.h probes with their arguments in every
 * form a SystemTap note can give (registers of every size, memory off %rsp and off %rbp, constants).
 * Commands on stdin, one per line:
 *   run N   call every probe N times, print "done"
 *   sem     print "sem SEEN RAISED": how many times the guarded probe saw its semaphore raised,
 *           and the semaphore now
 *   quit    exit
 * At start it prints one line "pair NAME A B" (hex) per probe whose two first arguments are 64-bit
 * values, then "ready PID".
 *
 * At call i (0 <= i < N) such a probe's two first arguments are, by i % PERIOD:
 *   0  A, B                      both its pair: the only calls a filter on (A, B) keeps
 *   1  A, B ^ 1                  second differs in the low bit only
 *   2  A ^ 1<<40, B              first differs in the high half only
 *   3  A ^ 1, B ^ 1<<40          both differ
 *   4  B, A                      swapped: the only calls a filter on (B, A) keeps
 * Calls come in bursts of BURST with a 1 ms pause between. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BURST 20
#define PERIOD 5
#define HIGH (1ULL << 40)

/* With _SDT_HAS_SEMAPHORES every probe's note names a semaphore; only "guarded" tests its own. */
#define SEMAPHORE(name) unsigned short fix_##name##_semaphore __attribute__((section(".probes"), used))
SEMAPHORE(regs);
SEMAPHORE(stack_rsp);
SEMAPHORE(stack_rbp);
SEMAPHORE(mixed);
SEMAPHORE(constants);
SEMAPHORE(ptrs);
SEMAPHORE(guarded);
static long guarded_seen;

/* The pairs. Values above 2^32, with the sign bit set, or with bit 31 set and the high half clear,
 * so that a comparison of fewer than 64 bits, or a sign-extended one, would be caught. */
#define REGS_A ((uint64_t)-1000000000000LL)
#define REGS_B 4000000000ULL
#define RSP_A (123456789012ULL * 7)
#define RSP_B ((uint64_t)-5)
#define RBP_A ((uint64_t)-2)
#define RBP_B 0x8000000000000000ULL
#define MIXED_A 0x123456789abcdef0ULL
#define MIXED_B 3ULL
#define GUARDED_A 42ULL
#define GUARDED_B ((uint64_t)-42)

/* Like CPython's function__entry(filename, funcname, lineno): the pair is two string addresses. */
static const char file_name[] = "probe_target.py";
static const char function_name[] = "handler";

static uint64_t first(int64_t i, uint64_t a, uint64_t b) {
    switch (i % PERIOD) {
    case 0:
    case 1:
        return a;
    case 2:
        return a ^ HIGH;
    case 3:
        return a ^ 1;
    default:
        return b;
    }
}

static uint64_t second(int64_t i, uint64_t a, uint64_t b) {
    switch (i % PERIOD) {
    case 0:
    case 2:
        return b;
    case 1:
        return b ^ 1;
    case 3:
        return b ^ HIGH;
    default:
        return a;
    }
}

/* Taking locals' addresses out of a function makes it keep them in its frame. */
__attribute__((noinline)) void keep(volatile void *p) {
    __asm__ __volatile__("" ::"r"(p) : "memory");
}

/* Registers: the optimiser keeps computed values in registers, two 64-bit ones then every size. */
__attribute__((noinline)) static void regs(int64_t i) {
    int64_t a = (int64_t)first(i, REGS_A, REGS_B);
    uint64_t b = second(i, REGS_A, REGS_B);
    int32_t c = (int32_t)(-7 * i) - 3;
    uint32_t d = 4000000000u + (uint32_t)i;
    int16_t e = (int16_t)(-300 - i);
    uint8_t f = (uint8_t)(200 + i);
    int8_t g = (int8_t)(-100 - i);
    STAP_PROBE7(fix, regs, a, b, c, d, e, f, g);
}

/* Stack memory relative to %rsp: no frame pointer, volatile locals live in the frame. */
__attribute__((noinline, optimize("omit-frame-pointer"))) static void stack_rsp(int64_t i) {
    volatile int64_t x = (int64_t)first(i, RSP_A, RSP_B);
    volatile int64_t y = (int64_t)second(i, RSP_A, RSP_B);
    volatile int32_t z = -5 - (int32_t)i;
    volatile uint16_t w = (uint16_t)(60000 + i);
    STAP_PROBE4(fix, stack_rsp, x, y, z, w);
    keep(&x);
    keep(&y);
    keep(&z);
    keep(&w);
}

/* Stack memory relative to %rbp with negative offsets: -O0 code with a frame pointer. */
__attribute__((noinline, optimize("O0", "no-omit-frame-pointer"))) static void stack_rbp(int64_t i) {
    int64_t x = (int64_t)first(i, RBP_A, RBP_B);
    int64_t y = (int64_t)second(i, RBP_A, RBP_B);
    int32_t z = (int32_t)i * 3;
    keep(0); /* not a leaf: the frame is allocated below the locals */
    STAP_PROBE3(fix, stack_rbp, x, y, z);
}

/* A register and a memory operand in one probe: each argument is located on its own. */
__attribute__((noinline, optimize("omit-frame-pointer"))) static void mixed(int64_t i) {
    uint64_t x = first(i, MIXED_A, MIXED_B);
    volatile uint64_t y = second(i, MIXED_A, MIXED_B);
    STAP_PROBE2(fix, mixed, x, y);
    keep(&y);
}

/* Constants. */
__attribute__((noinline)) static void constants(void) {
    STAP_PROBE2(fix, constants, 5, -42);
}

/* Pointers passed in by the caller, as CPython passes its code object's names. */
__attribute__((noinline)) static void ptrs(const char *file, const char *function, int line) {
    STAP_PROBE3(fix, ptrs, file, function, line);
}

__attribute__((noinline)) static void guarded(int64_t i) {
    if (__builtin_expect(fix_guarded_semaphore, 0)) {
        guarded_seen++;
        int64_t a = (int64_t)first(i, GUARDED_A, GUARDED_B);
        int64_t b = (int64_t)second(i, GUARDED_A, GUARDED_B);
        STAP_PROBE2(fix, guarded, a, b);
    }
}

static void pair(const char *name, uint64_t a, uint64_t b) {
    printf("pair %s %#llx %#llx\n", name, (unsigned long long)a, (unsigned long long)b);
}

int main(void) {
    char line[128];
    uint64_t file = (uintptr_t)file_name;
    uint64_t function = (uintptr_t)function_name;
    setvbuf(stdout, NULL, _IOLBF, 0);
    pair("regs", REGS_A, REGS_B);
    pair("stack_rsp", RSP_A, RSP_B);
    pair("stack_rbp", RBP_A, RBP_B);
    pair("mixed", MIXED_A, MIXED_B);
    pair("ptrs", file, function);
    pair("guarded", GUARDED_A, GUARDED_B);
    printf("ready %d\n", (int)getpid());
    while (fgets(line, sizeof line, stdin)) {
        long n;
        if (sscanf(line, "run %ld", &n) == 1) {
            for (int64_t i = 0; i < n; i++) {
                regs(i);
                stack_rsp(i);
                stack_rbp(i);
                mixed(i);
                constants();
                ptrs((const char *)(uintptr_t)first(i, file, function),
                        (const char *)(uintptr_t)second(i, file, function), (int)i);
                guarded(i);
                if ((i + 1) % BURST == 0) {
                    usleep(1000);
                }
            }
            printf("done\n");
        } else if (strncmp(line, "sem", 3) == 0) {
            printf("sem %ld %u\n", guarded_seen, (unsigned)fix_guarded_semaphore);
        } else if (strncmp(line, "quit", 4) == 0) {
            return 0;
        }
    }
    return 0;
}
