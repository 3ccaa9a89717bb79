-- The newest micromegas surface (0.29-0.33), in schema "newest": a request of the newest profile runs
-- with search_path newest,main, so these views shadow the 0.11 ones of main. Properties stay
-- List<Struct<key,value>> inside SQL (property_get works on them); the server sends them as Binary
-- JSONB. mm_materialized_before (TIMESTAMP_NS or NULL) is the request's materialization cut-off:
-- streams and processes inserted after it are not in the materialized views yet. Since 0.30 every
-- processes/streams/blocks row carries its audience (last column); telemetry ingested without auth
-- is in the default audience 'public', which the seeded grant ('public', 'read', '*') lets every key read.

CREATE SCHEMA IF NOT EXISTS newest;

CREATE OR REPLACE MACRO newest.mm_is_materialized(inserted) AS
    getvariable('mm_materialized_before') IS NULL OR inserted <= getvariable('mm_materialized_before');

-- JSON text of a properties value, keys sorted like micromegas' JSONB objects.
CREATE OR REPLACE MACRO newest.jsonb_format_json(props) AS
    CASE WHEN props IS NULL THEN NULL
         ELSE '{' || array_to_string(list_transform(list_sort(props),
                  lambda p: CAST(to_json(p."key") AS VARCHAR) || ':' || CAST(to_json(p."value") AS VARCHAR)), ',') || '}'
    END;

CREATE OR REPLACE VIEW newest.processes AS
    SELECT p.process_id, p.exe, p.username, p.realname, p.computer, p.distro, p.cpu_brand,
           p.tsc_frequency, p.start_time, p.start_ticks, p.insert_time, p.parent_process_id,
           p.properties,
           greatest(p.insert_time, coalesce(u.last_block_insert_time, p.insert_time)) AS last_update_time,
           u.last_block_end_ticks, u.last_block_end_time, 'public' AS audience
    FROM main.mm_processes p
    LEFT JOIN (SELECT process_id, max(insert_time) AS last_block_insert_time, max(end_ticks) AS last_block_end_ticks,
                      max(end_time) AS last_block_end_time
               FROM main.mm_blocks GROUP BY process_id) u ON u.process_id = p.process_id
    WHERE newest.mm_is_materialized(p.insert_time)
      AND (main.mm_no_query_range()
           OR (p.insert_time <= getvariable('query_range_end')
               AND greatest(p.insert_time, coalesce(u.last_block_insert_time, p.insert_time))
                   >= getvariable('query_range_begin')));

CREATE OR REPLACE VIEW newest.streams AS
    SELECT s.stream_id, s.process_id, s.dependencies_metadata, s.objects_metadata, s.tags,
           s.properties, s.insert_time, 'micromegas-transit' AS format,
           greatest(s.insert_time, coalesce(u.last_block_insert_time, s.insert_time)) AS last_update_time,
           'public' AS audience
    FROM main.mm_streams s LEFT JOIN main.mm_stream_updates u ON u.stream_id = s.stream_id
    WHERE newest.mm_is_materialized(s.insert_time)
      AND (main.mm_no_query_range()
           OR (s.insert_time <= getvariable('query_range_end')
               AND greatest(s.insert_time, coalesce(u.last_block_insert_time, s.insert_time))
                   >= getvariable('query_range_begin')));

-- Blocks are read from the ingestion tables, so they show before their streams are materialized.
-- Range rule since 0.29: begin_time <= end AND insert_time >= begin.
CREATE OR REPLACE VIEW newest.blocks AS
    SELECT b.block_id, b.stream_id, b.process_id, b.begin_time, b.begin_ticks, b.end_time,
           b.end_ticks, b.nb_objects, b.object_offset, b.payload_size, b.insert_time,
           s.dependencies_metadata AS "streams.dependencies_metadata",
           s.objects_metadata AS "streams.objects_metadata",
           s.tags AS "streams.tags",
           s.properties AS "streams.properties",
           s.insert_time AS "streams.insert_time",
           'micromegas-transit' AS "streams.format",
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
           p.properties AS "processes.properties",
           'public' AS audience
    FROM main.mm_blocks b
    JOIN main.mm_streams s ON s.stream_id = b.stream_id
    JOIN main.mm_processes p ON p.process_id = b.process_id
    WHERE main.mm_no_query_range()
       OR (b.begin_time <= getvariable('query_range_end')
           AND b.insert_time >= getvariable('query_range_begin'));
