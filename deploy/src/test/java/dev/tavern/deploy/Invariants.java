package dev.tavern.deploy;

import static dev.tavern.deploy.Manifests.describe;
import static dev.tavern.deploy.Manifests.name;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** What a schema cannot say: Tavern's rules for its manifests, and their agreement with the services' configuration. */
final class Invariants {

    static final String NAMESPACE = "tavern";
    private static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    private final Manifests manifests;
    private final ProjectSources sources;
    private final List<String> violations = new ArrayList<>();

    private Invariants(Manifests manifests, ProjectSources sources) {
        this.manifests = manifests;
        this.sources = sources;
    }

    /** Every rule an object breaks, one message each, naming the object. */
    static List<String> check(Manifests manifests, ProjectSources sources) {
        Invariants invariants = new Invariants(manifests, sources);
        invariants.namespaces();
        manifests.ofKind("Deployment").forEach(invariants::hardenedAndProbed);
        ProjectSources.SERVICES.forEach(invariants::matchesItsConfiguration);
        invariants.references();
        invariants.secretsAreProvided();
        invariants.kafkaAccess();
        return List.copyOf(invariants.violations);
    }

    private void fail(JsonNode object, String message) {
        violations.add(describe(object) + ": " + message);
    }

    private void namespaces() {
        manifests.objects().stream()
                .filter(object -> !object.path("kind").asText().equals("Namespace"))
                .filter(object -> !NAMESPACE.equals(object.path("metadata").path("namespace").asText()))
                .forEach(object -> fail(object, "not in namespace " + NAMESPACE));
    }

