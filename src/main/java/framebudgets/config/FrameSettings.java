package framebudgets.config;

/** What a frame is: spans named {@code spanName} (exact or glob) on the thread named {@code mainThread}. */
public record FrameSettings(String spanName, String mainThread) {}
