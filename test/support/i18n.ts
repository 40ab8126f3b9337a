import fs from 'node:fs';
import path from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { buildResources } from '../../renderer/i18n/resources';

const LOCALES = path.resolve(__dirname, '../../renderer/i18n/locales');

/** The app's translations read from disk, as the renderer bundles them, in one language. */
export async function translator(language: 'sv' | 'en'): Promise<TFunction> {
  const files = Object.fromEntries(
    fs
      .readdirSync(LOCALES)
      .flatMap((lng) =>
        fs
          .readdirSync(path.join(LOCALES, lng))
          .map((f) => [`locales/${lng}/${f}`, JSON.parse(fs.readFileSync(path.join(LOCALES, lng, f), 'utf8'))]),
      ),
  );
  const i18n = createInstance();
  await i18n.init({
    resources: buildResources(files),
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n.t;
}
