package dev.pyprobe.server.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the small subset of Python that can be answered by reading memory: a name, then
 * {@code .attr} and {@code [int]} / {@code ['str']} accesses. Everything else is rejected with a
 * message naming the construct, because evaluating it would mean running code in the target.
 */
public final class ExpressionParser {
    /** Longer input is not an inspection expression anyone types; refuse before scanning it. */
    public static final int MAX_LENGTH = 1000;

    static final String ACCEPTED = "pyprobe evaluates only names, attributes and items read from memory "
            + "(x, x.attr, d['key'], items[3])";
    private static final String NO_CODE = "pyprobe never runs code in the target process";

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "lambda",
            "await", "yield", "for", "async", "import", "from", "del", "global", "nonlocal", "assert", "pass",
            "return", "raise", "try", "except", "finally", "while", "with", "as", "def", "class", "break",
            "continue", "elif");
    private static final String OPERATOR_CHARS = "+-*/%@<>=!&|^~";

    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    public static Expression parse(String text) throws ExpressionException {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("empty expression: " + ACCEPTED);
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("expression longer than " + MAX_LENGTH + " characters: " + ACCEPTED);
        }
        return new ExpressionParser(text).expression();
    }

    private Expression expression() throws ExpressionException {
        skipSpaces();
        String name = identifier("a name");
        List<Expression.Step> steps = new ArrayList<>();
        skipSpaces();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.') {
                pos++;
                skipSpaces();
                steps.add(new Expression.Attribute(identifier("an attribute name after '.'")));
            } else if (c == '[') {
                pos++;
                skipSpaces();
                steps.add(new Expression.Item(key()));
                skipSpaces();
                expect(']');
            } else {
                throw unexpected();
            }
            skipSpaces();
        }
        return new Expression(name, steps);
    }

    private String identifier(String what) throws ExpressionException {
        int start = pos;
        if (at('_') || pos < text.length() && Character.isUnicodeIdentifierStart(text.charAt(pos))) {
            pos++;
            while (pos < text.length() && Character.isUnicodeIdentifierPart(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos == start) {
            throw pos < text.length() ? unexpected() : new ExpressionException(
                    "expression ends where " + what + " is expected: " + ACCEPTED);
        }
        String name = text.substring(start, pos);
        if (KEYWORDS.contains(name)) {
            throw keyword(name);
        }
        return name;
    }

    private static ExpressionException keyword(String word) {
        return new ExpressionException("'" + word + "' is a Python keyword; operators and statements are not "
                + "evaluated because " + NO_CODE + ": " + ACCEPTED);
    }

    private String wordAt(int from) {
        int end = from;
        while (end < text.length() && Character.isUnicodeIdentifierPart(text.charAt(end))) {
            end++;
        }
        return text.substring(from, end);
    }

    private Expression.Key key() throws ExpressionException {
        if ((at('u') || at('U')) && quoteAt(pos + 1)) {
            // Python 2 shows its unicode keys as u'k'; Python 3 reads the prefix as a plain str.
            pos++;
        }
        if (at('\'') || at('"')) {
            return new Expression.StrKey(string());
        }
        int start = pos;
        if (at('-')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digits) {
            pos = start;
            if (at(':')) {
                throw new ExpressionException("slices are not supported: " + ACCEPTED);
            }
            if (at(']')) {
                throw new ExpressionException("empty item key at column " + (pos + 1) + ": " + ACCEPTED);
            }
            throw new ExpressionException("item keys must be an int or a str literal (column " + (pos + 1)
                    + "); computed keys would mean running code, and " + NO_CODE + ": " + ACCEPTED);
        }
        try {
            return new Expression.IntKey(Long.parseLong(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw new ExpressionException("item index " + text.substring(start, pos) + " is out of range");
        }
    }

    private String string() throws ExpressionException {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '\'', '"' -> out.append(e);
                default -> throw new ExpressionException("unsupported escape \\" + e + " in a string key");
            }
        }
        throw new ExpressionException("string key is not closed: missing " + quote);
    }

    private void expect(char c) throws ExpressionException {
        if (!at(c)) {
            throw pos < text.length() ? unexpected()
                    : new ExpressionException("expression ends before '" + c + "': " + ACCEPTED);
        }
        pos++;
    }

    private ExpressionException unexpected() {
        char c = text.charAt(pos);
        String column = " at column " + (pos + 1);
        if (c == '(') {
            return new ExpressionException("calls are not evaluated" + column + " because " + NO_CODE + ": " + ACCEPTED);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return new ExpressionException("operator '" + c + "'" + column + " is not evaluated because "
                    + NO_CODE + ": " + ACCEPTED);
        }
        if (c == ':') {
            return new ExpressionException("slices are not supported" + column + ": " + ACCEPTED);
        }
        String word = wordAt(pos);
        if (KEYWORDS.contains(word)) {
            return keyword(word);
        }
        if (pos > 0 && Character.isLetterOrDigit(c)) {
            return new ExpressionException("unexpected '" + c + "'" + column + ": only one name with attributes "
                    + "and items is accepted; " + ACCEPTED);
        }
        return new ExpressionException("unexpected '" + c + "'" + column + ": " + ACCEPTED);
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean quoteAt(int i) {
        return i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
