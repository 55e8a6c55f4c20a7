package io.switchboard.kernel.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking of secrets for everything the platform shows or logs: configuration reads, log lines that print a
 * configured URL or header, attempt histories. A value is masked where it carries a secret inside it (the password of
 * a URL's {@code user:password@}, a {@code password=} parameter of a JDBC URL or query, the value of an
 * {@code Authorization}, cookie, token or key header); a property whose name says it is secret is masked whole.
 */
public final class Secrets {

    /** What stands in for a secret. */
    public static final String MASK = "********";

    /** Property names that are secret as a whole. */
    private static final Pattern SECRET_NAME = Pattern.compile("password|passwd|secret|token|credential|apikey|api-key|api_key");
    /** {@code scheme://user:password@}: the password. */
    private static final Pattern USER_INFO = Pattern.compile("(://[^/?#@:\\s]*:)([^/?#@\\s]+)(@)");
    /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE = Pattern.compile("(?i)(:thin:[^/@\\s]*/)([^@\\s]+)(@)");
    /** {@code password=...} and kin in a query string or a JDBC URL ({@code ;} or {@code &} separated). */
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;:\\s])(?:password|passwd|pwd|secret|client_secret|access_token|token|api_?key|sig)=)([^&;\\s,]+)");
    /** A header line ({@code Name: value}) whose name says it carries a credential, alone or in a comma list. */
    private static final Pattern HEADER = Pattern.compile(
            "(?i)((?:^|,)\\s*(?:proxy-)?(?:authorization|cookie|set-cookie|[a-z0-9-]*(?:token|secret|password|api-?key|auth)[a-z0-9-]*)\\s*:\\s*)([^,]+)");

    private Secrets() {
    }

    /** True when a property of this name is secret as a whole ({@code password}, {@code apiToken}, ...). */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** The value with the secrets inside it masked; null stays null, a value without secrets is returned as is. */
    public static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String masked = replace(USER_INFO, value);
        masked = replace(ORACLE, masked);
        masked = replace(PARAMETER, masked);
        return replace(HEADER, masked);
    }

    /** The value as it may be shown: masked whole when its name is secret, else {@link #mask(String)}. */
    public static String mask(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSecretName(name) ? MASK : mask(value);
    }

    /** For log lines: any value's text, masked ({@code null} as "null"). */
    public static String masked(Object value) {
        return value == null ? "null" : mask(value.toString());
    }

    private static String replace(Pattern pattern, String value) {
        Matcher m = pattern.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        do {
            String tail = m.groupCount() >= 3 ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + MASK + tail));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
