package lens.batch.runs;

/** The outcome of asking for a window's run. */
public enum RunStatus {
    COMPLETED,
    FAILED,
    STOPPED,
    /** Already completed earlier; nothing ran. */
    SKIPPED,
    /** Running elsewhere (another node or thread); nothing ran here. */
    BUSY,
    /** Never started (the backfill was stopped first). */
    NOT_RUN
}
