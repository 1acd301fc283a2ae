package dev.casher.internal.command;

import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import dev.casher.internal.record.PathFilter;
import dev.casher.internal.record.Recording;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds the file events of a finished strace trace into a {@link Recording}, adding what strace
 * implies but the event kinds alone do not say, because strace reports after the fact and no
 * pre-call state can be captured at the mutation (DESIGN §2.5):
 * <ul>
 *   <li>A rename moves the source's content to the target, so the source is an input: a
 *       {@code READ} is added before its {@code RENAME_FROM}. Its pre-call content is the
 *       target's current content when nothing changed the target afterwards; otherwise it is
 *       unknown and the classifier makes the run uncacheable.
 *   <li>A successful delete of a path the command had not changed proves the path existed (a
 *       re-run without it would fail or behave differently), so the path is an input that must
 *       exist as a file: a {@code STAT} is added before the {@code DELETE}. If the command read
 *       its content first, its pre-call content is unknown and the run is uncacheable.
 * </ul>
 * Stateless and thread-safe.
 */
final class TraceEvents {
    private static final Set<EventKind> CONTENT = EnumSet.of(EventKind.READ, EventKind.LIST_DIR,
            EventKind.EXEC);

    private TraceEvents() {}

    static void feed(List<FileEvent> events, Recording rec, InputStates states, PathFilter filter) {
        Map<Path, Integer> lastMutation = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind().mutates()) {
                lastMutation.put(events.get(i).path(), i);
            }
        }
        Set<Path> mutated = new HashSet<>();
        Map<Path, EnumSet<EventKind>> observed = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            FileEvent e = events.get(i);
            Path p = e.path();
            if (filter.ignores(p)) {
                continue;
            }
            boolean fresh = !mutated.contains(p);
            if (e.kind() == EventKind.RENAME_FROM && fresh) {
                rec.event(EventKind.READ, p);
                FileEvent next = i + 1 < events.size() ? events.get(i + 1) : null;
                if (next != null && next.kind() == EventKind.RENAME_TO
                        && lastMutation.get(next.path()) == i + 1) {
                    InputState moved = movedContent(next.path(), states);
                    if (moved != null) {
                        rec.preState(p, moved);
                    }
                }
            } else if (e.kind() == EventKind.DELETE && fresh) {
                EnumSet<EventKind> seen = observed.getOrDefault(p, EnumSet.noneOf(EventKind.class));
                seen.retainAll(CONTENT);
                if (seen.isEmpty()) {
                    rec.event(EventKind.STAT, p);
                    rec.preState(p, new InputState.Present(InputState.FileType.FILE));
                }
            }
            rec.event(e);
            if (e.kind().mutates()) {
                mutated.add(p);
            } else if (fresh) {
                observed.computeIfAbsent(p, k -> EnumSet.noneOf(EventKind.class)).add(e.kind());
            }
        }
    }

    private static InputState movedContent(Path target, InputStates states) {
        try {
            FileStat st = FileStat.of(target, false);
            if (st == null || !st.isRegularFile()) {
                return null;
            }
            return states.current(target, dev.casher.internal.lookup.Observation.CONTENT);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
