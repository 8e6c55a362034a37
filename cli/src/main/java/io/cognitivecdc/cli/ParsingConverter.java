package io.cognitivecdc.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.function.Function;

/** Turns a parser's {@link IllegalArgumentException} into picocli's message for the option. */
abstract class ParsingConverter<T> implements ITypeConverter<T> {

    private final Function<String, T> parser;

    ParsingConverter(Function<String, T> parser) {
        this.parser = parser;
    }

    @Override
    public T convert(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
