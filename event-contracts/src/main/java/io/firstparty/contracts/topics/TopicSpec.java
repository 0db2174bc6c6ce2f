package io.firstparty.contracts.topics;

/**
 * How a topic is laid out.
 *
 * @param compacted keep only the latest record per key (state), instead of deleting by age (history)
 * @param valueType the record type its values deserialise to
 */
public record TopicSpec(String name, int partitions, boolean compacted, Class<?> valueType) {
}
