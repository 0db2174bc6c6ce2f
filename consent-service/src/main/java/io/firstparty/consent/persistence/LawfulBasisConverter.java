package io.firstparty.consent.persistence;

import io.firstparty.contracts.events.LawfulBasis;
import jakarta.persistence.Converter;

@Converter
public class LawfulBasisConverter extends CodeConverter<LawfulBasis> {

    public LawfulBasisConverter() {
        super(LawfulBasis.class);
    }
}
