package io.firstparty.kit.identity;

import io.firstparty.contracts.identity.IdentifierNormalizer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the contracts' normaliser injectable, configured once for the whole service. */
public class IdentifierNormalizerProducer {

    @Produces
    @Singleton
    IdentifierNormalizer identifierNormalizer(IdentityConfig config) {
        return new IdentifierNormalizer(config.defaultPhoneRegion());
    }
}
