package io.firstparty.contracts.serde;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.ConsentEvidence;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventRejected;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.firstparty.contracts.events.IdentifierRemoved;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.PrivacySignal;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import io.firstparty.contracts.events.PurposeDecision;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.events.SegmentEntered;
import io.firstparty.contracts.events.SegmentExited;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.topics.TopicSpec;
import io.firstparty.contracts.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractRoundTripTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final Identifier EMAIL = new Identifier(IdentifierType.EMAIL, "ada@example.com");

    private final ContractSerializer serializer = new ContractSerializer();
    private final ContractDeserializer deserializer = new ContractDeserializer();

    static Stream<Arguments> samples() {
        ObjectNode properties = JsonNodeFactory.instance.objectNode().put("quiz", "skin-type").put("score", 7.5);
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.putObject("consent").putObject("categoryPreferences").put("marketing", true);
        return Stream.of(
                Arguments.of(Topics.EVENTS_ACCEPTED, new EventAccepted(EventAccepted.CURRENT_VERSION, "m-1", "src-1",
                        EventType.TRACK, "u-1", null, "Quiz Completed", null, null, null, properties, null, context,
                        null, Map.of("marketing", true), List.of(EMAIL), AT, AT.plusSeconds(1), AT.plusSeconds(2))),
                Arguments.of(Topics.EVENTS_FAILED, new EventRejected(EventRejected.CURRENT_VERSION, "f-1", "src-1", "m-2", EventType.TRACK,
                        List.of(new Violation("/userId", "userId or anonymousId is required")), "{\"type\":\"track\"}", AT)),
                Arguments.of(Topics.EVENTS_ACCEPTED, new EventAccepted(EventAccepted.CURRENT_VERSION, "m-4", "src-1",
                        EventType.IDENTIFY, null, "a-9", null, null, null, null, null, null, null, null, Map.of(),
                        List.of(EMAIL), AT, AT, AT, List.of(new ConsentEvidence("email_marketing", true, "3",
                        "9f2c", "web_form")), "Maison Lumière")),
                Arguments.of(Topics.IDENTITIES_RESOLVED, new IdentityResolved(IdentityResolved.CURRENT_VERSION, "p-1", "m-1",
                        List.of(EMAIL, new Identifier(IdentifierType.PHONE, "+33612345678")), AT,
                        new EventAccepted(EventAccepted.CURRENT_VERSION, "m-1", "src-1", EventType.TRACK, "u-1", null,
                                "Order Completed", null, null, null, properties, null, context, null, Map.of(),
                                List.of(EMAIL), AT, AT, AT))),
                Arguments.of(Topics.PROFILE_CHANGES, new ProfileMerged(ProfileMerged.CURRENT_VERSION, "p-1", "p-2", "mg-1",
                        "shared e-mail", AT)),
                Arguments.of(Topics.PROFILE_CHANGES, new ProfileUnmerged(ProfileUnmerged.CURRENT_VERSION, "p-1", "p-2", "mg-1",
                        "shop kiosk shared by strangers", AT)),
                Arguments.of(Topics.PROFILE_CHANGES, new TraitsChanged(TraitsChanged.CURRENT_VERSION, "p-1",
                        Map.of("firstName", JsonNodeFactory.instance.textNode("Ada")), "src-1", "m-1", AT)),
                Arguments.of(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION, "p-1", "dsr-1",
                        List.of(EMAIL.hash()), AT)),
                Arguments.of(Topics.PROFILE_CHANGES, new IdentifierRemoved(IdentifierRemoved.CURRENT_VERSION, "p-1",
                        IdentifierType.LOYALTY_CARD, EMAIL.hash(), "card handed to another customer", AT)),
                Arguments.of(Topics.CONSENT_PURPOSES, new PurposeDefined(PurposeDefined.CURRENT_VERSION, "ai_training",
                        LawfulBasis.LEGITIMATE_INTEREST, 2, AT.plusSeconds(30L * 24 * 3600), AT)),
                Arguments.of(Topics.ERASURE_REQUESTS, new ErasureRequested(ErasureRequested.CURRENT_VERSION, "dsr-1",
                        null, List.of(EMAIL), AT)),
                Arguments.of(Topics.ERASURE_REPORTS, new ErasureCompleted(ErasureCompleted.CURRENT_VERSION, "dsr-1",
                        "profile-service", List.of("p-1"), 42, ErasureCompleted.ERASED, null, AT)),
                Arguments.of(Topics.ACCESS_REQUESTS, new AccessRequested(AccessRequested.CURRENT_VERSION, "dsr-2",
                        AccessRequested.PORTABILITY, null, List.of(EMAIL), AT)),
                Arguments.of(Topics.ACCESS_PARTS, new AccessPartDelivered(AccessPartDelivered.CURRENT_VERSION, "dsr-2",
                        "profile-service", "d-1", 0, 1, AccessPartDelivered.DELIVERED, List.of("p-1"),
                        Map.of("events", 3L), "{\"events\":[]}", null, AT)),
                Arguments.of(Topics.CONSENT_CHANGES, new ConsentStateChanged(ConsentStateChanged.CURRENT_VERSION, "p-1",
                        Map.of("ai_training", new PurposeDecision(ConsentStatus.OBJECTED, AT, null, "ledger-9")),
                        "ai_training", AT)),
                Arguments.of(Topics.PRIVACY_SIGNALS, new ObjectionSignalled(ObjectionSignalled.CURRENT_VERSION,
                        PrivacySignal.GLOBAL_PRIVACY_CONTROL, "src-1", "m-3", List.of(EMAIL), AT)),
                Arguments.of(Topics.IDENTIFIERS_SUPPRESSED, new IdentifierSuppressed(IdentifierSuppressed.CURRENT_VERSION,
                        EMAIL.hash(), IdentifierType.EMAIL, "dsr-1", AT)),
                Arguments.of(Topics.SEGMENT_MEMBERSHIP, new SegmentEntered(SegmentEntered.CURRENT_VERSION, "seg-1", "p-1", 3, AT)),
                Arguments.of(Topics.SEGMENT_MEMBERSHIP, new SegmentExited(SegmentExited.CURRENT_VERSION, "seg-1", "p-1", 4, AT)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("samples")
    void recordSurvivesTheTopic(String topic, VersionedRecord record) {
        byte[] bytes = serializer.serialize(topic, record);

        Object read = deserializer.deserialize(topic, bytes);

        assertEquals(record, read);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"schemaVersion\":"));
    }

    @Test
    void everyTopicHasASample() {
        Set<String> sampled = samples().map(args -> (String) args.get()[0]).collect(Collectors.toSet());
        Set<String> declared = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertEquals(declared, sampled);
    }

    @Test
    void profileChangesCarryTheirKindSoOneTopicHoldsThemAll() {
        byte[] bytes = serializer.serialize(Topics.PROFILE_CHANGES,
                new ProfileErased(ProfileErased.CURRENT_VERSION, "p-1", "dsr-1", List.of(), AT));

        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"change\":\"ProfileErased\""));
        assertInstanceOf(ProfileErased.class, deserializer.deserialize(Topics.PROFILE_CHANGES, bytes));
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String newer = "{\"schemaVersion\":1,\"segmentId\":\"s\",\"profileId\":\"p\",\"ruleVersion\":1,"
                + "\"occurredAt\":\"2026-03-01T10:15:30Z\",\"change\":\"SegmentEntered\",\"channel\":\"email\"}";

        Object read = deserializer.deserialize(Topics.SEGMENT_MEMBERSHIP, newer.getBytes(StandardCharsets.UTF_8));

        assertInstanceOf(SegmentEntered.class, read);
    }

    @Test
    void aResolvedEventCarriesTheWholeEvent() {
        IdentityResolved resolved = (IdentityResolved) samples().map(Arguments::get)
                .filter(args -> args[1] instanceof IdentityResolved).findFirst().orElseThrow()[1];

        byte[] bytes = serializer.serialize(Topics.IDENTITIES_RESOLVED, resolved);
        IdentityResolved read = (IdentityResolved) deserializer.deserialize(Topics.IDENTITIES_RESOLVED, bytes);

        assertEquals("Order Completed", read.event().event());
        assertEquals("skin-type", read.event().properties().get("quiz").asText());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"schemaVersion\":2"));
    }

    @Test
    void anAcceptedEventCarriesItsSourcesBrand() {
        EventAccepted branded = new EventAccepted(EventAccepted.CURRENT_VERSION, "m-5", "src-1", EventType.IDENTIFY,
                "u-1", null, null, null, null, null, null, null, null, null, Map.of(), List.of(EMAIL), AT, AT, AT)
                .withBrand("Maison Lumière");

        byte[] bytes = serializer.serialize(Topics.EVENTS_ACCEPTED, branded);
        EventAccepted read = (EventAccepted) deserializer.deserialize(Topics.EVENTS_ACCEPTED, bytes);

        assertEquals("Maison Lumière", read.brand());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"brand\":\"Maison Lumière\""));
        assertEquals("Maison Lumière", branded.withConsentEvidence(List.of()).brand(), "evidence keeps the brand");
    }

    @Test
    void anAcceptedEventPublishedBeforeBrandsStillReads() {
        String older = "{\"schemaVersion\":1,\"messageId\":\"m-6\",\"sourceId\":\"src-1\",\"type\":\"identify\","
                + "\"userId\":\"u-1\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ada@example.com\"}],"
                + "\"timestamp\":\"2026-03-01T10:15:30.123Z\",\"sentAt\":\"2026-03-01T10:15:30.123Z\","
                + "\"receivedAt\":\"2026-03-01T10:15:30.123Z\"}";

        EventAccepted read = (EventAccepted) deserializer.deserialize(Topics.EVENTS_ACCEPTED, older.getBytes(StandardCharsets.UTF_8));

        assertNull(read.brand());
        assertEquals(List.of(EMAIL), read.identifiers());
        assertEquals(List.of(), read.consentEvidence());
        assertEquals(read, new EventAccepted(1, "m-6", "src-1", EventType.IDENTIFY, "u-1", null, null, null, null, null,
                null, null, null, null, Map.of(), List.of(EMAIL), AT, AT, AT, List.of()),
                "the constructors of before brands still build the same record");
    }

    @Test
    void tombstonesStayNull() {
        assertNull(deserializer.deserialize(Topics.CONSENT_CHANGES, null));
        assertNull(serializer.serialize(Topics.CONSENT_CHANGES, null));
    }

    @Test
    void unknownTopicIsRefused() {
        assertThrows(org.apache.kafka.common.errors.SerializationException.class,
                () -> deserializer.deserialize("elsewhere", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void personalKeysKeepOnePersonOnOnePartition() {
        EventAccepted anonymous = new EventAccepted(1, "m", "s", EventType.PAGE, null, "a-1", null, "Home", null, null,
                null, null, null, null, null, null, AT, AT, AT);
        assertEquals("anon:a-1", anonymous.partitionKey());
        assertEquals("p-1", new SegmentExited(1, "seg", "p-1", 1, AT).partitionKey());
    }

    @Test
    void aLargePartIsCutIntoChunksThatStayWellUnderAMebibyteAndJoinBackExactly() {
        StringBuilder json = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 10_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"messageId\":\"m-").append(i)
                    .append("\",\"name\":\"Caf\u00e9 \\\"quoted\\\" \uD83D\uDE00\",\"n\":").append(i).append('}');
        }
        String text = json.append("]}").toString();
        List<AccessPartDelivered> chunks = AccessPartDelivered.chunked("dsr-3", "profile-service", "d-1",
                AccessPartDelivered.DELIVERED, List.of("p-1"), Map.of("events", 10_000L), text, null, AT);
        assertTrue(chunks.size() > 1, "a large part is more than one chunk");
        StringBuilder joined = new StringBuilder();
        for (AccessPartDelivered chunk : chunks) {
            byte[] bytes = serializer.serialize(Topics.ACCESS_PARTS, chunk);
            assertTrue(bytes.length < 512 * 1024, "a chunk serialises to " + bytes.length + " bytes");
            AccessPartDelivered read = (AccessPartDelivered) deserializer.deserialize(Topics.ACCESS_PARTS, bytes);
            assertEquals(chunks.size(), read.chunks());
            joined.append(read.content());
        }
        assertEquals(text, joined.toString());
        assertEquals(1, AccessPartDelivered.chunked("dsr-3", "ingestion-service", "d-2",
                AccessPartDelivered.NOTHING_HELD, List.of(), Map.of(), null, null, AT).size());
    }
}
