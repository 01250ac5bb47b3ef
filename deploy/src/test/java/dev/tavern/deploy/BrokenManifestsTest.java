package dev.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The checks catch what they promise to: each test breaks one object of the real dev manifests. */
class BrokenManifestsTest {

    private static final ProjectSources SOURCES = ProjectSources.fromBuild();
    private static final Schemas SCHEMAS = new Schemas(SOURCES.path("deploy/schemas"));
    private static final Manifests DEV = Kustomize.render(SOURCES.path("deploy/k8s/overlays/dev"));

    @Test
    void aNamedContainerPortIsNotAnInteger() {
        JsonNode deployment = broken("Deployment", "scheduler-service",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "http-ish"));

        assertThat(SCHEMAS.violations(deployment))
                .anySatisfy(message -> assertThat(message).startsWith("Deployment/scheduler-service: ").contains("containerPort").contains("integer"));
    }

    @Test
    void partitionsAreANumber() {
        JsonNode topic = broken("KafkaTopic", "tavern-vtt-dice-rolls-v1", t -> ((ObjectNode) t.path("spec")).put("partitions", "three"));

        assertThat(SCHEMAS.violations(topic))
                .anySatisfy(message -> assertThat(message).startsWith("KafkaTopic/tavern-vtt-dice-rolls-v1: ").contains("partitions").contains("integer"));
    }

    @Test
    void aMisspelledFieldIsRejectedAsKubectlWould() {
        JsonNode user = broken("KafkaUser", "broadcast-gateway", u -> ((ObjectNode) u.path("spec")).set("authorisation", u.path("spec").path("authorization")));
        JsonNode deployment = broken("Deployment", "broadcast-gateway",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0")).set("readinessprobe", d.at("/spec/template/spec/containers/0/readinessProbe")));

        assertThat(SCHEMAS.violations(user)).anySatisfy(message -> assertThat(message).contains("authorisation"));
        assertThat(SCHEMAS.violations(deployment)).anySatisfy(message -> assertThat(message).contains("readinessprobe"));
    }

    @Test
    void aResourceQuantityFollowsKubernetesSyntax() {
        JsonNode deployment = broken("Deployment", "webhook-dispatcher",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/resources/limits")).put("memory", "512 MB"));

        assertThat(SCHEMAS.violations(deployment)).anySatisfy(message -> assertThat(message).contains("memory"));
    }

    @Test
    void aDeploymentWithoutProbesOrLimitsBreaksTheRules() {
        Manifests manifests = replaced("Deployment", "vtt-ingest-service", d -> {
            ObjectNode container = (ObjectNode) d.at("/spec/template/spec/containers/0");
            container.remove("livenessProbe");
            ((ObjectNode) container.path("resources")).remove("limits");
            ((ObjectNode) container.path("securityContext")).put("readOnlyRootFilesystem", false);
        });

        assertThat(Invariants.check(manifests, SOURCES)).contains(
                "Deployment/vtt-ingest-service: container vtt-ingest-service: livenessProbe must be an httpGet on /q/health/live",
                "Deployment/vtt-ingest-service: container vtt-ingest-service: resources.limits.cpu missing",
                "Deployment/vtt-ingest-service: container vtt-ingest-service: securityContext.readOnlyRootFilesystem must be true");
    }

    @Test
    void aPortOrImageThatDisagreesWithTheServiceIsCaught() {
        Manifests manifests = replaced("Deployment", "broadcast-gateway", d -> {
            ObjectNode container = (ObjectNode) d.at("/spec/template/spec/containers/0");
            ((ObjectNode) container.at("/ports/0")).put("containerPort", 8080);
            container.put("image", "ghcr.io/tavern/broadcast-gateway:latest");
        });

        assertThat(Invariants.check(manifests, SOURCES))
                .anySatisfy(message -> assertThat(message).startsWith("Deployment/broadcast-gateway: probes reach port 8080 but quarkus.http.port is 8084"))
                .anySatisfy(message -> assertThat(message).startsWith("Deployment/broadcast-gateway: image ghcr.io/tavern/broadcast-gateway:latest is not the one the build tags"));
    }

    @Test
    void referencesToMissingObjectsAreCaught() {
        Manifests manifests = replaced("Ingress", "broadcast-gateway",
                i -> ((ObjectNode) i.at("/spec/rules/0/http/paths/0/backend/service")).put("name", "gateway"));
        Manifests undocumentedSecret = replaced("Deployment", "webhook-dispatcher",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef")).put("name", "dispatcher-db"));

        Manifests optionalSecret = replaced("Deployment", "webhook-dispatcher",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef")).put("name", "dispatcher-db").put("optional", true));

        assertThat(Invariants.check(manifests, SOURCES)).contains("Ingress/broadcast-gateway: backend Service gateway is not rendered");
        assertThat(Invariants.check(undocumentedSecret, SOURCES))
                .contains("Deployment/webhook-dispatcher: Secret dispatcher-db is neither created by an operator nor documented in README (kubectl create secret)");
        assertThat(Invariants.check(optionalSecret, SOURCES)).noneMatch(message -> message.contains("dispatcher-db"));
    }

    @Test
    void aKafkaUserAllowedMoreThanItsServiceUsesIsCaught() {
        Manifests manifests = replaced("KafkaUser", "vtt-ingest-service",
                u -> ((ObjectNode) u.at("/spec/authorization/acls/0/resource")).put("name", "tavern.scheduling.events.v1"));

        assertThat(Invariants.check(manifests, SOURCES))
                .anySatisfy(message -> assertThat(message).startsWith("KafkaUser/vtt-ingest-service: ACLs [group prefix vtt-ingest-service- Describe,Read, "
                        + "topic literal tavern.scheduling.events.v1 Describe,Write, topic literal tavern.tenants.v1 Describe,Read, "
                        + "topic literal tavern.vtt.subscription-keys.v1 Describe,Write, "
                        + "topic literal tavern.vtt.subscription-revocations.v1 Describe,Write] differ"));
    }

    /** A copy of one rendered object, changed. */
    private static JsonNode broken(String kind, String name, Consumer<JsonNode> change) {
        JsonNode copy = DEV.find(kind, name).orElseThrow().deepCopy();
        change.accept(copy);
        return copy;
    }

    /** The dev manifests with one object changed. */
    private static Manifests replaced(String kind, String name, Consumer<JsonNode> change) {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : DEV.objects()) {
            boolean target = kind.equals(object.path("kind").asText()) && name.equals(Manifests.name(object));
            objects.add(target ? broken(kind, name, change) : object);
        }
        return new Manifests(objects);
    }
}
