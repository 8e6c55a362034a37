package io.cognitivecdc.llm.azure;

import java.util.Locale;

/** How request URLs are built on an Azure OpenAI resource. */
public enum AzurePathStyle {

    /**
     * The classic data-plane route {@code /openai/deployments/{deployment}/chat/completions?api-version=…}: the
     * deployment is in the path and {@code api-version} is required.
     */
    DEPLOYMENTS("deployments"),

    /**
     * The OpenAI-compatible v1 route {@code /openai/v1/chat/completions}: the deployment travels as the body's
     * {@code model} and no {@code api-version} is sent.
     */
    V1("v1");

    private final String settingValue;

    AzurePathStyle(String settingValue) {
        this.settingValue = settingValue;
    }

    /** The value written in a provider entry ({@code deployments} or {@code v1}). */
    public String settingValue() {
        return settingValue;
    }

    /**
     * Parses a setting value, case-insensitively.
     *
     * @throws IllegalArgumentException for anything but {@code deployments} or {@code v1}
     */
    public static AzurePathStyle parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (AzurePathStyle style : values()) {
            if (style.settingValue.equals(normalized)) {
                return style;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a path style; use 'deployments' or 'v1'");
    }
}
