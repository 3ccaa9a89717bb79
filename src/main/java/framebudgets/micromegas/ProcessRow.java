package framebudgets.micromegas;

import java.io.Serializable;

/**
 * A process of the report window, as discovered from micromegas' blocks; {@code build} is the value
 * of the configured build property, null when the process lacks it (or no build property is set).
 */
public record ProcessRow(String processId, String exe, String username, String computer, String build)
        implements Serializable {}
