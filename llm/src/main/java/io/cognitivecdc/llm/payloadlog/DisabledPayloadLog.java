package io.cognitivecdc.llm.payloadlog;

/** The default: records nothing. */
final class DisabledPayloadLog implements PayloadLog {

    static final DisabledPayloadLog INSTANCE = new DisabledPayloadLog();

    private DisabledPayloadLog() {
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public void record(PayloadEntry entry) {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "PayloadLog[disabled]";
    }
}
