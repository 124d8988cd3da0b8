/* Synthetic USDT target for pyprobe's probe tests. Commands on stdin, one per line:
 *   run N   fire every probe N times with values derived from the iteration, print "done"
 *   sem     print how many times the guarded probe saw its semaphore raised
 *   quit    exit
 * At start it prints "ready PID". Iterations come in bursts of BURST with a 1 ms pause between,
 * to stay under the kernel's sample rate limit (kernel.perf_event_max_sample_rate): a perf event
 * that fires faster is throttled and its hits are lost. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BURST 20

/* With _SDT_HAS_SEMAPHORES every probe's note names a semaphore; only "guarded" tests its own. */
#define SEMAPHORE(name) unsigned short fix_##name##_semaphore __attribute__((section(".probes"), used))
SEMAPHORE(regs);
SEMAPHORE(stack_rsp);
SEMAPHORE(stack_rbp);
SEMAPHORE(constants);
SEMAPHORE(strings);
SEMAPHORE(guarded);
static long guarded_seen;

/* Taking locals' addresses out of a function makes it keep a real frame below them, so the probe
 * arguments sit above the stack pointer, inside the stack copy a sample carries. */
__attribute__((noinline)) void keep(volatile void *p) {
    __asm__ __volatile__("" ::"r"(p) : "memory");
}

/* Registers: the optimiser keeps these values in registers. */
__attribute__((noinline)) static void regs(int64_t i) {
    int64_t a = -1000000000000LL - i;
    int32_t b = (int32_t)(-7 * i) - 3;
    uint32_t c = 4000000000u + (uint32_t)i;
    int16_t d = (int16_t)(-300 - i);
    uint8_t e = (uint8_t)(200 + i);
    int8_t f = (int8_t)(-100 - i);
    STAP_PROBE6(fix, regs, a, b, c, d, e, f);
}

/* Stack memory relative to %rsp: no frame pointer, volatile locals live in the frame. */
__attribute__((noinline, optimize("omit-frame-pointer"))) static void stack_rsp(int64_t i) {
    volatile int64_t x = 123456789012LL * (i + 1);
    volatile int32_t y = -5 - (int32_t)i;
    volatile uint16_t z = (uint16_t)(60000 + i);
    STAP_PROBE3(fix, stack_rsp, x, y, z);
    keep(&x);
    keep(&y);
    keep(&z);
}

/* Stack memory relative to %rbp with negative offsets: -O0 code with a frame pointer. */
__attribute__((noinline, optimize("O0", "no-omit-frame-pointer"))) static void stack_rbp(int64_t i) {
    int64_t x = -2 * i - 1;
    int32_t y = (int32_t)i * 3;
    keep(0); /* not a leaf: the frame is allocated below the locals */
    STAP_PROBE2(fix, stack_rbp, x, y);
}

/* Constants. */
__attribute__((noinline)) static void constants(void) {
    STAP_PROBE2(fix, constants, 5, -42);
}

/* A string pointer, read from the target's memory like CPython's filename/funcname. */
__attribute__((noinline)) static void strings(const char *s, int64_t i) {
    STAP_PROBE2(fix, strings, s, i);
}

__attribute__((noinline)) static void guarded(int64_t i) {
    if (__builtin_expect(fix_guarded_semaphore, 0)) {
        guarded_seen++;
        STAP_PROBE1(fix, guarded, i);
    }
}

int main(void) {
    char line[128];
    static const char *names[] = {"alpha", "beta", "gamma"};
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("ready %d\n", (int)getpid());
    while (fgets(line, sizeof line, stdin)) {
        long n;
        if (sscanf(line, "run %ld", &n) == 1) {
            for (int64_t i = 0; i < n; i++) {
                regs(i);
                stack_rsp(i);
                stack_rbp(i);
                constants();
                strings(names[i % 3], i);
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
