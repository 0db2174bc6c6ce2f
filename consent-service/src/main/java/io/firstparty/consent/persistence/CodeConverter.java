package io.firstparty.consent.persistence;

import jakarta.persistence.AttributeConverter;

import java.util.Locale;

/** Stores an enum as its lower-case name, the spelling the contracts and the SQL checks use. */
public abstract class CodeConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected CodeConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String code) {
        return code == null ? null : Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
    }
}
