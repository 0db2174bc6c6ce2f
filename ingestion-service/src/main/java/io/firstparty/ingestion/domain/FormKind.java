package io.firstparty.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a form is for; a kind asks for the identifier its purpose cannot do without. */
public enum FormKind {
    /** A sign-up: needs an e-mail address. */
    @JsonProperty("newsletter") NEWSLETTER,
    /** Answers to questions, usually sent as a track call's properties. */
    @JsonProperty("quiz") QUIZ,
    /** A loyalty programme enrolment: needs a loyalty card number. */
    @JsonProperty("loyalty") LOYALTY
}
