// A year of Voorbeeldstad's history, so the transparency dashboard and the list of overdue next
// steps show something real: every two weeks a petition (published or turned down after a few
// days, some past the clerks' deadline; most crossing the response threshold and answered within
// or past the council's deadline; next steps done on time, late, or still open past their date),
// discussions opened and concluded, agenda proposals admitted in and out of time, reports handled
// by moderators, and residents following what they care about. Everything goes through the kinds'
// own services, dated in the past, so the timeline holds it as it would have happened; signatures
// go in bulk (as the petitions' seed does), so the whole history takes a second or two.
import { userRoles, users } from "#db/schema";
import type { SeedContext } from "../seed";
import { bulkSignatures, curve, recordCrossings } from "./petitions";
import { findSessionUser } from "~/utils/auth.server";
import { db, sqlite } from "~/utils/db.server";
import { closeDiscussion, createDiscussion } from "~/modules/discussions/discussions.server";
import { flagContent } from "~/modules/participation/flags.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import {
  addPetitionNextStep,
  closeExpiredPetitions,
  completePetitionNextStep,
  createPetition,
  publishPetition,
  recordResponse,
  rejectPetition,
  submitPetition,
} from "~/modules/petitions/petitions.lifecycle.server";
import { decideAdmissibility, draftProposal, expireProposals, submitProposal } from "~/modules/proposals/proposals.server";
import { mailSupportersBatch } from "~/modules/support/support.mailings.server";
import { followTopicTx } from "~/modules/topics/topics.server";

const DAY = 86_400_000;
const RESIDENTS = 150;

const SUBJECTS = [
  ["Een speeltuin in het Julianapark", "Wij vragen de gemeenteraad de verouderde speeltuin in het Julianapark te vernieuwen."],
  ["Minder zwaar verkeer door de Dorpsstraat", "Wij vragen de gemeenteraad vrachtverkeer boven 12 ton te weren uit de Dorpsstraat."],
  ["Een hondenuitlaatplek bij de Vijverweg", "Wij vragen de gemeenteraad een omheinde uitlaatplek voor honden aan te leggen bij de Vijverweg."],
  ["Langer open: het zwembad in de zomer", "Wij vragen de gemeenteraad het openluchtbad in juli en augustus tot 21.00 uur open te houden."],
  ["Veilige fietsroute naar het Stedelijk College", "Wij vragen de gemeenteraad een vrijliggend fietspad aan te leggen langs de Schoolweg."],
  ["Meer groen op het Marktplein", "Wij vragen de gemeenteraad bomen en plantenbakken te plaatsen op het stenige Marktplein."],
  ["Behoud het buurthuis De Linde", "Wij vragen de gemeenteraad buurthuis De Linde niet te verkopen en open te houden voor de wijk."],
  ["Een zebrapad bij de Tuinstraat", "Wij vragen de gemeenteraad een zebrapad aan te leggen bij de kruising van de Tuinstraat en de Laan."],
  ["Openbare toiletten in het centrum", "Wij vragen de gemeenteraad twee openbare toiletten te plaatsen in het winkelgebied."],
  ["Stop met vuurwerk in het Stadspark", "Wij vragen de gemeenteraad het Stadspark aan te wijzen als vuurwerkvrije zone."],
  ["Laadpalen in de Oosterwijk", "Wij vragen de gemeenteraad twintig openbare laadpalen te plaatsen in de Oosterwijk."],
  ["Een skatebaan voor de jeugd in West", "Wij vragen de gemeenteraad een skatebaan aan te leggen op het braakliggende terrein aan de Havenweg."],
] as const;

const DISCUSSIONS = [
  ["Hoe maken we de binnenstad autoluw?", "Het college wil minder auto's in de binnenstad. Wat betekent dat voor u, en wat moet er geregeld zijn?"],
  ["Waar moeten de nieuwe woningen komen?", "Voorbeeldstad heeft 3.000 woningen nodig. Waar bouwen we, en wat mag er niet verdwijnen?"],
  ["Wat doen we met de oude bibliotheek?", "Het oude bibliotheekgebouw staat leeg. Welke bestemming past bij de buurt?"],
  ["Hoe houden we de stad koel in de zomer?", "Hittegolven worden vaker. Welke maatregelen in uw straat zouden helpen?"],
  ["Een nieuw parkeerbeleid voor Noord", "Bewoners klagen over parkeerdruk. Betaald parkeren, vergunningen of iets anders?"],
  ["De toekomst van de weekmarkt", "De weekmarkt krimpt. Hoe houden we hem aantrekkelijk voor kopers en kramers?"],
] as const;

