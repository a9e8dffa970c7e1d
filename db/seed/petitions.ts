import { eq } from "drizzle-orm";
import { petitions, topics } from "#db/schema";
import type { SeedContext } from "../seed";
import { findSessionUser } from "~/utils/auth.server";
import { db, sqlite } from "~/utils/db.server";
import { localDay } from "~/utils/local-time";
import {
  addPetitionNextStep,
  closeExpiredPetitions,
  completePetitionNextStep,
  createPetition,
  publishPetition,
  recordDebateOutcome,
  recordResponse,
  rejectPetition,
  scheduleDebate,
  submitPetition,
} from "~/modules/petitions/petitions.lifecycle.server";
import { mailSupportersBatch } from "~/modules/support/support.mailings.server";
import { findPetition, petitionTimeline, stateOf, type PetitionActor } from "~/modules/petitions/petitions.server";
import { signPetitionAsResident } from "~/modules/petitions/petitions.signing.server";
import { transition, type PetitionEvent } from "~/modules/petitions/petitions.rules";
import { getSetting } from "~/modules/settings/settings.server";
import type { PetitionInput } from "~/modules/petitions/petitions.schema";

const DAY = 86_400_000;
const FIRST = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ibrahim", "Joost", "Kim", "Lotte", "Mehmet", "Noor", "Olaf", "Priya", "Quinten", "Rosa", "Sem", "Tess", "Umut", "Vera", "Wouter", "Yara", "Zoë"];
const LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Yılmaz", "El Amrani", "Kaya", "Wijaya", "Brouwer"];

/** A small deterministic random generator, so every demo database is the same. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Bulk {
  topicId: number;
  /** Signatures per day, from `firstDay` on. */
  perDay: number[];
  firstDay: Date;
  seed: number;
  neighbourhoodWeights: Array<[number, number]>;
}

/**
 * Demo signatures, inserted with one prepared statement in one transaction (30,000 take well under
 * a second), with the counters kept exactly as signing would: supportCount, per day, per neighbourhood.
 * Returns the moments the n-th signatures were confirmed, to date the threshold events.
 */
export function bulkSignatures(bulk: Bulk): Date[] {
  const rnd = random(bulk.seed);
  const conn = sqlite();
  const insert = conn.prepare(
    `INSERT INTO signatures (topic_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', 'nl', ?, ?)`,
  );
  const ranges = conn.prepare("SELECT id, postcode_from AS fromCode, postcode_to AS toCode FROM neighbourhoods").all() as Array<{ id: number; fromCode: number; toCode: number }>;
  const rangeOf = new Map(ranges.map((r) => [r.id, r]));
  const totalWeight = bulk.neighbourhoodWeights.reduce((sum, [, w]) => sum + w, 0);
  const pickNeighbourhood = () => {
    let x = rnd() * totalWeight;
    for (const [id, w] of bulk.neighbourhoodWeights) if ((x -= w) <= 0) return id;
    return bulk.neighbourhoodWeights[0]![0];
  };
  const perDay = new Map<string, number>();
  const perNeighbourhood = new Map<number, number>();
  const times: Date[] = [];
  const letters = "ABCDEFGHJKLMNPRSTVWXZ";
  let n = 0;
  conn.transaction(() => {
    bulk.perDay.forEach((count, dayIndex) => {
      const dayStart = bulk.firstDay.getTime() + dayIndex * DAY;
      for (let i = 0; i < count; i++) {
        n++;
        const at = new Date(dayStart + Math.floor(((i + rnd()) / count) * (DAY - 60_000)));
        const neighbourhoodId = pickNeighbourhood();
        const range = rangeOf.get(neighbourhoodId)!;
        const postcode = `${range.fromCode + Math.floor(rnd() * (range.toCode - range.fromCode + 1))}${letters[Math.floor(rnd() * letters.length)]}${letters[Math.floor(rnd() * letters.length)]}`;
        const name = `${FIRST[Math.floor(rnd() * FIRST.length)]} ${LAST[Math.floor(rnd() * LAST.length)]}`;
        // Only the canonical form (the one-signature index) of a made-up address: the crowd has
        // no mailbox, so the seed's fan-outs of every step do not render 30,000 mails nobody reads.
        const email = `demo-${bulk.topicId}-${n}@voorbeeldstad.example`;
        insert.run(bulk.topicId, name, null, email, postcode, neighbourhoodId, rnd() < 0.12 ? 1 : 0, at.getTime() - 120_000, at.getTime());
        const day = localDay(at);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        perNeighbourhood.set(neighbourhoodId, (perNeighbourhood.get(neighbourhoodId) ?? 0) + 1);
        times.push(at);
      }
    });
    const upsertDay = conn.prepare(
      "INSERT INTO support_daily_counts (topic_id, day, count) VALUES (?, ?, ?) ON CONFLICT (topic_id, day) DO UPDATE SET count = count + excluded.count",
    );
    for (const [day, count] of perDay) upsertDay.run(bulk.topicId, day, count);
    const upsertNeighbourhood = conn.prepare(
      "INSERT INTO support_neighbourhood_counts (topic_id, neighbourhood_id, count) VALUES (?, ?, ?) ON CONFLICT (topic_id, neighbourhood_id) DO UPDATE SET count = count + excluded.count",
    );
    for (const [id, count] of perNeighbourhood) upsertNeighbourhood.run(bulk.topicId, id, count);
    conn.prepare("UPDATE topics SET support_count = support_count + ? WHERE id = ?").run(n, bulk.topicId);
  })();
  return times.sort((a, b) => a.getTime() - b.getTime());
}

