package framebudgets.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import framebudgets.report.BudgetMap;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of the settings that look at more than one value's syntax: whole numbers, the budget
 * map's rules (reused from {@link BudgetMap}) and the source's files and headers ({@link OutputRoot}
 * checks the output root). They run before Spark starts or any server is contacted, and each
 * failure names the user's setting; values that may be secret (token, header values) are never
 * repeated.
 */
final class SettingsChecks {
    /** An HTTP/2 header name as gRPC accepts it (lower case is applied by gRPC itself). */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private SettingsChecks() {}

    /** The integer at {@code path} of {@code c} (under framebudgets), refusing a fraction such as 2.5. */
    static int wholeNumber(Config c, String path) {
        ConfigValue value = c.getValue(path);
        Object unwrapped = value.unwrapped();
        if (value.valueType() == ConfigValueType.NUMBER && !(unwrapped instanceof Integer || unwrapped instanceof Long)) {
            throw new SettingsException("framebudgets." + path + ": " + unwrapped + " is not a whole number");
        }
        return c.getInt(path);
    }

    /** The budget map's own rules: a span name or glob in two budgets, blank names. */
    static void budgets(Map<String, java.util.List<String>> budgets) {
        try {
            BudgetMap.of(budgets);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("framebudgets." + e.getMessage());
        }
    }

    static void port(String key, URI uri) {
        if (uri.getPort() > 65535) {
            throw new SettingsException(key + ": port " + uri.getPort() + " is out of range (1-65535)");
        }
    }

    /** A token file must hold a token (its content is never shown). */
    static void tokenFile(String key, String path) {
        if (path.isEmpty()) {
            return;
        }
        try {
            if (Files.readString(Path.of(path)).isBlank()) {
                throw new SettingsException(key + ": file " + path + " is empty (it must hold the token)");
            }
        } catch (IOException e) {
            throw new SettingsException(key + ": file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The trusted roots must be PEM (or DER) certificates. */
    static void certificates(String key, String path) {
        if (path.isEmpty()) {
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new SettingsException(key + ": file " + path + " holds no certificate (PEM or DER X.509 expected)");
            }
        } catch (CertificateException e) {
            throw new SettingsException(key + ": file " + path + " is not a certificate file (PEM or DER X.509 expected)");
        } catch (IOException e) {
            throw new SettingsException(key + ": file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Header names must be header names; values may not hold control characters (the value is never shown). */
    static void headers(Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String key = "framebudgets.source.headers." + Printable.escaped(h.getKey());
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                throw new SettingsException(key + ": not a valid header name (letters, digits and !#$%&'*+.^_`|~-)");
            }
            if (h.getKey().equalsIgnoreCase("authorization")) {
                throw new SettingsException(key + ": set the token with framebudgets.source.token-env or token-file, "
                        + "not as a header");
            }
            if (h.getValue().chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                throw new SettingsException(key + ": the value contains a newline or another control character");
            }
        }
    }
}
