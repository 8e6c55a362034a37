package io.cognitivecdc.pipeline.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cognitivecdc.schemas.ChangeOp;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.schemas.SourceVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {

    private final ExpressionCompiler compiler = new ExpressionCompiler();
    private final StateView view = new StateView(state(
            Map.of("clinical_notes", "History: fell off a ladder.\nAssessment: wrist fracture.\nPlan: cast, follow up.",
                    "department", "Orthopedics", "age", 42L),
            Map.of("visit_type", "{\"category\":\"emergency\",\"confidence\":0.9}")));

    @Test
    void shouldReadRawColumnsStepOutputsAndKey() {
        assertThat(compiler.compile("raw.department").evaluate(view)).isEqualTo("Orthopedics");
        assertThat(compiler.compile("processed.visit_type.category").evaluate(view)).isEqualTo("emergency");
        assertThat(compiler.compile("key.encounter_id").evaluate(view)).isEqualTo(7);
        assertThat(compiler.compile("raw.age + 1").evaluate(view)).isEqualTo(43L);
    }

    @Test
    void shouldFillTemplates() {
        assertThat(compiler.compile("Department: ${raw.department}, age ${raw.age}").evaluate(view))
                .isEqualTo("Department: Orthopedics, age 42");
    }

    @Test
    void shouldTakePartsOfText() {
        assertThat(compiler.compile("text:section(raw.clinical_notes, 'Assessment')").evaluate(view))
                .isEqualTo("wrist fracture.");
        assertThat(compiler.compile("text:after(raw.clinical_notes, 'Plan:')").evaluate(view)).isEqualTo("cast, follow up.");
        assertThat(compiler.compile("text:before(raw.clinical_notes, '\\n')").evaluate(view))
                .isEqualTo("History: fell off a ladder.");
        assertThat(compiler.compile("text:section(raw.clinical_notes, 'Allergies')").evaluate(view)).isNull();
    }

    @Test
    void shouldEvaluateMissingValuesToNull() {
        assertThat(compiler.compile("raw.no_such_column").evaluate(view)).isNull();
        assertThat(compiler.compile("processed.summary.text").evaluate(view)).isNull();
    }

    @Test
    void shouldReportReferencedSteps() {
        assertThat(compiler.compile("processed.visit_type.category + ': ' + processed.summary.text").referencedSteps())
                .containsExactly("summary", "visit_type");
        assertThat(compiler.compile("Focus: ${processed.visit_type.category}").referencedSteps())
                .containsExactly("visit_type");
    }

    @Test
    void shouldRejectAnythingButTheStateAndTextFunctions() {
        assertThatThrownBy(() -> compiler.compile("System.exit(1)"))
                .isInstanceOf(InvalidExpressionException.class)
                .hasMessageContaining("refers to 'System'");
        // Restricted permissions: methods of Class are denied, so reflection evaluates to nothing.
        assertThat(compiler.compile("raw.department.getClass().forName('java.lang.Runtime')").evaluate(view)).isNull();
        assertThat(compiler.compile("raw.department.getClass().getClassLoader()").evaluate(view)).isNull();
    }

    @Test
    void shouldRejectSyntaxErrors() {
        assertThatThrownBy(() -> compiler.compile("raw.department +"))
                .isInstanceOf(InvalidExpressionException.class)
                .hasMessageStartingWith("'raw.department +' is not a valid expression");
    }

    private static EnrichmentState state(Map<String, Object> raw, Map<String, String> processed) {
        return EnrichmentState.newBuilder()
                .setKey("{\"encounter_id\":7}")
                .setSourceVersion(SourceVersion.newBuilder().setConnector("postgresql").setTable("public.encounters")
                        .setPosition("1").setTsMs(1L).build())
                .setOp(ChangeOp.CREATE)
                .setRaw(new HashMap<>(raw))
                .setProcessed(new HashMap<>(processed))
                .setStepInputs(new HashMap<>())
                .setLog(List.of())
                .setStatus(EnrichmentStatus.PENDING)
                .setCreatedAtMs(1L)
                .setUpdatedAtMs(1L)
                .build();
    }
}