const PROPOSALS = [
  ["Een jongerenraad voor Voorbeeldstad", "De raad besluit een jongerenraad in te stellen die gevraagd en ongevraagd advies geeft.", "Jongeren worden nu zelden gehoord over wat hen aangaat."],
  ["Gratis openbaar vervoer voor 75-plussers", "De raad besluit dat inwoners van 75 jaar en ouder gratis met de stadsbus reizen.", "Ouderen blijven zo mobiel en minder eenzaam."],
  ["Een energieloket in elke wijk", "De raad besluit in elke wijk een loket te openen voor advies over isolatie en zonnepanelen.", "Veel bewoners weten niet waar zij moeten beginnen."],
  ["Geveltuinen toestaan in alle straten", "De raad besluit dat bewoners overal een geveltuin van 30 centimeter mogen aanleggen.", "Meer groen, minder hitte en wateroverlast."],
  ["Een tweede milieustraat in Zuid", "De raad besluit een tweede milieustraat te openen in Zuid.", "De huidige milieustraat is ver weg en vaak overvol."],
] as const;

function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`seeding the year of history: ${what} failed: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

export async function seedHistory(ctx: SeedContext): Promise<void> {
  const now = ctx.now.getTime();
  const ago = (days: number, hour = 10) => {
    const d = new Date(now - days * DAY);
    d.setUTCHours(hour - 1, 0, 0, 0);
    return d;
  };
  const person = (id: string) => {
    const user = findSessionUser(id);
    if (!user) throw new Error(`seeding the year of history: no account ${id}`);
    return user;
  };
  const anna = person(ctx.accounts.resident);
  const jan = person(ctx.accounts.resident2);
  const clerk = person(ctx.accounts.clerk);
  const names = Object.keys(ctx.neighbourhoodIds).sort();
  const neighbourhood = (i: number) => ctx.neighbourhoodIds[names[i % names.length]!]!;
  const firstOutboxId = (sqlite().prepare("SELECT coalesce(max(id), 0) AS id FROM email_outbox").get() as { id: number }).id;

  // Residents without an email address or password: they start petitions, follow and report, and cannot sign in.
  const residents = Array.from({ length: RESIDENTS }, (_, i) => `history-resident-${i + 1}`);
  db.transaction((tx) => {
    residents.forEach((id, i) => {
      tx.insert(users).values({ id, displayName: `Inwoner ${i + 1}`, postcode: `99${String(1 + (i % 25)).padStart(2, "0")}AB`, emailVerifiedAt: ago(400), createdAt: ago(400) }).run();
      tx.insert(userRoles).values({ userId: id, role: "resident" }).run();
    });
  });
  /** Residents start following a topic over the weeks after it opened, never after today. */
  const followers = (topicId: number, openedDaysAgo: number, count: number, offset: number) =>
    db.transaction((tx) => {
      for (let j = 0; j < count; j++) {
        const daysAgo = Math.max(0, openedDaysAgo - 1 - Math.floor((j * 47) / count));
        followTopicTx(tx, residents[(offset + j * 7) % RESIDENTS]!, topicId, ago(daysAgo, 8 + (j % 12)));
      }
    });

  // Every two weeks a petition, the oldest a year ago.
  const publishAfter = [1, 2, 3, 7, 1, 9, 2, 4];
  const answerAfter = [20, 45, 70, 100, 30, 120, 55, 85];
  for (let i = 0; i < 24; i++) {
    const opened = 360 - i * 14;
    const [title, request] = SUBJECTS[i % SUBJECTS.length]!;
    // Residents of the neighbourhood start them (one person's petitions are rate-limited).
    const author = person(residents[(i * 17) % RESIDENTS]!);
    const id = must(
      createPetition(author, { title: i < SUBJECTS.length ? title : `${title} (${2 + Math.floor(i / SUBJECTS.length)})`, request, background: "", neighbourhoodId: neighbourhood(i), deadline: ago(opened - 85) }, ago(opened + 1)),
      `create petition ${i}`,
    ).topicId;
    must(submitPetition(author, id, ago(opened, 9)), "submit");
    if (i % 8 === 3) {
      must(rejectPetition(clerk, id, { code: "duplicate", note: "Over dit onderwerp loopt al een petitie." }, ago(opened - 2, 15)), "reject");
      continue;
    }
    const published = opened - publishAfter[i % publishAfter.length]!;
    must(publishPetition(clerk, id, ago(published, 11)), "publish");
    followers(id, published, 6 + ((i * 5) % 25), i * 11);
    if (i % 3 === 2 || published < 25) continue;
    // Enough signatures in three weeks to ask the council for an answer.
    const times = bulkSignatures({ topicId: id, perDay: curve(21, 520 + ((i * 37) % 300), { peakDay: 2 }), firstDay: ago(published - 1, 8), seed: 100 + i, neighbourhoodWeights: [[neighbourhood(i), 70], [neighbourhood(i + 1), 30]] });
    recordCrossings(id, times, 0);
    const crossed = Math.floor((now - times[499]!.getTime()) / DAY);
    const answered = crossed - answerAfter[i % answerAfter.length]!;
    if (answered < 1) continue; // still waiting for the council's answer
    must(recordResponse(clerk, id, { body: "De raad neemt het verzoek over en vraagt het college het uit te voeren.", responsibleBody: "Gemeenteraad van Voorbeeldstad" }, ago(answered, 16)), "respond");
    const first = must(addPetitionNextStep(clerk, id, { description: "Het college maakt een plan van aanpak.", responsibleBody: "College van B&W", dueAt: ago(answered - 30, 17) }, ago(answered, 17)), "step").stepId;
    const doneAfter = i % 2 === 0 ? 25 : 41; // on time, or eleven days late
    if (answered - doneAfter > 0) must(completePetitionNextStep(clerk, id, first, ago(answered - doneAfter, 12)), "complete step");
    must(addPetitionNextStep(clerk, id, { description: "De uitvoering is klaar en de raad krijgt een verslag.", responsibleBody: i % 3 === 0 ? "Afdeling Openbare Ruimte" : "College van B&W", dueAt: ago(answered - 90, 17) }, ago(answered, 17)), "step");
  }

  // Discussions, opened by the griffie and concluded after a month or two.
  DISCUSSIONS.forEach(([title, body], i) => {
    const opened = 340 - i * 55;
    const topicId = must(createDiscussion(clerk, { title, body }, { now: ago(opened, 9) }), `open discussion ${i}`).topicId;
    followers(topicId, opened, 10 + i * 4, 3 + i * 13);
    const concluded = opened - 30 - i * 6;
    if (concluded > 5) must(closeDiscussion(clerk, { topicId, conclusion: "Dank voor alle reacties. Het college neemt de belangrijkste punten mee in het voorstel aan de raad." }, { now: ago(concluded, 15) }), "conclude");
  });

  // Agenda proposals, admitted within the verordening's 14 days or after it.
  PROPOSALS.forEach(([title, decision, reasons], i) => {
    const submitted = 330 - i * 60;
    const author = i % 2 === 0 ? anna : jan;
    const drafted = must(draftProposal(author, { title, decision, reasons, neighbourhoodId: neighbourhood(i + 2) }, { now: ago(submitted + 2) }), `draft proposal ${i}`) as { topicId: number };
    must(submitProposal(author, drafted.topicId, ago(submitted, 9)), "submit proposal");
    const admissible = i !== 3;
    must(
      decideAdmissibility(clerk, drafted.topicId, { decision: admissible ? { admissible: true } : { admissible: false, reason: "excluded-subject" }, note: null, earlierTopicId: null }, ago(submitted - [6, 12, 20, 9, 17][i]!, 14)),
      "decide admissibility",
    );
    followers(drafted.topicId, submitted, 8 + i * 3, 40 + i * 9);
  });

  // Reports handled by moderators: the first after a few hours, later ones after up to six days.
  const reported = sqlite()
    .prepare("SELECT id, author_id AS authorId, published_at AS publishedAt FROM topics WHERE id IN (SELECT topic_id FROM follows WHERE user_id LIKE 'history-resident-%') AND is_public = 1 ORDER BY id LIMIT 12")
    .all() as Array<{ id: number; authorId: string | null; publishedAt: number }>;
  reported.forEach((topic, i) => {
    const flaggedDaysAgo = Math.max(8, Math.floor((now - topic.publishedAt) / DAY) - 3);
    const flagger = person(residents.find((r, j) => j >= (i * 13) % RESIDENTS && r !== topic.authorId)!);
    must(flagContent(flagger, { targetType: "topic", targetId: topic.id, reason: i % 2 ? "off-topic" : "other" }, { now: ago(flaggedDaysAgo, 21) }), "flag");
    must(decideModeration(clerk, { targetType: "topic", targetId: topic.id, decision: "dismiss", reason: "Geen strijd met de spelregels." }, { now: ago(flaggedDaysAgo - (i % 7), 9) }), "dismiss report");
  });

  // Their windows ended long ago: closed and expired as the weekly round of the jobs found them.
  for (let days = 364; days >= 0; days -= 7) {
    closeExpiredPetitions(ago(days, 3));
    expireProposals(ago(days, 3));
  }

  // What was told then reached everyone long ago.
  while (mailSupportersBatch()) {
    // one batch of the supporter fan-out per transaction, until none is pending
  }
  sqlite().prepare("UPDATE email_outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending' AND id > ?").run(firstOutboxId);
}
