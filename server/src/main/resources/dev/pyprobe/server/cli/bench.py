# Benchmark target: the main thread recurses to a known depth and blocks there.
import sys
import threading


def level(n, stop):
    if n <= 1:
        sys.stdout.write("BENCH-READY\n")
        sys.stdout.flush()
        sys.stdin.read()
        return 0
    return level(n - 1, stop) + 1


level(int(sys.argv[1]), threading.Event())
