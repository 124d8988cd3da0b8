package dev.pyprobe.server.transport.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Turns the user names or numeric uids given on the command line into uids, via a passwd file. */
public final class UserIds {
    private final Path passwd;

    public UserIds(Path passwd) {
        this.passwd = passwd;
    }

    public static UserIds system() {
        return new UserIds(Path.of("/etc/passwd"));
    }

    /**
     * @throws IllegalArgumentException naming the user when it is neither a uid nor a known name
     */
    public int resolve(String nameOrUid) {
        String s = nameOrUid.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("uid out of range: " + s);
            }
        }
        for (String line : lines()) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(s)) {
                try {
                    return Integer.parseInt(fields[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad uid for user " + s + " in " + passwd);
                }
            }
        }
        throw new IllegalArgumentException("unknown user: " + s + " (not a uid, not in " + passwd + ")");
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(passwd);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + passwd + ": " + e.getMessage());
        }
    }
}
