package framebudgets.standin;

import framebudgets.standin.telemetry.JsonbProperties;
import framebudgets.standin.telemetry.Property;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/** Encodes a batch's {@code List<Struct<key,value>>} properties column as JSONB (newest profile). */
final class JsonbColumn {
    private JsonbColumn() {}

    /** Fills {@code to} with the JSONB object of each of the first {@code rows} rows of {@code from}. */
    static void encode(ListVector from, VarBinaryVector to, int rows) {
        StructVector entries = (StructVector) from.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild("key");
        VarCharVector values = (VarCharVector) entries.getChild("value");
        to.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            if (from.isNull(row)) {
                to.setNull(row);
                continue;
            }
            List<Property> properties = new ArrayList<>();
            for (int i = from.getElementStartIndex(row); i < from.getElementEndIndex(row); i++) {
                if (entries.isNull(i) || keys.isNull(i) || values.isNull(i)) {
                    continue;
                }
                properties.add(Property.of(keys.getObject(i).toString(), values.getObject(i).toString()));
            }
            to.setSafe(row, JsonbProperties.encode(properties));
        }
        to.setValueCount(rows);
    }
}
