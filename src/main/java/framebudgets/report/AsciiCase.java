package framebudgets.report;

/**
 * ASCII-only lower-casing: micromegas compares span names with {@code eq_ignore_ascii_case}, so
 * non-ASCII letters must keep their case (Java's {@code toLowerCase} would fold them too).
 */
final class AsciiCase {
    private AsciiCase() {}

    static String fold(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
