# Target for the trace command's tests: waits for a command on stdin, runs it, exits.
import sys
import threading
import time


def counted():
    x = 2
    return x


def busy():
    return 1


def total(price, k):
    # Slow, so that the frame pyprobe reads right after a hit is still this call's.
    time.sleep(0.2)
    return price * k


def tight_loop(n):
    # Another thread calls another function all along: its calls must not be counted.
    stop = []

    def background():
        while not stop:
            busy()
    t = threading.Thread(target=background, name="background")
    t.start()
    for _ in range(n):
        counted()
    stop.append(True)
    t.join()


# Run each call site once before tracing: on 3.13 a watchpoint does not see the first call from a
# new call site (the interpreter specialises it on the way; see the README's known limits).
tight_loop(1)
total(0, 0)
sys.stdout.write("ready\n")
sys.stdout.flush()
words = sys.stdin.readline().split()
if words[0] == "loop":
    tight_loop(int(words[1]))
elif words[0] == "totals":
    for i in range(int(words[1])):
        total(10 + i, i % 5)
        time.sleep(0.1)
sys.stdout.write("done\n")
sys.stdout.flush()
