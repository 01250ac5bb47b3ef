package dev.tavern.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Whatever a client sends to any route, API or page, it gets the status that says what is wrong, with a body that
 * says it too (JSON for the API, the page with its message for browsers); never a 5xx.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOT = "{\"start\":\"2027-01-01T18:00:00Z\",\"end\":\"2027-01-01T20:00:00Z\"}";
    private static final String VALID = "{\"title\":\"Curse of Strahd\",\"minPlayers\":3,\"slots\":[" + SLOT + "]}";
    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    /** A valid tenant, which the operator cases break one way each. */
    private static final String TENANT = "{\"id\":\"guild\",\"name\":\"Гильдия ギルド\",\"publicBaseUrl\":\"https://guild.example\",\"hostnames\":[\"guild.example\"]}";

    /** An open event and a finalized one, set up on first use (the application listens only once tests run). */
    private static SchedulerApi.Created open;
    private static SchedulerApi.Created finalized;
    private static long openSlot;

    /**
     * A request: {@code EVENT}, {@code FINAL} and {@code SLOT} in its path, headers and body stand for the open event's
     * slug, the finalized event's slug and the open event's slot id; {@code HOST} and {@code FINALHOST} for their host
     * tokens. A form case names the field whose error the page shows.
     */
    record Case(String name, String method, String path, Map<String, String> headers, String contentType, byte[] body,
                int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // POST /api/events: not JSON, or not the JSON of an event.
        cases.add(create("empty body", "", 400));
        cases.add(create("truncated JSON", "{\"title\":", 400));
        cases.add(create("JSON array", "[]", 400));
        cases.add(create("JSON null", "null", 400));
        cases.add(create("JSON string", "\"game night\"", 400));
        cases.add(create("NaN literal", VALID.replace("\"minPlayers\":3", "\"minPlayers\":NaN"), 400));
        cases.add(create("trailing garbage", VALID + "}", 400));
        cases.add(create("nesting too deep", "{\"title\":\"t\",\"description\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400));
        cases.add(create("number with 5000 digits", VALID.replace("\"minPlayers\":3", "\"minPlayers\":1" + "0".repeat(5000)), 400));
        cases.add(create("minPlayers above 2^31", VALID.replace("\"minPlayers\":3", "\"minPlayers\":2147483648"), 400));
        cases.add(create("minPlayers a fraction", VALID.replace("\"minPlayers\":3", "\"minPlayers\":2.5"), 400));
        cases.add(create("title an object", "{\"title\":{\"en\":\"t\"}}", 400));
        cases.add(create("slots an object", "{\"title\":\"t\",\"slots\":" + SLOT + "}", 400));
        cases.add(create("slot a string", "{\"title\":\"t\",\"slots\":[\"tomorrow at 8\"]}", 400));
        cases.add(create("slot null", "{\"title\":\"t\",\"slots\":[null]}", 400));
        cases.add(create("slot at an offset-less time", "{\"title\":\"t\",\"slots\":[{\"start\":\"2027-01-01T18:00\",\"end\":\"2027-01-01T20:00\"}]}", 400));
        cases.add(create("slot in year 300000", "{\"title\":\"t\",\"slots\":[{\"start\":\"+300000-01-01T00:00:00Z\",\"end\":\"+300000-01-01T04:00:00Z\"}]}", 400));
        cases.add(create("slot at the epoch's end", "{\"title\":\"t\",\"slots\":[{\"start\":\"+1000000000-12-31T23:59:59Z\",\"end\":\"+1000000000-12-31T23:59:59Z\"}]}", 400));
        cases.add(create("fromUrl with a newline", "{\"title\":\"t\",\"fromUrl\":\"https://example.com/\\nhooks\"}", 400));
        cases.add(create("fromUrl with credentials to loopback", "{\"title\":\"t\",\"fromUrl\":\"http://user:pw@10.0.0.1/hooks\"}", 400));
        cases.add(create("fromUrlId of 5000 characters", "{\"title\":\"t\",\"fromUrlId\":\"" + "i".repeat(5000) + "\"}", 400));
        cases.add(create("title of control characters only", "{\"title\":\"\\u0000\\u0001\"}", 400));
        cases.add(new Case("create: invalid UTF-8", "POST", "/api/events", Map.of(), JSON_TYPE,
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, null));
        cases.add(new Case("create: text/plain body", "POST", "/api/events", Map.of(), "text/plain", bytes(VALID), 415, null));
        cases.add(new Case("create: form body to the API", "POST", "/api/events", Map.of(), FORM_TYPE, bytes("title=t"), 415, null));

        // Reading events.
        cases.add(api("unknown slug", "GET", "/api/events/no-such-event", Map.of(), null, 404));
        cases.add(api("slug of 5000 characters", "GET", "/api/events/" + "s".repeat(5000), Map.of(), null, 404));
        cases.add(api("slug of another script", "GET", "/api/events/%E9%AD%94%E7%8E%8B", Map.of(), null, 404));
        cases.add(api("host view without token", "GET", "/api/events/EVENT/host", Map.of(), null, 401));
        cases.add(api("host view with another token", "GET", "/api/events/EVENT/host", Map.of("X-Host-Token", "not-the-token"), null, 403));

        // Slots (host).
        cases.add(api("add slot without token", "POST", "/api/events/EVENT/slots", Map.of(), SLOT, 401));
        cases.add(api("add slot ending before it starts", "POST", "/api/events/EVENT/slots", host(),
                "{\"start\":\"2027-01-01T20:00:00Z\",\"end\":\"2027-01-01T18:00:00Z\"}", 400));
        cases.add(api("add slot in year 300000", "POST", "/api/events/EVENT/slots", host(),
                "{\"start\":\"+300000-01-01T00:00:00Z\",\"end\":\"+300000-01-01T04:00:00Z\"}", 400));
        cases.add(api("add slot with an empty body", "POST", "/api/events/EVENT/slots", host(), "", 400));
        cases.add(api("add slot to a finalized event", "POST", "/api/events/FINAL/slots", finalHost(), SLOT, 409));
        cases.add(api("move slot with a non-numeric id", "PUT", "/api/events/EVENT/slots/first", host(), SLOT, 404));
        cases.add(api("move an unknown slot", "PUT", "/api/events/EVENT/slots/999999999", host(), SLOT, 404));
        cases.add(api("move slot id beyond a long", "PUT", "/api/events/EVENT/slots/99999999999999999999", host(), SLOT, 404));
        cases.add(api("move slot into year 300000", "PUT", "/api/events/EVENT/slots/SLOT", host(),
                "{\"start\":\"2027-01-01T18:00:00Z\",\"end\":\"+300000-01-01T00:00:00Z\"}", 400));
        cases.add(api("remove an unknown slot", "DELETE", "/api/events/EVENT/slots/999999999", host(), null, 404));

        // Finalizing, location, cancelling (host).
        cases.add(api("finalize without slot", "POST", "/api/events/EVENT/finalize", host(), "{\"location\":\"Ana's\"}", 400));
        cases.add(api("finalize at an unknown slot", "POST", "/api/events/EVENT/finalize", host(), "{\"slotId\":999999999,\"location\":\"Ana's\"}", 409));
        cases.add(api("finalize with a location of 501 characters", "POST", "/api/events/EVENT/finalize", host(),
                "{\"slotId\":SLOT,\"location\":\"" + "l".repeat(501) + "\"}", 400));
        cases.add(api("finalize with slotId a string", "POST", "/api/events/EVENT/finalize", host(), "{\"slotId\":\"first\"}", 400));
        cases.add(api("finalize with another event's token", "POST", "/api/events/EVENT/finalize", finalHost(), "{\"slotId\":SLOT}", 403));
        cases.add(api("finalize twice", "POST", "/api/events/FINAL/finalize", finalHost(), "{\"slotId\":SLOT}", 409));
        cases.add(api("location of an open event", "PUT", "/api/events/EVENT/location", host(), "{\"location\":\"Ana's\"}", 409));
        cases.add(api("location of 501 characters", "PUT", "/api/events/FINAL/location", finalHost(),
                "{\"location\":\"" + "l".repeat(501) + "\"}", 400));
        cases.add(api("cancel without token", "POST", "/api/events/EVENT/cancel", Map.of(), null, 401));
        cases.add(api("remove an unknown participant", "DELETE", "/api/events/EVENT/participants/999999999", host(), null, 404));
        cases.add(api("remove a participant with a non-numeric id", "DELETE", "/api/events/EVENT/participants/ana", host(), null, 404));

        // Votes (participants).
        cases.add(api("vote without name", "PUT", "/api/events/EVENT/votes", Map.of(), "{\"answers\":{}}", 400));
        cases.add(api("vote with a name of 81 characters", "PUT", "/api/events/EVENT/votes", Map.of(),
                "{\"name\":\"" + "n".repeat(81) + "\",\"answers\":{}}", 400));
        cases.add(api("vote without answers", "PUT", "/api/events/EVENT/votes", Map.of(), "{\"name\":\"Ana\"}", 400));
        cases.add(api("vote with an unknown answer", "PUT", "/api/events/EVENT/votes", Map.of(), "{\"name\":\"Ana\",\"answers\":{\"SLOT\":\"PERHAPS\"}}", 400));
        cases.add(api("vote keyed by a non-numeric slot", "PUT", "/api/events/EVENT/votes", Map.of(), "{\"name\":\"Ana\",\"answers\":{\"first\":\"YES\"}}", 400));
        cases.add(api("vote for another event's slot", "PUT", "/api/events/EVENT/votes", Map.of(), "{\"name\":\"Ana\",\"answers\":{\"999999999\":\"YES\"}}", 409));
        cases.add(api("vote with a null answer", "PUT", "/api/events/EVENT/votes", Map.of(), "{\"name\":\"Ana\",\"answers\":{\"SLOT\":null}}", 400));
        cases.add(api("vote with an unknown participant token", "PUT", "/api/events/EVENT/votes", Map.of("X-Participant-Token", "not-a-token"),
                "{\"name\":\"Ana\",\"answers\":{}}", 403));
        cases.add(api("vote on a finalized event", "PUT", "/api/events/FINAL/votes", Map.of(), "{\"name\":\"Ana\",\"answers\":{}}", 409));
        cases.add(api("withdraw without token", "DELETE", "/api/events/EVENT/votes", Map.of(), null, 401));

        // Operator API.
        cases.add(api("operator tenants without token", "GET", "/api/operator/tenants", Map.of(), null, 401));
        cases.add(api("operator: create a tenant without token", "POST", "/api/operator/tenants", Map.of(), TENANT, 401));
        cases.add(tenant("id with capitals", TENANT.replace("\"guild\"", "\"Guild\""), 400));
        cases.add(tenant("id starting with a dash", TENANT.replace("\"guild\"", "\"-guild\""), 400));
        cases.add(tenant("id of 64 characters", TENANT.replace("\"guild\"", "\"" + "g".repeat(64) + "\""), 400));
        cases.add(tenant("id in another script", TENANT.replace("\"guild\"", "\"гильдия\""), 400));
        cases.add(tenant("without id", TENANT.replace("\"id\":\"guild\",", ""), 400));
        cases.add(tenant("without name", TENANT.replace("\"name\":\"Гильдия ギルド\",", ""), 400));
        cases.add(tenant("name of blanks", TENANT.replace("Гильдия ギルド", "   "), 400));
        cases.add(tenant("name of 201 characters", TENANT.replace("Гильдия ギルド", "ギ".repeat(201)), 400));
        cases.add(tenant("without public base URL", TENANT.replace(",\"publicBaseUrl\":\"https://guild.example\"", ""), 400));
        cases.add(tenant("public base URL not http(s)", TENANT.replace("https://guild.example", "ftp://guild.example"), 400));
        cases.add(tenant("public base URL without a host", TENANT.replace("https://guild.example", "https:///guild"), 400));
        cases.add(tenant("public base URL of 501 characters", TENANT.replace("https://guild.example", "https://guild.example/" + "p".repeat(479)), 400));
        cases.add(tenant("without hostnames", TENANT.replace(",\"hostnames\":[\"guild.example\"]", ""), 400));
        cases.add(tenant("hostnames a string", TENANT.replace("[\"guild.example\"]", "\"guild.example\""), 400));
        cases.add(tenant("hostname null", TENANT.replace("[\"guild.example\"]", "[null]"), 400));
        cases.add(tenant("hostname empty", TENANT.replace("[\"guild.example\"]", "[\"\"]"), 400));
        cases.add(tenant("hostname a URL", TENANT.replace("[\"guild.example\"]", "[\"https://guild.example/\"]"), 400));
        cases.add(tenant("hostname with a port", TENANT.replace("[\"guild.example\"]", "[\"guild.example:8080\"]"), 400));
        cases.add(tenant("hostname with a space", TENANT.replace("[\"guild.example\"]", "[\"guild example\"]"), 400));
        cases.add(tenant("hostname with an empty label", TENANT.replace("[\"guild.example\"]", "[\"guild..example\"]"), 400));
        cases.add(tenant("hostname label starting with a dash", TENANT.replace("[\"guild.example\"]", "[\"-guild.example\"]"), 400));
        cases.add(tenant("hostname label of 64 characters", TENANT.replace("[\"guild.example\"]", "[\"" + "g".repeat(64) + ".example\"]"), 400));
        cases.add(tenant("hostname of 254 characters", TENANT.replace("[\"guild.example\"]",
                "[\"" + ("g".repeat(62) + ".").repeat(4) + "gg\"]"), 400));
        cases.add(tenant("hostname in another script", TENANT.replace("[\"guild.example\"]", "[\"ギルド.example\"]"), 400));
        cases.add(tenant("51 hostnames", TENANT.replace("[\"guild.example\"]", IntStream.range(0, 51)
                .mapToObj(i -> "\"h" + i + ".guild.example\"").collect(Collectors.joining(",", "[", "]"))), 400));
        cases.add(tenant("empty body", "", 400));
        cases.add(tenant("JSON array", "[" + TENANT + "]", 400));
        cases.add(new Case("operator: create a tenant without a body or its type", "POST", "/api/operator/tenants", operator(), null, null, 415, null));
        cases.add(api("operator: read an unknown tenant", "GET", "/api/operator/tenants/no-such-tenant", operator(), null, 404));
        cases.add(api("operator: update an unknown tenant", "PUT", "/api/operator/tenants/no-such-tenant", operator(), TENANT.replace("\"id\":\"guild\",", ""), 404));
        cases.add(api("operator: update with another id", "PUT", "/api/operator/tenants/no-such-tenant", operator(), TENANT, 400));
        cases.add(api("operator: update with an empty body", "PUT", "/api/operator/tenants/guild", operator(), "", 400));
        cases.add(api("operator: update with 51 hostnames", "PUT", "/api/operator/tenants/no-such-tenant", operator(), TENANT.replace("\"id\":\"guild\",", "")
                .replace("[\"guild.example\"]", IntStream.range(0, 51).mapToObj(i -> "\"h" + i + ".guild.example\"").collect(Collectors.joining(",", "[", "]"))), 400));
        cases.add(api("operator: suspend an unknown tenant", "POST", "/api/operator/tenants/no-such-tenant/suspend", operator(), null, 404));
        cases.add(api("operator: resume an unknown tenant", "POST", "/api/operator/tenants/no-such-tenant/resume", operator(), null, 404));
        cases.add(api("operator: delete an unknown tenant", "DELETE", "/api/operator/tenants/no-such-tenant", operator(), null, 404));
        cases.add(api("operator: admin key of an unknown tenant", "POST", "/api/operator/tenants/no-such-tenant/admin-key", operator(), null, 404));
        cases.add(api("operator: tenant id of 5000 characters", "GET", "/api/operator/tenants/" + "t".repeat(5000), operator(), null, 404));

        // The /new form, as a browser posts it.
        cases.add(form("empty form", "", 400, "title"));
        cases.add(form("title of 201 characters", "title=" + "x".repeat(201), 400, "title"));
        cases.add(form("description of 5001 characters", "title=t&description=" + "d".repeat(5001), 400, "description"));
        cases.add(form("minPlayers not a number", "title=t&minPlayers=many", 400, "minPlayers"));
        cases.add(form("minPlayers beyond an int", "title=t&minPlayers=99999999999", 400, "minPlayers"));
        cases.add(form("maxPlayers below minPlayers", "title=t&minPlayers=5&maxPlayers=2", 400, "maxPlayers"));
        cases.add(form("unknown timezone", "title=t&timezone=Mars%2FOlympus", 400, "timezone"));
        cases.add(form("slot not a date", "title=t&slotStart=tomorrow&slotEnd=2027-01-01T20%3A00", 400, "slots[0].start"));
        cases.add(form("slot in year 300000", "title=t&slotStart=%2B300000-01-01T00%3A00&slotEnd=%2B300000-01-01T04%3A00", 400, "slots[0].start"));
        cases.add(form("slot before 2000", "title=t&slotStart=1999-12-31T18%3A00&slotEnd=1999-12-31T20%3A00", 400, "slots[0].start"));
        cases.add(form("slot ending before it starts", "title=t&slotStart=2027-01-01T20%3A00&slotEnd=2027-01-01T18%3A00", 400, "slots[0].end"));
        cases.add(form("slot start without end", "title=t&slotStart=2027-01-01T20%3A00", 400, "slots[0].end"));
        cases.add(form("101 slots", "title=t" + IntStream.range(0, 101)
                .mapToObj(i -> "&slotStart=2027-01-01T18%3A00&slotEnd=2027-01-01T20%3A00").collect(Collectors.joining()), 400, "slots"));
        cases.add(form("fromUrl not http", "title=t&fromUrl=ftp%3A%2F%2Fexample.com%2Fx", 400, "fromUrl"));
        cases.add(form("fromUrl to cloud metadata", "title=t&fromUrl=http%3A%2F%2F169.254.169.254%2Flatest", 400, "fromUrl"));
        cases.add(form("fromUrl resolving privately", "title=t&fromUrl=https%3A%2F%2Finternal.tavern.test%2Fhooks", 400, "fromUrl"));
        cases.add(form("broken percent-encoding", "title=%zz&minPlayers=3", 400, null));
        cases.add(form("NUL in the title", "title=Night%00&minPlayers=3", 400, null));
        cases.add(form("slot errors name the row typed in", "title=t&slotStart=&slotEnd=&slotStart=2027-01-01T20%3A00&slotEnd=2027-01-01T18%3A00",
                400, "slots[1].end"));
        cases.add(new Case("form: JSON to the form", "POST", "/new", Map.of(), JSON_TYPE, bytes(VALID), 415, null));

        // Pages.
        cases.add(page("new page pre-filled with nonsense", "GET", "/new?minPlayers=many&maxPlayers=-1&fromUrl=ftp%3A%2F%2Fx", null, 200));
        cases.add(page("new page with a title of 5000 characters", "GET", "/new?title=" + "x".repeat(5000), null, 200));
        cases.add(page("unknown event page", "GET", "/e/no-such-event", null, 404));
        cases.add(page("host page without the host cookie", "GET", "/e/EVENT/host", null, 401));
        cases.add(page("calendar of an unknown event", "GET", "/e/no-such-event/calendar.ics", null, 404));
        cases.add(new Case("page: finalize form with a non-numeric slot", "POST", "/e/EVENT/host/finalize", hostCookie(), FORM_TYPE,
                bytes("slotId=first"), 400, null));
        cases.add(page("finalize form without the host cookie", "POST", "/e/EVENT/host/finalize", "slotId=SLOT", 401));
        cases.add(page("cancel without the host cookie", "POST", "/e/EVENT/host/cancel", null, 401));
        cases.add(new Case("page: location form with NUL", "POST", "/e/FINAL/host/location", Map.of("Cookie", "tavern_host_FINAL=FINALHOST"),
                FORM_TYPE, bytes("location=Ana%00s"), 400, null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWhatIsWrongAndNever500(Case badInput) throws Exception {
        Response response = send(badInput);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(badInput.status()).isLessThan(500);
        String contentType = response.contentType();
        if (badInput.status() == 200) {
            assertThat(contentType).startsWith("text/html");
        } else if (badInput.path().startsWith("/api/")) {
            assertThat(contentType).startsWith(JSON_TYPE);
            JsonNode body = JSON.readTree(response.asString());
            assertThat(body.path("error").asText()).as(response.asString()).isNotBlank();
        } else {
            assertThat(response.asString()).as("a page that says what is wrong").isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formCases")
    void theFormShowsTheErrorBesideItsField(Case badInput) {
        Response response = send(badInput);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.asString()).contains("data-field=\"" + badInput.field() + "\"");
    }

    static Stream<Case> formCases() {
        return cases().filter(badInput -> badInput.field() != null);
    }

    private static Response send(Case badInput) {
        setUp();
        RequestSpecification request = given().header("Host", "localhost").redirects().follow(false);
        for (Map.Entry<String, String> header : badInput.headers().entrySet()) {
            request = request.header(header.getKey(), substitute(header.getValue()));
        }
        if (badInput.contentType() != null) {
            request = request.contentType(badInput.contentType() + "; charset=UTF-8");
        }
        if (badInput.body() != null) {
            String text = new String(badInput.body(), StandardCharsets.UTF_8);
            // Form bodies go as text (RestAssured encodes no bytes as a form); the rest byte for byte, invalid UTF-8 included.
            request = FORM_TYPE.equals(badInput.contentType()) ? request.body(substitute(text))
                    : request.body(text.equals(substitute(text)) ? badInput.body() : bytes(substitute(text)));
        }
        return request.request(badInput.method(), substitute(badInput.path()));
    }

    private static synchronized void setUp() {
        if (open == null) {
            SchedulerApi api = SchedulerApi.defaultTenant();
            open = api.createWithSlots("Bad input, open", 1, null, 2, null);
            openSlot = api.slotIds(open.slug()).get(0);
            finalized = api.createWithSlots("Bad input, finalized", 1, null, 1, null);
            api.finalizeAt(finalized, api.slotIds(finalized.slug()).get(0), "Ana's").statusCode(200);
        }
    }

    private static String substitute(String text) {
        return text.replace("FINALHOST", finalized.hostToken()).replace("HOST", open.hostToken())
                .replace("EVENT", open.slug()).replace("FINAL", finalized.slug())
                .replace("SLOT", Long.toString(openSlot));
    }

    private static Case create(String name, String body, int status) {
        return new Case("create: " + name, "POST", "/api/events", Map.of(), JSON_TYPE, bytes(body), status, null);
    }

    private static Case api(String name, String method, String path, Map<String, String> headers, String body, int status) {
        return new Case(name, method, path, headers, body == null ? null : JSON_TYPE, body == null ? null : bytes(body), status, null);
    }

    /** POST /api/operator/tenants with the operator token. */
    private static Case tenant(String name, String body, int status) {
        return new Case("operator: create a tenant, " + name, "POST", "/api/operator/tenants", operator(), JSON_TYPE, bytes(body), status, null);
    }

    private static Case form(String name, String body, int status, String field) {
        return new Case("form: " + name, "POST", "/new", Map.of(), FORM_TYPE, bytes(body), status, field);
    }

    private static Case page(String name, String method, String path, String formBody, int status) {
        return new Case("page: " + name, method, path, Map.of(), formBody == null ? null : FORM_TYPE,
                formBody == null ? null : bytes(formBody), status, null);
    }

    private static Map<String, String> host() {
        return Map.of("X-Host-Token", "HOST");
    }

    private static Map<String, String> finalHost() {
        return Map.of("X-Host-Token", "FINALHOST");
    }

    /** The cookie the host's browser got when it created the open event. */
    private static Map<String, String> hostCookie() {
        return Map.of("Cookie", "tavern_host_EVENT=HOST");
    }

    private static Map<String, String> operator() {
        return Map.of("Authorization", "Bearer " + OperatorApi.TOKEN);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
