# Benchmark target: the main thread recurses 50 frames deep, each frame with a few locals, and
# parks there. Prints its pid once parked.
import os
import sys


def level(n, payload):
    name = "level-%d" % n
    items = list(range(n))
    table = {"n": n, "name": name}
    if n == 0:
        sys.stdout.write("%d\n" % os.getpid())
        sys.stdout.flush()
        sys.stdin.read()
        return 0
    return level(n - 1, payload) + 1


level(49, {"key": "value"})
