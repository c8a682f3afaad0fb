// One public incident post: what the public reads (title, stage, impact, components, updates), the
// internal incident it refers to (console only), and for responders an update form and "resolve".
import { useState } from 'react';
import type { StatusComponent, StatusIncident } from '../../api/types';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import { LinkedIncident } from './LinkedIncident';
import { ResolveButton } from './ResolveButton';
import { ComponentStatusBadge, StageBadge } from './StatusWords';
import { UpdateForm } from './UpdateForm';

interface Props {
  pageId: string;
  post: StatusIncident;
  components: StatusComponent[];
  canEdit: boolean;
  onChanged(): void;
}

export function PostCard({ pageId, post, components, canEdit, onChanged }: Props) {
  const { t } = useI18n();
  const p = t.statusPages.posts;
  const [updating, setUpdating] = useState(false);
  const names = new Map(components.map((c) => [c.id, c.name]));
  const headingId = `sp-post-${post.id}`;

  return (
    <article className="sp-post" aria-labelledby={headingId}>
      <h4 id={headingId} className="sp-item-title">
        {post.title}
      </h4>
      <p className="sp-meta">
        <StageBadge value={post.stage} /> <span className="muted">{p.impactOf(t.statusPages.impact[post.impact])}</span>
        {' · '}
        <span className="muted">
          {p.started} <Time value={post.startedAt} mode="absolute" />
          {post.resolvedAt && (
            <>
              {' · '}
              {p.resolvedAt} <Time value={post.resolvedAt} mode="absolute" />
            </>
          )}
        </span>
      </p>
      {post.components.length > 0 && (
        <p className="sp-meta">
          <span className="muted">{p.componentsShown}: </span>
          {post.components.map((c) => (
            <span key={c.id} className="sp-chip">
              {names.get(c.id) ?? c.id} <ComponentStatusBadge value={c.status} />
            </span>
          ))}
        </p>
      )}
      {post.incidentId && <LinkedIncident incidentId={post.incidentId} />}
      <details className="sp-updates" open={post.stage !== 'resolved'}>
        <summary>{p.updatesTitle(post.updates.length)}</summary>
        <ol reversed>
          {post.updates.map((u) => (
            <li key={u.id}>
              <p className="sp-meta">
                <StageBadge value={u.stage} /> <Time value={u.createdAt} mode="absolute" />{' '}
                <span className="muted">{p.by(u.createdBy)}</span>
              </p>
              <p className="sp-text">{u.body}</p>
            </li>
          ))}
        </ol>
      </details>
      {canEdit && (
        <div className="sp-actions">
          <button type="button" className="button" aria-expanded={updating} onClick={() => setUpdating((u) => !u)}>
            {updating ? p.closeUpdate : p.update}
          </button>
          {post.stage !== 'resolved' && <ResolveButton pageId={pageId} post={post} onDone={onChanged} />}
        </div>
      )}
      {updating && (
        <UpdateForm
          pageId={pageId}
          post={post}
          components={components}
          onDone={() => {
            setUpdating(false);
            onChanged();
          }}
        />
      )}
    </article>
  );
}
