package io.firstparty.contracts.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.firstparty.contracts.VersionedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes any contract record as JSON. */
public class ContractSerializer implements Serializer<VersionedRecord> {

    @Override
    public byte[] serialize(String topic, VersionedRecord record) {
        if (record == null) {
            return null;
        }
        try {
            return ContractJson.MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + record.getClass().getSimpleName() + " to " + topic, e);
        }
    }
}
