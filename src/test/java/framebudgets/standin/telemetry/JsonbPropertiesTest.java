package framebudgets.standin.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our JSONB encoder against bytes written by the real encoder: the Databend {@code jsonb} crate
 * 0.5.6 (the one micromegas 0.33 depends on), {@code jsonb::Value::Object(BTreeMap).to_vec()}, run
 * once from the crates registry to record them.
 */
class JsonbPropertiesTest {

    private static final String EMPTY = "40000000";
    private static final String THREAD = "40000002100000091000000b100000041000000a"
            + "7468726561642d69647468726561642d6e616d653132333447616d65546872656164";
    private static final String MIXED = "4000000310000004100000011000000d1000000910000000100000165a657461616275696c642d"
            + "76657273696f6ec3a92271756f74655c2b2b4d7947616d652b4d61696e2d434c2d3532333435";

    @Test
    void encodesLikeTheJsonbCrate() {
        assertEquals(EMPTY, hex(JsonbProperties.encode(List.of())));
        assertEquals(THREAD, hex(JsonbProperties.encode(
                List.of(Property.of("thread-name", "GameThread"), Property.of("thread-id", "1234")))));
        assertEquals(MIXED, hex(JsonbProperties.encode(List.of(Property.of("build-version", "++MyGame+Main-CL-52345"),
                Property.of("Zeta", "é\"quote\\"), Property.of("a", "")))));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueLikeABTreeMap() {
        assertEquals(Map.of("map", "second"), JsonbProperties.decodeToMap(JsonbProperties.encode(
                List.of(Property.of("map", "first"), Property.of("map", "second")))));
    }

    @Test
    void decodesTheCratesBytes() {
        assertEquals(List.of(), JsonbProperties.decode(HexFormat.of().parseHex(EMPTY)));
        assertEquals(List.of(Property.of("thread-id", "1234"), Property.of("thread-name", "GameThread")),
                JsonbProperties.decode(HexFormat.of().parseHex(THREAD)));
        assertEquals(Map.of("Zeta", "é\"quote\\", "a", "", "build-version", "++MyGame+Main-CL-52345"),
                JsonbProperties.decodeToMap(HexFormat.of().parseHex(MIXED)));
    }

    @Test
    void refusesWhatIsNotAnObjectOfStrings() {
        assertThrows(IllegalArgumentException.class, () -> JsonbProperties.decode(new byte[] {0x20, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> JsonbProperties.decode(new byte[] {0x40, 0, 0, 5}));
        assertThrows(IllegalArgumentException.class, () -> JsonbProperties.decode(new byte[2]));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
