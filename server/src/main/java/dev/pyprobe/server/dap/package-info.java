/**
 * The Debug Adapter Protocol server, on Eclipse LSP4J's debug module.
 *
 * <p>Shape: {@link dev.pyprobe.server.dap.PyprobeSessionStarter} (the
 * {@link dev.pyprobe.server.dap.DapSessionStarter} every transport uses) builds one
 * {@link dev.pyprobe.server.dap.DebugSession} per connection; {@code DapServer} hands each request
 * to the handler of its family in {@code handler}; state that lives across requests (thread ids,
 * handles, the snapshot, sources, the thread watcher) is in {@code state}; {@code breakpoints}
 * turns DAP breakpoints into tracepoints and their hits into output, stops and snapshot threads
 * (the rules of a hit live in {@code dev.pyprobe.server.tracing}, shared with the command line);
 * {@code protocol} holds the wire types LSP4J lacks.
 *
 * <p>{@code attach} arguments: {@code processId} (number or numeric string, required),
 * {@code freeze} (bool: SIGSTOP the target while a snapshot is read), {@code remoteSources}
 * (bool: the client does not share this machine's files, so every source is served by
 * reference), {@code asyncioTasks} (bool, default true: a pause shows each pending asyncio task as
 * a thread) and {@code maxTasks} (the most task threads shown, default 1000), plus whatever the
 * transport's {@link dev.pyprobe.server.dap.AttachGuard} checks (e.g. {@code token}); the guard
 * runs before anything of the target is read.
 *
 * <p>Model: the target is never stopped or changed. {@code pause} takes a snapshot (with the
 * pending asyncio tasks) and reports {@code stopped}; the threads shown (the process's, the
 * tasks', the breakpoint snapshots') come from one registry, {@code state.ShownThreads}; stacks,
 * scopes, variables and evaluate answer from it, each value read once and kept for it;
 * {@code continue} drops it with every handle and value given out for it. Steps move
 * nothing (no thread is ever stopped). {@code disconnect} detaches and never kills.
 */
package dev.pyprobe.server.dap;
