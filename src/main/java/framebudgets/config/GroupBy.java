package framebudgets.config;

/** How spans are grouped in the report: by configured budget, or each span name on its own. */
public enum GroupBy {
    BUDGET("budget"),
    SPAN_NAME("span-name");

    private final String configName;

    GroupBy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static GroupBy fromConfig(String key, String value) {
        for (GroupBy g : values()) {
            if (g.configName.equals(value)) {
                return g;
            }
        }
        throw new SettingsException(key + ": '" + value + "' is not a grouping; use budget or span-name");
    }
}
