package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Turns one method's instructions into a normalised text, digests it, and collects the
 * {@link Ref}s the walk follows.
 *
 * <p>Normalisation: the class is read with debug attributes and stack map frames skipped, so
 * line numbers, local variable names and source file names never enter the digest; labels are
 * numbered in order of first appearance (their identity is meaningless); a javac lambda body
 * ({@code lambda$main$3}) is written as its position among this method's lambda handles, so
 * adding an unrelated lambda elsewhere in the class, which renumbers javac's synthetic names,
 * leaves this digest alone. The lambda's own body is hashed as a method of its own.
 *
 * <p>Not thread-safe; one instance per method visit.
 */
final class MethodHasher extends MethodVisitor {
    private static final String LAMBDA_PREFIX = "lambda$";

    private final int access;
    private final Consumer<MethodInfo> sink;
    private final StringBuilder out = new StringBuilder(256);
    private final List<Ref> refs = new ArrayList<>();
    private final Map<Label, Integer> labels = new HashMap<>();
    private int lambdas;

    MethodHasher(int access, Consumer<MethodInfo> sink) {
        super(Opcodes.ASM9);
        this.access = access;
        this.sink = sink;
        out.append("access ").append(access & 0xFFFF).append('\n');
    }

    @Override
    public void visitInsn(int opcode) {
        op(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        op(opcode).append(operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        op(opcode).append(varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        op(opcode);
        str(type);
        Ref.Use use = opcode == Opcodes.NEW ? Ref.Use.INSTANTIATED : Ref.Use.MENTIONED;
        mention(Type.getObjectType(type), use);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        op(opcode);
        str(owner);
        str(name);
        str(descriptor);
        refs.add(new Ref.FieldAccess(owner));
    }

    @Override
    public void visitMethodInsn(
            int opcode, String owner, String name, String descriptor, boolean isInterface) {
        op(opcode);
        str(owner);
        str(name);
        str(descriptor);
        out.append(isInterface ? 'I' : 'C');
        Ref.Dispatch kind = switch (opcode) {
            case Opcodes.INVOKESTATIC -> Ref.Dispatch.STATIC;
            case Opcodes.INVOKESPECIAL -> Ref.Dispatch.SPECIAL;
            default -> Ref.Dispatch.VIRTUAL;
        };
        if (owner.startsWith("[")) {
            // clone() on an array: nothing of ours runs
            mention(Type.getObjectType(owner), Ref.Use.MENTIONED);
            return;
        }
        refs.add(new Ref.Call(kind, owner, name + descriptor));
    }

    @Override
    public void visitInvokeDynamicInsn(
            String name, String descriptor, Handle bootstrap, Object... arguments) {
        op(Opcodes.INVOKEDYNAMIC);
        str(name);
        str(descriptor);
        handle(bootstrap);
        out.append(" args ").append(arguments.length);
        for (Object argument : arguments) {
            constant(argument);
        }
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        op(opcode).append('L').append(label(label));
    }

    @Override
    public void visitLabel(Label label) {
        out.append("\nL").append(label(label)).append(':');
    }

    @Override
    public void visitLdcInsn(Object value) {
        op(Opcodes.LDC);
        constant(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        op(Opcodes.IINC).append(varIndex).append(' ').append(increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
        op(Opcodes.TABLESWITCH).append(min).append(' ').append(max);
        out.append(" L").append(label(dflt));
        for (Label target : targets) {
            out.append(" L").append(label(target));
        }
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
        op(Opcodes.LOOKUPSWITCH).append(" L").append(label(dflt));
        for (int i = 0; i < keys.length; i++) {
            out.append(' ').append(keys[i]).append(":L").append(label(targets[i]));
        }
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        op(Opcodes.MULTIANEWARRAY).append(numDimensions);
        str(descriptor);
        mention(Type.getType(descriptor), Ref.Use.MENTIONED);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        out.append("\ntry L").append(label(start)).append(" L").append(label(end));
        out.append(" L").append(label(handler));
        str(type == null ? "*" : type);
        if (type != null) {
            mention(Type.getObjectType(type), Ref.Use.MENTIONED);
        }
    }

    @Override
    public void visitEnd() {
        sink.accept(new MethodInfo(access, Digest.ofString(out.toString()), refs));
    }

    private StringBuilder op(int opcode) {
        return out.append('\n').append(opcode).append(' ');
    }

    /** Length-prefixed, so no string constant can forge the text of other instructions. */
    private void str(String s) {
        out.append(' ').append(s.length()).append(':').append(s);
    }

    private int label(Label label) {
        return labels.computeIfAbsent(label, l -> labels.size());
    }

    private void constant(Object value) {
        if (value instanceof String s) {
            out.append(" S");
            str(s);
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(value instanceof Integer ? " I" : " J").append(value);
        } else if (value instanceof Float f) {
            out.append(" F").append(Float.floatToRawIntBits(f));
        } else if (value instanceof Double d) {
            out.append(" D").append(Double.doubleToRawLongBits(d));
        } else if (value instanceof Type t) {
            out.append(" T");
            str(t.getDescriptor());
            mention(t, Ref.Use.MENTIONED);
        } else if (value instanceof Handle h) {
            handle(h);
        } else if (value instanceof ConstantDynamic c) {
            out.append(" condy");
            str(c.getName());
            str(c.getDescriptor());
            handle(c.getBootstrapMethod());
            out.append(" args ").append(c.getBootstrapMethodArgumentCount());
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                constant(c.getBootstrapMethodArgument(i));
            }
        } else {
            throw new IllegalArgumentException("unknown constant " + value.getClass());
        }
    }

    private void handle(Handle h) {
        int ordinal = -1;
        String name = h.getName();
        if (name.startsWith(LAMBDA_PREFIX)) {
            ordinal = lambdas++;
            name = "lambda#" + ordinal;
        }
        out.append(" H").append(h.getTag());
        str(h.getOwner());
        str(name);
        str(h.getDesc());
        out.append(h.isInterface() ? 'I' : 'C');
        Ref.Dispatch kind = switch (h.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Ref.Dispatch.STATIC;
            case Opcodes.H_INVOKESPECIAL -> Ref.Dispatch.SPECIAL;
            case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE -> Ref.Dispatch.VIRTUAL;
            case Opcodes.H_NEWINVOKESPECIAL -> Ref.Dispatch.CONSTRUCT;
            default -> Ref.Dispatch.FIELD;
        };
        if (!h.getOwner().startsWith("[")) {
            refs.add(new Ref.HandleUse(kind, h.getOwner(), h.getName() + h.getDesc(), ordinal));
        }
    }

    private void mention(Type type, Ref.Use use) {
        Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (t.getSort() == Type.OBJECT) {
            refs.add(new Ref.TypeUse(t.getInternalName(), use));
        }
    }
}
