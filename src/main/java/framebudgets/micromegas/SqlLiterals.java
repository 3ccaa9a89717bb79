package framebudgets.micromegas;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns values into SQL text for micromegas' DataFusion dialect (and DuckDB, which the stand-in
 * runs): string literals in single quotes with embedded quotes doubled (neither dialect treats a
 * backslash as an escape), identifiers in double quotes. Ids are checked to be UUIDs, as micromegas
 * requires, so a bad id is rejected before any query is sent.
 */
public final class SqlLiterals {
    private SqlLiterals() {}

    /** {@code 'value'} with {@code '} doubled; NUL characters are refused. */
    public static String string(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a SQL string literal cannot be null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL string literal cannot contain a NUL character: " + printable(value));
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code "name"} with {@code "} doubled. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable SQL identifier: " + printable(name));
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code ('a', 'b')} for an IN list; the collection must not be empty. */
    public static String stringList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return values.stream().map(SqlLiterals::string).collect(Collectors.joining(", ", "(", ")"));
    }

    /** The id as a quoted literal after checking it is a UUID; {@code what} names it in the error. */
    public static String uuid(String what, String id) {
        if (id == null || !isUuid(id)) {
            throw new IllegalArgumentException(what + " '" + printable(id) + "' is not a UUID");
        }
        return string(id);
    }

    static boolean isUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replace("\0", "\\0");
    }
}
