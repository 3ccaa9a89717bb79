package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * The one place that maps Arrow types to Spark types, and Arrow vectors to Spark column vectors
 * without copying. Types Spark's {@link ArrowColumnVector} reads as they are go to it; the others
 * (timestamps in s/ms/ns, unsigned ints, dictionaries, views, and containers holding any of them)
 * get a small wrapper of ours. A type Spark cannot hold fails with the column's name and type.
 */
final class ArrowToSpark {
    private ArrowToSpark() {}

    static StructType schema(Schema schema, DictionaryProvider dictionaries, TimestampMode mode) {
        List<StructField> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(DataTypes.createStructField(
                    field.getName(), type(field, field.getName(), dictionaries, mode), field.isNullable()));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The Spark type of {@code field}. With {@code dictionaries} null the field is in IPC message
     * form (a FlightInfo schema), where a dictionary-encoded field already has its value type.
     */
    static DataType type(Field field, String path, DictionaryProvider dictionaries, TimestampMode mode) {
        if (field.getDictionary() != null && dictionaries != null) {
            return type(dictionary(field, path, dictionaries).getVector().getField(), path, dictionaries, mode);
        }
        ArrowType arrow = field.getType();
        switch (arrow.getTypeID()) {
            case Null: return DataTypes.NullType;
            case Bool: return DataTypes.BooleanType;
            case Int: return intType((ArrowType.Int) arrow);
            case FloatingPoint: {
                FloatingPointPrecision precision = ((ArrowType.FloatingPoint) arrow).getPrecision();
                if (precision == FloatingPointPrecision.SINGLE) {
                    return DataTypes.FloatType;
                }
                if (precision == FloatingPointPrecision.DOUBLE) {
                    return DataTypes.DoubleType;
                }
                break;
            }
            case Utf8: case LargeUtf8: case Utf8View: return DataTypes.StringType;
            case Binary: case LargeBinary: case BinaryView: return DataTypes.BinaryType;
            case Decimal: {
                ArrowType.Decimal decimal = (ArrowType.Decimal) arrow;
                if (decimal.getBitWidth() == 128 && decimal.getPrecision() <= 38) {
                    return DataTypes.createDecimalType(decimal.getPrecision(), decimal.getScale());
                }
                break;
            }
            case Date: {
                if (((ArrowType.Date) arrow).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY) {
                    return DataTypes.DateType;
                }
                break;
            }
            case Timestamp: {
                if (mode == TimestampMode.EPOCH_NANOS) {
                    return DataTypes.LongType;
                }
                return ((ArrowType.Timestamp) arrow).getTimezone() == null
                        ? DataTypes.TimestampNTZType : DataTypes.TimestampType;
            }
            case List: case LargeList: case FixedSizeList: {
                Field element = field.getChildren().get(0);
                return DataTypes.createArrayType(
                        type(element, path + ".element", dictionaries, mode), element.isNullable());
            }
            case Struct: {
                List<StructField> fields = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    fields.add(DataTypes.createStructField(child.getName(),
                            type(child, path + "." + child.getName(), dictionaries, mode), child.isNullable()));
                }
                return DataTypes.createStructType(fields);
            }
            case Map: {
                List<Field> entry = field.getChildren().get(0).getChildren();
                return DataTypes.createMapType(
                        type(entry.get(0), path + ".key", dictionaries, mode),
                        type(entry.get(1), path + ".value", dictionaries, mode),
                        entry.get(1).isNullable());
            }
            default:
                break;
        }
        throw unsupported(path, arrow);
    }

    private static DataType intType(ArrowType.Int type) {
        int bits = type.getBitWidth();
        if (type.getIsSigned()) {
            return switch (bits) {
                case 8 -> DataTypes.ByteType;
                case 16 -> DataTypes.ShortType;
                case 32 -> DataTypes.IntegerType;
                default -> DataTypes.LongType;
            };
        }
        return switch (bits) {
            case 8 -> DataTypes.ShortType;
            case 16 -> DataTypes.IntegerType;
            case 32 -> DataTypes.LongType;
            default -> UnsignedColumnVector.UINT64_TYPE;
        };
    }

    /** A Spark view of {@code vector}; {@code path} names it in errors. */
    static ColumnVector column(FieldVector vector, String path, DictionaryProvider dictionaries, TimestampMode mode) {
        Field field = vector.getField();
        DataType sparkType = type(field, path, dictionaries, mode);
        if (field.getDictionary() != null) {
            FieldVector values = dictionary(field, path, dictionaries).getVector();
            return new DictionaryColumnVector((BaseIntVector) vector, column(values, path, dictionaries, mode));
        }
        ArrowType arrow = field.getType();
        switch (arrow.getTypeID()) {
            case Int:
                if (!((ArrowType.Int) arrow).getIsSigned()) {
                    return new UnsignedColumnVector(sparkType, (BaseIntVector) vector);
                }
                break;
            case Utf8View: case BinaryView:
                return new ViewColumnVector(sparkType, vector);
            case Timestamp:
                return timestamps(sparkType, (TimeStampVector) vector, ((ArrowType.Timestamp) arrow).getUnit(), mode);
            case List: case LargeList: case FixedSizeList:
                return new ListColumnVector(sparkType, vector,
                        column(vector.getChildrenFromFields().get(0), path + ".element", dictionaries, mode));
            case Map:
                return ListColumnVector.map(sparkType, vector,
                        column(((MapVector) vector).getDataVector(), path, dictionaries, mode));
            case Struct: {
                List<FieldVector> children = vector.getChildrenFromFields();
                ColumnVector[] fields = new ColumnVector[children.size()];
                for (int i = 0; i < fields.length; i++) {
                    FieldVector child = children.get(i);
                    fields[i] = column(child, path + "." + child.getName(), dictionaries, mode);
                }
                return new StructColumnVector(sparkType, vector, fields);
            }
            default:
                break;
        }
        return new ArrowColumnVector(vector);
    }

    private static ColumnVector timestamps(DataType type, TimeStampVector vector, TimeUnit unit, TimestampMode mode) {
        long unitNanos = nanosPer(unit);
        long targetNanos = mode == TimestampMode.EPOCH_NANOS ? 1 : 1_000;
        if (unitNanos == targetNanos && mode == TimestampMode.MICROS) {
            return new ArrowColumnVector(vector);
        }
        return unitNanos >= targetNanos
                ? new TimestampColumnVector(type, vector, unitNanos / targetNanos, 1)
                : new TimestampColumnVector(type, vector, 1, targetNanos / unitNanos);
    }

    /** Nanoseconds in one tick of {@code unit}. */
    static long nanosPer(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
    }

    private static Dictionary dictionary(Field field, String path, DictionaryProvider dictionaries) {
        long id = field.getDictionary().getId();
        Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(id);
        if (dictionary == null) {
            throw new IllegalStateException("column \"" + path + "\" is dictionary-encoded (id " + id
                    + ") but the stream carries no such dictionary");
        }
        return dictionary;
    }

    private static IllegalArgumentException unsupported(String path, ArrowType type) {
        return new IllegalArgumentException("column \"" + path + "\" has Arrow type " + type
                + ", which Spark cannot hold; cast it in the query or leave it out");
    }
}
