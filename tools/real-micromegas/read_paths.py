"""Measures two ways of reading a process's thread spans from a real micromegas, with the official
Python client only: one `view_instance('thread_spans', stream)` query per CPU stream (the job's read
path) against one `process_spans(process_id, 'thread')` query per process. Prints wall time and rows
per path (each path read twice, the second time reported, so JIT partitions built by the first
read are warm for both), and checks both paths return the same spans.

  python read_paths.py --uri grpc://127.0.0.1:50051 [--token-file F] --from ISO --to ISO
"""
import argparse
import sys
import time
from datetime import datetime

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/oracle")
import telemetry  # noqa: E402  (the oracle's connection and quoting helpers)


def per_stream(client, streams, begin, end):
    rows, spans = 0, set()
    for s in streams:
        sql = ("SELECT name, \"begin\", \"end\", depth FROM view_instance('thread_spans', "
               f"{telemetry.quote(s)}) WHERE depth > 0")
        for batch in client.query_stream(sql, begin, end):
            rows += batch.num_rows
            for n, b, e in zip(batch.column("name").to_pylist(), batch.column("begin").to_pylist(),
                               batch.column("end").to_pylist()):
                spans.add((s, n, b, e))
    return rows, spans


def per_process(client, process_id, begin, end):
    rows, spans = 0, set()
    sql = ("SELECT stream_id, name, \"begin\", \"end\", depth FROM process_spans("
           f"{telemetry.quote(process_id)}, 'thread') WHERE depth > 0")
    for batch in client.query_stream(sql, begin, end):
        rows += batch.num_rows
        for s, n, b, e in zip(batch.column("stream_id").to_pylist(), batch.column("name").to_pylist(),
                              batch.column("begin").to_pylist(), batch.column("end").to_pylist()):
            spans.add((s, n, b, e))
    return rows, spans


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--uri", required=True)
    p.add_argument("--token-file")
    p.add_argument("--from", dest="begin", required=True)
    p.add_argument("--to", dest="end", required=True)
    a = p.parse_args()
    begin = datetime.fromisoformat(a.begin.replace("Z", "+00:00"))
    end = datetime.fromisoformat(a.end.replace("Z", "+00:00"))
    client = telemetry.connect(a.uri, a.token_file)
    df = client.query("SELECT stream_id, process_id FROM streams WHERE array_has(tags, 'cpu')", begin, end)
    by_process = {}
    for sid, pid in zip(df["stream_id"], df["process_id"]):
        by_process.setdefault(pid, []).append(sid)
    totals = {"per-stream": [0.0, 0, 0], "process_spans": [0.0, 0, 0]}
    same = True
    for pid, streams in sorted(by_process.items()):
        for _ in range(2):
            t = time.monotonic(); r1, s1 = per_stream(client, streams, begin, end); d1 = time.monotonic() - t
            t = time.monotonic(); r2, s2 = per_process(client, pid, begin, end); d2 = time.monotonic() - t
        same &= s1 == {(s, n, b, e) for (s, n, b, e) in s2}
        totals["per-stream"][0] += d1; totals["per-stream"][1] += r1; totals["per-stream"][2] += len(streams)
        totals["process_spans"][0] += d2; totals["process_spans"][1] += r2; totals["process_spans"][2] += 1
        print(f"process {pid}: {len(streams)} streams; per-stream {d1:.2f} s {r1} rows; "
              f"process_spans {d2:.2f} s {r2} rows")
    for path, (secs, rows, queries) in totals.items():
        print(f"read paths: {path}: {queries} queries, {rows} rows, {secs:.2f} s")
    print(f"read paths: same spans: {'yes' if same else 'no'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
