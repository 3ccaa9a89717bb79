package framebudgets.standin.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of micromegas' {@code processes}: one instrumented program run. Times are UTC epoch
 * nanoseconds; {@code parentProcessId} is empty when there is no parent.
 */
public record ProcessInfo(
        UUID processId,
        String exe,
        String username,
        String realname,
        String computer,
        String distro,
        String cpuBrand,
        long tscFrequency,
        long startTimeNs,
        long startTicks,
        long insertTimeNs,
        String parentProcessId,
        List<Property> properties) {

    public ProcessInfo {
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(exe, "exe");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realname, "realname");
        Objects.requireNonNull(computer, "computer");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(cpuBrand, "cpuBrand");
        Objects.requireNonNull(parentProcessId, "parentProcessId");
        properties = List.copyOf(properties);
        if (tscFrequency <= 0) {
            throw new IllegalArgumentException("tscFrequency must be positive, got " + tscFrequency);
        }
    }

    /** Ticks of this process's clock at {@code timeNs}, as micromegas stores them in blocks. */
    public long ticksAt(long timeNs) {
        return startTicks + Math.round((double) (timeNs - startTimeNs) * tscFrequency / 1e9);
    }
}
