/** 事项目录与办事指南. Routes only; handlers live beside it. */
import { labelForPath } from '../../core/matter/import';
import { createRouter } from '../shared/router';
import { get, home, list, search } from './handlers/browse';
import { importCatalogue } from './handlers/import';

/** Every action this function answers, each with its params schema and permission. */
export const actions = { home, list, search, get, import: importCatalogue };

export const main = createRouter('matters', actions, { labels: labelForPath });
