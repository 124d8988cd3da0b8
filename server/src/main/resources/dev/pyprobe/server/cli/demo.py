# -*- coding: utf-8 -*-
# The demo target of `pyprobe` (no arguments): a small program with named threads blocked in
# known places and locals of several types, for pyprobe to read while it runs.
import sys
import threading
import time


class Order(object):
    def __init__(self, number, items):
        self.number = number
        self.items = items


def wait_for_orders(queue_name, stop):
    pending = [Order(1, ["tea", "scones"]), Order(2, ["coffee"])]
    limits = {"max": 10, "timeout": 2.5}
    while not stop.wait(0.5):
        pass


def fib(n, stop):
    if n <= 1:
        stop.wait()
        return n
    return fib(n - 1, stop)


def main():
    stop = threading.Event()
    workers = [
        threading.Thread(target=wait_for_orders, args=("kitchen", stop), name="order-listener"),
        threading.Thread(target=fib, args=(12, stop), name="recursive-worker"),
    ]
    for w in workers:
        w.daemon = True
        w.start()
    sys.stdout.write("DEMO-READY\n")
    sys.stdout.flush()
    # Runs until pyprobe closes our stdin (or for a minute at most).
    sys.stdin.read()
    stop.set()


if __name__ == "__main__":
    main()
