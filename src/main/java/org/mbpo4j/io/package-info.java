/**
 * Files and formats at the bottom of the package stack, usable by every other package (the
 * environments' reference recordings, the baselines' input files, the config loader).
 *
 * <p>Owns {@link org.mbpo4j.io.TextFiles}: reading the text files users hand to the commands
 * strictly as UTF-8, so that a file that is not text is refused with its name, the byte and
 * line where it stops being text, and what was expected. It imports nothing from mbpo4j.
 */
package org.mbpo4j.io;
