# An asyncio program for pyprobe's DAP tests of task threads (Python 3.8+: tasks have names).
# The task "main" gathers WORKERS tasks "worker-1".."worker-N"; each awaits outer() -> inner() ->
# Event.wait() on an event that is never set, and inner() holds a local `marker` that names its
# task. Once every worker waits, prints one JSON line: the pid and the program's own view of its
# pending tasks (name, and the innermost frame's function of its coroutine stack, followed
# through cr_await as pyprobe follows it). Exits when stdin closes.
import asyncio
import json
import os
import sys
import types

WORKERS = 6
ready = 0


async def inner(release, tag):
    global ready
    marker = "inner of " + tag
    ready += 1
    await release.wait()
    return marker


async def outer(release, tag):
    return await inner(release, tag)


async def main(release):
    loop = asyncio.get_running_loop()
    workers = [loop.create_task(outer(release, "worker-%d" % i), name="worker-%d" % i) for i in range(1, WORKERS + 1)]
    await asyncio.gather(*workers)


def function_name(code):
    """What the interpreter calls a code object: co_qualname from 3.11, co_name before."""
    return getattr(code, "co_qualname", code.co_name)


def innermost(coro):
    """The function of the innermost coroutine frame of a suspended task."""
    name = None
    while isinstance(coro, types.CoroutineType) and coro.cr_frame is not None:
        name = function_name(coro.cr_frame.f_code)
        coro = coro.cr_await
    return name


def report_when_ready(loop):
    if ready < WORKERS:
        loop.call_later(0.02, report_when_ready, loop)
        return
    tasks = [{"name": t.get_name(), "innermost": innermost(t.get_coro())} for t in asyncio.all_tasks(loop)]
    sys.stdout.write(json.dumps({"pid": os.getpid(), "tasks": sorted(tasks, key=lambda t: t["name"])}) + "\n")
    sys.stdout.flush()


def exit_on_stdin_close():
    if not os.read(0, 4096):
        os._exit(0)


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.add_reader(0, exit_on_stdin_close)
    loop.call_soon(report_when_ready, loop)
    loop.run_until_complete(loop.create_task(main(asyncio.Event()), name="main"))


run()
