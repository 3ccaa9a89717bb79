package framebudgets.bench;

import org.apache.spark.sql.SparkSession;

/** What benchmarks share in one run: the Spark session, the served span data and the trial settings. */
record BenchContext(SparkSession spark, SpanData data, Trial trial) {}
