package framebudgets.micromegas;

import java.io.Serializable;

/** A CPU stream (one thread) of a process; {@code threadName} is its {@code thread-name} property, or null. */
public record ThreadStream(String processId, String streamId, String threadName) implements Serializable {}
