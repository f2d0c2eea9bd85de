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

    /** A Markdown page with one table of fields per topic, for people. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("# LENS event contract\n\n")
                .append("Generated from `lens.events.TopicSchemas` by `./lens schemas`; do not edit by hand.\n")
                .append("Every message is a UTF-8 JSON object of at most 64 KiB. Unknown extra properties are kept ")
                .append("(column `extras`). Identifiers marked *safe* match `").append(Field.SAFE_IDENTIFIER)
                .append("` because they may reach a path or a metric tag. Timestamps are epoch milliseconds, ")
                .append("from 2000-01-01 to one hour ahead of the ingester's clock.\n");
        for (Topic topic : Topic.values()) {
            TopicSchema schema = topic.schema();
            out.append("\n## `").append(topic.topicName()).append("` (v").append(schema.version()).append(")\n\n")
                    .append(schema.description()).append(" Schema: `").append(fileName(topic))
                    .append("`. Invalid messages go to `").append(topic.deadLetterTopic()).append("`.\n\n")
                    .append("| field | type | required | constraint | description |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (Field field : schema.fields()) {
                out.append("| `").append(field.name()).append("` | ").append(field.type().name().toLowerCase())
                        .append(" | ").append(field.required() ? "yes" : requiredWhen(schema, field))
                        .append(" | ").append(constraint(field)).append(" | ").append(field.description())
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String requiredWhen(TopicSchema schema, Field field) {
        return schema.conditions().stream().filter(c -> c.field().equals(field.name()))
                .map(c -> "when " + c.whenField() + " = " + c.whenValue()).findFirst().orElse("no");
    }

    private static String constraint(Field field) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!field.allowed().isEmpty()) {
            parts.add("one of " + String.join(", ", field.allowed()));
        }
        if (field.min() != null || field.max() != null) {
            parts.add((field.min() == null ? "" : ">= " + field.min()) + (field.min() != null && field.max() != null
                    ? ", " : "") + (field.max() == null ? "" : "<= " + field.max()));
        }
        if (field.identifier()) {
            parts.add("safe identifier");
        }
        return parts.isEmpty() ? "" : String.join("; ", parts);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "config/schemas");
        Files.createDirectories(dir);
        for (Topic topic : Topic.values()) {
            Files.writeString(dir.resolve(fileName(topic)), render(topic.schema()));
        }
        Files.writeString(dir.resolve("README.md"), markdown());
    }
}
