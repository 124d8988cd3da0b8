package dev.pyprobe.server.profile;

import dev.pyprobe.reader.python.sampling.Profile;
import java.io.PrintWriter;

/** Writes a profile in one format. */
public interface ProfileWriter {
    void write(Profile profile, RecordingInfo info, PrintWriter out);
}
