package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates and deletes the demo makes in the source table while the pipeline runs, and how to tell that the enriched
 * table shows them: an updated row's enrichment comes from a newer source change, a deleted row is gone.
 *
 * @param updated keys of rows whose text is changed (taken from the start of the table)
 * @param deleted keys of rows deleted (taken from the end of the table)
 */
public record LiveChanges(List<Object> updated, List<Object> deleted, Map<Object, Long> sourceTsBefore) {

    static final String AMENDMENT = " Addendum: patient re-contacted by phone, symptoms resolved.";

    /** Chooses the rows to change; fewer when the table is small, and never the same row twice. */
    public static LiveChanges plan(SourceTable table, int updates, int deletes) {
        int rows = table.rows().size();
        int deleteCount = Math.min(deletes, rows / 2);
        int updateCount = Math.min(updates, rows - deleteCount);
        List<Object> updated = new ArrayList<>();
        for (int i = 0; i < updateCount; i++) {
            updated.add(table.rows().get(i).get(0));
        }
        List<Object> deleted = new ArrayList<>();
        for (int i = 0; i < deleteCount; i++) {
            deleted.add(table.rows().get(rows - 1 - i).get(0));
        }
        return new LiveChanges(updated, deleted, new HashMap<>());
    }

    /** Makes the changes, remembering the source time each updated row's enrichment had before. */
    public void apply(CapturedTables tables, SourceTable table, EnrichedTableReader enriched) {
        for (Object key : updated) {
            Map<String, Object> row = enriched.row(key);
            sourceTsBefore.put(key, row == null ? 0L : ((Number) row.get("source_ts_ms")).longValue());
        }
        int textIndex = table.columns().stream().map(SourceTable.Column::name).toList().indexOf(table.textColumn());
        for (Object key : updated) {
            Object current = table.rows().stream().filter(r -> r.get(0).equals(key)).findFirst()
                    .map(r -> r.get(textIndex)).orElse("");
            tables.updateText(table, key, current + AMENDMENT);
        }
        for (Object key : deleted) {
            tables.delete(table, key);
        }
    }

    /** True once every update has a newer enrichment and every deleted row is gone from the enriched table. */
    public boolean visibleIn(EnrichedTableReader enriched) {
        return pendingUpdates(enriched) == 0 && pendingDeletes(enriched) == 0;
    }

    String progress(EnrichedTableReader enriched) {
        return "updates applied " + (updated.size() - pendingUpdates(enriched)) + "/" + updated.size()
                + ", deletes applied " + (deleted.size() - pendingDeletes(enriched)) + "/" + deleted.size();
    }

    String describe() {
        return updated.size() + " updated " + updated + ", " + deleted.size() + " deleted " + deleted;
    }

    private long pendingUpdates(EnrichedTableReader enriched) {
        return updated.stream().filter(key -> {
            Map<String, Object> row = enriched.row(key);
            return row == null || ((Number) row.get("source_ts_ms")).longValue() <= sourceTsBefore.getOrDefault(key, 0L);
        }).count();
    }

    private long pendingDeletes(EnrichedTableReader enriched) {
        return deleted.stream().filter(key -> enriched.row(key) != null).count();
    }
}
