package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyMatcherTest {

    @Test
    void shouldMatchTheRowKeyAsJsonWhateverTheSpacingAndColumnOrder() {
        KeyMatcher matcher = KeyMatcher.parse("{ \"region\": \"eu\", \"id\": 42 }");

        assertThat(matcher.matches("{\"id\":42,\"region\":\"eu\"}")).isTrue();
        assertThat(matcher.matches("{\"id\":43,\"region\":\"eu\"}")).isFalse();
        assertThat(matcher.matches("{\"id\":42}")).isFalse();
    }

    @Test
    void shouldMatchTheBareValueOfASingleColumnKey() {
        assertThat(KeyMatcher.parse("42").matches("{\"id\":42}")).isTrue();
        assertThat(KeyMatcher.parse("42").matches("{\"id\":\"42\"}")).isTrue();
        assertThat(KeyMatcher.parse("INV-7").matches("{\"invoice\":\"INV-7\"}")).isTrue();
        assertThat(KeyMatcher.parse("\"INV-7\"").matches("{\"invoice\":\"INV-7\"}")).isTrue();
        assertThat(KeyMatcher.parse("42").matches("{\"id\":420}")).isFalse();
    }

    @Test
    void shouldNotMatchABareValueAgainstAKeyOfSeveralColumns() {
        assertThat(KeyMatcher.parse("42").matches("{\"id\":42,\"region\":\"eu\"}")).isFalse();
    }

    @Test
    void shouldNotMatchADeadLetterWhoseKeyIsUnknown() {
        assertThat(KeyMatcher.parse("42").matches(null)).isFalse();
    }

    @Test
    void shouldRejectAnEmptyKeyOrAJsonArray() {
        assertThatThrownBy(() -> KeyMatcher.parse(" ")).hasMessageContaining("the row key is empty");
        assertThatThrownBy(() -> KeyMatcher.parse("[1,2]")).hasMessageStartingWith("'[1,2]' is not a row key");
    }
}
