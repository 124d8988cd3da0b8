# Target for tracer tests: calls functions a number of times on command, and says how many.
import sys


class Basket(object):
    def add(self, item):
        self.last = item
        return item


def work(i):
    doubled = i * 2
    return doubled


def other(i):
    return i


def main():
    basket = Basket()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in iter(sys.stdin.readline, ''):
        words = line.split()
        if words[0] == "call":
            n = int(words[1])
            for i in range(n):
                work(i)
                other(i)
                basket.add(i)
            sys.stdout.write("done %d\n" % n)
            sys.stdout.flush()


main()
