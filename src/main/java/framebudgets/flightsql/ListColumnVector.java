package framebudgets.flightsql;

import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;

/**
 * Arrow list, large list, fixed-size list and map columns as Spark arrays and maps over the
 * converted child column, so elements of any supported type (including our own) are readable.
 */
final class ListColumnVector extends ArrowBackedColumnVector {
    private final ColumnVector elements;
    private final ColumnVector mapKeys;
    private final ColumnVector mapValues;

    /** A list column whose elements are {@code elements}. */
    ListColumnVector(DataType type, ValueVector lists, ColumnVector elements) {
        this(type, lists, elements, null, null);
    }

    /** A map column: entries are a struct column with {@code keys} and {@code values}. */
    static ListColumnVector map(DataType type, ValueVector maps, ColumnVector entries) {
        return new ListColumnVector(type, maps, entries, entries.getChild(0), entries.getChild(1));
    }

    private ListColumnVector(DataType type, ValueVector lists, ColumnVector elements,
                             ColumnVector mapKeys, ColumnVector mapValues) {
        super(type, lists);
        this.elements = elements;
        this.mapKeys = mapKeys;
        this.mapValues = mapValues;
    }

    private int start(int rowId) {
        if (vector instanceof ListVector list) {
            return list.getElementStartIndex(rowId);
        }
        if (vector instanceof LargeListVector list) {
            return Math.toIntExact(list.getElementStartIndex(rowId));
        }
        return ((FixedSizeListVector) vector).getElementStartIndex(rowId);
    }

    private int end(int rowId) {
        if (vector instanceof ListVector list) {
            return list.getElementEndIndex(rowId);
        }
        if (vector instanceof LargeListVector list) {
            return Math.toIntExact(list.getElementEndIndex(rowId));
        }
        return ((FixedSizeListVector) vector).getElementEndIndex(rowId);
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        int start = start(rowId);
        return new ColumnarArray(elements, start, end(rowId) - start);
    }

    @Override
    public ColumnarMap getMap(int rowId) {
        int start = start(rowId);
        return new ColumnarMap(mapKeys, mapValues, start, end(rowId) - start);
    }
}
