package framebudgets.job;

/** What a run of the job's command line printed and returned. */
record Outcome(int status, String out, String err) {}
