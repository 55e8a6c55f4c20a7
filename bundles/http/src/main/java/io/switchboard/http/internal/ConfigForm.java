package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.Secrets;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * What the configuration API makes of a PID's metatype: the form it describes, which values are secret, and the
 * check of submitted values (type, options, {@link AttributeDefinition#validate}, required). Without a metatype every
 * value is a string and only the secret names are masked.
 */
final class ConfigForm {

    static final String MASK = Secrets.MASK;
    /** Properties the platform sets itself; never shown as values, never taken from a request. */
    static final Set<String> INTERNAL = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", "switchboard.deploy.file", "switchboard.feature");

    private final ObjectClassDefinition ocd;
    private final Map<String, AttributeDefinition> byId = new LinkedHashMap<>();

    ConfigForm(ObjectClassDefinition ocd) {
        this.ocd = ocd;
        AttributeDefinition[] all = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (all != null) {
            Arrays.stream(all).forEach(ad -> byId.put(ad.getID(), ad));
        }
    }

    /** A submitted value the form refuses; the message names the field. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        Invalid(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }
    }

    boolean described() {
        return ocd != null;
    }

    boolean isSecret(String key) {
        AttributeDefinition ad = byId.get(key);
        return (ad != null && ad.getType() == AttributeDefinition.PASSWORD) || Secrets.isSecretName(key);
    }

    /** The form: the object class's name and description and one entry per attribute. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", ocd.getName());
        m.put("description", ocd.getDescription());
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (AttributeDefinition ad : byId.values()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", ad.getID());
            a.put("name", ad.getName());
            a.put("description", ad.getDescription());
            a.put("type", typeName(ad.getType()));
            a.put("cardinality", ad.getCardinality());
            boolean secret = isSecret(ad.getID());
            a.put("default", secret && ad.getDefaultValue() != null ? MASK : shown(ad.getDefaultValue()));
            a.put("options", options(ad));
            a.put("required", required.contains(ad.getID()));
            a.put("secret", secret);
            attributes.add(a);
        }
        m.put("attributes", attributes);
        return m;
    }

    /**
     * The current values, secrets masked: {@code {"value": ..., "secret": true}} for a secret property, else the value
     * with the secrets inside it masked ({@link Secrets#mask(String)}: a URL's password, a bearer token in a header).
     */
    Map<String, Object> values(Map<String, Object> properties) {
        Map<String, Object> values = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (INTERNAL.contains(k)) {
                return;
            }
            values.put(k, isSecret(k) ? Map.of("value", MASK, "secret", true) : shown(v));
        });
        return values;
    }

    /** A value as a read shows it: arrays as lists, strings with their secrets masked. */
    static Object shown(Object v) {
        Object plain = v != null && v.getClass().isArray() ? arrayToList(v) : v;
        if (plain instanceof String text) {
            return Secrets.mask(text);
        }
        if (plain instanceof Collection<?> items) {
            return items.stream().map(i -> i instanceof String t ? Secrets.mask(t) : i).toList();
        }
        return plain;
    }

    /** True when a submitted value is what a read showed of the current one, secrets masked: nothing was changed. */
    private static boolean sentBackMasked(JsonNode value, Object current) {
        Object shown = shown(current);
        if (current == null || Objects.equals(comparable(current), shown)) {
            return false; // nothing was masked: the value is compared and taken as usual
        }
        if (shown instanceof String text) {
            return value.isTextual() && value.asText().equals(text);
        }
        if (shown instanceof List<?> items && value.isArray() && value.size() == items.size()) {
            for (int i = 0; i < items.size(); i++) {
                if (!value.get(i).asText().equals(String.valueOf(items.get(i)))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The properties to store from a submitted object (replacing the current ones). A secret sent back as the mask
     * keeps its stored value; null or "" leaves the property out (its default applies).
     *
     * @param typed true for Config Admin (values of the metatype's types), false for a {@code .cfg} file (strings)
     * @throws Invalid naming the first field that does not fit
     */
    Map<String, Object> check(JsonNode body, Map<String, Object> current, boolean typed) throws Invalid {
        Map<String, Object> out = new TreeMap<>();
        for (var it = body.fields(); it.hasNext(); ) {
            var field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (INTERNAL.contains(key) || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
                continue;
            }
            if ((isSecret(key) && value.isTextual() && value.asText().equals(MASK))
                    || sentBackMasked(value, current.get(key))) {
                if (current.get(key) != null) {
                    out.put(key, current.get(key));
                }
                continue;
            }
            List<String> items = strings(key, value);
            if (items.stream().anyMatch(i -> i.contains(MASK)) && String.valueOf(shown(current.get(key))).contains(MASK)) {
                // an edited value around a masked secret would store the mask as the secret
                throw new Invalid(key, "holds the masked secret " + MASK + " but is not the value as read: send it with "
                        + "its secret written out, or unchanged");
            }
            AttributeDefinition ad = byId.get(key);
            if (ad == null) {
                out.put(key, value.isArray() ? (typed ? items.toArray(String[]::new) : String.join(",", items))
                        : items.get(0));
                continue;
            }
            if (ad.getCardinality() == 0 && items.size() != 1) {
                throw new Invalid(key, "takes one value, not " + items.size());
            }
            if (Math.abs(ad.getCardinality()) > 0 && items.size() > Math.abs(ad.getCardinality())
                    && ad.getCardinality() != Integer.MAX_VALUE && ad.getCardinality() != Integer.MIN_VALUE) {
                throw new Invalid(key, "takes at most " + Math.abs(ad.getCardinality()) + " values");
            }
            for (String item : items) {
                String problem = problem(ad, item);
                if (problem != null) {
                    throw new Invalid(key, "'" + item + "' " + problem);
                }
            }
            out.put(key, typed ? AttributeType.stored(ad, items) : String.join(",", items));
        }
        for (AttributeDefinition ad : orEmpty(ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED))) {
            boolean hasDefault = ad.getDefaultValue() != null && ad.getDefaultValue().length > 0;
            if (!out.containsKey(ad.getID()) && !hasDefault) {
                throw new Invalid(ad.getID(), "is required");
            }
        }
        return out;
    }

    private static List<String> strings(String key, JsonNode value) throws Invalid {
        List<String> items = new ArrayList<>();
        for (JsonNode n : value.isArray() ? value : List.of(value)) {
            if (n.isContainerNode()) {
                throw new Invalid(key, "a value is a string, number, boolean or an array of those");
            }
            items.add(n.asText());
        }
        if (items.isEmpty()) {
            throw new Invalid(key, "an empty array; send null to remove the value");
        }
        return items;
    }

    /** @return why the value does not fit the attribute ("is not a whole number in range"), or null */
    static String problem(AttributeDefinition ad, String value) {
        String misfit = AttributeType.misfit(ad, value);
        if (misfit != null) {
            return misfit;
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && !Arrays.asList(options).contains(value)) {
            return "is not one of " + Arrays.toString(options);
        }
        String verdict = ad.validate(value);
        return verdict == null || verdict.isEmpty() ? null : "is refused: " + verdict;
    }

    private static Map<String, String> options(AttributeDefinition ad) {
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values == null || values.length == 0) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(values[i], labels != null && i < labels.length ? labels[i] : values[i]);
        }
        return m;
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "STRING";
            case AttributeDefinition.LONG -> "LONG";
            case AttributeDefinition.INTEGER -> "INTEGER";
            case AttributeDefinition.SHORT -> "SHORT";
            case AttributeDefinition.CHARACTER -> "CHARACTER";
            case AttributeDefinition.BYTE -> "BYTE";
            case AttributeDefinition.DOUBLE -> "DOUBLE";
            case AttributeDefinition.FLOAT -> "FLOAT";
            case AttributeDefinition.BOOLEAN -> "BOOLEAN";
            case AttributeDefinition.PASSWORD -> "PASSWORD";
            default -> "TYPE-" + type;
        };
    }

    static Object arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    /** Collections and arrays as lists, so two property maps compare by content. */
    static Object comparable(Object v) {
        if (v != null && v.getClass().isArray()) {
            return arrayToList(v);
        }
        return v instanceof Collection<?> c ? new ArrayList<>(c) : v;
    }

    private static Set<String> ids(AttributeDefinition[] ads) {
        return Arrays.stream(orEmpty(ads)).map(AttributeDefinition::getID).collect(java.util.stream.Collectors.toSet());
    }

    private static AttributeDefinition[] orEmpty(AttributeDefinition[] ads) {
        return ads == null ? new AttributeDefinition[0] : ads;
    }
}
