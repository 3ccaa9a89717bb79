package framebudgets.standin.telemetry;

import java.util.Objects;

/** One micromegas property: an entry of a {@code properties} list (key and value never null). */
public record Property(String key, String value) {
    public Property {
        Objects.requireNonNull(key, "property key");
        Objects.requireNonNull(value, "property value");
    }

    public static Property of(String key, String value) {
        return new Property(key, value);
    }
}
