# Target for pyprobe's probe tests (Python 2.7 to 3.13). Prints
#   ready PID ADDR
# where ADDR is the address of target_fn's first bytecode instruction, computed from the
# interpreter's own object layout (a test fixture may know its layout; pyprobe itself reads it).
# Then obeys stdin: "run N" calls target_fn N times and prints "done N"; "quit" exits.
# Calls come in bursts of BURST with a 1 ms sleep between: the kernel stops (throttles) a perf
# event that fires more than kernel.perf_event_max_sample_rate / HZ times in one timer tick, and
# exact counts need every hit. "hot N" calls it N times without pauses, for benchmarks.
import os
import sys
import time

BURST = 10

# Offset of co_code_adaptive in PyCodeObject (cpython-layouts.md section 4.1).
CODE_ADAPTIVE = {(3, 11): 184, (3, 12): 192, (3, 13): 200}


def target_fn(x):
    return x + 1


def first_instruction():
    code = target_fn.__code__
    version = sys.version_info[:2]
    if version >= (3, 11):
        return id(code) + CODE_ADAPTIVE[version]
    # The bytes object's data: after refcnt, type, size, hash (and ob_sstate in 2.7's str).
    return id(code.co_code) + (36 if version[0] == 2 else 32)


def main():
    sys.stdout.write("ready %d %d\n" % (os.getpid(), first_instruction()))
    sys.stdout.flush()
    while True:
        line = sys.stdin.readline()
        if not line or line.startswith("quit"):
            return
        if line.startswith("run "):
            n = int(line.split()[1])
            i = 0
            while i < n:
                target_fn(i)
                i += 1
                if i % BURST == 0:
                    time.sleep(0.001)
            sys.stdout.write("done %d\n" % n)
            sys.stdout.flush()
        elif line.startswith("hot "):
            n = int(line.split()[1])
            start = time.time()
            i = 0
            while i < n:
                target_fn(i)
                i += 1
            sys.stdout.write("hot %d %.6f\n" % (n, time.time() - start))
            sys.stdout.flush()


main()
