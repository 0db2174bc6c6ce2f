package io.firstparty.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;

/** What happens to a profile; all kinds share one topic so that a profile's history stays in order. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProfileMerged.class, name = "ProfileMerged"),
        @JsonSubTypes.Type(value = ProfileUnmerged.class, name = "ProfileUnmerged"),
        @JsonSubTypes.Type(value = TraitsChanged.class, name = "TraitsChanged"),
        @JsonSubTypes.Type(value = ProfileErased.class, name = "ProfileErased"),
        @JsonSubTypes.Type(value = IdentifierRemoved.class, name = "IdentifierRemoved")
})
public sealed interface ProfileChange extends VersionedRecord
        permits ProfileMerged, ProfileUnmerged, TraitsChanged, ProfileErased, IdentifierRemoved {

    String profileId();

    Instant occurredAt();

    @Override
    default String partitionKey() {
        return profileId();
    }
}
