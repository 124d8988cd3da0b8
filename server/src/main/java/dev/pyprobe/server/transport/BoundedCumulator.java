package dev.pyprobe.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Gathers the inbound bytes of a message like Netty's merge cumulator, but grows the buffer no
 * further than one whole message (the frame limits) or what is actually there: Netty's own rounds
 * every growth up to a power of two, which lets a message near the limit take almost twice the
 * memory the limits promise. Growth stays geometric below the cap, so gathering a large message
 * from small reads copies it a bounded number of times.
 */
final class BoundedCumulator implements ByteToMessageDecoder.Cumulator {
    private final int messageCap;

    BoundedCumulator(int messageCap) {
        this.messageCap = messageCap;
    }

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation == in) {
            in.release();
            return cumulation;
        }
        if (!cumulation.isReadable() && in.isContiguous()) {
            cumulation.release();
            return in;
        }
        try {
            int required = in.readableBytes();
            if (required <= cumulation.writableBytes() && cumulation.refCnt() == 1 && !cumulation.isReadOnly()) {
                cumulation.writeBytes(in, in.readerIndex(), required);
                in.readerIndex(in.writerIndex());
                return cumulation;
            }
            int needed = cumulation.readableBytes() + required;
            int capacity = Math.max(needed, Math.min(2 * cumulation.capacity(), messageCap));
            ByteBuf bigger = alloc.heapBuffer(capacity, capacity);
            bigger.writeBytes(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
            bigger.writeBytes(in, in.readerIndex(), required);
            in.readerIndex(in.writerIndex());
            cumulation.release();
            return bigger;
        } finally {
            in.release();
        }
    }
}
