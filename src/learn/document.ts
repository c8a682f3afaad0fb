/**
 * An exported document (a postmortem, a regulator report) as neutral blocks, so one builder per
 * document feeds both renderers (Markdown and printable HTML) and they cannot drift apart.
 */
export type Block =
  /** People's own words, several lines (Markdown as they wrote it); null: not written yet. */
  | { kind: 'text'; text: string | null }
  /** Label / value pairs, each value one line. */
  | { kind: 'fields'; rows: Array<[string, string]> }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  /** A remark of Fenghuo's own (the blameless statement, an empty table's explanation). */
  | { kind: 'note'; text: string };

export interface Section {
  heading: string;
  blocks: Block[];
}

export interface ExportDocument {
  lang: 'zh-CN' | 'en';
  title: string;
  /** Lines under the title: the organisation, the incident, the document's state. */
  meta: Array<[string, string]>;
  sections: Section[];
  /** Shown where people have not written a text yet. */
  placeholder: string;
  footer: string;
}
