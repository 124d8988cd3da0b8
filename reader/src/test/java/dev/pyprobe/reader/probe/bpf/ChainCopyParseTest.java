package dev.pyprobe.reader.probe.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A record that cannot be a copy is refused as a whole; nothing in it is trusted or thrown on. */
class ChainCopyParseTest {
    private static final ChainCopyProgram.Params PARAMS = new ChainCopyProgram.Params(List.of(16), 8, 72, 8);

    @Property(tries = 2000)
    void anyBytesParseOrAreRefusedWithoutThrowing(@ForAll @Size(max = 2000) byte[] bytes) {
        ChainCopy.parse(bytes, PARAMS).ifPresent(copy -> {
            assertThat(copy.count()).isBetween(0, ChainCopyProgram.MAX_RECORDS);
            for (int i = 0; i < copy.count(); i++) {
                assertThat(copy.record(i)).hasSize(72);
            }
        });
    }

    @Test
    void aCopyThatClaimsMoreRecordsThanItHoldsIsRefused() {
        ByteBuffer b = ByteBuffer.allocate(ChainCopyProgram.RECORDS + ChainCopyProgram.STRIDE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ChainCopyProgram.COUNT, 2);
        assertThat(ChainCopy.parse(b.array(), PARAMS)).isEmpty();
        b.putLong(ChainCopyProgram.COUNT, 1);
        assertThat(ChainCopy.parse(b.array(), PARAMS)).isPresent();
        b.putLong(ChainCopyProgram.STATUS, 9);
        assertThat(ChainCopy.parse(b.array(), PARAMS)).isEmpty();
    }
}
