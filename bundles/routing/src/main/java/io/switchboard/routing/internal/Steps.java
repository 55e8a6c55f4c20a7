package io.switchboard.routing.internal;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** The steps route files can use. */
final class Steps {

    private Steps() {
    }

    /** A step with steps inside it. */
    interface Nesting {
        List<Pipeline> children();
    }

    /** {@code to}: sends the message to each target in turn (one is a plain send, several a multicast). */
    record To(List<Target> targets) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            for (Target t : targets) {
                t.send(x, out);
            }
            return true;
        }
    }

    /** {@code filter}: the nested steps run only for messages that match; the route goes on either way. */
    record Filter(Predicate<Exchange> predicate, Pipeline then) implements Step, Nesting {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            if (!predicate.test(x)) {
                return false;
            }
            then.run(x, out);
            return true;
        }

        @Override
        public List<Pipeline> children() {
            return List.of(then);
        }
    }

    /** One {@code when} of a choice. */
    record When(Predicate<Exchange> predicate, Pipeline then) {
    }

    /** {@code choice}: the steps of the first {@code when} that matches, else those of {@code otherwise}. */
    record Choice(List<When> whens, Pipeline otherwise) implements Step, Nesting {
        @Override
        public boolean run(Exchange x, Sender out) throws Exception {
            for (When w : whens) {
                if (w.predicate().test(x)) {
                    w.then().run(x, out);
                    return true;
                }
            }
            if (otherwise != null) {
                otherwise.run(x, out);
            }
            return true;
        }

        @Override
        public List<Pipeline> children() {
            List<Pipeline> all = new java.util.ArrayList<>(whens.stream().map(When::then).toList());
            if (otherwise != null) {
                all.add(otherwise);
            }
            return all;
        }
    }

    /** {@code setHeader}: a header from an expression. */
    record SetHeader(String name, Function<Exchange, Object> value) implements Step {
        @Override
        public boolean run(Exchange x, Sender out) {
            Object v = value.apply(x);
            if (v == null) {
                x.headers.remove(name);
            } else {
                x.headers.put(name, v instanceof Number || v instanceof Boolean ? v : v.toString());
            }
            return true;
        }
    }
}
