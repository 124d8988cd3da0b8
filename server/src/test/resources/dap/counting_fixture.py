# A Python program whose values change all the time, for pyprobe's DAP tests of what one snapshot
# shows. A thread named "counter" adds 1 to n in a loop and writes it into an object, a list, a
# dict and a global as it goes; it alternates a third of a second of busy work (it runs) with a
# third of a second of short sleeps (it is idle), so its state differs from pause to pause. The
# main thread waits in main() for "exit" on stdin, or for its end. Prints one JSON line (pid,
# version) once the counter runs. Runs unchanged on Python 2.7 and 3.6+.
import json
import sys
import threading
import time

INTERVAL = 0.01
ticks = 0


class Order(object):
    def __init__(self):
        self.qty = 0


def tick(n, order, items, table):
    global ticks
    ticks = n + 1
    order.qty = n + 1
    items[0] = n + 1
    table["n"] = n + 1
    return n + 1


def count(started):
    n = 0
    order = Order()
    items = [0, "second"]
    table = {"n": 0, "other": None}
    started.set()
    while True:
        busy_until = time.time() + 0.3
        while time.time() < busy_until:
            n = tick(n, order, items, table)
        for _ in range(30):
            n = tick(n, order, items, table)
            time.sleep(INTERVAL)  # LINE_IDLE


def main():
    started = threading.Event()
    counter = threading.Thread(target=count, args=(started,), name="counter")
    counter.daemon = True
    counter.start()
    started.wait(30)
    sys.stdout.write(json.dumps({"pid": __import__("os").getpid(),
                                 "version": "%d.%d.%d" % sys.version_info[:3]}) + "\n")
    sys.stdout.flush()
    while True:
        line = sys.stdin.readline()  # LINE_MAIN
        if not line or line.strip() == "exit":
            break


if __name__ == "__main__":
    main()
