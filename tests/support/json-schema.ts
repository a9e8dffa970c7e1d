// Checks a value against a JSON Schema (2020-12, as OpenAPI 3.1 uses it) for the keywords the open
// API's description uses: $ref into the same document, type (one or a list), const, enum,
// properties, required, additionalProperties (false or a schema), items, oneOf, minimum, maximum,
// pattern and the date-time and uri formats. A keyword it does not know fails the check, so the
// description cannot grow a rule this checker silently skips.
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  "$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "items", "oneOf", "discriminator",
  "minimum", "maximum", "pattern", "format", "description", "title", "default",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function fitsType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

/** Every way `value` breaks `schema`, as "path: what"; empty when it fits. */
export function schemaErrors(value: unknown, schema: Schema, root: Schema, path = "$"): string[] {
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) return [`${path}: the checker does not know the keyword ${keyword}`];
  if (typeof schema.$ref === "string") {
    const target = schema.$ref.replace(/^#\//, "").split("/").reduce<unknown>((node, part) => (node as Schema)?.[part], root);
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    return schemaErrors(value, target as Schema, root, path);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => fitsType(value, t))) return [`${path}: ${JSON.stringify(value)?.slice(0, 60)} is not ${types.join(" or ")}`];
  }
  if ("const" in schema && value !== schema.const) errors.push(`${path}: is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === "date-time" && !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)))) errors.push(`${path}: not a date-time`);
    if (schema.format === "uri" && !URL.canParse(value)) errors.push(`${path}: not a URI`);
  }
  const discriminator = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (discriminator && typeOf(value) === "object") {
    // The discriminator names the one schema that applies: its errors are the ones to tell.
    const chosen = discriminator.mapping?.[String((value as Record<string, unknown>)[discriminator.propertyName])];
    if (!chosen) return [`${path}: ${discriminator.propertyName} is none of ${Object.keys(discriminator.mapping ?? {}).join(", ")}`];
    errors.push(...schemaErrors(value, { $ref: chosen }, root, path));
  }
  if (Array.isArray(schema.oneOf)) {
    const fitting = (schema.oneOf as Schema[]).filter((option) => schemaErrors(value, option, root, path).length === 0).length;
    if (fitting !== 1 && errors.length === 0) errors.push(`${path}: fits ${fitting} of the oneOf schemas, not exactly 1`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...schemaErrors(item, schema.items as Schema, root, `${path}[${i}]`)));
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${path}: misses ${key}`);
    for (const [key, v] of Object.entries(object)) {
      if (properties[key]) errors.push(...schemaErrors(v, properties[key]!, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: has ${key}, which the schema does not describe`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") errors.push(...schemaErrors(v, schema.additionalProperties as Schema, root, `${path}.${key}`));
    }
  }
  return errors;
}
