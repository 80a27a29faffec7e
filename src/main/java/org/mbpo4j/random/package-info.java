/**
 * Randomness: one root seed per run, split into independent, checkpointable streams
 * ({@link org.mbpo4j.random.Rng}). Nothing in mbpo4j uses a global random source.
 */
package org.mbpo4j.random;
