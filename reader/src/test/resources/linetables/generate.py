"""Writes the known line tables of the running interpreter, for LineTableKnownTablesTest.

Run it with every interpreter to cover (python 2.7 and 3.6 or newer):

    for py in /root/.pyenv/versions/*/bin/python /usr/bin/python3.11; do
        "$py" reader/src/test/resources/linetables/generate.py
    done

Each run writes cpython-<version>.json next to this script. It compiles a fixed set of
sources, walks every code object (recursively through co_consts) and records:
  - firstLine, the table (hex of co_lnotab up to 3.9, co_linetable from 3.10),
  - codeSize (bytes of co_code),
  - lines: the line the interpreter's own PyCode_Addr2Line gives for every byte offset
    from 0 to codeSize + TAIL - 1, run-length encoded as [count, line] with -1 for "no line",
  - beforeStart: PyCode_Addr2Line(code, -1), the line of a frame that has not started,
  - ranges (3.10+): co_lines() as [start, end, line] with -1 for None.
One more code object ("crafted") carries a hand-made table of the running version's format
with what compilers rarely emit (3.6/3.7 never emit negative line increments, 2.7 zero-address
pairs with big increments, 3.10 -128 on empty entries, every 3.11+ entry kind); the interpreter
still computes its lines. The expected values always come from the interpreter, never from
decoding a table here.
Note: co_lines() of 3.12+ merges adjacent ranges of one line; 3.10 and 3.11 do not.
PyCode_Addr2Line is what frame.f_lineno uses when no tracer is installed; the script checks
that on live frames, and checks co_lines() and (3.11+) co_positions() against it per offset,
so a disagreement between the interpreter's views stops the run.
"""
from __future__ import print_function

import binascii
import ctypes
import json
import os
import sys

TAIL = 8  # offsets past the end of the bytecode, to pin down what lies beyond the table
VERSION = sys.version_info[:2]
HERE = os.path.dirname(os.path.abspath(__file__))

_addr2line = ctypes.pythonapi.PyCode_Addr2Line
_addr2line.argtypes = [ctypes.py_object, ctypes.c_int]
_addr2line.restype = ctypes.c_int


def addr2line(code, offset):
    return _addr2line(ctypes.py_object(code), offset)


def blank(n):
    return "\n" * n


def two_thousand_line_function():
    body = ["def two_thousand(x, y):"]
    for i in range(2000):
        kind = i % 7
        if kind == 0:
            body.append("    x = x + %d" % i)
        elif kind == 1:
            body.append("    if x > %d:" % (i * 3))
        elif kind == 2:
            body.append("        y = y - x")
        elif kind == 3:
            body.append("    # comment %d" % i)
        elif kind == 4:
            body.append("")
        elif kind == 5:
            body.append("    y = (x *")
        else:
            body.append("         %d)" % i)
    body.append("    return x, y")
    return "\n".join(body) + "\n"


def wide_line_function():
    names = ", ".join(["a"] * 300)
    return "def wide(a):\n    v = [%s]\n    return v\n" % names


