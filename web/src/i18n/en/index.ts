import type { Messages } from '../messages';
import { auth, welcome } from './auth';
import { common } from './common';
import { errors } from './errors';
import { graph } from './graph';
import { incident } from './incident';
import { incidents } from './incidents';
import { monitors } from './monitors';
import { now } from './now';
import { services } from './services';
import { placeholders, status } from './status';
import { integrations } from './integrations';
import { oncall } from './oncall';
import { reports } from './reports';
import { settings } from './settings';
import { statusPages } from './statusPages';

export const en: Messages = {
  common,
  auth,
  welcome,
  now,
  errors,
  status,
  placeholders,
  monitors,
  incidents,
  incident,
  graph,
  oncall,
  reports,
  integrations,
  settings,
  services,
  statusPages,
};
