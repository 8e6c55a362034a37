package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what the simulator has seen since start or the last reset.
 *
 * @param requests         every request, whatever the outcome (also 401s and 404s)
 * @param byStatus         HTTP status → requests
 * @param byTaskType       {@code classify}/{@code summarize}/… → requests ({@code unknown} when there is no task JSON)
 * @param byFault          fault wire name → requests it hit; {@code quota} counts quota 429s
 * @param byStep           the {@code x-cognitive-cdc-step} header → requests ({@code unknown} without it)
 * @param byRoute          {@code deployments} (classic path) or {@code v1} → requests
 * @param byDeployment     deployment (path segment, or {@code model} on v1) → requests
 * @param promptTokens     estimated prompt tokens of answered (HTTP 200) requests
 * @param completionTokens estimated completion tokens of answered requests
 * @param inFlight         requests being handled right now
 * @param maxInFlight      the most requests handled at once
 */
public record SimulatorStats(long requests, Map<Integer, Long> byStatus, Map<String, Long> byTaskType,
                             Map<String, Long> byFault, Map<String, Long> byStep, Map<String, Long> byRoute,
                             Map<String, Long> byDeployment, long promptTokens,
                             long completionTokens, int inFlight, int maxInFlight) {

    public SimulatorStats {
        byStatus = Map.copyOf(byStatus);
        byTaskType = Map.copyOf(byTaskType);
        byFault = Map.copyOf(byFault);
        byStep = Map.copyOf(byStep);
        byRoute = Map.copyOf(byRoute);
        byDeployment = Map.copyOf(byDeployment);
    }

    /** Requests answered with this HTTP status. */
    public long status(int status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Requests hit by this fault. */
    public long fault(Fault fault) {
        return byFault.getOrDefault(fault.wireName(), 0L);
    }

    /** Requests of one step. */
    public long step(String step) {
        return byStep.getOrDefault(step, 0L);
    }

    /** Requests of one task type. */
    public long taskType(String taskType) {
        return byTaskType.getOrDefault(taskType, 0L);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The JSON served at {@code GET /simulator/stats}. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("requests", requests);
        ObjectNode statuses = node.putObject("by_status");
        new TreeMap<>(byStatus).forEach((status, count) -> statuses.put(String.valueOf(status), count));
        ObjectNode tasks = node.putObject("by_task_type");
        new TreeMap<>(byTaskType).forEach(tasks::put);
        ObjectNode faults = node.putObject("by_fault");
        new TreeMap<>(byFault).forEach(faults::put);
        ObjectNode steps = node.putObject("by_step");
        new TreeMap<>(byStep).forEach(steps::put);
        ObjectNode routes = node.putObject("by_route");
        new TreeMap<>(byRoute).forEach(routes::put);
        ObjectNode deployments = node.putObject("by_deployment");
        new TreeMap<>(byDeployment).forEach(deployments::put);
        node.put("prompt_tokens", promptTokens);
        node.put("completion_tokens", completionTokens);
        node.put("total_tokens", totalTokens());
        node.put("in_flight", inFlight);
        node.put("max_in_flight", maxInFlight);
        return node;
    }
}
