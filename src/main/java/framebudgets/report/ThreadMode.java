package framebudgets.report;

/** Which threads' spans are assigned to the main thread's frames. */
public enum ThreadMode {
    /** Only spans of the stream the frame came from (the seed's behaviour). */
    MAIN_THREAD,
    /** Spans of every stream of the frame's process, assigned by time alone. */
    ALL_THREADS
}
