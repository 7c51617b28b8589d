package dev.phasebot.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The served OpenAPI document as a contract over real exchanges, checked by Atlassian's
 * swagger-request-validator: every answer must be one the document declares for its operation
 * (status, required headers, body schema, no undeclared fields), and a request the document
 * rejects must be refused with a 4xx, never served. A path the document does not have must
 * answer 404, a method it does not have 405 with {@code Allow} naming the document's methods.
 */
final class ApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final JsonNode paths;
    private final OpenApiInteractionValidator validator;

    ApiContract() {
        this.text = document();
        try {
            this.paths = JSON.readTree(text).path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(text)
                .build();
    }

    /** One request as sent and its answer as received. {@code uri} is the whole address. */
    record Exchange(
            String method,
            URI uri,
            Map<String, List<String>> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {}

    /** The document as served, read the way swagger-parser reads it: its messages are its errors. */
    static List<String> parserMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("swagger-parser read no document at all");
        }
        return messages;
    }

    /** What is wrong with this exchange under the document; empty when it keeps the contract. */
    List<String> problems(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        String path = exchange.uri().getRawPath();
        Request.Method method = Request.Method.valueOf(exchange.method().toUpperCase(Locale.ROOT));
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
            request.withBody(exchange.requestBody());
        }
        query(exchange.uri()).forEach(request::withQueryParam);
        ValidationReport requestReport = validator.validateRequest(request.build());

        String under = path.substring(ApiHandler.PREFIX.length());
        List<String> documented = documentedMethods(under);
        if (documented.isEmpty()) {
            if (exchange.status() != 404) {
                problems.add("no path " + under + " in the document, but the API answered " + exchange.status());
            }
            errorBody(exchange, problems);
            return problems;
        }
        if (!documented.contains(exchange.method().toUpperCase(Locale.ROOT))) {
            String allow = exchange.responseHeaders()
                    .getOrDefault("allow", List.of(""))
                    .get(0);
            if (exchange.status() != 405) {
                problems.add(exchange.method() + " " + under + " is not in the document, but the API answered "
                        + exchange.status());
            }
            if (!new TreeSet<>(documented).equals(new TreeSet<>(List.of(allow.split(",\\s*"))))) {
                problems.add("Allow: '" + allow + "' but the document has " + documented + " for " + under);
            }
            errorBody(exchange, problems);
            return problems;
        }

        SimpleResponse.Builder response = new SimpleResponse.Builder(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        response.withBody(exchange.responseBody());
        ValidationReport responseReport = validator.validateResponse(path, method, response.build());
        messages(responseReport).forEach(m -> problems.add("answer " + exchange.status() + ": " + m));
        if (requestReport.hasErrors() && (exchange.status() < 400 || exchange.status() > 499)) {
            problems.add("the document rejects this request (" + String.join("; ", messages(requestReport))
                    + ") but the API answered " + exchange.status());
        }
        return problems;
    }

    /** The document's methods for a path under the prefix, its {@code {name}} segments matching any one segment. */
    private List<String> documentedMethods(String under) {
        List<String> methods = new ArrayList<>();
        paths.properties().forEach(entry -> {
            String template = Pattern.quote(entry.getKey()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            if (Pattern.matches(template, under)) {
                entry.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
            }
        });
        return methods;
    }

    /** Off the document's operations, an answer is still the API's error: {"error": "...", "field": ...}. */
    private static void errorBody(Exchange exchange, List<String> problems) {
        try {
            JsonNode body = JSON.readTree(exchange.responseBody());
            if (!body.path("error").isTextual() || !body.has("field")) {
                problems.add("answer " + exchange.status() + " is not an error body: " + exchange.responseBody());
            }
        } catch (IOException e) {
            problems.add("answer " + exchange.status() + " is not JSON: " + exchange.responseBody());
        }
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return query;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String document() {
        try (InputStream in = ApiHandler.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
