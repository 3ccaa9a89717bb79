# Shared by submit.sh, standin.sh and bench/run: builds the project when needed and gives the
# classpath and JVM flags to run its main classes. Source it; it sets FB_ROOT.
FB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The --add-opens list Spark 4.1 and Arrow need on Java 17 (the one list; the pom's test JVMs read the same file).
fb_jvm_opens() {
  grep -v '^#' "$FB_ROOT/scripts/jvm-opens" | tr '\n' ' '
}

# fb_classpath [runtime|test]: compiles what changed (no tests run) and prints the classpath.
fb_classpath() {
  local scope="${1:-runtime}" goal=compile cpfile
  [ "$scope" = test ] && goal=test-compile
  cpfile="$FB_ROOT/target/classpath-$scope.txt"
  (cd "$FB_ROOT" && mvn -B -q "$goal" >&2) || { echo "build failed (mvn $goal)" >&2; return 1; }
  if [ ! -s "$cpfile" ] || [ "$FB_ROOT/pom.xml" -nt "$cpfile" ]; then
    (cd "$FB_ROOT" && mvn -B -q dependency:build-classpath -Dmdep.includeScope="$scope" \
        -Dmdep.outputFile="$cpfile" >&2) || { echo "could not resolve the classpath" >&2; return 1; }
  fi
  local cp="$FB_ROOT/target/classes"
  [ "$scope" = test ] && cp="$FB_ROOT/target/test-classes:$cp"
  printf '%s:%s' "$cp" "$(cat "$cpfile")"
}
