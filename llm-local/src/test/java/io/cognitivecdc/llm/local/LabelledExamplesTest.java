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
                .hasMessageContaining("a text with commas, quotes or line breaks must be in double quotes");
    }

    @Test
    void aRecordWithAMissingColumnNamesFileAndLine() {
        assertThatThrownBy(() -> LabelledExamples.parse("visits.csv", "text,category\na,b\nno category here\nc,d\n"))
                .isInstanceOf(InvalidProviderSettingException.class)
                .hasMessage("examples: visits.csv line 3: expected 2 fields (text,category) but found 1");
        assertThatThrownBy(() -> LabelledExamples.parse("visits.csv", "text\na\nb\n"))
                .hasMessage("examples: visits.csv line 1: header must be text,category but is text");
    }

    @Test
    void anEmptyFileOrOneWithOnlyAHeaderIsReported() {
        assertThatThrownBy(() -> LabelledExamples.parse("empty.csv", ""))
                .isInstanceOf(InvalidProviderSettingException.class)
                .hasMessage("examples: empty.csv line 1: the file is empty; expected a header line text,category and "
                        + "examples");
        assertThatThrownBy(() -> LabelledExamples.parse("header.csv", "text,category\n\n"))
                .hasMessage("examples: header.csv line 2: at least 2 examples are needed, found 0");
    }

    @Test
    void linesAfterAQuotedFieldWithCrLfLineBreaksAreCountedRight() {
        LabelledExamples examples = LabelledExamples.parse("crlf.csv",
                "text,category\r\n\"First line,\r\nsecond line\r\nthird\",a\r\n  \r\nnext,b\r\n");

        assertThat(examples.examples()).containsExactly(
                new LabelledExamples.Example("First line,\r\nsecond line\r\nthird", "a", 2),
                new LabelledExamples.Example("next", "b", 6));
    }

    @Test
    void emptyTextsAndCategoriesNameTheirLine() {
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\na,b\nc, \n"))
                .hasMessageContaining("f.csv line 3: the category is empty");
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\na,b\n\"\",c\n"))
                .hasMessageContaining("f.csv line 3: the text is empty");
    }

    @Test
    void invalidCsvNamesTheLineOfItsRecordAndWhereTheParserStopped() {
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\na,b\n\"never closed,c\nd,e\n"))
                .isInstanceOf(InvalidProviderSettingException.class)
                .hasMessageStartingWith("examples: f.csv line 3: not valid CSV: Missing closing quote for value "
                        + "(at line 5, column 1); a text with commas, quotes or line breaks must be in double quotes");
        assertThatThrownBy(() -> LabelledExamples.parse("f.csv", "text,category\n\"a\"x,b\n"))
                .hasMessageStartingWith("examples: f.csv line 2: not valid CSV: Unexpected character ('x'")
                .hasMessageContaining("(at line 2, column 5)");
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
