/** Generated Swedish protocol text for the benchmarks' databases: deterministic, so every run writes the same words. */

/** A deterministic pseudo-random stream (mulberry32), so every run generates the same text. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TOPICS = [
  'bostadsinbrott',
  'fordonsbränder',
  'trygghetsvandringar',
  'ungdomsbrottslighet',
  'organiserad brottslighet',
  'otrygghet i centrum',
  'skadegörelse',
  'klotter',
  'narkotikahandel',
  'grannsamverkan',
  'brandskydd',
  'anlagda bränder',
  'våld i nära relationer',
  'lägesbild',
  'samverkansöverenskommelsen',
  'medborgarlöfte',
  'kameraövervakning',
  'belysning i gångtunnlar',
  'sommarlovsaktiviteter',
  'skolbränder',
  'ordningsstörningar',
  'nattvandrare',
  'föräldrasamverkan',
  'social oro',
  'bilbränder',
  'containerbränder',
];
export const PLACES = [
  'Ronna',
  'Hovsjö',
  'Geneta',
  'Fornhöjden',
  'Järna',
  'Hölö',
  'Mölnbo',
  'Enhörna',
  'Saltskog',
  'Brunnsäng',
  'Östertälje',
  'centrum',
  'Södertälje hamn',
  'Moraberg',
];
export const SUBJECTS = [
  'Polisen',
  'Räddningstjänsten',
  'Kommunen',
  'Socialförvaltningen',
  'Fritidsförvaltningen',
  'Brandförsvarsförbundet',
  'Lokalpolisområdet',
  'Samordnaren',
  'Trygghetssamordnaren',
  'Utbildningsförvaltningen',
];
export const VERBS = [
  'redovisar',
  'föreslår',
  'följer upp',
  'analyserar',
  'informerar om',
  'beskriver',
  'sammanfattar',
  'presenterar',
  'utvärderar',
  'kartlägger',
];
export const OBJECTS = [
  'läget i bostadsområdena',
  'utvecklingen under perioden',
  'den lokala lägesbilden',
  'insatserna under sommaren',
  'samverkan med fastighetsägarna',
  'det förebyggande arbetet',
  'resultatet av trygghetsmätningen',
  'åtgärdsplanen för hösten',
  'statistiken för kvartalet',
  'arbetet med skolorna',
  'tillsynen av restaurangerna',
  'uppföljningen av medborgarlöftet',
  'de anmälda brotten',
  'antalet larm',
  'kostnaderna för skadegörelse',
];
export const FILLER = [
  'under',
  'perioden',
  'har',
  'ökat',
  'minskat',
  'jämfört',
  'med',
  'föregående',
  'år',
  'och',
  'i',
  'samarbete',
  'med',
  'berörda',
  'parter',
  'särskilt',
  'kvällar',
  'helger',
  'det',
  'finns',
  'behov',
  'av',
  'fortsatt',
  'arbete',
  'för',
  'att',
  'minska',
  'öka',
  'tryggheten',
  'boende',
  'ungdomar',
  'skolor',
  'fastighetsägare',
  'föreningar',
  'insatser',
  'resurser',
  'planering',
  'uppföljning',
  'dialog',
  'åtgärder',
];
export const DECISIONS = [
  'Chefssamrådet beslutar att notera informationen.',
  'Chefssamrådet beslutar att godkänna åtgärdsplanen.',
  'Informationen noteras till protokollet.',
  'Ärendet återkommer vid nästa sammanträde.',
  'Chefssamrådet ger arbetsgruppen i uppdrag att ta fram ett förslag.',
  'Chefssamrådet beslutar att fastställa den lokala lägesbilden.',
  'Samrådet ställer sig bakom förslaget.',
];
/** one word that occurs in about one § in 5 000: the "rare word" query */
export const RARE = 'ängsvattenskydd';

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

export function sentence(r: () => number): string {
  const topic = pick(r, TOPICS);
  const words = Array.from({ length: 6 + Math.floor(r() * 10) }, () => pick(r, FILLER));
  return `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)} när det gäller ${topic} i ${pick(r, PLACES)}, ${words.join(' ')}.`;
}
