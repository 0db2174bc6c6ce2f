package io.firstparty.segment.rules.domain;

/**
 * One node of a segment rule. {@code pointer} is where the node sits in the rule's JSON, so that a
 * verdict or an error can be traced back to the text the marketer wrote.
 */
public sealed interface Condition permits AllOf, AnyOf, Not, EventCondition, TraitCondition, InSegment {

    String pointer();

    /** The condition in plain words, as an explanation shows it. */
    String describe();
}
