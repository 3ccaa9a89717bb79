-- Storage tables of the stand-in (mm_*) and the user-visible objects shaped like micromegas 0.11.
-- The request's time range arrives as the DuckDB variables query_range_begin / query_range_end
-- (TIMESTAMP_NS, UTC, NULL when the client sent no range).

CREATE TABLE IF NOT EXISTS mm_processes (
    process_id VARCHAR NOT NULL,
    exe VARCHAR NOT NULL,
    username VARCHAR NOT NULL,
    realname VARCHAR NOT NULL,
    computer VARCHAR NOT NULL,
    distro VARCHAR NOT NULL,
    cpu_brand VARCHAR NOT NULL,
    tsc_frequency BIGINT NOT NULL,
    start_time TIMESTAMP_NS NOT NULL,
    start_ticks BIGINT NOT NULL,
    insert_time TIMESTAMP_NS NOT NULL,
    parent_process_id VARCHAR NOT NULL,
    properties STRUCT("key" VARCHAR, "value" VARCHAR)[] NOT NULL
);

CREATE TABLE IF NOT EXISTS mm_streams (
    stream_id VARCHAR NOT NULL,
    process_id VARCHAR NOT NULL,
    dependencies_metadata BLOB NOT NULL,
    objects_metadata BLOB NOT NULL,
    tags VARCHAR[],
    properties STRUCT("key" VARCHAR, "value" VARCHAR)[] NOT NULL,
    insert_time TIMESTAMP_NS NOT NULL
);

CREATE TABLE IF NOT EXISTS mm_blocks (
    block_id VARCHAR NOT NULL,
    stream_id VARCHAR NOT NULL,
    process_id VARCHAR NOT NULL,
    begin_time TIMESTAMP_NS NOT NULL,
    begin_ticks BIGINT NOT NULL,
    end_time TIMESTAMP_NS NOT NULL,
    end_ticks BIGINT NOT NULL,
    nb_objects INTEGER NOT NULL,
    object_offset BIGINT NOT NULL,
    payload_size BIGINT NOT NULL,
    insert_time TIMESTAMP_NS NOT NULL
);

