package lens.trainer.model;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Maps the long ids of events to the dense int ids ALS needs. Stable: an id keeps its index forever, new ids get
 * the next free indices (in ascending id order, so two runs over the same data agree). No hashing, so no
 * collisions. Persisted with the model as one id per line, the line number being the index.
 */
public final class IdIndex {

    private final long[] ids;
    private final Map<Long, Integer> indexOf;

    private IdIndex(long[] ids) {
        this.ids = ids;
        this.indexOf = new HashMap<>(Math.max(16, ids.length * 2));
        for (int i = 0; i < ids.length; i++) {
            if (indexOf.put(ids[i], i) != null) {
                throw new IllegalArgumentException("id " + ids[i] + " appears twice in the index");
            }
        }
    }

    public static IdIndex empty() {
        return new IdIndex(new long[0]);
    }

    public static IdIndex of(long... idsInIndexOrder) {
        return new IdIndex(idsInIndexOrder.clone());
    }

    /** This index plus the ids it lacks, appended in ascending order. */
    public IdIndex extendedWith(long[] candidates) {
        long[] sorted = candidates.clone();
        Arrays.sort(sorted);
        long[] grown = Arrays.copyOf(ids, ids.length + sorted.length);
        int size = ids.length;
        long last = 0;
        for (int i = 0; i < sorted.length; i++) {
            long id = sorted[i];
            boolean duplicate = i > 0 && id == last;
            last = id;
            if (!duplicate && !indexOf.containsKey(id)) {
                grown[size++] = id;
            }
        }
        return size == ids.length ? this : new IdIndex(Arrays.copyOf(grown, size));
    }

    public OptionalInt indexOf(long id) {
        Integer index = indexOf.get(id);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public long idAt(int index) {
        return ids[index];
    }

    public int size() {
        return ids.length;
    }

    /** The ids in index order (a copy). */
    public long[] ids() {
        return ids.clone();
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (long id : ids) {
                    out.write(Long.toString(id));
                    out.write('\n');
                }
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the id index " + file, e);
        }
    }

    public static IdIndex read(Path file) {
        try {
            return new IdIndex(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .mapToLong(line -> Long.parseLong(line.trim()))
                    .toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the id index " + file, e);
        }
    }
}
