package lens.ingest.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The lake root on any Hadoop FileSystem (a local path, {@code file:}, {@code hdfs://}, {@code s3a://}).
 * Publishing is always temp-name-then-rename in the same folder; temp names start with '.', so readers
 * never see a half-written file. Local roots use the raw local file system: no {@code .crc} side files,
 * and {@code hsync} really fsyncs.
 */
public final class Lake {

    public static final String STATE = "_state";

    private final Path root;
    private final FileSystem fs;
    private final Configuration conf;
    private final boolean local;

    private Lake(Path root, FileSystem fs, Configuration conf, boolean local) {
        this.root = root;
        this.fs = fs;
        this.conf = conf;
        this.local = local;
    }

    /**
     * @param root          local path or URI of the lake root
     * @param hadoopOptions extra Hadoop settings (e.g. {@code fs.s3a.endpoint}), applied over core-site.xml
     */
    public static Lake open(String root, Map<String, String> hadoopOptions) {
        Configuration conf = new Configuration();
        hadoopOptions.forEach(conf::set);
        try {
            URI uri = URI.create(root.replace('\\', '/'));
            boolean hasScheme = uri.getScheme() != null && uri.getScheme().length() > 1;
            if (!hasScheme || "file".equals(uri.getScheme())) {
                java.nio.file.Path localRoot = hasScheme ? Paths.get(uri) : Paths.get(root);
                java.nio.file.Files.createDirectories(localRoot);
                Path path = new Path(localRoot.toAbsolutePath().normalize().toUri());
                FileSystem local = new ForkFreeLocalFileSystem();
                local.initialize(URI.create("file:///"), conf);
                return new Lake(path, local, conf, true);
            }
            Path path = new Path(uri);
            FileSystem fileSystem = path.getFileSystem(conf);
            fileSystem.mkdirs(path);
            return new Lake(fileSystem.makeQualified(path), fileSystem, conf, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lake at " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    public FileSystem fs() {
        return fs;
    }

    public Configuration conf() {
        return conf;
    }

    public boolean isLocal() {
        return local;
    }

    public Path path(String relative) {
        return new Path(root, relative);
    }

    public Path topicDir(Topic topic) {
        return path(LakeLayout.topicDir(topic));
    }

    public Path hourDir(Topic topic, EventHour hour) {
        return path(LakeLayout.hourDir(topic, hour));
    }

    public Path quarantineTopicDir(Topic topic) {
        return path(LakeLayout.QUARANTINE + "/topic=" + topic.topicName());
    }

    /** A hidden sibling of {@code target}, unique to the writer. */
    public static Path tempFor(Path target, String writerId) {
        return new Path(target.getParent(), "." + target.getName() + "." + writerId + ".tmp");
    }

    /**
     * Deletes the temp siblings {@link #writeAtomically} left for {@code targets} when their writers crashed before
     * the rename, listing each folder once (one list call, however many partitions were assigned). Only for a caller
     * that alone may write the targets now (it holds their lock or owns their partitions): a live writer's temp
     * would be deleted under it.
     */
    public int deleteOrphanedTemps(Collection<Path> targets) throws IOException {
        Map<Path, List<Path>> byFolder = new LinkedHashMap<>();
        targets.forEach(target -> byFolder.computeIfAbsent(target.getParent(), folder -> new ArrayList<>()).add(target));
        int deleted = 0;
        for (Map.Entry<Path, List<Path>> folder : byFolder.entrySet()) {
            for (FileStatus status : listFiles(folder.getKey())) {
                String name = status.getPath().getName();
                if (folder.getValue().stream().anyMatch(target -> isTempOf(target, name))) {
                    delete(status.getPath());
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Whether {@code fileName} is a temp of {@link #writeAtomically} for {@code target} (any writer's). */
    public static boolean isTempOf(Path target, String fileName) {
        return fileName.startsWith("." + target.getName() + ".") && fileName.endsWith(".tmp");
    }

    public static boolean isHidden(Path path) {
        String name = path.getName();
        return name.startsWith(".") || name.startsWith("_");
    }

    /** Renames a durable temp file into place; fails if the target exists (a deterministic name = same data). */
    public void publish(Path temp, Path target) throws IOException {
        if (!fs.rename(temp, target)) {
            if (fs.exists(target)) {
                fs.delete(temp, false);
                throw new FileAlreadyPublishedException(target);
            }
            throw new IOException("could not rename " + temp + " to " + target);
        }
        syncDirectory(target.getParent());
    }

    /** Small files (manifests, state): written durably under a temp name, then renamed over the old one. */
    public void writeAtomically(Path target, byte[] bytes, String writerId) throws IOException {
        Path temp = tempFor(target, writerId);
        writeDurably(temp, bytes);
        if (!fs.rename(temp, target)) {
            // HDFS and object stores do not rename over an existing file
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                fs.delete(temp, false);
                throw new IOException("could not rename " + temp + " to " + target);
            }
        }
        syncDirectory(target.getParent());
    }

    /** Writes (or overwrites) a file and hsyncs it before closing. */
    public void writeDurably(Path path, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(bytes);
            out.hsync();
        }
    }

    /**
     * Creates {@code path} with {@code bytes} only if it does not exist yet, atomically (O_EXCL on a local disk,
     * the NameNode's create-if-absent on HDFS): of several concurrent callers exactly one gets {@code true}.
     */
    public boolean createExclusively(Path path, byte[] bytes) throws IOException {
        if (local) {
            java.nio.file.Path file = Paths.get(path.toUri());
            java.nio.file.Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
            syncDirectory(path.getParent());
            return true;
        }
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write(bytes);
            out.hsync();
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    public Optional<byte[]> readIfExists(Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return Optional.of(bytes.toByteArray());
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every file under {@code dir}, hidden ones included; empty when the folder does not exist. */
    public List<FileStatus> listFilesRecursively(Path dir) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        if (!fs.exists(dir)) {
            return files;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            files.add(it.next());
        }
        return files;
    }

    public List<FileStatus> listFiles(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        return List.of(fs.listStatus(dir));
    }

    public void delete(Path path) throws IOException {
        fs.delete(path, false);
    }

    /** On a local disk a rename is durable only once its folder is fsynced; HDFS and S3 commit it themselves. */
    private void syncDirectory(Path dir) {
        if (!local) {
            return;
        }
        try (FileChannel channel = FileChannel.open(Paths.get(dir.toUri()), StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot fsync a folder; the rename itself is still atomic
        }
    }

    /** A file with this deterministic name already exists: the same offsets were landed before. */
    public static final class FileAlreadyPublishedException extends IOException {
        public FileAlreadyPublishedException(Path target) {
            super(target + " already exists");
        }
    }
}
