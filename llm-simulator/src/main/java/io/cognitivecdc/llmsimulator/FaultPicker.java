package io.cognitivecdc.llmsimulator;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides which fault, if any, a request gets: a per-row trigger in the first user message wins; otherwise one draw
 * from the seeded generator against the configured rates. Faults that cannot apply to the task type (a long summary
 * for a classification) count as no fault.
 */
final class FaultPicker {

    private final AtomicReference<FaultSettings> settings;
    private final Random random;

    FaultPicker(FaultSettings initial, Random random) {
        this.settings = new AtomicReference<>(initial);
        this.random = random;
    }

    FaultSettings settings() {
        return settings.get();
    }

    void update(FaultSettings newSettings) {
        settings.set(newSettings);
    }

    Optional<Fault> pick(CompletionRequest request) {
        FaultSettings current = settings.get();
        String taskType = request.taskType();
        for (Triggers.Trigger trigger : Triggers.find(request.firstUserContent())) {
            boolean attemptMatches = trigger.attempts() < 0
                    ? current.appliesToAttempt(request.attempt())
                    : request.attempt() <= trigger.attempts();
            if (attemptMatches && trigger.fault().appliesTo(taskType)) {
                return Optional.of(trigger.fault());
            }
        }
        if (current.rates().isEmpty() || !current.appliesToAttempt(request.attempt())) {
            return Optional.empty();
        }
        double draw = random.nextDouble();
        double cumulative = 0;
        for (var rate : current.rates().entrySet()) {
            cumulative += rate.getValue();
            if (draw < cumulative) {
                return rate.getKey().appliesTo(taskType) ? Optional.of(rate.getKey()) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
