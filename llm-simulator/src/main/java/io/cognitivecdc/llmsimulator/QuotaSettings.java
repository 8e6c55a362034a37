package io.cognitivecdc.llmsimulator;

/**
 * Azure-style quota over a sliding one-minute window: beyond it the simulator answers 429 with the time until the
 * window has room again, like a deployment's RPM/TPM limits.
 *
 * @param requestsPerMinute admitted requests per 60 s; 0 = unlimited
 * @param tokensPerMinute   admitted (estimated prompt) tokens per 60 s; 0 = unlimited
 */
public record QuotaSettings(int requestsPerMinute, long tokensPerMinute) {

    public QuotaSettings {
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("quota limits must not be negative");
        }
    }

    public static QuotaSettings unlimited() {
        return new QuotaSettings(0, 0);
    }

    public boolean isUnlimited() {
        return requestsPerMinute == 0 && tokensPerMinute == 0;
    }
}
