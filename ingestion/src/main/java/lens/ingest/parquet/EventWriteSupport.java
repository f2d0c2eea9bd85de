package lens.ingest.parquet;

import java.util.Map;
import lens.events.Field;
import lens.events.FieldType;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link LandedRow}s straight to Parquet's record consumer; the footer is set just before close. Runs for
 * every value of every event, so the contract is held in arrays and nothing is allocated per value but the bytes.
 */
final class EventWriteSupport extends WriteSupport<LandedRow> {

    private final MessageType schema;
    private final String[] names;
    private final FieldType[] types;
    private final int fieldCount;
    private RecordConsumer consumer;
    private Map<String, String> footer = Map.of();

    EventWriteSupport(Topic topic) {
        this.schema = EventParquetSchema.of(topic);
        this.fieldCount = topic.schema().fields().size();
        this.names = new String[fieldCount];
        this.types = new FieldType[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            Field field = topic.schema().fields().get(i);
            names[i] = field.name();
            types[i] = field.type();
        }
    }

    void setFooter(Map<String, String> footer) {
        this.footer = Map.copyOf(footer);
    }

    @Override
    public String getName() {
        return "lens-ingest";
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(footer);
    }

    @Override
    public void write(LandedRow row) {
        consumer.startMessage();
        Object[] values = row.values();
        for (int i = 0; i < fieldCount; i++) {
            if (values[i] != null) {
                consumer.startField(names[i], i);
                writeValue(types[i], values[i]);
                consumer.endField(names[i], i);
            }
        }
        if (row.extrasJson() != null) {
            consumer.startField(LakeLayout.COLUMN_EXTRAS, fieldCount);
            consumer.addBinary(Binary.fromString(row.extrasJson()));
            consumer.endField(LakeLayout.COLUMN_EXTRAS, fieldCount);
        }
        consumer.startField(LakeLayout.COLUMN_KAFKA_PARTITION, fieldCount + 1);
        consumer.addInteger(row.partition());
        consumer.endField(LakeLayout.COLUMN_KAFKA_PARTITION, fieldCount + 1);
        consumer.startField(LakeLayout.COLUMN_KAFKA_OFFSET, fieldCount + 2);
        consumer.addLong(row.offset());
        consumer.endField(LakeLayout.COLUMN_KAFKA_OFFSET, fieldCount + 2);
        consumer.endMessage();
    }

    @SuppressWarnings("unchecked")
    private void writeValue(FieldType type, Object value) {
        switch (type) {
            case STRING -> consumer.addBinary(Binary.fromString((String) value));
            case LONG -> consumer.addLong((Long) value);
            case INT -> consumer.addInteger((Integer) value);
            case DOUBLE -> consumer.addDouble((Double) value);
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
            case LONG_LIST -> writeList((long[]) value);
            case DOUBLE_MAP -> writeMap((Map<String, Double>) value);
        }
    }

    private void writeList(long[] list) {
        consumer.startGroup();
        if (list.length > 0) {
            consumer.startField(EventParquetSchema.LIST_GROUP, 0);
            for (long item : list) {
                consumer.startGroup();
                consumer.startField(EventParquetSchema.LIST_ELEMENT, 0);
                consumer.addLong(item);
                consumer.endField(EventParquetSchema.LIST_ELEMENT, 0);
                consumer.endGroup();
            }
            consumer.endField(EventParquetSchema.LIST_GROUP, 0);
        }
        consumer.endGroup();
    }

    private void writeMap(Map<String, Double> map) {
        consumer.startGroup();
        if (!map.isEmpty()) {
            consumer.startField(EventParquetSchema.MAP_GROUP, 0);
            for (Map.Entry<String, Double> entry : map.entrySet()) {
                consumer.startGroup();
                consumer.startField(EventParquetSchema.MAP_KEY, 0);
                consumer.addBinary(Binary.fromString(entry.getKey()));
                consumer.endField(EventParquetSchema.MAP_KEY, 0);
                consumer.startField(EventParquetSchema.MAP_VALUE, 1);
                consumer.addDouble(entry.getValue());
                consumer.endField(EventParquetSchema.MAP_VALUE, 1);
                consumer.endGroup();
            }
            consumer.endField(EventParquetSchema.MAP_GROUP, 0);
        }
        consumer.endGroup();
    }
}
