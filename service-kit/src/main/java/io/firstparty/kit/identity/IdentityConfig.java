package io.firstparty.kit.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "firstparty.identity")
public interface IdentityConfig {

    /** Region assumed for phone numbers written without a country code (ISO 3166 alpha-2). */
    @WithDefault("FR")
    String defaultPhoneRegion();
}
