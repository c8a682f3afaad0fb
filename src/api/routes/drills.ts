import { FenghuoError } from '../../domain/errors.js';
import type { Context } from '../../operations/context.js';
import { addDrillActionItem, drillRunActionItems } from '../../operations/drills/drill-action-items.js';
import type { DrillInput } from '../../operations/drills/drill-input.js';
import { createDrill, deleteDrill, updateDrill } from '../../operations/drills/manage-drills.js';
import { drillRunView, findDrillRuns, findDrills, getDrill, getDrillRun, type DrillRunView } from '../../operations/drills/read-drills.js';
import { recoverDrillRun, updateDrillRun } from '../../operations/drills/recover-drill-run.js';
import { runDrillNow, type SignalSink } from '../../operations/drills/run-drill.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, parseTime } from '../context.js';
import {
  CreateDrillBody,
  DrillActionItemBody,
  DrillListQuery,
  DrillParam,
  DrillRunSchema,
  DrillSchema,
  RunParams,
  UpdateDrillBody,
  UpdateRunBody,
} from '../drill-schemas.js';
import { drillJson, drillRunJson } from '../drill-presenters.js';
import { actionItemJson } from '../learn-presenters.js';
import { ActionItemSchema } from '../learn-schemas.js';
import { cursorAfterId, encodeCursor } from '../presenters.js';
import { ErrorSchema, listOf } from '../schemas.js';

const tags = ['drills'];

export interface DrillRouteDeps extends RouteDeps {
  /** Where runs inject their failures: the ingest engine. */
  engine: SignalSink;
}

type ScheduleBody = { at: string } | { cron: string; timeZone: string } | null | undefined;

/** The body's schedule with its one-off time as epoch ms. */
function scheduleOf(schedule: ScheduleBody): DrillInput['schedule'] {
  if (schedule == null) return schedule;
  return 'at' in schedule ? { at: parseTime(schedule.at, 'body.schedule.at') } : schedule;
}

/** A single run as answered: with its action items. */
async function runWithItems(ctx: Context, view: DrillRunView) {
  return drillRunJson(view, { ...(await drillRunActionItems(ctx, view.run.id)), now: ctx.clock.now() });
}

/** Drills: scenarios, schedules, runs through the real pipeline, their numbers against RTOs (docs/drills.md). */
export function drillRoutes(app: App, { deps, engine }: DrillRouteDeps): void {
  app.get('/api/v1/drills', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Drills, oldest first', querystring: DrillListQuery, response: { 200: listOf(DrillSchema) } },
    handler: async (request) => {
      const page = await findDrills(contextOf(deps, request), {
        afterId: cursorAfterId(request.query.cursor) ?? undefined,
        limit: request.query.limit ?? 50,
      });
      const last = page.items.at(-1);
      return { items: page.items.map(drillJson), nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null };
    },
  });

  app.post('/api/v1/drills', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Define a drill: scenario, hypothesis, blast radius, participants, schedule',
      body: CreateDrillBody,
      response: { 201: DrillSchema },
    },
    handler: async (request, reply) => {
      const { schedule, ...rest } = request.body;
      const drill = await createDrill(contextOf(deps, request), { ...rest, schedule: scheduleOf(schedule) });
      return reply.status(201).send(drillJson(drill));
    },
  });

  app.get('/api/v1/drills/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'One drill', params: DrillParam, response: { 200: DrillSchema, 404: ErrorSchema } },
    handler: async (request) => drillJson(await getDrill(contextOf(deps, request), request.params.id)),
  });

  app.patch('/api/v1/drills/:id', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change a drill (absent fields are kept)',
      params: DrillParam,
      body: UpdateDrillBody,
      response: { 200: DrillSchema },
    },
    handler: async (request) => {
      const { schedule, ...rest } = request.body;
      return drillJson(await updateDrill(contextOf(deps, request), request.params.id, { ...rest, schedule: scheduleOf(schedule) }));
    },
  });

  app.delete('/api/v1/drills/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove a drill and its run records (not while a run is open)', params: DrillParam },
    handler: async (request, reply) => {
      await deleteDrill(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/drills/:id/run', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Run the drill now: inject its failures through the real pipeline',
      params: DrillParam,
      response: { 201: DrillRunSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      const run = await runDrillNow(ctx, engine, request.params.id);
      return reply.status(201).send(await runWithItems(ctx, await drillRunView(ctx, run)));
    },
  });

  app.get('/api/v1/drills/:id/runs', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'The drill’s runs, newest first',
      params: DrillParam,
      querystring: DrillListQuery,
      response: { 200: listOf(DrillRunSchema) },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const page = await findDrillRuns(ctx, request.params.id, {
        beforeId: cursorAfterId(request.query.cursor) ?? undefined,
        limit: request.query.limit ?? 50,
      });
      const last = page.items.at(-1);
      return { items: page.items.map((v) => drillRunJson(v)), nextCursor: page.hasMore && last ? encodeCursor({ a: last.run.id }) : null };
    },
  });

  app.get('/api/v1/drills/:id/runs/:runId', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'One run: incidents, times against RTOs, verdict, findings, action items',
      params: RunParams,
      response: { 200: DrillRunSchema, 404: ErrorSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const view = await getDrillRun(ctx, request.params.runId);
      if (view.run.drillId !== request.params.id) throw notThisDrill(request.params.id, request.params.runId);
      return runWithItems(ctx, view);
    },
  });

  app.patch('/api/v1/drills/:id/runs/:runId', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Write the run’s findings', params: RunParams, body: UpdateRunBody, response: { 200: DrillRunSchema } },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const run = await updateDrillRun(ctx, request.params.id, request.params.runId, request.body);
      return runWithItems(ctx, await drillRunView(ctx, run));
    },
  });

  app.post('/api/v1/drills/:id/runs/:runId/recover', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Lift the injected failure: resolving signals through the pipeline',
      params: RunParams,
      response: { 200: DrillRunSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const run = await recoverDrillRun(ctx, engine, request.params.id, request.params.runId);
      return runWithItems(ctx, await drillRunView(ctx, run));
    },
  });

  app.post('/api/v1/drills/:id/runs/:runId/action-items', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Add an action item from the run (to the action-item tracker, source drill)',
      params: RunParams,
      body: DrillActionItemBody,
      response: { 201: ActionItemSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      const item = await addDrillActionItem(ctx, request.params.id, request.params.runId, request.body);
      const { names } = await drillRunActionItems(ctx, request.params.runId);
      return reply.status(201).send(actionItemJson(item, names, ctx.clock.now()));
    },
  });
}

function notThisDrill(drillId: string, runId: string) {
  return new FenghuoError('not_found', `drill "${drillId}" has no run "${runId}"`);
}
