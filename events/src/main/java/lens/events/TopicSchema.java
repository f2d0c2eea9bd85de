package lens.events;

import java.util.List;
import java.util.Optional;

/**
 * A topic's versioned contract: its fields in column order and the rules that tie fields together.
 * This is the single source of truth; {@code config/schemas/*.schema.json} is rendered from it and a test
 * keeps the two equal.
 */
public record TopicSchema(Topic topic, int version, String description, List<Field> fields,
                          List<RequiredWhen> conditions) {

    /** {@code field} is required when {@code whenField} equals {@code whenValue} (JSON Schema if/then). */
    public record RequiredWhen(String field, String whenField, String whenValue) {
    }

    public TopicSchema {
        fields = List.copyOf(fields);
        conditions = List.copyOf(conditions);
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(topic.topicName() + " has no field " + name);
    }
}
