package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.local.NearestNeighbourClassifier.Unit;
import io.cognitivecdc.llm.local.NeighbourVote.LeftOut;
import io.cognitivecdc.llm.local.NeighbourVote.PartVote;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NearestNeighbourClassifierTest {

    private static final LabelledExamples WEATHER_AND_SPORTS = LabelledExamples.parse("small.csv", """
            text,category
            Heavy rain tonight. Seen on the news.,weather
            Snow and strong winds tomorrow. Seen on the news.,weather
            Sunny and warm all week.,weather
            The home team won three to one. Seen on the news.,sports
            The striker scored twice in the final.,sports
            The goalkeeper saved a penalty.,sports
            """);

    private final MiniLmEmbedder embedder = SharedModels.embedder();

    @Test
    void shouldVoteForMajorityOfNearestExamples() {
        NearestNeighbourClassifier classifier = NearestNeighbourClassifier.fit(embedder, WEATHER_AND_SPORTS, 3);

        Classification answer = classifier.classify("Thunderstorms and rain expected this afternoon.",
                List.of("weather", "sports"));

        assertThat(answer.category()).isEqualTo("weather");
        assertThat(answer.confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(answer.reasoning()).contains("Sentences typical of weather").contains("line ").contains("Vote:");
        assertThat(answer.promptTokens()).isPositive();
    }

    @Test
    void shouldEmbedEachDistinctSentenceOnceAndCountItPerCategory() {
        ExampleIndex index = ExampleIndex.build(embedder, WEATHER_AND_SPORTS, Unit.SENTENCE, () -> false);

        assertThat(index.occurrences()).isEqualTo(9);
        assertThat(index.size()).isEqualTo(7);
        int seen = index.unitsOf(0)[1];
        assertThat(index.text(seen)).isEqualTo("Seen on the news.");
        assertThat(index.count(seen, index.categories().indexOf("weather"))).isEqualTo(2);
        assertThat(index.count(seen, index.categories().indexOf("sports"))).isEqualTo(1);
        assertThat(index.total(seen)).isEqualTo(3);
        assertThat(index.firstLine(seen)).isEqualTo(2);
    }

    @Test
    void shouldGiveASentenceFoundInEveryCategoryNoWeight() {
        ExampleIndex index = ExampleIndex.build(embedder, LabelledExamples.parse("even.csv", """
                text,category
                Seen on the news. Heavy rain tonight.,weather
                Seen on the news. The home team won.,sports
                """), Unit.SENTENCE, () -> false);
        List<PartVote> details = new ArrayList<>();

        new NeighbourVote(index, 1).scores(new float[][]{embedder.embed("Seen on the news.")}, LeftOut.NONE, details);

        assertThat(details.getFirst().shares()).containsExactly(new double[]{0.5, 0.5}, within(1e-9));
        assertThat(details.getFirst().weight()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldNotLetALeftOutExampleVoteForItself() {
        ExampleIndex index = ExampleIndex.build(embedder, WEATHER_AND_SPORTS, Unit.TEXT, () -> false);
        NeighbourVote vote = new NeighbourVote(index, 1);
        int own = index.unitsOf(2)[0];
        List<PartVote> details = new ArrayList<>();

        vote.scores(new float[][]{index.vector(own)}, LeftOut.example(index, 2), details);

        assertThat(details.getFirst().nearest()).isNotEqualTo(own).isNotNegative();
        assertThat(details.getFirst().nearestSimilarity()).isLessThan(0.99);
    }

    @Test
    void shouldFitTheTemperatureOnAFixedSampleOfTheExamples() {
        NeighbourVote vote = new NeighbourVote(
                ExampleIndex.build(embedder, WEATHER_AND_SPORTS, Unit.SENTENCE, () -> false), 3);

        TemperatureFit fit = TemperatureFit.fit(vote, 4);

        assertThat(fit.sample()).isEqualTo(4);
        assertThat(fit.temperature()).isBetween(0.01, 10.0);
        assertThat(fit.accuracy()).isBetween(0.0, 1.0);
        assertThat(TemperatureFit.fit(vote, 4)).isEqualTo(fit);
        assertThat(TemperatureFit.fit(vote, 100).sample()).isEqualTo(WEATHER_AND_SPORTS.size());
    }

    @Test
    void shouldUseTheOverridingTemperatureButReportTheFittedOne() {
        NearestNeighbourClassifier classifier = NearestNeighbourClassifier.fit(embedder, WEATHER_AND_SPORTS, 3,
                Unit.TEXT, 0.5, () -> false);

        assertThat(classifier.temperature()).isEqualTo(0.5);
        assertThat(classifier.fittedTemperature()).isBetween(0.01, 10.0);
        assertThat(classifier.unit()).isEqualTo(Unit.TEXT);
        assertThat(classifier.k()).isEqualTo(3);
        assertThat(classifier.categories()).containsExactly("weather", "sports");
        assertThat(classifier.classify("The striker scored in the final.", List.of("weather", "sports")).reasoning())
                .contains("of the 3 nearest labelled examples by similarity are sports");
    }

    @Test
    void shouldGiveTaxonomyNamesWithoutExamplesNoVotes() {
        NearestNeighbourClassifier classifier = NearestNeighbourClassifier.fit(embedder, WEATHER_AND_SPORTS, 3);

        Classification answer = classifier.classify("The goalkeeper saved a penalty in the final.",
                List.of("politics", "weather", "sports"));

        assertThat(answer.category()).isEqualTo("sports");
    }

    @Test
    void shouldRefuseATextWithoutSentences() {
        NearestNeighbourClassifier classifier = NearestNeighbourClassifier.fit(embedder, WEATHER_AND_SPORTS, 3);

        assertThatThrownBy(() -> classifier.classify("  \n ", List.of("weather", "sports")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the text is empty");
    }

    @Test
    void shouldStopFittingWhenCancelled() {
        assertThatThrownBy(() -> NearestNeighbourClassifier.fit(embedder, WEATHER_AND_SPORTS, 3, Unit.SENTENCE, null,
                () -> true))
                .isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> NearestNeighbourClassifier.fit(embedder, WEATHER_AND_SPORTS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be >= 1");
    }
}
