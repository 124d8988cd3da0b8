package dev.pyprobe.server.dap;

import dev.pyprobe.reader.elf.StapsdtNotes;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import java.util.ArrayList;
import java.util.List;

/** Reads the USDT semaphores of a Python process, to see whether anything still traces it. */
final class Probes {
    private Probes() {
    }

    /** Addresses of the function__entry and line semaphores, where the interpreter has them. */
    static List<Long> usdtSemaphores(int pid) {
        try (TargetProcess process = TargetProcess.open(pid);
             InterpreterBinary binary = InterpreterBinary.find(process, process.maps())) {
            return StapsdtNotes.readAdjusted(binary.elf().elf()).stream()
                    .filter(n -> n.name().equals("function__entry") || n.name().equals("line"))
                    .map(n -> binary.elf().runtimeAddress(n.semaphore()))
                    .toList();
        }
    }

    /** The 16-bit values of the semaphores now. */
    static List<Integer> values(int pid, List<Long> semaphores) {
        List<Integer> out = new ArrayList<>();
        try (TargetProcess process = TargetProcess.open(pid)) {
            for (long address : semaphores) {
                byte[] b = process.memory().read(address, 2);
                out.add((b[0] & 0xff) | (b[1] & 0xff) << 8);
            }
        }
        return out;
    }
}
