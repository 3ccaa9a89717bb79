package framebudgets.standin.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends micromegas-shaped telemetry (processes, streams, blocks, spans) to a DuckDB database that
 * has {@link MicromegasSchema} (installed on open when missing). The generator writes through it, and so can a
 * test that needs hand-made data. Spans go through DuckDB's appender, so millions per second are
 * fine; rows become visible at {@link #flush()} or {@link #close()}.
 */
public final class TelemetryWriter implements AutoCloseable {

    private static final String PROPERTIES_SQL =
            "list_transform(list_zip(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])), lambda z: {'key': z[1], 'value': z[2]})";
    private static final long BLOCK_INSERT_DELAY_NS = 2_000_000_000L;

    private final Connection connection;
    private final DuckDBAppender spans;
    private final DuckDBAppender scopes;
    private final DuckDBAppender blocks;
    private final Map<ScopeKey, Integer> scopeIds = new HashMap<>();
    private int nextScopeId;

    private TelemetryWriter(Connection connection) throws SQLException {
        this.connection = connection;
        MicromegasSchema.ensureInstalled(connection);
        loadScopes();
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        this.spans = duck.createAppender("mm_spans");
        this.scopes = duck.createAppender("mm_scopes");
        this.blocks = duck.createAppender("mm_blocks");
    }

    /** A writer on {@code connection} (a DuckDB connection; the caller keeps ownership of it). */
    public static TelemetryWriter open(Connection connection) throws SQLException {
        return new TelemetryWriter(connection);
    }

    public void addProcess(ProcessInfo process) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mm_processes VALUES (?, ?, ?, ?, ?, ?, ?, ?, make_timestamp_ns(?), ?, "
                        + "make_timestamp_ns(?), ?, " + PROPERTIES_SQL + ")")) {
            insert.setString(1, process.processId().toString());
            insert.setString(2, process.exe());
            insert.setString(3, process.username());
            insert.setString(4, process.realname());
            insert.setString(5, process.computer());
            insert.setString(6, process.distro());
            insert.setString(7, process.cpuBrand());
            insert.setLong(8, process.tscFrequency());
            insert.setLong(9, process.startTimeNs());
            insert.setLong(10, process.startTicks());
            insert.setLong(11, process.insertTimeNs());
            insert.setString(12, process.parentProcessId());
            setProperties(insert, 13, process.properties());
            insert.executeUpdate();
        }
    }

    public void addStream(StreamInfo stream) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mm_streams VALUES (?, ?, ''::BLOB, ''::BLOB, CAST(? AS VARCHAR[]), "
                        + PROPERTIES_SQL + ", make_timestamp_ns(?))")) {
            insert.setString(1, stream.streamId().toString());
            insert.setString(2, stream.processId().toString());
            if (stream.tags() == null) {
                insert.setNull(3, java.sql.Types.ARRAY);
            } else {
                insert.setArray(3, connection.createArrayOf("VARCHAR", stream.tags().toArray()));
            }
            setProperties(insert, 4, stream.properties());
            insert.setLong(6, stream.insertTimeNs());
            insert.executeUpdate();
        }
    }

    public void addBlock(BlockInfo block) throws SQLException {
        blocks.beginRow()
                .append(block.blockId().toString())
                .append(block.streamId().toString())
                .append(block.processId().toString())
                .appendEpochNanos(block.beginTimeNs())
                .append(block.beginTicks())
                .appendEpochNanos(block.endTimeNs())
                .append(block.endTicks())
                .append(block.nbObjects())
                .append(block.objectOffset())
                .append(block.payloadSize())
                .appendEpochNanos(block.insertTimeNs())
                .endRow();
    }

    /**
     * Adds contiguous blocks of {@code streamId} between consecutive {@code boundariesNs} (at least
     * two, increasing): one run, hence one synthetic root row in {@code thread_spans}. Each block
     * gets {@code objectsPerBlock} objects and is inserted two seconds after it ends.
     */
    public List<BlockInfo> addBlockRun(ProcessInfo process, UUID streamId, long objectOffset,
            int objectsPerBlock, long... boundariesNs) throws SQLException {
        if (boundariesNs.length < 2) {
            throw new IllegalArgumentException("a block run needs at least two boundaries, got " + boundariesNs.length);
        }
        List<BlockInfo> added = new ArrayList<>();
        long offset = objectOffset;
        for (int i = 1; i < boundariesNs.length; i++) {
            long begin = boundariesNs[i - 1];
            long end = boundariesNs[i];
            if (end <= begin) {
                throw new IllegalArgumentException("block run boundaries must increase: " + begin + " then " + end);
            }
            BlockInfo block = new BlockInfo(blockId(streamId, begin), streamId, process.processId(),
                    begin, process.ticksAt(begin), end, process.ticksAt(end), objectsPerBlock, offset,
                    plausiblePayloadSize(objectsPerBlock), end + BLOCK_INSERT_DELAY_NS);
            addBlock(block);
            added.add(block);
            offset += objectsPerBlock;
        }
        return added;
    }

    /** The id of a span description, registering it on first use. */
    public int scope(String name, String target, String filename, int line) throws SQLException {
        ScopeKey key = new ScopeKey(name, target, filename, line);
        Integer id = scopeIds.get(key);
        if (id != null) {
            return id;
        }
        int newId = nextScopeId++;
        scopes.beginRow().append(newId).append(name).append(target).append(filename).append(line)
                .append(key.hashCode32()).endRow();
        scopeIds.put(key, newId);
        return newId;
    }

    /**
     * Adds one span of a thread stream. {@code id} is unique within the stream; a top-level span
     * has depth 1 and parent -1 (depth 0 is the synthetic thread root, derived from blocks).
     */
    public void addSpan(UUID streamId, long id, long parent, int depth, long beginNs, long endNs,
            String name, String target, String filename, int line) throws SQLException {
        addSpan(streamId, id, parent, depth, beginNs, endNs, scope(name, target, filename, line));
    }

    /** As {@link #addSpan(UUID, long, long, int, long, long, String, String, String, int)} with a {@link #scope} id. */
    public void addSpan(UUID streamId, long id, long parent, int depth, long beginNs, long endNs, int scopeId)
            throws SQLException {
        if (depth < 1) {
            throw new IllegalArgumentException("span " + id + ": depth must be >= 1 (0 is the thread root), got " + depth);
        }
        if (endNs < beginNs) {
            throw new IllegalArgumentException("span " + id + " ends (" + endNs + ") before it begins (" + beginNs + ")");
        }
        spans.beginRow()
                .appendUUID(streamId.getMostSignificantBits(), streamId.getLeastSignificantBits())
                .append(id)
                .append(parent)
                .append(depth)
                .appendEpochNanos(beginNs)
                .appendEpochNanos(endNs)
                .append(scopeId)
                .endRow();
    }

    /** Makes everything appended so far visible to queries. */
    public void flush() throws SQLException {
        scopes.flush();
        spans.flush();
        blocks.flush();
    }

    @Override
    public void close() throws SQLException {
        try (scopes; spans; blocks) {
            flush();
        }
    }

    static long plausiblePayloadSize(int nbObjects) {
        return 96L + 11L * nbObjects;
    }

    static UUID blockId(UUID streamId, long beginNs) {
        return UUID.nameUUIDFromBytes((streamId + "/" + beginNs).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void setProperties(PreparedStatement statement, int index, List<Property> properties) throws SQLException {
        statement.setArray(index, connection.createArrayOf("VARCHAR",
                properties.stream().map(Property::key).toArray()));
        statement.setArray(index + 1, connection.createArrayOf("VARCHAR",
                properties.stream().map(Property::value).toArray()));
    }

    private void loadScopes() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT scope_id, name, target, filename, line FROM mm_scopes")) {
            while (rows.next()) {
                int id = rows.getInt(1);
                scopeIds.put(new ScopeKey(rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5)), id);
                nextScopeId = Math.max(nextScopeId, id + 1);
            }
        }
    }

    private record ScopeKey(String name, String target, String filename, int line) {
        ScopeKey {
            Objects.requireNonNull(name, "span name");
            Objects.requireNonNull(target, "span target");
            Objects.requireNonNull(filename, "span filename");
        }

        /** A stable 32-bit FNV-1a hash of the description (micromegas hashes its ScopeDesc likewise). */
        int hashCode32() {
            int h = 0x811c9dc5;
            for (String part : new String[] {name, target, filename, Integer.toString(line)}) {
                for (byte b : part.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x01000193;
                }
                h = (h ^ 0x1f) * 0x01000193;
            }
            return h;
        }
    }
}
