package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Error bodies shaped like Azure OpenAI's, so clients parse them exactly as they would in production. */
final class AzureErrors {

    private final ObjectMapper mapper;

    AzureErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code {"error":{"code":…,"message":…}}} — the shape of Azure's gateway errors (401, 404, 429, 503). */
    ObjectNode simple(String code, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    ObjectNode unauthorized() {
        return simple("401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                + "provide a valid key for an active subscription and use a correct regional API endpoint for your "
                + "resource.");
    }

    ObjectNode notFound() {
        return simple("404", "Resource not found");
    }

    ObjectNode badRequest(String message) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
                .putNull("code");
        return body;
    }

    ObjectNode rateLimited(String apiVersion, long retryAfterSeconds, String limit) {
        return simple("429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version "
                + apiVersion + " have exceeded " + limit + " of your current OpenAI S0 pricing tier. Please retry "
                + "after " + retryAfterSeconds + " second" + (retryAfterSeconds == 1 ? "" : "s") + ".");
    }

    ObjectNode serverError() {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("message", "The server had an error while processing your request. Sorry about "
                + "that!").put("type", "server_error").putNull("param").putNull("code");
        return body;
    }

    ObjectNode unavailable() {
        return simple("ServiceUnavailable", "The service is temporarily unable to process your request. Please try "
                + "again later.");
    }

    /** Azure's prompt filter: HTTP 400, code {@code content_filter}, the verdicts under {@code innererror}. */
    ObjectNode contentFilter() {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content "
                + "management policy. Please modify your prompt and retry. To learn more about our content filtering "
                + "policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766");
        error.putNull("type");
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        ObjectNode result = inner.putObject("content_filter_result");
        result.putObject("hate").put("filtered", false).put("severity", "safe");
        result.putObject("jailbreak").put("filtered", false).put("detected", false);
        result.putObject("self_harm").put("filtered", false).put("severity", "safe");
        result.putObject("sexual").put("filtered", false).put("severity", "safe");
        result.putObject("violence").put("filtered", true).put("severity", "high");
        return body;
    }
}
