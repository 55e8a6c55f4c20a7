package io.switchboard.http.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.util.converter.ConversionException;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

/**
 * The Java type of a metatype attribute and the conversion of a submitted text to it, through the OSGi standard
 * converter. The converter reads any text as a boolean (false) and takes the first character of any text as a
 * character, so those two are checked strictly here first: an operator's {@code "yes"} is refused, not stored as false.
 */
final class AttributeType {

    private static final Converter CONVERTER = Converters.standardConverter();

    private AttributeType() {
    }

    /** @return why the text is not a value of the attribute's type ("is not a whole number in range"), or null */
    static String misfit(AttributeDefinition ad, String text) {
        String v = text.trim();
        switch (ad.getType()) {
            case AttributeDefinition.CHARACTER -> {
                return v.length() == 1 ? null : "is not one character";
            }
            case AttributeDefinition.BOOLEAN -> {
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "is not true or false";
            }
            default -> {
                try {
                    CONVERTER.convert(v).to(javaType(ad.getType()));
                    return null;
                } catch (ConversionException e) {
                    return switch (ad.getType()) {
                        case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "is not a number";
                        default -> "is not a whole number in range";
                    };
                }
            }
        }
    }

    /**
     * The value Config Admin stores for checked texts: one value for cardinality 0, an array for a positive
     * cardinality, a list for a negative one (the metatype specification's convention).
     */
    static Object stored(AttributeDefinition ad, List<String> texts) {
        Class<?> type = javaType(ad.getType());
        List<String> trimmed = ad.getType() == AttributeDefinition.STRING || ad.getType() == AttributeDefinition.PASSWORD
                ? texts : texts.stream().map(String::trim).toList();
        if (ad.getCardinality() == 0) {
            return CONVERTER.convert(trimmed.get(0)).to(type);
        }
        if (ad.getCardinality() < 0) {
            List<Object> values = new ArrayList<>();
            trimmed.forEach(t -> values.add(CONVERTER.convert(t).to(type)));
            return values;
        }
        return CONVERTER.convert(trimmed).to(type.arrayType());
    }

    /** The boxed Java type Config Admin holds a value of the metatype type as. */
    static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }
}
