package dev.pyprobe.reader.proc;

/** One line of {@code /proc/PID/maps}. {@code path} is empty for anonymous mappings. */
public record Mapping(long start, long end, String perms, long fileOffset, long inode, String path) {

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    public boolean readable() {
        return perms.charAt(0) == 'r';
    }

    public boolean executable() {
        return perms.length() > 2 && perms.charAt(2) == 'x';
    }

    /** The same mapping under another name for its file. */
    public Mapping withPath(String newPath) {
        return new Mapping(start, end, perms, fileOffset, inode, newPath);
    }

    public long size() {
        return end - start;
    }

    /** Parses one maps line: {@code start-end perms offset dev inode [path]}. */
    public static Mapping parse(String line) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5) {
            throw new IllegalArgumentException("not a maps line: " + line);
        }
        int dash = f[0].indexOf('-');
        long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
        long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
        long offset = Long.parseUnsignedLong(f[2], 16);
        long inode = Long.parseLong(f[4]);
        String path = f.length > 5 ? f[5] : "";
        return new Mapping(start, end, f[1], offset, inode, path);
    }
}
