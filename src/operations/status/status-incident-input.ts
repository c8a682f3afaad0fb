import type { FieldIssue } from '../../domain/errors.js';
import type { ComponentStatus, PublicImpact, PublicStage } from '../../domain/status/snapshot.js';
import type { StoredStatusIncident, StoredStatusUpdate } from '../../store/status-incidents-repo.js';
import type { Executor } from '../context.js';
import { componentIssues } from './status-page-writes.js';

/** A public incident with its updates, newest first (what the admin API returns). */
export interface StatusIncidentWithUpdates extends StoredStatusIncident {
  updates: StoredStatusUpdate[];
}

/** The components a public incident concerns and the status each shows while it is open. */
export type ShownComponents = Array<{ id: string; status: ComponentStatus }>;

export interface CreateStatusIncidentInput {
  title: string;
  impact: PublicImpact;
  components: ShownComponents;
  /** The internal incident this post is about; referred to only, nothing of it is copied. */
  incidentId?: string | null;
  /** The first update's stage (default `investigating`) and text. */
  stage?: PublicStage;
  body: string;
  /** When the trouble began, if earlier than now. */
  startedAt?: number | null;
}

export interface AddStatusUpdateInput {
  stage: PublicStage;
  body: string;
  /** If given, replaces the components and the status each shows. */
  components?: ShownComponents;
}

/** Issues for components that are not on the page or named twice, at `components[i].id`. */
export function shownComponentIssues(db: Executor, pageId: string, components: ShownComponents): Promise<FieldIssue[]> {
  return componentIssues(
    db,
    pageId,
    components.map((c, i) => ({ id: c.id, field: `components[${i}].id` })),
  );
}
