package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.demo.SampleEncounters;
import io.cognitivecdc.localstack.postgres.SourceTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Sample encounters whose notes all differ. The processor answers a question it has answered before from its step
 * cache, without a model call; tests that count or time model calls per row need every row to ask its own.
 */
final class DistinctEncounters {

    private DistinctEncounters() {
    }

    static SourceTable generate(String table, int count, long seed) {
        SourceTable sample = SampleEncounters.generate(table, count, seed);
        int text = sample.columns().stream().map(SourceTable.Column::name).toList().indexOf(sample.textColumn());
        List<List<Object>> rows = sample.rows().stream().map(row -> {
            List<Object> distinct = new ArrayList<>(row);
            distinct.set(text, row.get(text) + " Encounter " + row.get(0) + ".");
            return List.copyOf(distinct);
        }).toList();
        return new SourceTable(sample.name(), sample.columns(), sample.textColumn(), rows);
    }
}
