// Refusals of machine-readable endpoints (open data, the open API) as RFC 9457 problem details:
// what was wrong, in words, and the parameter it was about.

export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** The query or path parameter the problem is about. */
  param?: string;
  headers?: Record<string, string>;
}

export function problemResponse({ status, title, detail, param, headers }: Problem): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, ...(param ? { param } : {}) }), {
    status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", ...headers },
  });
}
