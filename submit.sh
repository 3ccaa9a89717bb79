#!/usr/bin/env bash
# Runs the frame-budget report.
#   ./submit.sh                         the whole report on the embedded demo (stand-in server with
#                                       synthetic telemetry, local Spark, Delta tables under ./demo-output)
#   ./submit.sh --conf conf/application.conf [spark-submit options] [job options]
#                                       the real thing, through spark-submit
#   ./submit.sh --help
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"

usage() {
  cat <<'USAGE'
Usage: ./submit.sh                       run the demo end to end (no arguments)
       ./submit.sh --conf FILE [spark-submit options] [job options]

Job options (passed to framebudgets.FrameBudgetJob):
  --conf FILE            the job's HOCON config (e.g. conf/application.conf); shipped with --files
  --date YYYY-MM-DD      report this UTC day (default: the config's window, else yesterday)
  --from RFC3339 --to RFC3339
                         report this window instead
  --demo                 start the embedded stand-in server with synthetic telemetry and report on it
spark-submit options (passed through): --master URL, --deploy-mode MODE, --driver-memory, --executor-memory,
  --executor-cores, --num-executors, --conf KEY=VALUE (a --conf whose value has '=' is Spark's), --jars,
  --packages, --files (added to the config files), ...

With a local master (the default, local[2]) the thin jar runs on this project's classpath. With any
other master (spark://, yarn, k8s://) the cluster jar, target/frame-budgets-*-cluster.jar, is
submitted: the cluster provides Spark and Delta (e.g. --packages io.delta:delta-spark_4.1_2.13:4.4.0).
Both jars are rebuilt when the sources changed. --demo needs a local master.

spark-submit is taken from $SPARK_HOME/bin, else from PATH, else Spark's launcher is run from this
project's resolved classpath (no Spark installation needed). The token never goes on the command
line: set MICROMEGAS_TOKEN (or the variable named by framebudgets.source.token-env) or a token file
(README: "Running on a cluster" says where the token goes in cluster deploy mode).
USAGE
}

main_class=framebudgets.FrameBudgetJob

if [ $# -eq 0 ]; then
  set -- --demo --conf "$FB_ROOT/conf/demo.conf"
fi

spark_args=()
job_args=()
conf_file=""
master=""
driver_memory=""
extra_files=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --conf)
      [ $# -ge 2 ] || { echo "submit.sh: --conf needs a value" >&2; exit 2; }
      if [[ "$2" == *=* ]]; then spark_args+=(--conf "$2"); else conf_file="$2"; fi
      shift 2 ;;
    --date|--from|--to)
      [ $# -ge 2 ] || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
      job_args+=("$1" "$2"); shift 2 ;;
    --demo) job_args+=(--demo); shift ;;
    --master)
      [ $# -ge 2 ] || { echo "submit.sh: --master needs a value" >&2; exit 2; }
      master="$2"; shift 2 ;;
    --files)
      [ $# -ge 2 ] || { echo "submit.sh: --files needs a value" >&2; exit 2; }
      extra_files="$2"; shift 2 ;;
    --driver-memory)
      [ $# -ge 2 ] || { echo "submit.sh: --driver-memory needs a value" >&2; exit 2; }
      driver_memory="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --*)
      [ $# -ge 2 ] || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
      spark_args+=("$1" "$2"); shift 2 ;;
    *) echo "submit.sh: unexpected argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ -n "$conf_file" ]; then
  [ -r "$conf_file" ] || { echo "submit.sh: config file '$conf_file' is not readable" >&2; exit 2; }
  conf_dir="$(cd "$(dirname "$conf_file")" && pwd)"
  # Ship the config and the files it may include; the job finds it by name on driver and executors.
  files=$(ls "$conf_dir"/*.conf | tr '\n' ',' | sed 's/,$//')
  extra_files="$files${extra_files:+,$extra_files}"
  job_args+=(--conf "$(basename "$conf_file")" --conf-dir "$conf_dir")
fi
[ -z "$extra_files" ] || spark_args+=(--files "$extra_files")
[ -n "$master" ] || master="local[2]"

cp="$(fb_classpath runtime)"
# The application jar: the thin one for local Spark (it runs on this project's classpath), the
# cluster one otherwise (the cluster has Spark and Delta, not our other dependencies). Rebuilt when
# a class, resource or the pom is newer.
wanted=cluster
if [[ "$master" == local || "$master" == local\[* ]]; then wanted=thin; fi
find_jar() {
  local jar kind
  for jar in "$FB_ROOT"/target/frame-budgets-*.jar; do
    kind=thin
    [[ "$(basename "$jar")" != *-cluster.jar ]] || kind=cluster
    if [ "$kind" = "$wanted" ] && [ -f "$jar" ]; then echo "$jar"; return; fi
  done
}
app_jar="$(find_jar)"
if [ -z "$app_jar" ] || [ -n "$(find "$FB_ROOT/target/classes" "$FB_ROOT/pom.xml" -newer "$app_jar" -print -quit)" ]; then
  if [ $wanted = thin ]; then goal=jar:jar; else goal=package; fi
  (cd "$FB_ROOT" && mvn -B -q -DskipTests "$goal" >&2)
  app_jar="$(find_jar)"
fi
[ -n "$app_jar" ] || { echo "submit.sh: no $wanted jar in $FB_ROOT/target" >&2; exit 1; }

log_conf="${FB_LOG_CONFIG:-$FB_ROOT/conf/log4j2.properties}"
driver_opts="$(fb_jvm_opens) -Dlog4j.configurationFile=$log_conf"
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit=("$SPARK_HOME/bin/spark-submit")
elif command -v spark-submit >/dev/null 2>&1; then
  submit=(spark-submit)
else
  # Spark's launcher in this very JVM: driver options must be given to java itself.
  # shellcheck disable=SC2206
  submit=(java $driver_opts ${driver_memory:+-Xmx$driver_memory} -cp "$cp" org.apache.spark.deploy.SparkSubmit)
fi

cmd=("${submit[@]}" --master "$master" --class "$main_class"
     --driver-java-options "$driver_opts"
     --conf "spark.executor.extraJavaOptions=$(fb_jvm_opens)"
     "${spark_args[@]}" "$app_jar" "${job_args[@]}")
# Echo what runs, with the classpath and the --add-opens list shortened (they hold no secret).
opens="$(fb_jvm_opens)"; opens="${opens% }"
display=()
shown_opens=0
for e in "${cmd[@]}"; do
  if [[ " $opens " == *" $e "* ]]; then
    [ $shown_opens = 1 ] || display+=("<jvm-opens>"); shown_opens=1; continue
  fi
  [[ "$e" == *:*.jar* && "$e" != *" "* ]] && e="<project classpath>"
  display+=("${e//"$opens"/<jvm-opens>}")
done
echo "+ ${display[*]}" >&2
exec "${cmd[@]}"
