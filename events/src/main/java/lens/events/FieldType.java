package lens.events;

/** Column types of the event contract; each maps to one JSON type and one Parquet type. */
public enum FieldType {
    STRING("string"),
    LONG("integer"),
    INT("integer"),
    DOUBLE("number"),
    BOOLEAN("boolean"),
    /** An array of longs, e.g. the movie ids a response recommended. */
    LONG_LIST("array"),
    /** An object of name to number, e.g. a job's metrics. */
    DOUBLE_MAP("object");

    private final String jsonType;

    FieldType(String jsonType) {
        this.jsonType = jsonType;
    }

    public String jsonType() {
        return jsonType;
    }
}
