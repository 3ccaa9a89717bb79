package framebudgets.standin;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The schema micromegas would send for a DuckDB result. Only metadata changes, so data moves over
 * without copies: naive {@code TIMESTAMP_NS} becomes {@code Timestamp(ns, "+00:00")}, list items
 * are named like arrow-rs names them ({@code "Property"} for key/value structs, {@code "item"}
 * otherwise), and dictionary-encoded columns (DuckDB ENUMs) are hydrated to their value type. With
 * JSONB properties (the newest profile), a top-level {@code List<Struct<key,value>>} column is sent
 * as {@code Binary} holding each row's properties as a JSONB object, as micromegas 0.14+ sends them.
 */
final class MicromegasResultShape {

    static final String UTC = "+00:00";
    static final String PROPERTY = "Property";
    static final String LIST_ITEM = "item";

    private MicromegasResultShape() {}

    static Schema of(Schema duckdb, DictionaryProvider dictionaries) {
        return of(duckdb, dictionaries, false);
    }

    static Schema of(Schema duckdb, DictionaryProvider dictionaries, boolean jsonbProperties) {
        List<Field> fields = new ArrayList<>();
        for (Field field : duckdb.getFields()) {
            Field hydrated = hydrated(field, dictionaries);
            fields.add(jsonbProperties && isProperties(hydrated)
                    ? new Field(field.getName(), new FieldType(field.isNullable(), ArrowType.Binary.INSTANCE, null), null)
                    : reshape(hydrated, field.getName()));
        }
        return new Schema(fields, duckdb.getCustomMetadata());
    }

    /** A {@code List<Struct<key, value>>} of strings: micromegas properties. */
    static boolean isProperties(Field field) {
        return (field.getType() instanceof ArrowType.List || field.getType() instanceof ArrowType.LargeList)
                && field.getChildren().size() == 1 && isKeyValueStruct(field.getChildren().get(0));
    }

    private static Field hydrated(Field field, DictionaryProvider dictionaries) {
        if (field.getDictionary() == null) {
            return field;
        }
        Dictionary dictionary = dictionaries.lookup(field.getDictionary().getId());
        Field values = dictionary.getVector().getField();
        return new Field(field.getName(),
                new FieldType(field.isNullable(), values.getType(), null, field.getMetadata()),
                values.getChildren());
    }

    private static Field reshape(Field field, String name) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Timestamp timestamp
                && timestamp.getUnit() == TimeUnit.NANOSECOND && timestamp.getTimezone() == null) {
            type = new ArrowType.Timestamp(TimeUnit.NANOSECOND, UTC);
        }
        List<Field> children = new ArrayList<>();
        for (Field child : field.getChildren()) {
            String childName = child.getName();
            if (type instanceof ArrowType.List || type instanceof ArrowType.LargeList
                    || type instanceof ArrowType.FixedSizeList) {
                childName = isKeyValueStruct(child) ? PROPERTY : LIST_ITEM;
            }
            children.add(reshape(child, childName));
        }
        return new Field(name, new FieldType(field.isNullable(), type, field.getDictionary(), field.getMetadata()),
                children);
    }

    private static boolean isKeyValueStruct(Field field) {
        List<Field> children = field.getChildren();
        return field.getType() instanceof ArrowType.Struct && children.size() == 2
                && children.get(0).getName().equals("key") && children.get(1).getName().equals("value");
    }
}
