package framebudgets.micromegas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.config.ProcessFilter;
import framebudgets.config.ReportWindow;
import framebudgets.config.SourceSettings;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.MicromegasProfile;
import framebudgets.standin.StandinServer;
import framebudgets.standin.telemetry.ProcessInfo;
import framebudgets.standin.telemetry.Property;
import framebudgets.standin.telemetry.StreamInfo;
import framebudgets.standin.telemetry.TelemetryWriter;
import framebudgets.testing.SharedSpark;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Process and thread discovery through the real source and stand-in: every filter selects exactly
 * the processes it should, and hostile values reach the server as literals, never as SQL.
 */
class TelemetryReaderTest {
    private static final long T0 = Instant.parse("2026-03-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final String NASTY = "Game'Thread\" --; DROP TABLE mm_spans; é漢";

    private static StandinDatabase database;
    private static StandinServer newest;
    private static StandinServer v011;
    /** The server of the current test: the newest micromegas surface unless a case asks for 0.11. */
    private static StandinServer server;
    private static final List<String> IDS = new ArrayList<>();
    private static final Map<Integer, UUID> MAIN_STREAMS = new java.util.HashMap<>();
    private static final Map<Integer, UUID> RENDER_STREAMS = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        try (Connection c = database.newConnection(); TelemetryWriter w = TelemetryWriter.open(c)) {
            // 0: Game.exe alice PC-1 map=Arena GameThread; 1: Game.exe bob PC-2 map=Lobby GameThread;
            // 2: Editor.exe alice PC-1 map=Arena, thread with a nasty name; 3: Game.exe, outside the window.
            String[][] spec = {
                {"Game.exe", "alice", "PC-1", "Arena", "GameThread"},
                {"Game.exe", "bob", "PC-2", "Lobby", "GameThread"},
                {"Editor.exe", "alice", "PC-1", "Arena", NASTY},
                {"Game.exe", "carol", "PC-3", "Arena", "GameThread"},
            };
            for (int i = 0; i < spec.length; i++) {
                UUID pid = new UUID(0xAAAAL, i + 1L);
                long start = i == 3 ? T0 + 3600 * SECOND : T0;
                ProcessInfo p = new ProcessInfo(pid, spec[i][0], spec[i][1], spec[i][1], spec[i][2], "Windows 11",
                        "CPU", 1_000_000_000L, start, 0, start, "",
                        i == 1 ? List.of(Property.of("Map", spec[i][3]))
                                : List.of(Property.of("Map", spec[i][3]), Property.of("build-version", "CL-" + i + "'" + NASTY)));
                w.addProcess(p);
                UUID main = new UUID(0xBBBBL, i + 1L);
                UUID render = new UUID(0xCCCCL, i + 1L);
                w.addStream(StreamInfo.cpuThread(main, pid, spec[i][4], 100 + i, start));
                w.addStream(StreamInfo.cpuThread(render, pid, "RenderThread 0", 200 + i, start));
                w.addBlockRun(p, main, 0, 10, start, start + 10 * SECOND);
                w.addBlockRun(p, render, 0, 10, start, start + 10 * SECOND);
                w.addSpan(main, 1, -1, 1, start + SECOND, start + 2 * SECOND, "FEngineLoop::Tick", "Launch", "x.cpp", 1);
                w.addSpan(render, 1, -1, 1, start + SECOND, start + 3 * SECOND, "RenderFrame", "Render", "r.cpp", 1);
                IDS.add(pid.toString());
                MAIN_STREAMS.put(i, main);
                RENDER_STREAMS.put(i, render);
            }
        }
        newest = StandinServer.builder(database).start();
        v011 = StandinServer.builder(database).profile(MicromegasProfile.V0_11).start();
        server = newest;
    }

    @AfterAll
    static void stop() {
        newest.close();
        v011.close();
        database.close();
    }

    @BeforeEach
    void newestByDefault() {
        server = newest;
    }

    private static void serve(String micromegas) {
        server = MicromegasProfile.parse(micromegas) == MicromegasProfile.V0_11 ? v011 : newest;
    }

