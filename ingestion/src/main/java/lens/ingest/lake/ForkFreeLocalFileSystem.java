package lens.ingest.lake;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * The local file system without a process per permission change. Without Hadoop's native library (never present
 * here) {@link RawLocalFileSystem} forks {@code chmod} for every file and folder it creates: the ingester's
 * profile showed about fifty forks per twenty seconds on its consumer thread. Java's own POSIX call does the same.
 *
 * <p>Reading a file's status is the same story: Hadoop's status forks {@code ls -ld} the first time anyone asks for
 * its permissions or owner, which every recursive listing does (recovery lists a topic's whole tree), and a file
 * renamed away in between (another instance's temp file) then fails the whole listing with a RuntimeException
 * instead of being skipped. Statuses here are read in one {@code stat} through {@code java.nio}; a file gone by
 * then is "not found", which listings skip.
 */
final class ForkFreeLocalFileSystem extends RawLocalFileSystem {

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        if (NativeIO.isAvailable()) {
            return super.getFileStatus(path);
        }
        File file = pathToFile(path);
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
        } catch (NoSuchFileException gone) {
            throw new FileNotFoundException("File " + path + " does not exist");
        } catch (UnsupportedOperationException notPosix) {
            return super.getFileStatus(path);
        }
        FsPermission permission = FsPermission.valueOf((attributes.isDirectory() ? "d" : "-")
                + PosixFilePermissions.toString(attributes.permissions()));
        return new FileStatus(attributes.size(), attributes.isDirectory(), 1, getDefaultBlockSize(path),
                attributes.lastModifiedTime().toMillis(), attributes.lastAccessTime().toMillis(), permission,
                attributes.owner().getName(), attributes.group().getName(),
                new Path(file.getPath()).makeQualified(getUri(), getWorkingDirectory()));
    }

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        if (NativeIO.isAvailable()) {
            super.setPermission(path, permission);
            return;
        }
        String symbolic = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                + permission.getOtherAction().SYMBOL;
        try {
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(symbolic));
        } catch (UnsupportedOperationException notPosix) {
            super.setPermission(path, permission);
        }
    }
}
