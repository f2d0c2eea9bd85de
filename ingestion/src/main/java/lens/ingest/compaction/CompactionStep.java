package lens.ingest.compaction;

/** Points between the durable steps of a compaction, where a test can stop it as a crash would. */
public enum CompactionStep {
    /** A merged file is complete and fsynced under its hidden temp name. */
    MERGED_FILE_WRITTEN,
    /** A merged file was renamed into place; the manifest still lists the files it replaces. */
    MERGED_FILE_RENAMED,
    /** The manifest lists the merged files; the replaced files are still in the folder. */
    MANIFEST_SWAPPED,
    /** One replaced file was deleted. */
    REPLACED_FILE_DELETED;

    /** Called at each step; a hook that throws stops the compaction there. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = step -> {
        };

        void reached(CompactionStep step) throws java.io.IOException;
    }
}
