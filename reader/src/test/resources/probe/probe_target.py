# Target for pyprobe's probe tests (Python 2.7 to 3.13). Prints
#   ready PID ADDR
# where ADDR is the address of target_fn's first bytecode instruction, computed from the
# interpreter's own object layout (a test fixture may know its layout; pyprobe itself reads it).
# Then obeys stdin: "run N" calls target_fn N times and prints "done N"; "quit" exits.
# Calls come in bursts of BURST with a 1 ms sleep between: the kernel stops (throttles) a perf
# event that fires more than kernel.perf_event_max_sample_rate / HZ times in one timer tick, and
# exact counts need every hit. "hot N" calls it N times without pauses, for benchmarks.
# "spawn" starts a second thread and prints "spawned TID"; "trun N" makes that thread call
# target_fn N times (paced), then it prints "tdone N".
import os
import sys
import threading
import time

BURST = 10

# Offset of co_code_adaptive in PyCodeObject (layouts.json: code.codeAdaptive).
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


def native_thread_id():
    if hasattr(threading, "get_native_id"):
        return threading.get_native_id()
    import ctypes
    return ctypes.CDLL(None).syscall(186)  # SYS_gettid on x86_64


def calls(n):
    i = 0
    while i < n:
        target_fn(i)
        i += 1
        if i % BURST == 0:
            time.sleep(0.001)


class Worker(threading.Thread):
    def __init__(self):
        threading.Thread.__init__(self)
        self.daemon = True
        self.orders = []
        self.ready = threading.Condition()

    def order(self, n):
        with self.ready:
            self.orders.append(n)
            self.ready.notify()

    def run(self):
        sys.stdout.write("spawned %d\n" % native_thread_id())
        sys.stdout.flush()
        while True:
            with self.ready:
                while not self.orders:
                    self.ready.wait(1.0)
                n = self.orders.pop(0)
            calls(n)
            sys.stdout.write("tdone %d\n" % n)
            sys.stdout.flush()


def main():
    worker = None
    sys.stdout.write("ready %d %d\n" % (os.getpid(), first_instruction()))
    sys.stdout.flush()
    while True:
        line = sys.stdin.readline()
        if not line or line.startswith("quit"):
            return
        if line.startswith("run "):
            n = int(line.split()[1])
            calls(n)
            sys.stdout.write("done %d\n" % n)
            sys.stdout.flush()
        elif line.startswith("spawn"):
            worker = Worker()
            worker.start()
        elif line.startswith("trun "):
            worker.order(int(line.split()[1]))
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
