package io.switchboard.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The PIDs and factory PIDs every bundle describes with a metatype, read through the MetaType service. */
final class MetaTypes {

    /** One described PID: its object class definition and the bundle that describes it. */
    record Described(String pid, boolean factory, Bundle bundle, ObjectClassDefinition ocd) {
    }

    private MetaTypes() {
    }

    /** Every described PID, by PID; empty without a MetaType service. */
    static Map<String, Described> all(BundleContext context, MetaTypeService metatype) {
        Map<String, Described> all = new LinkedHashMap<>();
        if (metatype == null) {
            return all;
        }
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            add(all, info, b, info.getPids(), false);
            add(all, info, b, info.getFactoryPids(), true);
        }
        return all;
    }

    /** The definition of a PID or factory PID, or null when no bundle describes it. */
    static Described find(BundleContext context, MetaTypeService metatype, String pid) {
        return all(context, metatype).get(pid);
    }

    private static void add(Map<String, Described> all, MetaTypeInformation info, Bundle b, String[] pids,
                            boolean factory) {
        if (pids == null) {
            return;
        }
        for (String pid : pids) {
            try {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                if (ocd != null) {
                    all.putIfAbsent(pid, new Described(pid, factory, b, ocd));
                }
            } catch (IllegalArgumentException e) {
                // a metatype that names a PID without a definition for it describes nothing usable
            }
        }
    }
}
