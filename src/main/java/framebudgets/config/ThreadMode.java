package framebudgets.config;

/** Which threads' spans are assigned to the main thread's frames. */
public enum ThreadMode {
    /** Only the main thread's own spans, as micromegas' seed implementation does. */
    MAIN_THREAD("main-thread"),
    /** Spans of every CPU stream of the process, assigned to the main thread's frames by time. */
    ALL_THREADS("all-threads");

    private final String configName;

    ThreadMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static ThreadMode fromConfig(String key, String value) {
        for (ThreadMode mode : values()) {
            if (mode.configName.equals(value)) {
                return mode;
            }
        }
        throw new SettingsException(key + ": '" + value + "' is not a thread mode; use main-thread or all-threads");
    }
}
