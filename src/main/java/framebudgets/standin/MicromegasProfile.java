package framebudgets.standin;

import java.util.Locale;

/**
 * Which micromegas the stand-in imitates. {@link #NEWEST} (the default) speaks the surface of
 * micromegas 0.29-0.33: JSONB properties ({@code Binary}), the new columns
 * ({@code processes.last_block_end_*}, {@code streams.format}, {@code blocks."streams.format"}), the
 * blocks range rule on insert time, INVALID_ARGUMENT/RESOURCE_EXHAUSTED/UNIMPLEMENTED status codes
 * with a {@code (query_id=...)} suffix, {@code jsonb_format_json}, and "Stream not found" for streams
 * the maintenance daemon has not materialized yet. {@link #V0_11} keeps micromegas 0.11's surface
 * (properties as {@code List<Struct<key,value>>}, every error INTERNAL).
 */
public enum MicromegasProfile {
    NEWEST("newest"),
    V0_11("0.11");

    private final String label;

    MicromegasProfile(String label) {
        this.label = label;
    }

    /** The name on the command line ({@code --micromegas newest|0.11}). */
    public String label() {
        return label;
    }

    /** The DuckDB search path of a request: the newest views shadow the 0.11 ones of {@code main}. */
    String searchPath() {
        return this == NEWEST ? "newest,main" : "main";
    }

    /** Parses {@code newest} or {@code 0.11} (also {@code 0.11.0}); anything else names the choices. */
    public static MicromegasProfile parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "newest", "latest" -> NEWEST;
            case "0.11", "0.11.0" -> V0_11;
            default -> throw new IllegalArgumentException("--micromegas: '" + text + "' is not a known version; use newest or 0.11");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
