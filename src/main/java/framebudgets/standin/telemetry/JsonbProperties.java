package framebudgets.standin.telemetry;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Properties in the binary JSONB encoding newer micromegas (0.14+) stores and sends them in: a
 * Databend {@code jsonb} object of string values. micromegas builds it from a {@code BTreeMap}, so
 * keys are sorted by their UTF-8 bytes and a repeated key keeps its last value. Layout (big endian):
 * a u32 header {@code 0x40000000 | n}, then {@code 2n} u32 entries (the n keys, then the n values,
 * each {@code 0x10000000 | byte length} for a string), then the key bytes and the value bytes.
 * Only what properties use is supported: string values (and null/true/false when decoding).
 */
public final class JsonbProperties {
    private static final int OBJECT_CONTAINER = 0x40000000;
    private static final int CONTAINER_TYPE_MASK = 0xE0000000;
    private static final int CONTAINER_LEN_MASK = 0x1FFFFFFF;
    private static final int ENTRY_IS_OFFSET = 0x80000000;
    private static final int ENTRY_TYPE_MASK = 0x70000000;
    private static final int ENTRY_LEN_MASK = 0x0FFFFFFF;
    private static final int NULL = 0x00000000;
    private static final int STRING = 0x10000000;
    private static final int FALSE = 0x30000000;
    private static final int TRUE = 0x40000000;

    private JsonbProperties() {}

    /** The JSONB object of these properties (sorted keys, last value of a repeated key). */
    public static byte[] encode(List<Property> properties) {
        TreeMap<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
        for (Property p : properties) {
            sorted.put(p.key().getBytes(StandardCharsets.UTF_8), p.value().getBytes(StandardCharsets.UTF_8));
        }
        int n = sorted.size();
        ByteBuffer head = ByteBuffer.allocate(4 + 8 * n);
        head.putInt(OBJECT_CONTAINER | n);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] key : sorted.keySet()) {
            head.putInt(STRING | key.length);
            data.writeBytes(key);
        }
        for (byte[] value : sorted.values()) {
            head.putInt(STRING | value.length);
            data.writeBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.capacity() + data.size());
        out.writeBytes(head.array());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    /** The properties of a JSONB object, in its (sorted) key order; fails naming what it cannot read. */
    public static List<Property> decode(byte[] jsonb) {
        ByteBuffer in = ByteBuffer.wrap(jsonb);
        if (jsonb.length < 4) {
            throw new IllegalArgumentException("JSONB properties: " + jsonb.length + " bytes, too short for a header");
        }
        int header = in.getInt();
        if ((header & CONTAINER_TYPE_MASK) != OBJECT_CONTAINER) {
            throw new IllegalArgumentException(String.format("JSONB properties: not an object (header 0x%08x)", header));
        }
        int n = header & CONTAINER_LEN_MASK;
        int dataStart = 4 + 8 * n;
        if (dataStart > jsonb.length) {
            throw new IllegalArgumentException("JSONB properties: " + n + " entries do not fit in " + jsonb.length + " bytes");
        }
        int[] entries = new int[2 * n];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = in.getInt();
        }
        String[] texts = new String[2 * n];
        int start = dataStart;
        for (int i = 0; i < entries.length; i++) {
            int entry = entries[i];
            int end = (entry & ENTRY_IS_OFFSET) != 0 ? dataStart + (entry & ENTRY_LEN_MASK) : start + (entry & ENTRY_LEN_MASK);
            if (end < start || end > jsonb.length) {
                throw new IllegalArgumentException("JSONB properties: entry " + i + " runs past the end of the value");
            }
            texts[i] = switch (entry & ENTRY_TYPE_MASK) {
                case STRING -> new String(jsonb, start, end - start, StandardCharsets.UTF_8);
                case NULL -> "null";
                case TRUE -> "true";
                case FALSE -> "false";
                default -> throw new IllegalArgumentException(String.format(
                        "JSONB properties: entry %d has type 0x%08x; only strings, booleans and null are read", i,
                        entry & ENTRY_TYPE_MASK));
            };
            start = end;
        }
        List<Property> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Property.of(texts[i], texts[n + i]));
        }
        return out;
    }

    /** {@link #decode} as a map (sorted keys), for comparisons. */
    public static Map<String, String> decodeToMap(byte[] jsonb) {
        Map<String, String> out = new TreeMap<>();
        decode(jsonb).forEach(p -> out.put(p.key(), p.value()));
        return out;
    }
}
