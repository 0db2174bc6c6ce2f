package io.firstparty.consent.repository;

import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.consent.domain.Purpose;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class PurposeRepository {

    private final DataSource dataSource;

    PurposeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Purpose> list() throws SQLException {
        List<Purpose> purposes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT code, name, description, lawful_basis FROM purpose ORDER BY code");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                purposes.add(new Purpose(row.getString(1), row.getString(2), row.getString(3),
                        LawfulBasis.fromCode(row.getString(4))));
            }
        }
        return purposes;
    }
}
