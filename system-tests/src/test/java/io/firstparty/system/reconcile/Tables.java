package io.firstparty.system.reconcile;

import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read-only queries of a service's tables, where the reconciliations see what it stored. */
final class Tables {

    /** One row, read while its result set is open. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final LocalPlatform platform;

    Tables(LocalPlatform platform) {
        this.platform = platform;
    }

    /** @param parameters bound in order: strings as text, string arrays as {@code text[]} */
    <T> List<T> query(Service service, String sql, Row<T> row, Object... parameters) {
        List<T> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(service), "firstparty", "");
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof String[] texts) {
                    query.setArray(i + 1, connection.createArrayOf("text", texts));
                } else {
                    query.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet results = query.executeQuery()) {
                while (results.next()) {
                    rows.add(row.read(results));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + service.module() + "'s tables", e);
        }
        return rows;
    }

    /**
     * Polls until the condition holds or the time is up; a condition that cannot be checked yet (a
     * service or its database still down) counts as not holding.
     */
    static boolean await(java.time.Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (AssertionError | RuntimeException notYet) {
                // checked again below
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
