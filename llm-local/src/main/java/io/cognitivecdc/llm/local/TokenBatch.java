package io.cognitivecdc.llm.local;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * The model's input for a batch of texts: token ids, attention mask and token types, row-major, every row padded with
 * zeros to the longest text of the batch (the mask marks the padding).
 *
 * @param rows    texts in the batch
 * @param columns tokens of its longest text
 */
record TokenBatch(long[] ids, long[] mask, long[] types, int rows, int columns) {

    /** The encodings {@code encodings[order[from]]} to {@code encodings[order[to - 1]]} as one batch. */
    static TokenBatch of(Encoding[] encodings, Integer[] order, int from, int to) {
        int rows = to - from;
        int columns = 0;
        for (int r = from; r < to; r++) {
            columns = Math.max(columns, encodings[order[r]].getIds().length);
        }
        long[] ids = new long[rows * columns];
        long[] mask = new long[rows * columns];
        long[] types = new long[rows * columns];
        for (int r = 0; r < rows; r++) {
            Encoding encoding = encodings[order[from + r]];
            int length = encoding.getIds().length;
            System.arraycopy(encoding.getIds(), 0, ids, r * columns, length);
            System.arraycopy(encoding.getAttentionMask(), 0, mask, r * columns, length);
            System.arraycopy(encoding.getTypeIds(), 0, types, r * columns, length);
        }
        return new TokenBatch(ids, mask, types, rows, columns);
    }
}
