package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.OffCpuWitness;

/**
 * Stacks of threads read while the kernel kept them blocked ({@link OffCpuWitness}): one moment's
 * stack by construction, since only a thread writes its own frames. What a sampler can prove of
 * a thread whose stack moved without the kernel's copy of it: two copies of a running thread's
 * stack can agree on a stack it never had (a loop that left and came back to the same frames, at
 * the same addresses, between the reads of a caller and its callee), so agreement is no proof.
 */
final class BlockedStacks {
    private final StackReader reader;
    private final OffCpuWitness witness;

    BlockedStacks(StackReader reader, OffCpuWitness witness) {
        this.reader = reader;
        this.witness = witness;
    }

    /** The thread's chain if it stood still while read; null if it ran, could have run, or the read failed. */
    StackReader.Chain read(long threadState, int tid, MemoryMap maps, int maxDepth) {
        OffCpuWitness.Blocked blocked = witness.blockedNow(tid);
        if (blocked == null) {
            return null;
        }
        StackReader.Chain walked = reader.walk(threadState, maps, maxDepth);
        if (walked == null || !witness.stillBlocked(blocked) || !reader.endsWhereAStackCanEnd(walked.frames())) {
            return null;
        }
        return new StackReader.Chain(walked.head(), walked.frames(), true);
    }
}
