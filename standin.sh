#!/usr/bin/env bash
# Starts the micromegas stand-in Flight SQL server on its own, e.g. for notebooks:
#   ./standin.sh --port 50051 --processes 4 --minutes 5        synthetic telemetry
#   ./standin.sh --replay DIR                                   replay exported Parquet files
#   ./standin.sh --export-from grpc://host:50051 --from T --to T DIR   pull a window from any micromegas into DIR
#   ./standin.sh --micromegas 0.11                              imitate micromegas 0.11 (default: newest)
#   ./standin.sh --help                                         every option
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cp="$(fb_classpath runtime)"
# shellcheck disable=SC2046
exec java $(fb_jvm_opens) ${STANDIN_JAVA_OPTS:--Xmx4g} -cp "$cp" framebudgets.standin.StandinMain "$@"
