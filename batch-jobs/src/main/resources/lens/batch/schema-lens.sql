-- What the batch side published to model-metrics, one row per (job, window, version).
-- PENDING: about to be sent (partition and its end offset recorded first, so a restart can look for it);
-- SENT: acknowledged at KAFKA_OFFSET; UNCHANGED: result equal to SAME_AS_VERSION's, nothing sent.
CREATE TABLE LENS_PUBLICATION (
    JOB_NAME VARCHAR(100) NOT NULL,
    WINDOW_ID VARCHAR(20) NOT NULL,
    VERSION INT NOT NULL,
    STATE VARCHAR(10) NOT NULL,
    RESULT_HASH VARCHAR(64) NOT NULL,
    EVENT_ID VARCHAR(64) NOT NULL,
    KAFKA_PARTITION INT,
    OFFSET_BEFORE BIGINT,
    KAFKA_OFFSET BIGINT,
    SAME_AS_VERSION INT,
    UPDATED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (JOB_NAME, WINDOW_ID, VERSION)
);
