// Translations: i18next with ICU message format; the language the user picked, else the first
// of the browser's that we have (zh-TW for any Chinese preference), else English.
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';

import { en, type MessageKey } from './en';
import { zhTW } from './zh-TW';

export type Language = 'zh-TW' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-TW', 'en'];
const STORED = 'pipewise.language';

export function preferredLanguage(browser: readonly string[], stored: string | null): Language {
  if (stored === 'zh-TW' || stored === 'en') return stored;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-TW';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function initI18n(language?: Language): typeof i18next {
  const chosen =
    language ?? preferredLanguage(navigator.languages ?? [navigator.language], localStorage.getItem(STORED));
  void i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: chosen,
      fallbackLng: 'en',
      resources: { en: { translation: en }, 'zh-TW': { translation: zhTW } },
      interpolation: { escapeValue: false },
      initImmediate: false,
      returnNull: false,
    } as Parameters<typeof i18next.init>[0]);
  document.documentElement.lang = chosen === 'zh-TW' ? 'zh-Hant-TW' : 'en';
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language === 'zh-TW' ? 'zh-Hant-TW' : 'en';
  await i18next.changeLanguage(language);
}

export type { MessageKey };
