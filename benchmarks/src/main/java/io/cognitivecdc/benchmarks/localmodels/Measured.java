package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.benchmarks.VisitNotes;

import java.util.ArrayList;
import java.util.List;

/**
 * Every timed run of the benchmark: a table row each, and the results of the runs with the most threads, which the
 * summary lines and the RESULT line report.
 */
record Measured(List<Row> rows, Classification sentenceKnn, Classification wholeTextKnn, Classification definitions,
                Summarization summary, int invalid) {

    /** A row of the table. */
    record Row(String task, int threads, double rowsPerS, String quality) {
    }

    /** Classifies and summarizes {@code notes} with each model, on 1 and on the most threads. */
    static Measured run(FittedModels models, List<VisitNotes.Note> notes, LocalModelOptions options) {
        List<Row> rows = new ArrayList<>();
        int invalid = 0;
        Classification sentence = null;
        for (int threads : options.threadCounts()) {
            sentence = Classification.measure(models.sentenceKnn(), notes, threads);
            rows.add(new Row("classify, examples, sentence kNN", threads, sentence.rowsPerS(), sentence.describe()));
            invalid += sentence.invalid();
        }
        Classification wholeText = Classification.measure(models.wholeTextKnn(), notes, options.threads());
        rows.add(new Row("classify, examples, whole-text kNN", options.threads(), wholeText.rowsPerS(),
                wholeText.describe()));
        invalid += wholeText.invalid();
        Classification definitions = null;
        for (int threads : options.threadCounts()) {
            definitions = Classification.measure(models.definitions(), notes, threads);
            rows.add(new Row("classify, definitions only", threads, definitions.rowsPerS(), definitions.describe()));
            invalid += definitions.invalid();
        }
        Summarization summary = null;
        for (int threads : options.threadCounts()) {
            summary = Summarization.measure(models.sentenceKnn(), notes, threads, options.maxLength());
            rows.add(new Row("summarize (max_length " + options.maxLength() + ")", threads, summary.rowsPerS(),
                    summary.describe()));
            invalid += summary.invalid();
        }
        return new Measured(List.copyOf(rows), sentence, wholeText, definitions, summary, invalid);
    }
}
