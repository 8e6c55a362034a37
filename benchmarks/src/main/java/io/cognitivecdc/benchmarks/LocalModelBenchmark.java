package io.cognitivecdc.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.ResponseSchema;
import io.cognitivecdc.llm.local.LabelledExamples;
import io.cognitivecdc.llm.local.LocalChatModel;
import io.cognitivecdc.llm.local.LocalChatModelFactory;
import io.cognitivecdc.llm.local.MiniLmEmbedder;
import io.cognitivecdc.llm.local.NearestNeighbourClassifier;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Throughput, accuracy and memory of the local model ({@code local/all-minilm-l6-v2}) on held-out clinic visit notes
 * ({@link VisitNotes#heldOut}), every call going through {@link LocalChatModel#complete}:
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
 *
 * <p>Usage: {@code LocalModelBenchmark [--quick] [--rows N] [--threads N] [--examples LOCATION] [--max-length N]};
 * run with {@code -Dai.djl.offline=true} and {@code RUST_FLAVOR=cpu} (set here too when missing).
 */
public final class LocalModelBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOCUS = "medication changes and follow-up plan";

    /**
     * Options.
     *
     * @param rows      held-out notes to classify and summarise (default 1,000; {@code --quick} 200)
     * @param threads   most caller threads (runs 1 and this many; default 2)
     * @param examples  labelled examples location (default the shipped visit-type examples)
     * @param maxLength summary {@code max_length} (default 120)
     */
    public record Options(int rows, int threads, String examples, int maxLength) {

        public static final int DEFAULT_ROWS = 1_000;
        public static final int QUICK_ROWS = 200;

        public static Options defaults() {
            return new Options(DEFAULT_ROWS, 2, LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES, 120);
        }

        /** Parses command-line arguments; throws IllegalArgumentException with a usage message. */
        public static Options parse(String... args) {
            Options options = defaults();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--quick" -> options = new Options(QUICK_ROWS, options.threads, options.examples,
                            options.maxLength);
                    case "--rows" -> options = new Options(positive(arg, value(args, ++i)), options.threads,
                            options.examples, options.maxLength);
                    case "--threads" -> options = new Options(options.rows, positive(arg, value(args, ++i)),
                            options.examples, options.maxLength);
                    case "--examples" -> options = new Options(options.rows, options.threads, value(args, ++i),
                            options.maxLength);
                    case "--max-length" -> options = new Options(options.rows, options.threads, options.examples,
                            positive(arg, value(args, ++i)));
                    default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                }
            }
            return options;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
            }
            return args[i];
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a whole number > 0, not " + value + "\n" + USAGE);
        }
    }

    static final String USAGE = "usage: bench local-models [--quick] [--rows N] [--threads N] [--examples LOCATION] "
            + "[--max-length N]";

    private LocalModelBenchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    /** Runs the benchmark, printing the table and the RESULT line; returns 0, or 1 if an answer was invalid. */
    public static int run(Options options, PrintStream out) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
            System.setProperty("RUST_FLAVOR", "cpu");
        }
        List<VisitNotes.Note> notes = VisitNotes.heldOut(options.rows());
        List<String> texts = notes.stream().map(VisitNotes.Note::text).toList();
        int[] threadCounts = options.threads() == 1 ? new int[]{1} : new int[]{1, options.threads()};
        out.printf(Locale.ROOT, "Local model benchmark: %s, %d held-out visit notes (seed %d), %d cores, Java %s%n",
                LocalChatModel.ID, notes.size(), VisitNotes.HELD_OUT_SEED,
                Runtime.getRuntime().availableProcessors(), Runtime.version());

        long loadStart = System.nanoTime();
        try (MiniLmEmbedder embedder = MiniLmEmbedder.acquire()) {
            double loadS = seconds(loadStart);
            embedder.embed(texts.subList(0, Math.min(64, texts.size()))); // warm ONNX Runtime up
            long embedStart = System.nanoTime();
            MiniLmEmbedder.Embeddings embedded = embedder.embedAll(texts);
            double embeddingsPerS = texts.size() / seconds(embedStart);
            double tokensPerNote = (double) embedded.totalTokens() / texts.size();

            LabelledExamples examples = LabelledExamples.load(options.examples());
            Map<String, Object> knnSettings = Map.of(LocalChatModelFactory.EXAMPLES, options.examples(),
                    LocalChatModelFactory.PRELOAD, false);
            Map<String, Object> wholeTextSettings = Map.of(LocalChatModelFactory.EXAMPLES, options.examples(),
                    LocalChatModelFactory.VOTE_BY, "text", LocalChatModelFactory.PRELOAD, false);
            Map<String, Object> definitionSettings = Map.of(LocalChatModelFactory.PRELOAD, false);
            int invalid = 0;
            try (LocalChatModel knn = (LocalChatModel) new LocalChatModelFactory().create(knnSettings);
                 LocalChatModel wholeText = (LocalChatModel) new LocalChatModelFactory().create(wholeTextSettings);
                 LocalChatModel definitions = (LocalChatModel) new LocalChatModelFactory().create(definitionSettings)) {
                long fitStart = System.nanoTime();
                knn.warmUp();
                double fitS = seconds(fitStart);
                NearestNeighbourClassifier fitted = knn.neighbourClassifier().orElseThrow();
                wholeText.warmUp();
                NearestNeighbourClassifier fittedWholeText = wholeText.neighbourClassifier().orElseThrow();
                definitions.warmUp();
                long rssReadyMb = procStatusMb("VmRSS");

                List<Row> rows = new ArrayList<>();
                Classified knnResult = null;
                Classified definitionResult = null;
                Summarized summaryResult = null;
                for (int threads : threadCounts) {
                    knnResult = classify(knn, notes, threads);
                    rows.add(new Row("classify, examples, sentence kNN", threads, knnResult.rowsPerS(),
                            knnResult.describe()));
                    invalid += knnResult.invalid();
                }
                Classified wholeTextResult = classify(wholeText, notes, options.threads());
                rows.add(new Row("classify, examples, whole-text kNN", options.threads(), wholeTextResult.rowsPerS(),
                        wholeTextResult.describe()));
                invalid += wholeTextResult.invalid();
                for (int threads : threadCounts) {
                    definitionResult = classify(definitions, notes, threads);
                    rows.add(new Row("classify, definitions only", threads, definitionResult.rowsPerS(),
                            definitionResult.describe()));
                    invalid += definitionResult.invalid();
                }
                for (int threads : threadCounts) {
                    summaryResult = summarize(knn, notes, threads, options.maxLength());
                    rows.add(new Row("summarize (max_length " + options.maxLength() + ")", threads,
                            summaryResult.rowsPerS(), summaryResult.describe()));
                    invalid += summaryResult.invalid();
                }

                long heapMb = heapAfterGcMb();
                long rssMb = procStatusMb("VmRSS");
                long peakRssMb = procStatusMb("VmHWM");

                out.println();
                out.printf(Locale.ROOT, "model load                    %.2f s%n", loadS);
                out.printf(Locale.ROOT, "embeddings                    %.0f /s (batch %d by length, %.0f tokens/note)%n",
                        embeddingsPerS, MiniLmEmbedder.BATCH_SIZE, tokensPerNote);
                out.printf(Locale.ROOT, "labelled examples             %d rows, %s%n", examples.size(),
                        examples.source());
                out.printf(Locale.ROOT, "  sentence kNN                embedded and fitted in %.1f s: k=%d, leave-one-out "
                                + "accuracy %.3f on %d, confidence temperature %.3g%n",
                        fitS, fitted.k(), fitted.leaveOneOutAccuracy(), fitted.fitSample(),
                        fitted.fittedTemperature());
                out.printf(Locale.ROOT, "  whole-text kNN              k=%d, leave-one-out accuracy %.3f on %d, "
                                + "confidence temperature %.3g%n",
                        fittedWholeText.k(), fittedWholeText.leaveOneOutAccuracy(), fittedWholeText.fitSample(),
                        fittedWholeText.fittedTemperature());
                out.println();
                out.printf(Locale.ROOT, "%-38s %7s %10s  %s%n", "task", "threads", "rows/s", "quality");
                for (Row row : rows) {
                    out.printf(Locale.ROOT, "%-38s %7d %10.1f  %s%n", row.task(), row.threads(), row.rowsPerS(),
                            row.quality());
                }
                out.println();
                out.printf(Locale.ROOT, "per visit type, sentence kNN:   %s%n", knnResult.perCategory());
                out.printf(Locale.ROOT, "per visit type, whole-text kNN: %s%n", wholeTextResult.perCategory());
                out.printf(Locale.ROOT, "per visit type, definitions:    %s%n", definitionResult.perCategory());
                out.printf(Locale.ROOT, "heap used after GC            %d MiB (committed %d MiB, max %d MiB)%n", heapMb,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                out.printf(Locale.ROOT, "resident memory               %d MiB (peak %d MiB; %d MiB once the model was "
                        + "loaded and the examples fitted)%n", rssMb, peakRssMb, rssReadyMb);
                if (invalid > 0) {
                    out.println("INVALID answers: " + invalid);
                }
                out.printf(Locale.ROOT, "RESULT classify_rows_per_s=%.1f summarize_rows_per_s=%.1f accuracy_knn=%.3f "
                                + "accuracy_definitions=%.3f rss_mb=%d heap_mb=%d%n",
                        knnResult.rowsPerS(), summaryResult.rowsPerS(), knnResult.accuracy(),
                        definitionResult.accuracy(), rssMb, heapMb);
            }
            return invalid == 0 ? 0 : 1;
        }
    }

    private record Row(String task, int threads, double rowsPerS, String quality) {
    }

    /** Results of classifying every note. */
    record Classified(double rowsPerS, double accuracy, double meanConfidence, double calibrationError,
                      Map<String, int[]> byCategory, int invalid) {

        String describe() {
            return String.format(Locale.ROOT, "accuracy %.3f, mean confidence %.3f, calibration error %.3f",
                    accuracy, meanConfidence, calibrationError);
        }

        String perCategory() {
            StringBuilder out = new StringBuilder();
            byCategory.forEach((category, counts) -> out.append(String.format(Locale.ROOT, "%s %d/%d  ", category,
                    counts[0], counts[1])));
            return out.toString().strip();
        }
    }

    /** Results of summarising every note. */
    record Summarized(double rowsPerS, double meanLength, double meanSourceLength, int cut, int invalid) {

        String describe() {
            return String.format(Locale.ROOT, "mean length %.0f of %.0f chars, %d cut with an ellipsis, all within "
                    + "max_length: %s", meanLength, meanSourceLength, cut, invalid == 0 ? "yes" : "NO");
        }
    }

    static Classified classify(LocalChatModel model, List<VisitNotes.Note> notes, int threads) {
        String[] categories = new String[notes.size()];
        double[] confidences = new double[notes.size()];
        AtomicInteger invalid = new AtomicInteger();
        double seconds = timed(threads, notes.size(), i -> {
            ChatResponse response = model.complete(classifyRequest(notes.get(i).text(), i));
            JsonNode answer = parse(response.content());
            categories[i] = answer.path("category").asText();
            confidences[i] = answer.path("confidence").asDouble(-1);
            if (!VisitNotes.DEFINITIONS.containsKey(categories[i]) || confidences[i] < 0 || confidences[i] > 1
                    || answer.path("reasoning").asText().isBlank()) {
                invalid.incrementAndGet();
            }
            return null;
        });
        int correct = 0;
        double confidenceSum = 0;
        Map<String, int[]> byCategory = new LinkedHashMap<>();
        VisitNotes.DEFINITIONS.keySet().forEach(c -> byCategory.put(c, new int[2]));
        // expected calibration error over 10 confidence bins
        double[] binConfidence = new double[10];
        double[] binCorrect = new double[10];
        int[] binCount = new int[10];
        for (int i = 0; i < notes.size(); i++) {
            boolean right = notes.get(i).category().equals(categories[i]);
            correct += right ? 1 : 0;
            confidenceSum += confidences[i];
            int[] counts = byCategory.get(notes.get(i).category());
            counts[0] += right ? 1 : 0;
            counts[1]++;
            int bin = Math.min(9, Math.max(0, (int) (confidences[i] * 10)));
            binConfidence[bin] += confidences[i];
            binCorrect[bin] += right ? 1 : 0;
            binCount[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / notes.size();
            }
        }
        return new Classified(notes.size() / seconds, (double) correct / notes.size(),
                confidenceSum / notes.size(), ece, byCategory, invalid.get());
    }

    static Summarized summarize(LocalChatModel model, List<VisitNotes.Note> notes, int threads, int maxLength) {
        int[] lengths = new int[notes.size()];
        AtomicInteger invalid = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        double seconds = timed(threads, notes.size(), i -> {
            String text = notes.get(i).text();
            ChatResponse response = model.complete(summarizeRequest(text, i % 2 == 0 ? null : FOCUS, maxLength, i));
            String summary = parse(response.content()).path("text").asText();
            lengths[i] = summary.length();
            if (summary.isEmpty() || summary.length() > maxLength) {
                invalid.incrementAndGet();
            }
            if (summary.endsWith("…")) {
                cut.incrementAndGet();
            } else if (!isMadeOfSentencesOf(summary, text)) {
                invalid.incrementAndGet();
            }
            return null;
        });
        double meanLength = java.util.Arrays.stream(lengths).average().orElse(0);
        double meanSource = notes.stream().mapToInt(n -> n.text().length()).average().orElse(0);
        return new Summarized(notes.size() / seconds, meanLength, meanSource, cut.get(), invalid.get());
    }

    private static boolean isMadeOfSentencesOf(String summary, String text) {
        // Every sentence the summary kept appears in the source, in order.
        int from = 0;
        for (String sentence : summary.split("(?<=[.!?]) (?=[A-Z0-9])")) {
            int at = text.indexOf(sentence, from);
            if (at < 0) {
                return false;
            }
            from = at + sentence.length();
        }
        return true;
    }

    static ChatRequest classifyRequest(String text, int key) {
        ObjectNode task = JSON.createObjectNode().put("task", "classify").put("text", text);
        ArrayNode taxonomy = task.putArray("taxonomy");
        VisitNotes.DEFINITIONS.forEach((name, definition) ->
                taxonomy.addObject().put("name", name).put("definition", definition));
        return request("visit_type", key, task, "classifier");
    }

    static ChatRequest summarizeRequest(String text, String focus, int maxLength, int key) {
        ObjectNode task = JSON.createObjectNode().put("task", "summarize").put("text", text);
        if (focus != null) {
            task.put("focus", focus);
        }
        task.put("max_length", maxLength);
        return request("summary", key, task, "summarizer");
    }

    private static ChatRequest request(String step, int key, ObjectNode task, String schemaName) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        return new ChatRequest(step, Integer.toString(key), List.of(ChatMessage.user(task.toString())),
                new ResponseSchema(schemaName, schema), task);
    }

    private static JsonNode parse(String content) {
        try {
            return JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException("answer is not JSON: " + content, e);
        }
    }

    /** Runs {@code work(i)} for i in [0, count) on {@code threads} threads; returns the wall-clock seconds. */
    private static double timed(int threads, int count, IntFunction<Void> work) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        work.apply(i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return seconds(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark call failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long heapAfterGcMb() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** A field of /proc/self/status in MiB (kB there), or -1 where there is none. */
    static long procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
