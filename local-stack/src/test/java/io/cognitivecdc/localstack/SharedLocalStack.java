package io.cognitivecdc.localstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalStack} for every integration test in the JVM: started by the first test class that asks for it and
 * stopped when the test run ends (through JUnit's root store), so every run stops what it started.
 */
public final class SharedLocalStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLocalStack.class);

    private static volatile LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> {
            LocalStack started = LocalStack.start(System.out::println);
            stack = started;
            return (ExtensionContext.Store.CloseableResource) started::close;
        });
    }

    /** The running stack; only valid in classes extended with {@code @ExtendWith(SharedLocalStack.class)}. */
    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedLocalStack.class)");
        }
        return stack;
    }
}
