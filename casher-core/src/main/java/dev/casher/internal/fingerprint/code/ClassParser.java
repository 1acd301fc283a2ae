package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads a class file into a {@link ClassInfo}: application classes with every method's
 * normalised digest and refs; library and JDK classes with method names only (their code is
 * never read).
 *
 * <p>Stateless and thread-safe. Malformed class files make ASM throw; callers treat that class
 * as {@link ClassOrigin.Missing}.
 */
final class ClassParser {
    private static final int STATIC_FINAL = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;

    private ClassParser() {}

    /** Parses {@code bytes}; reads method bodies only for application classes. */
    static ClassInfo parse(byte[] bytes, ClassOrigin origin) {
        boolean withCode = origin instanceof ClassOrigin.Application;
        int flags = ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;
        if (!withCode) {
            flags |= ClassReader.SKIP_CODE;
        }
        Collector collector = new Collector(withCode);
        new ClassReader(bytes).accept(collector, flags);
        return collector.result(origin);
    }

    private static final class Collector extends ClassVisitor {
        private final boolean withCode;
        private final Map<String, MethodInfo> methods = new HashMap<>();
        // sorted so the shape digest does not depend on declaration order
        private final Map<String, String> constants = new TreeMap<>();
        private String name;
        private String superName;
        private List<String> interfaces = List.of();
        private int access;

        Collector(boolean withCode) {
            super(Opcodes.ASM9);
            this.withCode = withCode;
        }

        @Override
        public void visit(int version, int access, String name, String signature,
                String superName, String[] interfaces) {
            this.access = access;
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : Arrays.asList(interfaces);
        }

        @Override
        public FieldVisitor visitField(
                int access, String name, String descriptor, String signature, Object value) {
            // A ConstantValue is not in <clinit>: it is the initial value a reader sees.
            if ((access & STATIC_FINAL) == STATIC_FINAL && value != null) {
                String text = value instanceof Float f ? "F" + Float.floatToRawIntBits(f)
                        : value instanceof Double d ? "D" + Double.doubleToRawLongBits(d)
                        : value.getClass().getSimpleName().charAt(0) + String.valueOf(value);
                constants.put(name + ":" + descriptor, text);
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor,
                String signature, String[] exceptions) {
            String key = name + descriptor;
            if (!withCode) {
                methods.put(key, new MethodInfo(access, MethodInfo.NO_CODE, List.of()));
                return null;
            }
            return new MethodHasher(access, info -> methods.put(key, info));
        }

        ClassInfo result(ClassOrigin origin) {
            StringBuilder shape = new StringBuilder();
            shape.append("access ").append(access & 0xFFFF).append("\nsuper ").append(superName);
            shape.append("\ninterfaces ").append(interfaces);
            constants.forEach((k, v) -> shape.append('\n').append(k).append('=')
                    .append(v.length()).append(':').append(v));
            return new ClassInfo(name, origin, superName, interfaces, methods,
                    Digest.ofString(shape.toString()));
        }
    }
}
