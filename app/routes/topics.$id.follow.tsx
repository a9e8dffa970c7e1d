import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { readableTopicOr404 } from "~/modules/topics/topics.access.server";
import { followTopic, unfollowTopic } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { getUser, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { fields, readForm } from "~/utils/forms.server";

const FollowForm = z.object({ intent: fields.intent(["follow", "unfollow"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const topic = readableTopicOr404(params.id, user);
  const topicId = topic.id;
  const parsed = FollowForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  // Stopping is always possible: someone who followed before a rejection can still leave.
  if (parsed.data.intent === "follow" && !can(user, "topic:follow", topic)) throw new Response("Forbidden", { status: 403 });
  if (parsed.data.intent === "follow") followTopic(user.id, topicId);
  else unfollowTopic(user.id, topicId);
  return redirect(topicPath(topic));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const topic = readableTopicOr404(params.id, await getUser(request));
  return redirect(topicPath(topic));
}
