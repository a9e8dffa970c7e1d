import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { findTopic, followTopic, unfollowTopic } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { fields, readForm, requireId } from "~/utils/forms.server";
import { can } from "~/utils/permissions";

const FollowForm = z.object({ intent: fields.intent(["follow", "unfollow"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const topicId = requireId(params.id);
  const user = await requireUserWithPermission(request, "topic:follow");
  const topic = findTopic(topicId);
  if (!topic || !topic.isPublic || topic.hidden) throw new Response("Not Found", { status: 404 });
  const parsed = FollowForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  if (parsed.data.intent === "follow") followTopic(user.id, topicId);
  else unfollowTopic(user.id, topicId);
  return redirect(topicPath(topic));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const topic = findTopic(requireId(params.id));
  if (!topic || !can(await getUser(request), "topic:read", topic)) throw new Response("Not Found", { status: 404 });
  return redirect(topicPath(topic));
}
