package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.benchmarks.VisitNotes;
import io.cognitivecdc.llm.local.LabelledExamples;
import io.cognitivecdc.llm.local.LocalChatModel;
import io.cognitivecdc.llm.local.MiniLmEmbedder;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code cognitive-cdc bench local-models}: throughput, accuracy and memory of the local model
 * ({@code local/all-minilm-l6-v2}) on held-out clinic visit notes ({@link VisitNotes#heldOut}), every call going
 * through {@link LocalChatModel#complete}:
 * <ul>
 *   <li>embeddings per second (batches of 32 by similar length);</li>
 *   <li>classification of the visit type with the shipped labelled examples (k-nearest-neighbour vote of the
 *       sentences, the default; and of whole texts, for comparison), and with the taxonomy's definitions only:
 *       rows per second on 1 and 2 threads, accuracy against the labels, mean confidence and expected calibration
 *       error;</li>
 *   <li>extractive summaries within {@code max_length} (every other row with a focus): rows per second on 1 and
 *       2 threads;</li>
 *   <li>heap used after a full GC and resident memory of this JVM.</li>
 * </ul>
 * The last line is {@code RESULT classify_rows_per_s=… summarize_rows_per_s=… accuracy_knn=… accuracy_definitions=…
 * rss_mb=… heap_mb=…}, throughputs from the run with the most threads.
 */
public final class LocalModelBenchmark {

    /** Notes embedded before timing, so that ONNX Runtime's first-call set-up is not in the rate. */
    private static final int WARM_UP_NOTES = 64;

    private LocalModelBenchmark() {
    }

    /** Runs the benchmark, printing the table and the RESULT line; returns 0, or 1 if an answer was invalid. */
    public static int run(LocalModelOptions options, PrintStream out) {
        offlineUnlessSet();
        List<VisitNotes.Note> notes = VisitNotes.heldOut(options.rows());
        out.printf(Locale.ROOT, "Local model benchmark: %s, %d held-out visit notes (seed %d), %d cores, Java %s%n",
                LocalChatModel.ID, notes.size(), VisitNotes.HELD_OUT_SEED,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        long loadStart = System.nanoTime();
        try (MiniLmEmbedder embedder = MiniLmEmbedder.acquire()) {
            LocalModelReport.Embedding embedding = embed(embedder, notes, Parallel.seconds(loadStart));
            LabelledExamples examples = LabelledExamples.load(options.examples());
            try (FittedModels models = FittedModels.fit(options.examples())) {
                Measured measured = Measured.run(models, notes, options);
                new LocalModelReport(out).print(embedding, examples, models, measured);
                return measured.invalid() == 0 ? 0 : 1;
            }
        }
    }

    private static LocalModelReport.Embedding embed(MiniLmEmbedder embedder, List<VisitNotes.Note> notes,
                                                    double loadSeconds) {
        List<String> texts = notes.stream().map(VisitNotes.Note::text).toList();
        embedder.embed(texts.subList(0, Math.min(WARM_UP_NOTES, texts.size())));
        long start = System.nanoTime();
        MiniLmEmbedder.Embeddings embedded = embedder.embedAll(texts);
        return new LocalModelReport.Embedding(loadSeconds, texts.size() / Parallel.seconds(start),
                (double) embedded.totalTokens() / texts.size());
    }

    /** DJL must not go online, nor pick a GPU build of the tokenizers; the launcher sets both, tests may not. */
    private static void offlineUnlessSet() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
            System.setProperty("RUST_FLAVOR", "cpu");
        }
    }
}
