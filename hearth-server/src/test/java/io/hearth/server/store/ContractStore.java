package io.hearth.server.store;

/** The database one contract test class runs against: H2 in a directory, or a PostgreSQL schema. */
@FunctionalInterface
interface ContractStore {
    /** A fresh, empty store; may skip the test class when its database is not there. */
    StoreConfig create() throws Exception;

    /** Removes what {@link #create()} made, after the database is closed. */
    default void drop() throws Exception {}
}
