package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.domain.FormOutcome;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.Validated;
import io.firstparty.kit.problem.AccessDeniedException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A post to a public form becomes the Segment call its definition names, and then follows the
 * collection API's path: the source's origins and rate, validation, suppression, and Kafka, with a
 * broken rule kept among the failed events. The answer comes only once Kafka has the message.
 */
@ApplicationScoped
public class FormSubmissionService {

    private final FormService forms;
    private final SourceService sources;
    private final JsonLimits json;
    private final RateLimiter rateLimiter;
    private final MessageValidator validator;
    private final CollectionService collection;
    private final CollectionConfig config;
    private final Counter honeypotHits;

    FormSubmissionService(FormService forms, SourceService sources, JsonLimits json, RateLimiter rateLimiter,
                          MessageValidator validator, CollectionService collection, CollectionConfig config,
                          MeterRegistry registry) {
        this.forms = forms;
        this.sources = sources;
        this.json = json;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
        this.collection = collection;
        this.config = config;
        this.honeypotHits = Counter.builder("firstparty.forms.honeypot")
                .description("Form posts that filled in the honeypot field: answered as accepted, not stored")
                .register(registry);
    }

    public CompletionStage<FormOutcome> submit(UUID formId, FormSubmission submission) throws SQLException {
        CollectionRequest request = submission.request().decoded(config.maxMessageBytes());
        if (request.body().length > config.maxMessageBytes()) {
            throw new PayloadTooLargeException("/",
                    "a form post must be at most " + config.maxMessageBytes() + " bytes");
        }
        Form form = forms.get(formId);
        Source source = sources.get(form.sourceId());
        if (!source.enabled()) {
            throw new AccessDeniedException("the source of this form is disabled");
        }
        if (request.origin() != null && !source.allowsOrigin(request.origin())) {
            throw new AccessDeniedException("this origin may not post this form");
        }
        FormDefinition definition = form.definition();
        JsonNode fields = submission.json()
                ? json.parse(request.body())
                : FormFields.parse(request.body(), submission.charset(), config.maxStringLength());
        // Bots get the answer people get, so they learn nothing; the source's rate is kept for people.
        if (FormMessage.filledIn(fields.get(definition.honeypotField())) != null) {
            honeypotHits.increment();
            return CompletableFuture.completedFuture(FormOutcome.accepted(definition.thankYouUrl()));
        }
        rateLimiter.acquire(source, 1);
        FormMessage message = FormMessage.build(form, fields, submission.anonymousIdCookie());
        Validated validated = message.withFormRules(
                validator.validate(ReceivedMessage.built(message.json()), definition.call(), source, "", request.receivedAt(), null),
                definition.call());
        return collection.publish(source, List.of(validated), request)
                .handle((published, error) -> outcome(definition, validated, error));
    }

    /**
     * The pipeline answers a message that broke a rule with an error, once the failure is stored;
     * for a form that is an outcome to show the person, not a failure of the request.
     */
    private static FormOutcome outcome(FormDefinition definition, Validated validated, Throwable error) {
        if (error == null) {
            return FormOutcome.accepted(definition.thankYouUrl());
        }
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        if (validated instanceof Validated.Invalid invalid && cause instanceof InvalidInputException) {
            return new FormOutcome(definition.thankYouUrl(), invalid.violations());
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(error);
    }
}
