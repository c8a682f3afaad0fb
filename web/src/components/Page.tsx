import type { ReactNode } from 'react';
import { useDocumentTitle } from './useDocumentTitle';

/** A screen's heading and the tab's title; every screen starts with one, so there is one <h1>. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
