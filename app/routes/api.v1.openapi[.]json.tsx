import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerJson, apiProblem, requireApiRead } from "~/modules/api/api.http.server";
import { openApiDocument } from "~/modules/api/api.openapi.server";
import { readApiQuery } from "~/modules/api/api.rules";
import { registeredKinds } from "~/modules/topics/topics.kinds";

// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the open API.
export async function loader({ request }: LoaderFunctionArgs) {
  requireApiRead();
  const read = readApiQuery(new URL(request.url).searchParams, {});
  if (!read.ok) return apiProblem(request, 400, read);
  // It changes only with the kinds the platform runs (and a new release, in every ETag).
  return answerJson(request, registeredKinds().map((k) => [k.kind, 0] as const), () => ({ body: openApiDocument() }));
}
