import { userRoles, users } from "#db/schema";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { postComment } from "~/modules/participation/comments.server";
import { upvoteComment } from "~/modules/participation/comment-upvotes.server";
import { closeDiscussion, createDiscussion } from "~/modules/discussions/discussions.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { flagContent } from "~/modules/participation/flags.server";
import type { SeedContext } from "../seed";

/** Residents who take part in the demo threads; they have no email and cannot sign in. */
const PARTICIPANTS = [
  { id: "demo-participant-1", name: "Pieter Bakker" },
  { id: "demo-participant-2", name: "Fatima el Amrani" },
  { id: "demo-participant-3", name: "Sanne Visser" },
];

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`seeding discussions: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/**
 * Demo discussions with threads, stances and upvotes; one closed with a conclusion; flagged
 * comments waiting in the moderation queue and one comment hidden by a clerk. Written through the
 * service functions, so counters, follows, timelines and notifications are all consistent.
 */
export async function seedDiscussions(ctx: SeedContext): Promise<void> {
  const ago = (hours: number) => new Date(ctx.now.getTime() - hours * 3_600_000);
  db.transaction((tx) => {
    for (const p of PARTICIPANTS) {
      tx.insert(users)
        .values({ id: p.id, displayName: p.name, locale: "nl", emailVerifiedAt: ago(24 * 300), createdAt: ago(24 * 300), postcode: "9912AB" })
        .onConflictDoNothing()
        .run();
      tx.insert(userRoles).values({ userId: p.id, role: "resident" }).onConflictDoNothing().run();
    }
  });
  const person = (id: string, roles: Actor["roles"] = ["resident"]): Actor => ({ id, roles, emailVerified: true, blocked: false });
  const anna = person(ctx.accounts.resident);
  const jan = person(ctx.accounts.resident2);
  const clerk = person(ctx.accounts.clerk, ["resident", "clerk"]);
  const rachid = person(ctx.accounts.councillor, ["resident", "councillor"]);
  const [pieter, fatima, sanne] = PARTICIPANTS.map((p) => person(p.id));

  const comment = (who: Actor, topicId: number, hoursAgo: number, body: string, extra: { parentId?: number; stance?: "for" | "against" | "neutral" } = {}) =>
    must(postComment(who, { topicId, body, parentId: extra.parentId ?? null, stance: extra.stance ?? null }, { now: ago(hoursAgo) }), "comment").commentId;
  const upvote = (topicId: number, commentId: number, ...who: Actor[]) => {
    for (const w of who) must(upvoteComment(w, { topicId, commentId }), "upvote");
  };

  // 1. Open, with a lively thread and a spam comment waiting in the queue.
  const park = must(
    createDiscussion(
      anna,
      {
        title: "Hoe maken we het Stadspark 's avonds veiliger?",
        body: "Na zonsondergang voelen veel mensen zich niet prettig in het Stadspark. Wat zou volgens u helpen: meer licht, meer toezicht, of juist meer activiteiten in de avond?\n\nDe gemeente neemt de uitkomst mee in het **beheerplan 2026**.",
      },
      { now: ago(24 * 12) },
    ),
    "discussion",
  ).topicId;
  const light = comment(jan, park, 24 * 11, "Meer en betere verlichting langs de hoofdpaden, vooral bij de vijver. Nu is het daar na zessen aardedonker.", { stance: "for" });
  const lightReply = comment(anna, park, 24 * 11 - 3, "Eens, en dan graag warm licht dat de vleermuizen niet stoort.", { parentId: light });
  // A busy thread: more replies than a page shows at first ("Meer antwoorden tonen").
  comment(fatima, park, 24 * 11 - 4, "Bij de speeltuin is het 's avonds ook donker.", { parentId: light });
  comment(sanne, park, 24 * 11 - 5, "En bij de ingang aan de Parkweg staat maar één lantaarn.", { parentId: light });
  comment(rachid, park, 24 * 11 - 6, "Ik neem de verlichting mee naar de commissievergadering.", { parentId: light });
  comment(clerk, park, 24 * 11 - 7, "De gemeente laat in het najaar meten hoe donker de paden zijn.", { parentId: light });
  comment(pieter, park, 24 * 10, "Daar is ledverlichting met bewegingssensor voor: alleen aan als er iemand loopt.", { parentId: lightReply });
  const against = comment(
    fatima,
    park,
    24 * 10 - 5,
    "Ik twijfel. Meer licht trekt ook meer mensen aan die er 's nachts rondhangen. Liever een **buurtconciërge** die er 's avonds rondloopt.",
    { stance: "against" },
  );
  comment(jan, park, 24 * 9, "Een conciërge kost wel elk jaar geld, verlichting maar één keer.", { parentId: against });
  const events = comment(sanne, park, 24 * 8, "Organiseer in de zomer avondactiviteiten bij het theehuis. Waar mensen zijn, voelt het veilig.", { stance: "neutral" });
  upvote(park, light, anna, fatima, sanne, rachid);
  upvote(park, against, pieter, sanne);
  upvote(park, events, jan, anna, fatima);
  const spam = comment(pieter, park, 30, "Koop nu goedkope zonnepanelen!!! Kijk op www.voorbeeld-aanbieding.example voor 50% korting.");
  must(flagContent(anna, { targetType: "comment", targetId: spam, reason: "spam" }, { now: ago(20) }), "flag");
  must(flagContent(jan, { targetType: "comment", targetId: spam, reason: "spam" }, { now: ago(18) }), "flag");

  // 2. Opened by the griffie; one comment hidden by a clerk, one offensive comment waiting.
  const bridge = must(
    createDiscussion(
      clerk,
      {
        title: "Welke naam krijgt de nieuwe fietsbrug over de Vaart?",
        body: "In het voorjaar gaat de nieuwe fietsbrug tussen Centrum en Oost open. De gemeenteraad wil dat inwoners meedenken over de naam. Noem uw voorstel en vertel waarom.",
      },
      { now: ago(24 * 6) },
    ),
    "discussion",
  ).topicId;
  const name1 = comment(sanne, bridge, 24 * 5, "De **Vaartbrug**: simpel en iedereen weet meteen waar hij ligt.", { stance: "for" });
  comment(rachid, bridge, 24 * 5 - 2, "Mooi voorstel. Is er ook gekeken naar een naam die verwijst naar de geschiedenis van de scheepswerf?", { parentId: name1 });
  const name2 = comment(jan, bridge, 24 * 4, "Vernoem hem naar Marie Werfkamp, de eerste vrouwelijke wethouder van Voorbeeldstad.", { stance: "for" });
  upvote(bridge, name1, jan, fatima);
  upvote(bridge, name2, anna, sanne, pieter, rachid);
  const rude = comment(fatima, bridge, 26, "Wat een onzin allemaal, wie dit belangrijk vindt heeft echt niks beters te doen.");
  must(flagContent(sanne, { targetType: "comment", targetId: rude, reason: "offensive", note: "Kleineert de andere deelnemers." }, { now: ago(25) }), "flag");
  const personal = comment(pieter, bridge, 24 * 3, "Mijn buurman op de Dijkstraat 14 kan u alles vertellen over de oude werf, bel hem gerust op 06-12345678.");
  must(flagContent(anna, { targetType: "comment", targetId: personal, reason: "personal-data" }, { now: ago(24 * 3 - 1) }), "flag");
  must(
    decideModeration(
      clerk,
      { targetType: "comment", targetId: personal, decision: "hide", reason: "Deze reactie bevat het adres en telefoonnummer van iemand anders." },
      { now: ago(24 * 3 - 4) },
    ),
    "hide",
  );

  // 3. Closed with a conclusion.
  const play = must(
    createDiscussion(
      jan,
      {
        title: "Moeten er meer speelplekken komen in Noord?",
        body: "In Noord wonen steeds meer gezinnen met jonge kinderen, maar de speeltuinen zijn klein en oud. Is er behoefte aan meer of grotere speelplekken?",
      },
      { now: ago(24 * 60) },
    ),
    "discussion",
  ).topicId;
  const swings = comment(anna, play, 24 * 58, "Ja! Bij het Noorderplein is alleen een wip. Een natuurspeelplek zou geweldig zijn.", { stance: "for" });
  comment(sanne, play, 24 * 57, "En graag ook bankjes voor de ouders en grootouders.", { parentId: swings });
  const space = comment(pieter, play, 24 * 55, "Liever de bestaande speeltuinen opknappen dan nieuwe groen weghalen.", { stance: "against" });
  upvote(play, swings, jan, sanne, fatima);
  upvote(play, space, rachid);
  must(
    closeDiscussion(
      clerk,
      {
        topicId: play,
        conclusion:
          "Bedankt voor alle reacties. De meeste deelnemers willen een **natuurspeelplek** bij het Noorderplein, met bankjes. Wie liever bestaande speeltuinen opknapt, krijgt ook gelijk: de speeltuin aan de Kastanjelaan wordt in 2026 vernieuwd. Het college neemt beide voorstellen op in de begroting.",
      },
      { now: ago(24 * 40) },
    ),
    "close",
  );
}
