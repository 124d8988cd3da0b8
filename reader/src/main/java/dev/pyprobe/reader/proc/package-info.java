/**
 * The target as the kernel shows it: {@link dev.pyprobe.reader.proc.TargetProcess} (/proc/PID,
 * its maps, tasks and their {@link dev.pyprobe.reader.proc.TaskState}, files through
 * /proc/PID/root), memory reads batched through {@code process_vm_readv} or /proc/PID/mem
 * ({@link dev.pyprobe.reader.proc.RemoteMemory}), and the opt-in freeze (SIGSTOP) for a read.
 */
package dev.pyprobe.reader.proc;
