package framebudgets.job;

/**
 * The words a failed run prints and writes to its run log. A throwable without a message (Arrow
 * Java's UnsupportedOperationException on a FlightInfo it cannot read, a NullPointerException) is
 * named by its class instead of printing "null".
 */
public final class FailureReason {
    private FailureReason() {}

    /** {@code failure}'s message, or {@code ClassName (no message)} when it has none. */
    public static String of(Throwable failure) {
        String message = failure.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        return failure.getClass().getName() + " (no message)";
    }
}
