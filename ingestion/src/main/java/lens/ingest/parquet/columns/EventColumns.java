package lens.ingest.parquet.columns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.Set;
import lens.events.FieldType;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.parquet.EventParquetSchema;
import lens.ingest.parquet.LandedRow;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

/**
 * The row group being written, column by column: each event's values go into primitive arrays as it is appended,
 * and {@link #writeRowGroup} encodes every column in one pass. Lists and maps use the 3-level layout of
 * {@link EventParquetSchema}: a null one is definition level 0, an empty one 1, each element 2.
 */
public final class EventColumns {

    private final FieldType[] types;
    /** Per contract field its leaf; a map's keys, with its values in {@link #mapValues}. */
    private final LeafColumn[] fieldLeaves;
    private final NumberColumn[] mapValues;
    private final BinaryColumn extras;
    private final NumberColumn partition;
    private final NumberColumn offset;
    private final List<LeafColumn> leaves = new ArrayList<>();
    private final PageBuffer page = new PageBuffer();
    private final Topic topic;
    private int rows;

    /**
     * The buffers of closed files, kept for the next files of their topic. A file's buffers grow to a row group's
     * size; grown anew for every file they were large (humongous) allocations that kept the collector busy.
     */
    private static final Map<Topic, ArrayBlockingQueue<EventColumns>> SPARE = new EnumMap<>(Topic.class);
    private static final int SPARE_PER_TOPIC = 8;

    static {
        for (Topic topic : Topic.values()) {
            SPARE.put(topic, new ArrayBlockingQueue<>(SPARE_PER_TOPIC));
        }
    }

    /** Empty buffers for a new file: a closed file's, or new ones. */
    public static EventColumns take(Topic topic) {
        EventColumns spare = SPARE.get(topic).poll();
        return spare != null ? spare : new EventColumns(topic);
    }

    /** Hands the buffers back once their file is closed (or dropped); the caller must not touch them again. */
    public void release() {
        leaves.forEach(LeafColumn::reset);
        rows = 0;
        SPARE.get(topic).offer(this);
    }

    private EventColumns(Topic topic) {
        this.topic = topic;
        MessageType schema = EventParquetSchema.of(topic);
        Set<String> unique = Set.copyOf(EventParquetSchema.uniquePerEvent(topic));
        Set<String> noStatistics = Set.copyOf(EventParquetSchema.uniqueIds(topic));
        List<ColumnDescriptor> columns = schema.getColumns();
        for (ColumnDescriptor column : columns) {
            String name = column.getPath()[0];
            boolean statistics = !noStatistics.contains(name);
            boolean dictionary = !unique.contains(name);
            leaves.add(switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                case BINARY -> new BinaryColumn(column, statistics, dictionary);
                case BOOLEAN -> new BooleanColumn(column, statistics);
                case INT32, INT64, DOUBLE -> new NumberColumn(column, statistics, dictionary);
                default -> throw new IllegalStateException("no event column is " + column);
            });
        }
        int fieldCount = topic.schema().fields().size();
        this.types = new FieldType[fieldCount];
        this.fieldLeaves = new LeafColumn[fieldCount];
        this.mapValues = new NumberColumn[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            types[i] = topic.schema().fields().get(i).type();
            String name = topic.schema().fields().get(i).name();
            fieldLeaves[i] = leafOf(name, 0);
            if (types[i] == FieldType.DOUBLE_MAP) {
                mapValues[i] = (NumberColumn) leafOf(name, 1);
            }
        }
        this.extras = (BinaryColumn) leafOf(LakeLayout.COLUMN_EXTRAS, 0);
        this.partition = (NumberColumn) leafOf(LakeLayout.COLUMN_KAFKA_PARTITION, 0);
        this.offset = (NumberColumn) leafOf(LakeLayout.COLUMN_KAFKA_OFFSET, 0);
    }

    /** The {@code nth} leaf under a top-level field (a map has two: key, value). */
    private LeafColumn leafOf(String field, int nth) {
        return leaves.stream().filter(l -> l.descriptor.getPath()[0].equals(field)).skip(nth).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + field));
    }

    public void append(LandedRow row) {
        Object[] values = row.values();
        for (int i = 0; i < types.length; i++) {
            Object value = values[i];
            LeafColumn leaf = fieldLeaves[i];
            if (value == null) {
                leaf.appendNull(0);
                if (mapValues[i] != null) {
                    mapValues[i].appendNull(0);
                }
                continue;
            }
            switch (types[i]) {
                case STRING -> ((BinaryColumn) leaf).appendString((String) value, 0);
                case LONG -> ((NumberColumn) leaf).appendLong((Long) value, 0);
                case INT -> ((NumberColumn) leaf).appendLong((Integer) value, 0);
                case DOUBLE -> ((NumberColumn) leaf).appendDouble((Double) value, 0);
                case BOOLEAN -> ((BooleanColumn) leaf).appendBoolean((Boolean) value, 0);
                case LONG_LIST -> appendList((NumberColumn) leaf, (long[]) value);
                case DOUBLE_MAP -> appendMap((BinaryColumn) leaf, mapValues[i], doubleMap(value));
            }
        }
        if (row.extrasJson() == null) {
            extras.appendNull(0);
        } else {
            extras.appendString(row.extrasJson(), 0);
        }
        partition.appendLong(row.partition(), 0);
        offset.appendLong(row.offset(), 0);
        rows++;
    }

    private static void appendList(NumberColumn elements, long[] list) {
        if (list.length == 0) {
            elements.appendNull(1);
            return;
        }
        for (int i = 0; i < list.length; i++) {
            elements.appendLong(list[i], i == 0 ? 0 : 1);
        }
    }

    private static void appendMap(BinaryColumn keys, NumberColumn values, Map<String, Double> map) {
        if (map.isEmpty()) {
            keys.appendNull(1);
            values.appendNull(1);
            return;
        }
        int repetition = 0;
        for (Map.Entry<String, Double> entry : map.entrySet()) {
            keys.appendString(entry.getKey(), repetition);
            values.appendDouble(entry.getValue(), repetition);
            repetition = 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> doubleMap(Object value) {
        return (Map<String, Double>) value;
    }

    public int rows() {
        return rows;
    }

    /** What the buffered row group holds in memory. */
    public long bufferedBytes() {
        long bytes = 0;
        for (LeafColumn leaf : leaves) {
            bytes += leaf.bufferedBytes();
        }
        return bytes;
    }

    /** Writes the buffered rows as one row group and starts the next one empty. */
    public void writeRowGroup(ParquetFileWriter file, ColumnChunkWriter chunks) throws IOException {
        if (rows == 0) {
            return;
        }
        file.startBlock(rows);
        for (LeafColumn leaf : leaves) {
            chunks.write(file, leaf, rows, page);
        }
        file.endBlock();
        leaves.forEach(LeafColumn::reset);
        rows = 0;
    }
}
