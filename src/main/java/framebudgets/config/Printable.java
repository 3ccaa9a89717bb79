package framebudgets.config;

/**
 * Names as they may appear in a log line or a message: telemetry and settings can hold control
 * characters (NUL, newlines, a right-to-left override) that would forge or scramble log lines, and
 * names of any length. Control, format (bidi) and line-separator characters become {@code \\uXXXX},
 * and very long names are cut with their length said.
 */
public final class Printable {
    /** Longest name shown in full. */
    public static final int MAX_SHOWN = 200;

    private Printable() {}

    /** {@code name} between single quotes, escaped and cut; {@code null} for null. */
    public static String quoted(String name) {
        return name == null ? "null" : "'" + escaped(name) + "'";
    }

    /** {@code name} escaped and cut, without quotes. */
    public static String escaped(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < name.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = name.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || c == '\\') {
                out.append(c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (name.length() > MAX_SHOWN) {
            out.append("... (").append(name.length()).append(" characters)");
        }
        return out.toString();
    }
}
