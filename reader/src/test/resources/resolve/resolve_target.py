# Target for CodeResolver tests: functions of every kind, each reporting its own code address.
import dis
import json
import sys


def top_level(x):
    return x + 1


class Shop(object):
    def total(self, prices):
        subtotal = sum(prices)
        return subtotal

    @staticmethod
    def helper():
        return 2

    @classmethod
    def build(cls):
        return cls()

    class Inner(object):
        def deep(self):
            return 3


def outer():
    def inner_fn():
        return 4
    return inner_fn


def main():
    total_code = Shop.total.__code__ if sys.version_info[0] > 2 else Shop.total.__func__.__code__
    report = {
        "top_level": id(top_level.__code__),
        "Shop.total": id(Shop.total.__code__ if sys.version_info[0] > 2 else Shop.total.__func__.__code__),
        "Shop.helper": id(Shop.helper.__code__),
        "Shop.build": id(Shop.build.__func__.__code__),
        "Shop.Inner.deep": id(Shop.Inner.deep.__code__ if sys.version_info[0] > 2 else Shop.Inner.deep.__func__.__code__),
        "outer.<locals>.inner_fn": id(outer().__code__),
        "total_first_line": total_code.co_firstlineno,
        # Where the first instruction of the body's first line is, as the interpreter's dis sees it.
        "total_body_offset": min(o for o, l in dis.findlinestarts(total_code) if l == total_code.co_firstlineno + 1),
    }
    sys.stdout.write("READY " + json.dumps(report) + "\n")
    sys.stdout.flush()
    sys.stdin.read()


main()
