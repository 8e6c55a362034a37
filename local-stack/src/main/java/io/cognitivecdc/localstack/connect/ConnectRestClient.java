package io.cognitivecdc.localstack.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cognitivecdc.localstack.StackComponentException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Registers connectors with a Connect worker over its REST API and waits for them to run. */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates or updates connector {@code name} ({@code PUT /connectors/{name}/config}). */
    public void putConnector(String name, Map<String, String> config) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name + "/config"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackComponentException("Kafka Connect", "connector " + name + " was refused (HTTP "
                        + response.statusCode() + "): " + response.body());
            }
        } catch (IOException e) {
            throw new StackComponentException("Kafka Connect", "cannot register connector " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackComponentException("Kafka Connect", "interrupted registering connector " + name, e);
        }
    }

    /** Deletes connector {@code name} and waits until the worker no longer lists it (its tasks have stopped). */
    public void deleteConnector(String name, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name))
                    .timeout(Duration.ofSeconds(30)).DELETE().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 204 && status != 404) {
                throw new StackComponentException("Kafka Connect", "deleting connector " + name + " answered HTTP " + status);
            }
            Instant deadline = Instant.now().plus(timeout);
            while (status(name) != null) {
                if (Instant.now().isAfter(deadline)) {
                    throw new StackComponentException("Kafka Connect", "connector " + name + " still listed after "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new StackComponentException("Kafka Connect", "cannot delete connector " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackComponentException("Kafka Connect", "interrupted deleting connector " + name, e);
        }
    }

    /** Waits until the connector and all its tasks are RUNNING; fails fast, with the trace, when one has FAILED. */
    public void awaitRunning(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastStatus = "no status yet";
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = status(name);
            if (status != null) {
                lastStatus = status.toString();
                String failure = failureTrace(status);
                if (failure != null) {
                    throw new StackComponentException("Kafka Connect", "connector " + name + " failed: " + failure);
                }
                if (isRunning(status)) {
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackComponentException("Kafka Connect", "interrupted waiting for connector " + name, e);
            }
        }
        throw new StackComponentException("Kafka Connect", "connector " + name + " not running after "
                + timeout.toSeconds() + " s: " + lastStatus);
    }

    private JsonNode status(String name) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name + "/status"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean isRunning(JsonNode status) {
        if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
            return false;
        }
        JsonNode tasks = status.path("tasks");
        if (tasks.isEmpty()) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static String failureTrace(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return firstLines(status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return "task " + task.path("id").asText() + ": " + firstLines(task.path("trace").asText());
            }
        }
        return null;
    }

    private static String firstLines(String trace) {
        String[] lines = trace.split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 6)));
    }
}
