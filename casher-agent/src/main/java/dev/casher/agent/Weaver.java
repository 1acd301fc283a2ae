package dev.casher.agent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinTask;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds and installs the two ByteBuddy transformations: the JDK hooks (file-I/O choke points,
 * work propagation, child processes, and casher's own {@code CallContext} open count) and the
 * {@code @Cached} weaving of application classes. Both retransform classes already loaded.
 *
 * <p>Methods are chosen by name and descriptor, never by JDK version, so one jar serves 17 and
 * 25: a matcher that fits nothing on a JDK is simply unused there. {@code java.io.UnixFileSystem}
 * operations that are native (JDK 17) cannot carry advice, so their {@code java.io.File} callers
 * are hooked instead.
 *
 * <p>Not thread-safe: called under {@link CasherAgent}'s install lock. Errors of the JDK
 * transformation are collected and reported by {@link CasherAgent}, never swallowed.
 */
final class Weaver {
    static final String CACHED = "dev.casher.Cached";
    private static final String UND = "sun.nio.fs.UnixNativeDispatcher";
    private static final String UNIX_PATH = "sun.nio.fs.UnixPath";

    private Weaver() {}

    /**
     * The types the JDK hooks transform. All are loaded before installation: a class first
     * loaded while ByteBuddy transforms another (ForkJoinPool while resolving ForkJoinTask's
     * signatures) would escape both the load-time transformation and the retransformation.
     */
    static List<String> jdkTargets() {
        List<String> names = new java.util.ArrayList<>(List.of("java.io.FileInputStream",
                "java.io.FileOutputStream", "java.io.RandomAccessFile", "java.io.UnixFileSystem",
                UND, "sun.nio.fs.UnixFileSystemProvider", "java.util.zip.ZipFile",
                "java.lang.Thread", "java.util.concurrent.ThreadPoolExecutor",
                "java.util.concurrent.ScheduledThreadPoolExecutor",
                "java.util.concurrent.ForkJoinPool", "java.util.concurrent.ForkJoinTask",
                "java.util.concurrent.FutureTask", "java.lang.ProcessImpl",
                "dev.casher.internal.record.CallContext"));
        if (fileSystemListIsNative()) {
            names.add("java.io.File");
        }
        return names;
    }

    /** Installs the JDK hooks; returns the names of the types transformed. */
    static Set<String> installJdkHooks(Instrumentation inst, List<String> errors) {
        for (String name : jdkTargets()) {
            try {
                Class.forName(name, false, Weaver.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                errors.add(name + ": not found (not a Linux JDK?)");
            }
        }
        Set<String> transformed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AgentBuilder b = base(errors, transformed).ignore(nameStartsWith("dev.casher.shaded."));
        b = b.type(named("java.io.FileInputStream")).transform(visit(
                advice(JavaIoAdvice.ReadOpen.class, open(String.class))));
        b = b.type(named("java.io.FileOutputStream")).transform(visit(
                advice(JavaIoAdvice.WriteOpen.class, open(String.class, boolean.class))));
        b = b.type(named("java.io.RandomAccessFile")).transform(visit(
                advice(JavaIoAdvice.RandomAccessOpen.class, open(String.class, int.class))));
        b = b.type(named("java.io.UnixFileSystem")).transform(unixFileSystem());
        if (fileSystemListIsNative()) {
            b = b.type(named("java.io.File")).transform(fileFallbacks());
        }
        b = b.type(named(UND)).transform(nativeDispatcher());
        b = b.type(named("sun.nio.fs.UnixFileSystemProvider")).transform(visit(
                advice(NioAdvice.ListDir.class,
                        named("newDirectoryStream").and(takesArguments(2)))));
        b = b.type(named("java.util.zip.ZipFile")).transform(visit(
                advice(JavaIoAdvice.ZipOpen.class,
                        isConstructor()
                                .and(takesArguments(File.class, int.class, Charset.class))),
                advice(JavaIoAdvice.ZipEntryRead.class,
                        named("getInputStream").and(takesArguments(1)))));
        b = propagation(b);
        b = b.type(named("java.lang.ProcessImpl")).transform(visit(
                advice(TaskAdvice.ProcessLaunch.class,
                        named("start").and(isStatic()).and(takesArguments(5)))));
        b = b.type(named("dev.casher.internal.record.CallContext")).transform(visit(
                advice(TaskAdvice.OpenCount.class, namedOneOf("enter", "exit").and(isStatic())),
                advice(TaskAdvice.Closing.class, named("exit").and(isStatic()))));
        b.installOn(inst);
        return transformed;
    }

    /** Installs the {@code @Cached} weaving of application classes (loaded or not). */
    static void installCachedWeaving(Instrumentation inst, List<String> errors) {
        ElementMatcher.Junction<MethodDescription> cached = isAnnotatedWith(named(CACHED));
        base(errors, java.util.concurrent.ConcurrentHashMap.newKeySet())
                .type(declaresMethod(cached))
                .transform(visit(
                        advice(CachedAdvice.Void.class, cached.and(returns(void.class))),
                        advice(CachedAdvice.Valued.class, cached.and(not(returns(void.class))))))
                .installOn(inst);
    }

    private static AgentBuilder base(List<String> errors, Set<String> transformed) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new Listener(errors, transformed));
    }

    private static AgentBuilder.Transformer unixFileSystem() {
        return visit(
                advice(JavaIoAdvice.HasAttributes.class, named("hasBooleanAttributes")),
                advice(JavaIoAdvice.GetAttributes.class,
                        named("getBooleanAttributes").and(takesArguments(File.class))),
                advice(JavaIoAdvice.Delete.class, named("delete").and(takesArguments(File.class))),
                advice(JavaIoAdvice.Rename.class, named("rename").and(takesArguments(2))),
                advice(JavaIoAdvice.ListNames.class, javaMethod("list", File.class)),
                advice(JavaIoAdvice.CreateDirectory.class,
                        javaMethod("createDirectory", File.class)),
                advice(JavaIoAdvice.CreateExclusive.class,
                        javaMethod("createFileExclusively", String.class)),
                advice(JavaIoAdvice.StatArg.class, javaMethod("checkAccess", File.class, int.class)
                        .or(javaMethod("getLength", File.class))
                        .or(javaMethod("getLastModifiedTime", File.class))));
    }

    /** JDK 17: java.io.File methods whose UnixFileSystem counterparts are native. */
    private static AgentBuilder.Transformer fileFallbacks() {
        return visit(
                advice(JavaIoAdvice.FileList.class, named("normalizedList").and(takesArguments(0))),
                advice(JavaIoAdvice.FileMkdir.class, named("mkdir").and(takesArguments(0))),
                advice(JavaIoAdvice.FileCreate.class, named("createNewFile")),
                advice(JavaIoAdvice.FileMetadata.class, namedOneOf("canRead", "canWrite",
                        "canExecute", "length", "lastModified").and(takesArguments(0))),
                advice(JavaIoAdvice.FileTemp.class,
                        named("createTempFile").and(takesArguments(3))));
    }

    private static AgentBuilder.Transformer nativeDispatcher() {
        ElementMatcher.Junction<MethodDescription> path0 = takesArgument(0, named(UNIX_PATH));
        return visit(
                advice(NioAdvice.Open.class, named("open").and(takesArguments(3)).and(path0)),
                advice(NioAdvice.StatThrows.class, namedOneOf("stat", "lstat", "access")
                        .and(takesArguments(2)).and(path0).and(returns(void.class))),
                advice(NioAdvice.StatErrno.class, namedOneOf("stat2", "access")
                        .and(takesArguments(2)).and(path0).and(returns(int.class))),
                advice(NioAdvice.StatMode.class,
                        named("stat").and(takesArguments(1)).and(path0).and(returns(int.class))),
                advice(NioAdvice.Exists.class, named("exists").and(takesArguments(1)).and(path0)
                        .and(returns(boolean.class))),
                advice(NioAdvice.Delete.class,
                        namedOneOf("unlink", "rmdir").and(takesArguments(1)).and(path0)),
                advice(NioAdvice.Mkdir.class, named("mkdir").and(takesArguments(2)).and(path0)),
                advice(NioAdvice.Rename.class, named("rename").and(takesArguments(2)).and(path0)),
                advice(NioAdvice.Link.class, named("link").and(takesArguments(2)).and(path0)),
                advice(NioAdvice.Symlink.class,
                        named("symlink").and(takesArgument(1, named(UNIX_PATH)))),
                advice(NioAdvice.ListDir.class,
                        named("opendir").and(takesArguments(1)).and(path0)));
    }

    private static AgentBuilder propagation(AgentBuilder b) {
        ElementMatcher.Junction<MethodDescription> taskArg =
                takesArgument(0, ForkJoinTask.class).or(takesArgument(0, Runnable.class))
                        .or(takesArgument(0, Callable.class));
        return b.type(named("java.lang.Thread")).transform(visit(
                        advice(TaskAdvice.ThreadStart.class,
                                named("start").and(returns(void.class)))))
                .type(named("java.util.concurrent.ThreadPoolExecutor")).transform(visit(
                        advice(TaskAdvice.Submit.class,
                                named("execute").and(takesArguments(Runnable.class))),
                        advice(TaskAdvice.PoolWorker.class, named("runWorker"))))
                .type(named("java.util.concurrent.ScheduledThreadPoolExecutor")).transform(visit(
                        advice(TaskAdvice.TagArgument.class,
                                named("delayedExecute").and(takesArguments(1)))))
                .type(named("java.util.concurrent.ForkJoinPool")).transform(visit(
                        advice(TaskAdvice.Submit.class, namedOneOf("execute", "submit", "invoke")
                                .and(not(isStatic())).and(taskArg))))
                .type(named("java.util.concurrent.ForkJoinTask")).transform(visit(
                        advice(TaskAdvice.Fork.class, named("fork").and(takesArguments(0))),
                        advice(TaskAdvice.Run.class, named("doExec").and(takesArguments(0)))))
                .type(named("java.util.concurrent.FutureTask")).transform(visit(
                        advice(TaskAdvice.Run.class, named("run").and(takesArguments(0)))));
    }

    private static ElementMatcher.Junction<MethodDescription> open(Class<?>... params) {
        return named("open").and(takesArguments(params));
    }

    private static ElementMatcher.Junction<MethodDescription> javaMethod(String name,
            Class<?>... params) {
        return named(name).and(takesArguments(params)).and(not(MethodDescription::isNative));
    }

    private static AsmVisitor advice(Class<?> adviceClass,
            ElementMatcher<? super MethodDescription> on) {
        return new AsmVisitor(Advice.to(adviceClass), on);
    }

    private record AsmVisitor(Advice advice, ElementMatcher<? super MethodDescription> on) {}

    private static AgentBuilder.Transformer visit(AsmVisitor... visitors) {
        return (builder, type, loader, module, domain) -> {
            DynamicType.Builder<?> out = builder;
            for (AsmVisitor v : visitors) {
                out = out.visit(v.advice().on(v.on()));
            }
            return out;
        };
    }

    /** Whether {@code java.io.UnixFileSystem.list} is native (JDK 17), not a Java wrapper. */
    static boolean fileSystemListIsNative() {
        try {
            Method m = Class.forName("java.io.UnixFileSystem")
                    .getDeclaredMethod("list", File.class);
            return Modifier.isNative(m.getModifiers());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Collects transformation errors and the names of transformed types. */
    private static final class Listener extends AgentBuilder.Listener.Adapter {
        private final List<String> errors;
        private final Set<String> transformed;

        Listener(List<String> errors, Set<String> transformed) {
            this.errors = errors;
            this.transformed = transformed;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                boolean loaded, DynamicType dynamicType) {
            transformed.add(type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                Throwable throwable) {
            errors.add(typeName + ": " + throwable);
        }
    }

    static List<String> newErrorList() {
        return new CopyOnWriteArrayList<>();
    }
}
