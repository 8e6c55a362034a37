package io.cognitivecdc.cli;

import io.cognitivecdc.localstack.demo.LlmChoice;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Locale;

/** Reads {@code --llm local|simulated|azure}, naming the choices when the value is none of them. */
final class LlmChoiceConverter implements CommandLine.ITypeConverter<LlmChoice> {

    @Override
    public LlmChoice convert(String value) {
        try {
            return LlmChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a model choice; choose one of "
                    + Arrays.stream(LlmChoice.values()).map(LlmChoice::providerName).toList());
        }
    }
}
