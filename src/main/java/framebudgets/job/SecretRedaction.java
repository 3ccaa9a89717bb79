package framebudgets.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's redaction patterns widened to the credentials the flightsql source can be handed. Spark
 * hides options and settings named like a token, password or secret, but not an
 * {@code authorization} header, and it prints a {@code CREATE TABLE ... OPTIONS} plan's options
 * with its default pattern whatever is configured; so a bearer or basic credential would show in
 * the Spark UI's SQL tab and in explain output. Two settings close that: the names
 * ({@code spark.redaction.regex}, which also covers the environment tab and {@code DESCRIBE}) and
 * the credential values anywhere in a plan's text ({@code spark.sql.redaction.string.regex}).
 * A pattern the user configured is kept as given.
 */
public final class SecretRedaction {
    /** Spark's default {@code spark.redaction.regex}, plus authorization headers and bearer values. */
    public static final String NAMES = "(?i)secret|password|token|access[.]?key|authorization|bearer";
    /** An HTTP credential ({@code Bearer ...}, {@code Basic ...}) wherever a plan's text shows one. */
    public static final String VALUES = "(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+";

    private static final String NAMES_KEY = "spark.redaction.regex";
    private static final String VALUES_KEY = "spark.sql.redaction.string.regex";

    private SecretRedaction() {}

    /** Sets both patterns on {@code builder}, each unless {@code given} (spark-submit's settings) has it. */
    public static SparkSession.Builder configure(SparkSession.Builder builder, SparkConf given) {
        if (!given.contains(NAMES_KEY)) {
            builder.config(NAMES_KEY, NAMES);
        }
        if (!given.contains(VALUES_KEY)) {
            builder.config(VALUES_KEY, VALUES);
        }
        return builder;
    }
}
