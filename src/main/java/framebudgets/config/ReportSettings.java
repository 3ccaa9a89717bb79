package framebudgets.config;

import framebudgets.report.ThreadMode;
import java.util.List;
import java.util.Map;

/** Every setting of a report run, typed and validated (see {@link SettingsLoader}). */
public record ReportSettings(
        SourceSettings source,
        WindowSettings window,
        ProcessFilter processes,
        FrameSettings frames,
        ThreadMode threads,
        GroupBy groupBy,
        Map<String, List<String>> budgets,
        String otherBudget,
        int topOffenders,
        TargetSettings targets,
        BaselineSettings baseline,
        OutputSettings output) {}
