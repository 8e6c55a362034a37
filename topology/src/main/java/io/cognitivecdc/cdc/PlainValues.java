package io.cognitivecdc.cdc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.Schema;

/**
 * Turns Avro and JSON-decoded values into plain Java, so nothing downstream depends on the converter that carried
 * the event.
 */
final class PlainValues {

    private PlainValues() {
    }

    /**
     * Converts one value: text ({@code Utf8}, enum symbols) to {@code String}, records and maps to unmodifiable
     * {@code Map<String, Object>} in field order, arrays to unmodifiable lists, {@code bytes} and {@code fixed} to
     * {@code byte[]}; numbers and booleans unchanged.
     */
    static Object toJava(Object value) {
        return switch (value) {
            case null -> null;
            case CharSequence text -> text.toString();
            case GenericEnumSymbol<?> symbol -> symbol.toString();
            case IndexedRecord record -> recordToMap(record);
            case Map<?, ?> map -> mapToMap(map);
            case Collection<?> items -> listOf(items);
            // A copy, because Avro reuses and repositions buffers; byte[] is also what JSON users expect.
            case ByteBuffer buffer -> ByteBuffers.toByteArray(buffer);
            case GenericFixed fixed -> fixed.bytes().clone();
            default -> value;
        };
    }

    static Map<String, Object> recordToMap(IndexedRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), toJava(record.get(field.pos())));
        }
        return Collections.unmodifiableMap(map);
    }

    static Map<String, Object> mapToMap(Map<?, ?> source) {
        Map<String, Object> map = new LinkedHashMap<>();
        source.forEach((key, value) -> map.put(String.valueOf(key), toJava(value)));
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> listOf(Collection<?> items) {
        List<Object> list = new ArrayList<>(items.size());
        items.forEach(item -> list.add(toJava(item)));
        return Collections.unmodifiableList(list);
    }
}
