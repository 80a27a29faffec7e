/**
 * The {@code mbpo} command line (picocli): {@code train}, {@code eval}, {@code envs},
 * {@code check-env}. Commands parse and validate arguments, then call the library; user
 * mistakes exit with status 2 and one message, runtime failures with status 1.
 */
package org.mbpo4j.cli;
