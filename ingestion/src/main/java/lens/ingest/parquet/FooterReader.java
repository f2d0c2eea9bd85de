package lens.ingest.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads the LENS metadata from an event file's footer, without reading any row. */
public final class FooterReader {

    private FooterReader() {
    }

    public static FileFooter read(FileStatus status, Configuration conf) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
            return FileFooter.fromMetadata(reader.getFooter().getFileMetaData().getKeyValueMetaData());
        }
    }
}
