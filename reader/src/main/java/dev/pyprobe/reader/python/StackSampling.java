package dev.pyprobe.reader.python;

import java.util.List;
import java.util.Optional;

/**
 * The stacks a sampler reads, tick after tick, for one recording. Most threads wait or run in
 * place, and one copy of their frames, compared with their last stack, reads them. A thread whose
 * stack moves faster than it can be read from outside is, where the kernel allows it, copied by
 * the kernel while a timer tick has it interrupted on its CPU, so the sampler gets one moment's
 * stack of it rather than none; elsewhere such a stack is given as not consistent.
 */
public interface StackSampling extends AutoCloseable {

    /** The threads whose stacks the kernel copies: every thread listed (idle ones too, they cost nothing). */
    void follow(List<PythonThread> threads);

    /** The stacks of {@code threads}, read now, innermost first, each at most {@code maxDepth} deep. */
    List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth);

    /** Why the kernel does not copy moving stacks in this recording, or not every thread's; empty when it does. */
    Optional<String> kernelCopiesOff();

    /** Stacks so far that came from the kernel's copies. */
    long kernelCopiesUsed();

    /**
     * CPU time the kernel has spent copying stacks in this recording, on the threads it copied;
     * counted only while something turned the kernel's BPF run-time count on (else 0).
     */
    long kernelCopyNanos();

    @Override
    void close();
}
