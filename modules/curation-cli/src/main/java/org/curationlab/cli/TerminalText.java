package org.curationlab.cli;

/**
 * Text from your data made safe to print on a terminal: a key, label or caption may hold ESC
 * sequences (which a terminal obeys: colours, cursor moves, a cleared screen, a changed title), a
 * carriage return (which overwrites the line shown) or invisible format characters (a right-to-left
 * override turns the rest of the line around). Such characters are shown as escapes ({@code \e},
 * {@code \r}, {@code \u202E}), so what the data holds stays visible and nothing acts on the terminal.
 */
final class TerminalText {
    private TerminalText() {
    }

    /**
     * {@code s} with every character that is not printable escaped: C0 and C1 controls (tab, line
     * breaks and ESC included), DEL, format characters (bidirectional overrides, zero-width
     * characters), line and paragraph separators, lone surrogates, private-use and unassigned code points.
     */
    static String escaped(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(switch (cp) {
                    case 0x1B -> "\\e";
                    case '\r' -> "\\r";
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    default -> cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp);
                });
            }
        });
        return sb.toString();
    }

    /**
     * A caption on one line: runs of white space (spaces, tabs, line breaks, carriage returns) are
     * one space, as a caption's line breaks are not part of what it says; everything else not
     * printable is escaped as {@link #escaped} does.
     */
    static String oneLine(String caption) {
        return escaped(caption.replaceAll("[\\s\\u0085\\u2028\\u2029]+", " "));
    }

    static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
