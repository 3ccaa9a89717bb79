package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A task's Arrow memory closes only at zero: a leak, in a connection or in the task, fails the close. */
class FlightSqlMemoryTest {

    @Test
    void aLeakedBufferFailsTheCloseAndNamesTheConnection() {
        FlightSqlMemory memory = new FlightSqlMemory("flightsql partition 7");
        BufferAllocator connection = memory.forConnection("127.0.0.1:1");
        ArrowBuf kept = connection.buffer(64);
        IllegalStateException leak = assertThrows(IllegalStateException.class, connection::close);
        assertTrue(leak.getMessage().contains("Memory was leaked"), leak.getMessage());
        IllegalStateException open = assertThrows(IllegalStateException.class, memory::close);
        assertTrue(open.getMessage().contains("flightsql partition 7 <- 127.0.0.1:1"), open.getMessage());
        assertTrue(memory.peakBytes() >= 64);
        // Arrow closes an allocator even when its close fails: the kept buffer cannot be freed any more.
    }

    @Test
    void aReaderClosesEverythingAtZeroAndFailsWhenABatchIsKept() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory(); StandinServer server = StandinServer.builder(database).start()) {
            FlightSqlOptions options = FlightSqlOptions.parse(Map.of("uri", server.uri().toString(),
                    "query", "SELECT range AS n FROM range(10)"));
            StructType schema = new StructType().add("n", DataTypes.LongType);
            FlightSqlInputPartition partition = new FlightSqlInputPartition.Query(0, FlightSqlQuery.of("SELECT range AS n FROM range(10)"));

            FlightSqlPartitionReader clean = new FlightSqlPartitionReader(options, schema, partition, null);
            long rows = 0;
            while (clean.next()) {
                rows += clean.get().numRows();
            }
            assertEquals(10, rows);
            clean.close();

            FlightSqlPartitionReader leaking = new FlightSqlPartitionReader(options, schema, partition, null);
            assertTrue(leaking.next());
            ArrowBuf kept = ((ArrowColumnVector) leaking.get().column(0)).getValueVector().getDataBuffer();
            assertNotNull(kept);
            kept.getReferenceManager().retain();
            IllegalStateException leak = assertThrows(IllegalStateException.class, leaking::close);
            assertTrue(leak.getMessage().contains("flightsql partition 0 <- 127.0.0.1:"), leak.getMessage());
        }
    }
}
