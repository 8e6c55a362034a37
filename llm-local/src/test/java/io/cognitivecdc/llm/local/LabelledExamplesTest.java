package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.InvalidProviderSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelledExamplesTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        LabelledExamples examples = LabelledExamples.parse("notes.csv", """
                text,category
                "Triage level 2, chest pain.",emergency
                "Patient said ""better"" today.
                Seen on rounds.",inpatient

                Video consult,telehealth
                """);

        assertThat(examples.examples()).containsExactly(
                new LabelledExamples.Example("Triage level 2, chest pain.", "emergency", 2),
                new LabelledExamples.Example("Patient said \"better\" today.\nSeen on rounds.", "inpatient", 3),
                new LabelledExamples.Example("Video consult", "telehealth", 6));
        assertThat(examples.categories()).containsExactly("emergency", "inpatient", "telehealth");
    }

    @Test
    void acceptsCrLfAByteOrderMarkAndAHeaderInAnyCase() {
        LabelledExamples examples = LabelledExamples.parse("x.csv", "\uFEFFText , Category\r\na,one\r\nb,two\r\n");

        assertThat(examples.size()).isEqualTo(2);
        assertThat(examples.examples().get(1).line()).isEqualTo(3);
    }

    @Test
    void aWrongHeaderIsReportedOnLineOne() {
        assertThatThrownBy(() -> LabelledExamples.parse("visits.csv", "note,label\na,b\nc,d\n"))
                .isInstanceOf(InvalidProviderSettingException.class)
                .hasMessage("examples: visits.csv line 1: header must be text,category but is note,label");
    }

    @Test
    void aRecordWithTooManyFieldsNamesFileAndLine() {
        assertThatThrownBy(() -> LabelledExamples.parse("visits.csv",
                "text,category\n\"ok, quoted\",a\nnot quoted, has a comma,b\n"))
                .isInstanceOf(InvalidProviderSettingException.class)
                .hasMessageContaining("visits.csv line 3: expected 2 fields (text,category) but found 3")
                .hasMessageContaining("quote texts that contain commas");
    }

    @Test
    void emptyTextsAndCategoriesAndUnclosedQuotesNameTheirLine() {
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\na,b\nc, \n"))
                .hasMessageContaining("f.csv line 3: the category is empty");
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\na,b\n\"\",c\n"))
                .hasMessageContaining("f.csv line 3: the text is empty");
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\na,b\n\"never closed,c\nd,e\n"))
                .hasMessageContaining("f.csv line 3: a quoted field is never closed");
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\n\"a\"x,b\n"))
                .hasMessageContaining("f.csv line 2: unexpected character 'x' after a closing quote");
    }

    @Test
    void aFileThatIsMissingOrTooSmallIsReportedAsTheExamplesSetting() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> LabelledExamples.load(missing.toString()))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("examples"))
                .hasMessageContaining("missing.csv does not exist");

        Path one = Files.writeString(dir.resolve("one.csv"), "text,category\nonly,one\n");
        assertThatThrownBy(() -> LabelledExamples.load(one.toString()))
                .hasMessageContaining(one + " line 2: at least 2 examples are needed, found 1");

        Path latin1 = Files.write(dir.resolve("latin1.csv"), "text,category\ncaf\u00e9,a\nb,c\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> LabelledExamples.load(latin1.toString())).hasMessageContaining("is not UTF-8");
    }

    @Test
    void aCategoryMissingFromTheTaxonomyNamesFileAndFirstLine() throws IOException {
        Path file = Files.writeString(dir.resolve("visits.csv"), "text,category\na,emergency\nb,emergency\nc,spa_day\nd,spa_day\n");
        LabelledExamples examples = LabelledExamples.load(file.toString());

        examples.requireCoveredBy(List.of("emergency", "spa_day", "other"), "visit_type");
        assertThatThrownBy(() -> examples.requireCoveredBy(List.of("emergency"), "visit_type"))
                .isInstanceOf(InvalidProviderSettingException.class)
                .hasMessageContaining(file + " line 4: category 'spa_day' is not in the taxonomy of step 'visit_type'");
    }

    @Test
    void theShippedVisitTypeExamplesLoadFromTheClassPath() {
        LabelledExamples examples = LabelledExamples.load(LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES);

        assertThat(examples.size()).isEqualTo(2000);
        assertThat(examples.categories())
                .containsExactlyInAnyOrder("emergency", "inpatient", "outpatient", "telehealth", "urgent_care");
        assertThat(examples.fingerprint()).hasSize(64);
        assertThatThrownBy(() -> LabelledExamples.load("classpath:no/such.csv"))
                .hasMessageContaining("no resource no/such.csv on the class path");
    }
}
