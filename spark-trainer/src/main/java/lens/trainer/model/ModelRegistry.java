package lens.trainer.model;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.EventJson;

/**
 * The versioned ALS models under {@code <workDir>/models/als/}: one folder per version holding both models, the id
 * indexes and {@code model.json}; a {@code CHAMPION} pointer file that is replaced atomically (write a temp file,
 * then an atomic rename), so a reader sees either the old or the new champion, never half of one; and
 * {@code champion-history.jsonl}, one line per pointer move, for audits. Pointer moves hold a file lock, so two
 * concurrent runs cannot lose each other's move. The work directory must be a local (or mounted) file system.
 */
public final class ModelRegistry {

    public static final String CHAMPION = "CHAMPION";
    public static final String HISTORY = "champion-history.jsonl";
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private final Clock clock;

    public ModelRegistry(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public ModelRegistry(Path root) {
        this(root, Clock.systemUTC());
    }

    /** The registry of a pipeline work directory: {@code <workDir>/models/als}. */
    public static ModelRegistry forWorkDir(Path workDir) {
        return new ModelRegistry(workDir.resolve("models").resolve("als"));
    }

    public Path root() {
        return root;
    }

    /**
     * A new, unused version id: {@code <window id>_<creation time>}, e.g. {@code 2026-11-29T08_20261129T091532123Z},
     * so versions sort by window, then by creation.
     */
    public synchronized String newVersion(EventHour window) {
        Instant now = clock.instant();
        String version = window.id() + "_" + VERSION_TIME.format(now);
        while (Files.exists(versionDir(version))) {
            now = now.plusMillis(1);
            version = window.id() + "_" + VERSION_TIME.format(now);
        }
        return version;
    }

    public Path versionDir(String version) {
        if (version.contains("/") || version.contains("\\") || version.startsWith(".")) {
            throw new IllegalArgumentException("not a version id: " + version);
        }
        return root.resolve(version);
    }

    /** Writes {@code model.json}: the last file of a version, so a version with metadata is complete. */
    public void saveMetadata(ModelMetadata metadata) {
        writeAtomically(versionDir(metadata.version()).resolve(ModelMetadata.FILE), json(metadata));
    }

    public Optional<ModelMetadata> metadata(String version) {
        Path file = versionDir(version).resolve(ModelMetadata.FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.mapper().readValue(Files.readAllBytes(file), ModelMetadata.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + file, e);
        }
    }

    /** Complete versions (those with {@code model.json}), oldest first. */
    public List<ModelMetadata> versions() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.startsWith("_"))
                    .sorted()
                    .map(this::metadata)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    public Optional<ModelMetadata> latest() {
        List<ModelMetadata> all = versions();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<ChampionPointer> championPointer() {
        Path file = root.resolve(CHAMPION);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.mapper().readValue(Files.readAllBytes(file), ChampionPointer.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable champion pointer " + file, e);
        }
    }

    public Optional<String> champion() {
        return championPointer().map(ChampionPointer::version);
    }

    /** Makes {@code version} the champion; the current one is remembered for {@link #rollback(String)}. */
    public ChampionPointer promote(String version, String reason) {
        if (metadata(version).isEmpty()) {
            throw new IllegalArgumentException("no complete model version " + version + " under " + root);
        }
        return withLock(() -> {
            Optional<ChampionPointer> current = championPointer();
            List<String> previous = new ArrayList<>();
            current.ifPresent(pointer -> {
                previous.add(pointer.version());
                previous.addAll(pointer.previous());
            });
            if (current.isPresent() && current.get().version().equals(version)) {
                return current.get();
            }
            return move(new ChampionPointer(version, clock.instant().toString(), reason, previous), "promote");
        });
    }

    /** Moves the champion back to the one before it. */
    public ChampionPointer rollback(String reason) {
        return withLock(() -> {
            ChampionPointer current = championPointer()
                    .orElseThrow(() -> new IllegalStateException("no champion yet: nothing to roll back"));
            if (current.previous().isEmpty()) {
                throw new IllegalStateException("champion " + current.version() + " has no predecessor to roll back to");
            }
            List<String> rest = current.previous().subList(1, current.previous().size());
            return move(new ChampionPointer(current.previous().get(0), clock.instant().toString(),
                    "rollback from " + current.version() + (reason == null || reason.isBlank() ? "" : ": " + reason),
                    rest), "rollback");
        });
    }

    /** Every pointer move, oldest first, as written to {@code champion-history.jsonl}. */
    public List<Map<String, Object>> history() {
        Path file = root.resolve(HISTORY);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> moves = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> move = EventJson.mapper().readValue(line, Map.class);
                    moves.add(move);
                }
            }
            return moves;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + file, e);
        }
    }

    private ChampionPointer move(ChampionPointer next, String action) {
        writeAtomically(root.resolve(CHAMPION), json(next));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", next.since());
        entry.put("action", action);
        entry.put("champion", next.version());
        entry.put("reason", next.reason());
        try {
            Files.write(root.resolve(HISTORY), (EventJson.mapper().writeValueAsString(entry) + "\n")
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + HISTORY, e);
        }
        return next;
    }

    private interface Locked<T> {
        T run();
    }

    private <T> T withLock(Locked<T> action) {
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the model registry " + root, e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

}
