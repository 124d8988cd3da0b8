"""A target for the TCP transport's end-to-end tests: N worker threads parked at a known
line, the main thread parked reading stdin. Prints its pid once every worker is parked."""
import os
import sys
import threading


class Gate(object):
    def __init__(self):
        self.cond = threading.Condition()
        self.parked = 0


def park_here(gate):
    with gate.cond:
        gate.parked += 1
        gate.cond.notify_all()
        gate.cond.wait_for(lambda: False)  # park


def worker(gate):
    park_here(gate)  # worker-call


def main():
    count = int(sys.argv[1])
    gate = Gate()
    for i in range(count):
        t = threading.Thread(target=worker, args=(gate,), name="worker-%d" % i)
        t.daemon = True
        t.start()
    # A worker gives the lock back only inside wait_for: seeing them all counted under the
    # lock means every one of them is parked there.
    with gate.cond:
        gate.cond.wait_for(lambda: gate.parked == count)
    sys.stdout.write("%d\n" % os.getpid())
    sys.stdout.flush()
    sys.stdin.readline()  # main-park


main()
