package io.cognitivecdc.llm.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Feeds a {@link TokenBatch} to the model and turns {@code last_hidden_state} into sentence embeddings: mean over
 * the tokens the attention mask keeps, then L2 normalisation, in plain Java (DJL's ONNX Runtime arrays have no
 * {@code norm}).
 */
final class MeanPooling implements Translator<TokenBatch, float[][]> {

    private static final String BATCH = "batch";
    /** The model's input names, read from the model when it is loaded: not every export takes token types. */
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
        int dims = values.length / (batch.rows() * batch.columns());
        float[][] out = new float[batch.rows()][];
        for (int r = 0; r < batch.rows(); r++) {
            out[r] = pool(values, batch, r, dims);
        }
        return out;
    }

    /** Row {@code r}'s unit-length mean token vector. */
    private static float[] pool(float[] values, TokenBatch batch, int r, int dims) {
        int columns = batch.columns();
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
        return vector;
    }
}
