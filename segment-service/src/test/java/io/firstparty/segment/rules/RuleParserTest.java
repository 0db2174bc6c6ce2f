package io.firstparty.segment.rules;

import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.service.RuleCost;
import io.firstparty.segment.rules.service.RuleParser;
import io.firstparty.segment.rules.service.RuleSql;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firstparty.segment.TestStreams.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule language: what the README promises parses, and each kind of mistake is named by its JSON pointer. */
class RuleParserTest {

    private static final long LIMIT = 5_000;

    /** Every rule example of the service README parses, is within the cost limit and compiles to SQL. */
    @Test
    void everyReadmeExampleIsAValidRule() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(block.group(1));
        }
        assertTrue(examples.size() >= 10, "the README shows ten worked examples, found " + examples.size());
        for (String example : examples) {
            Rule rule = RuleParser.parse(json(example), "/rule");
            RuleCost.check(rule, LIMIT);
            assertFalse(new RuleSql(ZoneId.of("Europe/Paris"), Instant.now()).members(rule, null).text().isEmpty());
        }
    }

    @Test
    void aFullEventConditionIsReadWithEveryPart() {
        Rule rule = RuleParser.parse(json("""
                {"event": {"type": "track", "name": "Order Completed", "within": "P90D", "count": {"gte": 3, "lt": 10},
                  "where": [{"path": "properties.items.sku", "contains": "X1"}, {"path": "context.device.type", "in": ["ios", "android"]}],
                  "hourOfDay": {"gte": 18}, "dayOfWeek": ["sat", "sun"], "aggregate": {"avg": "properties.revenue", "gte": 20}}}"""),
                "/rule");
        EventCondition event = (EventCondition) rule.root();
        assertEquals("/rule/event", event.pointer());
        assertEquals(2, event.where().size());
        assertEquals("/rule/event/where/1", event.where().get(1).pointer());
        assertTrue(rule.slides());
        assertTrue(event.describe().contains("Order Completed"), event.describe());
    }

    @Test
    void unknownFieldsAreNamed() {
        assertViolation("{\"event\": {\"nmae\": \"Order Completed\", \"within\": \"P3D\"}}", "/rule/event/nmae", "unknown field");
        assertViolation("{\"segment\": \"x\"}", "/rule/segment", "unknown condition");
        assertViolation("{\"trait\": {\"path\": \"tier\", \"equal\": \"gold\"}}", "/rule/trait/equal", "unknown field");
    }

    @Test
    void fieldsOutsideTheEventAreRefused() {
        assertViolation("{\"event\": {\"name\": \"a\", \"where\": [{\"path\": \"payload.x\", \"exists\": true}]}}",
                "/rule/event/where/0/path", "starts with properties, context or traits");
    }

    @Test
    void absurdNestingIsRefused() {
        String deep = "{\"trait\": {\"path\": \"tier\", \"exists\": true}}";
        for (int i = 0; i < 12; i++) {
            deep = "{\"not\": " + deep + "}";
        }
        String rule = deep;
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RuleParser.parse(json(rule), "/rule"));
        assertTrue(refused.violations().get(0).rule().contains("nest at most"), refused.violations().toString());
        assertTrue(refused.violations().get(0).field().startsWith("/rule/not/not/not"));
    }

    @Test
    void negativeAndEnormousWindowsAreRefused() {
        assertViolation("{\"event\": {\"name\": \"a\", \"within\": \"-P3D\"}}", "/rule/event/within", "positive");
        assertViolation("{\"event\": {\"name\": \"a\", \"within\": \"P100000D\"}}", "/rule/event/within", "at most 730 days");
        assertViolation("{\"event\": {\"name\": \"a\", \"within\": \"3 days\"}}", "/rule/event/within", "ISO-8601");
        assertViolation("{\"event\": {\"name\": \"a\", \"between\": {\"from\": \"2026-02-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}}}",
                "/rule/event/between", "before");
        assertViolation("{\"event\": {\"name\": \"a\", \"count\": {\"gte\": -1}}}", "/rule/event/count/gte", "whole number");
    }

    @Test
    void aRuleThatWouldScanWithoutBoundIsRefusedWithTheReason() {
        Rule unbounded = RuleParser.parse(json("{\"all\": [{\"trait\": {\"path\": \"t\", \"exists\": true}},"
                + " {\"event\": {\"type\": \"page\"}}]}"), "/rule");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RuleCost.check(unbounded, LIMIT));
        Violation violation = refused.violations().get(0);
        assertEquals("/rule/all/1/event", violation.field());
        assertTrue(violation.rule().contains("above the limit"), violation.rule());
        Rule bounded = RuleParser.parse(json("{\"event\": {\"type\": \"page\", \"name\": \"Home\", \"within\": \"P30D\"}}"), "/rule");
        assertTrue(RuleCost.check(bounded, LIMIT) < LIMIT);
    }

    @Test
    void anythingButAConditionIsRefusedAtTheRoot() {
        assertViolation("[]", "/rule", "exactly one of");
        assertViolation("null", "/rule", "required");
        assertViolation("{\"all\": []}", "/rule/all", "non-empty array");
    }

    private static void assertViolation(String rule, String field, String words) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RuleParser.parse(json(rule), "/rule"));
        assertTrue(refused.violations().stream().anyMatch(v -> v.field().equals(field) && v.rule().contains(words)),
                refused.violations().toString());
    }
}
