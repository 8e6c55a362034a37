package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.InvalidProviderSettingException;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Labelled examples for nearest-neighbour classification: a CSV file (UTF-8, RFC 4180 quoting, header
 * {@code text,category}) with one example per record.
 *
 * <p>Every problem is reported with the file and the line it is on, as an {@link InvalidProviderSettingException}
 * of the setting {@value #SETTING}.
 */
public final class LabelledExamples {

    /** The provider setting that names the file. */
    public static final String SETTING = "examples";
    /** Prefix of a location on the class path instead of the file system. */
    public static final String CLASSPATH_PREFIX = "classpath:";

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
        byte[] bytes;
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
                try (InputStream in = LabelledExamples.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new InvalidProviderSettingException(SETTING,
                                "no resource " + resource + " on the class path");
                    }
                    bytes = in.readAllBytes();
                }
            } else {
                Path path = Path.of(location);
                if (Files.isDirectory(path)) {
                    throw new InvalidProviderSettingException(SETTING,
                            location + " is a directory; expected a CSV file with header text,category");
                }
                bytes = Files.readAllBytes(path);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidProviderSettingException(SETTING, "file " + location + " does not exist (resolved to "
                    + Path.of(location).toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new InvalidProviderSettingException(SETTING, "cannot read " + location + ": " + e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidProviderSettingException(SETTING, location + " is not UTF-8 text");
        }
        return parse(location, text, sha256(bytes));
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
        List<CsvRecord> records = new CsvReader(source, csv).readAll();
        if (records.isEmpty()) {
            throw error(source, 1, "the file is empty; expected a header line text,category and examples");
        }
        CsvRecord header = records.getFirst();
        List<String> names = header.fields().stream().map(f -> f.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        if (!names.equals(List.of("text", "category"))) {
            throw error(source, header.line(), "header must be text,category but is " + String.join(",", header.fields()));
        }
        List<Example> examples = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            List<String> fields = record.fields();
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                continue; // blank line
            }
            if (fields.size() != 2) {
                throw error(source, record.line(), "expected 2 fields (text,category) but found " + fields.size()
                        + (fields.size() > 2 ? "; quote texts that contain commas" : ""));
            }
            String text = fields.get(0).strip();
            String category = fields.get(1).strip();
            if (text.isEmpty()) {
                throw error(source, record.line(), "the text is empty");
            }
            if (category.isEmpty()) {
                throw error(source, record.line(), "the category is empty");
            }
            examples.add(new Example(text, category, record.line()));
        }
        if (examples.size() < 2) {
            throw error(source, records.getLast().line(), "at least 2 examples are needed, found " + examples.size());
        }
        return new LabelledExamples(source, examples, fingerprint);
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
    }

    /** RFC 4180: comma-separated, fields optionally in double quotes ({@code ""} inside is a quote), CRLF or LF. */
    private static final class CsvReader {

        private final String source;
        private final String text;
        private int pos;
        private int line = 1;

        CsvReader(String source, String text) {
            this.source = source;
            this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        }

        List<CsvRecord> readAll() {
            List<CsvRecord> records = new ArrayList<>();
            while (pos < text.length()) {
                records.add(readRecord());
            }
            return records;
        }

        private CsvRecord readRecord() {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quotedField = false;
            while (true) {
                if (pos >= text.length()) {
                    fields.add(field.toString());
                    return new CsvRecord(fields, startLine);
                }
                char c = text.charAt(pos);
                if (c == '"' && field.isEmpty() && !quotedField) {
                    int quoteLine = line;
                    pos++;
                    quotedField = true;
                    while (true) {
                        if (pos >= text.length()) {
                            throw error(source, quoteLine, "a quoted field is never closed");
                        }
                        char q = text.charAt(pos++);
                        if (q == '"') {
                            if (pos < text.length() && text.charAt(pos) == '"') {
                                field.append('"');
                                pos++;
                            } else {
                                break;
                            }
                        } else {
                            if (q == '\n') {
                                line++;
                            }
                            field.append(q);
                        }
                    }
                    // after the closing quote: a separator, the end of the line or the end of the text
                    if (pos < text.length()) {
                        char next = text.charAt(pos);
                        if (next != ',' && next != '\n' && next != '\r') {
                            throw error(source, line, "unexpected character '" + next
                                    + "' after a closing quote; write a quote inside a quoted field as \"\"");
                        }
                    }
                    continue;
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    quotedField = false;
                    pos++;
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    pos++;
                    if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                        pos++;
                    }
                    line++;
                    fields.add(field.toString());
                    return new CsvRecord(fields, startLine);
                }
                if (quotedField) {
                    throw error(source, line, "unexpected character '" + c + "' after a closing quote");
                }
                field.append(c);
                pos++;
            }
        }
    }
}
