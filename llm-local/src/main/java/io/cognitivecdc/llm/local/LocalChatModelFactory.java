package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Provider type {@code local}: {@link LocalChatModel}, offline, on this machine's CPU.
 *
 * <p>Settings (all optional):
 * <ul>
 *   <li>{@code examples}: labelled examples for classification, a CSV file with header {@code text,category}
 *       (a path, or {@code classpath:<resource>}; the bundled visit-type examples are
 *       {@value #BUNDLED_VISIT_TYPE_EXAMPLES}). Checked when the provider is created; every category must be a name
 *       in the taxonomy of each classifier step that uses the provider. Without it, classification compares the text
 *       with the taxonomy's definitions.</li>
 *   <li>{@code k}: neighbours that vote (default {@value NearestNeighbourClassifier#DEFAULT_K}).</li>
 *   <li>{@code vote_by}: {@code sentence} (default: every sentence of the text votes with the examples'
 *       sentences) or {@code text} (the whole text votes with whole examples).</li>
 *   <li>{@code temperature}: confidence temperature (&gt; 0), overriding the one fitted on the examples, or the
 *       definitions' default {@value DefinitionClassifier#DEFAULT_TEMPERATURE}.</li>
 *   <li>{@code preload}: load the model and embed the examples in the background as soon as the provider is created
 *       (default true).</li>
 * </ul>
 */
public final class LocalChatModelFactory implements ChatModelFactory {

    /** The provider type. */
    public static final String TYPE = "local";
    /** Clinic visit notes labelled emergency, inpatient, outpatient, telehealth, urgent_care (2,000 rows). */
    public static final String BUNDLED_VISIT_TYPE_EXAMPLES =
            "classpath:io/cognitivecdc/llm/local/visit-type-examples.csv";

    public static final String EXAMPLES = "examples";
    public static final String K = "k";
    public static final String VOTE_BY = "vote_by";
    public static final String TEMPERATURE = "temperature";
    public static final String PRELOAD = "preload";

    private static final Logger LOG = LoggerFactory.getLogger(LocalChatModelFactory.class);
    private static final Set<String> KNOWN = Set.of(EXAMPLES, K, VOTE_BY, TEMPERATURE, PRELOAD);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ChatModel create(Map<String, Object> settings) {
        return new LocalChatModel(settings(settings));
    }

    /** Reads and checks the settings (the examples file is read and parsed). */
    public static LocalChatModel.Settings settings(Map<String, Object> settings) {
        for (String key : settings.keySet()) {
            if (!KNOWN.contains(key)) {
                LOG.warn("Provider type local ignores setting '{}' (it knows {})", key, KNOWN);
            }
        }
        return new LocalChatModel.Settings(examples(settings.get(EXAMPLES)), k(settings.get(K)),
                voteBy(settings.get(VOTE_BY)), temperature(settings.get(TEMPERATURE)), preload(settings.get(PRELOAD)));
    }

    private static LabelledExamples examples(Object location) {
        if (location == null) {
            return null;
        }
        if (!(location instanceof String path) || path.isBlank()) {
            throw new InvalidProviderSettingException(EXAMPLES,
                    "must be the path of a CSV file with header text,category, not " + location);
        }
        return LabelledExamples.load(path.strip());
    }

    private static int k(Object value) {
        if (value == null) {
            return NearestNeighbourClassifier.DEFAULT_K;
        }
        int k = wholeNumber(K, value);
        if (k < 1) {
            throw new InvalidProviderSettingException(K, "must be at least 1, not " + value);
        }
        return k;
    }

    private static NearestNeighbourClassifier.Unit voteBy(Object value) {
        if (value == null) {
            return NearestNeighbourClassifier.Unit.SENTENCE;
        }
        return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
            case "sentence", "sentences" -> NearestNeighbourClassifier.Unit.SENTENCE;
            case "text" -> NearestNeighbourClassifier.Unit.TEXT;
            default -> throw new InvalidProviderSettingException(VOTE_BY,
                    "must be sentence or text, not '" + value + "'");
        };
    }

    private static Double temperature(Object value) {
        if (value == null) {
            return null;
        }
        double temperature = number(TEMPERATURE, value);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidProviderSettingException(TEMPERATURE, "must be a number > 0, not " + value);
        }
        return temperature;
    }

    private static boolean preload(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
            return Boolean.parseBoolean(value.toString());
        }
        throw new InvalidProviderSettingException(PRELOAD, "must be true or false, not " + value);
    }

    private static int wholeNumber(String setting, Object value) {
        double number = number(setting, value);
        if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
            throw new InvalidProviderSettingException(setting, "must be a whole number, not " + value);
        }
        return (int) number;
    }

    private static double number(String setting, Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidProviderSettingException(setting, "must be a number, not '" + value + "'");
        }
    }
}
