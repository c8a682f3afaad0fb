// A long list with only the rows in view (plus a few) in the DOM: fixed row height, its own scroll
// box, table semantics for screen readers (aria-rowcount/aria-rowindex give the real size). Keyboard
// like DataTable: Tab enters at one row, ↑/↓, PageUp/PageDown, Home/End move (scrolling the row in
// first), Enter opens it; links and buttons inside rows keep working.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import './virtual-list.css';

interface VirtualListProps<T> {
  /** Names the list for screen readers. */
  label: string;
  items: readonly T[];
  /** Pixels; every row is exactly this high. */
  rowHeight: number;
  rowKey(item: T): string;
  /** The row's cells (elements with role="cell"). */
  renderRow(item: T, index: number): ReactNode;
  /** The header row's cells (elements with role="columnheader"). */
  header?: ReactNode;
  onActivate?(item: T): void;
  /** Rows drawn beyond each edge of the view. */
  overscan?: number;
  /** Class for the header and every row, e.g. to share a grid template. */
  rowClassName?: string;
}

const INTERACTIVE = 'a, button, input, select, textarea, summary';

export function VirtualList<T>({
  label,
  items,
  rowHeight,
  rowKey,
  renderRow,
  header,
  onActivate,
  overscan = 6,
  rowClassName,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const [active, setActive] = useState(0);
  const focusNext = useRef<number | null>(null);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    setViewHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const count = items.length;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  const current = Math.min(active, Math.max(count - 1, 0));
  // The row Tab lands on: the active one if drawn, else the first one in view.
  const tabStop = current >= first && current < last ? current : Math.min(Math.ceil(scrollTop / rowHeight), count - 1);

  // A layout effect: it runs as the render that draws the row commits. A passive effect left over
  // from an earlier render (Preact runs those after the next paint, React before the next event)
  // could otherwise take the request while the row is not drawn yet, and drop it.
  useLayoutEffect(() => {
    if (focusNext.current === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${focusNext.current}"]`);
    focusNext.current = null;
    row?.focus({ preventScroll: true });
  });

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(scroller.current?.scrollTop ?? 0));
  };

  const moveTo = (index: number) => {
    const el = scroller.current;
    if (!el || count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    let top = el.scrollTop;
    if (next * rowHeight < top) top = next * rowHeight;
    else if ((next + 1) * rowHeight > top + el.clientHeight) top = (next + 1) * rowHeight - el.clientHeight;
    el.scrollTop = top;
    setScrollTop(top);
    setActive(next);
    focusNext.current = next;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, item: T) => {
    const page = Math.max(1, Math.floor(viewHeight / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target !== undefined && event.target === event.currentTarget) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && onActivate && event.target === event.currentTarget) {
      event.preventDefault();
      onActivate(item);
    }
  };

  const onClick = (event: MouseEvent<HTMLDivElement>, index: number, item: T) => {
    setActive(index);
    if (onActivate && !(event.target as Element).closest(INTERACTIVE)) onActivate(item);
  };

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <div
        key={rowKey(item)}
        role="row"
        aria-rowindex={index + 2}
        data-index={index}
        className={`vlist-row ${rowClassName ?? ''}`}
        style={{ height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
        tabIndex={index === tabStop ? 0 : -1}
        onKeyDown={(e) => onKeyDown(e, index, item)}
        onClick={(e) => onClick(e, index, item)}
        onFocus={(e) => e.target === e.currentTarget && setActive(index)}
      >
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div className="vlist" role="table" aria-label={label} aria-rowcount={count + 1} data-clickable={onActivate ? true : undefined}>
      {header && (
        <div role="rowgroup" className="vlist-head">
          <div role="row" aria-rowindex={1} className={`vlist-header ${rowClassName ?? ''}`}>
            {header}
          </div>
        </div>
      )}
      <div ref={scroller} className="vlist-scroll" onScroll={onScroll}>
        <div role="rowgroup" className="vlist-body" style={{ height: count * rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
