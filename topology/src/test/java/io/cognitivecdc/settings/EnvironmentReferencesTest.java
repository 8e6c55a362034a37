package io.cognitivecdc.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReferencesTest {

    private final EnvironmentReferences references =
            new EnvironmentReferences(Map.of("HOST", "broker", "PORT", "9092", "DOLLAR", "$1\\")::get);

    @Test
    void shouldReplaceEveryReferenceAndKeepOtherPlaceholders() {
        List<String> unset = new ArrayList<>();

        assertThat(references.resolve("${env:HOST}:${env:PORT} ${file:/etc/kafka:password} ${raw.x}", unset::add))
                .isEqualTo("broker:9092 ${file:/etc/kafka:password} ${raw.x}");
        assertThat(unset).isEmpty();
    }

    @Test
    void shouldInsertValuesLiterallyEvenWithRegexCharacters() {
        assertThat(references.resolve("pw=${env:DOLLAR}", variable -> { })).isEqualTo("pw=$1\\");
    }

    @Test
    void shouldNameEveryUnsetVariableAndLeaveItEmpty() {
        List<String> unset = new ArrayList<>();

        assertThat(references.resolve("${env:NOPE}-${env:HOST}-${env:ALSO_NOPE}", unset::add)).isEqualTo("-broker-");
        assertThat(unset).containsExactly("NOPE", "ALSO_NOPE");
    }

    @Test
    void shouldResolveTheTextValuesOfAMappingAndReportUnsetOnesByKey() {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("endpoint", "http://${env:HOST}", "k", 3));
        values.put("key", "${env:API_KEY}");
        List<String> unset = new ArrayList<>();

        boolean resolved = references.resolveAll(values, (key, variable) -> unset.add(key + "=" + variable));

        assertThat(resolved).isFalse();
        assertThat(values).containsEntry("endpoint", "http://broker").containsEntry("k", 3).containsEntry("key", "");
        assertThat(unset).containsExactly("key=API_KEY");
    }
}
