package io.cognitivecdc.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the build put what the stack runs from: the Apicurio Registry distribution and the Connect plugin folders.
 *
 * <p>The build writes their absolute paths into {@code local-stack.properties}; the system properties
 * {@value #APICURIO_HOME_PROPERTY} and {@value #PLUGIN_PATH_PROPERTY} override them (for an installed distribution).
 */
public record LocalStackPaths(Path apicurioHome, Path connectPluginPath) {

    public static final String APICURIO_HOME_PROPERTY = "cognitivecdc.apicurio.home";
    public static final String PLUGIN_PATH_PROPERTY = "cognitivecdc.connect.plugin.path";

    /** The paths of this build, or of the system properties where set. */
    public static LocalStackPaths fromBuild() {
        Properties built = new Properties();
        try (InputStream in = LocalStackPaths.class.getResourceAsStream("local-stack.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read local-stack.properties", e);
        }
        return new LocalStackPaths(
                Path.of(System.getProperty(APICURIO_HOME_PROPERTY, built.getProperty("apicurio.home", "apicurio-registry"))),
                Path.of(System.getProperty(PLUGIN_PATH_PROPERTY, built.getProperty("connect.plugin.path", "plugins"))));
    }
}
