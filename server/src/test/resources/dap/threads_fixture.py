# A Python program for pyprobe's DAP tests. It parks two named threads at known lines with
# known locals, then prints one JSON line describing itself (its stacks as the interpreter
# reports them, addresses of known objects), and obeys commands read from stdin:
#   spawn  start a thread named "spawned" that waits     join   let it finish
#   exit   end the process
# Runs unchanged on Python 2.7 and 3.6+.
import collections
import json
import sys
import threading
import time

GLOBAL_COUNTER = 5
release = threading.Event()
spawned_release = threading.Event()


class Box(object):
    def __init__(self):
        self.label = "boxed"
        self.items = [10, 20, 30]
        self.mapping = {"k": "v", "n": 7}

    def describe(self):
        return self.label


def worker_alpha(started, shared):
    alpha_local = 41
    alpha_text = "alpha"
    box = Box()
    shared["box"] = box
    started.set()
    release.wait()  # LINE_ALPHA
    return alpha_local, alpha_text


def worker_beta(started, reprs):
    beta_list = [1, 2, 3]
    beta_dict = {"x": 1}
    beta_big = list(range(2500))
    # Objects that are not plain values, each with the repr() Python gives it.
    beta_function = worker_alpha
    beta_module = json
    beta_builtin_module = sys
    beta_class = Box
    beta_builtin_class = int
    beta_c_class = collections.OrderedDict
    beta_builtin = len
    beta_builtin_method = beta_list.append
    beta_instance = Box()
    beta_method = beta_instance.describe
    beta_long_text = "0123456789" * 100
    for name, value in list(locals().items()):
        if name.startswith("beta_") and name not in ("beta_big", "beta_long_text"):
            reprs[name] = repr(value)
    started.set()
    release.wait()  # LINE_BETA
    return beta_list, beta_dict


def spawned_body():
    spawned_release.wait()  # LINE_SPAWNED


def stack_of(frame):
    frames = []
    while frame is not None:
        code = frame.f_code
        frames.append({"name": getattr(code, "co_qualname", code.co_name),
                       "file": code.co_filename, "line": frame.f_lineno})
        frame = frame.f_back
    return frames


def parked_stacks(threads):
    # A worker that has set its event may not have reached the lock inside wait() yet: read the
    # stacks until two reads 50 ms apart agree and each worker is inside threading.
    stacks = None
    for _ in range(200):
        frames = sys._current_frames()
        now = dict((t.ident, stack_of(frames[t.ident])) for t in threads)
        parked = all(s[0]["file"].endswith("threading.py") for s in now.values())
        if parked and now == stacks:
            return now
        stacks = now
        time.sleep(0.05)
    raise SystemExit("workers did not park")


def start(name, target, args):
    t = threading.Thread(target=target, args=args, name=name)
    t.daemon = True
    t.start()
    return t


def main():
    shared = {}
    alpha_started = threading.Event()
    beta_started = threading.Event()
    alpha = start("alpha-worker", worker_alpha, (alpha_started, shared))
    beta_reprs = {}
    beta = start("beta-worker", worker_beta, (beta_started, beta_reprs))
    alpha_started.wait(30)
    beta_started.wait(30)
    stacks = parked_stacks((alpha, beta))
    box = shared["box"]
    report = {
        "pid": __import__("os").getpid(),
        "version": "%d.%d.%d" % sys.version_info[:3],
        "threads": [{"name": t.name, "ident": t.ident, "stack": stacks[t.ident]} for t in (alpha, beta)],
        "main_ident": threading.current_thread().ident,
        "box_id": id(box),
        "box_type_id": id(type(box)),
        "beta_reprs": beta_reprs,
    }
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    spawned = None
    while True:
        command = sys.stdin.readline().strip()  # LINE_MAIN
        if command == "spawn":
            spawned = start("spawned", spawned_body, ())
        elif command == "join" and spawned is not None:
            spawned_release.set()
            spawned.join(30)
        else:
            break
        sys.stdout.write("done " + command + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