SOURCES = [
    ("loops", (2, 7), """
def loops(n):
    total = 0
    for i in range(n):
        if i % 2:
            continue
        total += i
    else:
        total -= 1
    while n > 0:
        n -= 1
        if n == 3:
            break
    else:
        total += 100
    after = total * 2
    for a in range(3):
        for b in range(3):
            if a == b:
                break
            total += a * b
    return after + total
"""),
    ("big_jumps", (2, 7), "def big_jumps(x):\n    x += 1\n" + blank(130) + "    x += 2\n" + blank(300)
     + "    x += 3\n" + blank(1000) + "    while x < 10:\n        x += 4\n" + blank(200)
     + "        x += 5\n" + blank(140) + "    return x\n"),
    ("comprehensions", (2, 7), """
def comprehensions(items):
    squares = [i * i for i in items if i > 2]
    evens = set(i for i in items if i % 2 == 0)
    table = dict((k, [v for v in items if v < k]) for k in items)
    nested = [[i + j for j in items] for i in items]
    gen = (x
           for x in items
           if x)
    return squares, evens, table, nested, list(gen)
"""),
    ("comprehensions3", (3, 6), """
def comprehensions3(items):
    s = {i for i in items}
    d = {i: [j for j in range(i)] for i in items}
    return s, d
"""),
    ("nested", (2, 7), """
def outer(a):
    b = a + 1
    def middle(c):
        d = c + b
        def inner(e):
            return e + d + b
        return inner
    square = lambda q: q * q
    class Local(object):
        attr = 1
        def method(self, z):
            return z + self.attr + a
        @staticmethod
        def static(w):
            return w
    return middle(a)(b), square(a), Local().method(3)
"""),
    ("exceptions", (2, 7), """
def exceptions(path):
    result = None
    try:
        f = open(path)
        try:
            result = f.read()
        finally:
            f.close()
    except IOError as e:
        result = str(e)
    except (ValueError, TypeError):
        raise
    else:
        result = result.upper()
    finally:
        path = None
    try:
        return len(result)
    finally:
        result = None

def with_blocks(a, b):
    with open(a) as fa:
        with open(b) as fb:
            return fa.read() + fb.read()

def return_in_loop_finally(items):
    for i in items:
        try:
            if i:
                return i
        finally:
            items = None
    return -1
"""),
    ("decorators", (2, 7), """
def deco(f):
    return f

def deco_args(*a):
    def wrap(f):
        return f
    return wrap

@deco
@deco_args(1,
           2,
           3)
def decorated(x):
    return x + 1

@deco
class DecoratedClass(object):
    @property
    def value(self):
        return 1

    @value.setter
    def value(self, v):
        pass
"""),
    ("multiline", (2, 7), """
def multiline(a, b, c):
    total = (a +
             b +
             c)
    call = max(a,
               b,
               c)
    text = '''one
two
three'''
    chained = str(a).replace(
        '1', '2'
    ).strip(
    )
    d = {
        'a': a,
        'b': b,
        'c': [a,
              b],
    }
    x = a if b else \\
        c
    return (total, call, text,
            chained, d,
            x)
"""),
    ("backwards_call", (2, 7), """
def backwards_call(f, a, b):
    f(
        a,
        b,
    )
    return f(a
             ,
             b)[
        0]
"""),
    ("generators", (2, 7), """
def gen(n):
    for i in range(n):
        yield i
    x = yield
    yield x

def gen_pass():
    if False:
        yield
"""),
    ("generators3", (3, 6), """
def delegating(n):
    yield from gen3(n)
    return n

def gen3(n):
    yield n
"""),
    ("async", (3, 6), """
import asyncio

async def coro(x):
    await asyncio.sleep(0)
    async with x as y:
        pass
    async for z in y:
        if z:
            break
    return [w async for w in y]

async def agen(n):
    for i in range(n):
        yield i
        await asyncio.sleep(0)
"""),
    ("fstrings", (3, 6), """
def fstrings(a, b):
    s = f'{a} and {b!r:>10}'
    t = f'''{a
           } multi
    {b}'''
    return s, t
"""),
    ("walrus", (3, 8), """
def walrus(items):
    if (n := len(items)) > 3:
        return n
    return [y for x in items if (y := x * 2)]

def posonly(a, /, b, *, c):
    return a, b, c
"""),
    ("match", (3, 10), """
def matcher(cmd):
    match cmd:
        case [x, y]:
            return x + y
        case {"k": v}:
            return v
        case str() | bytes():
            return 0
        case _:
            return None
"""),
    ("except_star", (3, 11), """
def groups():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        pass
    except* TypeError as e:
        caught = e
    return caught
"""),
    ("type_params", (3, 12), """
def first[T](items: list[T]) -> T:
    return items[0]

class Box[T]:
    def get(self) -> T:
        return self.item

type Alias = list[int]
"""),
    ("trivial", (2, 7), """
def empty():
    pass

def docstring_only():
    '''doc'''

def one_line(): return 1
"""),
    ("late_start", (2, 7), blank(4990) + """
def late(x):
    return x
"""),
    ("class_body", (2, 7), """
class Body(object):
    a = 1
    b = [a for _ in range(2)]

    def m(self):
        return self.a

    if a:
        c = 2
    else:
        c = 3
"""),
    ("wide", (2, 7), wide_line_function()),
    ("two_thousand", (2, 7), two_thousand_line_function()),
]

# Real modules of the running interpreter's own library, for variety.
STDLIB_MODULES = ["textwrap", "argparse"]


def varint(value):
    out = bytearray()
    while value >= 64:
        out.append(64 | (value & 63))
        value >>= 6
    out.append(value)
    return out


def svarint(value):
    return varint(((-value) << 1) | 1 if value < 0 else value << 1)


def crafted_tables():
    """(firstLine, table) with what compilers rarely emit, for the running version's format."""
    if VERSION < (3, 0):
        # unsigned increments of 128-255, several zero-address pairs, a 255-byte address step
        return 40, bytearray([0, 5, 3, 200, 0, 255, 0, 10, 6, 1, 255, 0, 10, 130])
    if VERSION < (3, 10):
        # signed increments: -2, -100, +120, -128 (a plain decrement here, not a marker), -64
        return 500, bytearray([2, 3, 4, 0xFE, 0, 0x9C, 6, 120, 2, 0x80, 0, 0x7F, 8, 0xC0, 255, 0, 3, 1])
    if VERSION < (3, 11):
        # -128 (no line) at the start, between lines and on an empty entry; empty entries that
        # move the line; a table that ends before the bytecode does
        return 300, bytearray([2, 0x80, 4, 3, 0, 5, 0, 0x80, 2, 0x80, 6, 0xF9, 0, 100, 4, 0x9C, 6, 1])
    table = bytearray([0xF8])                                   # no location, 1 unit
    table += bytearray([0xF1]) + svarint(-990) + varint(0) + varint(1) + varint(1)  # long form
    table += bytearray([0xEA]) + svarint(2000)                  # no columns, 3 units
    table += bytearray([0x87, 0x11])                            # short form 0, 8 units
    table += bytearray([0xD8, 0x01, 0x02])                      # one-line form +1
    table += bytearray([0xE3, 0x00, 0x05])                      # one-line form +2, 4 units
    table += bytearray([0xD0, 0x01, 0x01])                      # one-line form +0
    table += bytearray([0xFF])                                  # no location, 8 units
    table += bytearray([0xE8]) + svarint(-13)                   # no columns, back 13 lines
    return 1000, table


