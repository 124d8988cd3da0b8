# A target whose one thread does nothing but fast recursion: it goes DEPTH calls deep, unwinds,
# and starts again, so its stack changes every few hundred nanoseconds and a reader that walks it
# often sees it change under the walk.
from __future__ import print_function
import sys

DEPTH = 30


def recurse(x):
    if x == 0:
        return
    recurse(x - 1)


if __name__ == "__main__":
    print("ready")
    sys.stdout.flush()
    while True:
        recurse(DEPTH)
