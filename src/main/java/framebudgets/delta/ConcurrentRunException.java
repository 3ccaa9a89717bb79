package framebudgets.delta;

/**
 * Another run wrote the same report window of a table while this run was writing it. Delta kept
 * exactly one of the two (no duplicate rows); this run's rows for that table were not committed.
 */
public final class ConcurrentRunException extends RuntimeException {
    public ConcurrentRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
