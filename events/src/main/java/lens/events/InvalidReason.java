package lens.events;

/** Why a message was dead-lettered. The name travels in the DLT header {@code lens.dlt.reason}. */
public enum InvalidReason {
    NULL_PAYLOAD,
    EMPTY_PAYLOAD,
    OVERSIZE_PAYLOAD,
    NOT_UTF8,
    NOT_JSON,
    TRUNCATED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    UNKNOWN_EVENT_TYPE,
    TIMESTAMP_OUT_OF_RANGE,
    UNSAFE_VALUE
}
