# Benchmark target: N asyncio tasks, each three coroutines deep waiting on one event, gathered by
# the main task; prints BENCH-READY once all of them wait, then runs until stdin closes.
import asyncio
import os
import sys


async def leaf(event):
    await event.wait()


async def middle(event):
    await leaf(event)


async def top(event):
    await middle(event)


async def main(count):
    event = asyncio.Event()
    loop = asyncio.get_running_loop()
    tasks = [loop.create_task(top(event), name='task-%d' % i) for i in range(count)]
    await asyncio.sleep(0.2)  # every task runs up to its wait
    loop.add_reader(0, lambda: os.read(0, 4096) or event.set())
    sys.stdout.write("BENCH-READY\n")
    sys.stdout.write(sys.executable + "\n")
    sys.stdout.flush()
    await asyncio.gather(*tasks)


asyncio.run(main(int(sys.argv[1])))
