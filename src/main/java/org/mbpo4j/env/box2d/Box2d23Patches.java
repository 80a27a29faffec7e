package org.mbpo4j.env.box2d;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.contacts.Contact;

/**
 * Two places where jbox2d 2.2.1.1 differs from the Box2D 2.3.0 inside pybox2d 2.3.10 (Gymnasium's
 * physics) and offers no setting: both are replaced, before jbox2d loads the classes, by the
 * Box2D 2.3 behaviour.
 *
 * <ul>
 *   <li><b>Block solver condition number</b>: {@code ContactSolver.k_maxConditionNumber} is 100
 *       in jbox2d, 1000 in Box2D 2.3's {@code b2ContactSolver}. A two-point manifold whose 2x2
 *       effective-mass matrix is worse conditioned than this is solved as one point. The
 *       walker's lower legs (16 cm wide) and a lander leg resting on its edge make such
 *       manifolds: jbox2d dropped the second point where pybox2d keeps both, so a leg on the
 *       ground pivoted about one corner. The constant is a {@code static final} that javac
 *       inlines, so it cannot be set: the class is defined from jbox2d's own bytes with that one
 *       float in the constant pool changed (it is used by the field and by that one comparison).
 *   <li><b>Sweep advance</b>: jbox2d's {@code Sweep.advance(alpha)} interpolates from the sweep's
 *       start as if it began at time 0 and never records {@code alpha0}, and {@code Sweep.set}
 *       does not copy {@code alpha0}; Box2D 2.3's {@code b2Sweep::Advance} rescales by
 *       {@code (alpha - alpha0) / (1 - alpha0)} and records the new {@code alpha0}. A body with
 *       a second time-of-impact event in one step (a leg touching two terrain edges) was moved
 *       to the wrong time. {@code org.jbox2d.common.Sweep} is defined from {@link Box2dSweep},
 *       jbox2d's class with Box2D 2.3's two methods.
 * </ul>
 *
 * <p>The classes are defined in jbox2d's packages through {@link MethodHandles.Lookup#defineClass},
 * in the class loader that loaded jbox2d, which works whatever the class path order; it must run
 * before anything loads jbox2d's {@code Body} or {@code World} (so {@link Box2dSettings} runs it
 * when it is loaded, and every world is built after {@link Box2dSettings#ensureExact()}). If
 * jbox2d's own classes were loaded first, {@link #apply()} reports which patch is missing.
 * The third 2.3 difference, contacts that start disabled, is fixed through jbox2d's pool
 * ({@link Box2dWorldPool}).
 */
final class Box2d23Patches {
    /** jbox2d's block-solver condition number. */
    static final float JBOX2D_MAX_CONDITION_NUMBER = 100.0f;
    /** Box2D 2.3's {@code k_maxConditionNumber}. */
    static final float BOX2D_MAX_CONDITION_NUMBER = 1000.0f;

    private static final String CONTACT_SOLVER = "org.jbox2d.dynamics.contacts.ContactSolver";
    private static final String SWEEP = "org.jbox2d.common.Sweep";

    private Box2d23Patches() {
    }

    /**
     * Defines the two patched classes; the problems, empty when both are in place (also when an
     * earlier call defined them).
     */
    static List<String> apply() {
        List<String> problems = new ArrayList<>();
        try {
            byte[] solver = patchFloat(read(Contact.class, "ContactSolver.class"), JBOX2D_MAX_CONDITION_NUMBER,
                    BOX2D_MAX_CONDITION_NUMBER);
            define(Contact.class, solver, CONTACT_SOLVER, problems);
            byte[] sweep = renameClass(read(Box2dSweep.class, "Box2dSweep.class"),
                    Box2dSweep.class.getName().replace('.', '/'), SWEEP.replace('.', '/'));
            define(Vec2.class, sweep, SWEEP, problems);
        } catch (IOException | RuntimeException e) {
            problems.add("cannot patch jbox2d: " + e);
        }
        return problems;
    }

