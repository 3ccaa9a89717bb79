package framebudgets.micromegas;

/**
 * Recognises micromegas' answer for telemetry its maintenance daemon has not materialized yet.
 * Since 0.27 {@code view_instance('thread_spans', id)} looks the stream up in the materialized
 * {@code streams} view and its process in {@code processes}; a stream whose blocks already show in
 * {@code blocks} can still be missing there for a minute or so, and the query then fails with
 * "Stream not found" (or "Process not found"). That is late data, not a broken process: the run
 * skips the process with this reason, and a later rerun of the window reports it.
 */
public final class NotMaterialized {
    private static final String[] MESSAGES = {"Stream not found", "Process not found"};

    private NotMaterialized() {}

    /** True when a failed read's message is micromegas' "not materialized yet" answer. */
    public static boolean matches(String message) {
        if (message == null) {
            return false;
        }
        for (String m : MESSAGES) {
            if (message.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** The run log's reason for a process skipped because its stream was not materialized yet. */
    public static String reason(String streamId, String message) {
        return "not materialized yet by the micromegas maintenance daemon (stream " + streamId
                + "): rerun the window later; server said: " + message;
    }
}
