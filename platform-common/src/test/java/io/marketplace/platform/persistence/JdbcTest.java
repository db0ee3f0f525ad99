package io.marketplace.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Against the local PostgreSQL: what {@link Jdbc} binds is what the statement sees. */
class JdbcTest {

    private static final PGSimpleDataSource POSTGRES = new PGSimpleDataSource();

    static {
        POSTGRES.setServerNames(new String[] {"127.0.0.1"});
        POSTGRES.setPortNumbers(new int[] {5432});
        POSTGRES.setDatabaseName("postgres");
        POSTGRES.setUser("postgres");
    }

    @Test
    void anArrayLiteralCarriesAnyTextIntoPostgresUnchanged() {
        List<String> values = Arrays.asList("plain", "with \"quotes\"", "back\\slash\\", "a,b", "{braces}", "NULL", "",
                " spaced ", "ñ✓", null);

        List<String> seen = Jdbc.first(POSTGRES, "SELECT CAST(? AS text[])",
                row -> Arrays.asList((String[]) row.getArray(1).getArray()), Jdbc.array(values)).orElseThrow();

        assertEquals(values, seen);
    }

    @Test
    void anArrayLiteralOfIdsNumbersAndFlagsCastsToTheirTypes() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());

        String seen = Jdbc.first(POSTGRES, """
                        SELECT CAST(CAST(? AS uuid[]) AS text) || ' ' || CAST(CAST(? AS bigint[]) AS text) || ' '
                            || CAST(CAST(? AS boolean[]) AS text) || ' ' || cardinality(CAST(? AS uuid[]))""",
                row -> row.getString(1), Jdbc.array(ids), Jdbc.array(List.of(1L, -9_000_000_000L)),
                Jdbc.array(List.of(true, false)), Jdbc.array(List.of())).orElseThrow();

        assertEquals("{" + ids.get(0) + "," + ids.get(1) + "} {1,-9000000000} {t,f} 0", seen);
    }

    @Test
    void anArrayOfOneFieldPerRowKeepsTheRowsOrderAndTheirNulls() {
        record Row(String name) {
        }
        List<Row> rows = Arrays.asList(new Row("b"), new Row(null), new Row("a"));

        List<String> seen = Jdbc.first(POSTGRES, "SELECT CAST(? AS text[])",
                row -> Arrays.asList((String[]) row.getArray(1).getArray()), Jdbc.array(rows, Row::name)).orElseThrow();

        assertEquals(Arrays.asList("b", null, "a"), seen);
    }

    @Test
    void anInstantIsBoundAsTheSameMomentToTheMicrosecond() {
        Instant moment = Instant.parse("2026-12-01T10:15:30.123456Z");

        Instant seen = Jdbc.first(POSTGRES, "SELECT CAST(? AS timestamptz)",
                row -> row.getObject(1, OffsetDateTime.class).toInstant(), moment).orElseThrow();

        assertEquals(moment, seen);
    }

    @Test
    void aFailedStatementKeepsItsSqlStateInTheCause() {
        DatabaseException failure = assertThrows(DatabaseException.class,
                () -> Jdbc.update(POSTGRES, "UPDATE no_such_table SET x = ?", 1));

        assertEquals("42P01", assertInstanceOf(SQLException.class, failure.getCause()).getSQLState());
    }

    @Test
    void listAnswersEveryRowAndFirstOnlyTheFirst() {
        String series = "SELECT n FROM generate_series(1, ?) AS n ORDER BY n";

        assertEquals(List.of(1, 2, 3), Jdbc.list(POSTGRES, series, row -> row.getInt(1), 3));
        assertEquals(1, Jdbc.first(POSTGRES, series, row -> row.getInt(1), 3).orElseThrow());
        assertEquals(List.of(), Jdbc.list(POSTGRES, series, row -> row.getInt(1), 0));
    }
}