-- What a span is (micromegas' ScopeDesc): spans refer to it by scope_id.
CREATE TABLE IF NOT EXISTS mm_scopes (
    scope_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    filename VARCHAR NOT NULL,
    line UINTEGER NOT NULL,
    hash UINTEGER NOT NULL
);

-- Real spans (depth >= 1); the depth-0 thread roots are derived from block runs by view_instance.
CREATE TABLE IF NOT EXISTS mm_spans (
    stream_id UUID NOT NULL,
    id BIGINT NOT NULL,
    parent BIGINT NOT NULL,
    depth UINTEGER NOT NULL,
    "begin" TIMESTAMP_NS NOT NULL,
    "end" TIMESTAMP_NS NOT NULL,
    scope_id INTEGER NOT NULL
);

-- Value of the first property whose key matches ASCII-case-insensitively, NULL when absent.
CREATE OR REPLACE MACRO property_get(props, key_name) AS
    struct_extract(list_extract(list_filter(props, lambda p:
        translate(p."key", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
        = translate(key_name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')), 1), 'value');

-- True when the request carries no time range: micromegas then reads global views in full.
CREATE OR REPLACE MACRO mm_no_query_range() AS
    getvariable('query_range_begin') IS NULL OR getvariable('query_range_end') IS NULL;

CREATE OR REPLACE VIEW mm_stream_updates AS
    SELECT stream_id, max(insert_time) AS last_block_insert_time FROM mm_blocks GROUP BY stream_id;

CREATE OR REPLACE VIEW mm_process_updates AS
    SELECT process_id, max(insert_time) AS last_block_insert_time FROM mm_blocks GROUP BY process_id;

CREATE OR REPLACE VIEW processes AS
    SELECT p.process_id, p.exe, p.username, p.realname, p.computer, p.distro, p.cpu_brand,
           p.tsc_frequency, p.start_time, p.start_ticks, p.insert_time, p.parent_process_id,
           p.properties,
           greatest(p.insert_time, coalesce(u.last_block_insert_time, p.insert_time)) AS last_update_time
    FROM mm_processes p LEFT JOIN mm_process_updates u ON u.process_id = p.process_id
    WHERE mm_no_query_range()
       OR (p.insert_time <= getvariable('query_range_end')
           AND greatest(p.insert_time, coalesce(u.last_block_insert_time, p.insert_time))
               >= getvariable('query_range_begin'));

CREATE OR REPLACE VIEW streams AS
    SELECT s.stream_id, s.process_id, s.dependencies_metadata, s.objects_metadata, s.tags,
           s.properties, s.insert_time,
           greatest(s.insert_time, coalesce(u.last_block_insert_time, s.insert_time)) AS last_update_time
    FROM mm_streams s LEFT JOIN mm_stream_updates u ON u.stream_id = s.stream_id
    WHERE mm_no_query_range()
       OR (s.insert_time <= getvariable('query_range_end')
           AND greatest(s.insert_time, coalesce(u.last_block_insert_time, s.insert_time))
               >= getvariable('query_range_begin'));

CREATE OR REPLACE VIEW blocks AS
    SELECT b.block_id, b.stream_id, b.process_id, b.begin_time, b.begin_ticks, b.end_time,
           b.end_ticks, b.nb_objects, b.object_offset, b.payload_size, b.insert_time,
           s.dependencies_metadata AS "streams.dependencies_metadata",
           s.objects_metadata AS "streams.objects_metadata",
           s.tags AS "streams.tags",
           s.properties AS "streams.properties",
           s.insert_time AS "streams.insert_time",
           p.start_time AS "processes.start_time",
           p.start_ticks AS "processes.start_ticks",
           p.tsc_frequency AS "processes.tsc_frequency",
           p.exe AS "processes.exe",
           p.username AS "processes.username",
           p.realname AS "processes.realname",
           p.computer AS "processes.computer",
           p.distro AS "processes.distro",
           p.cpu_brand AS "processes.cpu_brand",
           p.insert_time AS "processes.insert_time",
           p.parent_process_id AS "processes.parent_process_id",
           p.properties AS "processes.properties"
    FROM mm_blocks b
    JOIN mm_streams s ON s.stream_id = b.stream_id
    JOIN mm_processes p ON p.process_id = b.process_id
    WHERE mm_no_query_range()
       OR (b.begin_time <= getvariable('query_range_end')
           AND b.end_time >= getvariable('query_range_begin'));

-- view_instance('thread_spans', '<stream_id>'): the spans of one thread stream overlapping the
-- request's range, plus one synthetic depth-0 root row per run of contiguous blocks.
CREATE OR REPLACE MACRO view_instance(view_set_name, view_instance_id) AS TABLE
    WITH request AS (
        SELECT CASE
            WHEN view_set_name IS DISTINCT FROM 'thread_spans'
                THEN error('error making view: view set ' || coalesce('''' || view_set_name || '''', 'NULL')
                           || ' not found (the stand-in serves only thread_spans)')
            WHEN TRY_CAST(view_instance_id AS UUID) IS NULL
                THEN error('error making view: thread_spans instance id '
                           || coalesce('''' || view_instance_id || '''', 'NULL') || ' is not a stream UUID')
            WHEN mm_no_query_range()
                THEN error('query range mandatory for thread spans view')
            WHEN NOT EXISTS (SELECT 1 FROM mm_streams
                             WHERE stream_id = CAST(TRY_CAST(view_instance_id AS UUID) AS VARCHAR))
                THEN error('stream ' || view_instance_id || ' not found')
            -- newest profile: the stream is not in the materialized streams view yet (see micromegas-newest.sql)
            WHEN getvariable('mm_materialized_before') IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM mm_streams
                                 WHERE stream_id = CAST(TRY_CAST(view_instance_id AS UUID) AS VARCHAR)
                                   AND insert_time <= getvariable('mm_materialized_before'))
                THEN error('Stream not found')
        END AS failure
    ),
    thread AS (
        SELECT coalesce(property_get(properties, 'thread-name'), property_get(properties, 'thread-id'),
                        stream_id) AS thread_name
        FROM mm_streams WHERE stream_id = CAST(TRY_CAST(view_instance_id AS UUID) AS VARCHAR)
        LIMIT 1
    ),
    stream_blocks AS (
        SELECT begin_time, end_time, begin_ticks,
               lag(end_ticks) OVER (ORDER BY begin_ticks, end_ticks) AS previous_end_ticks
        FROM mm_blocks WHERE stream_id = CAST(TRY_CAST(view_instance_id AS UUID) AS VARCHAR)
    ),
    numbered_blocks AS (
        SELECT begin_time, end_time,
               sum(CASE WHEN previous_end_ticks = begin_ticks THEN 0 ELSE 1 END)
                   OVER (ORDER BY begin_ticks ROWS UNBOUNDED PRECEDING) AS run
        FROM stream_blocks
    ),
    runs AS (
        SELECT min(begin_time) AS run_begin, max(end_time) AS run_end FROM numbered_blocks GROUP BY run
    ),
    thread_rows AS (
        SELECT CAST(-1 AS BIGINT) AS id, CAST(0 AS BIGINT) AS parent, CAST(0 AS UINTEGER) AS depth,
               CAST(hash(thread.thread_name, '', '', 0) % 4294967296 AS UINTEGER) AS hash,
               run_begin AS "begin", run_end AS "end",
               epoch_ns(run_end) - epoch_ns(run_begin) AS duration,
               thread.thread_name AS name, '' AS target, '' AS filename, CAST(0 AS UINTEGER) AS line
        FROM runs, thread
        UNION ALL
        SELECT s.id, s.parent, s.depth, c.hash, s."begin", s."end",
               epoch_ns(s."end") - epoch_ns(s."begin") AS duration,
               c.name, c.target, c.filename, c.line
        FROM mm_spans s JOIN mm_scopes c ON c.scope_id = s.scope_id
        WHERE s.stream_id = TRY_CAST(view_instance_id AS UUID)
          AND s."begin" <= getvariable('query_range_end')
          AND s."end" >= getvariable('query_range_begin')
    )
    SELECT thread_rows.id, thread_rows.parent, thread_rows.depth, thread_rows.hash,
           thread_rows."begin", thread_rows."end", thread_rows.duration,
           thread_rows.name, thread_rows.target, thread_rows.filename, thread_rows.line
    FROM thread_rows, request
    -- coalesce keeps the filter from folding to false without a range, so the request check runs.
    WHERE request.failure IS NULL
      AND thread_rows."begin" <= coalesce(getvariable('query_range_end'), thread_rows."begin")
      AND thread_rows."end" >= coalesce(getvariable('query_range_begin'), thread_rows."end");
