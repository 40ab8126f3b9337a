import type { TFunction } from 'i18next';
import type { Sentence, SentenceParam } from '../../../shared/contract/common';
import { formatDateAndTime, formatDateTime, formatTimeOfDay } from '../dateTime';

function valueOf(param: SentenceParam, t: TFunction, language: string): string | number {
  if ('text' in param) return param.text;
  if ('key' in param) return t(param.key);
  if ('date' in param) return formatDateAndTime(param.date, param.time, language);
  if ('time' in param) return formatTimeOfDay(param.time, language);
  if ('dateTime' in param) return formatDateTime(param.dateTime, language);
  return param.number;
}

/** A sentence from the backend in the user's language, its values written the way they read. */
export function translateSentence(sentence: Sentence, t: TFunction, language: string): string {
  const values = Object.fromEntries(Object.entries(sentence.params).map(([k, p]) => [k, valueOf(p, t, language)]));
  return t(sentence.key, values);
}
