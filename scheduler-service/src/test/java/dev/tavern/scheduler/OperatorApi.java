package dev.tavern.scheduler;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The operator's tenant API as tests drive it, with the test profile's operator token. */
public final class OperatorApi {

    public static final String TOKEN = "test-operator-token";
    public static final String TENANTS = "/api/operator/tenants";

    private OperatorApi() {
    }

    public static RequestSpecification request() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
    }

    /** An id no other test uses, starting with {@code prefix}. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tenant reached on one hostname, whose links use it. */
    public static ValidatableResponse create(String id, String hostname) {
        return create(id, "Community " + id, "https://" + hostname, List.of(hostname));
    }

    public static ValidatableResponse create(String id, String name, String publicBaseUrl, List<String> hostnames) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.putAll(settings(name, publicBaseUrl, hostnames));
        return request().body(body).when().post(TENANTS).then();
    }

    public static ValidatableResponse update(String id, String name, String publicBaseUrl, List<String> hostnames) {
        return request().body(settings(name, publicBaseUrl, hostnames)).when().put(TENANTS + "/" + id).then();
    }

    public static ValidatableResponse get(String id) {
        return request().when().get(TENANTS + "/" + id).then();
    }

    /** {@code suspend}, {@code resume} or {@code admin-key}. */
    public static ValidatableResponse act(String id, String action) {
        return request().when().post(TENANTS + "/" + id + "/" + action).then();
    }

    public static ValidatableResponse delete(String id) {
        return request().when().delete(TENANTS + "/" + id).then();
    }

    private static Map<String, Object> settings(String name, String publicBaseUrl, List<String> hostnames) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("publicBaseUrl", publicBaseUrl);
        body.put("hostnames", hostnames);
        return body;
    }
}
