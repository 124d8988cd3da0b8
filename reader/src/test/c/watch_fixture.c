/* Target for hardware watchpoint tests. Prints "ready PID ADDR" (ADDR: a 2-byte cell aligned
 * like CPython's bytecode), then obeys stdin, one command per line:
 *   run N      the main thread reads the cell N times, prints "done"
 *   spawn      starts a second thread that waits for "trun", prints "spawned TID"
 *   trun N     the second thread reads the cell N times, prints "tdone"
 *   quit       exit */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile uint16_t cells[8] __attribute__((aligned(16)));
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static long pending = -1;

#define BURST 20

__attribute__((noinline)) static uint64_t read_cell(long n) {
    uint64_t sum = 0;
    for (long i = 0; i < n; i++) {
        sum += cells[2];
        if ((i + 1) % BURST == 0) {
            usleep(1000);
        }
    }
    return sum;
}

static void *worker(void *arg) {
    (void)arg;
    printf("spawned %ld\n", (long)syscall(SYS_gettid));
    for (;;) {
        pthread_mutex_lock(&lock);
        while (pending < 0) {
            pthread_cond_wait(&wake, &lock);
        }
        long n = pending;
        pending = -1;
        pthread_mutex_unlock(&lock);
        read_cell(n);
        printf("tdone\n");
    }
    return NULL;
}

int main(void) {
    char line[128];
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("ready %d %p\n", (int)getpid(), (void *)&cells[2]);
    while (fgets(line, sizeof line, stdin)) {
        long n;
        if (sscanf(line, "run %ld", &n) == 1) {
            read_cell(n);
            printf("done\n");
        } else if (sscanf(line, "trun %ld", &n) == 1) {
            pthread_mutex_lock(&lock);
            pending = n;
            pthread_cond_signal(&wake);
            pthread_mutex_unlock(&lock);
        } else if (strncmp(line, "spawn", 5) == 0) {
            pthread_t t;
            pthread_create(&t, NULL, worker, NULL);
        } else if (strncmp(line, "quit", 4) == 0) {
            return 0;
        }
    }
    return 0;
}
