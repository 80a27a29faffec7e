/**
 * Files and formats at the bottom of the package stack, usable by every other package; it
 * imports nothing from mbpo4j.
 *
 * <ul>
 *   <li>{@link org.mbpo4j.io.AtomicFiles}: crash-safe writes (a temporary file in the same
 *       directory, forced to disk, then renamed over the target);</li>
 *   <li>{@link org.mbpo4j.io.Json}: JSON with exact integers and doubles;</li>
 *   <li>{@link org.mbpo4j.io.CsvLog}: CSV tables rewritten atomically on every row;</li>
 *   <li>{@link org.mbpo4j.io.Plots} and {@link org.mbpo4j.io.GifWriter}: PNG plots and animated
 *       GIFs;</li>
 *   <li>{@link org.mbpo4j.io.TextFiles}: reading the text files users hand to the commands
 *       strictly as UTF-8, naming a file that is not text with the byte and line where it stops
 *       being text;</li>
 *   <li>{@link org.mbpo4j.io.FaultPoint}: named write points where crash-recovery tests halt the
 *       process;</li>
 *   <li>{@link org.mbpo4j.io.PhaseTimer}: wall time per named phase (env, model, policy), the
 *       figures the metrics files and TensorBoard receive.</li>
 * </ul>
 */
package org.mbpo4j.io;
