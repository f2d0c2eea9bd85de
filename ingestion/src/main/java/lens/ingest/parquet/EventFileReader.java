package lens.ingest.parquet;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.Field;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads an event file back into {@link LandedRow}s, in file (offset) order: the inverse of {@link EventFileWriter},
 * so a compaction rewrites rows with the same values, nulls, empty lists and map order.
 */
public final class EventFileReader implements AutoCloseable {

    private final Topic topic;
    private final List<Field> fields;
    private final ParquetReader<Group> reader;

    public EventFileReader(FileStatus file, Topic topic, Configuration conf) throws IOException {
        this.topic = topic;
        this.fields = topic.schema().fields();
        this.reader = ParquetReader.builder(new GroupReadSupport(), file.getPath()).withConf(conf).build();
    }

    /** The next row, or null at the end of the file. */
    public LandedRow next() throws IOException {
        Group group = reader.read();
        if (group == null) {
            return null;
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (group.getFieldRepetitionCount(field.name()) > 0) {
                values[i] = value(group, field);
            }
        }
        String extras = present(group, LakeLayout.COLUMN_EXTRAS) ? group.getString(LakeLayout.COLUMN_EXTRAS, 0) : null;
        if (!present(group, LakeLayout.COLUMN_KAFKA_PARTITION) || !present(group, LakeLayout.COLUMN_KAFKA_OFFSET)) {
            throw new IOException("a " + topic.topicName() + " row without Kafka coordinates");
        }
        return new LandedRow(values, extras, group.getInteger(LakeLayout.COLUMN_KAFKA_PARTITION, 0),
                group.getLong(LakeLayout.COLUMN_KAFKA_OFFSET, 0));
    }

    private static boolean present(Group group, String column) {
        return group.getFieldRepetitionCount(column) > 0;
    }

    private static Object value(Group group, Field field) {
        String name = field.name();
        return switch (field.type()) {
            case STRING -> group.getString(name, 0);
            case LONG -> group.getLong(name, 0);
            case INT -> group.getInteger(name, 0);
            case DOUBLE -> group.getDouble(name, 0);
            case BOOLEAN -> group.getBoolean(name, 0);
            case LONG_LIST -> {
                Group list = group.getGroup(name, 0);
                long[] items = new long[list.getFieldRepetitionCount(EventParquetSchema.LIST_GROUP)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = list.getGroup(EventParquetSchema.LIST_GROUP, i).getLong(EventParquetSchema.LIST_ELEMENT, 0);
                }
                yield items;
            }
            case DOUBLE_MAP -> {
                Group map = group.getGroup(name, 0);
                Map<String, Double> entries = new LinkedHashMap<>();
                for (int i = 0; i < map.getFieldRepetitionCount(EventParquetSchema.MAP_GROUP); i++) {
                    Group entry = map.getGroup(EventParquetSchema.MAP_GROUP, i);
                    entries.put(entry.getString(EventParquetSchema.MAP_KEY, 0),
                            entry.getDouble(EventParquetSchema.MAP_VALUE, 0));
                }
                yield entries;
            }
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
