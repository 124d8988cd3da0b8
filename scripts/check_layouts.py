#!/usr/bin/env python3
"""Checks (or regenerates) the entries of layouts.json against each CPython version's own headers.

For every selected CPython install it generates a C program that #includes the version's headers
(public and internal, with -DPy_BUILD_CORE) and prints offsetof()/sizeof()/macro values for every
layouts.json field that is a C offset, compiles it with gcc, runs it and compares the numbers with
the table. The field -> C expression mapping is data: tests/layouts/field-map.json. For versions
whose table entry has a 'debugOffsets' map (3.13+), it also starts the interpreter, reads the
_Py_DebugOffsets struct at the start of _PyRuntime from /proc/PID/mem and checks that the
positions the table gives decode to the table's values.

The Debian sid root (scripts/install-sid-root) holds python3.13-3.15 release and debug builds but
no complete headers: those builds are checked against their DWARF with gdb (the release builds'
is in the root's /usr/lib/debug), and their _Py_DebugOffsets are read from the executable file.

Standard library only. Run through scripts/check-layouts; see scripts/README.md.
"""

import argparse
import copy
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_LAYOUTS = os.path.join(REPO, "reader/src/main/resources/dev/pyprobe/reader/python/layouts.json")
DEFAULT_MAP = os.path.join(REPO, "tests/layouts/field-map.json")

ABSENT = -1  # layouts.json's "this version has no such field"


class Usage(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Versions and ranges

def series_key(series):
    return tuple(int(p) for p in series.split("."))


def in_range(series, spec):
    """True when series ('3.12') is in a range key: '*', '3.12', '3.6-3.10', '3.11+'."""
    if spec == "*":
        return True
    v = series_key(series)
    if spec.endswith("+"):
        return v >= series_key(spec[:-1])
    if "-" in spec:
        lo, hi = spec.split("-", 1)
        return series_key(lo) <= v <= series_key(hi)
    return v == series_key(spec)


def pick(ranges, series, what):
    """The value of the one range of `ranges` that contains `series`; KeyError when none."""
    hits = [k for k in ranges if not k.startswith("_") and in_range(series, k)]
    if len(hits) > 1:
        raise Usage("field-map: %s: ranges %s overlap for %s" % (what, hits, series))
    if not hits:
        raise KeyError(series)
    return ranges[hits[0]]


class Install(object):
    """One CPython installation: its include directory, library and executable."""

    def __init__(self, label, prefix, include):
        self.label = label
        self.prefix = prefix
        self.include = include
        m = re.match(r"python(\d+)\.(\d+)", os.path.basename(include))
        self.series = "%s.%s" % (m.group(1), m.group(2))
        self.abiflags = os.path.basename(include)[len("python" + self.series):]

    def executable(self):
        for name in ("python" + self.series + self.abiflags, "python" + self.series):
            path = os.path.join(self.prefix, "bin", name)
            if os.access(path, os.X_OK):
                return path
        return None

    def library(self):
        """The shared libpython, else the executable (a static build carries the symbols)."""
        pattern = "libpython" + self.series + self.abiflags + ".so*"
        for d in ("lib", "lib64", "lib/x86_64-linux-gnu"):
            found = sorted(glob.glob(os.path.join(self.prefix, d, pattern)), key=len, reverse=True)
            if found:
                return found[0]
        return self.executable()

    # Where the layout values come from, and where _Py_DebugOffsets is read (a started interpreter).
    values_from = "headers"
    debug_offsets_source = "live"

    def where(self):
        return self.include

    def evaluate(self, headers, exprs, workdir):
        """({key: value}, {key: error}, {key: why not checkable}, fatal error or None) of the expressions."""
        values, failed, fatal = evaluate_c(self, headers, exprs, workdir)
        return values, failed, {}, fatal

    def gdb_command(self):
        """gdb's command line and the file whose DWARF it reads (libpython, else the executable)."""
        lib = self.library()
        if lib is None:
            raise NoDwarf("no libpython or executable under " + self.prefix)
        return ["gdb", "-nx", "-batch"], lib

    def debug_offsets(self, symbol, size, cookie):
        return read_live_debug_offsets(self, symbol, size, cookie)


SID_ROOT = os.environ.get("PYPROBE_SID_ROOT") or "/var/cache/pyprobe/sid-root"
SID_SERIES = ("3.13", "3.14", "3.15")


class SidBuild(object):
    """A Debian build in the sid root (scripts/install-sid-root): the static executable python3.X,
    stripped, whose DWARF is in the root's /usr/lib/debug/.build-id, or the debug build python3.Xd,
    which carries its own. The root has no complete headers (no -dev packages), so gdb evaluates
    every field from DWARF; a macro, which DWARF does not hold, cannot be checked. _Py_DebugOffsets
    is initialized static data, so it is read from the executable's file: no process is started."""

    values_from = "dwarf"
    debug_offsets_source = "file"
    # PY_VERSION_HEX is a macro; the binary holds the same number in Py_Version (3.11+).
    GDB_EQUIVALENTS = {"PY_VERSION_HEX": "Py_Version"}

    def __init__(self, root, series, debug):
        self.root = root
        self.series = series
        self.name = "python" + series + ("d" if debug else "")
        self.label = "sid " + self.name
        self.executable = os.path.join(root, "usr/bin", self.name)

    def where(self):
        return self.executable

    def evaluate(self, headers, exprs, workdir):
        results = gdb_print(self, dict((k, c_to_gdb(self.GDB_EQUIVALENTS.get(e, e))) for k, e in exprs))
        if not any(v is not None for v, _ in results.values()):
            return {}, {}, {}, "gdb read no value from %s's DWARF: %s" % (
                self.executable, next(iter(results.values()))[1] if results else "no expressions")
        values, failed, unavailable = {}, {}, {}
        for key, expr in exprs:
            value, message = results[key]
            if value is not None:
                values[key] = value
            elif re.match(r"^[A-Z_][A-Z0-9_]*$", expr) and "No symbol" in message:
                unavailable[key] = "%s is a macro: DWARF does not hold it, and the sid root has no headers" % expr
            else:
                failed[key] = message
        return values, failed, unavailable, None

    def gdb_command(self):
        return (["gdb", "-nx", "-batch", "-iex", "set debug-file-directory " + os.path.join(self.root, "usr/lib/debug")],
                self.executable)

    def debug_offsets(self, symbol, size, cookie):
        raw = elf_static_bytes(self.executable, symbol, size)
        if raw[:len(cookie)] != cookie.encode():
            raise RuntimeError("no %r cookie at %s in %s" % (cookie, symbol, self.executable))
        return raw, "%s in %s (static data)" % (symbol, self.executable)


def sid_builds(root):
    """The sid root's builds of the series the table covers, release and debug, that are installed."""
    out = []
    for series in SID_SERIES:
        for debug in (False, True):
            build = SidBuild(root, series, debug)
            if os.access(build.executable, os.X_OK):
                out.append(build)
    return out


def pyenv_root():
    if os.environ.get("PYENV_ROOT"):
        return os.environ["PYENV_ROOT"]
    try:
        out = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=True).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return os.path.expanduser("~/.pyenv")


