package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.benchmarks.JvmMemory;
import io.cognitivecdc.llm.local.LabelledExamples;
import io.cognitivecdc.llm.local.MiniLmEmbedder;
import io.cognitivecdc.llm.local.NearestNeighbourClassifier;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The output of {@code bench local-models}: model facts, the table, memory, and the RESULT line last. */
final class LocalModelReport {

    /**
     * How fast the embedder is.
     *
     * @param loadSeconds   loading the model
     * @param perSecond     notes embedded per second, in batches sorted by length
     * @param tokensPerNote mean tokens of a note
     */
    record Embedding(double loadSeconds, double perSecond, double tokensPerNote) {
    }

    private final PrintStream out;

    LocalModelReport(PrintStream out) {
        this.out = out;
    }

    void print(Embedding embedding, LabelledExamples examples, FittedModels models, Measured measured) {
        double heapMb = JvmMemory.heapAfterGcMb();
        double rssMb = JvmMemory.residentMb();
        double peakRssMb = JvmMemory.procStatusMb("VmHWM");
        printModels(embedding, examples, models);
        out.println();
        out.printf(Locale.ROOT, "%-38s %7s %10s  %s%n", "task", "threads", "rows/s", "quality");
        for (Measured.Row row : measured.rows()) {
            out.printf(Locale.ROOT, "%-38s %7d %10.1f  %s%n", row.task(), row.threads(), row.rowsPerS(), row.quality());
        }
        out.println();
        out.printf(Locale.ROOT, "per visit type, sentence kNN:   %s%n", measured.sentenceKnn().perCategory());
        out.printf(Locale.ROOT, "per visit type, whole-text kNN: %s%n", measured.wholeTextKnn().perCategory());
        out.printf(Locale.ROOT, "per visit type, definitions:    %s%n", measured.definitions().perCategory());
        out.printf(Locale.ROOT, "heap used after GC            %.0f MiB (committed %d MiB, max %d MiB)%n", heapMb,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "resident memory               %.0f MiB (peak %.0f MiB; %.0f MiB once the model was "
                + "loaded and the examples fitted)%n", rssMb, peakRssMb, models.residentReadyMb());
        if (measured.invalid() > 0) {
            out.println("INVALID answers: " + measured.invalid());
        }
        out.printf(Locale.ROOT, "RESULT classify_rows_per_s=%.1f summarize_rows_per_s=%.1f accuracy_knn=%.3f "
                        + "accuracy_definitions=%.3f rss_mb=%.0f heap_mb=%.0f%n",
                measured.sentenceKnn().rowsPerS(), measured.summary().rowsPerS(), measured.sentenceKnn().accuracy(),
                measured.definitions().accuracy(), rssMb, heapMb);
    }

    private void printModels(Embedding embedding, LabelledExamples examples, FittedModels models) {
        NearestNeighbourClassifier sentence = models.sentenceFit();
        NearestNeighbourClassifier wholeText = models.wholeTextFit();
        out.println();
        out.printf(Locale.ROOT, "model load                    %.2f s%n", embedding.loadSeconds());
        out.printf(Locale.ROOT, "embeddings                    %.0f /s (batch %d by length, %.0f tokens/note)%n",
                embedding.perSecond(), MiniLmEmbedder.BATCH_SIZE, embedding.tokensPerNote());
        out.printf(Locale.ROOT, "labelled examples             %d rows, %s%n", examples.size(), examples.source());
        out.printf(Locale.ROOT, "  sentence kNN                embedded and fitted in %.1f s: k=%d, leave-one-out "
                        + "accuracy %.3f on %d, confidence temperature %.3g%n", models.fitSeconds(), sentence.k(),
                sentence.leaveOneOutAccuracy(), sentence.fitSample(), sentence.fittedTemperature());
        out.printf(Locale.ROOT, "  whole-text kNN              k=%d, leave-one-out accuracy %.3f on %d, "
                        + "confidence temperature %.3g%n", wholeText.k(), wholeText.leaveOneOutAccuracy(),
                wholeText.fitSample(), wholeText.fittedTemperature());
    }
}
