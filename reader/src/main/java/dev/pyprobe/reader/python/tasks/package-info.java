/**
 * Asyncio tasks read from outside: the registries and lists that hold them ({@link TaskRegistry}),
 * the fields of tasks and futures ({@link FutureFields}), a task's coroutine stack through its await
 * chain ({@link CoroutineStack}), who waits for a task ({@link Awaiters}), and the whole list read
 * with the same care for changing memory as thread stacks ({@link TaskReader}), made once the
 * target's {@code _asyncio} module says where its tasks are on 3.14+ ({@link TaskListing},
 * {@link AsyncioDebugSection}).
 */
package dev.pyprobe.reader.python.tasks;
