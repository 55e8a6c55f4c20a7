package io.switchboard.deployer.internal;

import java.io.File;
import java.io.IOException;
import java.util.Dictionary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Applies {@code .cfg}/{@code .config} files through Config Admin. Values are checked against the PID's metatype
 * when a bundle declares one, so {@code port = abc} is refused with the line named instead of breaking the
 * component; a refused file leaves the configuration that was applied before untouched. A configuration the
 * component itself refuses when it activates is FAILED with the component's reason ({@link ComponentVerdict}).
 */
final class ConfigDeployer {

    static final String KIND = "configuration";
    /** Marks a configuration as coming from a file, so deleting the file deletes exactly it. */
    static final String SOURCE = "switchboard.deploy.file";

    private final BundleContext context;
    private final ConfigurationAdmin cm;
    private final MetaTypeService metatype;
    private final DeploymentLog log;
    private final ComponentVerdict verdict;

    ConfigDeployer(BundleContext context, ConfigurationAdmin cm, MetaTypeService metatype, DeploymentLog log,
                   ComponentVerdict verdict) {
        this.context = context;
        this.cm = cm;
        this.metatype = metatype;
        this.log = log;
        this.verdict = verdict;
    }

    void deploy(File file, String name) {
        ConfigFile target;
        Dictionary<String, Object> props;
        try {
            target = ConfigFile.named(file);
            props = ConfigFile.read(file);
            validate(target, props, file);
        } catch (ConfigFile.InvalidFile e) {
            String applied = log.get(name) == null ? null : log.get(name).target();
            log.failed(name, KIND, e.getMessage() + (applied == null ? "" : "; the configuration applied before stays"),
                    applied);
            return;
        }
        props.put(SOURCE, file.toURI().toString());
        try {
            Configuration c = target.factoryPid == null
                    ? cm.getConfiguration(target.pid, "?")
                    : cm.getFactoryConfiguration(target.factoryPid, target.name, "?");
            Dictionary<String, Object> before = c.getProperties();
            c.updateIfDifferent(props);
            String refusal = verdict.refusal(c.getPid(), target.factoryPid == null ? target.pid : target.factoryPid,
                    props, before != null);
            if (refusal == null) {
                log.deployed(name, KIND, target.label());
            } else if (before == null) {
                c.delete();
                log.failed(name, KIND, refusal, null);
            } else {
                // the component refused it: the one it ran with before comes back, as for a file refused unread
                c.update(before);
                log.failed(name, KIND, refusal + "; the configuration applied before stays", target.label());
            }
        } catch (IOException e) {
            log.failed(name, KIND, "Config Admin refused it: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void undeploy(File file, String name) {
        String filter = "(" + SOURCE + "=" + escape(file.toURI().toString()) + ")";
        try {
            Configuration[] found = cm.listConfigurations(filter);
            String pid = found == null ? null : found[0].getPid();  // before delete(): a deleted one has no PID
            if (found != null) {
                for (Configuration c : found) {
                    c.delete();
                }
            }
            log.removed(name, pid == null ? null : "configuration " + pid + " deleted");
        } catch (IOException | InvalidSyntaxException e) {
            log.failed(name, KIND, "delete failed: " + e.getMessage(), null);
        }
    }

    private void validate(ConfigFile target, Dictionary<String, Object> props, File file)
            throws ConfigFile.InvalidFile {
        ObjectClassDefinition ocd = definition(target);
        if (ocd == null) {
            return;
        }
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (ads == null) {
            return;
        }
        for (AttributeDefinition ad : ads) {
            Object value = props.get(ad.getID());
            if (value == null) {
                continue;
            }
            String problem = check(ad, value.toString());
            if (problem != null) {
                int line = ConfigFile.lineOf(file, ad.getID());
                throw new ConfigFile.InvalidFile((line > 0 ? "line " + line + ": " : "") + ad.getID() + " = '"
                        + value + "': " + problem);
            }
        }
    }

    /** @return why the value does not fit the attribute, or null */
    static String check(AttributeDefinition ad, String value) {
        if (ad.getCardinality() == 0) {
            try {
                switch (ad.getType()) {
                    case AttributeDefinition.INTEGER -> Integer.parseInt(value.trim());
                    case AttributeDefinition.LONG -> Long.parseLong(value.trim());
                    case AttributeDefinition.SHORT -> Short.parseShort(value.trim());
                    case AttributeDefinition.BYTE -> Byte.parseByte(value.trim());
                    case AttributeDefinition.DOUBLE -> Double.parseDouble(value.trim());
                    case AttributeDefinition.FLOAT -> Float.parseFloat(value.trim());
                    case AttributeDefinition.BOOLEAN -> {
                        if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                            return "expected true or false";
                        }
                    }
                    default -> { }
                }
            } catch (NumberFormatException e) {
                return "expected " + typeName(ad.getType());
            }
        }
        String verdict = ad.validate(value);
        return verdict == null || verdict.isEmpty() ? null : verdict;
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "a whole number";
            case AttributeDefinition.LONG -> "a whole number";
            default -> "a number";
        };
    }

    private ObjectClassDefinition definition(ConfigFile target) {
        if (metatype == null) {
            return null;
        }
        String pid = target.factoryPid == null ? target.pid : target.factoryPid;
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            if (contains(info.getPids(), pid) || contains(info.getFactoryPids(), pid)) {
                try {
                    return info.getObjectClassDefinition(pid, null);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean contains(String[] values, String wanted) {
        if (values != null) {
            for (String v : values) {
                if (v.equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

}
