import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { createPerson } from '../participants/people';
import { addMember } from '../participants/bodies';
import { createMeeting } from '../meetings/meetings';
import { addAgendaItem, listAgenda } from '../meetings/agenda';
import { carryOver, agendaSuggestions } from '../meetings/carry-over';
import { addAttendee, listAttendance, updateAttendee } from '../meetings/attendance';
import { createProtocol, getProtocol, setRecusals, updateParagraph, updateProtocol } from '../meetings/protocol';
import { addAction, setActionStatus } from '../meetings/actions';
import { addCorrection, attestParagraph, attestProtocol, submitProtocol } from '../meetings/justering';
import { nameKey } from '../../../shared/text/collate';
import type { AgendaItemFields, Paragraph } from '../../../shared/contract/meetings';
import type { ExampleRefs } from './refs';

/**
 * A 2017 year of Chefssamrådet: four meetings from the standard agenda, attendance with a
 * substitute and a jäv, decisions and action items tied to the agreement's five priorities,
 * all protocols attested (one § at once), and one correction note. The people named in the
 * press release are real; the secretary, the substitute, the guest and all texts are invented.
 */

type PriorityKey = 'organiserad' | 'ungdom' | 'otrygghet' | 'inbrott' | 'fordon';
const PRIORITY_WORDS: Record<PriorityKey, string> = {
  organiserad: 'organiserad',
  ungdom: 'ungdom',
  otrygghet: 'otrygghet',
  inbrott: 'inbrott',
  fordon: 'fordon',
};

/** The agreement's priorities valid in 2017, matched by a word of their title; empty when no agreement is loaded. */
function findPriorities(ctx: Ctx): Partial<Record<PriorityKey, number>> {
  const rows = ctx.db
    .prepare(
      `SELECT p.id, p.title FROM agreement_priority p JOIN agreement_version v ON v.id = p.version_id
       WHERE v.valid_from <= '2017-12-31' AND v.valid_to >= '2017-01-01' ORDER BY v.status = 'signed' DESC, v.id DESC`,
    )
    .all() as Array<{ id: number; title: string }>;
  const found: Partial<Record<PriorityKey, number>> = {};
  for (const [key, word] of Object.entries(PRIORITY_WORDS) as Array<[PriorityKey, string]>) {
    const hit = rows.find((r) => nameKey(r.title).includes(word));
    if (hit) found[key] = hit.id;
  }
  return found;
}

function personId(ctx: Ctx, name: string, create: () => number): number {
  const rows = ctx.db.prepare('SELECT id, name FROM person').all() as Array<{ id: number; name: string }>;
  return rows.find((r) => nameKey(r.name) === nameKey(name))?.id ?? create();
}

interface ItemPlan {
  fields: AgendaItemFields;
  decision: string;
  background?: string;
  notes?: string;
  distribution?: string;
  carryOver?: boolean;
  recusal?: 'uddholm';
  actions?: Array<{
    description: string;
    owner: { person?: string; org?: string };
    due: string;
    doneOn?: string;
    priority?: PriorityKey;
  }>;
}

interface MeetingPlan {
  date: string;
  place: string;
  justerare: 'nylind' | 'uddholm';
  nylindAbsent?: boolean;
  items: ItemPlan[];
  guest?: { title: string; forItem: number };
  carryFromPrevious?: boolean;
  attestedOn: [chair: string, justerare: string];
  immediate?: number;
  correction?: { date: string; text: string; onItem?: number };
}

const STANDING_DECISIONS: Record<string, (m: { justerare: string }) => string> = {
  'Mötets öppnande': () => 'Ordföranden förklarar mötet öppnat.',
  'Val av justerare': (m) => `Att jämte ordföranden justera protokollet utses ${m.justerare}.`,
  'Godkännande av dagordningen': () => 'Dagordningen godkänns.',
  'Föregående protokoll': () => 'Föregående protokoll läggs till handlingarna.',
  Lägesbild: () => 'Informationen noteras.',
  'Övriga frågor': () => 'Inga övriga frågor anmäldes.',
  'Mötets avslutande': () => 'Ordföranden förklarar mötet avslutat.',
};