def with_table(code, first_line, table):
    table = bytes(table)
    if VERSION >= (3, 10):
        return code.replace(co_firstlineno=first_line, co_linetable=table)
    if VERSION >= (3, 8):
        return code.replace(co_firstlineno=first_line, co_lnotab=table)
    args = [code.co_argcount]
    if VERSION >= (3, 0):
        args.append(code.co_kwonlyargcount)
    args += [code.co_nlocals, code.co_stacksize, code.co_flags, code.co_code, code.co_consts,
             code.co_names, code.co_varnames, code.co_filename, code.co_name, first_line, table,
             code.co_freevars, code.co_cellvars]
    return type(code)(*args)


def table_of(code):
    raw = code.co_linetable if VERSION >= (3, 10) else code.co_lnotab
    return binascii.hexlify(raw).decode("ascii")


def run_length(values):
    runs = []
    for value in values:
        if runs and runs[-1][1] == value:
            runs[-1][0] += 1
        else:
            runs.append([1, value])
    return runs


def code_objects(code):
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            for inner in code_objects(const):
                yield inner


def check_against_co_lines(code, lines):
    expected_start = 0
    for start, end, line in code.co_lines():
        if start != expected_start:
            raise AssertionError("%s: co_lines gap at %d" % (code.co_name, start))
        for offset in range(start, end):
            want = -1 if line is None else line
            if lines[offset] != want:
                raise AssertionError("%s: co_lines says %s at %d, PyCode_Addr2Line says %d"
                                     % (code.co_name, line, offset, lines[offset]))
        expected_start = end


def check_against_co_positions(code, lines):
    for unit, position in enumerate(code.co_positions()):
        want = -1 if position[0] is None else position[0]
        if lines[unit * 2] != want:
            raise AssertionError("%s: co_positions says %s at unit %d, PyCode_Addr2Line says %d"
                                 % (code.co_name, position[0], unit, lines[unit * 2]))


def describe(label, code):
    size = len(code.co_code)
    lines = [addr2line(code, offset) for offset in range(size + TAIL)]
    entry = {
        "source": label,
        "name": code.co_name,
        "firstLine": code.co_firstlineno,
        "table": table_of(code),
        "codeSize": size,
        "beforeStart": addr2line(code, -1),
        "lines": run_length(lines),
    }
    if VERSION >= (3, 10):
        check_against_co_lines(code, lines)
        entry["ranges"] = [[s, e, -1 if l is None else l] for s, e, l in code.co_lines()]
    if VERSION >= (3, 11):
        check_against_co_positions(code, lines)
    return entry


def check_live_frames():
    """frame.f_lineno must equal PyCode_Addr2Line at frame.f_lasti (a byte offset in Python)."""
    seen = []

    def probe():
        caller = sys._getframe(1)
        seen.append((caller.f_code, caller.f_lasti, caller.f_lineno))

    def sample(n):
        probe()
        for i in range(n):
            probe()
        probe()
        return [probe() for _ in range(1)]

    sample(2)
    for code, lasti, lineno in seen:
        if addr2line(code, lasti) != lineno:
            raise AssertionError("f_lineno %d but PyCode_Addr2Line(f_lasti=%d) is %d"
                                 % (lineno, lasti, addr2line(code, lasti)))
    return len(seen)


def stdlib_source(name):
    module = __import__(name)
    path = module.__file__
    if path.endswith((".pyc", ".pyo")):
        path = path[:-1]
    with open(path) as f:
        return path, f.read()


def main():
    entries = []
    for label, since, text in SOURCES:
        if VERSION < since:
            continue
        top = compile(text, label + ".py", "exec", 0, True)
        for code in code_objects(top):
            entries.append(describe(label, code))
    template = compile(two_thousand_line_function(), "crafted.py", "exec", 0, True).co_consts[0]
    first_line, table = crafted_tables()
    entries.append(describe("crafted", with_table(template, first_line, table)))
    for name in STDLIB_MODULES:
        path, text = stdlib_source(name)
        top = compile(text, os.path.basename(path), "exec", 0, True)
        for code in code_objects(top):
            entries.append(describe("stdlib:" + name, code))
    live = check_live_frames()
    version = "%d.%d.%d" % sys.version_info[:3]
    out = os.path.join(HERE, "cpython-%s.json" % version)
    with open(out, "w") as f:
        json.dump({"version": version, "codeObjects": entries}, f, separators=(",", ":"))
        f.write("\n")
    print("%s: %d code objects, %d live frames checked -> %s" % (version, len(entries), live, out))


if __name__ == "__main__":
    main()