def install_at(prefix, label):
    incs = sorted(glob.glob(os.path.join(prefix, "include", "python[0-9]*.[0-9]*")))
    incs = [i for i in incs if os.path.exists(os.path.join(i, "Python.h"))]
    if not incs:
        return None
    return Install(label, prefix, incs[0])


def pyenv_installs():
    root = os.path.join(pyenv_root(), "versions")
    out = []
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        inst = install_at(os.path.join(root, name), "pyenv " + name)
        if inst is not None:
            out.append(inst)
    return sorted(out, key=lambda i: series_key(i.series))


def default_sid_builds():
    """Every run checks the sid root's builds too; with CI=true a missing root is an error, as a
    missing interpreter is to the test suites. Returns (builds, note for the report or None)."""
    builds = sid_builds(SID_ROOT)
    if builds:
        return builds, None
    why = "no sid root with python%s at %s (scripts/install-sid-root)" % ("/".join(SID_SERIES), SID_ROOT)
    if os.environ.get("CI") == "true":
        raise Usage(why)
    return [], "check-layouts: %s: its builds are not checked" % why


def select_sid(arg):
    """'sid' (every build of the root), 'sid:3.15' (its release and debug builds) or 'sid:python3.15d'."""
    builds = sid_builds(SID_ROOT)
    if not builds:
        raise Usage("%s: no sid root at %s (scripts/install-sid-root)" % (arg, SID_ROOT))
    want = arg[len("sid:"):] if arg.startswith("sid:") else None
    hits = [b for b in builds if want in (None, b.series, b.name)]
    if not hits:
        raise Usage("%s: not a build of the sid root (have: %s)" % (arg, ", ".join(b.name for b in builds)))
    return hits


