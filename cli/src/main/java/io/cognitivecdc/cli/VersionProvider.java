package io.cognitivecdc.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest, or "development" when run from class folders. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CognitiveCdc.class.getPackage().getImplementationVersion();
        return new String[] {"cognitive-cdc " + (version == null ? "development build" : version)};
    }
}
