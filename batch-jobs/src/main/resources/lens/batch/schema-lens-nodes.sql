-- Live batch processes (scheduler nodes, CLIs) and when each last said so. A run whose owner has not been seen
-- for lens.batch.recovery.node-timeout is dead: its JVM died, and another node recovers and restarts it.
CREATE TABLE LENS_NODE (
    NODE_ID VARCHAR(200) NOT NULL PRIMARY KEY,
    STARTED_AT TIMESTAMP NOT NULL,
    LAST_SEEN TIMESTAMP NOT NULL
);