    private static void define(Class<?> samePackage, byte[] bytes, String name, List<String> problems) {
        try {
            MethodHandles.privateLookupIn(samePackage, MethodHandles.lookup()).defineClass(bytes);
        } catch (LinkageError e) {
            // Defined already: by an earlier call (fine) or by jbox2d's own class (checked below).
        } catch (IllegalAccessException e) {
            problems.add("cannot define " + name + " in jbox2d's package: " + e.getMessage());
            return;
        }
        if (!isPatched(name)) {
            problems.add("jbox2d's own " + name + " was loaded before mbpo4j could replace it with Box2D 2.3's"
                    + " (build Box2D worlds only after Box2dSettings.ensureExact())");
        }
    }

    /** Whether the class now loaded under {@code name} is the patched one. */
    static boolean isPatched(String name) {
        try {
            Class<?> c = Class.forName(name, false, Contact.class.getClassLoader());
            if (name.equals(CONTACT_SOLVER)) {
                return c.getField("k_maxConditionNumber").getFloat(null) == BOX2D_MAX_CONDITION_NUMBER;
            }
            return sweepAdvanceIsBox2d23(c);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Box2D 2.3's advance records alpha0; jbox2d 2.2.1.1's leaves it at 0. */
    private static boolean sweepAdvanceIsBox2d23(Class<?> sweepClass) throws ReflectiveOperationException {
        Object s = sweepClass.getConstructor().newInstance();
        sweepClass.getMethod("advance", float.class).invoke(s, 0.5f);
        return sweepClass.getField("alpha0").getFloat(s) == 0.5f;
    }

    private static byte[] read(Class<?> neighbour, String resource) throws IOException {
        try (InputStream in = neighbour.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file " + resource + " next to " + neighbour.getName());
            }
            return in.readAllBytes();
        }
    }

    /** Replaces the one float constant {@code from} of a class file's constant pool by {@code to}. */
    static byte[] patchFloat(byte[] classFile, float from, float to) throws IOException {
        int[] found = {0};
        byte[] out = rewriteConstantPool(classFile, (tag, in, o) -> {
            if (tag == FLOAT) {
                float v = in.readFloat();
                if (v == from) {
                    found[0]++;
                    v = to;
                }
                o.writeFloat(v);
                return true;
            }
            return false;
        });
        if (found[0] != 1) {
            throw new IOException("expected one float constant " + from + " in the class file, found " + found[0]);
        }
        return out;
    }

    /** Renames a class: every {@code from} in the constant pool's strings becomes {@code to}. */
    static byte[] renameClass(byte[] classFile, String from, String to) throws IOException {
        return rewriteConstantPool(classFile, (tag, in, o) -> {
            if (tag == UTF8) {
                o.writeUTF(in.readUTF().replace(from, to));
                return true;
            }
            return false;
        });
    }

    private static final int UTF8 = 1;
    private static final int FLOAT = 4;

    /** Rewrites a constant pool entry (tag already read and written); false to copy it unchanged. */
    @FunctionalInterface
    private interface EntryRewriter {
        boolean rewrite(int tag, DataInputStream in, DataOutputStream out) throws IOException;
    }

    /** Copies a class file, passing each constant pool entry through {@code rewriter}. */
    private static byte[] rewriteConstantPool(byte[] classFile, EntryRewriter rewriter) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 64);
        DataOutputStream out = new DataOutputStream(bytes);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        out.writeInt(0xCAFEBABE);
        out.writeInt(in.readInt()); // minor, major version
        int count = in.readUnsignedShort();
        out.writeShort(count);
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            out.writeByte(tag);
            if (rewriter.rewrite(tag, in, out)) {
                continue;
            }
            int size = switch (tag) {
                case UTF8 -> {
                    int len = in.readUnsignedShort();
                    out.writeShort(len);
                    yield len;
                }
                case 7, 8, 16, 19, 20 -> 2; // Class, String, MethodType, Module, Package
                case 15 -> 3; // MethodHandle
                case 3, FLOAT, 9, 10, 11, 12, 17, 18 -> 4; // Integer, Float, refs, NameAndType, Dynamic
                case 5, 6 -> 8; // Long, Double: two slots
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            };
            out.write(in.readNBytes(size));
            if (tag == 5 || tag == 6) {
                i++;
            }
        }
        out.write(in.readAllBytes());
        out.flush();
        return bytes.toByteArray();
    }
}
