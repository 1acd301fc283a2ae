package dev.casher.internal.command;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * While a command runs, SIGINT, SIGTERM and SIGHUP sent to casher are passed on to the command's
 * processes (every descendant of this JVM) instead of ending casher, which then waits for the
 * command, exits with its status and stores nothing ({@link #received()}). When casher is in the
 * foreground of a terminal, a SIGINT most likely came from the terminal to the whole process
 * group, the command included, so it is not sent a second time.
 *
 * <p>SIGQUIT cannot be relayed: the JVM keeps it for itself. Uses {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}) by reflection; where that is missing, signals keep their
 * default effect. Thread-safe.
 */
final class SignalRelay implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

    /** Pairs of a signal and the handler it had. */
    private final List<Object[]> previous = new ArrayList<>();
    private Method handle;
    private volatile String received;

    private SignalRelay() {}

    /** Installs the relay until {@link #close()}. */
    static SignalRelay install() {
        SignalRelay relay = new SignalRelay();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handlerType);
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(),
                    new Class<?>[] {handlerType}, new InvocationHandler() {
                        @Override
                        public Object invoke(Object proxy, Method m, Object[] args) {
                            if (m.getName().equals("handle")) {
                                relay.relay(args[0].toString().substring(3)); // "SIGTERM"
                                return null;
                            }
                            return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                    : m.getName().equals("equals") ? proxy == args[0] : "relay";
                        }
                    });
            for (String name : SIGNALS) {
                Object sig = signal.getConstructor(String.class).newInstance(name);
                try {
                    relay.previous.add(new Object[] {sig, handle.invoke(null, sig, handler)});
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // in use by the VM (or ignored, as under nohup): left as it is
                }
            }
            relay.handle = handle;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal: signals keep their default effect
        }
        return relay;
    }

    /** The name of the first signal relayed ({@code TERM}), or {@code null}. */
    String received() {
        return received;
    }

    private void relay(String name) {
        if (received == null) {
            received = name;
        }
        if (name.equals("INT") && terminalForeground()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(Exec.SH, "-c", "kill -s " + name + " \"$@\"",
                "sh"));
        for (ProcessHandle h : ProcessHandle.current().descendants().toList()) {
            argv.add(Long.toString(h.pid()));
        }
        if (argv.size() > 4) {
            try {
                new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                // the command goes on; casher still waits for it
            }
        }
    }

    /** Whether this process's group is the foreground group of its terminal. */
    private static boolean terminalForeground() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "(comm) ": state ppid pgrp session tty_nr tpgid
            return !f[4].equals("0") && f[2].equals(f[5]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                handle.invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // best effort: casher exits soon anyway
            }
        }
    }
}
