package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.benchmarks.JvmMemory;
import io.cognitivecdc.llm.local.LocalChatModel;
import io.cognitivecdc.llm.local.LocalChatModelFactory;
import io.cognitivecdc.llm.local.NearestNeighbourClassifier;

import java.util.Map;

/**
 * The three configurations of the local model the benchmark compares, created through the provider factory as a
 * pipeline would and warmed up (examples embedded and fitted) before anything is timed: labelled examples voted by
 * sentence (the default), by whole text, and the taxonomy's definitions only.
 */
final class FittedModels implements AutoCloseable {

    private final LocalChatModel sentenceKnn;
    private final LocalChatModel wholeTextKnn;
    private final LocalChatModel definitions;
    private final double fitSeconds;
    private final double residentReadyMb;

    private FittedModels(String examples) {
        LocalChatModelFactory factory = new LocalChatModelFactory();
        // Not preloaded: fitting happens in warmUp, where it is timed.
        this.sentenceKnn = (LocalChatModel) factory.create(Map.of(LocalChatModelFactory.EXAMPLES, examples,
                LocalChatModelFactory.PRELOAD, false));
        this.wholeTextKnn = (LocalChatModel) factory.create(Map.of(LocalChatModelFactory.EXAMPLES, examples,
                LocalChatModelFactory.VOTE_BY, "text", LocalChatModelFactory.PRELOAD, false));
        this.definitions = (LocalChatModel) factory.create(Map.of(LocalChatModelFactory.PRELOAD, false));
        long fitStart = System.nanoTime();
        sentenceKnn.warmUp();
        this.fitSeconds = Parallel.seconds(fitStart);
        wholeTextKnn.warmUp();
        definitions.warmUp();
        this.residentReadyMb = JvmMemory.residentMb();
    }

    /** Creates and fits the three models with the labelled examples at {@code examples}. */
    static FittedModels fit(String examples) {
        return new FittedModels(examples);
    }

    LocalChatModel sentenceKnn() {
        return sentenceKnn;
    }

    LocalChatModel wholeTextKnn() {
        return wholeTextKnn;
    }

    LocalChatModel definitions() {
        return definitions;
    }

    NearestNeighbourClassifier sentenceFit() {
        return sentenceKnn.neighbourClassifier().orElseThrow();
    }

    NearestNeighbourClassifier wholeTextFit() {
        return wholeTextKnn.neighbourClassifier().orElseThrow();
    }

    /** How long embedding and fitting the examples took for the sentence kNN. */
    double fitSeconds() {
        return fitSeconds;
    }

    /** Resident memory once the model was loaded and the examples fitted. */
    double residentReadyMb() {
        return residentReadyMb;
    }

    @Override
    public void close() {
        sentenceKnn.close();
        wholeTextKnn.close();
        definitions.close();
    }
}
