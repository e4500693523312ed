/**
 * A transparent strategic-exchange model: single-shot kill probability, counterforce strikes,
 * missile defence on both sides, the outcome of each side striking first, and a first-strike
 * stability index after Kent and Thaler (RAND, 1989), in exact expected values and as a seeded
 * Monte Carlo distribution, with a one-at-a-time sensitivity sweep and a before/after comparison
 * for a treaty proposal.
 *
 * <p>Pure computation: no I/O, no HTTP, no clock; randomness only from an explicit seed. Every
 * formula, source and assumption is documented in {@code docs/stability.md}, and every result lists
 * the assumptions it used ({@link org.countersign.stability.Assessment#assumptions()}).
 */
@NullMarked
package org.countersign.stability;

import org.jspecify.annotations.NullMarked;
