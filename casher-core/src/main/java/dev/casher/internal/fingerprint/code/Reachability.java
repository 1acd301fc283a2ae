package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.Opcodes;

/**
 * One walk over the application code a method can reach, producing its {@link CodeFingerprint}.
 *
 * <p>What is followed from each reached method, in instruction order (so the result, including
 * the names given to lambda bodies, is deterministic):
 * <ul>
 *   <li>static and special calls: the declaration found upward from the named class;
 *   <li>virtual and interface calls on an application type: that declaration, interface default
 *       methods, and every application subtype's override ({@link SubtypeIndex}) with that
 *       subtype's constructors;
 *   <li>{@code NEW} of an application class, or any instance method of it reached: its
 *       overrides of every method a library or JDK supertype declares ({@code toString},
 *       {@code run}, {@code compare}), since library code may call them back;
 *   <li>method handles (lambda bodies, method references, bootstrap methods), called or not;
 *   <li>every application class touched (member owner, type use): its shape and
 *       {@code <clinit>}, and those of its supertypes.
 * </ul>
 * Library classes add their jar's identity; JDK classes add nothing beyond the feature version.
 * Virtual calls on library or JDK types reach application code only through instantiated
 * classes, so an object created outside the walk and passed in as an argument can hide an
 * override behind a library interface (documented limit).
 *
 * <p>Not thread-safe: one instance per walk.
 */
final class Reachability {
    private static final String CLINIT = "<clinit>()V";
    private static final int NOT_INHERITED = Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE;

    private final ClassSource source;
    private final SortedMap<String, Digest> methods = new TreeMap<>();
    private final SortedMap<String, String> libraries = new TreeMap<>();
    private final Set<String> queued = new HashSet<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> instantiated = new HashSet<>();
    // Call targets already resolved or expanded in this walk: the answer cannot change, and
    // without this an interface with n implementations called from n places costs n^2.
    private final Set<String> resolved = new HashSet<>();
    private final Set<String> expanded = new HashSet<>();
    private final Deque<Task> queue = new ArrayDeque<>();

    private record Task(String owner, String nameDesc, String key) {}

    Reachability(ClassSource source) {
        this.source = source;
    }

    /** Walks from {@code owner.nameDesc}; throws if the method is not declared there. */
    CodeFingerprint walk(String owner, String nameDesc) {
        ClassInfo root = source.info(owner);
        if (root.origin() instanceof ClassOrigin.Missing) {
            // nothing to hash: a constant fingerprint would survive any edit
            throw new CodeFingerprintException("no class file for " + owner.replace('/', '.')
                    + " (generated at run time?); its code cannot be fingerprinted");
        }
        if (root.isApplication() && !root.methods().containsKey(nameDesc)) {
            throw new CodeFingerprintException(
                    "method " + nameDesc + " is not declared in " + owner.replace('/', '.'));
        }
        touch(owner);
        enqueue(owner, nameDesc, null);
        while (!queue.isEmpty()) {
            process(queue.poll());
        }
        libraries.put(CodeFingerprint.JDK_LIBRARY, "java " + Runtime.version().feature());
        return CodeFingerprint.of(methods, libraries);
    }

    private void process(Task task) {
        ClassInfo owner = source.info(task.owner());
        MethodInfo method = owner.methods().get(task.nameDesc());
        if (method == null || !owner.isApplication()) {
            return;
        }
        methods.put(task.key(), method.digest());
        if ((method.access() & Opcodes.ACC_STATIC) == 0 && !task.nameDesc().startsWith("<")) {
            // A receiver exists, created wherever: an inherited library method this one calls
            // (Thread.start, AbstractList.iterator) may call back its overrides.
            instantiate(task.owner());
        }
        for (Ref ref : method.refs()) {
            follow(ref, task.key());
        }
    }

    private void follow(Ref ref, String fromKey) {
        if (ref instanceof Ref.Call call) {
            touch(call.owner());
            dispatch(call.kind(), call.owner(), call.nameDesc(), null);
        } else if (ref instanceof Ref.FieldAccess field) {
            touch(field.owner());
        } else if (ref instanceof Ref.TypeUse use) {
            touch(use.type());
            if (use.use() == Ref.Use.INSTANTIATED) {
                instantiate(use.type());
            }
        } else if (ref instanceof Ref.HandleUse handle) {
            touch(handle.owner());
            String key = handle.lambdaOrdinal() < 0 ? null : lambdaKey(fromKey, handle);
            dispatch(handle.kind(), handle.owner(), handle.nameDesc(), key);
        }
    }

    /**
     * A lambda body is named after the method that creates it and its position there, never by
     * javac's synthetic name, which shifts when an unrelated lambda is added to the class.
     */
    private static String lambdaKey(String fromKey, Ref.HandleUse handle) {
        String desc = handle.nameDesc().substring(handle.nameDesc().indexOf('('));
        return fromKey + "/lambda#" + handle.lambdaOrdinal() + desc;
    }

