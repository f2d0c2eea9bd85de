package lens.trainer.ab;

import lens.events.InteractionType;

/** Per-unit metrics the A/B report compares. Conversion is binary; the others are counts or sums per unit. */
public enum MetricKind {
    /** Converted at least once after assignment (0/1). */
    CONVERSION("conversion", true, null),
    /** Sum of conversion values after assignment. */
    CONVERSION_VALUE("conversion_value", false, null),
    /** Interactions of one type after assignment. */
    VIEWS("views", false, InteractionType.VIEW),
    CLICKS("clicks", false, InteractionType.CLICK),
    RATINGS("ratings", false, InteractionType.RATE),
    BOOKMARKS("bookmarks", false, InteractionType.BOOKMARK),
    SEARCHES("searches", false, InteractionType.SEARCH);

    private final String id;
    private final boolean binary;
    private final InteractionType interaction;

    MetricKind(String id, boolean binary, InteractionType interaction) {
        this.id = id;
        this.binary = binary;
        this.interaction = interaction;
    }

    public String id() {
        return id;
    }

    public boolean binary() {
        return binary;
    }

    /** The interaction type this metric counts; null for the conversion metrics (from ab-test-events). */
    public InteractionType interaction() {
        return interaction;
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
