// A table whose rows are reachable by keyboard: Tab enters the table at one row, the arrow keys
// (and Home/End) move between rows, Enter opens the row. Links and buttons inside rows still work.
import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import './table.css';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render(row: T): ReactNode;
  /** e.g. `num` to right-align figures. */
  className?: string;
}

interface DataTableProps<T> {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  onActivate?(row: T): void;
}

const INTERACTIVE = 'a, button, input, select, textarea, summary';

export function DataTable<T>({ caption, columns, rows, rowKey, onActivate }: DataTableProps<T>) {
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const current = Math.min(active, Math.max(rows.length - 1, 0));

  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    (body.current?.rows[next] as HTMLElement | undefined)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      focusRow(target);
    } else if (event.key === 'Enter' && onActivate && event.target === event.currentTarget) {
      event.preventDefault();
      onActivate(row);
    }
  };

  const onClick = (event: MouseEvent<HTMLTableRowElement>, index: number, row: T) => {
    setActive(index);
    if (onActivate && !(event.target as Element).closest(INTERACTIVE)) onActivate(row);
  };

  return (
    <div className="table-wrap">
      <table className="data-table" data-clickable={onActivate ? true : undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((row, index) => (
            <tr
              key={rowKey(row)}
              tabIndex={index === current ? 0 : -1}
              onKeyDown={(e) => onKeyDown(e, index, row)}
              onClick={(e) => onClick(e, index, row)}
              onFocus={() => setActive(index)}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
