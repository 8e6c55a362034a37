package io.cognitivecdc.pipeline.definition;

import static io.cognitivecdc.pipeline.definition.DefinitionSections.messages;
import static io.cognitivecdc.pipeline.definition.DefinitionSections.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cognitivecdc.pipeline.OutputColumn;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.steps.ClassifierStepType;
import io.cognitivecdc.steps.StepType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnsDefinitionTest {

    private final Problems problems = new Problems();
    private final Map<String, StepType> typeOfStep = new HashMap<>(Map.of("kind", new ClassifierStepType()));

    private List<OutputColumn> read(String columns) {
        return ColumnsDefinition.read(yaml(columns), typeOfStep, new ExpressionCompiler(), problems);
    }

    @Test
    void shouldTypeColumnsFromStepOutputsOrAsDeclared() {
        List<OutputColumn> columns = read("""
                confidence: processed.kind.confidence
                department: raw.department
                visits: { expr: raw.visits, type: long }
                """);

        assertThat(messages(problems)).isEmpty();
        assertThat(columns).extracting(OutputColumn::name, OutputColumn::type).containsExactly(
                tuple("confidence", "double"), tuple("department", "string"), tuple("visits", "long"));
    }

    @Test
    void shouldRejectColumnNamesThatAreNoIdentifiersOrAlreadyTaken() {
        assertThat(read("{ 1st: raw.a, 2: raw.b, source_table: raw.c }")).isEmpty();

        assertThat(messages(problems)).containsExactly(
                "columns.1st: '1st' must be a plain SQL identifier (letters, digits, _)",
                "columns.2: '2' must be a plain SQL identifier (letters, digits, _)",
                "columns.source_table: 'source_table' is a column every enriched row already has "
                        + "[enriched_at_ms, enriched_by, source_table, source_ts_ms]");
    }

    @Test
    void shouldReportEachSettingOfADetailedColumnWithItsPath() {
        read("""
                a: { expr: raw.a, type: text }
                b: { type: string, width: 20 }
                c: 42
                """);

        assertThat(messages(problems)).containsExactly(
                "columns.a.type: must be one of [boolean, double, int, long, string], was 'text'",
                "columns.b.width: unknown setting; known settings here are [expr, type]",
                "columns.b.expr: missing; it is required",
                "columns.c: must be an expression (text), was integer 42");
    }

    @Test
    void shouldLetAColumnReadAStepOfUnknownTypeWithoutRepeatingItsProblem() {
        typeOfStep.put("broken", null);

        assertThat(read("{ x: processed.broken.text }")).extracting(OutputColumn::type).containsExactly("string");
        assertThat(messages(problems)).isEmpty();
    }
}
