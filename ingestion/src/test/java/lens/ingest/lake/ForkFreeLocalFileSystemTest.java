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

    @Test
    void givenAFolder_whenListedRecursively_thenStatusesCarryWhatTheDiskSays_withoutHadoopsLazyForkingStatus()
            throws Exception {
        try (ForkFreeLocalFileSystem fs = new ForkFreeLocalFileSystem()) {
            fs.initialize(URI.create("file:///"), new Configuration());
            java.nio.file.Path hour = Files.createDirectories(dir.resolve("date=2026-11-29/hour=07"));
            Files.write(hour.resolve("a.parquet"), new byte[123]);
            Files.setPosixFilePermissions(hour.resolve("a.parquet"), PosixFilePermissions.fromString("rw-r-----"));

            org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
                    fs.listFiles(new Path(dir.toUri()), true);
            org.apache.hadoop.fs.LocatedFileStatus status = files.next();

            assertThat(files.hasNext()).isFalse();
            assertThat(status.getPath().getName()).isEqualTo("a.parquet");
            assertThat(status.getPath().toUri().getScheme()).isEqualTo("file");
            assertThat(status.getLen()).isEqualTo(123);
            assertThat(status.getModificationTime())
                    .isEqualTo(Files.getLastModifiedTime(hour.resolve("a.parquet")).toMillis());
            assertThat(status.getPermission()).isEqualTo(new FsPermission((short) 0640));
            assertThat(status.getOwner()).isEqualTo(Files.getOwner(hour.resolve("a.parquet")).getName());
            assertThat(fs.getFileStatus(new Path(hour.toUri())).isDirectory()).isTrue();
        }
    }

    @Test
    void givenTheStatusOfAFileRenamedAwayAfterwards_thenItsPermissionsAndOwnerAreStillThere() throws Exception {
        try (ForkFreeLocalFileSystem fs = new ForkFreeLocalFileSystem()) {
            fs.initialize(URI.create("file:///"), new Configuration());
            java.nio.file.Path temp = Files.write(dir.resolve(".a.parquet.vm-1.tmp"), new byte[7]);
            org.apache.hadoop.fs.FileStatus status = fs.getFileStatus(new Path(temp.toUri()));

            // another instance publishes it between our listing and our reading its status
            Files.move(temp, dir.resolve("a.parquet"));

            // Hadoop's own status would only now fork `ls -ld` on the vanished name and throw
            assertThat(status.getPermission()).isNotNull();
            assertThat(status.getOwner()).isEqualTo(Files.getOwner(dir).getName());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.getFileStatus(new Path(temp.toUri())))
                    .isInstanceOf(java.io.FileNotFoundException.class);
        }
    }
}
