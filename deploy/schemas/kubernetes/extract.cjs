// Writes the JSON Schemas of the core kinds Tavern deploys, and every definition they reference,
// from kubernetes-models 3.1.0 (the last release that ships its schemas as data) into one bundle.
const fs = require("fs");
const path = require("path");
const validate = require("@kubernetes-models/validate");
const models = path.join(__dirname, "node_modules", "kubernetes-models");
const definitions = {};
require.cache[require.resolve("@kubernetes-models/validate")].exports = {
  ...validate,
  register: (id, schema) => { definitions[id] = schema; },
};
const kinds = [
  "IoK8sApiAppsV1Deployment", "IoK8sApiCoreV1Service", "IoK8sApiCoreV1ConfigMap",
  "IoK8sApiCoreV1ServiceAccount", "IoK8sApiCoreV1Namespace", "IoK8sApiAutoscalingV2HorizontalPodAutoscaler",
  "IoK8sApiPolicyV1PodDisruptionBudget", "IoK8sApiNetworkingV1NetworkPolicy", "IoK8sApiNetworkingV1Ingress",
];
for (const kind of kinds) require(path.join(models, "_schemas", kind + ".js")).addSchema();
const localRefs = JSON.stringify(definitions, null, 1).replace(/"\$ref": "([^"#]+)#"/g, '"$ref": "#/definitions/$1"');
const bundle = { $schema: "http://json-schema.org/draft-07/schema#", definitions: JSON.parse(localRefs) };
fs.writeFileSync(process.argv[2], JSON.stringify(bundle, null, 1) + "\n");
console.log(Object.keys(definitions).length + " definitions");
