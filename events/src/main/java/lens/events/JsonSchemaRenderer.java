package lens.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a {@link TopicSchema} as a JSON Schema (draft 2020-12) document, the form kept under
 * {@code config/schemas/} for producers and tools. {@code main(dir)} rewrites them all.
 */
public final class JsonSchemaRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonSchemaRenderer() {
    }

    public static String fileName(Topic topic) {
        return topic.topicName() + ".v" + topic.schema().version() + ".schema.json";
    }

    public static String render(TopicSchema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "lens/" + fileName(schema.topic()));
        root.put("title", schema.topic().topicName() + " v" + schema.version());
        root.put("description", schema.description());
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        for (Field field : schema.fields()) {
            ObjectNode property = properties.putObject(field.name());
            property.put("description", field.description());
            switch (field.type()) {
                case LONG_LIST -> {
                    property.put("type", "array");
                    property.putObject("items").put("type", "integer");
                }
                case DOUBLE_MAP -> {
                    property.put("type", "object");
                    property.putObject("propertyNames").put("pattern", Field.SAFE_IDENTIFIER);
                    property.putObject("additionalProperties").put("type", "number");
                }
                default -> property.put("type", field.type().jsonType());
            }
            if (field.type() == FieldType.INT) {
                property.put("maximum", Integer.MAX_VALUE);
            }
            if (field.type() == FieldType.STRING) {
                property.put("maxLength", Field.MAX_STRING_LENGTH);
            }
            if (!field.allowed().isEmpty()) {
                ArrayNode values = property.putArray("enum");
                field.allowed().forEach(values::add);
            }
            if (field.min() != null) {
                property.put("minimum", field.min());
            }
            if (field.max() != null) {
                property.put("maximum", field.max());
            }
            if (field.identifier()) {
                property.put("pattern", Field.SAFE_IDENTIFIER);
            }
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!schema.conditions().isEmpty()) {
            ArrayNode allOf = root.putArray("allOf");
            for (TopicSchema.RequiredWhen condition : schema.conditions()) {
                ObjectNode rule = allOf.addObject();
                rule.putObject("if").putObject("properties").putObject(condition.whenField())
                        .put("const", condition.whenValue());
                rule.putObject("then").putArray("required").add(condition.field());
            }
        }
        // Schema evolution: producers may add fields; the ingester keeps them in the 'extras' column.
        root.put("additionalProperties", true);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "config/schemas");
        Files.createDirectories(dir);
        for (Topic topic : Topic.values()) {
            Files.writeString(dir.resolve(fileName(topic)), render(topic.schema()));
        }
    }
}
