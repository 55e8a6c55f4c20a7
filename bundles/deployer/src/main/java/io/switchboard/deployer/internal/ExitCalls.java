package io.switchboard.deployer.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Finds the calls in a class file that end the JVM: {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt}, called directly or taken as a method reference ({@code System::exit}). Java 17+ has no
 * working way left to stop them at run time (the security manager is deprecated for removal), so a bundle that
 * contains one is refused before it is installed. Only the constant pool is read: every call site and method handle
 * names its method there. Reaching the method by reflection ({@code getMethod("exit", int.class)}) is not a call
 * and is not found; see {@link BundleDeployer} for what stands behind that.
 */
final class ExitCalls {

    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;

    private ExitCalls() {
    }

    /**
     * @return {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} when the class calls one, else null
     * @throws IOException when the bytes are not a class file this reader understands
     */
    static String find(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case UTF8 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();                          // Integer, Float
                case 5, 6 -> {                                      // Long, Double take two slots
                    in.readLong();
                    i++;
                }
                case CLASS, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                case 9, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {                                        // MethodHandle: kind, reference
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        try {
            return firstExit(tags, utf8, first, second);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IOException("a constant pool index out of range");
        }
    }

    private static String firstExit(int[] tags, String[] utf8, int[] first, int[] second) {
        for (int i = 1; i < tags.length; i++) {
            if (tags[i] == METHODREF || tags[i] == INTERFACE_METHODREF) {
                String owner = name(utf8, tags, first, first[i]);
                String method = tags[second[i]] == NAME_AND_TYPE ? utf8[first[second[i]]] : null;
                String found = exit(owner, method);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String name(String[] utf8, int[] tags, int[] first, int classIndex) {
        return tags[classIndex] == CLASS ? utf8[first[classIndex]] : null;
    }

    private static String exit(String owner, String method) {
        if ("java/lang/System".equals(owner) && "exit".equals(method)) {
            return "System.exit";
        }
        if ("java/lang/Runtime".equals(owner) && ("exit".equals(method) || "halt".equals(method))) {
            return "Runtime." + method;
        }
        return null;
    }
}
