package io.cognitivecdc.settings;

/**
 * One thing wrong with a pipeline definition.
 *
 * @param path    where in the definition, e.g. {@code steps[1].taxonomy[0].definition}
 * @param message what is wrong, and the fix where there is an obvious one
 */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
