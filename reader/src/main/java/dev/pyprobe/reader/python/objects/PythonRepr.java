package dev.pyprobe.reader.python.objects;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Text formatting the way Python's {@code repr()} does it, for strings, bytes and floats. */
final class PythonRepr {
    private PythonRepr() {
    }

    /** repr of a str (Python 3) or unicode (Python 2: {@code u'...'} with non-ASCII escaped). */
    static String str(String s, boolean python2) {
        StringBuilder out = new StringBuilder(s.length() + 3);
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        if (python2) {
            out.append('u');
        }
        out.append(quote);
        s.codePoints().forEach(cp -> appendCodePoint(out, cp, quote, python2));
        return out.append(quote).toString();
    }

    private static void appendCodePoint(StringBuilder out, int cp, char quote, boolean asciiOnly) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
        } else if (cp == '\n') {
            out.append("\\n");
        } else if (cp == '\r') {
            out.append("\\r");
        } else if (cp == '\t') {
            out.append("\\t");
        } else if (cp < 0x20 || cp == 0x7f) {
            out.append(String.format("\\x%02x", cp));
        } else if (cp < 0x7f) {
            out.appendCodePoint(cp);
        } else if (asciiOnly || !isPrintable(cp)) {
            if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        } else {
            out.appendCodePoint(cp);
        }
    }

    /** Close to Python's str.isprintable for the characters that matter in practice. */
    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return cp != 0xa0 && cp != 0xad && type != Character.CONTROL && type != Character.FORMAT
                && type != Character.UNASSIGNED && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && type != Character.SPACE_SEPARATOR && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    /** repr of bytes: {@code b'...'} in Python 3, {@code '...'} for a Python 2 str. */
    static String bytes(byte[] data, boolean python2) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : data) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(data.length + 3);
        if (!python2) {
            out.append('b');
        }
        out.append(quote);
        for (byte b : data) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    /**
     * repr of a float: the shortest digits that round-trip, in fixed notation for exponents from
     * -4 to 15 and in scientific notation ({@code 1e+16}) outside, as Python prints them.
     */
    /**
     * The decimal with the fewest digits that reads back as {@code d}. (Java 17's
     * Double.toString is not always the shortest; Python's repr is.) The closest p-digit decimal
     * round-trips whenever any p-digit decimal does, so trying p = 1, 2, ... finds it.
     */
    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = shortestRoundTrip(d);
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -5 + 1 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
