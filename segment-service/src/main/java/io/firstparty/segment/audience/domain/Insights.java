package io.firstparty.segment.audience.domain;

import java.math.BigDecimal;

/**
 * Figures marketers ask of a segment, over its listed members (consent allowing) and the last 90 days.
 *
 * @param repurchaseRate      share of buyers who ordered at least twice
 * @param revenuePerMember    order revenue divided by the size
 * @param newsletterOptInRate share of members whose newsletter consent is granted
 */
public record Insights(long size, long buyers, BigDecimal repurchaseRate, BigDecimal revenue,
                       BigDecimal revenuePerMember, BigDecimal newsletterOptInRate) {
}
