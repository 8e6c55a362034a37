package io.cognitivecdc.localstack;

/** A component of the local stack failed to start or stop; the message names the component and the cause. */
public class StackComponentException extends RuntimeException {

    public StackComponentException(String component, String problem, Throwable cause) {
        super(component + ": " + problem + (cause == null ? "" : " (" + rootMessage(cause) + ")"), cause);
    }

    public StackComponentException(String component, String problem) {
        this(component, problem, null);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
