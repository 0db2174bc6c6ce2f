package io.firstparty.kit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.firstparty.contracts.serde.ContractJson;

import java.sql.SQLException;

/**
 * Values kept as JSON in a column, written and read with the contracts' conventions. A value that
 * cannot be written or read back is a storage failure, reported as such to the repository's caller.
 */
public final class JsonColumn {

    private JsonColumn() {
    }

    public static String write(Object value) throws SQLException {
        try {
            return ContractJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("value cannot be stored as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) throws SQLException {
        return read(json, ContractJson.MAPPER.constructType(type));
    }

    public static <T> T read(String json, TypeReference<T> type) throws SQLException {
        return read(json, ContractJson.MAPPER.constructType(type));
    }

    private static <T> T read(String json, JavaType type) throws SQLException {
        try {
            return ContractJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is not a " + type, e);
        }
    }
}
