"""Reads the Delta tables the job wrote (with the deltalake package) and compares them with the
expected rows, exactly: integers to the nanosecond, doubles bit for bit, nulls as nulls."""
import datetime as dt
import os

import pyarrow as pa
from deltalake import DeltaTable

# The columns each table is matched on (the row's identity); every other column must be equal.
KEYS = {
    "frame_stats": ("process_id", "frame_begin", "frame_end", "budget"),
    "frames_by_process": ("process_id",),
    "frames_by_exe": ("exe", "build"),
    "aggregates_by_process": ("process_id", "budget"),
    "aggregates_by_exe": ("exe", "build", "budget"),
    "top_offenders": ("budget", "rank"),
    "budget_changes": ("exe", "build", "budget"),
}
# Columns every report table starts with, checked against the window and the run log.
WINDOW_COLUMNS = ("report_date", "window_from", "window_to", "run_id")


def read(path):
    """A Delta table's rows as dicts; timestamps as epoch microseconds, dates as ISO strings."""
    table = DeltaTable(path).to_pyarrow_table()
    columns = {}
    for name, col in zip(table.column_names, table.columns):
        if pa.types.is_timestamp(col.type):
            col = col.cast(pa.timestamp("us", tz=col.type.tz)).cast(pa.int64())
        columns[name] = col.to_pylist()
    n = table.num_rows
    rows = [{k: v[i] for k, v in columns.items()} for i in range(n)]
    for r in rows:
        for k, v in r.items():
            if isinstance(v, dt.date):
                r[k] = v.isoformat()
    return rows, table.column_names


def with_bi_columns(row):
    """The documented convenience columns: `<x>_ms` = ns / 1e6 beside every *duration* column,
    `frame_begin_time`/`frame_end_time` = the epoch microsecond the ns time falls in."""
    out = dict(row)
    for k, v in row.items():
        if "duration" in k:
            out[k + "_ms"] = None if v is None else v / 1e6
        elif k in ("frame_begin", "frame_end"):
            out[k + "_time"] = v // 1000
    return out


def micros(iso):
    t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return int((t - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)).total_seconds()) * 1_000_000 + t.microsecond


def compare(name, path, expected, window, run_id, max_diffs=10):
    """Differences (strings) between table `name` at `path` and the expected rows; [] when equal."""
    if not os.path.isdir(path):
        return [f"{name}: no Delta table at {path}"] if expected else []
    actual, columns = read(path)
    diffs, keys = [], KEYS[name]
    report_date, w_from, w_to = window
    expected = [with_bi_columns(r) for r in expected]
    checked = set(keys).union(*[r.keys() for r in expected]) | set(WINDOW_COLUMNS) if expected else set(columns)
    unchecked = [c for c in columns if c not in checked]
    if unchecked:
        print(f"  note: {name}: columns not checked by the oracle: {', '.join(unchecked)}")
    for r in actual:
        want = (report_date, micros(w_from), micros(w_to), run_id)
        got = tuple(r.get(c) for c in WINDOW_COLUMNS)
        if got != want:
            diffs.append(f"{name}: row {key_of(r, keys)} has window/run {got}, expected {want}")
            break
    by_key = {}
    for r in actual:
        by_key.setdefault(key_of(r, keys), []).append(r)
    if any(len(v) > 1 for v in by_key.values()):
        diffs.append(f"{name}: duplicate rows for keys {[k for k, v in by_key.items() if len(v) > 1][:3]}")
    seen = set()
    for e in sorted(expected, key=lambda r: sort_key(key_of(r, keys))):
        k = key_of(e, keys)
        seen.add(k)
        got = by_key.get(k)
        if not got:
            diffs.append(f"{name}: missing row {k}: {short(e)}")
            continue
        bad = [f"{c}={got[0].get(c)!r} (expected {v!r})" for c, v in e.items() if not same(got[0].get(c), v)]
        if bad:
            diffs.append(f"{name}: row {k}: " + ", ".join(bad))
    for k in sorted(set(by_key) - seen, key=sort_key):
        diffs.append(f"{name}: unexpected row {k}: {short(by_key[k][0])}")
    if len(diffs) > max_diffs:
        diffs = diffs[:max_diffs] + [f"{name}: ... {len(diffs) - max_diffs} more differences"]
    return diffs


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and float(a) == float(b)
    return a == b


def key_of(row, keys):
    return tuple(row.get(k) for k in keys)


def sort_key(k):
    return tuple((v is not None, v) for v in k)


def short(row):
    s = ", ".join(f"{k}={v!r}" for k, v in row.items() if not k.endswith(("_ms", "_time")))
    return s if len(s) < 300 else s[:300] + "..."
