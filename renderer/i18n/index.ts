import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { buildResources } from './resources';
import { reportMissingKey } from './missing-key';

/** Every locale file, bundled: see `buildResources` for how they form one tree. */
const files = import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' }) as Record<
  string,
  Record<string, unknown>
>;

void i18n.use(initReactI18next).init({
  resources: buildResources(files),
  lng: 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: reportMissingKey,
});

export default i18n;
