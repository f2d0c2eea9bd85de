package lens.ingest.validation;

import java.util.List;
import lens.events.Field;
import lens.events.Topic;
import lens.events.TopicSchema;

/** A topic's contract in the shape the fast path needs: arrays and indexes instead of lookups by name. */
final class TopicRules {

    final Field[] fields;
    final FieldNames names;
    /** By field: its allowed values, or null when they are free. */
    final AllowedValues[] allowed;
    /** A bit per required field, as in the fast path's bit sets. */
    final long requiredFields;
    final int timestampIndex;
    final int eventIdIndex;
    final RequiredWhen[] conditions;

    /** Field {@code field} is required when field {@code whenField} holds {@code whenValue}. */
    record RequiredWhen(int field, int whenField, String whenValue) {
    }

    TopicRules(Topic topic) {
        TopicSchema schema = topic.schema();
        this.fields = schema.fields().toArray(Field[]::new);
        if (fields.length > Long.SIZE) {
            throw new IllegalStateException(topic + " has more fields than the fast path's bit set holds");
        }
        this.names = new FieldNames(schema.fields().stream().map(Field::name).toList());
        this.allowed = new AllowedValues[fields.length];
        long required = 0;
        for (int i = 0; i < fields.length; i++) {
            allowed[i] = AllowedValues.of(fields[i]);
            required |= fields[i].required() ? 1L << i : 0;
        }
        this.requiredFields = required;
        this.timestampIndex = schema.indexOf("timestamp");
        this.eventIdIndex = schema.indexOf("eventId");
        List<TopicSchema.RequiredWhen> rules = schema.conditions();
        this.conditions = rules.stream().map(rule -> new RequiredWhen(schema.indexOf(rule.field()),
                schema.indexOf(rule.whenField()), rule.whenValue())).toArray(RequiredWhen[]::new);
    }
}
