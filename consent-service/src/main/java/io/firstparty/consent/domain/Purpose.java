package io.firstparty.consent.domain;

public record Purpose(String code, String name, String description, LawfulBasis lawfulBasis) {
}
