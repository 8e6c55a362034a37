package io.cognitivecdc.llm.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MiniLmEmbedderTest {

    private final MiniLmEmbedder embedder = SharedModels.embedder();

    @Test
    void embeddingsAreUnitVectorsOf384Dimensions() {
        float[][] vectors = embedder.embed(List.of("Chest pain radiating to the left arm.", "x", ""));

        assertThat(vectors).hasNumberOfRows(3);
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(MiniLmEmbedder.DIMENSIONS);
            assertThat(MiniLmEmbedder.similarity(vector, vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void similarTextsScoreHigherThanUnrelatedOnes() {
        float[][] v = embedder.embed(List.of(
                "The patient reports chest pain on exertion.",
                "Exertional chest pain described by the patient.",
                "The quarterly sales report is due on Friday."));

        double similar = MiniLmEmbedder.similarity(v[0], v[1]);
        double unrelated = MiniLmEmbedder.similarity(v[0], v[2]);
        assertThat(similar).isGreaterThan(0.7);
        assertThat(unrelated).isLessThan(0.3);
    }

    @Test
    void batchingPreservesOrderAndEqualsEmbeddingOneByOne() {
        // 45 notes (more than one batch) in their file order: lengths unsorted
        List<String> texts = LabelledExamples.load(SharedModels.HELD_OUT).examples().subList(0, 45).stream()
                .map(LabelledExamples.Example::text).toList();

        float[][] batched = embedder.embed(texts);

        // The quantized model quantizes activations per batch (dynamic quantization), so a text's embedding moves a
        // little with its batch-mates (cosine 0.99-0.995 measured here); it stays nearest to its own single embedding.
        float[][] single = texts.stream().map(embedder::embed).toArray(float[][]::new);
        double worst = 1;
        for (int i = 0; i < texts.size(); i++) {
            double own = MiniLmEmbedder.similarity(batched[i], single[i]);
            worst = Math.min(worst, own);
            for (int j = 0; j < texts.size(); j++) {
                if (j != i) {
                    assertThat(MiniLmEmbedder.similarity(batched[i], single[j])).as("text %d vs %d", i, j).isLessThan(own);
                }
            }
        }
        assertThat(worst).isGreaterThan(0.98);
    }

    @Test
    void reportsTokenCountsWithSpecialTokens() {
        MiniLmEmbedder.Embeddings embeddings = embedder.embedAll(List.of("hello world", "hello"));

        assertThat(embeddings.tokenCounts()).containsExactly(4, 3); // [CLS] hello world [SEP]
        assertThat(embeddings.totalTokens()).isEqualTo(7);
        assertThat(embedder.countTokens("hello world")).isEqualTo(4);
    }

    @Test
    void truncatesTextsLongerThanTheModelsMaximumSequence() {
        String longText = "The patient was seen again today for review. ".repeat(200);

        assertThat(embedder.countTokens(longText)).isEqualTo(MiniLmEmbedder.MAX_TOKENS);
        float[] truncated = embedder.embed(longText);
        float[] head = embedder.embed("The patient was seen again today for review. ".repeat(25));
        assertThat(MiniLmEmbedder.similarity(truncated, head)).isGreaterThan(0.95);
    }

    @Test
    void anEmptyListGivesNoEmbeddings() {
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void handlesShareOneModelAndAClosedHandleRefusesWork() {
        MiniLmEmbedder second = MiniLmEmbedder.acquire();
        second.close();
        second.close(); // idempotent

        assertThat(MiniLmEmbedder.isLoaded()).as("another handle is still open").isTrue();
        assertThat(embedder.embed("still works")).hasSize(MiniLmEmbedder.DIMENSIONS);
        assertThatThrownBy(() -> second.embed("no")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
