# A target whose one busy thread spends 3/4 of its CPU in three_quarters() and 1/4 in
# one_quarter(). Both run the same loop over the same count, and the split comes only from how
# often each is called (three to one): whatever a version makes of the loop (specialized
# instructions, a list for range on 2.7), and the cost of a call itself, it makes the same of
# both. A call takes microseconds (well under a millisecond on debug builds too), so a sampler
# ticking every millisecond does not keep landing on the same point of the round.
from __future__ import print_function
import sys

N = 300


def three_quarters(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def one_quarter(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def run():
    while True:
        three_quarters(N)
        three_quarters(N)
        three_quarters(N)
        one_quarter(N)


if __name__ == "__main__":
    print("ready")
    sys.stdout.flush()
    run()
