package lens.ingest.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * The local file system without a process per permission change. Without Hadoop's native library (never present
 * here) {@link RawLocalFileSystem} forks {@code chmod} for every file and folder it creates: the ingester's
 * profile showed about fifty forks per twenty seconds on its consumer thread. Java's own POSIX call does the same.
 */
final class ForkFreeLocalFileSystem extends RawLocalFileSystem {

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
