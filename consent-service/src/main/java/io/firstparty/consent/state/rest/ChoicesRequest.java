package io.firstparty.consent.state.rest;

import java.util.Map;

/**
 * Changes to a person's choices, made in one call from a brand's preference centre.
 *
 * @param choices  purpose code to yes or no; a no to a legitimate interest is an objection
 * @param channel  preference_centre (default), in_app, email_link or web_form
 * @param language en (default) or fr: the language of the purpose text the person was shown
 */
public record ChoicesRequest(Map<String, Boolean> choices, String channel, String language) {
}
