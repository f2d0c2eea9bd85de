package lens.stats;

/** How a lift is expressed: the difference of means, or that difference relative to the control mean. */
public enum Scale {
    ABSOLUTE, RELATIVE
}
