package framebudgets.config;

/** The report window as configured: a UTC date, or an RFC3339 range, or neither (yesterday). */
public record WindowSettings(String date, String from, String to) {}
