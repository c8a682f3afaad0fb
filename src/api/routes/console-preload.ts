// The console's page names the files of the screen its address opens, so the browser fetches them
// while it is still reading the main script instead of after running it. Which files a screen
// needs comes from Vite's manifest (dist/web/.vite/manifest.json, `build.manifest` in
// web/vite.config.ts); which screen an address opens mirrors web/src/app/routes.ts.

import { isBuildFileName } from './console-files.js';

/** One chunk of Vite's build manifest (the fields used here). */
export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
export type BuildManifest = Record<string, ManifestChunk>;

/** Address → the screen module it draws (its manifest key below `src/screens/`). */
const SCREENS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/$/, 'now/NowScreen'],
  [/^\/incidents$/, 'incidents/IncidentsScreen'],
  [/^\/incidents\/\d{1,15}$/, 'incidents/IncidentScreen'],
  [/^\/services$/, 'services/ServicesScreen'],
  [/^\/services\/[^/]+$/, 'services/ServiceScreen'],
  [/^\/monitors$/, 'monitors/MonitorsScreen'],
  [/^\/monitors\/[^/]+$/, 'monitors/MonitorScreen'],
  [/^\/oncall$/, 'oncall/OnCallScreen'],
  [/^\/reports$/, 'reports/ReportsScreen'],
  [/^\/integrations$/, 'integrations/IntegrationsScreen'],
  [/^\/settings$/, 'settings/SettingsScreen'],
  [/^\/status-pages$/, 'status/StatusPagesScreen'],
  [/^\/status-pages\/[^/]+$/, 'status/StatusPageScreen'],
];

/** Hashed asset names only: nothing from the manifest is written into the page unless it looks like one. */
function isAsset(file: string): boolean {
  return file.startsWith('assets/') && isBuildFileName(file.slice('assets/'.length));
}

/**
 * The `<link>` elements that let the browser fetch, in parallel with the main script, the chunks
 * and stylesheets of the screen `urlPath` opens: the screen's chunk and what it imports, except
 * the entry (the page loads that anyway). Empty when the address opens no known screen, or the
 * build merged the screen into another chunk (the manifest then has no key for it).
 */
export function preloadLinks(manifest: BuildManifest, urlPath: string): string {
  const path = urlPath.length > 1 ? urlPath.replace(/\/+$/, '') : urlPath;
  const screen = SCREENS.find(([pattern]) => pattern.test(path))?.[1];
  const start = screen === undefined ? undefined : `src/screens/${screen}.tsx`;
  if (start === undefined || !manifest[start]) return '';
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || seen.has(key)) return;
    seen.add(key);
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(start);
  return [
    // `crossorigin`: Vite's loader links the screen's stylesheets in CORS mode; a preload in
    // another mode would not match them, and each would be downloaded twice.
    ...[...styles].filter(isAsset).map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
    ...[...scripts].filter(isAsset).map((f) => `<link rel="modulepreload" href="/${f}">`),
  ].join('');
}

/** The shell with `links` just before `</head>` (unchanged when there are none or no `</head>`). */
export function withPreloads(shell: Buffer, links: string): Buffer {
  if (links === '') return shell;
  const html = shell.toString('utf8');
  const at = html.indexOf('</head>');
  return at < 0 ? shell : Buffer.from(`${html.slice(0, at)}${links}${html.slice(at)}`, 'utf8');
}
