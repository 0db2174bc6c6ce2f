package io.firstparty.contracts.serde;

import io.firstparty.contracts.topics.TopicSpec;
import io.firstparty.contracts.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;

/**
 * Reads a contract record, choosing its type from the topic it came from, so one class serves every
 * topic. A null value is a tombstone and stays null.
 */
public class ContractDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        TopicSpec spec = Topics.spec(topic)
                .orElseThrow(() -> new SerializationException("no contract for topic " + topic));
        try {
            return ContractJson.MAPPER.readValue(data, spec.valueType());
        } catch (IOException e) {
            throw new SerializationException("cannot read a " + spec.valueType().getSimpleName() + " from " + topic, e);
        }
    }
}
