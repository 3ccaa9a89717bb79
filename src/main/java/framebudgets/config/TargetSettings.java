package framebudgets.config;

import java.time.Duration;
import java.util.Map;

/**
 * What the report judges against: a target per budget for its time in a frame, a target for the
 * frame itself, and the frame time above which a frame is a hitch.
 *
 * @param budgets budget (or span name with group-by span-name) -> target; budgets without a target are absent
 */
public record TargetSettings(Map<String, Duration> budgets, Duration frameTarget, Duration hitchThreshold) {}
