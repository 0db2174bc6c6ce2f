package io.firstparty.segment.rules;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.service.RuleCost;
import io.firstparty.segment.rules.service.RuleParser;
import io.firstparty.segment.rules.service.RuleSql;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile rules against the parser: every JSON document ends as a rule that prices and compiles,
 * or as violations that each name a JSON pointer inside the rule, never as any other exception.
 */
class RuleParserFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "20s")
    void anyJsonIsARuleOrReasons(byte[] body) {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (IOException notJson) {
            return;
        }
        Rule rule;
        try {
            rule = RuleParser.parse(document, "/rule");
        } catch (InvalidInputException refused) {
            assertFalse(refused.violations().isEmpty());
            for (Violation violation : refused.violations()) {
                assertTrue(violation.field().startsWith("/rule"), violation.field());
                assertFalse(violation.rule().isBlank());
            }
            return;
        }
        try {
            RuleCost.check(rule, 5_000);
        } catch (InvalidInputException tooCostly) {
            assertTrue(tooCostly.violations().get(0).field().startsWith("/rule"));
        }
        assertFalse(new RuleSql(ZoneId.of("UTC"), Instant.now()).members(rule, new String[]{"p"}).text().isBlank());
    }
}
