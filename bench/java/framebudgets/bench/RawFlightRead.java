package framebudgets.bench;

import java.net.URI;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The limit: Arrow's own {@link FlightSqlClient} ({@code execute} then {@code getStream} for each
 * endpoint) on one thread, no Spark. It either counts the rows of the batches, or also reads
 * every value of every column in plain Java into {@link SpanTotals} (or of the report's span
 * columns into {@link ReportColumnTotals}).
 */
final class RawFlightRead implements AutoCloseable {

    private final FlightClient flight;
    private final FlightSqlClient sql;

    RawFlightRead(URI uri, BufferAllocator allocator) {
        this.flight = FlightClient.builder(allocator, new Location(uri)).build();
        this.sql = new FlightSqlClient(flight);
    }

    /** Rows of {@code query}, counted from the batch headers (values are received, not read). */
    long count(String query) throws Exception {
        long rows = 0;
        FlightInfo info = sql.execute(query);
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket())) {
                while (stream.next()) {
                    rows += stream.getRoot().getRowCount();
                }
            }
        }
        return rows;
    }

    /** {@link SpanTotals} of {@link SpanData#QUERY}, reading each value of each column of each row. */
    SpanTotals totals(String query) throws Exception {
        Totals totals = new Totals();
        FlightInfo info = sql.execute(query);
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket())) {
                while (stream.next()) {
                    totals.add(stream.getRoot());
                }
            }
        }
        return totals.result();
    }

    /** {@link ReportColumnTotals} of {@link ReportColumnTotals#QUERY}, reading each value of its four columns. */
    ReportColumnTotals reportColumnTotals() throws Exception {
        Totals totals = new Totals();
        FlightInfo info = sql.execute(ReportColumnTotals.QUERY);
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket())) {
                while (stream.next()) {
                    totals.addReportColumns(stream.getRoot());
                }
            }
        }
        return totals.reportColumns();
    }

    @Override
    public void close() throws InterruptedException {
        flight.close();
    }

    /** Running totals over batches; nulls are skipped as SQL aggregates skip them. */
    static final class Totals {
        private long rows;
        private long id;
        private long parent;
        private long depth;
        private long hash;
        private long maxBegin = Long.MIN_VALUE;
        private long maxEnd = Long.MIN_VALUE;
        private long duration;
        private long nameBytes;
        private long targetBytes;
        private long filenameBytes;
        private long line;

        void add(VectorSchemaRoot root) {
            int count = root.getRowCount();
            rows += count;
            id += sum((BigIntVector) root.getVector("id"), count);
            parent += sum((BigIntVector) root.getVector("parent"), count);
            depth += sum((UInt4Vector) root.getVector("depth"), count);
            hash += sum((UInt4Vector) root.getVector("hash"), count);
            maxBegin = Math.max(maxBegin, max((TimeStampVector) root.getVector("begin"), count));
            maxEnd = Math.max(maxEnd, max((TimeStampVector) root.getVector("end"), count));
            duration += sum((BigIntVector) root.getVector("duration"), count);
            nameBytes += bytes((VariableWidthFieldVector) root.getVector("name"), count);
            targetBytes += bytes((VariableWidthFieldVector) root.getVector("target"), count);
            filenameBytes += bytes((VariableWidthFieldVector) root.getVector("filename"), count);
            line += sum((UInt4Vector) root.getVector("line"), count);
        }

        void addReportColumns(VectorSchemaRoot root) {
            int count = root.getRowCount();
            rows += count;
            maxBegin = Math.max(maxBegin, max((TimeStampVector) root.getVector("begin"), count));
            maxEnd = Math.max(maxEnd, max((TimeStampVector) root.getVector("end"), count));
            duration += sum((BigIntVector) root.getVector("duration"), count);
            nameBytes += bytes((VariableWidthFieldVector) root.getVector("name"), count);
        }

        ReportColumnTotals reportColumns() {
            return new ReportColumnTotals(rows, micros(maxBegin), micros(maxEnd), duration, nameBytes);
        }

        SpanTotals result() {
            return new SpanTotals(rows, id, parent, depth, hash, micros(maxBegin), micros(maxEnd), duration,
                    nameBytes, targetBytes, filenameBytes, line);
        }

        private static long micros(long nanos) {
            return nanos == Long.MIN_VALUE ? 0 : Math.floorDiv(nanos, 1000);
        }

        private static long sum(BigIntVector vector, int count) {
            long total = 0;
            for (int i = 0; i < count; i++) {
                if (!vector.isNull(i)) {
                    total += vector.get(i);
                }
            }
            return total;
        }

        private static long sum(UInt4Vector vector, int count) {
            long total = 0;
            for (int i = 0; i < count; i++) {
                if (!vector.isNull(i)) {
                    total += vector.getValueAsLong(i);
                }
            }
            return total;
        }

        private static long max(TimeStampVector vector, int count) {
            long max = Long.MIN_VALUE;
            for (int i = 0; i < count; i++) {
                if (!vector.isNull(i)) {
                    max = Math.max(max, vector.get(i));
                }
            }
            return max;
        }

        private static long bytes(VariableWidthFieldVector vector, int count) {
            long total = 0;
            for (int i = 0; i < count; i++) {
                if (!vector.isNull(i)) {
                    total += vector.getValueLength(i);
                }
            }
            return total;
        }
    }
}
