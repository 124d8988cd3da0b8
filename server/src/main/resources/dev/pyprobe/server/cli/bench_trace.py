# Tracepoint benchmark target: runs a hot function or a cold one for a while on command and
# prints how many calls it made, so pyprobe can compare call rates with and without tracepoints.
import sys
import time


def hot(i):
    return i + 1


def cold(i):
    return i - 1


def run(fn, seconds):
    calls = 0
    end = time.time() + seconds
    while time.time() < end:
        for i in range(1000):
            fn(i)
        calls += 1000
    return calls


hot(0)
cold(0)
sys.stdout.write("BENCH-READY\n")
sys.stdout.flush()
for line in iter(sys.stdin.readline, ''):
    name, seconds = line.split()
    sys.stdout.write("%d\n" % run(hot if name == "hot" else cold, float(seconds)))
    sys.stdout.flush()
