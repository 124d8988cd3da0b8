package dev.pyprobe.reader.elf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a function's machine code lies: its symbol's range and the fragments the compiler split
 * off it. GCC moves a function's unlikely blocks into {@code f.cold}, placed far away; in
 * Debian's CPython 3.13+ builds that fragment holds nearly every opcode handler of the eval loop,
 * outside the range of the eval loop's own symbol.
 */
public final class FunctionCode {
    /**
     * The names GCC gives the pieces it splits off {@code f}: {@code f.cold} (hot/cold
     * partitioning), {@code f.part.N} (partial inlining) and their {@code .cold}, {@code f.cold.N}.
     */
    private static final String FRAGMENT_SUFFIX = "(\\.part\\.\\d+)?(\\.cold(\\.\\d+)?)?";

    private FunctionCode() {
    }

    /** From a full symbol table: the function's own range and those of the symbols named as pieces of it. */
    public static List<CodeRange> fromSymbols(ElfSymbol function, List<ElfSymbol> table) {
        Pattern pieces = Pattern.compile(Pattern.quote(function.name()) + FRAGMENT_SUFFIX);
        List<CodeRange> out = new ArrayList<>();
        out.add(range(function));
        table.stream()
                .filter(s -> s.defined() && s.type() == SymbolType.FUNC && s.size() > 0)
                .filter(s -> !s.name().equals(function.name()) && pieces.matcher(s.name()).matches())
                .map(FunctionCode::range)
                .filter(r -> !out.contains(r))
                .forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * From {@code .eh_frame}, for a file without a full symbol table: the function's own FDE and
     * every fragment FDE ({@link EhFrame}) linked to it by direct jumps, in either direction,
     * through other fragments too. A function jumps into its fragment (the unlikely paths) and
     * the fragment back into it; another function's code never jumps into it except to its first
     * instruction (a tail call), so such jumps do not link. Every fragment of the file is decoded,
     * so a fragment that only jumps back is found too. What no direct jump links is missed: a
     * fragment entered only through a table of addresses and never jumping back, such as pyenv
     * 3.11's and 3.12's 4-8 byte {@code .cold} stubs (unreachable paths); on Debian's builds this
     * finds exactly the fragments their debug files name.
     *
     * @throws ElfFormatException when it cannot be told: no FDE starts at the function, or code
     *                            that does not decode as x86-64 instructions
     */
    public static List<CodeRange> fromEhFrame(ElfFile elf, ElfSymbol function) {
        List<EhFrame.Entry> pieces = EhFrame.entries(elf).stream()
                .filter(e -> e.fragment() || e.code().start() == function.value())
                .sorted(Comparator.comparingLong(e -> e.code().start()))
                .toList();
        int own = indexOfStart(pieces, function.value());
        if (own < 0 || pieces.get(own).fragment()) {
            throw new ElfFormatException(elf.description() + ": no .eh_frame entry starts at " + function.name());
        }
        List<ElfSection> code = elf.sections().stream()
                .filter(s -> (s.flags() & ElfSection.SHF_EXECINSTR) != 0 && s.hasFileBytes()).toList();
        List<byte[]> bytes = code.stream().map(elf::sectionBytes).toList();
        List<List<Integer>> links = new ArrayList<>();
        pieces.forEach(p -> links.add(new ArrayList<>()));
        for (int i = 0; i < pieces.size(); i++) {
            CodeRange range = pieces.get(i).code();
            for (long target : jumpTargets(elf, range, code, bytes)) {
                int j = indexContaining(pieces, target);
                boolean tailCall = j == own && target == function.value();
                if (j >= 0 && j != i && !tailCall) {
                    links.get(i).add(j);
                    links.get(j).add(i);
                }
            }
        }
        return reachable(pieces, links, own);
    }

    /** The pieces linked to {@code own}, own first and the rest in address order. */
    private static List<CodeRange> reachable(List<EhFrame.Entry> pieces, List<List<Integer>> links, int own) {
        boolean[] seen = new boolean[pieces.size()];
        Deque<Integer> next = new ArrayDeque<>(List.of(own));
        seen[own] = true;
        while (!next.isEmpty()) {
            for (int j : links.get(next.pop())) {
                if (!seen[j]) {
                    seen[j] = true;
                    next.push(j);
                }
            }
        }
        List<CodeRange> out = new ArrayList<>(List.of(pieces.get(own).code()));
        for (int i = 0; i < pieces.size(); i++) {
            if (seen[i] && i != own) {
                out.add(pieces.get(i).code());
            }
        }
        return List.copyOf(out);
    }

    private static long[] jumpTargets(ElfFile elf, CodeRange range, List<ElfSection> code, List<byte[]> bytes) {
        for (int s = 0; s < code.size(); s++) {
            ElfSection section = code.get(s);
            long from = range.start() - section.address();
            if (from >= 0 && from <= section.size() && range.size() <= section.size() - from) {
                Optional<long[]> targets = X86Jumps.targets(bytes.get(s), (int) from, (int) (from + range.size()),
                        range.start());
                return targets.orElseThrow(() -> new ElfFormatException(elf.description() + ": the code at " + range
                        + " does not decode as x86-64 instructions"));
            }
        }
        throw new ElfFormatException(elf.description() + ": .eh_frame describes code at " + range
                + ", which no code section holds");
    }

    private static int indexOfStart(List<EhFrame.Entry> pieces, long start) {
        int i = indexContaining(pieces, start);
        return i >= 0 && pieces.get(i).code().start() == start ? i : -1;
    }

    /** The piece holding {@code address} (pieces sorted by start, not overlapping), or -1. */
    private static int indexContaining(List<EhFrame.Entry> pieces, long address) {
        int low = 0;
        int high = pieces.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            CodeRange r = pieces.get(mid).code();
            if (r.contains(address)) {
                return mid;
            }
            if (Long.compareUnsigned(address, r.start()) < 0) {
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return -1;
    }

    private static CodeRange range(ElfSymbol symbol) {
        return new CodeRange(symbol.value(), symbol.value() + symbol.size());
    }
}
