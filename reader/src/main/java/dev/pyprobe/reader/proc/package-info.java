/**
 * The target as the kernel shows it: {@link dev.pyprobe.reader.proc.TargetProcess} (/proc/PID,
 * its maps, tasks and their {@link dev.pyprobe.reader.proc.TaskState}, files through
 * /proc/PID/root), for a target in a container the host TIDs of the ids it knows its threads by
 * ({@link dev.pyprobe.reader.proc.TaskIds}) and its files by its own names, resolved inside its
 * root ({@link dev.pyprobe.reader.proc.TargetFiles}), memory reads batched through
 * {@code process_vm_readv} or /proc/PID/mem ({@link dev.pyprobe.reader.proc.RemoteMemory}), and the
 * opt-in freeze (SIGSTOP) for a read.
 */
package dev.pyprobe.reader.proc;
