package framebudgets.config;

/** A configuration value that cannot be used; the message names the key (and the value when it is not a secret). */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
