package dev.pyprobe.server.profile;

import dev.pyprobe.reader.python.sampling.Profile;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * One line per distinct stack, frames root first joined by {@code ;}, a space, the count: the
 * input of flamegraph.pl and inferno. A {@code ;} inside a name would split a frame there, so it
 * is written as {@code :}.
 */
final class CollapsedStacks implements ProfileWriter {
    @Override
    public void write(Profile profile, RecordingInfo info, PrintWriter out) {
        for (Profile.Stack stack : profile.stacks()) {
            out.print(stack.frames().stream().map(f -> FrameLabels.label(f).replace(';', ':'))
                    .collect(Collectors.joining(";")));
            out.print(' ');
            out.println(stack.count());
        }
    }
}