/** Records the threshold crossings the bulk signatures caused, through the rules, dated when they happened. */
export function recordCrossings(topicId: number, times: Date[], existing: number) {
  const p = findPetition(topicId)!;
  const at = (threshold: number | null) => (threshold && times.length + existing >= threshold ? times[Math.max(0, threshold - existing - 1)] : undefined);
  let state = stateOf(p);
  const crossings: Array<[PetitionEvent, Date | undefined, number | null, "response" | "debate"]> = [
    [{ type: "response-threshold-reached" }, at(p.responseThreshold), p.responseThreshold, "response"],
    [{ type: "debate-threshold-reached" }, at(p.debateThreshold), p.debateThreshold, "debate"],
  ];
  for (const [event, when, threshold, kind] of crossings) {
    if (!when) continue;
    const result = transition(state, event, { now: when });
    if (!result.ok) continue;
    state = result.next;
    // Dated when it happened; nobody is told of a crossing in the past.
    db.transaction((tx) => petitionTimeline.record(tx, { topicId, type: "threshold-reached", payload: { count: threshold!, threshold: kind }, actor: null, at: when }));
  }
  db.update(topics).set({ status: state.status }).where(eq(topics.id, topicId)).run();
  db.update(petitions)
    .set({ responseRequestedAt: state.responseRequestedAt, debateRequestedAt: state.debateRequestedAt })
    .where(eq(petitions.topicId, topicId))
    .run();
}

