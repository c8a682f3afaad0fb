// The four-level scale is shown the same way on every screen: one name per language and one colour
// per level, always together (colour is never the only signal). Change them here and nowhere else.
import type { Locale } from './i18n/locales';

export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

interface LevelLook {
  /** Badge background; chosen so the text colour beside it passes WCAG AA in light and dark mode. */
  background: string;
  text: string;
}

export const LEVEL_LOOK: Record<Level, LevelLook> = {
  1: { background: '#b91c1c', text: '#ffffff' }, // red
  2: { background: '#c2410c', text: '#ffffff' }, // orange
  3: { background: '#f59e0b', text: '#1c1917' }, // amber
  4: { background: '#6b7280', text: '#ffffff' }, // grey
};

const NAMES: Record<Locale, Record<Level, string>> = {
  'zh-CN': { 1: '一级', 2: '二级', 3: '三级', 4: '四级' },
  en: { 1: 'Level 1', 2: 'Level 2', 3: 'Level 3', 4: 'Level 4' },
};

export function levelName(level: Level, locale: Locale): string {
  return NAMES[locale][level];
}

/** The API sends numbers; anything outside 1–4 would be a server bug, shown as the gravest level. */
export function asLevel(value: number): Level {
  return value === 2 || value === 3 || value === 4 ? value : 1;
}

/**
 * Exposes the colours as CSS variables (`--level-1` …) for stylesheets that need them, e.g. the
 * edge of a group of incidents, so that CSS never repeats a colour.
 */
export function applyLevelColours(root: HTMLElement): void {
  for (const level of LEVELS) {
    root.style.setProperty(`--level-${level}`, LEVEL_LOOK[level].background);
    root.style.setProperty(`--level-${level}-text`, LEVEL_LOOK[level].text);
  }
}
