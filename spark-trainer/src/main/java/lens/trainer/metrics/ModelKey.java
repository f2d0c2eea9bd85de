package lens.trainer.metrics;

/** A serving model as responses name it. */
public record ModelKey(String name, String version) implements Comparable<ModelKey> {

    /** Metric-name form: {@code model.<name>.<version>}. */
    public String metricPrefix() {
        return "model." + name + "." + version;
    }

    @Override
    public int compareTo(ModelKey o) {
        int byName = name.compareTo(o.name);
        return byName != 0 ? byName : version.compareTo(o.version);
    }
}
