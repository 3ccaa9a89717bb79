package framebudgets.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads API keys the way micromegas does: env {@code MICROMEGAS_API_KEYS} holds a JSON array
 * {@code [{"name": "...", "key": "..."}]}. Error messages never include a key.
 */
final class ApiKeysEnvironment {

    static final String VARIABLE = "MICROMEGAS_API_KEYS";

    private ApiKeysEnvironment() {}

    static Map<String, String> parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(VARIABLE + " is not valid JSON (expected [{\"name\": ..., \"key\": ...}])");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(VARIABLE + " must be a JSON array of {\"name\": ..., \"key\": ...}");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            JsonNode name = entry.get("name");
            JsonNode key = entry.get("key");
            if (name == null || !name.isTextual() || key == null || !key.isTextual() || key.asText().isEmpty()) {
                throw new IllegalArgumentException(VARIABLE + " entry " + i + " needs a text \"name\" and a non-empty text \"key\"");
            }
            keys.put(name.asText(), key.asText());
        }
        return keys;
    }
}
