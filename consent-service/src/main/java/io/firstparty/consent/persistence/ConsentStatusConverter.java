package io.firstparty.consent.persistence;

import io.firstparty.contracts.events.ConsentStatus;
import jakarta.persistence.Converter;

@Converter
public class ConsentStatusConverter extends CodeConverter<ConsentStatus> {

    public ConsentStatusConverter() {
        super(ConsentStatus.class);
    }
}
