package dev.casher.cli;

import dev.casher.internal.command.CommandKey;
import dev.casher.internal.store.Entry;
import java.util.ArrayList;
import java.util.List;

/** Human-readable names of what an entry cached, from its metadata. */
final class Describe {
    private Describe() {}

    /** The command line of a command entry, or the function of a call entry. */
    static String what(Entry e) {
        if (CommandKey.KIND.equals(e.metadata().get("kind"))) {
            List<String> argv = new ArrayList<>();
            for (int i = 0; e.metadata().containsKey("arg." + i); i++) {
                argv.add(e.metadata().get("arg." + i));
            }
            return CommandKey.display(argv) + "   (in " + e.metadata().get("cwd") + ")";
        }
        return e.metadata().getOrDefault("function", "?");
    }
}
