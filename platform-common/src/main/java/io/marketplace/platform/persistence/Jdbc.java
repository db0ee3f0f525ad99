package io.marketplace.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Plain JDBC for the statements that need no entity: every statement of keys-, stats- and webhook-service (which map
 * no entity, so carry no Hibernate at all) and the hot ones of integrations-service. Hibernate's native queries cost
 * several times the statement's own CPU (parsing, type resolution, a bulk-cleanup action per update, array binding).
 * Inside a JTA transaction the pool hands out the transaction's own connection, so these statements are part of it
 * and see its flushed writes; outside one each statement commits on its own. They do not flush a Hibernate session
 * first: use them only on tables no entity maps.
 */
public final class Jdbc {

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** The first row {@code sql} answers with {@code parameters} bound in order. */
    public static <T> Optional<T> first(DataSource dataSource, String sql, Row<T> row, Object... parameters) {
        List<T> rows = run(dataSource, sql, parameters, statement -> read(statement, row, 1));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Whether {@code sql} answers any row. */
    public static boolean exists(DataSource dataSource, String sql, Object... parameters) {
        return first(dataSource, sql, row -> true, parameters).isPresent();
    }

    /** Every row {@code sql} answers. */
    public static <T> List<T> list(DataSource dataSource, String sql, Row<T> row, Object... parameters) {
        return run(dataSource, sql, parameters, statement -> read(statement, row, Integer.MAX_VALUE));
    }

    /** Runs an insert, update or delete; answers the number of rows it changed. */
    public static int update(DataSource dataSource, String sql, Object... parameters) {
        return run(dataSource, sql, parameters, PreparedStatement::executeUpdate);
    }

    /**
     * A PostgreSQL array literal of {@code values}, bound as text and cast in the statement ({@code CAST(?1 AS uuid[])}):
     * far cheaper than {@code Connection.createArrayOf}. Every element is quoted, so any text is safe in it.
     */
    public static String array(Collection<?> values) {
        StringBuilder literal = new StringBuilder(values.size() * 40 + 2).append('{');
        for (Object value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** A {@code timestamptz} column as an instant (null stays null). */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** {@link #array(Collection)} of one field of each row: {@code Jdbc.array(pairs, Pair::accountId)}. */
    public static <T> String array(Collection<T> rows, Function<? super T, ?> field) {
        return array(rows.stream().map(field).toList());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(DataSource dataSource, String sql, Object[] parameters, Work<T> work) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                // the driver takes java.time's offset types, not Instant
                statement.setObject(i + 1, parameter instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameter);
            }
            return work.run(statement);
        } catch (SQLException e) {
            // the SQLException stays the cause: its SQLSTATE tells a retryable failure (503) from a bug (500)
            throw new DatabaseException(e);
        }
    }

    private static <T> List<T> read(PreparedStatement statement, Row<T> row, int limit) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (rows.size() < limit && result.next()) {
                rows.add(row.read(result));
            }
        }
        return rows;
    }
}
