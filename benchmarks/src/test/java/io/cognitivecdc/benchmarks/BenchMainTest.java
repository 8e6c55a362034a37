package io.cognitivecdc.benchmarks;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMainTest {

    @Test
    void withoutABenchmarkItListsThem() {
        StringWriter out = new StringWriter();
        CommandLine bench = BenchMain.commandLine();
        bench.setOut(new PrintWriter(out));

        int exit = bench.execute();

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("local-models", "async", "quota");
    }

    @Test
    void aBadBenchmarkOptionIsOneLineOnStderrAndExitCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine bench = BenchMain.commandLine();
        bench.setErr(new PrintWriter(err));

        int exit = bench.execute("async", "--fast");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: unknown option '--fast'").doesNotContain("\tat ");
    }
}
