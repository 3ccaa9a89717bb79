"""Runs the official micromegas Python client (micromegas==0.32.0) against a Flight SQL server and
prints what it read as one JSON object, for OfficialPythonClientTest to compare with the same
queries read through our flightsql source.

usage: official_client_queries.py URI BEGIN END
"""
import json
import sys

import micromegas
from micromegas.flightsql.client import FlightSQLClient

uri, begin, end = sys.argv[1], sys.argv[2], sys.argv[3]
client = micromegas.connect(uri)
assert isinstance(client, FlightSQLClient)
out = {"client_version": micromegas.__version__}

# query(): a pandas DataFrame
processes = client.query(
    "SELECT process_id, exe, property_get(properties, 'build-version') AS build FROM processes ORDER BY process_id",
    begin, end)
out["processes"] = [[r.process_id, r.exe, r.build] for r in processes.itertuples()]
pid = out["processes"][0][0]

# helpers: find_process, query_streams (tag filter), query_blocks, query_spans
found = client.find_process(pid)
out["find_process"] = {"rows": len(found), "exe": str(found["exe"].iloc[0]),
                       "properties_type": type(found["properties"].iloc[0]).__name__}
streams = client.query_streams(begin, end, 1000, process_id=pid, tag_filter="cpu")
out["cpu_streams"] = sorted(str(s) for s in streams["stream_id"])
main = client.query(
    "SELECT stream_id FROM streams WHERE process_id = '%s' AND property_get(properties, 'thread-name') = 'GameThread'"
    % pid, begin, end)
sid = str(main["stream_id"].iloc[0])
out["main_stream"] = sid
blocks = client.query_blocks(begin, end, 100000, sid)
out["blocks"] = {"rows": len(blocks), "nb_objects": int(blocks["nb_objects"].sum())}
spans = client.query_spans(begin, end, 5, sid)
out["query_spans_rows"] = len(spans)

# query_stream(): Arrow record batches
rows = 0
total = 0
names = set()
for batch in client.query_stream(
        "SELECT name, duration FROM view_instance('thread_spans', '%s') WHERE depth > 0" % sid, begin, end):
    rows += batch.num_rows
    total += sum(batch.column("duration").to_pylist())
    names.update(batch.column("name").to_pylist())
out["spans"] = {"rows": rows, "duration": total, "names": len(names)}
print(json.dumps(out))
