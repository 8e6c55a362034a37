package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.localstack.postgres.SourceTable;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a source table from a CSV file with a header row: the first column is the primary key (an integer column if
 * every value is one, text otherwise), every other column is text. The table is named after the file.
 */
public final class CsvSourceTable {

    private CsvSourceTable() {
    }

    /**
     * Loads {@code file}; the text to enrich is {@code textColumn}, or when null the column with the longest values.
     *
     * @throws IllegalArgumentException naming the file (and line) when it is empty, has no header, a row of the wrong
     *                                  width, an empty or duplicate key, or no such text column
     */
    public static SourceTable load(Path file, String textColumn) {
        List<String> header;
        List<List<Object>> rows = new ArrayList<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(Files.newBufferedReader(file))) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(file + ": empty file; expected a header row and data rows");
            }
            header = it.next().stream().map(CsvSourceTable::identifier).toList();
            int line = 1;
            java.util.Set<String> keys = new java.util.HashSet<>();
            while (it.hasNext()) {
                line++;
                List<String> values = it.next();
                if (values.size() == 1 && values.get(0).isBlank()) {
                    continue;
                }
                if (values.size() != header.size()) {
                    throw new IllegalArgumentException(file + ": line " + line + " has " + values.size()
                            + " values, the header has " + header.size());
                }
                String key = values.get(0).trim();
                if (key.isEmpty() || !keys.add(key)) {
                    throw new IllegalArgumentException(file + ": line " + line + " has "
                            + (key.isEmpty() ? "an empty" : "a duplicate") + " primary key '" + key + "' (first column)");
                }
                rows.add(new ArrayList<>(values));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException(file + ": cannot read CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no data rows after the header");
        }
        boolean integerKey = rows.stream().allMatch(r -> ((String) r.get(0)).trim().matches("-?\\d{1,9}"));
        if (integerKey) {
            rows.forEach(r -> r.set(0, Integer.parseInt(((String) r.get(0)).trim())));
        }
        List<SourceTable.Column> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            columns.add(new SourceTable.Column(header.get(i), i == 0 && integerKey ? "integer" : "text"));
        }
        String text = textColumn != null ? textColumn : longestColumn(header, rows);
        String table = identifier(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        try {
            return new SourceTable(table, columns, text, rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String longestColumn(List<String> header, List<List<Object>> rows) {
        int best = header.size() > 1 ? 1 : 0;
        long bestLength = -1;
        for (int i = 1; i < header.size(); i++) {
            final int column = i;
            long length = rows.stream().mapToLong(r -> String.valueOf(r.get(column)).length()).sum();
            if (length > bestLength) {
                bestLength = length;
                best = i;
            }
        }
        return header.get(best);
    }

    /** A column or table name turned into a plain lower-case SQL identifier. */
    static String identifier(String raw) {
        String id = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("'" + raw + "' cannot be used as a SQL name");
        }
        return Character.isDigit(id.charAt(0)) ? "_" + id : id;
    }
}
