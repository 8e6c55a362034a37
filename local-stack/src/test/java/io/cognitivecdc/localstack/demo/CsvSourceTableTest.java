package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.localstack.postgres.SourceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvSourceTableTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseFileNameAsTableAndFirstColumnAsIntegerKey() throws IOException {
        Path csv = write("Support Tickets.csv", """
                ticket_id,Customer,Body
                1,ACME,"Printer on floor 3 jams, every morning, since Monday."
                2,Globex,Cannot log in.
                """);

        SourceTable table = CsvSourceTable.load(csv, null);

        assertThat(table.name()).isEqualTo("support_tickets");
        assertThat(table.columns()).extracting(SourceTable.Column::name).containsExactly("ticket_id", "customer", "body");
        assertThat(table.columns().get(0).sqlType()).isEqualTo("integer");
        assertThat(table.textColumn()).isEqualTo("body");
        assertThat(table.rows()).containsExactly(
                List.of(1, "ACME", "Printer on floor 3 jams, every morning, since Monday."),
                List.of(2, "Globex", "Cannot log in."));
    }

    @Test
    void shouldKeepTextKeysWhenNotAllNumeric() throws IOException {
        Path csv = write("notes.csv", "code,note\nA-1,first\n2,second\n");

        SourceTable table = CsvSourceTable.load(csv, "note");

        assertThat(table.columns().get(0).sqlType()).isEqualTo("text");
        assertThat(table.rows().get(0).get(0)).isEqualTo("A-1");
    }

    @Test
    void shouldNameFileAndLineWhenRowHasWrongWidth() throws IOException {
        Path csv = write("bad.csv", "id,text\n1,fine\n2,too,many\n");

        assertThatThrownBy(() -> CsvSourceTable.load(csv, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("line 3 has 3 values, the header has 2");
    }

    @Test
    void shouldRejectDuplicateKeys() throws IOException {
        Path csv = write("dup.csv", "id,text\n1,a\n1,b\n");

        assertThatThrownBy(() -> CsvSourceTable.load(csv, null))
                .hasMessageContaining("line 3 has a duplicate primary key '1'");
    }

    @Test
    void shouldRejectUnknownTextColumn() throws IOException {
        Path csv = write("t.csv", "id,text\n1,a\n");

        assertThatThrownBy(() -> CsvSourceTable.load(csv, "notes"))
                .hasMessageContaining("text column 'notes' is not a column of t");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
