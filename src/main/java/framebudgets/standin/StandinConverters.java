package framebudgets.standin;

import picocli.CommandLine;

/** Converters of the stand-in's command-line options that picocli has no built-in for. */
final class StandinConverters {
    private StandinConverters() {}

    /** {@code newest} or {@code 0.11}. */
    static final class Profile implements CommandLine.ITypeConverter<MicromegasProfile> {
        @Override
        public MicromegasProfile convert(String value) {
            return MicromegasProfile.parse(value);
        }
    }

    /** A duration like {@code 90s}, {@code 5m}, {@code 1h}, {@code 0s} or ISO-8601 ({@code PT90S}). */
    static final class Lag implements CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            String v = value.trim();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(v);
            java.time.Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> java.time.Duration.ofMillis(n);
                    case "s" -> java.time.Duration.ofSeconds(n);
                    case "m" -> java.time.Duration.ofMinutes(n);
                    default -> java.time.Duration.ofHours(n);
                };
            } else {
                try {
                    d = java.time.Duration.parse(v);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, 1h)");
                }
            }
            if (d.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is negative");
            }
            return d;
        }
    }
}
