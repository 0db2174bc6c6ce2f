package io.firstparty.kit.identity;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.identity.InvalidIdentifierException;
import io.firstparty.kit.problem.InvalidInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads {@code type:value} from a request (e.g. {@code ?identifier=email:ada@example.com}), normalised. */
public final class IdentifierParameter {

    private static final String KNOWN_TYPES = Arrays.stream(IdentifierType.values())
            .map(IdentifierType::code).collect(Collectors.joining(", "));

    private IdentifierParameter() {
    }

    public static Identifier parse(String field, String typeAndValue, IdentifierNormalizer normalizer) {
        if (typeAndValue == null || typeAndValue.isBlank()) {
            throw new InvalidInputException(field, "is required, as type:value");
        }
        int colon = typeAndValue.indexOf(':');
        IdentifierType type = colon < 0 ? null : IdentifierType.parse(typeAndValue.substring(0, colon)).orElse(null);
        if (type == null) {
            throw new InvalidInputException(field, "must be type:value with type one of " + KNOWN_TYPES);
        }
        try {
            return normalizer.normalize(type, typeAndValue.substring(colon + 1));
        } catch (InvalidIdentifierException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }
}
