package io.firstparty.consent.domain;

import io.firstparty.contracts.events.LawfulBasis;

public record Purpose(String code, String name, String description, LawfulBasis lawfulBasis) {
}
