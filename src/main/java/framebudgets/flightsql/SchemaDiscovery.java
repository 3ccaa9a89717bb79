package framebudgets.flightsql;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Spark schema of a read when the user gave none. It first asks the server for the
 * first query's schema (GetSchema, which plans without running); servers that do not answer it
 * (micromegas: UNIMPLEMENTED) get the first query under {@code LIMIT 1} (the probe:
 * {@code SELECT * FROM (query) AS q LIMIT 1}), so the server plans the query but sends at most one row: the schema comes from the probe's FlightInfo if the server
 * filled it in, else (as with micromegas, whose FlightInfo schema is always empty) from the first
 * DoGet message of its first endpoint. A server that rejects the probe (a statement that cannot be
 * a subquery, such as {@code SHOW TABLES}) gets the query itself, whose stream is cancelled after
 * its first message. The queries' constant columns follow the result's own.
 */
final class SchemaDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaDiscovery.class);
    /** Status codes with which servers reject a statement they cannot plan or run. */
    private static final Set<FlightStatusCode> REJECTED_STATEMENT = EnumSet.of(FlightStatusCode.INVALID_ARGUMENT,
            FlightStatusCode.INTERNAL, FlightStatusCode.UNIMPLEMENTED, FlightStatusCode.UNKNOWN);

    private SchemaDiscovery() {}

    /** The probe: {@code query} under {@code LIMIT 1}, in the same subquery wrapper as pushdown. */
    private static String probe(String query) {
        return SqlText.wrap(query, null, List.of(), 1);
    }

    static StructType discover(FlightSqlReadOptions read) {
        return withConstants(serverColumns(read.connection, read.queryList().get(0)), read);
    }

    /** {@code result} followed by the non-null string columns the queries declare as constants. */
    private static StructType withConstants(StructType result, FlightSqlReadOptions options) {
        StructType schema = result;
        for (String name : options.constantColumns()) {
            if (result.getFieldIndex(name).isDefined()) {
                throw new IllegalArgumentException("option queries: constant column \"" + name
                        + "\" is also a column of the query result");
            }
            schema = schema.add(name, DataTypes.StringType, false);
        }
        return schema;
    }

    private static StructType serverColumns(FlightSqlOptions options, FlightSqlQuery first) {
        return Retries.onTransientFailure(options, "schema discovery", () -> {
            try (FlightSqlMemory memory = new FlightSqlMemory("flightsql schema discovery");
                 FlightSqlConnection connection = FlightSqlConnection.open(options, memory, null, first.headers())) {
                StructType asked = askedSchema(options, connection, first.sql());
                if (asked != null) {
                    return asked;
                }
                try {
                    return resultColumns(options, memory, connection, first, probe(first.sql()));
                } catch (FlightSqlException probeFailure) {
                    if (!REJECTED_STATEMENT.contains(probeFailure.status())) {
                        throw probeFailure;
                    }
                    LOG.debug("the LIMIT 1 probe was rejected, discovering from the query itself: {}",
                            probeFailure.getMessage());
                    try {
                        return resultColumns(options, memory, connection, first, first.sql());
                    } catch (RuntimeException e) {
                        e.addSuppressed(probeFailure);
                        throw e;
                    }
                }
            }
        });
    }

    /**
     * The server's own answer to GetSchema for {@code sql}, which plans the query without running
     * it; null when the server does not give one (micromegas answers UNIMPLEMENTED), gives an empty
     * schema, or rejects the statement (the probe then reports the server's error as before).
     */
    private static StructType askedSchema(FlightSqlOptions options, FlightSqlConnection connection, String sql) {
        try {
            Schema schema = connection.executeSchema(sql);
            return schema.getFields().isEmpty() ? null : toSpark(schema, options);
        } catch (FlightSqlException e) {
            if (!REJECTED_STATEMENT.contains(e.status())) {
                throw e;
            }
            LOG.debug("GetSchema gave no schema, discovering with the LIMIT 1 probe: {}", e.getMessage());
            return null;
        }
    }

    /** The columns of {@code sql}'s result: from its FlightInfo's schema, else from its first DoGet message. */
    private static StructType resultColumns(FlightSqlOptions options, FlightSqlMemory memory,
                                            FlightSqlConnection connection, FlightSqlQuery query, String sql)
            throws Exception {
        FlightInfo info = connection.execute(sql);
        Schema announced = info.getSchemaOptional().orElse(null);
        if (announced != null && !announced.getFields().isEmpty()) {
            return toSpark(announced, options);
        }
        return fromFirstMessage(options, memory, connection, Endpoints.of(info), query);
    }

    private static StructType fromFirstMessage(FlightSqlOptions options, FlightSqlMemory memory,
                                               FlightSqlConnection main, List<Endpoints.Endpoint> endpoints,
                                               FlightSqlQuery query) throws Exception {
        if (endpoints.isEmpty()) {
            throw noSchema(options, "the server returned no endpoint");
        }
        Endpoints.Endpoint endpoint = endpoints.get(0);
        try (FlightSqlConnection other = endpoint.location() == null ? null
                     : FlightSqlConnection.open(options, memory, endpoint.location(), query.headers())) {
            FlightSqlConnection connection = other == null ? main : other;
            try (FlightStream stream = connection.stream(endpoint.ticket())) {
                boolean hasBatch;
                try {
                    hasBatch = stream.next();
                } catch (org.apache.arrow.flight.FlightRuntimeException e) {
                    throw connection.failure(e);
                }
                if (!stream.hasRoot()) {
                    throw noSchema(options, "the result is empty and carries no schema message");
                }
                StructType schema = ArrowToSpark.schema(stream.getRoot().getSchema(), stream.getDictionaryProvider(),
                        options.timestamps);
                StructType annotated = ArrowTimestamps.annotate(schema, stream.getRoot().getSchema());
                if (hasBatch) {
                    stream.cancel("schema discovered", null);
                }
                return annotated;
            }
        }
    }

    private static StructType toSpark(Schema schema, FlightSqlOptions options) {
        return ArrowTimestamps.annotate(ArrowToSpark.schema(schema, null, options.timestamps), schema);
    }

    private static IllegalStateException noSchema(FlightSqlOptions options, String why) {
        return new IllegalStateException("cannot discover the schema of the flightsql read from " + options.target()
                + ": " + why + "; give the schema yourself with spark.read().schema(...) (or columns in CREATE TABLE)");
    }
}
