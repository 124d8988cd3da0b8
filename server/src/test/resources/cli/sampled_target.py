# A target for the sampler: one thread spends its time in hot() called from outer(), another
# thread sleeps (idle) in napper(), the main thread waits on stdin (idle).
from __future__ import print_function
import sys
import threading
import time


def hot(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def outer():
    while True:
        hot(2000)


def napper():
    while True:
        time.sleep(3600)


for name, target in (("busy", outer), ("napper", napper)):
    t = threading.Thread(target=target, name=name)
    t.daemon = True
    t.start()
print("ready")
sys.stdout.flush()
sys.stdin.read()
