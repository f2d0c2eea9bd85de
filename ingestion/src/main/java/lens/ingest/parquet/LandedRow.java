package lens.ingest.parquet;

/**
 * One event as it lands: the validated column values (contract order, see
 * {@link lens.events.Validation.Valid#values()}), the unknown extras as JSON, and its Kafka coordinates.
 */
public record LandedRow(Object[] values, String extrasJson, int partition, long offset) {
}