    private void hardenedAndProbed(JsonNode deployment) {
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        if (!pod.path("automountServiceAccountToken").isBoolean() || pod.path("automountServiceAccountToken").asBoolean()) {
            fail(deployment, "automountServiceAccountToken must be false");
        }
        if (!pod.path("securityContext").path("runAsNonRoot").asBoolean()) {
            fail(deployment, "pod securityContext.runAsNonRoot must be true");
        }
        if (!"RuntimeDefault".equals(pod.path("securityContext").path("seccompProfile").path("type").asText())) {
            fail(deployment, "pod securityContext.seccompProfile.type must be RuntimeDefault");
        }
        if (!pod.path("terminationGracePeriodSeconds").isInt()) {
            fail(deployment, "terminationGracePeriodSeconds must be set to cover the service's graceful shutdown");
        }
        Set<String> emptyDirs = new HashSet<>();
        pod.path("volumes").forEach(volume -> {
            if (volume.has("emptyDir")) {
                emptyDirs.add(volume.path("name").asText());
            }
        });
        for (JsonNode container : pod.path("containers")) {
            String prefix = "container " + container.path("name").asText() + ": ";
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (container.path("resources").path(bound).path(resource).isMissingNode()) {
                        fail(deployment, prefix + "resources." + bound + "." + resource + " missing");
                    }
                }
            }
            JsonNode security = container.path("securityContext");
            if (!security.path("readOnlyRootFilesystem").asBoolean()) {
                fail(deployment, prefix + "securityContext.readOnlyRootFilesystem must be true");
            }
            if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
                fail(deployment, prefix + "securityContext.allowPrivilegeEscalation must be false");
            }
            if (!texts(security.path("capabilities").path("drop")).contains("ALL") || security.path("capabilities").has("add")) {
                fail(deployment, prefix + "securityContext.capabilities must drop ALL and add none");
            }
            boolean tmpOnEmptyDir = stream(container.path("volumeMounts"))
                    .anyMatch(mount -> mount.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(mount.path("name").asText()));
            if (!tmpOnEmptyDir) {
                fail(deployment, prefix + "/tmp must be an emptyDir (the root filesystem is read-only)");
            }
            PROBES.forEach((probe, path) -> {
                JsonNode httpGet = container.path(probe).path("httpGet");
                if (!path.equals(httpGet.path("path").asText())) {
                    fail(deployment, prefix + probe + " must be an httpGet on " + path);
                } else if (containerPort(container, httpGet.path("port")).isEmpty()) {
                    fail(deployment, prefix + probe + " port " + httpGet.path("port").asText() + " is not a container port");
                }
            });
        }
    }

    /** The Deployment named after a service runs that service's image, port and shutdown timing. */
    private void matchesItsConfiguration(String service) {
        Optional<JsonNode> found = manifests.find("Deployment", service);
        if (found.isEmpty()) {
            violations.add("Deployment/" + service + ": missing");
            return;
        }
        JsonNode deployment = found.get();
        Map<String, String> properties = sources.applicationProperties(service);
        JsonNode container = containerNamed(deployment, service);
        if (container == null) {
            fail(deployment, "no container named " + service);
            return;
        }
        String image = properties.get("quarkus.container-image.registry") + "/" + properties.get("quarkus.container-image.group") + "/"
                + properties.get("quarkus.container-image.name") + ":"
                + properties.get("quarkus.container-image.tag").replace("${quarkus.application.version}", sources.projectVersion());
        if (!image.equals(container.path("image").asText())) {
            fail(deployment, "image " + container.path("image").asText() + " is not the one the build tags: " + image);
        }
        Optional<Integer> httpPort = containerPort(container, container.path("readinessProbe").path("httpGet").path("port"));
        if (!httpPort.map(String::valueOf).equals(Optional.ofNullable(properties.get("quarkus.http.port")))) {
            fail(deployment, "probes reach port " + httpPort.orElse(null) + " but quarkus.http.port is " + properties.get("quarkus.http.port"));
        }
        Map<String, String> environment = environment(container);
        Duration delay = Optional.ofNullable(environment.get("QUARKUS_SHUTDOWN_DELAY")).map(Invariants::duration).orElse(Duration.ZERO);
        if (!delay.isZero() && !"true".equals(properties.get("quarkus.shutdown.delay-enabled"))) {
            fail(deployment, "QUARKUS_SHUTDOWN_DELAY is set but quarkus.shutdown.delay-enabled is not true (build time)");
        }
        Duration shutdown = delay.plus(duration(properties.getOrDefault("quarkus.shutdown.timeout", "0s")));
        long grace = deployment.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
        if (grace <= shutdown.toSeconds()) {
            fail(deployment, "terminationGracePeriodSeconds " + grace + " does not outlast the shutdown delay and timeout (" + shutdown.toSeconds() + " s)");
        }
    }

    private void references() {
        Map<String, JsonNode> deploymentsByName = new HashMap<>();
        manifests.ofKind("Deployment").forEach(d -> deploymentsByName.put(name(d), d));
        for (JsonNode deployment : deploymentsByName.values()) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode source : container.path("envFrom")) {
                    String configMap = source.path("configMapRef").path("name").asText(null);
                    if (configMap != null && manifests.find("ConfigMap", configMap).isEmpty()) {
                        fail(deployment, "envFrom names ConfigMap " + configMap + ", which is not rendered");
                    }
                }
            }
        }
        manifests.ofKind("Service").forEach(service -> {
            Optional<JsonNode> target = selected(service.path("spec").path("selector"));
            if (target.isEmpty()) {
                fail(service, "selects no Deployment's pods");
                return;
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                boolean served = stream(target.get().path("spec").path("template").path("spec").path("containers"))
                        .anyMatch(container -> containerPort(container, port.path("targetPort")).isPresent());
                if (!served) {
                    fail(service, "targetPort " + port.path("targetPort").asText() + " is not a port of " + describe(target.get()));
                }
            }
        });
        Map<String, String> routes = new TreeMap<>();
        manifests.ofKind("Ingress").forEach(ingress -> {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String route = rule.path("host").asText("*") + path.path("path").asText();
                    String previous = routes.put(route, describe(ingress));
                    if (previous != null) {
                        fail(ingress, "route " + route + " is also routed by " + previous);
                    }
                    backend(ingress, path.path("backend").path("service"));
                }
            }
        });
        manifests.ofKind("HorizontalPodAutoscaler").forEach(hpa -> {
            if (!deploymentsByName.containsKey(hpa.path("spec").path("scaleTargetRef").path("name").asText())) {
                fail(hpa, "scales no rendered Deployment");
            }
        });
        Stream.concat(manifests.ofKind("PodDisruptionBudget").map(pdb -> Map.entry(pdb, pdb.path("spec").path("selector").path("matchLabels"))),
                        manifests.ofKind("NetworkPolicy").map(policy -> Map.entry(policy, policy.path("spec").path("podSelector").path("matchLabels"))))
                .filter(entry -> selected(entry.getValue()).isEmpty())
                .forEach(entry -> fail(entry.getKey(), "selects no Deployment's pods"));
    }

    private void backend(JsonNode ingress, JsonNode backend) {
        String serviceName = backend.path("name").asText();
        Optional<JsonNode> service = manifests.find("Service", serviceName);
        if (service.isEmpty()) {
            fail(ingress, "backend Service " + serviceName + " is not rendered");
            return;
        }
        JsonNode wanted = backend.path("port");
        boolean exists = stream(service.get().path("spec").path("ports")).anyMatch(port ->
                wanted.has("name") ? port.path("name").asText().equals(wanted.path("name").asText()) : port.path("port").asInt() == wanted.path("number").asInt());
        if (!exists) {
            fail(ingress, "backend port " + wanted + " is not a port of Service " + serviceName);
        }
    }

    /**
     * Every Secret a pod reads exists once deployed: Strimzi's (a KafkaUser's credentials, the cluster CA) or
     * one README tells the reader to create, with that key. A variable whose reference is {@code optional} needs none.
     */
    private void secretsAreProvided() {
        Map<String, Set<String>> provided = new HashMap<>(sources.documentedSecrets());
        manifests.ofKind("KafkaUser").forEach(user -> provided.put(name(user), Set.of("password", "sasl.jaas.config")));
        manifests.ofKind("Kafka").forEach(kafka -> provided.put(name(kafka) + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password")));
        Map<JsonNode, Map<String, Set<String>>> needed = new HashMap<>();
        manifests.ofKind("Deployment").forEach(deployment -> {
            Map<String, Set<String>> keys = needed.computeIfAbsent(deployment, d -> new TreeMap<>());
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            pod.path("containers").forEach(container -> container.path("env").forEach(variable -> {
                JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                if (ref.has("name") && !ref.path("optional").asBoolean(false)) {
                    keys.computeIfAbsent(ref.path("name").asText(), n -> new TreeSet<>()).add(ref.path("key").asText());
                }
            }));
            pod.path("volumes").forEach(volume -> {
                JsonNode secret = volume.path("secret");
                if (secret.has("secretName")) {
                    Set<String> items = keys.computeIfAbsent(secret.path("secretName").asText(), n -> new TreeSet<>());
                    secret.path("items").forEach(item -> items.add(item.path("key").asText()));
                }
            });
        });
        manifests.ofKind("Cluster").forEach(cluster -> cluster.path("spec").path("managed").path("roles").forEach(role ->
                needed.computeIfAbsent(cluster, c -> new TreeMap<>())
                        .put(role.path("passwordSecret").path("name").asText(), new TreeSet<>(Set.of("username", "password")))));
        manifests.ofKind("Ingress").forEach(ingress -> ingress.path("spec").path("tls").forEach(tls ->
                needed.computeIfAbsent(ingress, i -> new TreeMap<>()).put(tls.path("secretName").asText(), new TreeSet<>(Set.of("tls.crt", "tls.key")))));
        needed.forEach((object, secrets) -> secrets.forEach((secret, keys) -> {
            Set<String> available = provided.get(secret);
            if (available == null) {
                fail(object, "Secret " + secret + " is neither created by an operator nor documented in README (kubectl create secret)");
            } else if (!available.containsAll(keys)) {
                fail(object, "Secret " + secret + " lacks key(s) " + difference(keys, available));
            }
        }));
    }

    /** Each service's KafkaUser allows exactly what its configuration and code use, on topics that exist. */
    private void kafkaAccess() {
        Set<String> topics = new HashSet<>();
        manifests.ofKind("KafkaTopic").forEach(topic -> topics.add(topic.path("spec").path("topicName").asText(name(topic))));
        Set<String> clusters = new HashSet<>();
        manifests.ofKind("Kafka").forEach(kafka -> clusters.add(name(kafka)));
        Stream.of("KafkaTopic", "KafkaUser", "KafkaNodePool").flatMap(manifests::ofKind)
                .filter(object -> !clusters.contains(object.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                .forEach(object -> fail(object, "label strimzi.io/cluster names no rendered Kafka"));
        for (String service : ProjectSources.SERVICES) {
            Map<String, String> properties = sources.applicationProperties(service);
            Set<String> expected = new TreeSet<>();
            properties.forEach((key, value) -> {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    expected.add("topic literal " + value + " Describe,Read");
                } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                    int variable = value.indexOf("${");
                    expected.add(variable < 0 ? "group literal " + value + " Describe,Read" : "group prefix " + value.substring(0, variable) + " Describe,Read");
                } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")) {
                    expected.add("topic literal " + value + " Describe,Write");
                }
            });
            sources.publishedTopics(service).forEach(topic -> expected.add("topic literal " + topic + " Describe,Write"));
            expected.stream().filter(acl -> acl.startsWith("topic "))
                    .map(acl -> acl.split(" ")[2])
                    .filter(topic -> !topics.contains(topic))
                    .forEach(topic -> violations.add("KafkaTopic for " + topic + " (used by " + service + "): missing"));
            Optional<JsonNode> user = manifests.find("KafkaUser", service);
            if (user.isEmpty()) {
                violations.add("KafkaUser/" + service + ": missing");
                continue;
            }
            Set<String> granted = new TreeSet<>();
            user.get().path("spec").path("authorization").path("acls").forEach(acl -> granted.add(
                    acl.path("resource").path("type").asText() + " " + acl.path("resource").path("patternType").asText("literal") + " "
                            + acl.path("resource").path("name").asText() + " " + String.join(",", new TreeSet<>(texts(acl.path("operations"))))));
            if (!granted.equals(expected)) {
                fail(user.get(), "ACLs " + granted + " differ from what " + service + " uses: " + expected);
            }
        }
    }

    /** The Deployment whose pod template carries every label of the selector. */
    private Optional<JsonNode> selected(JsonNode matchLabels) {
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            return Optional.empty();
        }
        return manifests.ofKind("Deployment").filter(deployment -> {
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            return stream(matchLabels.properties()).allMatch(label -> label.getValue().equals(labels.path(label.getKey())));
        }).findFirst();
    }

    private static JsonNode containerNamed(JsonNode deployment, String name) {
        return stream(deployment.path("spec").path("template").path("spec").path("containers"))
                .filter(container -> name.equals(container.path("name").asText())).findFirst().orElse(null);
    }

    /** The container port a probe or Service port means: by name, or by number. */
    private static Optional<Integer> containerPort(JsonNode container, JsonNode port) {
        return stream(container.path("ports"))
                .filter(p -> port.isInt() ? p.path("containerPort").asInt() == port.asInt() : p.path("name").asText().equals(port.asText()))
                .map(p -> p.path("containerPort").asInt()).findFirst();
    }

    /** The container's literal env plus its envFrom ConfigMaps; secrets are not needed here. */
    private Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new HashMap<>();
        container.path("envFrom").forEach(source -> manifests.find("ConfigMap", source.path("configMapRef").path("name").asText())
                .ifPresent(configMap -> configMap.path("data").properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()))));
        container.path("env").forEach(variable -> {
            if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        });
        return environment;
    }

    /** Quarkus' short durations (5s, 1m) or ISO-8601 (PT5S). */
    static Duration duration(String text) {
        if (text.startsWith("P")) {
            return Duration.parse(text);
        }
        return Duration.parse("PT" + text.toUpperCase());
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Set<String> difference(Set<String> wanted, Set<String> available) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(available);
        return missing;
    }

    private static <T> Stream<T> stream(Iterable<T> iterable) {
        List<T> list = new ArrayList<>();
        iterable.forEach(list::add);
        return list.stream();
    }
}
