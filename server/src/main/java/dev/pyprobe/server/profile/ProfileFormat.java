package dev.pyprobe.server.profile;

import java.util.Locale;
import java.util.function.Supplier;

/** The formats {@code pyprobe record} writes, with the file extension each is usually given. */
public enum ProfileFormat {
    FLAMEGRAPH("html", FlamegraphHtml::new),
    SPEEDSCOPE("speedscope.json", SpeedscopeJson::new),
    COLLAPSED("txt", CollapsedStacks::new),
    JSON("json", ProfileJson::new);

    private final String extension;
    private final Supplier<ProfileWriter> writer;

    ProfileFormat(String extension, Supplier<ProfileWriter> writer) {
        this.extension = extension;
        this.writer = writer;
    }

    public String extension() {
        return extension;
    }

    public ProfileWriter writer() {
        return writer.get();
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
