package io.firstparty.kit.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Runs a query with positional parameters and reads every row it returns, so repositories only say how to read one. */
public final class Queries {

    private Queries() {
    }

    /** Reads one row; the result set is positioned on it. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** @param parameters bound in order; a {@code UUID[]} is bound as a {@code uuid[]}, for {@code = ANY (?)} */
    public static <T> List<T> list(DataSource dataSource, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof UUID[] ids) {
                    statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
        }
        return rows;
    }
}
