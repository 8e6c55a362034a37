package io.cognitivecdc.llmsimulator;

import io.cognitivecdc.llm.Durations;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone until interrupted:
 * <pre>
 * java -cp … io.cognitivecdc.llmsimulator.LlmSimulatorMain --port 28080 --api-key demo \
 *      --latency lognormal:400ms,3s --fault rate_limit=0.05 --fault invalid_json=0.02 --rpm 600
 * </pre>
 * Options: {@code --host}, {@code --port} (0 = free port), {@code --api-key}, {@code --model}, {@code --latency}
 * ({@link LatencyModel#parse}), {@code --fault name=rate} (repeatable), {@code --fault-attempts N},
 * {@code --retry-after 2s}, {@code --slow-delay 120s}, {@code --rpm N}, {@code --tpm N}, {@code --seed N}.
 * Prints the endpoint on the first line of standard output.
 */
public final class LlmSimulatorMain {

    private LlmSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("llm-simulator: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        LlmSimulator simulator = LlmSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "llm-simulator-shutdown"));
        System.out.println(simulator.endpoint());
        System.out.println("LLM simulator listening on " + simulator.endpoint() + " (Azure OpenAI wire format)");
        System.out.println("  AZURE_OPENAI_ENDPOINT=" + simulator.endpoint() + "  AZURE_OPENAI_API_KEY="
                + config.apiKey() + "  (any deployment name)");
        System.out.println("  stats: GET " + simulator.endpoint() + "/simulator/stats   faults: POST "
                + simulator.endpoint() + "/simulator/faults");
        System.out.flush();
        stopped.await();
    }

    static SimulatorConfig parse(String[] args) {
        SimulatorConfig.Builder config = SimulatorConfig.builder();
        FaultSettings.Builder faults = FaultSettings.builder();
        int rpm = 0;
        long tpm = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0 && !option.startsWith("--fault=")) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else if (option.startsWith("--fault=")) {
                value = option.substring("--fault=".length());
                option = "--fault";
            } else if (option.equals("--help") || option.equals("-h")) {
                usage(System.out);
                System.exit(0);
                return null;
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                value = args[++i];
            }
            switch (option) {
                case "--host" -> config.host(value);
                case "--port" -> config.port(integer(option, value));
                case "--api-key" -> config.apiKey(value);
                case "--model" -> config.model(value);
                case "--latency" -> config.latency(LatencyModel.parse(value));
                case "--seed" -> config.seed(Long.parseLong(value));
                case "--fault" -> {
                    int split = value.indexOf('=');
                    if (split < 0) {
                        throw new IllegalArgumentException("--fault takes name=rate, e.g. rate_limit=0.1");
                    }
                    faults.rate(Fault.parse(value.substring(0, split)),
                            Double.parseDouble(value.substring(split + 1)));
                }
                case "--fault-attempts" -> faults.attempts(integer(option, value));
                case "--retry-after" -> faults.retryAfter(Durations.parse(value));
                case "--slow-delay" -> faults.slowDelay(Durations.parse(value));
                case "--rpm" -> rpm = integer(option, value);
                case "--tpm" -> tpm = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return config.faults(faults.build()).quota(new QuotaSettings(rpm, tpm)).build();
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: LlmSimulatorMain [options]
                  --host H              interface to bind (default 127.0.0.1)
                  --port N              port (default: a free one in 20000-31999)
                  --api-key K           key clients must send (default simulator-key)
                  --model NAME          model name reported in answers
                  --latency SPEC        none | 200ms | uniform:100ms-900ms | lognormal:400ms,3s
                  --fault NAME=RATE     repeatable; NAME one of rate_limit, server_error, unavailable, slow,
                                        invalid_json, out_of_taxonomy, confidence_above_one, content_filter,
                                        content_filter_output, too_long_summary
                  --fault-attempts N    faults hit only attempts 1..N of a conversation (default: all)
                  --retry-after D       Retry-After of simulated 429s (default 1s)
                  --slow-delay D        delay of the slow fault (default 120s)
                  --rpm N, --tpm N      quota per minute (default unlimited)
                  --seed N              random seed (default 42)""");
    }
}
