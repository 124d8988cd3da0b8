package dev.pyprobe.server.profile;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.sampling.Profile;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * pyprobe's own JSON: the recording's figures and every distinct stack, root first, with its
 * count. Thread roots (with --threads) are frames with a {@code thread} name and no file.
 */
final class ProfileJson implements ProfileWriter {
    @Override
    public void write(Profile profile, RecordingInfo info, PrintWriter out) {
        JsonObject doc = new JsonObject();
        doc.addProperty("pid", info.pid());
        doc.addProperty("python", info.python());
        doc.addProperty("mode", info.options().mode().name().toLowerCase(Locale.ROOT));
        doc.addProperty("idle", info.options().includeIdle());
        doc.addProperty("rate_hz", info.options().rateHz());
        doc.addProperty("rate_reached_hz", Math.round(info.stats().rateHz() * 10) / 10.0);
        doc.addProperty("duration_s", Math.round(info.stats().elapsedSeconds() * 1000) / 1000.0);
        doc.addProperty("samples", info.stats().ticks());
        doc.addProperty("missed_samples", info.stats().missedTicks());
        doc.addProperty("failed_samples", info.stats().failedTicks());
        doc.addProperty("stacks", info.stats().stacks());
        doc.addProperty("inconsistent_stacks", info.stats().inconsistent());
        doc.addProperty("kernel_copied_stacks", info.stats().kernelCopies());
        if (info.stats().kernelCopiesOff() != null) {
            doc.addProperty("kernel_copies_off", info.stats().kernelCopiesOff());
        }
        JsonArray stacks = new JsonArray();
        for (Profile.Stack stack : profile.stacks()) {
            JsonObject s = new JsonObject();
            JsonArray frames = new JsonArray();
            for (Profile.Frame f : stack.frames()) {
                JsonObject frame = new JsonObject();
                if (f.threadRoot()) {
                    frame.addProperty("thread", f.function());
                } else {
                    frame.addProperty("function", f.function());
                    frame.addProperty("file", f.file());
                    frame.addProperty("line", f.line());
                }
                frames.add(frame);
            }
            s.add("frames", frames);
            s.addProperty("count", stack.count());
            stacks.add(s);
        }
        doc.add("profile", stacks);
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc, out);
        out.println();
    }
}