/** A curve: a launch peak, a slow tail and an optional second wave (a newspaper article). */
export function curve(days: number, total: number, options: { peakDay?: number; secondWave?: number } = {}): number[] {
  const peak = options.peakDay ?? 3;
  const weights = Array.from({ length: days }, (_, d) => {
    const launch = Math.exp(-Math.abs(d - peak) / 4);
    const second = options.secondWave !== undefined ? 0.6 * Math.exp(-Math.abs(d - options.secondWave) / 3) : 0;
    return launch + second + 0.05;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  counts[peak] = (counts[peak] ?? 0) + total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`seeding petitions: ${what} failed: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

/** Demo petitions in every state (issue "Petitions"). */
export async function seedPetitions(ctx: SeedContext): Promise<void> {
  const now = ctx.now.getTime();
  const ago = (days: number, hour = 10) => {
    const d = new Date(now - days * DAY);
    d.setUTCHours(hour - 1, 0, 0, 0);
    return d;
  };
  const actor = (id: string): PetitionActor => {
    const user = findSessionUser(id);
    if (!user) throw new Error(`seeding petitions: no demo account ${id}`);
    return user;
  };
  const anna = actor(ctx.accounts.resident);
  const jan = actor(ctx.accounts.resident2);
  const clerk = actor(ctx.accounts.clerk);
  const n = ctx.neighbourhoodIds;
  const everywhere: Array<[number, number]> = [[n.Centrum!, 30], [n.Noord!, 20], [n.Oost!, 15], [n.Zuid!, 20], [n.West!, 15]];
  const duration = getSetting("petitionDurationDays");
  const firstOutboxId = (sqlite().prepare("SELECT coalesce(max(id), 0) AS id FROM email_outbox").get() as { id: number }).id;

  const start = (author: PetitionActor, at: Date, input: Omit<PetitionInput, "background"> & { background?: string }) =>
    must(createPetition(author, { background: "", ...input }, at), `create ${input.title}`).topicId;
  const submitAndPublish = (author: PetitionActor, id: number, submittedAt: Date, publishedAt: Date) => {
    must(submitPetition(author, id, submittedAt), "submit");
    must(publishPetition(clerk, id, publishedAt), "publish");
  };

  // 1. The viral one: 30,000 signatures in 60 days, answered, debated, with next steps (one overdue).
  const viral = start(jan, ago(75), {
    title: "Houd het Wilhelminapark groen: geen parkeergarage onder het park",
    request: "Wij vragen de gemeenteraad af te zien van de bouw van een parkeergarage onder het Wilhelminapark en te zoeken naar een locatie buiten het park.",
    background:
      "Het Wilhelminapark is de enige grote groene plek in **Centrum**. Het college onderzoekt een ondergrondse parkeergarage met 600 plaatsen onder het park.\n\n" +
      "- Tijdens de bouw (ongeveer twee jaar) is het park dicht.\n- Veertig monumentale bomen moeten weg.\n- Er zijn alternatieven: het terrein van de oude busremise staat leeg.\n\n" +
      "Teken en laat de raad weten dat het park een park moet blijven.",
    neighbourhoodId: n.Centrum,
    deadline: new Date(now - 10 * DAY),
  });
  submitAndPublish(jan, viral, ago(73), ago(70, 9));
  must(await signPetitionAsResident(anna, viral, { showName: true }, ago(69)), "sign");
  must(recordResponse(clerk, viral, {
    body:
      "De raad dankt de ruim 30.000 ondertekenaars. Het college heeft het onderzoek naar een parkeergarage onder het Wilhelminapark stopgezet.\n\n" +
      "De raad vraagt het college om vóór de zomer de locatie van de oude busremise uit te werken, met een plan voor het verkeer rond het Centrum.",
    responsibleBody: "Gemeenteraad van Voorbeeldstad",
  }, ago(30)), "respond");
  must(scheduleDebate(clerk, viral, { meetingAt: ago(12, 20) }, ago(29)), "schedule");
  must(recordDebateOutcome(clerk, viral, {
    body:
      "De raad besprak de petitie in de raadsvergadering. Een motie om het park te beschermen in het bestemmingsplan is **aangenomen** (31 voor, 6 tegen).",
    responsibleBody: "Gemeenteraad van Voorbeeldstad",
  }, ago(5)), "debate");
  must(addPetitionNextStep(clerk, viral, { description: "Het college stuurt de raad een uitgewerkt plan voor de busremise.", responsibleBody: "College van B&W", dueAt: ago(2, 12) }, ago(5)), "step");
  must(addPetitionNextStep(clerk, viral, { description: "Het bestemmingsplan Wilhelminapark wordt aangepast: het park krijgt de bestemming ‘groen’.", responsibleBody: "Afdeling Ruimtelijke Ordening", dueAt: new Date(now + 60 * DAY) }, ago(5)), "step");
  const done = must(addPetitionNextStep(clerk, viral, { description: "Het onderzoek naar een garage onder het park is formeel gestopt.", responsibleBody: "College van B&W", dueAt: ago(4, 12) }, ago(5)), "step").stepId;
  must(completePetitionNextStep(clerk, viral, done, ago(4)), "complete step");
  // The crowd signs after the answers are in only in this script: mail to 30,000 made-up people is pointless.
  const viralTimes = bulkSignatures({ topicId: viral, perDay: curve(59, 29_999, { peakDay: 3, secondWave: 33 }), firstDay: ago(70, 8), seed: 7, neighbourhoodWeights: [[n.Centrum!, 45], [n.Noord!, 15], [n.Oost!, 12], [n.Zuid!, 16], [n.West!, 12]] });
  recordCrossings(viral, viralTimes, 1);
  closeExpiredPetitions(new Date(now - 10 * DAY + 60_000));

  // 2. Open, collecting, still below the thresholds.
  const crossing = start(anna, ago(16), {
    title: "Een zebrapad bij basisschool De Regenboog",
    request: "Wij vragen de gemeenteraad een zebrapad met verkeerslichten aan te leggen op de Kerkstraat bij basisschool De Regenboog.",
    background: "Elke ochtend steken meer dan 200 kinderen de drukke Kerkstraat over. Er is geen zebrapad en auto's rijden er vaak harder dan 30 km per uur.",
    neighbourhoodId: n.Noord,
  });
  submitAndPublish(anna, crossing, ago(15), ago(12));
  bulkSignatures({ topicId: crossing, perDay: curve(12, 164, { peakDay: 1 }), firstDay: ago(12, 8), seed: 11, neighbourhoodWeights: [[n.Noord!, 80], [n.Centrum!, 10], [n.Oost!, 10]] });

  // 3. Open and past the response threshold: the council owes a written answer.
  const lighting = start(jan, ago(45), {
    title: "Betere straatverlichting in het Oosterpark",
    request: "Wij vragen de gemeenteraad de verlichting op de fietspaden door het Oosterpark te vernieuwen en 's nachts aan te laten.",
    background: "Sinds de verlichting om 23.00 uur uitgaat, voelen veel fietsers zich onveilig op weg naar huis.",
    neighbourhoodId: n.Oost,
  });
  submitAndPublish(jan, lighting, ago(44), ago(40));
  const lightingTimes = bulkSignatures({ topicId: lighting, perDay: curve(40, 712, { peakDay: 2, secondWave: 20 }), firstDay: ago(40, 8), seed: 13, neighbourhoodWeights: [[n.Oost!, 70], ...everywhere.slice(0, 2)] });
  recordCrossings(lighting, lightingTimes, 0);

  // 4. Responded and closed, with next steps.
  const benches = start(anna, ago(130), {
    title: "Meer bankjes langs de Singel",
    request: "Wij vragen de gemeenteraad om langs de hele Singel om de 200 meter een bankje te plaatsen.",
    background: "Voor ouderen en mensen met een beperking is de wandeling langs de Singel nu te lang zonder rustpunt.",
    neighbourhoodId: n.Zuid,
  });
  submitAndPublish(anna, benches, ago(128), ago(125));
  must(recordResponse(clerk, benches, {
    body: "De raad steunt het verzoek. Het college plaatst dit jaar twaalf nieuwe bankjes langs de Singel, te beginnen bij het verzorgingshuis.",
    responsibleBody: "Gemeenteraad van Voorbeeldstad",
  }, ago(40)), "respond");
  const benchTimes = bulkSignatures({ topicId: benches, perDay: curve(90, 823, { peakDay: 5 }), firstDay: ago(125, 8), seed: 17, neighbourhoodWeights: [[n.Zuid!, 60], ...everywhere] });
  recordCrossings(benches, benchTimes, 0);
  closeExpiredPetitions(new Date(now - 34 * DAY));
  must(addPetitionNextStep(clerk, benches, { description: "Twaalf bankjes worden geplaatst langs de Singel.", responsibleBody: "Afdeling Openbare Ruimte", dueAt: new Date(now + 45 * DAY) }, ago(30)), "step");

  // 5. Closed at its deadline without reaching a threshold.
  const dogs = start(jan, ago(120), {
    title: "Een losloopgebied voor honden in West",
    request: "Wij vragen de gemeenteraad een omheind losloopgebied voor honden aan te wijzen in de wijk West.",
    neighbourhoodId: n.West,
  });
  submitAndPublish(jan, dogs, ago(118), ago(110));
  bulkSignatures({ topicId: dogs, perDay: curve(90, 96, { peakDay: 2 }), firstDay: ago(110, 8), seed: 19, neighbourhoodWeights: [[n.West!, 90], [n.Zuid!, 10]] });
  closeExpiredPetitions(new Date(now - 19 * DAY));

  // 6. Rejected with a public reason; the text stays visible.
  const duplicate = start(anna, ago(20), {
    title: "Stop de parkeergarage onder het Wilhelminapark",
    request: "Wij vragen de gemeenteraad de plannen voor een parkeergarage onder het Wilhelminapark te schrappen.",
  });
  must(submitPetition(anna, duplicate, ago(19)), "submit");
  must(rejectPetition(clerk, duplicate, { code: "duplicate", note: `Teken de petitie ‘Houd het Wilhelminapark groen’ (nummer ${viral}).` }, ago(18)), "reject");

  // 7. Rejected as offensive: only the reason is public.
  const offensive = start(jan, ago(9), {
    title: "Weg met die idioten van de gemeente",
    request: "Alle ambtenaren van de afdeling vergunningen moeten onmiddellijk worden ontslagen, het zijn stuk voor stuk nietsnutten.",
  });
  must(submitPetition(jan, offensive, ago(9)), "submit");
  must(rejectPetition(clerk, offensive, { code: "offensive", note: "U mag een nieuwe petitie indienen zonder beledigingen." }, ago(8)), "reject");

  // 8. A draft of the demo resident; 9 and 10: two in the clerk's queue, one overdue.
  start(anna, ago(2), {
    title: "Gratis zwemles voor alle kinderen in Voorbeeldstad",
    request: "Wij vragen de gemeenteraad alle kinderen tot twaalf jaar gratis zwemles te geven in het gemeentelijke zwembad.",
    background: "Nog altijd haalt een op de tien kinderen geen zwemdiploma, vooral in gezinnen met weinig geld.",
  });
  const library = start(jan, ago(9), {
    title: "Houd de bibliotheek in Noord open op zaterdag",
    request: "Wij vragen de gemeenteraad geld vrij te maken zodat de bibliotheek in Noord op zaterdag open blijft.",
    neighbourhoodId: n.Noord,
  });
  must(submitPetition(jan, library, ago(8)), "submit");
  const trees = start(anna, ago(2), {
    title: "Plant honderd nieuwe bomen in de Oosterwijk",
    request: "Wij vragen de gemeenteraad dit jaar honderd nieuwe straatbomen te planten in de Oosterwijk.",
    background: "De Oosterwijk is de warmste wijk van de stad in de zomer. Bomen geven schaduw en houden regenwater vast.",
    neighbourhoodId: n.Oost,
    deadline: new Date(now + Math.min(60, duration - 1) * DAY),
  });
  must(submitPetition(anna, trees, ago(1)), "submit");

  // The history above is history: the answers reached their signers and the mail went out long ago.
  while (mailSupportersBatch()) {
    // one batch of the signer fan-out per transaction, until none is pending
  }
  sqlite().prepare("UPDATE email_outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending' AND id > ?").run(firstOutboxId);
}
