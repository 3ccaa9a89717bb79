package framebudgets.config;

import java.util.List;

/** Which processes of the report window are reported; empty lists and blank strings mean "no filter". */
public record ProcessFilter(
        List<String> exe,
        List<String> username,
        List<String> computer,
        String propertyKey,
        List<String> propertyValues,
        String hasThread,
        int maxCount) {}