    private static TelemetryReader reader() {
        ReportWindow window = new ReportWindow(Instant.ofEpochSecond(T0 / SECOND), Instant.ofEpochSecond(T0 / SECOND + 600),
                java.time.LocalDate.parse("2026-03-01"));
        return new TelemetryReader(SharedSpark.get(), new SourceSettings(server.uri().toString(), "", "", "", Map.of()), window);
    }

    private static ProcessFilter filter(List<String> exe, List<String> user, List<String> computer, String key,
            List<String> values, String hasThread, int max) {
        return new ProcessFilter(exe, user, computer, key, values, hasThread, max, "build-version");
    }

    private static List<String> ids(List<ProcessRow> rows) {
        return rows.stream().map(ProcessRow::processId).toList();
    }

    @ParameterizedTest(name = "micromegas {0}")
    @ValueSource(strings = {"newest", "0.11"})
    void everyFilterSelectsExactlyItsProcesses(String micromegas) {
        serve(micromegas);
        TelemetryReader reader = reader();
        List<String> none = List.of();
        assertEquals(IDS.subList(0, 3), ids(reader.processes(filter(none, none, none, "", none, "", 0))));
        assertEquals(List.of(IDS.get(0), IDS.get(1)), ids(reader.processes(filter(List.of("Game.exe"), none, none, "", none, "", 0))));
        assertEquals(List.of(IDS.get(0), IDS.get(2)), ids(reader.processes(filter(none, List.of("alice"), none, "", none, "", 0))));
        assertEquals(List.of(IDS.get(1)), ids(reader.processes(filter(none, none, List.of("PC-2"), "", none, "", 0))));
        // property keys match case-insensitively, like micromegas' property_get
        assertEquals(List.of(IDS.get(0), IDS.get(2)), ids(reader.processes(filter(none, none, none, "map", List.of("Arena"), "", 0))));
        assertEquals(List.of(IDS.get(0), IDS.get(1)), ids(reader.processes(filter(none, none, none, "", none, "GameThread", 0))));
        assertEquals(List.of(IDS.get(0)), ids(reader.processes(filter(none, none, none, "", none, "", 1))));
        ProcessRow first = reader.processes(filter(List.of("Editor.exe"), none, none, "", none, "", 0)).get(0);
        assertEquals(new ProcessRow(IDS.get(2), "Editor.exe", "alice", "PC-1", "CL-2'" + NASTY), first);
    }

    @ParameterizedTest(name = "micromegas {0}")
    @ValueSource(strings = {"newest", "0.11"})
    void buildsComeFromTheConfiguredPropertyAndAreNullWithoutIt(String micromegas) {
        serve(micromegas);
        List<String> none = List.of();
        List<ProcessRow> rows = reader().processes(filter(none, none, none, "", none, "", 0));
        assertEquals(Arrays.asList("CL-0'" + NASTY, null, "CL-2'" + NASTY), rows.stream().map(ProcessRow::build).toList());
        ProcessFilter noBuilds = new ProcessFilter(none, none, none, "", none, "", 0, "");
        assertEquals(Arrays.asList(null, null, null), reader().processes(noBuilds).stream().map(ProcessRow::build).toList());
        int before = server.receivedQueries().size();
        ProcessFilter hostileKey = new ProcessFilter(none, none, none, "", none, "", 0, NASTY);
        assertEquals(Arrays.asList(null, null, null), reader().processes(hostileKey).stream().map(ProcessRow::build).toList());
        assertTrue(server.receivedQueries().subList(before, server.receivedQueries().size()).stream()
                .anyMatch(q -> q.sql().contains("property_get(\"processes.properties\", 'Game''Thread\" --; DROP TABLE mm_spans; é漢')")));
    }

    @ParameterizedTest(name = "micromegas {0}")
    @ValueSource(strings = {"newest", "0.11"})
    void threadsOfTheProcessesWithTheirNames(String micromegas) {
        serve(micromegas);
        List<ThreadStream> streams = reader().cpuStreams(IDS.subList(0, 3));
        assertEquals(6, streams.size());
        assertTrue(streams.contains(new ThreadStream(IDS.get(2), MAIN_STREAMS.get(2).toString(), NASTY)), streams.toString());
    }

