package io.cognitivecdc.llm.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.cognitivecdc.llm.InvalidProviderSettingException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Labelled examples for nearest-neighbour classification: a CSV file (UTF-8, RFC 4180 quoting, header
 * {@code text,category}) with one example per record; blank lines are skipped. Read with jackson-dataformat-csv.
 *
 * <p>Every problem is reported with the file and the line it is on (and the column, for CSV syntax), as an
 * {@link InvalidProviderSettingException} of the setting {@value #SETTING}.
 */
public final class LabelledExamples {

    /** The provider setting that names the file. */
    public static final String SETTING = "examples";
    /** Prefix of a location on the class path instead of the file system. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    /** Each record as a list of its fields, whatever their number: the header and field count are checked here. */
    private static final ObjectReader RECORDS = new CsvMapper().readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final String QUOTING_HINT = "a text with commas, quotes or line breaks must be in double quotes, "
            + "each quote inside written as \"\"";

    /**
     * One example.
     *
     * @param line the line of the file its record starts on (1 is the header)
     */
    public record Example(String text, String category, int line) {
    }

    private final String source;
    private final List<Example> examples;
    private final Map<String, Integer> firstLineByCategory;
    private final String fingerprint;

    private LabelledExamples(String source, List<Example> examples, String fingerprint) {
        this.source = source;
        this.examples = List.copyOf(examples);
        Map<String, Integer> first = new LinkedHashMap<>();
        for (Example example : examples) {
            first.putIfAbsent(example.category(), example.line());
        }
        this.firstLineByCategory = first;
        this.fingerprint = fingerprint;
    }

    /**
     * Loads a file ({@code /path/to/file.csv}, relative to the working directory when relative) or a class-path
     * resource ({@code classpath:io/cognitivecdc/llm/local/visit-type-examples.csv}).
     *
     * @throws InvalidProviderSettingException when it cannot be read or is not a valid examples file
     */
    public static LabelledExamples load(String location) {
        Objects.requireNonNull(location, "location");
        byte[] bytes = read(location);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidProviderSettingException(SETTING, location + " is not UTF-8 text");
        }
        return parse(location, text, sha256(bytes));
    }

    private static byte[] read(String location) {
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
                try (InputStream in = LabelledExamples.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new InvalidProviderSettingException(SETTING,
                                "no resource " + resource + " on the class path");
                    }
                    return in.readAllBytes();
                }
            }
            Path path = Path.of(location);
            if (Files.isDirectory(path)) {
                throw new InvalidProviderSettingException(SETTING,
                        location + " is a directory; expected a CSV file with header text,category");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidProviderSettingException(SETTING, "file " + location + " does not exist (resolved to "
                    + Path.of(location).toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new InvalidProviderSettingException(SETTING, "cannot read " + location + ": " + e);
        }
    }

    /**
     * Parses CSV text.
     *
     * @param source what to call it in messages (the file name)
     */
    public static LabelledExamples parse(String source, String csv) {
        return parse(source, csv, sha256(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static LabelledExamples parse(String source, String csv, String fingerprint) {
        List<CsvRecord> records = readRecords(source, csv);
        if (records.isEmpty()) {
            throw error(source, 1, "the file is empty; expected a header line text,category and examples");
        }
        CsvRecord header = records.getFirst();
        List<String> names = header.fields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        if (!names.equals(List.of("text", "category"))) {
            throw error(source, header.line(), "header must be text,category but is " + String.join(",", header.fields()));
        }
        List<Example> examples = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            if (!record.isBlank()) {
                examples.add(example(source, record));
            }
        }
        if (examples.size() < 2) {
            throw error(source, records.getLast().line(), "at least 2 examples are needed, found " + examples.size());
        }
        return new LabelledExamples(source, examples, fingerprint);
    }

    private static Example example(String source, CsvRecord record) {
        List<String> fields = record.fields();
        if (fields.size() != 2) {
            throw error(source, record.line(), "expected 2 fields (text,category) but found " + fields.size()
                    + (fields.size() > 2 ? "; " + QUOTING_HINT : ""));
        }
        String text = fields.get(0).strip();
        String category = fields.get(1).strip();
        if (text.isEmpty()) {
            throw error(source, record.line(), "the text is empty");
        }
        if (category.isEmpty()) {
            throw error(source, record.line(), "the category is empty");
        }
        return new Example(text, category, record.line());
    }

    /** The records with the line each starts on (a quoted field may span lines). */
    private static List<CsvRecord> readRecords(String source, String csv) {
        // Given text, not bytes, the parser keeps a byte order mark as the start of the first header name.
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<CsvRecord> records = new ArrayList<>();
        int line = 1;
        try (MappingIterator<List<String>> rows = RECORDS.readValues(text)) {
            while (rows.hasNextValue()) {
                line = rows.getParser().currentLocation().getLineNr();
                records.add(new CsvRecord(rows.nextValue(), line));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw error(source, line, "not valid CSV: " + e.getOriginalMessage()
                    + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; " + QUOTING_HINT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String has no I/O to fail
        }
        return records;
    }

    /** The file or resource they came from. */
    public String source() {
        return source;
    }

    public List<Example> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    /** Categories in order of first appearance. */
    public Set<String> categories() {
        return firstLineByCategory.keySet();
    }

    /** SHA-256 of the file's bytes. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Checks that a taxonomy covers every category of the examples.
     *
     * @param step     the asking step, for the message
     * @throws InvalidProviderSettingException naming the file and the first line of the first category missing
     */
    public void requireCoveredBy(Collection<String> taxonomy, String step) {
        for (Map.Entry<String, Integer> entry : firstLineByCategory.entrySet()) {
            if (!taxonomy.contains(entry.getKey())) {
                throw error(source, entry.getValue(), "category '" + entry.getKey() + "' is not in the taxonomy of step '"
                        + step + "' " + taxonomy + "; every category of the examples must be a taxonomy name");
            }
        }
    }

    private static InvalidProviderSettingException error(String source, int line, String problem) {
        return new InvalidProviderSettingException(SETTING, source + " line " + line + ": " + problem);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record CsvRecord(List<String> fields, int line) {

        /** A blank line: no field, or one of only white space. */
        boolean isBlank() {
            return fields.isEmpty() || (fields.size() == 1 && fields.getFirst().isBlank());
        }
    }
}
