/**
 * Python stacks and what their frames hold. {@link dev.pyprobe.reader.python.frames.StackReader}
 * reads one thread's frame chain (or several threads' at once, for a sampler) without stopping it
 * and never calls a torn read consistent ({@code FrameFormat} decodes one version's frame header
 * into a {@code RawFrame}, {@code FrameWindow} reads 3.11+ frames, which sit next to each other, in
 * blocks); {@link dev.pyprobe.reader.python.frames.FrameDecoder} turns raw frames into functions,
 * files and lines; {@link dev.pyprobe.reader.python.frames.FrameReads} reads one frame on its own
 * (by address, a callee being pushed, its local slots and globals);
 * {@link dev.pyprobe.reader.python.frames.ThreadStacks} reads one thread's stack, several, or every
 * thread's as one snapshot; {@link dev.pyprobe.reader.python.frames.FrameVariables} renders a
 * frame's locals (opening cells) and its module's globals.
 */
package dev.pyprobe.reader.python.frames;
