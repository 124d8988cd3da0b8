package dev.pyprobe.reader.python.garbage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.PageCachedMemory;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.frames.FrameDecoder;
import dev.pyprobe.reader.python.frames.FrameReads;
import dev.pyprobe.reader.python.frames.StackReader;
import dev.pyprobe.reader.python.frames.StackResampler;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.layout.LayoutTable;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import dev.pyprobe.reader.python.objects.ReadLimits;
import dev.pyprobe.reader.python.objects.ValueRenderer;
import dev.pyprobe.reader.python.tasks.TaskHeads;
import dev.pyprobe.reader.python.tasks.TaskReader;
import dev.pyprobe.reader.python.threads.ThreadStateWalker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reader on garbage: a small address space of random bytes, sprinkled with pointers back
 * into itself so that walks go somewhere, read with every version's layout. Whatever it holds,
 * rendering values, walking stacks, listing threads and tasks must end quickly and either succeed or
 * throw a {@link ReaderException}: never hang, never another exception.
 */
class GarbageMemoryPropertiesTest {
    private static final long BASE = 0x7f0000000000L;
    private static final int SIZE = 1 << 16;
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Provide
    Arbitrary<String> series() {
        return Arbitraries.of("2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15");
    }

    @Property(tries = 300)
    void garbageNeverHangsOrCrashes(@ForAll long seed, @ForAll("series") String series) {
        Layout layout = LayoutTable.builtIn().forVersion(PythonVersion.parse(series + ".0"));
        RemoteMemory memory = new GarbageMemory(seed);
        Random random = new Random(seed);
        long someAddress = BASE + (random.nextInt(SIZE) & ~7);
        assertTimeoutPreemptively(BOUND, () -> {
            Map<Long, BuiltinKind> builtins = Map.ofEntries(
                    Map.entry(BASE + 64, BuiltinKind.LIST), Map.entry(BASE + 128, BuiltinKind.DICT),
                    Map.entry(BASE + 192, BuiltinKind.STR), Map.entry(BASE + 256, BuiltinKind.INT),
                    Map.entry(BASE + 320, BuiltinKind.TUPLE), Map.entry(BASE + 384, BuiltinKind.SET),
                    Map.entry(BASE + 448, BuiltinKind.FUNCTION), Map.entry(BASE + 512, BuiltinKind.MODULE),
                    Map.entry(BASE + 576, BuiltinKind.METHOD), Map.entry(BASE + 640, BuiltinKind.BUILTIN_FUNCTION));
            ObjectHeap heap = new ObjectHeap(memory, layout.objects(), builtins);
            CodeObjectCache codes = new CodeObjectCache(heap, layout.code(), 0);
            for (ReadLimits limits : List.of(ReadLimits.DEFAULT, ReadLimits.WHOLE)) {
                ValueRenderer renderer = new ValueRenderer(heap, limits, layout.objects().reprStyle(),
                        code -> codes.get(code).function());
                expectOnlyReaderExceptions(() -> {
                    PyValue v = renderer.render(someAddress);
                    assertThat(v.text()).isNotNull();
                    renderer.children(v, 0, 100);
                });
            }
            FrameDecoder decoder = new FrameDecoder(layout.frame(), codes);
            StackReader stacks = new StackReader(memory, layout.thread(), decoder);
            FrameReads frames = new FrameReads(memory, decoder, layout.code().framesize());
            expectOnlyReaderExceptions(() -> stacks.read(someAddress, 0, new MemoryMap(List.of()), 4096, false));
            StackResampler resampler = new StackResampler(stacks);
            List<PythonThread> threads = List.of(new PythonThread(1, 0, 0, null, false, false, 0, someAddress),
                    new PythonThread(2, 0, 0, null, false, false, 0, someAddress));
            expectOnlyReaderExceptions(() -> resampler.readThreads(threads, new MemoryMap(List.of()), 4096));
            expectOnlyReaderExceptions(() -> resampler.readThreads(threads, new MemoryMap(List.of()), 4096));
            expectOnlyReaderExceptions(() -> frames.calleeBeingPushed(
                    new PythonFrame("f", "f.py", 1, 1, someAddress, someAddress), java.util.Set.of(someAddress)));
            ThreadStateWalker walker = new ThreadStateWalker(memory, layout, () -> someAddress);
            expectOnlyReaderExceptions(walker::threads);
            if (layout.asyncio() != null) {
                PageCachedMemory pages = new PageCachedMemory(memory);
                ObjectHeap pagedHeap = new ObjectHeap(pages, layout.objects(), builtins);
                FrameReads pagedFrames = new FrameReads(pages, new FrameDecoder(layout.frame(),
                        new CodeObjectCache(pagedHeap, layout.code(), 0)), layout.code().framesize());
                TaskHeads heads = new TaskHeads() {
                    @Override
                    public List<Long> interpreters() {
                        return List.of(someAddress);
                    }

                    @Override
                    public List<Long> threads() {
                        return List.of(someAddress);
                    }
                };
                TaskReader tasks = new TaskReader(pages, pagedHeap, pagedFrames, layout.asyncio(),
                        module -> List.of(someAddress), heads);
                expectOnlyReaderExceptions(tasks::tasks);
            }
        });
    }

    private static void expectOnlyReaderExceptions(Runnable read) {
        try {
            read.run();
        } catch (ReaderException expected) {
            // The clear failure the reader owes on garbage.
        }
    }

    /** 64 KiB of random words, a quarter of them pointers into the same 64 KiB. */
    private static final class GarbageMemory implements RemoteMemory {
        private final byte[] data = new byte[SIZE];

        GarbageMemory(long seed) {
            Random random = new Random(seed);
            random.nextBytes(data);
            RemoteBytes view = new RemoteBytes(BASE, data);
            for (int i = 0; i + 8 <= SIZE; i += 8) {
                if (random.nextInt(4) == 0) {
                    long pointer = BASE + random.nextInt(SIZE);
                    for (int b = 0; b < 8; b++) {
                        data[i + b] = (byte) (pointer >>> (8 * b));
                    }
                }
            }
            assertThat(view.length()).isEqualTo(SIZE);
        }

        @Override
        public int pid() {
            return 0;
        }

        @Override
        public void read(long address, byte[] dst, int offset, int length) {
            long start = address - BASE;
            if (start < 0 || length < 0 || start + length > SIZE) {
                throw new MemoryReadException(address, length, "not mapped");
            }
            System.arraycopy(data, (int) start, dst, offset, length);
        }

        @Override
        public long syscalls() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
