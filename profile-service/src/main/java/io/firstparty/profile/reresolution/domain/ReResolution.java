package io.firstparty.profile.reresolution.domain;

import io.firstparty.profile.messaging.ChangePublisher.Outgoing;

import java.util.ArrayList;
import java.util.List;

/** What re-resolving a batch of profiles changed, and the records that announce it. */
public final class ReResolution {

    public int merges;
    public int mergesRefused;
    public int identifiersDetached;
    public final List<Outgoing> records = new ArrayList<>();
}
