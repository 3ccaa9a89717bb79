package framebudgets.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a report is compared with, and when a budget's change is a regression.
 *
 * @param date empty = each executable's previous report; else its report of that date
 * @param regressionThresholdPercent growth of a budget's p95 above which it regresses, in percent
 * @param minChange smallest growth of a budget's p95 that can be a regression
 */
public record BaselineSettings(Optional<LocalDate> date, double regressionThresholdPercent, Duration minChange) {}
