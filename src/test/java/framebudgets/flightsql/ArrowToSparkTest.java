package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Type conversion on Arrow vectors built here, for the cases a server over Flight may not
 * produce (dictionaries, views, every unit and sign) and for the exact values at the edges.
 */
class ArrowToSparkTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void allocatorEndsAtZero() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static ColumnVector micros(org.apache.arrow.vector.FieldVector v) {
        return ArrowToSpark.column(v, v.getName(), null, TimestampMode.MICROS);
    }

    private static ColumnVector nanos(org.apache.arrow.vector.FieldVector v) {
        return ArrowToSpark.column(v, v.getName(), null, TimestampMode.EPOCH_NANOS);
    }

    @Test
    void timestampsOfEveryUnit() {
        try (TimeStampSecVector sec = new TimeStampSecVector("s", allocator);
             TimeStampMilliTZVector milli = new TimeStampMilliTZVector("ms", allocator, "+00:00");
             TimeStampNanoVector nano = new TimeStampNanoVector("ns", allocator)) {
            sec.setSafe(0, 1_700_000_000L);
            sec.setNull(1);
            sec.setValueCount(2);
            milli.setSafe(0, -1L);
            milli.setValueCount(1);
            nano.setSafe(0, 1_700_000_000_123_456_789L);
            nano.setSafe(1, -1L);
            nano.setValueCount(2);

            ColumnVector s = micros(sec);
            assertEquals(DataTypes.TimestampNTZType, s.dataType());
            assertEquals(1_700_000_000_000_000L, s.getLong(0));
            assertTrue(s.isNullAt(1));
            ColumnVector ms = micros(milli);
            assertEquals(DataTypes.TimestampType, ms.dataType());
            assertEquals(-1_000L, ms.getLong(0));
            ColumnVector ns = micros(nano);
            assertEquals(1_700_000_000_123_456L, ns.getLong(0));
            assertEquals(-1L, ns.getLong(1), "nanoseconds are floored, as Spark does");

            assertEquals(DataTypes.LongType, nanos(sec).dataType());
            assertEquals(1_700_000_000_000_000_000L, nanos(sec).getLong(0));
            assertEquals(-1_000_000L, nanos(milli).getLong(0));
            assertEquals(1_700_000_000_123_456_789L, nanos(nano).getLong(0));

            sec.setSafe(0, Long.MAX_VALUE / 10);
            ArithmeticException overflow = assertThrows(ArithmeticException.class, () -> nanos(sec).getLong(0));
            assertTrue(overflow.getMessage().contains("column s"));
        }
    }

    @Test
    void unsignedIntegersWidenLosslessly() {
        try (UInt1Vector u8 = new UInt1Vector("u8", allocator);
             UInt2Vector u16 = new UInt2Vector("u16", allocator);
             UInt4Vector u32 = new UInt4Vector("u32", allocator);
             UInt8Vector u64 = new UInt8Vector("u64", allocator)) {
            u8.setSafe(0, 0xFF);
            u8.setValueCount(1);
            u16.setSafe(0, 0xFFFF);
            u16.setValueCount(1);
            u32.setSafe(0, 0xFFFFFFFF);
            u32.setValueCount(1);
            u64.setSafe(0, -1L);
            u64.setSafe(1, 42L);
            u64.setNull(2);
            u64.setValueCount(3);

            assertEquals(DataTypes.ShortType, micros(u8).dataType());
            assertEquals((short) 255, micros(u8).getShort(0));
            assertEquals(DataTypes.IntegerType, micros(u16).dataType());
            assertEquals(65_535, micros(u16).getInt(0));
            assertEquals(DataTypes.LongType, micros(u32).dataType());
            assertEquals(4_294_967_295L, micros(u32).getLong(0));
            ColumnVector big = micros(u64);
            assertEquals(DataTypes.createDecimalType(20, 0), big.dataType());
            assertEquals(new BigDecimal("18446744073709551615"), big.getDecimal(0, 20, 0).toJavaBigDecimal());
            assertEquals(new BigDecimal("42"), big.getDecimal(1, 20, 0).toJavaBigDecimal());
            assertTrue(big.isNullAt(2));
        }
    }

    @Test
    void dictionaryVectorsReadThroughTheirDictionary() {
        DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(16, true));
        try (VarCharVector words = new VarCharVector("dict", allocator);
             IntVector indices = new IntVector("name",
                     new FieldType(true, new ArrowType.Int(16, true), encoding), allocator)) {
            words.setSafe(0, "FEngineLoop::Tick".getBytes(StandardCharsets.UTF_8));
            words.setSafe(1, "Render".getBytes(StandardCharsets.UTF_8));
            words.setValueCount(2);
            indices.setSafe(0, 1);
            indices.setSafe(1, 0);
            indices.setNull(2);
            indices.setSafe(3, 1);
            indices.setValueCount(4);
            DictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(new Dictionary(words, encoding));

            ColumnVector names = ArrowToSpark.column(indices, "name", provider, TimestampMode.MICROS);
            assertEquals(DataTypes.StringType, names.dataType());
            assertEquals("Render", names.getUTF8String(0).toString());
            assertEquals("FEngineLoop::Tick", names.getUTF8String(1).toString());
            assertTrue(names.isNullAt(2));
            assertEquals(1, names.numNulls());
            assertEquals("Render", names.getUTF8String(3).toString());

            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> ArrowToSpark.column(indices, "name", new DictionaryProvider.MapDictionaryProvider(),
                            TimestampMode.MICROS));
            assertTrue(missing.getMessage().contains("\"name\""));
        }
    }

    @Test
    void listsStructsAndMapsHoldConvertedChildren() {
        try (ListVector lists = ListVector.empty("tags", allocator);
             StructVector struct = StructVector.empty("s", allocator);
             MapVector maps = MapVector.empty("m", allocator, false)) {
            UnionListWriter writer = lists.getWriter();
            writer.setPosition(0);
            writer.startList();
            writer.bigInt().writeBigInt(5);
            writer.bigInt().writeBigInt(6);
            writer.endList();
            writer.setPosition(1);
            writer.startList();
            writer.endList();
            writer.setValueCount(2);
            ColumnVector tags = micros(lists);
            assertEquals(DataTypes.createArrayType(DataTypes.LongType, true), tags.dataType());
            ColumnarArray first = tags.getArray(0);
            assertEquals(2, first.numElements());
            assertEquals(6L, first.getLong(1));
            assertEquals(0, tags.getArray(1).numElements());

            UInt4Vector depth = struct.addOrGet("depth", FieldType.nullable(new ArrowType.Int(32, false)), UInt4Vector.class);
            org.apache.arrow.vector.TimeStampNanoTZVector begin = struct.addOrGet("begin",
                    FieldType.nullable(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, "+00:00")),
                    org.apache.arrow.vector.TimeStampNanoTZVector.class);
            depth.setSafe(0, -2);
            begin.setSafe(0, 1_500L);
            struct.setIndexDefined(0);
            struct.setNull(1);
            struct.setValueCount(2);
            depth.setValueCount(2);
            begin.setValueCount(2);
            ColumnVector s = nanos(struct);
            assertEquals("struct<depth:bigint,begin:bigint>", s.dataType().simpleString());
            assertEquals(4_294_967_294L, s.getChild(0).getLong(0));
            assertEquals(1_500L, s.getChild(1).getLong(0));
            assertTrue(s.isNullAt(1));

            UnionMapWriter mapWriter = maps.getWriter();
            mapWriter.setPosition(0);
            mapWriter.startMap();
            mapWriter.startEntry();
            mapWriter.key().integer().writeInt(1);
            mapWriter.value().integer().writeInt(10);
            mapWriter.endEntry();
            mapWriter.endMap();
            mapWriter.setValueCount(1);
            ColumnVector m = micros(maps);
            ColumnarMap map = m.getMap(0);
            assertEquals(1, map.numElements());
            assertEquals(1, map.keyArray().getInt(0));
            assertEquals(10, map.valueArray().getInt(0));
        }
    }

    @Test
    void stringViews() {
        try (ViewVarCharVector views = new ViewVarCharVector("v", allocator)) {
            views.setSafe(0, "a string longer than twelve bytes".getBytes(StandardCharsets.UTF_8));
            views.setNull(1);
            views.setValueCount(2);
            ColumnVector v = micros(views);
            assertEquals(DataTypes.StringType, v.dataType());
            assertEquals("a string longer than twelve bytes", v.getUTF8String(0).toString());
            assertNull(v.getUTF8String(1));
        }
    }

    @Test
    void aTypeSparkCannotHoldNamesTheColumn() {
        try (Float2Vector half = new Float2Vector("half_precision", allocator);
             BigIntVector plain = new BigIntVector("plain", allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> micros(half));
            assertTrue(e.getMessage().contains("\"half_precision\""), e.getMessage());
            assertTrue(e.getMessage().contains("HALF"), e.getMessage());
            assertFalse(micros(plain).hasNull());
            assertEquals(List.of("plain"), List.of(plain.getName()));
        }
    }
}
