package framebudgets.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time window a run reports on, as the half-open interval [from, to) in UTC, and the report
 * date it is filed under (the Delta partition a rerun replaces). A frame belongs to the window
 * when it begins inside it, so consecutive nightly windows never count a frame twice nor drop
 * one that crosses midnight.
 */
public record ReportWindow(Instant from, Instant to, LocalDate reportDate) {
    private static final Instant LAST_NANOSECOND_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    public ReportWindow {
        if (!from.isBefore(to)) {
            throw new SettingsException("report window: from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** The whole UTC day {@code date}. */
    public static ReportWindow ofDate(LocalDate date) {
        return new ReportWindow(
                date.atStartOfDay(ZoneOffset.UTC).toInstant(),
                date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                date);
    }

    /**
     * The window of a run: command-line values win over the config file; with neither, yesterday
     * in UTC according to {@code clock}. {@code cliDate}, {@code cliFrom} and {@code cliTo} may be null.
     */
    public static ReportWindow resolve(WindowSettings configured, String cliDate, String cliFrom, String cliTo, Clock clock) {
        boolean cliRange = cliFrom != null || cliTo != null;
        if (cliDate != null && cliRange) {
            throw new SettingsException("--date cannot be combined with --from/--to");
        }
        if (cliRange && (cliFrom == null || cliTo == null)) {
            throw new SettingsException("--from and --to must be given together");
        }
        if (cliDate != null) {
            return plausible("--date", ofDate(parseDate("--date", cliDate)), clock);
        }
        if (cliRange) {
            return plausible("--from", ofRange("--from", cliFrom, "--to", cliTo), clock);
        }
        if (!configured.date().isEmpty()) {
            return plausible("framebudgets.window.date", ofDate(parseDate("framebudgets.window.date", configured.date())), clock);
        }
        if (!configured.from().isEmpty()) {
            return plausible("framebudgets.window.from",
                    ofRange("framebudgets.window.from", configured.from(), "framebudgets.window.to", configured.to()), clock);
        }
        return ofDate(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1));
    }

    /**
     * A window telemetry can be in: it has begun (a window in the future has nothing to report, and
     * is most likely a typo), and it lies in 1970..2262, where times fit micromegas' nanosecond
     * timestamps.
     */
    private static ReportWindow plausible(String key, ReportWindow w, Clock clock) {
        if (w.from().isBefore(Instant.EPOCH) || w.to().isAfter(LAST_NANOSECOND_TIME)) {
            throw new SettingsException(key + ": window [" + w.from() + ", " + w.to() + ") is outside the times telemetry "
                    + "can have (1970 to 2262-04-11)");
        }
        if (!w.from().isBefore(clock.instant())) {
            throw new SettingsException(key + ": window [" + w.from() + ", " + w.to() + ") starts in the future");
        }
        return w;
    }

    private static ReportWindow ofRange(String fromKey, String from, String toKey, String to) {
        Instant begin = SettingsLoader.rfc3339(fromKey, from).toInstant();
        Instant end = SettingsLoader.rfc3339(toKey, to).toInstant();
        if (!begin.isBefore(end)) {
            throw new SettingsException(fromKey + " (" + from + ") must be before " + toKey + " (" + to + ")");
        }
        return new ReportWindow(begin, end, LocalDate.ofInstant(begin, ZoneOffset.UTC));
    }

    private static LocalDate parseDate(String key, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new SettingsException(key + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
