package framebudgets.standin;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Moves each DuckDB batch into a root with {@link MicromegasResultShape}'s schema. Columns whose
 * layout is unchanged are retagged by handing their buffers over (reference counts, no copy);
 * only dictionary-encoded columns are decoded, and properties are encoded as JSONB when asked.
 */
final class ResultReshaper implements AutoCloseable {

    private final VectorSchemaRoot source;
    private final DictionaryProvider dictionaries;
    private final VectorSchemaRoot target;
    private final boolean identity;

    ResultReshaper(VectorSchemaRoot source, DictionaryProvider dictionaries, BufferAllocator allocator) {
        this(source, dictionaries, allocator, false);
    }

    ResultReshaper(VectorSchemaRoot source, DictionaryProvider dictionaries, BufferAllocator allocator,
            boolean jsonbProperties) {
        this.source = source;
        this.dictionaries = dictionaries;
        Schema shaped = MicromegasResultShape.of(source.getSchema(), dictionaries, jsonbProperties);
        this.identity = shaped.equals(source.getSchema());
        this.target = identity ? source : VectorSchemaRoot.create(shaped, allocator);
    }

    /** The root to stream: the source itself when DuckDB's schema already matches. */
    VectorSchemaRoot target() {
        return target;
    }

    /** Moves the source's current batch into {@link #target()}. */
    void reshapeCurrentBatch() {
        if (identity) {
            return;
        }
        int rows = source.getRowCount();
        List<Field> directFields = new ArrayList<>();
        List<FieldVector> directSources = new ArrayList<>();
        List<FieldVector> directTargets = new ArrayList<>();
        for (int i = 0; i < source.getFieldVectors().size(); i++) {
            FieldVector from = source.getVector(i);
            FieldVector to = target.getVector(i);
            if (from.getField().getDictionary() != null) {
                hydrate(from, to);
            } else if (to instanceof VarBinaryVector binary && from instanceof ListVector list) {
                JsonbColumn.encode(list, binary, rows);
            } else {
                directFields.add(from.getField());
                directSources.add(from);
                directTargets.add(to);
            }
        }
        if (!directSources.isEmpty()) {
            VectorSchemaRoot from = new VectorSchemaRoot(directFields, directSources, rows);
            List<Field> targetFields = directTargets.stream().map(FieldVector::getField).toList();
            VectorSchemaRoot to = new VectorSchemaRoot(targetFields, directTargets, rows);
            try (ArrowRecordBatch batch = new VectorUnloader(from).getRecordBatch()) {
                new VectorLoader(to).load(batch);
            }
        }
        target.setRowCount(rows);
    }

    private void hydrate(FieldVector indices, FieldVector to) {
        long id = indices.getField().getDictionary().getId();
        try (ValueVector values = DictionaryEncoder.decode(indices, dictionaries.lookup(id))) {
            values.makeTransferPair(to).transfer();
        }
    }

    @Override
    public void close() {
        if (!identity) {
            target.close();
        }
    }
}
