package lens.ingest.parquet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lens.events.Field;
import lens.events.Topic;

/**
 * Rows of any topic with every shape a column can take: nulls, empty and null lists and maps, repeated and unique
 * values, non-ASCII text, signed zeros, extras. Seeded, so a failure is repeatable.
 */
final class RandomRows {

    private final Random random;

    RandomRows(long seed) {
        this.random = new Random(seed);
    }

    List<LandedRow> rows(Topic topic, int count) {
        List<Field> fields = topic.schema().fields();
        List<LandedRow> rows = new ArrayList<>(count);
        for (int row = 0; row < count; row++) {
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                Field field = fields.get(i);
                values[i] = field.name().equals("eventId") ? "e-" + row
                        : field.name().equals("timestamp") ? 1_700_000_000_000L + row * 37L
                        : random.nextInt(10) == 0 ? null : value(field);
            }
            String extras = random.nextInt(20) == 0 ? "{\"client\":\"v" + random.nextInt(3) + "\"}" : null;
            rows.add(new LandedRow(values, extras, 3, 1000L + row));
        }
        return rows;
    }

    private Object value(Field field) {
        return switch (field.type()) {
            case STRING -> !field.allowed().isEmpty() ? field.allowed().get(random.nextInt(field.allowed().size()))
                    : text();
            case LONG -> random.nextBoolean() ? (long) random.nextInt(500) : random.nextLong();
            case INT -> random.nextBoolean() ? random.nextInt(7) - 3 : random.nextInt();
            case DOUBLE -> switch (random.nextInt(4)) {
                case 0 -> 0.5 * random.nextInt(10);
                case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                default -> random.nextGaussian() * 1000;
            };
            case BOOLEAN -> random.nextBoolean();
            case LONG_LIST -> {
                long[] list = new long[random.nextInt(6)];
                for (int i = 0; i < list.length; i++) {
                    list[i] = random.nextInt(3000);
                }
                yield list;
            }
            case DOUBLE_MAP -> {
                Map<String, Double> map = new LinkedHashMap<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    map.put("m" + random.nextInt(20), random.nextDouble());
                }
                yield map;
            }
        };
    }

    private String text() {
        return switch (random.nextInt(4)) {
            case 0 -> "s-" + random.nextInt(50);
            case 1 -> "caf\u00e9 \u2603 " + random.nextInt(1000);
            case 2 -> "";
            default -> Long.toString(random.nextLong(), 36);
        };
    }
}