const LAGESBILD = {
  Lägesbild:
    'Polisen, brandförsvaret och kommunen redovisade läget sedan förra mötet utifrån den gemensamma lokala lägesbilden.',
};

function plans(p: Partial<Record<PriorityKey, number>>): MeetingPlan[] {
  const item = (
    kind: AgendaItemFields['kind'],
    title: string,
    presenter: string,
    minutes: number,
    priority: PriorityKey | null,
    dnr: string | null,
    description: string,
  ): AgendaItemFields => ({
    kind,
    title,
    presenter,
    plannedMinutes: minutes,
    priorityId: priority ? (p[priority] ?? null) : null,
    dnr,
    description,
  });
  return [
    {
      date: '2017-03-14',
      place: 'Stadshuset, Södertälje',
      justerare: 'nylind',
      attestedOn: ['2017-03-21', '2017-03-22'],
      items: [
        {
          fields: item(
            'decision',
            'Samverkansöverenskommelsen 2017–2018: genomförande',
            'Camilla Broo',
            20,
            null,
            'KS 2017/112',
            'Överenskommelsen undertecknades 2016-12-20 och gäller 2017-01-01 – 2018-12-31. Parterna redovisar hur arbetet organiseras.',
          ),
          decision:
            'Chefssamrådet fastställer arbetsformerna för 2017: fyra chefssamråd och fasta lägesmöten varannan vecka.',
          distribution: 'Parternas ledningsgrupper',
        },
        {
          fields: item(
            'decision',
            'Fordonsbränder: gemensam handlingsplan inför sommaren',
            'Lars-Göran Uddholm',
            20,
            'fordon',
            'KS 2017/131',
            'Antalet fordonsbränder ökade under hösten 2016, främst i Ronna, Hovsjö och Geneta.',
          ),
          decision:
            'Brandförsvaret får i uppdrag att tillsammans med polisen ta fram en handlingsplan mot fordonsbränder till juni.',
          actions: [
            {
              description: 'Ta fram gemensam handlingsplan mot fordonsbränder',
              owner: { org: 'Södertörns brandförsvarsförbund' },
              due: '2017-05-31',
              doneOn: '2017-05-29',
            },
          ],
          distribution: 'Södertörns brandförsvarsförbund, Södertälje lokalpolisområde',
        },
        {
          fields: item(
            'information',
            'Bostadsinbrott: lägesbild och förebyggande arbete',
            'Peter Nylind',
            15,
            'inbrott',
            null,
            'Polisen redovisar utvecklingen av bostadsinbrott och grannsamverkan.',
          ),
          decision: 'Informationen noteras. Polisen återkommer med en analys av inbrotten i villaområden.',
          actions: [
            {
              description: 'Analys av bostadsinbrott i villaområden',
              owner: { person: 'Peter Nylind' },
              due: '2017-06-13',
              doneOn: '2017-06-13',
            },
          ],
        },
      ],
    },
    {
      date: '2017-06-13',
      place: 'Polishuset, Södertälje',
      justerare: 'uddholm',
      attestedOn: ['2017-06-20', '2017-06-21'],
      guest: { title: 'enhetschef, Fältassistenterna', forItem: 1 },
      correction: {
        date: '2017-06-28',
        text: 'Under § 14 ska diarienumret vara KS 2017/418, inte KS 2017/481.',
        onItem: 1,
      },
      items: [
        {
          fields: item(
            'decision',
            'Otrygghet i bostadsområden och centrum: trygghetsvandringar',
            'Camilla Broo',
            20,
            'otrygghet',
            'KS 2017/405',
            'Förslag om gemensamma trygghetsvandringar i Södertälje centrum, Ronna och Hovsjö under hösten.',
          ),
          decision:
            'Chefssamrådet ställer sig bakom trygghetsvandringar under hösten och uppdrar åt kommunen att samordna dem.',
          actions: [
            {
              description: 'Samordna trygghetsvandringar i centrum, Ronna och Hovsjö',
              owner: { org: 'Södertälje kommun' },
              due: '2017-10-31',
              doneOn: '2017-10-30',
            },
          ],
        },
        {
          fields: item(
            'decision',
            'Ungdomar i riskzon: sommarinsatser',
            'Camilla Broo',
            20,
            'ungdom',
            'KS 2017/481',
            'Fältassistenterna och fritidsgårdarna presenterar sommarens förstärkta insatser för ungdomar.',
          ),
          decision: 'Sommarinsatserna genomförs enligt förslaget. Resultatet redovisas vid nästa möte.',
          carryOver: true,
          actions: [
            {
              description: 'Redovisa resultatet av sommarinsatserna för ungdomar',
              owner: { org: 'Fältassistenterna' },
              due: '2017-09-12',
              doneOn: '2017-09-12',
            },
          ],
        },
        {
          fields: item(
            'information',
            'Fordonsbränder: handlingsplanen',
            'Lars-Göran Uddholm',
            15,
            'fordon',
            'KS 2017/131',
            'Brandförsvaret redovisar den gemensamma handlingsplanen.',
          ),
          decision: 'Handlingsplanen antas.',
        },
      ],
    },
    {
      date: '2017-09-12',
      place: 'Brandstationen, Södertälje',
      justerare: 'uddholm',
      nylindAbsent: true,
      carryFromPrevious: true,
      attestedOn: ['2017-09-19', '2017-09-20'],
      items: [
        {
          fields: item(
            'decision',
            'Organiserad brottslighet: samordnad tillsyn',
            'Anders Wikström',
            25,
            'organiserad',
            'KS 2017/602',
            'Polisen föreslår gemensam tillsyn av verksamheter med koppling till organiserad brottslighet, med kommunens tillsynsfunktioner och brandförsvaret.',
          ),
          decision: 'Parterna genomför samordnad tillsyn under hösten. Polisen leder arbetet.',
          notes:
            'Protokollsanteckning: Lars-Göran Uddholm framhåller att brandförsvarets tillsyn sker enligt lagen om skydd mot olyckor.',
          actions: [
            {
              description: 'Plan för samordnad tillsyn hösten 2017',
              owner: { person: 'Anders Wikström' },
              due: '2017-10-15',
              doneOn: '2017-10-10',
            },
          ],
        },
        {
          fields: item(
            'decision',
            'Medel till förebyggande projekt mot fordonsbränder',
            'Camilla Broo',
            15,
            'fordon',
            'KS 2017/611',
            'Brandförsvarsförbundet ansöker om medel ur den gemensamma brottsförebyggande budgeten för ett projekt med skolinformation.',
          ),
          decision: 'Ansökan beviljas med 150 000 kronor.',
          recusal: 'uddholm',
          distribution: 'Södertörns brandförsvarsförbund, kommunens ekonomiavdelning',
        },
      ],
    },
    {
      date: '2017-12-12',
      place: 'Stadshuset, Södertälje',
      justerare: 'nylind',
      attestedOn: ['2017-12-19', '2017-12-20'],
      immediate: 1,
      items: [
        {
          fields: item(
            'decision',
            'Uppföljning 2017 och inriktning 2018',
            'Camilla Broo',
            30,
            null,
            'KS 2017/880',
            'Genomgång av året utifrån de fem prioriterade områdena.',
          ),
          decision: 'Chefssamrådet godkänner uppföljningen. Prioriteringarna ligger fast för 2018.',
          actions: [
            {
              description: 'Uppdatera den lokala lägesbilden inför 2018',
              owner: { org: 'Södertälje lokalpolisområde' },
              due: '2018-02-28',
              doneOn: '2018-02-20',
            },
            {
              description: 'Fortsätta trygghetsvandringar våren 2018',
              owner: { org: 'Södertälje kommun' },
              due: '2018-05-31',
              priority: 'otrygghet',
            },
            {
              description: 'Fortsatt samverkan mot organiserad brottslighet: uppföljning av tillsynen',
              owner: { person: 'Peter Nylind' },
              due: '2018-03-31',
              priority: 'organiserad',
            },
          ],
        },
        {
          fields: item(
            'decision',
            'Mötesplan 2018',
            'Maria Lindqvist',
            5,
            null,
            null,
            'Förslag till datum för chefssamråd 2018.',
          ),
          decision:
            'Chefssamrådet sammanträder 2018-03-13, 2018-06-12, 2018-09-11 och 2018-12-11. Paragrafen justeras omedelbart.',
        },
      ],
    },
  ];
}

