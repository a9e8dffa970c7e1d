// The OpenAPI 3.1 description of the open API, served at /api/v1/openapi.json. Written beside the
// answers it describes and built from the registered kinds (their names and each kind's own open
// data fields), so a new kind is described as soon as it is registered. The schemas close every
// object (additionalProperties: false): tests/integration/api/openapi.test.ts checks real answers
// against them, so a field that is not described here fails there before it reaches a client.
import { COUNCIL_DECISIONS, MEETING_BODIES } from "#db/schema/council.constants";
import { NEXT_STEP_STATUSES } from "#db/schema/topics.constants";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { env } from "~/utils/env.server";
import { API_DEFAULT_LIMIT, API_MAX_AGE, API_MAX_LIMIT } from "./api.rules";

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type as string, "null"] });
const dateTime: Schema = { type: "string", format: "date-time" };
const closed = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: "object", properties, required, additionalProperties: false });

/** The fields every kind's topic has (topics.opendata.server.ts SHARED_COLUMNS), described. */
function sharedTopicFields(kind: string): Record<string, Schema> {
  return {
    id: { type: "integer", minimum: 1 },
    kind: { const: kind },
    url: { type: "string", format: "uri", description: "The topic's page on the website." },
    title: nullable({ type: "string", description: "Null when the text is withheld (a petition rejected as offensive)." }),
    summary: nullable({ type: "string" }),
    status: { type: "string", description: "A status word of the topic's kind." },
    neighbourhood: nullable({ type: "string" }),
    publishedAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    closedAt: nullable(dateTime),
    supportCount: { type: "integer", minimum: 0 },
    commentCount: { type: "integer", minimum: 0 },
    followerCount: { type: "integer", minimum: 0 },
  };
}

/** A kind's own open-data fields: public words, ISO 8601 dates, numbers or true/false, or null. */
const KIND_FIELD: Schema = { type: ["string", "number", "boolean", "null"] };

function topicSchemaOf(kind: string): Schema {
  const shared = sharedTopicFields(kind);
  const own = Object.fromEntries(kindServerManifest(kind).openData.columns.map((c) => [c, KIND_FIELD]));
  return { ...closed({ ...shared, ...own }, Object.keys(shared)), title: `Topic (${kind})` };
}

const limitParam = {
  name: "limit",
  in: "query",
  required: false,
  description: `How many rows a page holds (default ${API_DEFAULT_LIMIT}).`,
  schema: { type: "integer", minimum: 1, maximum: API_MAX_LIMIT, default: API_DEFAULT_LIMIT },
};
const cursorParam = {
  name: "cursor",
  in: "query",
  required: false,
  description: "Where the page starts: take it from the previous page's `next` address as it is.",
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,400}$" },
};
const idParam = (name: string, what: string) => ({ name, in: "path", required: true, description: what, schema: { type: "integer", minimum: 1 } });

const headers = {
  ETag: { description: "The answer's validator: send it in If-None-Match.", schema: { type: "string" } },
  "Cache-Control": { description: `public, max-age=${API_MAX_AGE}`, schema: { type: "string" } },
  "Access-Control-Allow-Origin": { description: "*: any site may read it.", schema: { type: "string" } },
};
const pageHeaders = { ...headers, Link: { description: 'The next page: `<address>; rel="next"` (absent on the last page).', schema: { type: "string" } } };

const ifNoneMatch = { name: "If-None-Match", in: "header", required: false, description: "The ETag of an answer you have: 304 when it still holds.", schema: { type: "string" } };

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });

