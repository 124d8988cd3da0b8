# Sampling benchmark target: THREADS threads, each DEPTH frames deep, spinning at the bottom, so
# every sample finds every thread running with a deep stack.
import sys
import threading


def level(n):
    if n <= 1:
        x = 0
        while True:
            x += 1
    return level(n - 1) + 1


for _ in range(int(sys.argv[1])):
    t = threading.Thread(target=level, args=(int(sys.argv[2]),))
    t.daemon = True
    t.start()
sys.stdout.write("SAMPLE-BENCH-READY\n")
sys.stdout.write(sys.executable + "\n")
sys.stdout.flush()
sys.stdin.read()
