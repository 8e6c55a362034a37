package io.cognitivecdc.llm;

/** A provider setting is missing or wrong; the pipeline definition reports it with its path. */
public class InvalidProviderSettingException extends RuntimeException {

    private final String setting;

    /**
     * @param setting the setting's key within the provider entry, e.g. {@code endpoint}
     * @param problem what is wrong and how to fix it
     */
    public InvalidProviderSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** What is wrong, without the setting's name. */
    public String problem() {
        return getMessage().substring(setting.length() + 2);
    }
}
