package io.firstparty.segment.rules.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.Collectors;

/** How a field's value is tested. */
public sealed interface Match {

    String describe();

    record Equals(JsonNode value) implements Match {
        public String describe() {
            return "equals " + value;
        }
    }

    record In(List<JsonNode> values) implements Match {
        public In {
            values = List.copyOf(values);
        }

        public String describe() {
            return "is one of " + values.stream().map(JsonNode::toString).collect(Collectors.joining(", "));
        }
    }

    record Range(Threshold bounds) implements Match {
        public String describe() {
            return "is a number " + bounds.describe();
        }
    }

    record Exists(boolean present) implements Match {
        public String describe() {
            return present ? "is present" : "is absent";
        }
    }

    record Contains(JsonNode value) implements Match {
        public String describe() {
            return "contains " + value;
        }
    }
}
