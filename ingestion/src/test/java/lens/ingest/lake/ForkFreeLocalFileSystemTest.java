package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkFreeLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void givenAFileAndAFolder_whenPermissionsAreSet_thenTheDiskShowsExactlyThem() throws Exception {
        try (ForkFreeLocalFileSystem fs = new ForkFreeLocalFileSystem()) {
            fs.initialize(URI.create("file:///"), new Configuration());
            Path file = new Path(dir.resolve("a.parquet").toUri());
            Path folder = new Path(dir.resolve("hour=07").toUri());
            fs.create(file).close();
            fs.mkdirs(folder);

            fs.setPermission(file, new FsPermission((short) 0640));
            fs.setPermission(folder, new FsPermission((short) 0750));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.parquet"))))
                    .isEqualTo("rw-r-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hour=07"))))
                    .isEqualTo("rwxr-x---");
        }
    }
}
