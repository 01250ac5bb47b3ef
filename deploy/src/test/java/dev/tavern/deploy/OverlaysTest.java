package dev.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Each overlay renders with kubectl, every object matches its schema, and Tavern's rules hold. */
class OverlaysTest {

    private static final ProjectSources SOURCES = ProjectSources.fromBuild();
    private static final Schemas SCHEMAS = new Schemas(SOURCES.path("deploy/schemas"));
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private static Manifests rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomize.render(SOURCES.path("deploy/k8s/overlays/" + o)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectMatchesItsSchema(String overlay) {
        Manifests manifests = rendered(overlay);

        assertThat(manifests.objects()).hasSizeGreaterThan(40);
        assertThat(manifests.objects().stream().flatMap(object -> SCHEMAS.violations(object).stream()))
                .as("schema violations in overlay " + overlay)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void meetsTavernsRules(String overlay) {
        assertThat(Invariants.check(rendered(overlay), SOURCES))
                .as("rule violations in overlay " + overlay)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void devRunsOneReplicaOfEverything(String overlay) {
        Manifests manifests = rendered(overlay);

        assertThat(manifests.ofKind("HorizontalPodAutoscaler"))
                .allSatisfy(hpa -> assertThat(List.of(hpa.path("spec").path("minReplicas").asInt(), hpa.path("spec").path("maxReplicas").asInt()))
                        .as(Manifests.describe(hpa)).containsOnly(1));
        assertThat(manifests.ofKind("KafkaNodePool")).allSatisfy(pool -> assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(1));
        assertThat(manifests.find("Kafka", "tavern-kafka").orElseThrow().path("spec").path("kafka").path("config").path("default.replication.factor").asInt())
                .isEqualTo(1);
        assertThat(manifests.find("Cluster", "tavern-db").orElseThrow().path("spec").path("instances").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodSurvivesLosingANode(String overlay) {
        Manifests manifests = rendered(overlay);

        assertThat(manifests.ofKind("HorizontalPodAutoscaler"))
                .allSatisfy(hpa -> assertThat(hpa.path("spec").path("minReplicas").asInt()).as(Manifests.describe(hpa)).isGreaterThanOrEqualTo(2));
        assertThat(manifests.ofKind("Deployment"))
                .allSatisfy(deployment -> assertThat(spreadKeys(deployment)).as(Manifests.describe(deployment)).contains("kubernetes.io/hostname"));
        assertThat(manifests.ofKind("PodDisruptionBudget")).hasSize(ProjectSources.SERVICES.size());
        assertThat(manifests.ofKind("Ingress")).allSatisfy(ingress -> assertThat(ingress.path("spec").path("tls")).as(Manifests.describe(ingress)).isNotEmpty());
    }

    private static List<String> spreadKeys(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints").findValuesAsText("topologyKey");
    }
}
