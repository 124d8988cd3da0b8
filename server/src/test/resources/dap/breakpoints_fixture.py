# A Python program for pyprobe's breakpoint tests: it calls functions a number of times on
# command and answers "done" once the calls have returned, so a test knows exactly how many
# calls were made. Commands read from stdin:
#   work N          work(i, 'abc') for i in range(N)
#   slow N          slow(order, i, name) for i in range(N), after two warm-up calls with i = -1;
#                   each call stays in its frame a while, so that its values can be read
#   exit            end the process
# Runs unchanged on Python 2.7 and 3.6+.
import sys
import time


class Order(object):
    def __init__(self, n):
        self.n = n
        self.label = "order-%d" % n
        self.note = None


def work(i, name):
    doubled = i * 2
    return doubled  # LINE_WORK


def slow(order, i, name):
    time.sleep(0.2)
    return i


def main():
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in iter(sys.stdin.readline, ""):
        words = line.split()
        if not words:
            continue
        if words[0] == "work":
            for i in range(int(words[1])):
                work(i, "abc")
        elif words[0] == "slow":
            # A watchpoint tracer may learn which accesses are calls during the first calls and
            # report one of them late, with its frame gone: let that be a warm-up call.
            for _ in range(2):
                slow(Order(0), -1, "warm-up")
            for i in range(int(words[1])):
                slow(Order(40 + i), i, "name-%d" % i)
        elif words[0] == "exit":
            break
        sys.stdout.write("done %s\n" % words[0])
        sys.stdout.flush()


main()
