package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalChatModelFactoryTest {

    @TempDir
    Path dir;

    @Test
    void isFoundThroughServiceLoaderAsTypeLocal() {
        assertThat(ServiceLoader.load(ChatModelFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("local")).findFirst())
                .get().isInstanceOf(LocalChatModelFactory.class);
    }

    @Test
    void createsAModelWithDefaultsAndWithEverySetting() {
        LocalChatModel.Settings defaults = LocalChatModelFactory.settings(Map.of());
        assertThat(defaults.examples()).isNull();
        assertThat(defaults.k()).isEqualTo(15);
        assertThat(defaults.voteBy()).isEqualTo(NearestNeighbourClassifier.Unit.SENTENCE);
        assertThat(defaults.temperature()).isNull();
        assertThat(defaults.preload()).isTrue();

        LocalChatModel.Settings all = LocalChatModelFactory.settings(Map.of(
                "examples", LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES, "k", 7, "vote_by", "text",
                "temperature", "0.2", "preload", false));
        assertThat(all.examples().size()).isEqualTo(2000);
        assertThat(all.k()).isEqualTo(7);
        assertThat(all.voteBy()).isEqualTo(NearestNeighbourClassifier.Unit.TEXT);
        assertThat(all.temperature()).isEqualTo(0.2);
        assertThat(all.preload()).isFalse();

        try (ChatModel model = new LocalChatModelFactory().create(Map.of("preload", false))) {
            assertThat(model.id()).isEqualTo("local/all-minilm-l6-v2");
        }
    }

    @Test
    void preloadingFitsTheExamplesInTheBackground() throws Exception {
        SharedModels.embedder(); // the model itself is shared; only the examples are fitted here
        Path file = Files.writeString(dir.resolve("moods.csv"), "text,category\nI love it,happy\nWonderful day,happy\n"
                + "So sad today,sad\nI miss them,sad\n");
        try (LocalChatModel model = (LocalChatModel) new LocalChatModelFactory().create(Map.of("examples", file.toString()))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (model.neighbourClassifier().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(model.neighbourClassifier()).isPresent();
            assertThat(model.neighbourClassifier().get().categories()).containsExactly("happy", "sad");
        }
    }

    @Test
    void closingWhilePreloadingStopsTheWarmUpAndKeepsTheSharedModel() {
        SharedModels.embedder();
        LocalChatModel model = (LocalChatModel) new LocalChatModelFactory().create(
                Map.of("examples", LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES, "vote_by", "text"));
        long start = System.nanoTime();

        model.close();

        assertThat((System.nanoTime() - start) / 1_000_000).as("close() ms").isLessThan(5_000);
        assertThat(MiniLmEmbedder.isLoaded()).isTrue();
        assertThat(SharedModels.embedder().embed("still here")).hasSize(MiniLmEmbedder.DIMENSIONS);
    }

    @Test
    void badSettingsNameTheSettingAndTheProblem() {
        assertSetting(Map.of("k", 0), "k", "must be at least 1");
        assertSetting(Map.of("k", 2.5), "k", "must be a whole number");
        assertSetting(Map.of("k", "many"), "k", "must be a number, not 'many'");
        assertSetting(Map.of("temperature", -1), "temperature", "must be a number > 0");
        assertSetting(Map.of("vote_by", "paragraph"), "vote_by", "must be sentence or text");
        assertSetting(Map.of("preload", "sometimes"), "preload", "must be true or false");
        assertSetting(Map.of("examples", 42), "examples", "must be the path of a CSV file");
        assertSetting(Map.of("examples", dir.resolve("nope.csv").toString()), "examples", "nope.csv does not exist");
    }

    @Test
    void aBadExamplesFileFailsAtCreationNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("visits.csv"), "text,category\n\"fine\",a\nbroken, with, commas\n");

        assertSetting(Map.of("examples", file.toString()), "examples", file + " line 3: expected 2 fields");
    }

    private static void assertSetting(Map<String, Object> settings, String setting, String problem) {
        assertThatThrownBy(() -> new LocalChatModelFactory().create(settings))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(setting))
                .hasMessageContaining(problem);
    }
}
