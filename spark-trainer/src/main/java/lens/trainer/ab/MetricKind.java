package lens.trainer.ab;

/** Per-unit metrics the A/B report compares. Conversion is binary; the others are counts or sums per unit. */
public enum MetricKind {
    /** Converted at least once after assignment (0/1). */
    CONVERSION("conversion", true),
    /** Sum of conversion values after assignment. */
    CONVERSION_VALUE("conversion_value", false),
    /** Interactions of one type after assignment. */
    VIEWS("views", false),
    CLICKS("clicks", false),
    RATINGS("ratings", false),
    BOOKMARKS("bookmarks", false),
    SEARCHES("searches", false);

    private final String id;
    private final boolean binary;

    MetricKind(String id, boolean binary) {
        this.id = id;
        this.binary = binary;
    }

    public String id() {
        return id;
    }

    public boolean binary() {
        return binary;
    }

    public static MetricKind of(String id) {
        for (MetricKind kind : values()) {
            if (kind.id.equals(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown A/B metric '" + id + "'; known: conversion, conversion_value, "
                + "views, clicks, ratings, bookmarks, searches");
    }
}
