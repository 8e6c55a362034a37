package io.cognitivecdc.cdc;

/**
 * The kind of change a Debezium change event describes, as written in the envelope's {@code op} field.
 */
public enum Op {
    /** A row was inserted. */
    CREATE("c"),
    /** A row was read by an initial or incremental snapshot. */
    READ("r"),
    /** A row was updated. */
    UPDATE("u"),
    /** A row was deleted. */
    DELETE("d"),
    /** A table was truncated (PostgreSQL only, and only when the connector is told not to skip truncates). */
    TRUNCATE("t");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    /** The one-letter code Debezium writes into {@code op}. */
    public String code() {
        return code;
    }

    /**
     * Whether the event carries a new version of a row (create, read or update): the sink upserts these.
     */
    public boolean isUpsert() {
        return this == CREATE || this == READ || this == UPDATE;
    }

    /**
     * Looks up an op by Debezium's code.
     *
     * @throws InvalidChangeEventException if the code is not one of {@code c r u d t}
     */
    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new InvalidChangeEventException("unknown op '" + code + "' (expected one of c, r, u, d, t)");
    }
}
