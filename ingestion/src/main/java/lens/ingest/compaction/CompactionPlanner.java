package lens.ingest.compaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;

/**
 * Which files of a manifested hour to merge. Only one partition's files are ever merged, consecutive in offset
 * order, so a merged file's name ({@code first..last}) keeps the replay filter's per-hour last offset. Late files
 * are merged only with late files and on-time with on-time, so the manifest's {@code late} count stays; files of
 * different schema versions are not merged.
 */
public final class CompactionPlanner {

    /** A listed file with what the manifest does not say: its size and its footer's schema version. */
    public record Candidate(HourManifest.DataFile file, long bytes, int schemaVersion) {
    }

    /** Consecutive files of one partition that become one file. */
    public record Merge(int partition, List<Candidate> inputs) {

        public Merge {
            inputs = List.copyOf(inputs);
        }

        public long firstOffset() {
            return inputs.get(0).file().firstOffset();
        }

        public long lastOffset() {
            return inputs.get(inputs.size() - 1).file().lastOffset();
        }

        public long rows() {
            return inputs.stream().mapToLong(c -> c.file().rows()).sum();
        }

        public boolean late() {
            return inputs.get(0).file().late();
        }

        public String fileName(Topic topic) {
            return LakeLayout.dataFileName(topic, partition, firstOffset(), lastOffset());
        }
    }

    private CompactionPlanner() {
    }

    /**
     * Packs each partition's files, in offset order, into runs of at most {@code targetBytes} (a file at least
     * that big stays alone); a run of the same lateness and schema version with at least {@code minFiles} files
     * is a merge.
     */
    public static List<Merge> plan(List<Candidate> files, long targetBytes, int minFiles) {
        Map<Integer, List<Candidate>> byPartition = new TreeMap<>();
        files.forEach(c -> byPartition.computeIfAbsent(c.file().partition(), p -> new ArrayList<>()).add(c));
        List<Merge> merges = new ArrayList<>();
        byPartition.forEach((partition, candidates) -> {
            candidates.sort(Comparator.comparingLong(c -> c.file().firstOffset()));
            List<Candidate> run = new ArrayList<>();
            long runBytes = 0;
            for (Candidate candidate : candidates) {
                if (!run.isEmpty() && !fits(run, runBytes, candidate, targetBytes)) {
                    addIfWorthIt(merges, partition, run, minFiles);
                    run = new ArrayList<>();
                    runBytes = 0;
                }
                run.add(candidate);
                runBytes += candidate.bytes();
            }
            addIfWorthIt(merges, partition, run, minFiles);
        });
        return merges;
    }

    private static boolean fits(List<Candidate> run, long runBytes, Candidate next, long targetBytes) {
        Candidate first = run.get(0);
        return first.file().late() == next.file().late() && first.schemaVersion() == next.schemaVersion()
                && runBytes + next.bytes() <= targetBytes;
    }

    private static void addIfWorthIt(List<Merge> merges, int partition, List<Candidate> run, int minFiles) {
        if (run.size() >= Math.max(2, minFiles)) {
            merges.add(new Merge(partition, run));
        }
    }
}
