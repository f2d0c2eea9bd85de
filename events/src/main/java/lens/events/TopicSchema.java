package lens.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topic's versioned contract: its fields in column order and the rules that tie fields together.
 * This is the single source of truth; {@code config/schemas/*.schema.json} is rendered from it and a test
 * keeps the two equal. Field lookups by name are constant-time: the validator makes them for every event.
 */
public final class TopicSchema {

    /** {@code field} is required when {@code whenField} equals {@code whenValue} (JSON Schema if/then). */
    public record RequiredWhen(String field, String whenField, String whenValue) {
    }

    private final Topic topic;
    private final int version;
    private final String description;
    private final List<Field> fields;
    private final List<RequiredWhen> conditions;
    private final Map<String, Integer> indexByName = new HashMap<>();

    public TopicSchema(Topic topic, int version, String description, List<Field> fields,
                       List<RequiredWhen> conditions) {
        this.topic = topic;
        this.version = version;
        this.description = description;
        this.fields = List.copyOf(fields);
        this.conditions = List.copyOf(conditions);
        for (int i = 0; i < this.fields.size(); i++) {
            if (indexByName.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException(topic + " declares " + this.fields.get(i).name() + " twice");
            }
        }
    }

    public Topic topic() {
        return topic;
    }

    public int version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<RequiredWhen> conditions() {
        return conditions;
    }

    public Optional<Field> field(String name) {
        Integer index = indexByName.get(name);
        return index == null ? Optional.empty() : Optional.of(fields.get(index));
    }

    public boolean hasField(String name) {
        return indexByName.containsKey(name);
    }

    public int indexOf(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException(topic.topicName() + " has no field " + name);
        }
        return index;
    }
}
