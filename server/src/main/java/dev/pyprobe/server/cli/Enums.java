package dev.pyprobe.server.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Option values that name an enum constant, in lower case on the command line. */
final class Enums {
    private Enums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, CommandLine cli, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new ParameterException(cli, option + " wants one of " + choices + ", not " + text);
    }
}
