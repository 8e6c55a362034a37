package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * The simulator's own API under {@code /simulator/} (no key: it binds to loopback by default):
 * <ul>
 *   <li>{@code GET /simulator/health} → {@code {"status":"ok"}}</li>
 *   <li>{@code GET /simulator/stats} → {@link SimulatorStats#toJson}; {@code POST /simulator/stats/reset} zeroes it</li>
 *   <li>{@code GET /simulator/faults} → {@link FaultSettings#toJson}; {@code POST /simulator/faults} with the same
 *       JSON changes them (absent fields keep their values; {@code "rates"} replaces all rates)</li>
 * </ul>
 */
final class ControlHandler {

    static final String PREFIX = "/simulator/";

    private final LlmSimulator simulator;
    private final ObjectMapper mapper;

    ControlHandler(LlmSimulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (method + " " + path) {
            case "GET /simulator/health" -> json(exchange, 200, mapper.createObjectNode().put("status", "ok"));
            case "GET /simulator/stats" -> json(exchange, 200, simulator.stats().toJson(mapper));
            case "POST /simulator/stats/reset", "DELETE /simulator/stats" -> {
                simulator.resetStats();
                Http.sendEmpty(exchange, 204);
            }
            case "GET /simulator/faults" -> json(exchange, 200, simulator.faults().toJson(mapper));
            case "POST /simulator/faults", "PUT /simulator/faults" -> {
                try {
                    JsonNode body = mapper.readTree(raw);
                    FaultSettings updated = FaultSettings.fromJson(body == null ? mapper.nullNode() : body,
                            simulator.faults());
                    simulator.setFaults(updated);
                    json(exchange, 200, updated.toJson(mapper));
                } catch (IOException | IllegalArgumentException e) {
                    json(exchange, 400, mapper.createObjectNode().set("error", mapper.createObjectNode()
                            .put("code", "BadRequest").put("message", String.valueOf(e.getMessage()))));
                }
            }
            default -> json(exchange, 404, mapper.createObjectNode().set("error", mapper.createObjectNode()
                    .put("code", "404").put("message", "Resource not found")));
        }
    }

    private void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        Http.sendJson(exchange, status, mapper.writeValueAsBytes(body));
    }
}
