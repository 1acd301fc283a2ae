/**
 * Caching of whole commands (the CLI's {@code casher -- CMD}, and later subprocess mode): the
 * command path assembled in {@link dev.casher.internal.command.CommandEngine}, key → lookup →
 * replay | record under strace → classify → store → evict, reusing the lookup, record,
 * replay and store steps of the in-process path.
 */
package dev.casher.internal.command;
