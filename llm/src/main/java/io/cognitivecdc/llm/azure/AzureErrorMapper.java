package io.cognitivecdc.llm.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnprocessableEntityException;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Translates openai-java failures into {@link LlmCallException}s, so the resilience layer decides on retries from the
 * {@link Kind} alone and never sees SDK types.
 */
final class AzureErrorMapper {

    /** Azure's prompt filter answers HTTP 400 with this error code. */
    static final String CONTENT_FILTER_CODE = "content_filter";
    private static final String RESPONSIBLE_AI_CODE = "ResponsibleAIPolicyViolation";

    private final Clock clock;

    AzureErrorMapper(Clock clock) {
        this.clock = clock;
    }

    LlmCallException map(OpenAIException failure) {
        if (failure instanceof OpenAIServiceException service) {
            return mapService(service);
        }
        if (failure instanceof OpenAIIoException io) {
            // OkHttp reports call, read and write timeouts as InterruptedIOException (SocketTimeoutException is one).
            if (hasCause(io, InterruptedIOException.class)) {
                return new LlmCallException(Kind.TIMEOUT, "no answer in time: " + rootMessage(io), -1, null, failure);
            }
            return new LlmCallException(Kind.CONNECTION, "connection failed: " + rootMessage(io), -1, null, failure);
        }
        if (failure instanceof OpenAIInvalidDataException) {
            // The server answered 2xx with a body the SDK cannot read: a server-side fault, worth another try.
            return new LlmCallException(Kind.SERVER_ERROR, "unreadable response: " + failure.getMessage(), -1, null,
                    failure);
        }
        return new LlmCallException(Kind.BAD_REQUEST, "request failed: " + failure.getMessage(), -1, null, failure);
    }

    private LlmCallException mapService(OpenAIServiceException e) {
        int status = e.statusCode();
        String detail = describe(e);
        Duration retryAfter = RetryAfter.fromHeaders(name -> e.headers().values(name), clock).orElse(null);
        Kind kind = switch (e) {
            case RateLimitException ignored -> Kind.RATE_LIMITED;
            case InternalServerException ignored -> Kind.SERVER_ERROR;
            case UnauthorizedException ignored -> Kind.AUTHENTICATION;
            case PermissionDeniedException ignored -> Kind.AUTHENTICATION;
            case BadRequestException ignored -> isContentFilter(e) ? Kind.CONTENT_FILTER : Kind.BAD_REQUEST;
            case NotFoundException ignored -> Kind.BAD_REQUEST;
            case UnprocessableEntityException ignored -> Kind.BAD_REQUEST;
            default -> byStatus(status, e);
        };
        return new LlmCallException(kind, "HTTP " + status + " " + detail, status, retryAfter, e);
    }

    private static Kind byStatus(int status, OpenAIServiceException e) {
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status >= 500) {
            return Kind.SERVER_ERROR;
        }
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        return isContentFilter(e) ? Kind.CONTENT_FILTER : Kind.BAD_REQUEST;
    }

    static boolean isContentFilter(OpenAIServiceException e) {
        if (e.code().map(CONTENT_FILTER_CODE::equals).orElse(false)) {
            return true;
        }
        JsonNode error = errorBody(e);
        return CONTENT_FILTER_CODE.equals(error.path("code").asText())
                || RESPONSIBLE_AI_CODE.equals(error.path("innererror").path("code").asText());
    }

    /** The {@code error} object of the response (the SDK already unwraps it), or a missing node. */
    private static JsonNode errorBody(OpenAIServiceException e) {
        try {
            JsonNode body = e.body().convert(JsonNode.class);
            if (body == null) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            return body.has("error") ? body.get("error") : body;
        } catch (RuntimeException unreadable) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** Azure's error code and message, which name the problem without echoing request headers. */
    private static String describe(OpenAIServiceException e) {
        JsonNode error = errorBody(e);
        String code = Optional.ofNullable(error.path("code").textValue()).orElse("");
        String message = Optional.ofNullable(error.path("message").textValue()).orElse(e.getMessage());
        return code.isEmpty() ? message : code + ": " + message;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
