package dev.tavern.vtt.roll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Whatever a client sends, it gets a 4xx with a JSON body that says what is wrong; never a 5xx. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

    private static final String VALID = """
            {"campaignId":"WORLD","characterId":"char-456","characterName":"Gimli","rollId":"ROLL","rollFormula":"1d20+5",
             "result":18,"diceResults":[13,5],"isCritical":false,"criticalType":null,"isHidden":false,"rollType":"attack",
             "metadata":{"flavor":"Longsword Attack"}}""";

    private static IngestApi vtt;

    /** A case: how it authenticates ("KEY" is the connection's key), its raw body, and the status it must get. */
    record Case(String name, String authorization, byte[] body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Set up on first use: the application is only listening once the first test runs. */
    private static synchronized IngestApi vtt() {
        if (vtt == null) {
            vtt = IngestApi.tenantWithCampaign("world-bad-input");
        }
        return vtt;
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        // Missing or malformed authentication: 401, before the body is even read.
        for (String auth : new String[] {null, "", "Bearer", "Bearer ", "Basic dGF2ZXJuOmtleQ==", "Token KEY", "KEY",
                "Bearer ta_unknown", "Bearer ta_", "Bearer tadm_notAnApiKey", "Bearer KEY KEY", "Bearer \u00e9t\u00e9"}) {
            cases.add(new Case("auth " + auth, auth, VALID.getBytes(StandardCharsets.UTF_8), 401, null));
        }
        // Not a JSON object.
        cases.add(body("empty body", "", 400, "body"));
        cases.add(body("truncated JSON", "{\"campaignId\":\"WORLD\",\"rollId\":", 400, "body"));
        cases.add(body("JSON array", "[]", 400, "body"));
        cases.add(body("JSON null", "null", 400, "body"));
        cases.add(body("JSON number", "42", 400, "body"));
        cases.add(body("JSON string", "\"roll\"", 400, "body"));
        cases.add(body("NaN literal", VALID.replace("\"result\":18", "\"result\":NaN"), 400, "body"));
        cases.add(body("Infinity literal", VALID.replace("\"result\":18", "\"result\":Infinity"), 400, "body"));
        cases.add(body("trailing garbage", VALID + "}", 400, "body"));
        cases.add(new Case("invalid UTF-8", "Bearer KEY", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, "campaignId"));
        cases.add(body("nesting too deep", VALID.replace("{\"flavor\":\"Longsword Attack\"}",
                "[".repeat(5000) + "]".repeat(5000)), 400, "body"));
        cases.add(body("number with 5000 digits", VALID.replace("\"result\":18", "\"result\":1" + "0".repeat(5000)), 400, "body"));
        // Missing and blank required fields.
        cases.add(body("empty object", "{}", 400, "rollFormula"));
        for (String field : new String[] {"campaignId", "characterId", "characterName", "rollId", "rollFormula"}) {
            cases.add(body(field + " missing", remove(field), 400, field));
            cases.add(body(field + " blank", VALID.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"   \""), 400, field));
            cases.add(body(field + " not a string", VALID.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":{\"x\":1}"), 400, field));
            cases.add(body(field + " too long", VALID.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + "x".repeat(600) + "\""), 400, field));
        }
        cases.add(body("NUL in characterName", VALID.replace("\"Gimli\"", "\"Gim\\u0000li\""), 400, "characterName"));
        // Numbers.
        cases.add(body("result missing", VALID.replace("\"result\":18,", ""), 400, "result"));
        cases.add(body("result null", VALID.replace("\"result\":18", "\"result\":null"), 400, "result"));
        cases.add(body("result a string", VALID.replace("\"result\":18", "\"result\":\"18\""), 400, "result"));
        cases.add(body("result a boolean", VALID.replace("\"result\":18", "\"result\":true"), 400, "result"));
        cases.add(body("result beyond a double", VALID.replace("\"result\":18", "\"result\":1e400"), 422, "result"));
        cases.add(body("result out of range", VALID.replace("\"result\":18", "\"result\":-1e13"), 422, "result"));
        cases.add(body("diceResults missing", VALID.replace("\"diceResults\":[13,5],", ""), 400, "diceResults"));
        cases.add(body("diceResults a string", VALID.replace("[13,5]", "\"13,5\""), 400, "diceResults"));
        cases.add(body("diceResults an object", VALID.replace("[13,5]", "{\"a\":1}"), 400, "diceResults"));
        cases.add(body("a die a string", VALID.replace("[13,5]", "[13,\"5\"]"), 400, "diceResults[1]"));
        cases.add(body("a die null", VALID.replace("[13,5]", "[null]"), 400, "diceResults[0]"));
        cases.add(body("no dice", VALID.replace("[13,5]", "[]"), 422, "diceResults"));
        cases.add(body("101 dice", VALID.replace("[13,5]", dice(101)), 422, "diceResults"));
        cases.add(body("1001 dice", VALID.replace("[13,5]", dice(1001)), 400, "diceResults"));
        // Flags and enumerations.
        cases.add(body("isCritical a string", VALID.replace("\"isCritical\":false", "\"isCritical\":\"yes\""), 400, "isCritical"));
        cases.add(body("isCritical a number", VALID.replace("\"isCritical\":false", "\"isCritical\":1"), 400, "isCritical"));
        cases.add(body("isHidden a string", VALID.replace("\"isHidden\":false", "\"isHidden\":\"false\""), 400, "isHidden"));
        cases.add(body("criticalType unknown", VALID.replace("\"isCritical\":false,\"criticalType\":null",
                "\"isCritical\":true,\"criticalType\":\"epic\""), 400, "criticalType"));
        cases.add(body("criticalType a number", VALID.replace("\"criticalType\":null", "\"criticalType\":5"), 400, "criticalType"));
        cases.add(body("criticalType without isCritical", VALID.replace("\"criticalType\":null", "\"criticalType\":\"success\""), 422, "criticalType"));
        cases.add(body("rollType a number", VALID.replace("\"rollType\":\"attack\"", "\"rollType\":12"), 400, "rollType"));
        cases.add(body("rollType too long", VALID.replace("\"rollType\":\"attack\"", "\"rollType\":\"" + "a".repeat(101) + "\""), 400, "rollType"));
        cases.add(body("metadata a string", VALID.replace("{\"flavor\":\"Longsword Attack\"}", "\"text\""), 400, "metadata"));
        cases.add(body("metadata an array", VALID.replace("{\"flavor\":\"Longsword Attack\"}", "[1,2]"), 400, "metadata"));
        cases.add(body("metadata too large", VALID.replace("Longsword Attack", "m".repeat(9000)), 400, "metadata"));
        cases.add(body("NUL in metadata", VALID.replace("Longsword Attack", "Long\\u0000sword"), 400, "metadata"));
        // Well-formed, but nothing to record it against.
        cases.add(body("unknown campaign", VALID.replace("WORLD", "no-such-world"), 404, null));
        cases.add(body("body over 64 KiB", VALID.replace("Longsword Attack", "m".repeat(70_000)), 413, null));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyMalformedRequestGetsA4xxWithAJsonBody(Case c) {
        IngestApi vtt = vtt();
        RequestSpecification request = given().contentType("application/json")
                .body(new String(c.body(), StandardCharsets.ISO_8859_1).replace("WORLD", vtt.worldId).replace("ROLL", "roll-" + c.name().hashCode())
                        .getBytes(StandardCharsets.ISO_8859_1));
        if (c.authorization() != null) {
            request = request.header("Authorization", c.authorization().replace("KEY", vtt.apiKey));
        }
        ExtractableResponse<Response> response = request.when().post("/webhooks/vtt/dice-roll").then().extract();

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(c.status());
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error")).isNotBlank();
        if (c.field() != null) {
            assertThat(response.jsonPath().getMap("details")).as(response.asString()).containsKey(c.field());
        }
    }

    private static Case body(String name, String body, int status, String field) {
        return new Case(name, "Bearer KEY", body.getBytes(StandardCharsets.UTF_8), status, field);
    }

    private static String remove(String field) {
        return VALID.replaceFirst("\"" + field + "\":\"[^\"]*\",", "");
    }

    private static String dice(int count) {
        return IntStream.range(0, count).mapToObj(i -> "3").collect(Collectors.joining(",", "[", "]"));
    }
}