def select_installs(args):
    """(installs to check, notes for the report)."""
    available = pyenv_installs()
    if not args:
        if not available:
            raise Usage("no CPython under %s/versions; name an install prefix" % pyenv_root())
        sid, note = default_sid_builds()
        return available + sid, [note] if note else []
    chosen = []
    for a in args:
        if a == "sid" or a.startswith("sid:"):
            chosen.extend(select_sid(a))
            continue
        if "/" in a:
            inst = install_at(os.path.abspath(a), a)
            if inst is None:
                raise Usage("%s: no include/pythonX.Y/Python.h under it" % a)
            chosen.append(inst)
            continue
        hits = [i for i in available if i.label == "pyenv " + a]
        if not hits:
            hits = [i for i in available if i.series == a]
        if not hits:
            raise Usage("%s: not an installed pyenv version (have: %s)"
                        % (a, ", ".join(i.label[len("pyenv "):] for i in available)))
        chosen.extend(hits)
    return chosen, []


# ---------------------------------------------------------------------------------------------
# The table and the map

def flatten(obj, prefix=""):
    """Leaf paths of a layouts.json entry: {'frame.code': 32, 'thread.currentFrame': [56, 8], ...}."""
    out = {}
    for k, v in obj.items():
        path = prefix + k
        if isinstance(v, dict):
            out.update(flatten(v, path + "."))
        else:
            out[path] = v
    return out


def not_checked_reason(fmap, path):
    nc = fmap.get("notChecked", {})
    if path in nc:
        return nc[path]
    for k, reason in nc.items():
        if k.endswith(".*") and path.startswith(k[:-1]):
            return reason
    return None


def is_optional(fmap, path):
    return any(path.startswith(p[:-1]) if p.endswith(".*") else path == p for p in fmap.get("optional", []))


def field_specs(fmap, series):
    """path -> spec for this series: str, list of str, None (absent), {'dwarf': ..} or {'notChecked': ..}."""
    out = {}
    for path, ranges in fmap["fields"].items():
        try:
            out[path] = pick(ranges, series, path)
        except KeyError:
            pass
    return out


# ---------------------------------------------------------------------------------------------
# Evaluating C expressions against a version's headers

def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate_c(headers, exprs):
    """exprs: list of (key, expression). Returns (source, {line number: key})."""
    lines = [
        "/* generated by scripts/check_layouts.py */",
        "#include <stddef.h>",
        "#include <stdio.h>",
    ]
    for h in headers:
        lines.append("#include %s" % c_string(h))
    lines += ["", "int main(void) {", '    printf("{\\n");']
    where = {}
    for key, expr in exprs:
        lines.append('    printf("  %%s: %%lld,\\n", %s, (long long)(%s));'
                     % (c_string(c_string(key)), expr))
        where[len(lines)] = key
    lines += ['    printf("  \\"\\": 0\\n}\\n");', "    return 0;", "}", ""]
    return "\n".join(lines), where


def evaluate_c(inst, headers, exprs, workdir, cflags_extra=()):
    """Compiles and runs the program. Returns ({key: value}, {key: error text}, fatal error or None).

    Expressions gcc rejects are dropped (and reported) one round at a time, so one renamed member
    does not hide every other field of the version."""
    failed = {}
    remaining = list(exprs)
    for _ in range(8):
        source, where = generate_c(headers, remaining)
        src = os.path.join(workdir, "layout_%s.c" % inst.series)
        exe = os.path.join(workdir, "layout_%s" % inst.series)
        with open(src, "w") as f:
            f.write(source)
        cmd = ["gcc", "-w", "-I", inst.include, "-I", os.path.join(inst.include, "internal"),
               "-DPy_BUILD_CORE"] + list(cflags_extra) + [src, "-o", exe]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if p.returncode == 0:
            run = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True, check=True)
            values = json.loads(run.stdout)
            values.pop("", None)
            return values, failed, None
        bad = {}
        for m in re.finditer(r"^(?:.*/)?layout_[0-9.]+\.c:(\d+):\d+: error: (.*)$", p.stdout, re.M):
            key = where.get(int(m.group(1)))
            if key is not None:
                bad.setdefault(key, m.group(2))
        if not bad:
            # The error is in the headers themselves (or in an #include): nothing can be checked.
            return {}, failed, "gcc failed:\n  " + " ".join(cmd) + "\n" + "\n".join(
                "    " + l for l in p.stdout.splitlines()[:30])
        failed.update(bad)
        remaining = [(k, e) for k, e in remaining if k not in bad]
    return {}, failed, "gcc kept failing after dropping the expressions it rejected"


class NoDwarf(Exception):
    """gdb or the DWARF it needs is not there: the field cannot be checked (not an error in the table)."""


class NotCheckable(Exception):
    """This build cannot give the field's value (a macro where only DWARF is read): not an error in the table."""


