package framebudgets.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds keys under {@code framebudgets} that reference.conf does not define, so a typo in a
 * config file is an error instead of a silently ignored setting. Free-form maps (budgets, targets,
 * extra headers) are not checked below their own key.
 */
final class UnknownKeys {
    private static final Set<String> FREE_FORM = Set.of("framebudgets.budgets", "framebudgets.targets", "framebudgets.source.headers");

    private UnknownKeys() {}

    static List<String> find(Config config, Config reference) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : config.getConfig("framebudgets").entrySet()) {
            String path = "framebudgets." + entry.getKey();
            if (isUnderFreeForm(path)) {
                continue;
            }
            if (!reference.hasPathOrNull(path)) {
                unknown.add(path + suggestion(path, reference));
            }
        }
        unknown.sort(String::compareTo);
        return unknown;
    }

    private static boolean isUnderFreeForm(String path) {
        for (String prefix : FREE_FORM) {
            if (path.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String suggestion(String path, Config reference) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, ConfigValue> entry : reference.getConfig("framebudgets").entrySet()) {
            String candidate = "framebudgets." + entry.getKey();
            int d = distance(path, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
