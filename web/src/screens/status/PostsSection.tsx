// A page's public incident posts: publish one, and the open and resolved ones with their updates.
import { useState } from 'react';
import { listStatusIncidents } from '../../api/status-pages';
import type { StatusComponent } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { PostCard } from './PostCard';
import { PostForm } from './PostForm';

const SHOWN = 100;

interface Props {
  pageId: string;
  components: StatusComponent[];
  canEdit: boolean;
  onChanged(): void;
}

export function PostsSection({ pageId, components, canEdit, onChanged }: Props) {
  const { t } = useI18n();
  const p = t.statusPages.posts;
  const query = useQuery(`status-posts:${pageId}`, (signal) => listStatusIncidents(pageId, SHOWN, signal));
  const [creating, setCreating] = useState(false);
  const changed = () => {
    query.reload();
    onChanged();
  };

  return (
    <section className="card sp-section" aria-labelledby="sp-posts">
      <div className="sp-section-head">
        <h2 id="sp-posts">{p.title}</h2>
        {canEdit && (
          <button type="button" className="button" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
            {p.new}
          </button>
        )}
      </div>
      {creating && (
        <PostForm
          pageId={pageId}
          components={components}
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            changed();
          }}
        />
      )}
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={p.empty}>
        {(page) =>
          (['open', 'resolved'] as const).map((kind) => {
            const posts = page.items.filter((post) => (post.stage === 'resolved') === (kind === 'resolved'));
            return (
              posts.length > 0 && (
                <div key={kind} className="sp-group">
                  <h3>{p[kind]}</h3>
                  <ul className="sp-list">
                    {posts.map((post) => (
                      <li key={post.id} data-post-id={post.id}>
                        <PostCard pageId={pageId} post={post} components={components} canEdit={canEdit} onChanged={changed} />
                      </li>
                    ))}
                  </ul>
                </div>
              )
            );
          })
        }
      </QueryView>
    </section>
  );
}