export function loadMeetings(ctx: Ctx, refs: ExampleRefs): void {
  const bodyId = refs.bodies.chefssamradet;
  if (!bodyId) return;
  if (ctx.db.prepare("SELECT 1 FROM meeting WHERE body_id = ? AND substr(date, 1, 4) = '2017'").get(bodyId)) return;
  const broo = refs.people.broo;
  const nylind = refs.people.nylind;
  const uddholm = refs.people.uddholm;
  const org = (name: string) =>
    (ctx.db.prepare('SELECT id, name FROM organisation').all() as Array<{ id: number; name: string }>).find(
      (o) => o.name === name,
    )?.id ?? null;
  const secretary = personId(ctx, 'Maria Lindqvist', () => {
    const id = createPerson(ctx, {
      name: 'Maria Lindqvist',
      title: 'samordnare för trygghet och samverkan',
      organisationId: refs.organisations.kommun,
      email: null,
      phone: null,
      activeFrom: '2016-09-01',
      activeTo: null,
    }).id;
    addMember(ctx, {
      bodyId,
      personId: id,
      role: 'sekreterare',
      from: '2017-01-01',
      to: '2018-12-31',
      substituteForId: null,
    });
    return id;
  });
  const wikstrom = personId(ctx, 'Anders Wikström', () => {
    const id = createPerson(ctx, {
      name: 'Anders Wikström',
      title: 'biträdande lokalpolisområdeschef',
      organisationId: refs.organisations.polis,
      email: null,
      phone: null,
      activeFrom: '2016-01-01',
      activeTo: null,
    }).id;
    addMember(ctx, {
      bodyId,
      personId: id,
      role: 'ersattare',
      from: '2017-01-01',
      to: '2018-12-31',
      substituteForId: nylind,
    });
    return id;
  });
  const ek = personId(
    ctx,
    'Sara Ek',
    () =>
      createPerson(ctx, {
        name: 'Sara Ek',
        title: 'enhetschef',
        organisationId: refs.organisations.faltassistenter ?? null,
        email: null,
        phone: null,
        activeFrom: null,
        activeTo: null,
      }).id,
  );
  const people: Record<string, number> = { 'Peter Nylind': nylind, 'Anders Wikström': wikstrom, 'Camilla Broo': broo };
  const priorities = findPriorities(ctx);
  refs.meetings = {};
  const names = { nylind: 'Peter Nylind', uddholm: 'Lars-Göran Uddholm' };

  for (const plan of plans(priorities)) {
    const justerareId = plan.justerare === 'nylind' ? nylind : uddholm;
    const meeting = createMeeting(ctx, {
      bodyId,
      date: plan.date,
      startTime: '09:00',
      endTime: '11:30',
      place: plan.place,
      chairId: broo,
      secretaryId: secretary,
      justerareIds: [justerareId],
      notes: null,
      applyTemplate: true,
    });
    refs.meetings[plan.date] = meeting.id;
    // attendance: Wikström serves for Nylind when he is away
    if (plan.nylindAbsent) {
      const rows = listAttendance(ctx, meeting.id);
      const n = rows.find((a) => a.personId === nylind)!;
      updateAttendee(ctx, n.id, { role: n.role, status: 'absent', substituteForId: null, participatesIn: null });
      const w = rows.find((a) => a.personId === wikstrom)!;
      updateAttendee(ctx, w.id, {
        role: 'ersattare',
        status: 'present',
        substituteForId: nylind,
        participatesIn: null,
      });
    }
    if (plan.carryFromPrevious) {
      const offered = agendaSuggestions(ctx, meeting.id);
      carryOver(
        ctx,
        meeting.id,
        offered.unfinished.map((u) => u.id),
        [],
      );
    }
    for (const it of plan.items)
      addAgendaItem(ctx, meeting.id, {
        ...it.fields,
        description: it.fields.description ?? null,
        presenter: it.fields.presenter ?? null,
        plannedMinutes: it.fields.plannedMinutes ?? 10,
        priorityId: it.fields.priorityId ?? null,
        dnr: it.fields.dnr ?? null,
      });
    // the example follows the clock: a meeting still to come has its agenda and no protocol yet
    const now = today(ctx);
    if (plan.date > now) continue;

    const protocol = createProtocol(ctx, meeting.id);
    const agenda = listAgenda(ctx, meeting.id);
    const ownItems = new Map(plan.items.map((it) => [it.fields.title, it]));
    const ownParagraphs: Paragraph[] = [];
    for (const p of protocol.paragraphs) {
      const it = ownItems.get(p.title);
      const standing = STANDING_DECISIONS[p.title];
      const carried = agenda.find((a) => a.id === p.agendaItemId)?.fromParagraphId != null;
      const decision =
        it?.decision ??
        (standing
          ? standing({ justerare: names[plan.justerare] })
          : carried
            ? 'Redovisningen noteras. Ärendet är därmed avslutat.'
            : 'Informationen noteras.');
      updateParagraph(ctx, p.id, {
        kind: p.kind,
        title: p.title,
        dnr: p.dnr,
        background: it?.background ?? p.background ?? (LAGESBILD as Record<string, string>)[p.title] ?? null,
        decision,
        notes: it?.notes ?? null,
        distribution: it?.distribution ?? null,
        priorityId: p.priorityId,
        finished: true,
        carryOver: it?.carryOver ?? false,
      });
      if (it) {
        ownParagraphs.push(p);
        if (it.recusal === 'uddholm') setRecusals(ctx, p.id, [uddholm]);
        for (const a of it.actions ?? []) {
          const action = addAction(ctx, p.id, {
            description: a.description,
            ownerPersonId: a.owner.person ? people[a.owner.person] : null,
            ownerOrganisationId: a.owner.org ? org(a.owner.org) : null,
            dueDate: a.due,
            priorityId: a.priority ? (priorities[a.priority] ?? null) : null,
          });
          if (a.doneOn && a.doneOn <= now) setActionStatus(ctx, action.id, 'done', a.doneOn);
        }
      }
    }
    if (plan.guest) {
      const p = ownParagraphs[plan.guest.forItem];
      addAttendee(ctx, meeting.id, ek, {
        role: 'ovrig',
        status: 'present',
        substituteForId: null,
        participatesIn: `§ ${p.number}`,
      });
    }
    if (plan.immediate !== undefined && plan.date <= now) {
      const p = ownParagraphs[plan.immediate];
      attestParagraph(ctx, p.id, broo, plan.date, plan.place);
      attestParagraph(ctx, p.id, justerareId, plan.date, plan.place);
    }
    updateProtocol(ctx, meeting.id, plan.place.split(',')[0], plan.attestedOn[1]);
    submitProtocol(ctx, meeting.id);
    if (plan.attestedOn[1] > now) continue;
    attestProtocol(ctx, meeting.id, broo, plan.attestedOn[0], plan.place.split(',')[0]);
    attestProtocol(ctx, meeting.id, justerareId, plan.attestedOn[1], plan.place.split(',')[0]);
    if (plan.correction) {
      const paragraphId = plan.correction.onItem !== undefined ? ownParagraphs[plan.correction.onItem].id : null;
      const number =
        paragraphId !== null
          ? getProtocol(ctx, meeting.id)!.paragraphs.find((x) => x.id === paragraphId)!.number
          : null;
      addCorrection(
        ctx,
        meeting.id,
        paragraphId,
        plan.correction.date,
        number ? plan.correction.text.replace('§ 14', `§ ${number}`) : plan.correction.text,
      );
    }
  }
}
