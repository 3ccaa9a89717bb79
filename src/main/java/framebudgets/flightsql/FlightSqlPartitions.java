package framebudgets.flightsql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client-side partitioning: a list of queries, one Spark input partition each, passed to the
 * source as the {@code queries} option, a JSON array of
 * {@code {"query": sql, "headers": {...}, "constants": {...}}} ("constants" only when there are some).
 * <pre>{@code
 * String queries = FlightSqlPartitions.toJson(List.of(
 *     FlightSqlQuery.of("SELECT ... stream A").withRange(begin, end),
 *     FlightSqlQuery.of("SELECT ... stream B").withRange(begin, end)));
 * spark.read().format("flightsql").option("uri", uri).option("queries", queries).load();
 * }</pre>
 */
public final class FlightSqlPartitions {
    /** Name of the option that carries the JSON array. */
    public static final String OPTION = "queries";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlightSqlPartitions() {}

    /** The value of the {@code queries} option for these queries, in this order. */
    public static String toJson(List<FlightSqlQuery> queries) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("option queries needs at least one query");
        }
        ArrayNode array = JSON.createArrayNode();
        for (FlightSqlQuery query : queries) {
            ObjectNode node = array.addObject();
            node.put("query", query.sql());
            ObjectNode headers = node.putObject("headers");
            query.headers().forEach(headers::put);
            if (!query.constants().isEmpty()) {
                ObjectNode constants = node.putObject("constants");
                query.constants().forEach(constants::put);
            }
        }
        return array.toString();
    }

    /** Parses the {@code queries} option, with errors that name the option and the element at fault. */
    public static List<FlightSqlQuery> fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("option queries is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(
                    "option queries must be a non-empty JSON array of {\"query\": ..., \"headers\": {...}}");
        }
        List<FlightSqlQuery> queries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            JsonNode sql = element.get("query");
            if (!element.isObject() || sql == null || !sql.isTextual()) {
                throw new IllegalArgumentException("option queries: element " + i + " has no string \"query\"");
            }
            Map<String, String> headers = strings(element, "headers", i);
            Map<String, String> constants = strings(element, "constants", i);
            try {
                queries.add(new FlightSqlQuery(sql.asText(), headers, constants));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option queries: element " + i + ": " + e.getMessage());
            }
        }
        return queries;
    }

    /** The object {@code field} of {@code element} as a map of strings (empty when absent). */
    private static Map<String, String> strings(JsonNode element, String field, int i) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode node = element.get(field);
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("option queries: \"" + field + "\" of element " + i + " must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("option queries: " + field + " entry " + entry.getKey()
                        + " of element " + i + " must be a string");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }
}
