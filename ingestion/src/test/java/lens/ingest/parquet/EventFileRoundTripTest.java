package lens.ingest.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lens.events.Field;
import lens.events.FieldType;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column-by-column writer against parquet-mr's own reader: every value of every shape reads back as written,
 * across pages and row groups, and the statistics and column indexes it writes let filtered reads skip pages
 * without losing a matching row.
 */
class EventFileRoundTripTest {

    private static final int ROWS = 45_000;

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @ParameterizedTest
    @EnumSource(Topic.class)
    void givenRowsOfEveryShape_whenWrittenInSeveralRowGroups_thenParquetMrReadsBackEveryValue(Topic topic)
            throws IOException {
        List<LandedRow> rows = new RandomRows(topic.ordinal()).rows(topic, ROWS);

        org.apache.hadoop.fs.Path path = write(topic, rows, 256 * 1024);

        List<LandedRow> read = readAll(path, topic, FilterCompat.NOOP);
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertSameRow(read.get(i), rows.get(i), topic);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            assertThat(reader.getRowGroups()).as("row groups").hasSizeGreaterThan(1);
            assertThat(reader.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(ROWS);
        }
    }

    @Test
    void givenBuffersReusedFromAClosedFile_whenAShorterFileIsWritten_thenItHoldsExactlyItsOwnRows() throws IOException {
        Topic topic = Topic.RECOMMENDATION_RESPONSES;
        write(topic, new RandomRows(21).rows(topic, 30_000), 64 * 1024 * 1024);
        List<LandedRow> second = new RandomRows(22).rows(topic, 700);

        org.apache.hadoop.fs.Path path = write(topic, second, 64 * 1024 * 1024 + 1);

        List<LandedRow> read = readAll(path, topic, FilterCompat.NOOP);
        assertThat(read).hasSize(second.size());
        for (int i = 0; i < second.size(); i++) {
            assertSameRow(read.get(i), second.get(i), topic);
        }
    }

