package framebudgets.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import framebudgets.report.ReportOptions;
import framebudgets.report.ThreadMode;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loads {@link ReportSettings} with Typesafe Config (reference.conf defaults, then a config file,
 * then {@code -D} system properties) and validates everything at start, so a bad value fails the
 * run before anything is read or written, with the key at fault in the message.
 */
public final class SettingsLoader {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> URI_SCHEMES = Set.of("grpc", "grpc+tcp", "grpc+tls");

    private SettingsLoader() {}

    /** Defaults overridden by system properties (no file). */
    public static ReportSettings load() {
        return load(ConfigFactory.empty());
    }

    /** Defaults, overridden by {@code file}, overridden by system properties. */
    public static ReportSettings load(Path file) {
        File f = file.toFile();
        if (!f.isFile() || !f.canRead()) {
            throw new SettingsException("config file " + file + " does not exist or is not readable");
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(f, com.typesafe.config.ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException.IO e) {
            throw new SettingsException("config file " + file + ": an include cannot be read: " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new SettingsException("config file " + file + " cannot be parsed: " + e.getMessage(), e);
        }
        return load(parsed);
    }

    /** Defaults overridden by {@code overrides} (a parsed file or a test's map), overridden by system properties. */
    public static ReportSettings load(Config overrides) {
        Config reference = ConfigFactory.defaultReference();
        Config config;
        try {
            config = ConfigFactory.defaultOverrides()
                    .withFallback(overrides)
                    .withFallback(reference)
                    .resolve();
        } catch (ConfigException e) {
            throw new SettingsException("configuration cannot be resolved: " + e.getMessage(), e);
        }
        List<String> unknown = UnknownKeys.find(config, reference);
        if (!unknown.isEmpty()) {
            throw new SettingsException("unknown configuration key(s): " + String.join(", ", unknown));
        }
        try {
            return validate(read(config.getConfig("framebudgets")));
        } catch (ConfigException e) {
            throw new SettingsException(e.getMessage(), e);
        }
    }

    private static ReportSettings read(Config c) {
        SourceSettings source = new SourceSettings(
                c.getString("source.uri"),
                c.getString("source.token-env"),
                c.getString("source.token-file"),
                c.getString("source.trusted-roots"),
                stringMap(c, "source.headers"),
                new OidcSettings(
                        c.getString("source.oidc.issuer").trim(),
                        c.getString("source.oidc.client-id").trim(),
                        c.getString("source.oidc.client-secret-env").trim(),
                        c.getString("source.oidc.client-secret-file"),
                        c.getString("source.oidc.audience").trim(),
                        c.getString("source.oidc.scope").trim()));
        WindowSettings window = new WindowSettings(
                c.getString("window.date"), c.getString("window.from"), c.getString("window.to"));
        ProcessFilter processes = new ProcessFilter(
                c.getStringList("processes.exe"),
                c.getStringList("processes.username"),
                c.getStringList("processes.computer"),
                c.getString("processes.property.key"),
                c.getStringList("processes.property.values"),
                c.getString("processes.has-thread"),
                SettingsChecks.wholeNumber(c, "processes.max-count"),
                c.getString("processes.build-property"));
        FrameSettings frames = new FrameSettings(c.getString("frames.span-name"), c.getString("frames.main-thread"));
        OutputSettings output = new OutputSettings(
                c.getString("output.root"),
                c.getString("output.tables.aggregates-by-process"),
                c.getString("output.tables.aggregates-by-exe"),
                c.getString("output.tables.top-offenders"),
                c.getString("output.tables.frame-stats"),
                c.getString("output.tables.run-log"),
                c.getString("output.tables.frames-by-process"),
                c.getString("output.tables.frames-by-exe"),
                c.getString("output.tables.budget-changes"),
                c.getString("output.tables.hitches"),
                c.getBoolean("output.frame-stats"),
                c.getBoolean("output.html-report"),
                c.getString("output.catalog-database"));
        return new ReportSettings(
                source,
                window,
                processes,
                frames,
                threadMode(c.getString("threads")),
                GroupBy.fromConfig("framebudgets.group-by", c.getString("group-by")),
                budgets(c),
                c.getString("other-budget"),
                SettingsChecks.wholeNumber(c, "top-offenders"),
                new TargetSettings(targets(c), c.getDuration("frame-target"), c.getDuration("hitch-threshold")),
                new BaselineSettings(
                        c.getString("baseline.date").isEmpty() ? Optional.empty()
                                : Optional.of(date("framebudgets.baseline.date", c.getString("baseline.date"))),
                        percent("framebudgets.baseline.regression-threshold", c.getValue("baseline.regression-threshold")),
                        c.getDuration("baseline.min-change")),
                output);
    }

    private static Map<String, Duration> targets(Config c) {
        Map<String, Duration> out = new TreeMap<>();
        for (String budget : c.getObject("targets").keySet()) {
            String path = "targets." + com.typesafe.config.ConfigUtil.joinPath(budget);
            out.put(budget, c.getDuration(path));
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code 10%}, {@code "12.5%"} or a bare number of percent. */
    private static double percent(String key, ConfigValue value) {
        String text = String.valueOf(value.unwrapped()).trim();
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
        try {
            double percent = Double.parseDouble(number);
            if (percent >= 0 && !Double.isInfinite(percent)) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new SettingsException(key + ": '" + text + "' is not a percentage >= 0 such as 10%");
    }

    private static LocalDate date(String key, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new SettingsException(key + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static ThreadMode threadMode(String value) {
        return switch (value) {
            case "main-thread" -> ThreadMode.MAIN_THREAD;
            case "all-threads" -> ThreadMode.ALL_THREADS;
            default -> throw new SettingsException(
                    "framebudgets.threads: '" + value + "' is not a thread mode; use main-thread or all-threads");
        };
    }

    private static Map<String, String> stringMap(Config c, String path) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getObject(path).entrySet()) {
            if (e.getValue().valueType() == ConfigValueType.OBJECT || e.getValue().valueType() == ConfigValueType.LIST) {
                throw new SettingsException("framebudgets." + path + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, List<String>> budgets(Config c) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(c.getObject("budgets").keySet());
        Collections.sort(names);
        for (String budget : names) {
            String key = "framebudgets.budgets." + com.typesafe.config.ConfigUtil.joinPath(budget);
            ConfigValue value = c.getObject("budgets").get(budget);
            List<String> patterns = new ArrayList<>();
            if (value.valueType() == ConfigValueType.STRING) {
                patterns.add((String) value.unwrapped());
            } else if (value.valueType() == ConfigValueType.LIST) {
                for (Object o : (List<?>) value.unwrapped()) {
                    if (!(o instanceof String s)) {
                        throw new SettingsException(key + " must be a list of span names or globs, found " + o);
                    }
                    patterns.add(s);
                }
            } else {
                throw new SettingsException(key + " must be a list of span names or globs, found " + value.valueType());
            }
            out.put(budget, List.copyOf(patterns));
        }
        return Collections.unmodifiableMap(out);
    }

    private static ReportSettings validate(ReportSettings s) {
        validateUri(s.source().uri());
        fileIfSet("framebudgets.source.token-file", s.source().tokenFile());
        SettingsChecks.tokenFile("framebudgets.source.token-file", s.source().tokenFile());
        fileIfSet("framebudgets.source.trusted-roots", s.source().trustedRoots());
        SettingsChecks.certificates("framebudgets.source.trusted-roots", s.source().trustedRoots());
        SettingsChecks.headers(s.source().headers());
        OidcChecks.check(s.source());
        validateWindow(s.window());
        ProcessFilter p = s.processes();
        if (p.maxCount() < 0) {
            throw new SettingsException("framebudgets.processes.max-count must be >= 0, got " + p.maxCount());
        }
        if (p.propertyKey().isBlank() != p.propertyValues().isEmpty()) {
            throw new SettingsException("framebudgets.processes.property needs both a key and at least one value");
        }
        validateBuildProperty(p.buildProperty());
        notBlank("framebudgets.frames.span-name", s.frames().spanName());
        notBlank("framebudgets.frames.main-thread", s.frames().mainThread());
        if (s.groupBy() == GroupBy.BUDGET && s.budgets().isEmpty()) {
            throw new SettingsException("framebudgets.budgets is empty: configure at least one budget, or set framebudgets.group-by = span-name");
        }
        for (Map.Entry<String, List<String>> b : s.budgets().entrySet()) {
            String key = "framebudgets.budgets." + com.typesafe.config.ConfigUtil.joinPath(b.getKey());
            notBlank(key + " (budget name)", b.getKey());
            if (b.getValue().isEmpty()) {
                throw new SettingsException(key + " lists no span names");
            }
            for (String pattern : b.getValue()) {
                notBlank(key + " (a span name)", pattern);
            }
        }
        if (s.groupBy() == GroupBy.BUDGET) {
            SettingsChecks.budgets(s.budgets());
        }
        if (!s.otherBudget().isEmpty() && s.budgets().containsKey(s.otherBudget())) {
            throw new SettingsException("framebudgets.other-budget '" + s.otherBudget() + "' is also a configured budget");
        }
        if (s.topOffenders() < 1 || s.topOffenders() > 100_000) {
            throw new SettingsException("framebudgets.top-offenders must be between 1 and 100000, got " + s.topOffenders());
        }
        validateTargets(s);
        validateOutput(s.output());
        return s;
    }

    private static void validateTargets(ReportSettings s) {
        for (Map.Entry<String, Duration> t : s.targets().budgets().entrySet()) {
            String key = "framebudgets.targets." + com.typesafe.config.ConfigUtil.joinPath(t.getKey());
            Optional<String> unknown = ReportOptions.unknownTarget(s.groupBy() == GroupBy.BUDGET ? s.budgets().keySet() : null,
                    s.otherBudget(), t.getKey());
            if (unknown.isPresent()) {
                throw new SettingsException(key + ": " + unknown.get());
            }
            positive(key, t.getValue());
        }
        positive("framebudgets.frame-target", s.targets().frameTarget());
        positive("framebudgets.hitch-threshold", s.targets().hitchThreshold());
        if (s.baseline().minChange().isNegative()) {
            throw new SettingsException("framebudgets.baseline.min-change must be >= 0, got " + s.baseline().minChange());
        }
    }

    /** A property key as processes send it: empty (no builds), or printable text without surrounding blanks. */
    private static void validateBuildProperty(String key) {
        if (key.isEmpty()) {
            return;
        }
        if (!key.strip().equals(key) || key.chars().anyMatch(Character::isISOControl)) {
            throw new SettingsException("framebudgets.processes.build-property: '" + key.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a property key (no control characters, no leading or trailing blanks; empty = no builds)");
        }
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new SettingsException(key + " must be a duration > 0 such as 4ms, got " + d);
        }
    }

    private static void validateUri(String uri) {
        String key = "framebudgets.source.uri";
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new SettingsException(key + ": '" + uri + "' is not a URI (" + e.getMessage() + ")");
        }
        if (parsed.getScheme() == null || !URI_SCHEMES.contains(parsed.getScheme())) {
            throw new SettingsException(key + ": '" + uri + "' must start with grpc:// or grpc+tls://");
        }
        if (parsed.getHost() == null || parsed.getPort() < 1) {
            throw new SettingsException(key + ": '" + uri + "' must name a host and a port, e.g. grpc://analytics:50051");
        }
        SettingsChecks.port(key, parsed);
    }

    private static void validateWindow(WindowSettings w) {
        if (!w.date().isEmpty()) {
            if (!w.from().isEmpty() || !w.to().isEmpty()) {
                throw new SettingsException("framebudgets.window: set either date or from/to, not both");
            }
            try {
                LocalDate.parse(w.date());
            } catch (DateTimeParseException e) {
                throw new SettingsException("framebudgets.window.date: '" + w.date() + "' is not a date (YYYY-MM-DD)");
            }
        }
        if (w.from().isEmpty() != w.to().isEmpty()) {
            throw new SettingsException("framebudgets.window: from and to must be set together");
        }
        if (!w.from().isEmpty()) {
            OffsetDateTime from = rfc3339("framebudgets.window.from", w.from());
            OffsetDateTime to = rfc3339("framebudgets.window.to", w.to());
            if (!from.toInstant().isBefore(to.toInstant())) {
                throw new SettingsException("framebudgets.window: from (" + w.from() + ") must be before to (" + w.to() + ")");
            }
        }
    }

    static OffsetDateTime rfc3339(String key, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new SettingsException(key + ": '" + value + "' is not an RFC3339 time such as 2026-11-23T00:00:00Z");
        }
    }

    private static void validateOutput(OutputSettings o) {
        notBlank("framebudgets.output.root", o.root());
        OutputRoot.check(o.root());
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("aggregates-by-process", o.aggregatesByProcess());
        tables.put("aggregates-by-exe", o.aggregatesByExe());
        tables.put("top-offenders", o.topOffenders());
        tables.put("frame-stats", o.frameStats());
        tables.put("run-log", o.runLog());
        tables.put("frames-by-process", o.framesByProcess());
        tables.put("frames-by-exe", o.framesByExe());
        tables.put("budget-changes", o.budgetChanges());
        tables.put("hitches", o.hitches());
        Map<String, String> seen = new TreeMap<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            String key = "framebudgets.output.tables." + t.getKey();
            if (!TABLE_NAME.matcher(t.getValue()).matches()) {
                throw new SettingsException(key + ": '" + t.getValue() + "' is not a valid table folder name (letters, digits, _ . -)");
            }
            String previous = seen.put(t.getValue().toLowerCase(java.util.Locale.ROOT), key);
            if (previous != null) {
                throw new SettingsException(key + " and " + previous + " name the same table '" + t.getValue() + "'");
            }
        }
        if (!o.catalogDatabase().isEmpty() && !IDENTIFIER.matcher(o.catalogDatabase()).matches()) {
            throw new SettingsException("framebudgets.output.catalog-database: '" + o.catalogDatabase() + "' is not a valid database name");
        }
    }

    private static void fileIfSet(String key, String path) {
        if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
            throw new SettingsException(key + ": file " + path + " does not exist or is not readable");
        }
    }

    private static void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new SettingsException(key + " must not be empty");
        }
    }
}
