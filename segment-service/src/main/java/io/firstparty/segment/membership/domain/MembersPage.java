package io.firstparty.segment.membership.domain;

import java.util.List;

/** @param nextCursor opaque; null on the last page */
public record MembersPage(List<Member> members, String nextCursor) {
}
