package framebudgets.bench;

/**
 * One benchmark of the suite run by {@code bench/run}. It measures its contenders and its baselines
 * in the same trial (the machine is shared and noisy) and reports ratios against those baselines.
 */
interface Benchmark {

    /** Short name, used by {@code --only} and in the table. */
    String name();

    /** One line for {@code --help}. */
    String description();

    BenchmarkReport run(BenchContext context) throws Exception;
}
