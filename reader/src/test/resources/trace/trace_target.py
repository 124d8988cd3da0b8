# Target for tracer tests: calls functions a number of times on command, and says how many.
import sys
import threading


class Basket(object):
    def add(self, item):
        self.last = item
        return item


def work(i):
    doubled = i * 2
    return doubled


def other(i):
    return i


def target_fn():
    pass


def busy():
    return 1


def twin():
    pass


def counted():
    # Bytecode unlike every other function's here (3.10 shares identical bytecode between functions).
    x = 2
    return x


def counting(n):
    for i in range(n):
        yield i


def make_closure(k):
    def inner(i):
        return i + k
    return inner


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


def main():
    basket = Basket()
    inner = make_closure(1)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in iter(sys.stdin.readline, ''):
        words = line.split()
        n = int(words[1])
        if words[0] == "call":
            for i in range(n):
                work(i)
                other(i)
                basket.add(i)
        elif words[0] == "gen":
            for i in range(n):
                for _ in counting(3):
                    pass
        elif words[0] == "closure":
            for i in range(n):
                inner(i)
        elif words[0] == "loop":
            tight_loop(n)
        elif words[0] == "twins":
            for i in range(n):
                target_fn()
                twin()
        sys.stdout.write("done %d\n" % n)
        sys.stdout.flush()


main()
