package lens.ingest.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.mapType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.util.ArrayList;
import java.util.List;
import lens.events.Field;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a topic's event files, derived from the contract ({@link LakeLayout}'s javadoc):
 * contract fields in order, then {@code extras}, {@code kafka_partition}, {@code kafka_offset}; all optional.
 * Lists and maps use the standard 3-level layout with required elements, as Spark's
 * {@code ArrayType(LongType, false)} and {@code MapType(StringType, DoubleType, false)} expect.
 */
public final class EventParquetSchema {

    public static final String LIST_GROUP = "list";
    public static final String LIST_ELEMENT = "element";
    public static final String MAP_GROUP = "key_value";
    public static final String MAP_KEY = "key";
    public static final String MAP_VALUE = "value";

    private EventParquetSchema() {
    }

    public static MessageType of(Topic topic) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : topic.schema().fields()) {
            message.addField(column(field));
        }
        message.addField(Types.optional(BINARY).as(stringType()).named(LakeLayout.COLUMN_EXTRAS));
        message.addField(Types.optional(INT32).named(LakeLayout.COLUMN_KAFKA_PARTITION));
        message.addField(Types.optional(INT64).named(LakeLayout.COLUMN_KAFKA_OFFSET));
        return message.named("lens_" + topic.topicName().replace('-', '_'));
    }

    /** Columns whose values (almost) never repeat within a file: ids, event times, offsets. */
    public static List<String> uniquePerEvent(Topic topic) {
        List<String> columns = new ArrayList<>();
        for (String name : List.of("eventId", "timestamp", "requestId")) {
            if (topic.schema().hasField(name)) {
                columns.add(name);
            }
        }
        columns.add(LakeLayout.COLUMN_KAFKA_OFFSET);
        return columns;
    }

    /**
     * The string columns among {@link #uniquePerEvent} (the ids): their min/max statistics prune nothing (random ids
     * span the whole range in every row group) and cost a byte-wise comparison per value, so they are not kept.
     * Event times and offsets keep theirs: readers prune by them.
     */
    public static List<String> uniqueIds(Topic topic) {
        MessageType schema = of(topic);
        return uniquePerEvent(topic).stream()
                .filter(name -> schema.getType(name).asPrimitiveType().getPrimitiveTypeName() == BINARY)
                .toList();
    }

    static Type column(Field field) {
        String name = field.name();
        return switch (field.type()) {
            case STRING -> Types.optional(BINARY).as(stringType()).named(name);
            case LONG -> Types.optional(INT64).named(name);
            case INT -> Types.optional(INT32).named(name);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case LONG_LIST -> Types.optionalGroup().as(listType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.required(INT64).named(LIST_ELEMENT))
                            .named(LIST_GROUP))
                    .named(name);
            case DOUBLE_MAP -> Types.optionalGroup().as(mapType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.required(BINARY).as(stringType()).named(MAP_KEY))
                            .addField(Types.required(PrimitiveTypeName.DOUBLE).named(MAP_VALUE))
                            .named(MAP_GROUP))
                    .named(name);
        };
    }
}