    @Test
    void givenOneRowGroupOfManyRows_thenPagesHoldAtMost20000RowsAndDictionariesAreUsedWhereValuesRepeat()
            throws IOException {
        Topic topic = Topic.USER_INTERACTIONS;
        List<LandedRow> rows = new RandomRows(7).rows(topic, ROWS);

        org.apache.hadoop.fs.Path path = write(topic, rows, 64 * 1024 * 1024);

        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            assertThat(reader.getRowGroups()).hasSize(1);
            for (ColumnDescriptor column : reader.getFooter().getFileMetaData().getSchema().getColumns()) {
                var offsets = reader.readOffsetIndex(chunk(reader, column.getPath()[0]));
                assertThat(offsets.getPageCount()).as("pages of " + column).isGreaterThanOrEqualTo(3);
                for (int page = 0; page < offsets.getPageCount(); page++) {
                    assertThat(offsets.getLastRowIndex(page, ROWS) - offsets.getFirstRowIndex(page) + 1)
                            .isLessThanOrEqualTo(20_000);
                }
            }
            assertThat(chunk(reader, "interactionType").getEncodings()).contains(Encoding.PLAIN_DICTIONARY);
            assertThat(chunk(reader, "kafka_partition").getEncodings()).contains(Encoding.PLAIN_DICTIONARY);
            assertThat(chunk(reader, "eventId").getEncodings()).doesNotContain(Encoding.PLAIN_DICTIONARY);
            // random longs never repeat: the dictionary would not pay
            assertThat(chunk(reader, "kafka_offset").getEncodings()).doesNotContain(Encoding.PLAIN_DICTIONARY);
            assertThat(chunk(reader, "timestamp").getStatistics().genericGetMin()).isEqualTo(1_700_000_000_000L);
            assertThat(chunk(reader, "eventId").getStatistics().hasNonNullValue()).isFalse();
            assertThat(reader.readColumnIndex(chunk(reader, "eventId"))).as("no index claims null pages").isNull();
        }
    }

    @Test
    void givenADictionaryColumnWhoseLastPageHoldsOnlyNulls_whenWritten_thenEveryRowReadsBack() throws IOException {
        Topic topic = Topic.USER_INTERACTIONS;
        List<LandedRow> rows = new RandomRows(5).rows(topic, ROWS);
        int rating = topic.schema().indexOf("rating");
        // few distinct ratings (a dictionary pays) in the first rows only: the last page of 20,000 rows has none
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).values()[rating] = i < 2_000 ? (double) (1 + i % 5) : null;
        }

        org.apache.hadoop.fs.Path path = write(topic, rows, 64 * 1024 * 1024);

        List<LandedRow> read = readAll(path, topic, FilterCompat.NOOP);
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertSameRow(read.get(i), rows.get(i), topic);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            assertThat(chunk(reader, "rating").getEncodings()).contains(Encoding.PLAIN_DICTIONARY);
        }
    }

    @Test
    void givenFilteredReads_thenPagesAndRowGroupsAreSkippedByStatisticsWithoutLosingAMatchingRow() throws IOException {
        Topic topic = Topic.USER_INTERACTIONS;
        List<LandedRow> rows = new RandomRows(11).rows(topic, ROWS);
        org.apache.hadoop.fs.Path path = write(topic, rows, 512 * 1024);
        int type = topic.schema().indexOf("interactionType");
        int user = topic.schema().indexOf("userId");
        int rating = topic.schema().indexOf("rating");
        int query = topic.schema().indexOf("query");

        FilterPredicate offsets = FilterApi.and(FilterApi.gtEq(FilterApi.longColumn("kafka_offset"), 21_000L),
                FilterApi.lt(FilterApi.longColumn("kafka_offset"), 23_500L));
        assertFilter(path, topic, rows, offsets, r -> r.offset() >= 21_000 && r.offset() < 23_500);
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf),
                ParquetReadOptions.builder().withRecordFilter(FilterCompat.get(offsets)).build())) {
            // the statistics really let the reader skip: it reads the matching pages (10,048 rows here), not the file
            assertThat(reader.getFilteredRecordCount()).isLessThan(ROWS / 2);
        }
        assertFilter(path, topic, rows, FilterApi.eq(FilterApi.binaryColumn("interactionType"), Binary.fromString("RATE")),
                r -> "RATE".equals(r.values()[type]));
        assertFilter(path, topic, rows, FilterApi.ltEq(FilterApi.longColumn("userId"), 3L),
                r -> r.values()[user] != null && (Long) r.values()[user] <= 3L);
        // Parquet orders doubles as Double.compare does: -0.0 and 0.0 are different values
        for (double zero : new double[] {0.0, -0.0}) {
            assertFilter(path, topic, rows, FilterApi.eq(FilterApi.doubleColumn("rating"), zero),
                    r -> Double.valueOf(zero).equals(r.values()[rating]));
        }
        assertFilter(path, topic, rows, FilterApi.eq(FilterApi.binaryColumn("query"), null),
                r -> r.values()[query] == null);
        // strings order by their unsigned UTF-8 bytes; "s-3" falls inside the values' range, so pages must be told apart
        byte[] bound = "s-3".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int session : new int[] {query, topic.schema().indexOf("sessionId")}) {
            String column = topic.schema().fields().get(session).name();
            assertFilter(path, topic, rows, FilterApi.gt(FilterApi.binaryColumn(column), Binary.fromConstantByteArray(bound)),
                    r -> r.values()[session] != null && Arrays.compareUnsigned(((String) r.values()[session])
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8), bound) > 0);
        }
    }

    private void assertFilter(org.apache.hadoop.fs.Path path, Topic topic, List<LandedRow> rows, FilterPredicate filter,
                              java.util.function.Predicate<LandedRow> expected) throws IOException {
        List<Long> wanted = rows.stream().filter(expected).map(LandedRow::offset).toList();
        List<Long> got = readAll(path, topic, FilterCompat.get(filter)).stream().map(LandedRow::offset).toList();
        assertThat(wanted).as("the filter %s matches something", filter).isNotEmpty();
        assertThat(got).as("rows read through %s", filter).isEqualTo(wanted);
    }

    private org.apache.hadoop.fs.Path write(Topic topic, List<LandedRow> rows, long rowGroupBytes) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve(topic.topicName() + "-"
                + rowGroupBytes + ".parquet").toUri());
        try (EventFileWriter writer = new EventFileWriter(FileSystem.getLocal(conf).getRawFileSystem(), path, topic,
                conf, rowGroupBytes)) {
            for (LandedRow row : rows) {
                writer.write(row);
            }
            writer.close(new FileFooter(topic.topicName(), 3, 1000, 1000 + rows.size() - 1, 0, 1, 1, rows.size(),
                    1000 + rows.size(), "test"));
        }
        assertThat(Files.size(dir.resolve(path.getName()))).isPositive();
        return path;
    }

    /** Reads with column indexes on (parquet-mr's default), so wrong page statistics would drop rows. */
    private List<LandedRow> readAll(org.apache.hadoop.fs.Path path, Topic topic, FilterCompat.Filter filter)
            throws IOException {
        List<LandedRow> rows = new ArrayList<>();
        if (filter == FilterCompat.NOOP) {
            try (EventFileReader reader = new EventFileReader(FileSystem.getLocal(conf).getFileStatus(path), topic, conf)) {
                for (LandedRow row = reader.next(); row != null; row = reader.next()) {
                    rows.add(row);
                }
            }
            return rows;
        }
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf)
                .withFilter(filter).build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                rows.add(new LandedRow(new Object[0], null, 3, group.getLong("kafka_offset", 0)));
            }
        }
        return rows;
    }

    private static ColumnChunkMetaData chunk(ParquetFileReader reader, String column) {
        return reader.getRowGroups().get(0).getColumns().stream()
                .filter(c -> c.getPath().toArray()[0].equals(column)).findFirst().orElseThrow();
    }

    private static void assertSameRow(LandedRow actual, LandedRow expected, Topic topic) {
        assertThat(actual.offset()).isEqualTo(expected.offset());
        assertThat(actual.partition()).isEqualTo(expected.partition());
        assertThat(actual.extrasJson()).isEqualTo(expected.extrasJson());
        List<Field> fields = topic.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            Object want = expected.values()[i];
            Object got = actual.values()[i];
            String what = fields.get(i).name() + " at offset " + expected.offset();
            if (fields.get(i).type() == FieldType.LONG_LIST && want != null) {
                assertThat(Arrays.equals((long[]) got, (long[]) want)).as(what).isTrue();
            } else if (fields.get(i).type() == FieldType.DOUBLE && want != null) {
                // -0.0 stays -0.0: compare bits
                assertThat(Double.doubleToRawLongBits((Double) got)).as(what)
                        .isEqualTo(Double.doubleToRawLongBits((Double) want));
            } else {
                assertThat(got).as(what).isEqualTo(want);
            }
        }
    }
}
