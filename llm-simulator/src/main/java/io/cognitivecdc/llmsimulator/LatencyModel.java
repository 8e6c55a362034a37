package io.cognitivecdc.llmsimulator;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * How long the simulated model "thinks" before answering. Sleeping happens on a virtual thread per request, so
 * thousands of concurrent slow requests cost almost nothing.
 */
public sealed interface LatencyModel {

    /** One delay; {@code random} is the simulator's seeded generator. */
    Duration sample(Random random);

    /** No delay. */
    static LatencyModel none() {
        return new Fixed(Duration.ZERO);
    }

    static LatencyModel fixed(Duration delay) {
        return new Fixed(delay);
    }

    /** Uniform between {@code min} and {@code max}. */
    static LatencyModel uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    /**
     * Log-normal with the given median and 99th percentile — the long-tailed shape of real LLM latency. Samples are
     * capped at three times the p99.
     */
    static LatencyModel logNormal(Duration median, Duration p99) {
        return new LogNormal(median, p99);
    }

    /**
     * Parses {@code 200ms}, {@code fixed:200ms}, {@code uniform:100ms-900ms}, {@code lognormal:400ms,3s} (median, p99)
     * or {@code none}. Durations take {@code ms}, {@code s} or {@code m}.
     */
    static LatencyModel parse(String spec) {
        String text = spec.trim().toLowerCase(Locale.ROOT);
        if (text.equals("none") || text.equals("0")) {
            return none();
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "fixed" : text.substring(0, colon);
        String args = colon < 0 ? text : text.substring(colon + 1);
        return switch (kind) {
            case "fixed" -> fixed(Durations.parse(args));
            case "uniform" -> {
                String[] bounds = args.split("-|\\.\\.|,");
                if (bounds.length != 2) {
                    throw new IllegalArgumentException("uniform latency needs min-max, e.g. uniform:100ms-900ms");
                }
                yield uniform(Durations.parse(bounds[0]), Durations.parse(bounds[1]));
            }
            case "lognormal", "log-normal" -> {
                String[] parts = args.split(",");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("log-normal latency needs median,p99, e.g. lognormal:400ms,3s");
                }
                yield logNormal(Durations.parse(parts[0]), Durations.parse(parts[1]));
            }
            default -> throw new IllegalArgumentException("unknown latency '" + spec + "'; use fixed:, uniform: or "
                    + "lognormal:");
        };
    }

    /** Always the same delay. */
    record Fixed(Duration delay) implements LatencyModel {
        public Fixed {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
        }

        @Override
        public Duration sample(Random random) {
            return delay;
        }
    }

    /** Uniform between two bounds. */
    record Uniform(Duration min, Duration max) implements LatencyModel {
        public Uniform {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform latency needs 0 <= min <= max");
            }
        }

        @Override
        public Duration sample(Random random) {
            long span = max.toNanos() - min.toNanos();
            return min.plusNanos(span == 0 ? 0 : (long) (random.nextDouble() * span));
        }
    }

    /** Log-normal from median and p99. */
    record LogNormal(Duration median, Duration p99) implements LatencyModel {
        /** The standard normal's 99th percentile. */
        private static final double Z99 = 2.3263478740408408;

        public LogNormal {
            if (median.isNegative() || median.isZero() || p99.compareTo(median) < 0) {
                throw new IllegalArgumentException("log-normal latency needs 0 < median <= p99");
            }
        }

        @Override
        public Duration sample(Random random) {
            double mu = Math.log(median.toNanos());
            double sigma = (Math.log(p99.toNanos()) - mu) / Z99;
            double nanos = Math.exp(mu + sigma * random.nextGaussian());
            return Duration.ofNanos((long) Math.min(nanos, 3.0 * p99.toNanos()));
        }
    }
}
