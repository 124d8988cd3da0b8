# A Python program for pyprobe's breakpoint tests: it calls functions a number of times on
# command and answers "done" once the calls have returned, so a test knows exactly how many
# calls were made. Commands read from stdin:
#   work N          work(i, 'abc') for i in range(N)
#   slow N          two warm-up calls slow(Order(0), i, 'warm-up') with i = -2 and -1, then
#                   slow(Order(40 + i), i, 'name-<i>') for i in range(N); each call stays in its
#                   frame a while, so that its values can be read
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
    doubled = i * 2  # LINE_WORK_FIRST
    return doubled  # LINE_WORK_RETURN


def slow(order, i, name):
    time.sleep(0.2)
    return i


def run_work(n):
    for i in range(n):
        work(i, "abc")


def run_slow(n):
    # One call site for every call: the tracer may report late a call it is still learning about
    # (see CallFilter), so the first calls of a command are warm-ups with i < 0.
    for i in range(-2, n):
        if i < 0:
            order, name = Order(0), "warm-up"
        else:
            order, name = Order(40 + i), "name-%d" % i
        slow(order, i, name)


def main():
    # Run each call site once before any tracing: 3.13 specialises a call the first time it runs,
    # from places that never recur, and the tracer does not count that call (see CallFilter).
    run_work(1)
    run_slow(0)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in iter(sys.stdin.readline, ""):
        words = line.split()
        if not words:
            continue
        if words[0] == "work":
            run_work(int(words[1]))
        elif words[0] == "slow":
            run_slow(int(words[1]))
        elif words[0] == "exit":
            break
        sys.stdout.write("done %s\n" % words[0])
        sys.stdout.flush()


main()