    @Test
    void hostileValuesReachTheServerAsLiterals() {
        TelemetryReader reader = reader();
        List<String> hostile = List.of(NASTY, "x') OR ('1'='1", "a\\", "--", ";");
        int before = server.receivedQueries().size();
        assertEquals(List.of(), reader.processes(filter(hostile, hostile, hostile, NASTY, hostile, NASTY, 0)));
        // the nasty thread name is a value like any other: it selects the process that has it
        assertEquals(List.of(IDS.get(2)), ids(reader.processes(filter(List.of(), List.of(), List.of(), "", List.of(), NASTY, 0))));
        List<String> sent = server.receivedQueries().subList(before, server.receivedQueries().size()).stream()
                .map(StandinServer.ReceivedQuery::sql).toList();
        assertTrue(sent.stream().anyMatch(sql -> sql.contains("'Game''Thread\" --; DROP TABLE mm_spans; é漢'")), sent.toString());
        assertTrue(sent.stream().anyMatch(sql -> sql.contains("'x'') OR (''1''=''1'")), sent.toString());
        // the table the hostile value names is still there
        List<Row> spans = reader.spans(List.of(new ThreadStream(IDS.get(0), MAIN_STREAMS.get(0).toString(), "GameThread")))
                .collectAsList();
        assertEquals(1, spans.size());
        assertEquals("FEngineLoop::Tick", spans.get(0).getAs("name"));
        assertEquals(T0 + SECOND, (long) spans.get(0).getAs("begin"));
        assertEquals(SECOND, (long) spans.get(0).getAs("duration"));
    }

    /**
     * The report reads the main threads once, persists that read and unions it with the other threads'
     * read: the union must still have one partition per stream (duplicate-span marking relies on it),
     * and must not query the main threads again.
     */
    @Test
    void aPersistedReadUnionedWithAnotherKeepsOneStreamPerPartitionAndIsNotReadAgain() {
        TelemetryReader reader = reader();
        List<ThreadStream> main = new ArrayList<>();
        List<ThreadStream> render = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            main.add(new ThreadStream(IDS.get(i), MAIN_STREAMS.get(i).toString(), "GameThread"));
            render.add(new ThreadStream(IDS.get(i), RENDER_STREAMS.get(i).toString(), "RenderThread 0"));
        }
        Dataset<Row> mainSpans = reader.spans(main).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            assertEquals(3, mainSpans.count());
            int before = server.receivedQueries().size();
            List<List<Row>> partitions = mainSpans.unionByName(reader.spans(render)).select("stream_id").javaRDD().glom().collect();

            List<String> sent = server.receivedQueries().subList(before, server.receivedQueries().size()).stream()
                    .map(StandinServer.ReceivedQuery::sql).toList();
            assertEquals(3, sent.size(), "only the render threads are read: " + sent);
            assertTrue(main.stream().noneMatch(s -> sent.stream().anyMatch(sql -> sql.contains(s.streamId()))), sent.toString());
            assertEquals(6, partitions.size(), "one partition per stream");
            Set<String> streams = new TreeSet<>();
            for (List<Row> partition : partitions) {
                assertEquals(1, partition.stream().map(r -> r.getString(0)).distinct().count(), partitions.toString());
                streams.add(partition.get(0).getString(0));
            }
            Set<String> expected = new TreeSet<>();
            main.forEach(s -> expected.add(s.streamId()));
            render.forEach(s -> expected.add(s.streamId()));
            assertEquals(expected, streams);
        } finally {
            mainSpans.unpersist(true);
        }
    }

    @Test
    void idsThatAreNotUuidsAreRefusedBeforeAnyQuery() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reader().cpuStreams(List.of("1' OR '1'='1")));
        assertTrue(e.getMessage().contains("process id '1' OR '1'='1' is not a UUID"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> reader().spans(List.of(new ThreadStream(IDS.get(0), "nope", "GameThread"))));
        assertTrue(e.getMessage().contains("stream id 'nope' is not a UUID"), e.getMessage());
    }
}