    private void dispatch(Ref.Dispatch kind, String owner, String nameDesc, String key) {
        switch (kind) {
            case FIELD:
                return;
            case CONSTRUCT:
                instantiate(owner);
                resolve(owner, nameDesc, key);
                return;
            case STATIC:
            case SPECIAL:
                resolve(owner, nameDesc, key);
                return;
            case VIRTUAL:
                resolve(owner, nameDesc, key);
                if (expanded.add(owner + '.' + nameDesc) && isApplication(owner)) {
                    for (String sub : source.subtypes().subtypesOf(owner)) {
                        MethodInfo m = source.info(sub).methods().get(nameDesc);
                        if (m != null && (m.access() & NOT_INHERITED) == 0) {
                            touch(sub);
                            enqueue(sub, nameDesc, null);
                            constructors(sub);
                        }
                    }
                }
                return;
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * A subtype found only through the hierarchy was instantiated outside the walk; the state its
     * constructors set up is part of what its override computes.
     */
    private void constructors(String type) {
        source.info(type).methods().keySet().stream().filter(nd -> nd.startsWith("<init>("))
                .sorted().forEach(nd -> enqueue(type, nd, null));
    }

    /** The declaration a call on {@code owner} binds to: up the superclasses, then defaults. */
    private void resolve(String owner, String nameDesc, String key) {
        if (key == null && !resolved.add(owner + '.' + nameDesc)) {
            return;
        }
        for (String c = owner; c != null; ) {
            if (!isApplication(c)) {
                return; // inherited from library or JDK code: keyed by identity
            }
            ClassInfo info = source.info(c);
            if (info.methods().containsKey(nameDesc)) {
                touch(c);
                enqueue(c, nameDesc, key);
                return;
            }
            c = info.superName();
        }
        // Not in a superclass: any application default method may be the one selected.
        for (String itf : applicationInterfaces(owner)) {
            MethodInfo m = source.info(itf).methods().get(nameDesc);
            if (m != null && (m.access() & Opcodes.ACC_ABSTRACT) == 0) {
                touch(itf);
                enqueue(itf, nameDesc, key);
            }
        }
    }

    private Set<String> applicationInterfaces(String type) {
        Set<String> found = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(type));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!isApplication(name) || !seen.add(name)) {
                continue;
            }
            ClassInfo info = source.info(name);
            if (info.superName() != null) {
                todo.add(info.superName());
            }
            for (String itf : info.interfaces()) {
                found.add(itf);
                todo.add(itf);
            }
        }
        found.removeIf(itf -> !isApplication(itf));
        return found;
    }

    /** Library code may call back any override of a method a library supertype declares. */
    private void instantiate(String type) {
        if (!instantiated.add(type) || !isApplication(type)) {
            return;
        }
        for (String nameDesc : libraryDeclaredMethods(type)) {
            resolve(type, nameDesc, null);
        }
    }

    private Set<String> libraryDeclaredMethods(String type) {
        Set<String> result = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(type));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name)) {
                continue;
            }
            ClassInfo info = source.info(name);
            if (!info.isApplication()) {
                info.methods().forEach((nameDesc, m) -> {
                    if ((m.access() & NOT_INHERITED) == 0 && !nameDesc.startsWith("<")) {
                        result.add(nameDesc);
                    }
                });
            }
            if (info.superName() != null) {
                todo.add(info.superName());
            }
            todo.addAll(info.interfaces());
        }
        return result;
    }

    /** Adds a class's shape and static initialiser (and its supertypes'), or its library. */
    private void touch(String type) {
        if (!touched.add(type)) {
            return;
        }
        ClassOrigin origin = source.origin(type);
        if (origin instanceof ClassOrigin.Library lib) {
            libraries.merge(lib.name(), lib.identity(),
                    (a, b) -> a.equals(b) ? a : String.join(", ", new TreeSet<>(List.of(a, b))));
        } else if (origin instanceof ClassOrigin.Missing) {
            libraries.put(CodeFingerprint.MISSING_PREFIX + type, "absent");
        } else if (origin instanceof ClassOrigin.Application) {
            ClassInfo info = source.info(type);
            methods.put(type + ".<class>", info.shape());
            if (info.methods().containsKey(CLINIT)) {
                enqueue(type, CLINIT, null);
            }
            if (info.superName() != null) {
                touch(info.superName());
            }
            info.interfaces().forEach(this::touch);
        }
    }

    /** Without parsing: JDK and library class files are read only when their methods matter. */
    private boolean isApplication(String type) {
        return source.origin(type) instanceof ClassOrigin.Application;
    }

    private void enqueue(String owner, String nameDesc, String key) {
        if (queued.add(owner + '.' + nameDesc)) {
            queue.add(new Task(owner, nameDesc, key != null ? key : owner + '.' + nameDesc));
        }
    }
}
