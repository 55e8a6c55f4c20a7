package io.switchboard.deployer.internal;

import java.util.function.IntConsumer;

/** Classes with each kind of exit, read as bytes by the tests (never run). */
final class Exits {

    private Exits() {
    }

    static final class Direct {
        void stop() {
            System.exit(3);
        }
    }

    static final class Halt {
        void stop() {
            Runtime.getRuntime().halt(3);
        }
    }

    static final class Reference {
        IntConsumer stop() {
            return System::exit;
        }
    }

    static final class Reflective {
        void stop() throws ReflectiveOperationException {
            System.class.getMethod("ex" + "it", int.class).invoke(null, 3);
        }
    }

    static byte[] bytes(Class<?> c) throws java.io.IOException {
        try (var in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
