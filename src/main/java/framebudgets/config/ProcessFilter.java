package framebudgets.config;

import java.util.List;

/**
 * Which processes of the report window are reported (empty lists and blank strings mean "no
 * filter"), and {@code buildProperty}: the process property that names a process's build (Unreal's
 * micromegas sink sends {@code build-version}); empty = builds are not read.
 */
public record ProcessFilter(
        List<String> exe,
        List<String> username,
        List<String> computer,
        String propertyKey,
        List<String> propertyValues,
        String hasThread,
        int maxCount,
        String buildProperty) {}
