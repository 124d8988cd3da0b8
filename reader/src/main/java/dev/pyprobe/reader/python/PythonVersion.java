package dev.pyprobe.reader.python;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CPython version as the target reports it, e.g. 3.12.1. */
public record PythonVersion(int major, int minor, int micro) implements Comparable<PythonVersion> {
    private static final Pattern TEXT = Pattern.compile("(\\d)\\.(\\d{1,2})\\.(\\d{1,2})");

    /** Decodes {@code PY_VERSION_HEX}: major<<24 | minor<<16 | micro<<8 | level<<4 | serial. */
    public static PythonVersion fromHex(long hex) {
        return new PythonVersion((int) (hex >>> 24) & 0xff, (int) (hex >>> 16) & 0xff, (int) (hex >>> 8) & 0xff);
    }

    /** Parses the start of a {@code sys.version} string, e.g. {@code "3.10.13 (main, ..."}. */
    public static PythonVersion parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a Python version: " + text);
        }
        return new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** "3.12", the key of layout tables. */
    public String series() {
        return major + "." + minor;
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public int compareTo(PythonVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