function operation(summary: string, schema: Schema, parameters: unknown[], paged: boolean, operationId: string, notFound: boolean) {
  return {
    get: {
      operationId,
      summary,
      parameters: [...parameters, ifNoneMatch],
      responses: {
        "200": { description: "The answer.", headers: paged ? pageHeaders : headers, content: { "application/json": { schema } } },
        "304": { description: "Not modified: the answer with the ETag you sent still holds.", headers },
        "400": problem("A parameter is unknown, repeated, out of range or of the wrong type, or the cursor does not fit; `param` names it."),
        ...(notFound ? { "404": problem("It does not exist, or is not public.") } : {}),
      },
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1. */
export function openApiDocument(): Schema {
  const kinds = registeredKinds().map((k) => k.kind);
  const page = (item: string) => closed({ items: { type: "array", items: ref(item) }, next: nullable({ type: "string", description: "The next page's address, or null on the last page." }) });
  const kindSchemas = Object.fromEntries(kinds.map((kind) => [`Topic_${kind}`, topicSchemaOf(kind)]));
  return {
    openapi: "3.1.0",
    info: {
      title: "Inspraak open API",
      version: "1",
      description:
        "Read-only, anonymous open data of the municipality's participation platform: topics of every kind, timelines, outcomes and next steps, public meetings and their agendas, counts. Never personal data, never hidden or unpublished content. Licence: CC0.",
      license: { name: "CC0 1.0", identifier: "CC0-1.0" },
    },
    servers: [{ url: `${env().BASE_URL.replace(/\/$/, "")}/api/v1` }],
    paths: {
      "/topics": operation(
        "Public topics of every kind, by id (oldest first).",
        ref("TopicPage"),
        [
          { name: "kind", in: "query", required: false, description: "Only topics of this kind.", schema: { type: "string", enum: kinds } },
          { name: "status", in: "query", required: false, description: "Only topics in this status.", schema: { type: "string", pattern: "^[a-z][a-z-]{0,39}$" } },
          limitParam,
          cursorParam,
        ],
        true,
        "listTopics",
        false,
      ),
      "/topics/{id}": operation("One public topic.", ref("Topic"), [idParam("id", "The topic's id.")], false, "getTopic", true),
      "/topics/{id}/timeline": operation("A public topic's public timeline, oldest first.", ref("TimelinePage"), [idParam("id", "The topic's id."), limitParam, cursorParam], true, "getTopicTimeline", true),
      "/topics/{id}/outcome": operation("What was decided about a public topic, and its next steps.", ref("Outcome"), [idParam("id", "The topic's id.")], false, "getTopicOutcome", true),
      "/meetings": operation("Public meetings of the council and its committees, by start.", ref("MeetingPage"), [limitParam, cursorParam], true, "listMeetings", false),
      "/meetings/{meeting}": operation("One public meeting and its agenda.", ref("MeetingWithAgenda"), [idParam("meeting", "The meeting's id.")], false, "getMeeting", true),
      "/counts": operation("The number of public topics per kind and status.", ref("Counts"), [], false, "getCounts", false),
    },
    components: {
      schemas: {
        Topic: { oneOf: kinds.map((kind) => ref(`Topic_${kind}`)), discriminator: { propertyName: "kind", mapping: Object.fromEntries(kinds.map((kind) => [kind, `#/components/schemas/Topic_${kind}`])) } },
        ...kindSchemas,
        TopicPage: page("Topic"),
        TimelineEvent: closed({
          id: { type: "integer", minimum: 1 },
          type: { type: "string", description: "The event's type: created, published, threshold-reached, decided, next-step-added, ... and each kind's own." },
          at: dateTime,
          data: { type: "object", description: "The event's public words and numbers (a threshold, a date, a step's description).", additionalProperties: { type: ["string", "number"] } },
        }),
        TimelinePage: page("TimelineEvent"),
        OutcomeEntry: closed({
          type: { type: "string", description: "response, debate, decision, conclusion, council-decision, ..." },
          result: nullable({ type: "string" }),
          body: { type: "string", description: "The decision's text (Markdown)." },
          responsibleBody: nullable({ type: "string" }),
          decidedAt: dateTime,
        }),
        NextStep: closed({
          id: { type: "integer", minimum: 1 },
          description: { type: "string" },
          responsibleBody: nullable({ type: "string" }),
          dueAt: nullable(dateTime),
          status: { type: "string", enum: [...NEXT_STEP_STATUSES] },
          completedAt: nullable(dateTime),
        }),
        Outcome: closed({ outcomes: { type: "array", items: ref("OutcomeEntry") }, nextSteps: { type: "array", items: ref("NextStep") } }),
        Meeting: closed(meetingFields()),
        MeetingPage: page("Meeting"),
        AgendaItem: closed({
          position: { type: "integer", minimum: 1 },
          title: nullable({ type: "string", description: "Null when the topic's text is withheld or it is no longer public." }),
          description: { type: "string" },
          topic: nullable({ ...closed({ id: { type: "integer", minimum: 1 }, kind: { type: "string", enum: kinds }, url: { type: "string", format: "uri" } }), type: "object" }),
          decision: nullable({ type: "string", enum: [...COUNCIL_DECISIONS, null] }),
          decidedAt: nullable(dateTime),
        }),
        MeetingWithAgenda: closed({ ...meetingFields(), agenda: { type: "array", items: ref("AgendaItem") } }),
        Counts: closed({
          items: { type: "array", items: closed({ kind: { type: "string", enum: kinds }, status: { type: "string" }, count: { type: "integer", minimum: 1 } }) },
          total: { type: "integer", minimum: 0 },
        }),
        Problem: {
          type: "object",
          description: "RFC 9457 problem details.",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            param: { type: "string", description: "The parameter the problem is about." },
          },
          required: ["type", "title", "status", "detail"],
          additionalProperties: false,
        },
      },
    },
  };
}

function meetingFields(): Record<string, Schema> {
  return {
    id: { type: "integer", minimum: 1 },
    body: { type: "string", enum: [...MEETING_BODIES] },
    title: { type: "string" },
    startsAt: dateTime,
    place: { type: "string" },
    url: { type: "string", format: "uri" },
  };
}
