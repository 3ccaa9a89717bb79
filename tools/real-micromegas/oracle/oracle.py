"""The independent oracle of scripts/real-micromegas (see README.md beside this file).

  oracle.py wait  --uri URI [--token-file F] --processes N --from T --to T [--timeout S]
      polls the server until N processes with a GameThread stream are materialised and queryable
  oracle.py check --conf JOB.conf [--uri URI] [--token-file F]
      pulls the job's window with the official micromegas client, computes the report by brute
      force and compares it with the Delta tables the job wrote under the config's output root;
      prints the differences and one line `oracle: P processes, S spans, F frames, tables equal: yes|no`
"""
import argparse
import datetime as dt
import os
import re
import sys
import time
from types import SimpleNamespace

from pyhocon import ConfigFactory

import expected
import tables
import telemetry

UNITS = {"ns": 1, "nanos": 1, "us": 1_000, "micros": 1_000, "ms": 1_000_000, "millis": 1_000_000, "s": 1_000_000_000,
         "seconds": 1_000_000_000}


def nanos(value):
    """A HOCON duration (`16.7ms`, `2500us`, `4 ms`) in ns, truncated like Typesafe Config does."""
    if isinstance(value, dt.timedelta):
        return (value.days * 86400 + value.seconds) * 1_000_000_000 + value.microseconds * 1000
    m = re.fullmatch(r"\s*([0-9.]+)\s*([a-z]+)\s*", str(value))
    if not m or m.group(2) not in UNITS:
        raise ValueError(f"not a duration: {value!r}")
    num, unit = m.group(1), UNITS[m.group(2)]
    return int(num) * unit if num.isdigit() else int(float(num) * unit)


def parse_time(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def epoch_ns(t):
    return int((t - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)) / dt.timedelta(microseconds=1)) * 1000


def settings_of(conf_file):
    c = ConfigFactory.parse_file(conf_file).get_config("framebudgets")
    by_span_name = c.get_string("group-by", "budget") == "span-name"
    budgets = {k: list(v) for k, v in c.get_config("budgets", ConfigFactory.from_dict({})).items()}
    targets = {k: nanos(v) for k, v in c.get_config("targets", ConfigFactory.from_dict({})).items()}
    out = c.get_config("output")
    names = out.get_config("tables", ConfigFactory.from_dict({}))
    return SimpleNamespace(
        uri=c.get_string("source.uri"), token_file=c.get_string("source.token-file", "") or None,
        window_from=c.get_string("window.from"), window_to=c.get_string("window.to"),
        frame_name=c.get_string("frames.span-name"), main_thread=c.get_string("frames.main-thread"),
        all_threads=c.get_string("threads", "main-thread") == "all-threads",
        budgets=expected.BudgetMap(budgets, c.get_string("other-budget", ""), by_span_name),
        top_offenders=c.get_int("top-offenders", 100), targets=targets,
        frame_target=nanos(c.get("frame-target", "16.7ms")), hitch_threshold=nanos(c.get("hitch-threshold", "60ms")),
        build_property=c.get_string("processes.build-property", "build-version"),
        root=out.get_string("root"), frame_stats=out.get_bool("frame-stats", False),
        table_path=lambda t: os.path.join(out.get_string("root"), names.get_string(t.replace("_", "-"), t)))


def wait(args):
    client = telemetry.connect(args.uri, args.token_file)
    begin, end = parse_time(args.begin), parse_time(args.end)
    deadline, last = time.monotonic() + args.timeout, "nothing queried yet"
    while time.monotonic() < deadline:
        try:
            games = [s for s in telemetry.cpu_streams(client, begin, end) if s.thread_name == args.main_thread]
            procs = telemetry.processes(client, begin, end, "")
            ready = [s for s in games if s.process_id in procs]
            if len(ready) >= args.processes:
                spans = sum(len(telemetry.thread_spans(client, s.stream_id, begin, end)) for s in ready)
                if spans > 0:
                    print(f"oracle: {len(ready)} processes materialised ({spans} spans on their {args.main_thread})")
                    return 0
                last = f"{len(ready)} {args.main_thread} streams materialised, no span answered yet"
            else:
                last = f"{len(procs)} processes and {len(games)} {args.main_thread} streams materialised of {args.processes}"
        except Exception as e:  # the server answers "not found" until the daemon has run
            last = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
        time.sleep(1)
    print(f"oracle: the maintenance daemon had not materialised the telemetry after {args.timeout} s ({last})")
    return 3


def check(args):
    s = settings_of(args.conf)
    client = telemetry.connect(args.uri or s.uri, args.token_file or s.token_file)
    w_from, w_to = parse_time(s.window_from), parse_time(s.window_to)
    started = time.monotonic()
    procs = telemetry.pull(client, w_from, w_to, s.build_property)
    n_spans = sum(len(st.spans) for p in procs.values() for st in p.streams)
    pulled = time.monotonic() - started
    frames, want = expected.report(procs, s, epoch_ns(w_from), epoch_ns(w_to))
    reported = {f[0] for f in frames}
    mode = "all-threads" if s.all_threads else "main-thread"
    print(f"oracle ({mode}): pulled {len(procs)} processes, {n_spans} spans in {pulled:.1f} s; "
          f"{len(frames)} frames of {len(reported)} processes")
    if not s.frame_stats:
        del want["frame_stats"]
    run_log, _ = tables.read(s.table_path("run_log"))
    run = max(run_log, key=lambda r: r["started_at"])
    diffs = []
    if run["status"] != "ok" or run["frames"] != len(frames):
        diffs.append(f"run_log: status {run['status']}, {run['frames']} frames (expected ok, {len(frames)}): "
                     f"{run.get('message')} failures={run.get('failures')} skipped={run.get('skipped')}")
    window = (w_from.date().isoformat(), s.window_from, s.window_to)
    for name, rows in want.items():
        diffs += tables.compare(name, s.table_path(name), rows, window, run["run_id"])
        written = (run.get("rows_written") or {})
        written = dict(written) if not isinstance(written, dict) else written
        if name in written and written[name] != len(rows):
            diffs.append(f"run_log: rows_written[{name}] = {written[name]}, expected {len(rows)}")
    for d in diffs:
        print("  " + d)
    equal = not diffs
    print(f"oracle: {len(reported)} processes, {n_spans} spans, {len(frames)} frames, tables equal: {'yes' if equal else 'no'}")
    return 0 if equal else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("wait")
    w.add_argument("--uri", required=True)
    w.add_argument("--token-file")
    w.add_argument("--processes", type=int, required=True)
    w.add_argument("--main-thread", default="GameThread")
    w.add_argument("--from", dest="begin", required=True)
    w.add_argument("--to", dest="end", required=True)
    w.add_argument("--timeout", type=float, default=120)
    c = sub.add_parser("check")
    c.add_argument("--conf", required=True)
    c.add_argument("--uri")
    c.add_argument("--token-file")
    args = ap.parse_args()
    return wait(args) if args.cmd == "wait" else check(args)


if __name__ == "__main__":
    sys.exit(main())
