# Sampling benchmark target: THREADS threads, each DEPTH frames deep, spinning at the bottom, so
# every sample finds every thread running with a deep stack. Each thread counts its rounds of
# work; every line read on stdin is answered with the total so far, so that the benchmark can
# tell how fast the target runs with and without a sampler.
import sys
import threading
import time

rounds = [0] * int(sys.argv[1])


def level(n, k):
    if n <= 1:
        while True:
            x = 0
            for _ in range(1000):
                x += 1
            rounds[k] += 1
    return level(n - 1, k) + 1


for k in range(len(rounds)):
    t = threading.Thread(target=level, args=(int(sys.argv[2]), k))
    t.daemon = True
    t.start()
sys.stdout.write("SAMPLE-BENCH-READY\n")
sys.stdout.write(sys.executable + "\n")
sys.stdout.flush()
for _ in iter(sys.stdin.readline, ""):
    sys.stdout.write("%d %.6f\n" % (sum(rounds), time.time()))
    sys.stdout.flush()
