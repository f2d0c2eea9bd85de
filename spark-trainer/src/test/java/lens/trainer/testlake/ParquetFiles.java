package lens.trainer.testlake;

import java.io.IOException;
import java.util.List;
import lens.events.Field;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;

/** Writes one lake file with the contract's Parquet types (see {@link LakeLayout}): standard, Spark-free. */
final class ParquetFiles {

    private ParquetFiles() {
    }

    static MessageType schema(Topic topic) {
        StringBuilder text = new StringBuilder("message ").append(topic.topicName().replace('-', '_')).append(" {\n");
        for (Field field : topic.schema().fields()) {
            text.append(switch (field.type()) {
                case STRING -> "optional binary " + field.name() + " (STRING);";
                case LONG -> "optional int64 " + field.name() + ";";
                case INT -> "optional int32 " + field.name() + ";";
                case DOUBLE -> "optional double " + field.name() + ";";
                case BOOLEAN -> "optional boolean " + field.name() + ";";
                case LONG_LIST -> "optional group " + field.name()
                        + " (LIST) { repeated group list { required int64 element; } }";
                case DOUBLE_MAP -> throw new UnsupportedOperationException("test lakes do not write maps");
            }).append('\n');
        }
        text.append("optional binary ").append(LakeLayout.COLUMN_EXTRAS).append(" (STRING);\n")
                .append("optional int32 ").append(LakeLayout.COLUMN_KAFKA_PARTITION).append(";\n")
                .append("optional int64 ").append(LakeLayout.COLUMN_KAFKA_OFFSET).append(";\n}");
        return MessageTypeParser.parseMessageType(text.toString());
    }

    static void write(java.nio.file.Path file, Topic topic, List<Row> rows) throws IOException {
        MessageType schema = schema(topic);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(new Configuration())
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (Row row : rows) {
                Group group = groups.newGroup();
                for (int i = 0; i < row.length(); i++) {
                    Object value = row.get(i);
                    if (value == null) {
                        continue;
                    }
                    String column = schema.getFieldName(i);
                    if (value instanceof String v) {
                        group.append(column, v);
                    } else if (value instanceof Long v) {
                        group.append(column, v);
                    } else if (value instanceof Integer v) {
                        group.append(column, v);
                    } else if (value instanceof Double v) {
                        group.append(column, v);
                    } else if (value instanceof Boolean v) {
                        group.append(column, v);
                    } else if (value instanceof List<?> list) {
                        Group listGroup = group.addGroup(column);
                        for (Object element : list) {
                            listGroup.addGroup("list").append("element", ((Number) element).longValue());
                        }
                    } else {
                        throw new IllegalArgumentException("unsupported value " + value.getClass() + " in " + column);
                    }
                }
                writer.write(group);
            }
        }
    }
}
