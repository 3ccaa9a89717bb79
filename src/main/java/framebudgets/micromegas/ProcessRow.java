package framebudgets.micromegas;

import java.io.Serializable;

/** A process of the report window, as discovered from micromegas' blocks. */
public record ProcessRow(String processId, String exe, String username, String computer) implements Serializable {}
