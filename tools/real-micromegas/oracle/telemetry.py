"""Pulls a window's telemetry from a micromegas server with the official micromegas Python client
only (FlightSQLClient.query / query_arrow / query_stream): processes, CPU streams, thread spans."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pyarrow as pa
import pyarrow.compute as pc
from micromegas.auth import StaticTokenAuthProvider
from micromegas.flightsql.client import FlightSQLClient

# Spans are read this far past the window's end, so a frame beginning inside the window keeps the
# spans it holds after the end (the job's documented rule).
FRAME_OVERRUN = timedelta(minutes=1)


def connect(uri, token_file=None):
    auth = None
    if token_file:
        with open(token_file) as f:
            auth = StaticTokenAuthProvider(f.readline().strip())
    return FlightSQLClient(uri, auth_provider=auth, client_entrypoint="frame-budgets-oracle")


@dataclass
class Stream:
    stream_id: str
    process_id: str
    thread_name: str
    spans: list = field(default_factory=list)  # (name, begin_ns, end_ns, duration_ns)


@dataclass
class Process:
    process_id: str
    exe: str
    build: str
    streams: list = field(default_factory=list)


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def processes(client, begin: datetime, end: datetime, build_property):
    """process_id -> Process, for the processes the server lists in [begin, end)."""
    build = f"property_get(properties, {quote(build_property)})" if build_property else "CAST(NULL AS VARCHAR)"
    df = client.query(f"SELECT process_id, exe, {build} AS build FROM processes", begin, end)
    out = {}
    for row in df.itertuples(index=False):
        out[row.process_id] = Process(row.process_id, row.exe, None if row.build is None or row.build != row.build else row.build)
    return out


def cpu_streams(client, begin: datetime, end: datetime):
    table = client.query_arrow(
        "SELECT stream_id, process_id, property_get(properties, 'thread-name') AS thread_name "
        "FROM streams WHERE array_has(tags, 'cpu')", begin, end)
    return [Stream(r["stream_id"], r["process_id"], r["thread_name"]) for r in table.to_pylist()]


def thread_spans(client, stream_id, begin: datetime, end: datetime):
    """The spans of one thread stream, as (name, begin, end, duration) in epoch ns, depth >= 1.

    micromegas' thread_spans view adds one depth-0 row per run of blocks, named after the thread:
    that row is not a span the program recorded, so it is left out (depth 0)."""
    sql = (f"SELECT name, \"begin\", \"end\", duration, depth FROM view_instance('thread_spans', {quote(stream_id)})")
    spans = []
    for batch in client.query_stream(sql, begin, end):
        if batch.num_rows == 0:
            continue
        names = batch.column("name")
        if pa.types.is_dictionary(names.type):
            names = names.cast(pa.string())
        cols = [names.to_pylist(),
                pc.cast(batch.column("begin"), pa.int64()).to_pylist(),
                pc.cast(batch.column("end"), pa.int64()).to_pylist(),
                batch.column("duration").to_pylist(),
                batch.column("depth").to_pylist()]
        for name, b, e, d, depth in zip(*cols):
            if depth >= 1:
                spans.append((name, b, e, d))
    return spans


def pull(client, window_from: datetime, window_to: datetime, build_property):
    """The processes of the window with their CPU streams and spans ([from, to + 1 min))."""
    until = window_to + FRAME_OVERRUN
    procs = processes(client, window_from, until, build_property)
    for s in cpu_streams(client, window_from, until):
        if s.process_id in procs:
            s.spans = thread_spans(client, s.stream_id, window_from, until)
            procs[s.process_id].streams.append(s)
    return procs
