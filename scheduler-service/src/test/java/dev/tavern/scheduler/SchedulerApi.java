package dev.tavern.scheduler;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The scheduler's HTTP API as tests drive it, on one Host (tenant). */
public final class SchedulerApi {

    public record Created(long id, String slug, String hostToken) {
    }

    public record Voter(long participantId, String token) {
    }

    private final String host;
    private final String clientAddress;

    public SchedulerApi(String host) {
        this(host, null);
    }

    private SchedulerApi(String host, String clientAddress) {
        this.host = host;
        this.clientAddress = clientAddress;
    }

    /** The same tenant, asked by a client at this address, as a proxy that forwards it tells the service. */
    public SchedulerApi from(String clientAddress) {
        return new SchedulerApi(host, clientAddress);
    }

    public static SchedulerApi defaultTenant() {
        return new SchedulerApi("localhost");
    }

    public RequestSpecification request() {
        RequestSpecification request = given().header("Host", host).contentType(ContentType.JSON);
        return clientAddress == null ? request : request.header("X-Forwarded-For", clientAddress);
    }

    public ValidatableResponse create(String json) {
        return request().body(json).when().post("/api/events").then();
    }

    /** An event with the given number of one-hour slots, a day apart. */
    public Created createWithSlots(String title, int minPlayers, Integer maxPlayers, int slots, String fromUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("minPlayers", minPlayers);
        body.put("maxPlayers", maxPlayers);
        body.put("fromUrl", fromUrl);
        body.put("slots", java.util.stream.IntStream.range(0, slots).mapToObj(i -> Map.of(
                "start", Instant.parse("2027-03-01T18:00:00Z").plusSeconds(86_400L * i).toString(),
                "end", Instant.parse("2027-03-01T22:00:00Z").plusSeconds(86_400L * i).toString())).toList());
        var json = request().body(body).when().post("/api/events").then().statusCode(201).extract().jsonPath();
        return new Created(json.getLong("id"), json.getString("slug"), json.getString("hostToken"));
    }

    public List<Long> slotIds(String slug) {
        return request().when().get("/api/events/" + slug).then().statusCode(200)
                .extract().jsonPath().getList("slots.id", Long.class);
    }

    public ValidatableResponse vote(String slug, String token, String name, Map<Long, String> answers) {
        RequestSpecification request = request();
        if (token != null) {
            request = request.header("X-Participant-Token", token);
        }
        return request.body(Map.of("name", name, "answers", answers)).when().put("/api/events/" + slug + "/votes").then();
    }

    public Voter join(String slug, String name, Map<Long, String> answers) {
        var json = vote(slug, null, name, answers).statusCode(200).extract().jsonPath();
        return new Voter(json.getLong("participantId"), json.getString("participantToken"));
    }

    public ValidatableResponse withdraw(String slug, String token) {
        return request().header("X-Participant-Token", token).when().delete("/api/events/" + slug + "/votes").then();
    }

    public ValidatableResponse asHost(Created event, String method, String path, Object body) {
        RequestSpecification request = request().header("X-Host-Token", event.hostToken());
        if (body != null) {
            request = request.body(body);
        }
        return request.when().request(method, "/api/events/" + event.slug() + path).then();
    }

    public ValidatableResponse finalizeAt(Created event, long slotId, String location) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slotId", slotId);
        body.put("location", location);
        return asHost(event, "POST", "/finalize", body);
    }
}
