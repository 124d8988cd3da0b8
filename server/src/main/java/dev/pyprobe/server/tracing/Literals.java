package dev.pyprobe.server.tracing;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Python literals in conditions, and the reprs of str and bytes values read from the target. */
final class Literals {
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?");

    private Literals() {
    }

    /** The value of a literal, or null when the text is not a literal (then it names a value). */
    static Value parse(String text) {
        switch (text) {
            case "None":
                return Value.none("None", 0);
            case "True":
                return Value.bool(true, "True", 0);
            case "False":
                return Value.bool(false, "False", 0);
            default:
                break;
        }
        if (NUMBER.matcher(text).matches()) {
            return Value.number(new BigDecimal(text.replace("_", "")), text, 0);
        }
        boolean bytes = text.startsWith("b'") || text.startsWith("b\"");
        String quoted = bytes ? text.substring(1) : text;
        if (quoted.startsWith("'") || quoted.startsWith("\"")) {
            if (quoted.length() < 2 || !isCompleteRepr(quoted)) {
                throw new HitRuleException("String " + text + " is not closed (or has text after its "
                        + "closing quote): " + Condition.ACCEPTED + ".");
            }
            return Value.text(bytes ? Value.Kind.BYTES : Value.Kind.STR, decodeRepr(text), false, text, 0);
        }
        return null;
    }

    /** A float's repr (also inf, -inf, nan) as a value. */
    static Value floatValue(String repr, String origin, long address) {
        return switch (repr) {
            case "inf" -> Value.special(Double.POSITIVE_INFINITY, origin, address);
            case "-inf" -> Value.special(Double.NEGATIVE_INFINITY, origin, address);
            case "nan", "-nan" -> Value.special(Double.NaN, origin, address);
            default -> Value.number(new BigDecimal(repr), origin, address);
        };
    }

    /** Whether a quoted repr (after any u/b prefix) ends at its closing quote. */
    static boolean isCompleteRepr(String repr) {
        int i = prefixLength(repr);
        if (i >= repr.length()) {
            return false;
        }
        char quote = repr.charAt(i++);
        while (i < repr.length()) {
            char c = repr.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i == repr.length();
            }
        }
        return false;
    }

    /** The content of a str or bytes repr ({@code 'a\\n'}, {@code u'x'}, {@code b"y"}); an unclosed one is read to its end. */
    static String decodeRepr(String repr) {
        int i = prefixLength(repr);
        if (i >= repr.length()) {
            return "";
        }
        char quote = repr.charAt(i++);
        StringBuilder out = new StringBuilder();
        while (i < repr.length()) {
            char c = repr.charAt(i++);
            if (c == quote) {
                break;
            }
            if (c != '\\' || i >= repr.length()) {
                out.append(c);
                continue;
            }
            char e = repr.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case 'x' -> i = hex(repr, i, 2, out);
                case 'u' -> i = hex(repr, i, 4, out);
                case 'U' -> i = hex(repr, i, 8, out);
                case '\\', '\'', '"' -> out.append(e);
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    private static int prefixLength(String repr) {
        int i = 0;
        while (i < repr.length() && "ubrUBR".indexOf(repr.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static int hex(String repr, int at, int digits, StringBuilder out) {
        if (at + digits > repr.length()) {
            out.append(repr, at - 2, repr.length());
            return repr.length();
        }
        try {
            out.appendCodePoint(Integer.parseInt(repr.substring(at, at + digits), 16));
        } catch (IllegalArgumentException e) {
            out.append(repr, at - 2, at + digits);
        }
        return at + digits;
    }
}
