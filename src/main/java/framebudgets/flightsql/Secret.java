package framebudgets.flightsql;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * A token, password or private key carried from the driver to the executors. It prints as
 * {@code <redacted>} so it cannot leak through toString(), plans or logs by accident.
 */
final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] value;

    Secret(byte[] value) {
        this.value = value.clone();
    }

    static Secret of(String value) {
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    byte[] revealBytes() {
        return value.clone();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