def evaluate_dwarf(inst, exprs):
    """Evaluates expressions with gdb against libpython's DWARF; all must agree. Returns (value, error)."""
    if isinstance(exprs, str):
        exprs = [exprs]
    if shutil.which("gdb") is None:
        raise NoDwarf("gdb is not installed")
    cmd, lib = inst.gdb_command()
    for e in exprs:
        cmd += ["-ex", "print " + e]
    p = subprocess.run(cmd + [lib], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if "No symbol table is loaded" in p.stdout or "No debugging symbols found" in p.stdout:
        raise NoDwarf("no DWARF in " + lib)
    got = dict((int(n), int(v)) for n, v in re.findall(r"^\$(\d+) = (-?\d+)\s*$", p.stdout, re.M))
    if len(got) != len(exprs):
        return None, "gdb on %s: %s" % (lib, (p.stdout.strip().splitlines() or ["no output"])[-1])
    if len(set(got.values())) != 1:
        return None, "DWARF values disagree: " + ", ".join(
            "%s = %d" % (e, got[i + 1]) for i, e in enumerate(exprs))
    return got[1], None


def c_to_gdb(expr):
    """A C expression in gdb's terms: gdb knows types and enums from DWARF, but not offsetof or macros."""
    m = re.match(r"^offsetof\((.+), ([\w.]+)\)$", expr)
    if m:
        return "(long)&((%s *)0)->%s" % (m.group(1), m.group(2))
    return "(long)(%s)" % expr


def gdb_print(inst, exprs):
    """{key: gdb expression} -> {key: (value or None, gdb's answer)}, in one gdb run on the build's DWARF."""
    if shutil.which("gdb") is None:
        return dict((k, (None, "gdb is not installed")) for k in exprs)
    try:
        cmd, target = inst.gdb_command()
    except NoDwarf as e:
        return dict((k, (None, str(e))) for k in exprs)
    keys = sorted(exprs)
    for i, k in enumerate(keys):
        cmd += ["-ex", "echo @@%d\\n" % i, "-ex", "print " + exprs[k]]
    p = subprocess.run(cmd + [target], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    out = dict((k, (None, "gdb printed nothing")) for k in keys)
    for i, body in re.findall(r"^@@(\d+)\n(.*?)(?=^@@|\Z)", p.stdout, re.M | re.S):
        m = re.match(r"^\$\d+ = (-?\d+)\s*$", body.strip())
        out[keys[int(i)]] = (int(m.group(1)), None) if m else (None, body.strip() or "no output")
    return out


def evaluate_dwarf_batch(inst, exprs):
    """{key: C expression} -> {key: value} for those gdb can evaluate from libpython's DWARF (one gdb run)."""
    results = gdb_print(inst, dict((k, c_to_gdb(e)) for k, e in exprs.items()))
    return dict((k, v) for k, (v, _) in results.items() if v is not None)


# ---------------------------------------------------------------------------------------------
# ELF symbols and a live process (the _Py_DebugOffsets check)

def elf_symbol(path, name):
    """(st_value, lowest PT_LOAD vaddr) of a symbol in an ELF64 little-endian file's .symtab/.dynsym."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("%s: not a 64-bit little-endian ELF file" % path)
    e_phoff, e_shoff = struct.unpack_from("<QQ", data, 0x20)
    e_phentsize, e_phnum, e_shentsize, e_shnum = struct.unpack_from("<HHHH", data, 0x36)
    load_vaddr = None
    for i in range(e_phnum):
        p_type, _, p_offset, p_vaddr = struct.unpack_from("<IIQQ", data, e_phoff + i * e_phentsize)
        if p_type == 1 and (load_vaddr is None or p_vaddr < load_vaddr):  # PT_LOAD
            load_vaddr = p_vaddr
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
    want = name.encode()
    for sh in sections:
        sh_type, sh_offset, sh_size, sh_link, sh_entsize = sh[1], sh[4], sh[5], sh[6], sh[9]
        if sh_type not in (2, 11):  # SHT_SYMTAB, SHT_DYNSYM
            continue
        strtab = sections[sh_link][4]
        for off in range(sh_offset, sh_offset + sh_size, sh_entsize or 24):
            st_name, st_info, _, st_shndx, st_value, _ = struct.unpack_from("<IBBHQQ", data, off)
            if st_shndx == 0 or st_value == 0:
                continue
            end = data.index(b"\0", strtab + st_name)
            if data[strtab + st_name:end] == want:
                return st_value, load_vaddr or 0
    raise KeyError("%s: no symbol %s" % (path, name))


def elf_static_bytes(path, name, size):
    """`size` bytes of a symbol's initialized data, read from the ELF file (the PT_LOAD that maps it)."""
    value, _ = elf_symbol(path, name)
    with open(path, "rb") as f:
        data = f.read()
    e_phoff = struct.unpack_from("<Q", data, 0x20)[0]
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(e_phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<IIQQQQ", data, e_phoff + i * e_phentsize)
        if p_type == 1 and p_vaddr <= value and value + size <= p_vaddr + p_filesz:  # PT_LOAD
            start = p_offset + value - p_vaddr
            return data[start:start + size]
    raise KeyError("%s: %s is not in initialized data" % (path, name))


def load_bias(pid, path):
    """Load bias of `path` in the process, from /proc/PID/maps (its mapping at file offset 0)."""
    real = os.path.realpath(path)
    with open("/proc/%d/maps" % pid) as f:
        for line in f:
            parts = line.split(None, 5)
            if len(parts) == 6 and int(parts[2], 16) == 0:
                mapped = parts[5].strip()
                if mapped == real or os.path.realpath(mapped) == real:
                    return int(parts[0].split("-")[0], 16)
    return None


def read_live_debug_offsets(inst, symbol, size, cookie):
    """Starts the interpreter, reads `size` bytes at `symbol` from /proc/PID/mem. Returns (bytes, info)."""
    exe = inst.executable()
    if exe is None:
        raise RuntimeError("no executable under %s/bin" % inst.prefix)
    # The symbol is in the shared libpython, or in the executable of a static build.
    candidates = []
    for path in (inst.library(), exe):
        try:
            if path and path not in [c[0] for c in candidates]:
                candidates.append((path,) + elf_symbol(path, symbol))
        except KeyError:
            pass
    if not candidates:
        raise RuntimeError("no %s symbol in %s or %s" % (symbol, inst.library(), exe))
    env = dict(os.environ)
    for k in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(k, None)
    proc = subprocess.Popen([exe, "-c", "import time; time.sleep(30)"], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 10
        last_error = "%s is not mapped in pid %d" % (" or ".join(c[0] for c in candidates), proc.pid)
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("the interpreter exited: " + proc.stderr.read().decode(errors="replace"))
            try:
                for path, value, vaddr in candidates:
                    base = load_bias(proc.pid, path)
                    if base is None:
                        continue
                    address = base - (vaddr & ~0xfff) + value
                    with open("/proc/%d/mem" % proc.pid, "rb") as mem:
                        mem.seek(address)
                        raw = mem.read(size)
                    if raw[:len(cookie)] == cookie.encode():  # static data: valid once mapped
                        return raw, "pid %d, %s at 0x%x in %s" % (proc.pid, symbol, address, path)
                    last_error = "no %r cookie at %s (0x%x in %s)" % (cookie, symbol, address, path)
            except OSError as e:
                last_error = ("%s (reading /proc/%d/mem needs root or ptrace rights; --no-live skips this check)"
                              % (e, proc.pid))
            time.sleep(0.05)
        raise RuntimeError(last_error)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------------------------
# Checking one version

class Result(object):
    def __init__(self):
        self.lines = []
        self.mismatches = 0
        self.errors = 0
        self.ok = 0
        self.not_checked = 0
        self.new = 0
        self.corrections = {}  # path -> value for --write
        self.header_values = {}  # path -> value the headers (or DWARF) give

    def add(self, path, status, detail=""):
        if status == "OK":
            self.ok += 1
        elif status == "MISMATCH":
            self.mismatches += 1
        elif status == "ERROR":
            self.errors += 1
        elif status == "NEW":
            self.new += 1
        else:
            self.not_checked += 1
        self.lines.append("  %-38s %s%s" % (path, status, (" " + detail) if detail else ""))


def fmt(v):
    return json.dumps(v) if isinstance(v, list) else str(v)


def check_version(inst, table_entry, fmap, workdir, live, show_c, dwarf=False):
    res = Result()
    series = inst.series
    table = flatten(table_entry) if table_entry is not None else {}
    specs = field_specs(fmap, series)
    try:
        headers = pick(fmap["headers"], series, "headers")
    except KeyError:
        raise Usage("field-map: no 'headers' for %s: add a range that covers it" % series)

    # What to ask the compiler, gdb, or nobody.
    c_exprs = []
    for path, spec in sorted(specs.items()):
        if isinstance(spec, str):
            c_exprs.append((path, spec))
        elif isinstance(spec, list):
            c_exprs += [("%s#%d" % (path, i), e) for i, e in enumerate(spec)]
    debug_struct = None
    if "debugOffsetsStruct" in fmap:
        try:
            debug_struct = pick(fmap["debugOffsetsStruct"], series, "debugOffsetsStruct")
        except KeyError:
            pass
    if debug_struct:
        c_exprs += [("@debugOffsets.size", debug_struct["size"]),
                    ("@debugOffsets.version", debug_struct["version"])]
    c_exprs.append(("@PY_VERSION_HEX", "PY_VERSION_HEX"))

    values, failed, unavailable, fatal = inst.evaluate(headers, c_exprs, workdir)
    program = os.path.join(workdir, "layout_%s.c" % series)
    if show_c and os.path.exists(program):
        with open(program) as f:
            sys.stderr.write(f.read())
    if fatal:
        res.add("(all fields)", "ERROR", fatal)
        return res
    dwarf_values = {}
    if dwarf and inst.values_from == "headers":
        dwarf_values = evaluate_dwarf_batch(inst, dict(
            (k, e) for k, e in c_exprs if not k.startswith("@") and k not in failed))

    def dwarf_of(path, spec):
        """What libpython's DWARF says for a header-evaluated field (None: not available)."""
        if isinstance(spec, str):
            return dwarf_values.get(path)
        if isinstance(spec, list):
            got = [dwarf_values.get("%s#%d" % (path, i)) for i in range(len(spec))]
            return None if None in got else got
        return None

    source = inst.values_from
    rejected = "does not compile" if source == "headers" else "gdb rejects it"

    def header_value(path, spec):
        """(value, source, error) of a mapped field."""
        if spec is None:
            return ABSENT, source, None
        if isinstance(spec, str):
            if path in unavailable:
                raise NotCheckable(unavailable[path])
            if path in failed:
                return None, source, "%s: %s" % (rejected, failed[path])
            return values[path], source, None
        if isinstance(spec, list):
            out = []
            for i in range(len(spec)):
                k = "%s#%d" % (path, i)
                if k in unavailable:
                    raise NotCheckable(unavailable[k])
                if k in failed:
                    return None, source, "element %d %s: %s" % (i, rejected, failed[k])
                out.append(values[k])
            return out, source, None
        if "dwarf" in spec:
            v, err = evaluate_dwarf(inst, spec["dwarf"])
            return v, "dwarf", err
        return None, None, None  # notChecked

    types_reported = False
    for path in sorted(set(table) | set(specs)):
        in_table = path in table
        reason = not_checked_reason(fmap, path)
        if reason is not None and path not in specs:
            if path.startswith("types."):
                if not types_reported:
                    n = len([k for k in table if k.startswith("types.")])
                    res.add("types.*", "NOT CHECKED", "(%d entries: %s)" % (n, reason))
                    types_reported = True
                continue
            res.add(path, "NOT CHECKED", "(%s)" % reason)
            continue
        if path not in specs:
            res.add(path, "NOT CHECKED", "(no mapping for %s in field-map.json)" % series)
            continue
        spec = specs[path]
        if isinstance(spec, dict) and "notChecked" in spec:
            if in_table:
                res.add(path, "NOT CHECKED", "(%s)" % spec["notChecked"])
            continue
        try:
            value, source, err = header_value(path, spec)
        except NoDwarf as e:
            if in_table:
                res.add(path, "NOT CHECKED", "(its struct is in no header, and %s)" % e)
            continue
        except NotCheckable as e:
            if in_table:
                res.add(path, "NOT CHECKED", "(%s)" % e)
            continue
        if err:
            res.add(path, "ERROR", err)
            continue
        res.header_values[path] = value
        if table_entry is None:
            res.add(path, "NEW", "%s=%s" % (source, fmt(value)))
            continue
        if not in_table:
            if spec is None or is_optional(fmap, path):
                continue  # absent in this version and left out of the table, or an optional field
            res.add(path, "MISMATCH", "table=(missing) %s=%s" % (source, fmt(value)))
            res.corrections[path] = value
            continue
        have = table[path]
        from_dwarf = dwarf_of(path, spec)
        if grown_in_bugfix_release(fmap, path, have, value):
            res.add(path, "OK", "%s (table %s: %s)" % (fmt(value), fmt(have), GROWN))
        elif from_dwarf is not None and from_dwarf != value:
            res.add(path, "MISMATCH", "table=%s headers=%s dwarf=%s" % (fmt(have), fmt(value), fmt(from_dwarf)))
            if have != value:
                res.corrections[path] = value
        elif have == value:
            note = " (absent)" if spec is None else "" if source == "headers" else " (%s)" % source
            res.add(path, "OK", fmt(value) + note + (" (+dwarf)" if from_dwarf is not None else ""))
        else:
            res.add(path, "MISMATCH", "table=%s %s=%s" % (fmt(have), source, fmt(value)))
            res.corrections[path] = value

    reads_file = inst.debug_offsets_source == "file"
    if debug_struct and (live or reads_file) and "debugOffsets" in (table_entry or {}):
        check_debug_offsets(inst, table_entry, debug_struct, values, res, fmap)
    elif debug_struct and "debugOffsets" in (table_entry or {}):
        res.lines.append("  (live _Py_DebugOffsets check skipped: --no-live)")
    return res


GROWN = "bug-fix releases append members; the reader reads only members inside it"


def grown_in_bugfix_release(fmap, path, have, value):
    """A struct size the table keeps from an earlier bug-fix release of the series, which this build enlarged."""
    return path in fmap.get("growsInBugfixReleases", []) and isinstance(have, int) and value > have


def check_debug_offsets(inst, table_entry, debug_struct, values, res, fmap):
    """The target's own _Py_DebugOffsets (from a started interpreter, or the file) against the table."""
    source = inst.debug_offsets_source
    if "@debugOffsets.size" not in values or "@debugOffsets.version" not in values:
        res.add("(%s _Py_DebugOffsets)" % source, "ERROR", "the %s give no size/version of _Py_DebugOffsets"
                % inst.values_from)
        return
    size = values["@debugOffsets.size"]
    try:
        raw, where = inst.debug_offsets(debug_struct["symbol"], size, debug_struct["cookie"])
    except (RuntimeError, OSError, KeyError, ValueError) as e:
        res.add("(%s _Py_DebugOffsets)" % source, "ERROR", str(e))
        return
    version = struct.unpack_from("<Q", raw, values["@debugOffsets.version"])[0]
    res.lines.append("  %s _Py_DebugOffsets: %s, version 0x%08x (PY_VERSION_HEX from the %s: 0x%08x)"
                     % (source, where, version, inst.values_from, values["@PY_VERSION_HEX"]))
    if version != values["@PY_VERSION_HEX"]:
        res.add("debugOffsets (version)", "MISMATCH",
                "%s=0x%08x %s=0x%08x" % (source, version, inst.values_from, values["@PY_VERSION_HEX"]))
    table = flatten({k: v for k, v in table_entry.items() if k != "debugOffsets"})
    for field, position in sorted(table_entry["debugOffsets"].items()):
        label = source + " " + field
        if position < 0 or position + 8 > len(raw):
            res.add(label, "MISMATCH", "position %d is outside _Py_DebugOffsets (%d bytes)" % (position, len(raw)))
            continue
        published = struct.unpack_from("<q", raw, position)[0]
        have = table.get(field)
        if isinstance(have, list):
            have = have[-1]  # the debug offsets give a pointer path's last step
        if have == published:
            res.add(label, "OK", "%d (at position %d)" % (published, position))
        elif grown_in_bugfix_release(fmap, field, have, published):
            res.add(label, "OK", "%d (at position %d; table %s: %s)" % (published, position, have, GROWN))
        else:
            res.add(label, "MISMATCH", "table=%s %s=%d (at position %d)" % (have, source, published, position))


# ---------------------------------------------------------------------------------------------
# --write

def split_path(path):
    """('debugOffsets', 'frame.code') for the debug offset map, whose keys are dotted; else all parts."""
    if path.startswith("debugOffsets."):
        return ["debugOffsets", path[len("debugOffsets."):]]
    return path.split(".")


def set_path(entry, path, value):
    parts = split_path(path)
    node = entry
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value


def drop_path(entry, path):
    parts = split_path(path)
    node = entry
    for p in parts[:-1]:
        node = node.get(p)
        if not isinstance(node, dict):
            return
    node.pop(parts[-1], None)


def corrected_entry(series, table_versions, res, fmap):
    """The table's entry with the headers' values where they differ; for a version the table lacks,
    the nearest lower version's entry with every value the headers give (returns it and that base)."""
    if series in table_versions:
        entry = copy.deepcopy(table_versions[series])
        for path, value in res.corrections.items():
            set_path(entry, path, value)
        return entry, None
    lower = [s for s in table_versions if series_key(s) < series_key(series)]
    if not lower:
        raise Usage("--write %s: no lower version in layouts.json to start from" % series)
    base = max(lower, key=series_key)
    entry = copy.deepcopy(table_versions[base])
    specs = field_specs(fmap, series)
    for path in flatten(entry):
        if path in fmap["fields"] and path not in specs:
            drop_path(entry, path)  # a field the map gives only to other versions
    for path, value in res.header_values.items():
        set_path(entry, path, value)
    return entry, base


def render_entry(series, entry):
    body = json.dumps(entry, indent=2, ensure_ascii=False)
    body = "\n".join(("    " + l) if i else l for i, l in enumerate(body.splitlines()))
    return '    "%s": %s' % (series, body)


# ---------------------------------------------------------------------------------------------

def main(argv):
    ap = argparse.ArgumentParser(
        prog="scripts/check-layouts",
        description="Check layouts.json against each installed CPython's headers (and, for 3.13+, "
                    "a live process's _Py_DebugOffsets), and against the DWARF of the sid root's builds.")
    ap.add_argument("versions", nargs="*",
                    help="pyenv versions (3.12.1) or series (3.12), install prefixes (a path with '/'), 'sid' "
                         "(every build of the sid root), 'sid:3.15' (its release and debug builds) or "
                         "'sid:python3.15d'; default: every pyenv version and every sid build")
    ap.add_argument("--write", action="store_true",
                    help="print the corrected layouts.json entry of each version on stdout (report goes to stderr)")
    ap.add_argument("--no-live", action="store_true", help="skip starting 3.13+ interpreters to read _Py_DebugOffsets")
    ap.add_argument("--layouts", default=DEFAULT_LAYOUTS, help="layouts.json to check (default: the reader's)")
    ap.add_argument("--map", default=DEFAULT_MAP, help="field map (default: tests/layouts/field-map.json)")
    ap.add_argument("--dwarf", action="store_true",
                    help="also evaluate each header expression with gdb against libpython's DWARF")
    ap.add_argument("--show-c", action="store_true", help="print each generated C program on stderr")
    args = ap.parse_args(argv)

    report = sys.stderr if args.write else sys.stdout
    try:
        with open(args.layouts) as f:
            layouts = json.load(f)
        with open(args.map) as f:
            fmap = json.load(f)
        if shutil.which("gcc") is None:
            raise Usage("gcc is not installed")
        installs, notes = select_installs(args.versions)
    except Usage as e:
        print("check-layouts: %s" % e, file=sys.stderr)
        return 2
    table_versions = layouts["versions"]

    failures = 0
    totals = [0, 0, 0, 0]
    written = []
    workdir = tempfile.mkdtemp(prefix="check-layouts.")
    try:
        for inst in installs:
            entry = table_versions.get(inst.series)
            print("== %s (%s, %s)%s" % (inst.series, inst.label, inst.where(),
                                        "" if entry is not None else "  -- not in layouts.json"), file=report)
            try:
                res = check_version(inst, entry, fmap, workdir, not args.no_live, args.show_c, args.dwarf)
            except Usage as e:
                print("check-layouts: %s" % e, file=sys.stderr)
                return 2
            for line in res.lines:
                print(line, file=report)
            print("  -> %s: %d OK, %d MISMATCH, %d ERROR, %d NOT CHECKED%s"
                  % (inst.series, res.ok, res.mismatches, res.errors, res.not_checked,
                     ", %d NEW (version not in layouts.json)" % res.new if res.new else ""), file=report)
            print("", file=report)
            totals = [totals[0] + res.ok, totals[1] + res.mismatches, totals[2] + res.errors,
                      totals[3] + res.not_checked]
            if res.mismatches or res.errors or entry is None:
                failures += 1
            if args.write:
                try:
                    new, base = corrected_entry(inst.series, table_versions, res, fmap)
                except Usage as e:
                    print("check-layouts: %s" % e, file=sys.stderr)
                    return 2
                if base:
                    print("check-layouts: %s is not in layouts.json: started from %s's entry; its fields that "
                          "are not C offsets (models, symbols, trace) are %s's: review them" % (inst.series, base, base),
                          file=sys.stderr)
                written.append(render_entry(inst.series, new))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if written:
        print(",\n".join(written))  # entries of layouts.json's "versions" object
    for note in notes:
        print(note, file=report)
    checked = set(i.series for i in installs)
    if not args.versions:
        missing = sorted((s for s in table_versions if s not in checked), key=series_key)
        if missing:
            print("check-layouts: in layouts.json but not installed, so not checked: %s" % ", ".join(missing),
                  file=report)
    print("check-layouts: %d version(s): %d OK, %d MISMATCH, %d ERROR, %d NOT CHECKED"
          % (len(installs), totals[0], totals[1], totals[2], totals[3]), file=report)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
