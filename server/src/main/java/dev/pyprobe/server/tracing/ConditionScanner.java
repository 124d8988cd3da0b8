package dev.pyprobe.server.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the comparison operators of a condition outside string literals and brackets, and refuses
 * the Python constructs a single comparison cannot hold (boolean operators, membership tests,
 * assignment) with a message naming them.
 */
final class ConditionScanner {
    private static final Set<String> REFUSED_WORDS = Set.of("and", "or", "not", "in", "lambda", "if", "else");

    private ConditionScanner() {
    }

    static List<Condition.OperatorAt> operators(String text) {
        List<Condition.OperatorAt> found = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipString(text, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            }
            if (depth != 0) {
                i++;
                continue;
            }
            if (Character.isUnicodeIdentifierStart(c) || c == '_') {
                int end = wordEnd(text, i);
                String word = text.substring(i, end);
                boolean attribute = i > 0 && text.charAt(i - 1) == '.';
                if (!attribute && word.equals("is")) {
                    int next = skipSpaces(text, end);
                    int notEnd = next < text.length() ? wordEnd(text, next) : next;
                    if (text.substring(next, notEnd).equals("not")) {
                        found.add(new Condition.OperatorAt(Condition.Operator.IS_NOT, i, notEnd));
                        i = notEnd;
                    } else {
                        found.add(new Condition.OperatorAt(Condition.Operator.IS, i, end));
                        i = end;
                    }
                    continue;
                }
                if (!attribute && REFUSED_WORDS.contains(word)) {
                    throw new HitRuleException("Condition '" + text + "' uses '" + word + "', which pyprobe "
                            + "does not evaluate: " + Condition.ACCEPTED + ".");
                }
                i = end;
                continue;
            }
            Condition.Operator symbol = symbolAt(text, i);
            if (symbol != null) {
                found.add(new Condition.OperatorAt(symbol, i, i + symbol.text.length()));
                i += symbol.text.length();
                continue;
            }
            if (c == '=') {
                throw new HitRuleException("Condition '" + text + "' has '=' at column " + (i + 1)
                        + ": compare with '=='; " + Condition.ACCEPTED + ".");
            }
            i++;
        }
        return found;
    }

    private static Condition.Operator symbolAt(String text, int at) {
        for (Condition.Operator op : Condition.Operator.values()) {
            if (!op.identity() && text.startsWith(op.text, at)) {
                return op;
            }
        }
        return null;
    }

    private static int skipString(String text, int at) {
        char quote = text.charAt(at);
        int i = at + 1;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length();
    }

    private static int wordEnd(String text, int at) {
        int i = at;
        while (i < text.length() && Character.isUnicodeIdentifierPart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int at) {
        int i = at;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
