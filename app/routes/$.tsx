// Every unknown path: a 404 thrown from a matched route, so the root loader runs and the error
// page keeps the shell and the person's language.
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
