/**
 * The {@code casher} (alias {@code acache}) command-line tool: {@link dev.casher.cli.Main} parses
 * {@code casher [OPTIONS] -- COMMAND} by hand (the hit path loads no picocli class) and hands
 * everything else to picocli, one thin class per subcommand delegating to casher-core.
 */
package dev.casher.cli;
