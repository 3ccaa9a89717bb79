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
  --replace              replace the window's rows even when they include processes this run does not
                         report (without it such a run writes nothing and exits 4)
spark-submit options (passed through): --master URL, --deploy-mode MODE, --driver-memory, --executor-memory,
  --executor-cores, --num-executors, --conf KEY=VALUE (a --conf whose value has '=' is Spark's), --jars,
  --packages, --files (added to the config files), --verbose, --supervise, ... (each also as --option=value).
  An unknown option is an error (exit 2); one config file only (it may include others).

Exit status: 0 ok; 3 partial (some processes could not be read); 4 nothing written (nothing to report,
or the run would drop processes the window has rows of); 2 bad arguments or configuration; 1 failed.

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
# The options of the job and of spark-submit, those that take a value and the flags: generated from the
# job's picocli command and Spark's launcher (scripts/submit-options-regenerate), read here without a JVM.
opt_list() { echo " $(sed -n "s/^$1 //p" "$FB_ROOT/scripts/submit-options") "; }
job_valued="$(opt_list job-valued)"; job_flags="$(opt_list job-flag)"
spark_valued="$(opt_list spark-valued)"; spark_flags="$(opt_list spark-flag)"
bad() { echo "submit.sh: $1 (see ./submit.sh --help)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  # --option=value is --option value
  if [[ "$1" == --*=* ]]; then
    opt="${1%%=*}"; val="${1#*=}"; shift; set -- "$opt" "$val" "$@"
  fi
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --conf|-c)
      [ $# -ge 2 ] || bad "$1 needs a value (a config file, or KEY=VALUE for Spark)"
      if [[ "$2" == *=* ]]; then spark_args+=(--conf "$2")
      elif [ -n "$conf_file" ]; then bad "two config files (--conf $conf_file and --conf $2): give one, which may include the other"
      else conf_file="$2"; fi
      shift 2 ;;
    --master)
      [ $# -ge 2 ] && [[ "$2" != --* ]] || bad "--master needs a value"
      master="$2"; shift 2 ;;
    --files)
      [ $# -ge 2 ] && [[ "$2" != --* ]] || bad "--files needs a value"
      extra_files="$2"; shift 2 ;;
    --driver-memory)
      [ $# -ge 2 ] && [[ "$2" != --* ]] || bad "--driver-memory needs a value"
      driver_memory="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    -*)
      if [[ "$job_flags" == *" $1 "* ]]; then
        job_args+=("$1"); shift
      elif [[ "$job_valued" == *" $1 "* ]]; then
        [ $# -ge 2 ] && [[ "$2" != --* ]] || bad "$1 needs a value"
        job_args+=("$1" "$2"); shift 2
      elif [[ "$spark_flags" == *" $1 "* ]]; then
        spark_args+=("$1"); shift
      elif [[ "$spark_valued" == *" $1 "* ]]; then
        [ $# -ge 2 ] && [[ "$2" != --* ]] || bad "$1 needs a value"
        spark_args+=("$1" "$2"); shift 2
      else
        bad "unknown option '$1'"
      fi ;;
    *) bad "unexpected argument '$1'" ;;
  esac
done

if [ -n "$conf_file" ]; then
  [ -r "$conf_file" ] || bad "config file '$conf_file' is not readable"
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
